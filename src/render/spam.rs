//! The gambling-spam guard in the build: every page's markdown (front matter, body and
//! file name) and every rendered HTML page are scanned with one
//! [`SpamGuard`] built from the registry.
//!
//! Terms and hidden text are `content.spam` (errors: the site is not published), links
//! outside the allow-list `content.link.external` (warnings). A hit in the markdown is
//! reported at its file and line; a rendered page is reported only for what no markdown
//! of the build carries (hidden text always), once per site and kind, naming the
//! template (and its line, where the template writes it literally). A reviewer's
//! `[tinjauan_spam]` lowers a page's term findings to one `content.spam.acknowledged`
//! warning. Pages rendered only by laman's own embedded templates are not scanned again:
//! those templates show what the guard has read already (markdown, `_site.toml`) and the
//! Dinas's registry; a regency theme or a site's own templates make every page scanned.
//! This module must not decide publishing (the build reads the severities).

use super::theme::Templates;
use crate::content::Doc;
use crate::finding::{Code, Finding};
use crate::integrity::spam::{Hit, HitKind, SpamGuard};
use crate::msg;
use crate::site::Site;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// What the markdown of the rendered sites carries (terms and hosts, acknowledged or
/// not), so that a rendered page listing it is not reported again.
pub(super) type Known = HashSet<HitKind>;

/// Scans the markdown of every section and page of `site`; returns the findings and
/// what the markdown carries.
pub(super) fn scan_site(guard: &SpamGuard, site: &Site) -> (Vec<Finding>, Known) {
    let docs: Vec<&Doc> = site.content.docs().collect();
    let scanned: Vec<(Vec<Finding>, Vec<HitKind>)> = docs
        .par_iter()
        .map(|doc| scan_doc(guard, doc, site))
        .collect();
    let (mut findings, mut known) = scan_settings(guard, site);
    for (f, kinds) in scanned {
        findings.extend(f);
        known.extend(kinds);
    }
    (findings, known)
}

/// The site's settings (`_site.toml`: tagline, contact, links, service pledge), which
/// the templates show: every text value is read, and findings name the file.
fn scan_settings(guard: &SpamGuard, site: &Site) -> (Vec<Finding>, Known) {
    let file = site.content.dir.join(crate::content::SITE_CONFIG_FILE);
    let text = format!("{:?}", site.content.config);
    let mut known = Known::new();
    let mut findings = Vec::new();
    for hit in guard.scan_text(&text) {
        if !known.insert(hit.kind.clone()) {
            continue;
        }
        let finding = match &hit.kind {
            HitKind::Term { term } => Finding::new(
                Code::ContentSpam,
                msg!(
                    "spam-settings-term",
                    term = term.as_str(),
                    found = hit.found.as_str()
                ),
            )
            .help(msg!("spam-settings-term-help")),
            HitKind::ExternalLink { host } => Finding::new(
                Code::ContentLinkExternal,
                msg!("spam-settings-link", host = host.as_str()),
            )
            .help(msg!("spam-link-help")),
            HitKind::HiddenText { .. } => continue,
        };
        findings.push(finding.file(&file).site(&site.label));
    }
    (findings, known)
}

/// The findings of one markdown file, and the kinds of what it carries.
/// A link to a host of the site's `[embeds] iframe_hosts` is no finding: the Dinas has
/// allowed that host for the site (its embeds are written as `<iframe src="https://…">`).
fn scan_doc(guard: &SpamGuard, doc: &Doc, site: &Site) -> (Vec<Finding>, Vec<HitKind>) {
    let label = site.label.as_str();
    let embeds = &site.content.config.embeds.iframe_hosts;
    // A body that cannot be read again is reported where its page is rendered.
    let body = doc.body.get().unwrap_or_default();
    let text = format!("{}{}", doc.front, body);
    let mut hits = guard.scan_text(&text);
    hits.retain(|h| match &h.kind {
        HitKind::ExternalLink { host } => !embeds.iter().any(|e| e.eq_ignore_ascii_case(host)),
        _ => true,
    });
    // The file's name becomes the page's address: it is read too (line 0: no line).
    hits.extend(
        guard
            .scan_text(&doc.rel)
            .into_iter()
            .map(|h| Hit { line: 0, ..h }),
    );
    let mut first: BTreeMap<&HitKind, &Hit> = BTreeMap::new();
    for h in &hits {
        first.entry(&h.kind).or_insert(h);
    }
    let mut findings = Vec::new();
    let mut terms = Vec::new();
    for (kind, hit) in &first {
        let at = |f: Finding| {
            let f = f.file(&doc.file).site(label);
            if hit.line > 0 {
                f.line(hit.line)
            } else {
                f
            }
        };
        match kind {
            HitKind::Term { term } if doc.meta.tinjauan_spam.is_some() => {
                terms.push(format!("`{term}` ({})", where_(hit)))
            }
            HitKind::Term { term } => findings.push(at(Finding::new(
                Code::ContentSpam,
                msg!(
                    "spam-term",
                    term = term.as_str(),
                    found = hit.found.as_str(),
                    in_name = if hit.line == 0 { "yes" } else { "no" }
                ),
            )
            .help(msg!("spam-review-help")))),
            HitKind::HiddenText { style } => findings.push(at(Finding::new(
                Code::ContentSpam,
                msg!("spam-hidden", style = style.as_str()),
            ))),
            HitKind::ExternalLink { host } => findings.push(at(Finding::new(
                Code::ContentLinkExternal,
                msg!("spam-link", host = host.as_str()),
            )
            .help(msg!("spam-link-help")))),
        }
    }
    if let (Some(review), false) = (&doc.meta.tinjauan_spam, terms.is_empty()) {
        findings.push(
            Finding::new(
                Code::ContentSpamAcknowledged,
                msg!(
                    "spam-acknowledged",
                    by = review.oleh.trim(),
                    date = review.tanggal.trim(),
                    terms = terms.join(", ")
                ),
            )
            .at(&doc.file, doc.meta.spam_review_line.max(1))
            .site(label)
            .help(msg!("spam-acknowledged-help")),
        );
    }
    (findings, first.into_keys().cloned().collect())
}

