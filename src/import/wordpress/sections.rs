//! The pages the import writes besides the posts: the site's home page and its news
//! section (holding the old category and tag archives as aliases), when the site has
//! none of its own.

use super::existing::Existing;
use super::page::section_index;
use super::plan::Plan;
use super::report::{self, Report};
use super::text::plain_text;
use super::wxr::{Channel, Term};
use crate::content::alias::Alias;
use crate::integrity::spam::SpamGuard;
use std::collections::{BTreeMap, BTreeSet};

/// The site's home page and news section, when the site does not have its own: the
/// news section carries the old category and tag archives (and `?cat=`, `?tag=`) of the
/// posts imported.
pub fn site_files(
    plan: &Plan,
    channel: &Channel,
    used_terms: &BTreeSet<(String, String)>,
    existing: &Existing,
    guard: &SpamGuard,
    report: &mut Report,
) -> Vec<(String, String)> {
    let mut files = Vec::new();
    if !existing.has_home {
        let title = plain_text(&channel.title);
        let title = if title.is_empty() {
            report.site.clone()
        } else {
            title
        };
        let description = plain_text(&channel.description);
        let description = (!description.is_empty()).then_some(description);
        files.push((
            "_index.md".to_string(),
            section_index(&title, description, &[]),
        ));
    }
    if report.counts.posts == 0 || existing.has_news {
        return files;
    }
    let mut taken = plan.taken.clone();
    let mut aliases = Vec::new();
    // An archive's address is kept when it is one laman can write, free, and not a
    // spam term (a planted post's tag): archives are the news section's, not a page's,
    // so one not kept is no loss worth listing.
    let mut consider = |text: String| {
        let spam = guard.scan_text(&text).into_iter().any(|h| h.is_spam());
        if let Ok(a) = Alias::parse(&text) {
            if !spam && !plan.generated(&a) && !taken.contains_key(&a.address()) {
                taken.insert(a.address(), plan.news.clone());
                aliases.push(text);
            }
        }
    };
    let categories: BTreeMap<&str, &super::wxr::Term> = channel
        .categories
        .iter()
        .map(|t| (t.slug.as_str(), t))
        .collect();
    for (domain, slug) in used_terms {
        if domain == "category" {
            consider(format!("{}category/{slug}/", plan.base));
            let nested = category_path(slug, &categories);
            if nested != *slug {
                consider(format!("{}category/{nested}/", plan.base));
            }
            if let Some(term) = categories.get(slug.as_str()) {
                if !term.id.is_empty() {
                    consider(format!("{}?cat={}", plan.base, term.id));
                }
            }
        } else if domain == "post_tag" {
            consider(format!("{}tag/{slug}/", plan.base));
            consider(format!("{}?tag={slug}", plan.base));
        }
    }
    report.counts.aliases += aliases.len();
    report.counts.sections += 1;
    files.push((
        format!("{}/_index.md", plan.news),
        section_index(
            report::NEWS_TITLE,
            Some(report::NEWS_DESCRIPTION.to_string()),
            &aliases,
        ),
    ));
    files
}

/// A category's path with its parents (`berita/kesehatan`), loops cut.
fn category_path(slug: &str, categories: &BTreeMap<&str, &Term>) -> String {
    let mut parts = vec![slug.to_string()];
    let mut at = slug;
    for _ in 0..8 {
        match categories.get(at) {
            Some(t) if !t.parent.is_empty() && !parts.contains(&t.parent) => {
                parts.push(t.parent.clone());
                at = &t.parent;
            }
            _ => break,
        }
    }
    parts.reverse();
    parts.join("/")
}