fn where_(hit: &Hit) -> String {
    match hit.line {
        0 => msg!("spam-where-name"),
        n => msg!("spam-where-line", line = n.to_string()),
    }
}

/// The hits of a rendered page that its sources do not explain: hidden text, and terms
/// and hosts that no markdown of the build carries. Weak terms are left out: they count
/// only beside a strong term, which is reported itself (or is the markdown's, where
/// the weak one may be part of it: `kasino` in a list's cut summary of `kasino online`).
pub(super) fn scan_page(guard: &SpamGuard, known: &Known, html: &[u8]) -> Vec<Hit> {
    let Ok(text) = std::str::from_utf8(html) else {
        return Vec::new();
    };
    guard
        .scan_html(text)
        .into_iter()
        .filter(|h| match &h.kind {
            HitKind::HiddenText { .. } => true,
            HitKind::Term { term } => {
                !guard.is_weak(term)
                    && !known.iter().any(|k| match k {
                        HitKind::Term { term: outer } => guard.is_part_of(term, outer),
                        _ => false,
                    })
            }
            HitKind::ExternalLink { .. } => !known.contains(&h.kind),
        })
        .collect()
}

/// The hits of one rendered page, with what rendered it.
pub(super) struct PageHits {
    pub(super) path: String,
    pub(super) template: String,
    pub(super) hits: Vec<Hit>,
}

/// One finding per kind of hit over the rendered pages of a site, at the template that
/// writes it (and its line, when a template writes it literally).
pub(super) fn page_findings(
    guard: &SpamGuard,
    label: &str,
    templates: &Templates,
    pages: Vec<PageHits>,
) -> Vec<Finding> {
    let mut by_kind: BTreeMap<HitKind, (PageHits, Hit, usize)> = BTreeMap::new();
    for page in pages {
        for hit in &page.hits {
            match by_kind.get_mut(&hit.kind) {
                Some(entry) => entry.2 += 1,
                None => {
                    let first = PageHits {
                        path: page.path.clone(),
                        template: page.template.clone(),
                        hits: Vec::new(),
                    };
                    by_kind.insert(hit.kind.clone(), (first, hit.clone(), 1));
                }
            }
        }
    }
    by_kind
        .into_iter()
        .map(|(kind, (page, hit, count))| {
            let (code, what) = match &kind {
                HitKind::Term { term } => (
                    Code::ContentSpam,
                    msg!(
                        "spam-page-term",
                        term = term.as_str(),
                        found = hit.found.as_str()
                    ),
                ),
                HitKind::HiddenText { style } => (
                    Code::ContentSpam,
                    msg!(
                        "spam-page-hidden",
                        style = style.as_str(),
                        found = hit.found.as_str()
                    ),
                ),
                HitKind::ExternalLink { host } => (
                    Code::ContentLinkExternal,
                    msg!("spam-page-link", host = host.as_str()),
                ),
            };
            let message = msg!(
                "spam-rendered",
                page = page.path.as_str(),
                more = count - 1,
                what = what,
                template = page.template.as_str()
            );
            let help = match code {
                Code::ContentLinkExternal => msg!("spam-link-help"),
                _ => msg!("spam-template-help"),
            };
            let finding = Finding::new(code, message).site(label).help(help);
            match locate(guard, templates, &page.template, &kind) {
                Some((file, line)) => finding.at(file, line),
                None => match templates.origin(&page.template) {
                    Some(file) => finding.file(file),
                    None => finding,
                },
            }
        })
        .collect()
}

/// The template file and line that write `kind` literally, the rendering template first.
fn locate(
    guard: &SpamGuard,
    templates: &Templates,
    rendered: &str,
    kind: &HitKind,
) -> Option<(PathBuf, usize)> {
    let mut names: Vec<&str> = templates.names().collect();
    names.sort_by_key(|n| *n != rendered);
    names.into_iter().find_map(|name| {
        let (source, origin) = templates.source(name)?;
        let hits = match kind {
            HitKind::HiddenText { .. } => guard.scan_html(source),
            _ => guard.scan_text(source),
        };
        let hit = hits.iter().find(|h| h.kind == *kind)?;
        Some((Path::to_path_buf(origin), hit.line))
    })
}
