//! `laman import wordpress`: an OPD's WordPress export (WXR) and its uploads folder
//! become `content/<label>/`, with every old address kept as an alias.
//!
//! The stages, in the order [`import`] runs them:
//! 1. [`wxr`] reads the export once to index every item (ids, types, statuses, slugs,
//!    parents, attachments) without keeping any post's text;
//! 2. [`plan`] decides which items become which files and their old addresses;
//! 3. [`wxr`] reads the export again and each planned item in turn is checked for
//!    gambling spam, converted ([`convert`], [`shortcode`], [`media`]), checked against
//!    the content rules the build applies, and written into a hidden staging folder;
//! 4. [`write`] moves the staging folder in: whole when the site is new, file by file
//!    over an earlier import with `--force` (never over a file it did not write).
//!
//! Memory stays bounded by the index and one post, whatever the export's size. All
//! words for people are in [`report`]. Nothing is fetched from the internet and nothing
//! outside `content/<label>/` is written (the staging folder is a hidden folder beside
//! it, which the build never reads).

mod convert;
#[cfg(test)]
mod fuzz;
mod media;
mod plan;
pub mod report;
mod shortcode;
mod write;
mod wxr;

use crate::content::SiteDir;
use crate::error::{Error, Result};
use crate::finding::{Code, Finding};
use crate::markdown::HtmlPolicy;
use crate::registry::{Kind, Registry, Status, PORTAL_LABEL};
use plan::{Plan, Planned};
pub use report::Report;
use std::collections::BTreeMap;
use std::io::BufReader;
use std::path::{Path, PathBuf};

/// What the operator asks.
#[derive(Debug, Clone)]
pub struct Options {
    /// The WXR file.
    pub file: PathBuf,
    /// The site's label in the registry.
    pub label: String,
    /// The copy of `wp-content/uploads`.
    pub uploads: Option<PathBuf>,
    /// Import drafts, pending and scheduled posts, as `draft = true`.
    pub drafts: bool,
    /// Read, convert and report; write nothing.
    pub dry_run: bool,
    /// Import into an existing `content/<label>/`.
    pub force: bool,
}

/// Runs the import. `Err` when it could not run (exit status 2); the report otherwise,
/// whose findings hold `import.nothing` (an error) when no page could be imported.
pub fn import(root: &Path, o: &Options) -> Result<Report> {
    let registry = Registry::load(root)?;
    check_label(&registry, &o.label)?;
    let folder = root.join("content").join(&o.label);
    let exists = std::fs::symlink_metadata(&folder).is_ok();
    // A dry run writes nothing, so it may look at what a --force would do.
    if exists && ((!o.force && !o.dry_run) || !folder.is_dir() || folder.is_symlink()) {
        return Err(Error::Usage(report::exists(&folder)));
    }
    let uploads = match &o.uploads {
        Some(dir) => {
            Some(media::Uploads::open(dir).map_err(Error::io(report::uploads_unreadable(dir)))?)
        }
        None => None,
    };
    let source = o.file.clone();

    // 1. The index.
    let mut index = plan::Index::default();
    let channel = read_export(&o.file, |item, _| index.add(item))?;

    // 2. The plan, beside what the site already has.
    let existing = if exists {
        Existing::read(root, &o.label)
    } else {
        Existing::default()
    };
    let mut report = Report {
        site: o.label.clone(),
        dry_run: o.dry_run,
        ..Default::default()
    };
    let plan = plan::plan(
        &index,
        &channel,
        &existing.paths,
        &existing.news,
        &existing.catalogue,
        o.drafts,
        &mut report,
    );
    let staging = if o.dry_run {
        None
    } else {
        Some(write::Staging::new(root)?)
    };

    // 3. Convert and write each planned item.
    let policy = HtmlPolicy::new(&existing.iframe_hosts);
    let converter = convert::converter();
    let guard = crate::integrity::spam::SpamGuard::of(&registry);
    let moved = plan.moved();
    let cx = convert::Context {
        moved: &moved,
        hosts: &plan.hosts,
        attachments: &index.attachments,
        children: &index.attached,
        uploads: uploads.as_ref(),
        policy: &policy,
        iframe_hosts: &existing.iframe_hosts,
        converter: &converter,
    };
    let mut step = Step {
        o,
        authors: &channel.authors,
        source: &source,
        plan: &plan,
        cx: &cx,
        guard: &guard,
        policy: &policy,
        staging: staging.as_ref(),
        report: &mut report,
        used_terms: Default::default(),
        failure: None,
    };
    read_export(&o.file, |item, _| step.item(item))?;
    if let Some(e) = step.failure.take() {
        return Err(e);
    }
    let used_terms = std::mem::take(&mut step.used_terms);
    drop(step);

    // The site's home page and news section, with the old archives' addresses.
    let extra = plan::site_files(&plan, &channel, &used_terms, &existing, &guard, &mut report);
    for (rel, text) in &extra {
        if let Some(staging) = &staging {
            staging.write(rel, text.as_bytes())?;
        }
        report.counts.files_written += 1;
    }
    if report.imported.is_empty() {
        report.findings.push(report::nothing(&source));
    }

    // 4. Move it in.
    if let Some(staging) = staging {
        if !report.imported.is_empty() {
            let kept = staging.commit(&folder, exists)?;
            for file in kept {
                report.findings.push(report::file_kept(
                    &Path::new("content").join(&o.label).join(file),
                ));
            }
        }
    }
    Ok(report)
}

/// The site may receive an import: a requested or approved site, or the portal.
fn check_label(registry: &Registry, label: &str) -> Result<()> {
    if label == PORTAL_LABEL {
        return Ok(());
    }
    let Some(sub) = registry.subdomain(label) else {
        return Err(Error::Usage(report::not_a_site(
            label,
            report::NotASite::NotInRegistry,
        )));
    };
    if sub.kind != Kind::Site {
        return Err(Error::Usage(report::not_a_site(
            label,
            report::NotASite::NotSiteKind,
        )));
    }
    if !matches!(sub.status, Status::Approved | Status::Requested) {
        return Err(Error::Usage(report::not_a_site(
            label,
            report::NotASite::NotActive,
        )));
    }
    Ok(())
}

/// Reads the export, mapping what stops it to the error the operator reads.
fn read_export(file: &Path, on_item: impl FnMut(wxr::Item, &wxr::Channel)) -> Result<wxr::Channel> {
    let handle = std::fs::File::open(file).map_err(Error::io(report::unreadable(file)))?;
    wxr::read(BufReader::with_capacity(256 * 1024, handle), on_item).map_err(|e| match e.kind {
        wxr::ReadErrorKind::Io(io) => Error::io(report::unreadable(file))(io),
        wxr::ReadErrorKind::Xml(why) => Error::Usage(report::broken_xml(file, e.line, &why)),
        wxr::ReadErrorKind::TooLarge => Error::Usage(report::too_large(file, e.line)),
        wxr::ReadErrorKind::NotWxr => Error::Usage(report::not_wxr(file, e.line)),
    })
}

/// What an existing site folder already holds (for `--force`).
#[derive(Debug, Default)]
pub(crate) struct Existing {
    /// Addresses of its pages and sections and its aliases, as `/a/b/` or `/?p=1`.
    pub paths: BTreeMap<String, String>,
    /// The news section's folder name.
    pub news: String,
    pub iframe_hosts: Vec<String>,
    /// The portal's catalogue folder (its `[services] catalogue`), empty for the default.
    pub catalogue: String,
    /// Files of the folder (relative to it) that exist.
    pub has_home: bool,
    pub has_news: bool,
}

impl Existing {
    fn read(root: &Path, label: &str) -> Existing {
        let dir = SiteDir {
            label: label.to_string(),
            dir: Path::new("content").join(label),
            custom_code: true,
        };
        let (content, _) =
            crate::content::load_site(root, &dir, crate::content::LoadOptions { drafts: true });
        let mut paths = BTreeMap::new();
        // The import's own files are planned again: only what it did not write counts.
        let ours = write::Manifest::read(&root.join("content").join(label)).files;
        for doc in content.docs() {
            let rel = doc.rel.clone();
            if ours.contains_key(&rel) {
                continue;
            }
            for a in &doc.meta.aliases {
                paths.insert(a.address(), rel.clone());
            }
        }
        for s in content
            .sections
            .iter()
            .filter(|s| !ours.contains_key(&s.doc.rel))
        {
            paths.insert(s.path.clone(), s.doc.rel.clone());
        }
        for p in content
            .pages
            .iter()
            .filter(|p| !ours.contains_key(&p.doc.rel))
        {
            paths.insert(p.path.clone(), p.doc.rel.clone());
        }
        let news = content.config.news_section().to_string();
        let has = |rel: &str| content.docs().any(|d| d.rel == rel) && !ours.contains_key(rel);
        Existing {
            has_home: has("_index.md"),
            has_news: has(&format!("{news}/_index.md")),
            paths,
            news,
            iframe_hosts: content.config.embeds.iframe_hosts.clone(),
            catalogue: content.config.services.catalogue().to_string(),
        }
    }
}

/// The second pass: each item of the plan, in the export's order.
struct Step<'a> {
    o: &'a Options,
    /// The export's authors: login → display name.
    authors: &'a [(String, String)],
    source: &'a Path,
    plan: &'a Plan,
    cx: &'a convert::Context<'a>,
    guard: &'a crate::integrity::spam::SpamGuard,
    policy: &'a HtmlPolicy,
    staging: Option<&'a write::Staging>,
    report: &'a mut Report,
    /// Categories and tags of the posts imported: (domain, slug).
    used_terms: std::collections::BTreeSet<(String, String)>,
    failure: Option<Error>,
}

impl Step<'_> {
    fn item(&mut self, item: wxr::Item) {
        if self.failure.is_some() {
            return;
        }
        let Some(planned) = self.plan.items.get(&item.id) else {
            return;
        };
        if let Err(e) = self.write_item(&item, planned) {
            self.failure = Some(e);
        }
    }

    /// Whether the spam guard's `hits` hold spam; if so the item is listed in the report
    /// (never imported).
    fn held_as_spam(
        &mut self,
        hits: Vec<crate::integrity::spam::Hit>,
        item: &wxr::Item,
        title: &str,
    ) -> bool {
        let found: Vec<String> = hits
            .into_iter()
            .filter(|h| h.is_spam())
            .map(|h| h.found)
            .collect();
        if found.is_empty() {
            return false;
        }
        self.report.counts.spam += 1;
        self.report.findings.push(report::spam(
            self.source,
            item.line,
            title,
            item.id,
            &dedup(found),
        ));
        true
    }

    fn write_item(&mut self, item: &wxr::Item, planned: &Planned) -> Result<()> {
        let title = planned.title.as_str();
        let source = self.source;
        // Spam first: a planted post is not converted, only listed.
        let raw = format!("<h1>{}</h1>{}\n{}", item.title, item.content, item.excerpt);
        let hits = self.guard.scan_html(&raw);
        if self.held_as_spam(hits, item, title) {
            return Ok(());
        }
        let converted = convert::convert(&item.content, item.id, self.cx);
        if converted.too_deep {
            let why = &report::too_deep();
            self.report.findings.push(report::unconvertible(
                source, item.line, title, item.id, why,
            ));
            return Ok(());
        }
        let file = planned.file(!converted.media.is_empty());
        let text = plan::page_text(planned, item, &converted.markdown, self.authors);
        let shown_file = Path::new("content").join(&self.o.label).join(&file);
        // What the build would refuse is never written.
        let hits = self.guard.scan_text(&text);
        if self.held_as_spam(hits, item, title) {
            return Ok(());
        }
        if let Some(why) = self.fails_build(&text, &shown_file) {
            self.report.findings.push(report::unconvertible(
                source, item.line, title, item.id, &why,
            ));
            return Ok(());
        }
        for (line, what) in &converted.dropped {
            self.report.findings.push(report::dropped(
                source,
                item.line + line.saturating_sub(1),
                title,
                item.id,
                what,
            ));
        }
        for name in &converted.unknown {
            for line in shortcode_lines(&text, name) {
                self.report
                    .findings
                    .push(report::shortcode(&shown_file, line, name));
            }
        }
        for path in &converted.missing {
            self.report
                .findings
                .push(report::media_missing(&shown_file, title, item.id, path));
        }
        for &attachment in &converted.gallery_missing {
            self.report.findings.push(report::gallery_missing(
                &shown_file,
                title,
                item.id,
                attachment,
            ));
        }
        for path in &converted.refused {
            self.report
                .findings
                .push(report::media_refused(&shown_file, title, item.id, path));
        }
        for alias in &planned.dropped_aliases {
            self.report
                .findings
                .push(report::alias_dropped(source, item.line, &alias.0, &alias.1));
        }
        if let Some(staging) = self.staging {
            staging.write(&file, text.as_bytes())?;
            let dir = file.rsplit_once('/').map_or("", |(d, _)| d);
            for (from, name) in &converted.media {
                let rel = if dir.is_empty() {
                    name.clone()
                } else {
                    format!("{dir}/{name}")
                };
                staging.copy(from, &rel)?;
            }
        }
        let c = &mut self.report.counts;
        c.files_written += 1 + converted.media.len();
        c.media += converted.media.len();
        c.aliases += planned.aliases.len();
        if planned.section {
            c.sections += 1;
        }
        if planned.draft {
            c.drafts += 1;
        }
        if planned.is_post {
            c.posts += 1;
            for (domain, slug, _) in &item.terms {
                self.used_terms.insert((domain.clone(), slug.clone()));
            }
        } else {
            c.pages += 1;
        }
        self.report.imported.push(report::Imported {
            id: item.id,
            post_type: item.post_type.clone(),
            title: title.to_string(),
            file: shown_file.to_string_lossy().into_owned(),
            draft: planned.draft,
        });
        Ok(())
    }

    /// Why the build would refuse this page, if it would: the markdown is rendered with
    /// the site's rules as the build renders it.
    fn fails_build(&self, text: &str, file: &Path) -> Option<String> {
        if text.len() > crate::content::MAX_DOCUMENT {
            return Some(report::too_long(text.len()));
        }
        let parsed = match crate::content::parse_front_matter(text) {
            Ok(p) => p,
            Err(f) => return Some(f.message),
        };
        let doc = crate::content::Doc {
            file: file.to_path_buf(),
            rel: String::new(),
            meta: parsed.meta.clone(),
            front: String::new(),
            body: parsed.body.to_string(),
            body_line: parsed.body_line,
        };
        let resolve = |_: &str| {
            Err(crate::site::Unresolved::Broken(
                "no @ links in an import".to_string(),
            ))
        };
        let env = crate::markdown::Env {
            site: &self.o.label,
            resolve: &resolve,
            policy: self.policy,
        };
        let mut findings = Vec::new();
        crate::markdown::render(&doc, &env, &mut findings);
        findings
            .into_iter()
            .find(|f| f.is_error() && f.code != Code::ContentLinkBroken)
            .map(|f: Finding| f.message)
    }
}

fn dedup(mut found: Vec<String>) -> Vec<String> {
    found.sort();
    found.dedup();
    found.truncate(5);
    found
}

/// The lines of `text` where shortcode `name` stands (as written, or as markdown
/// escaped it).
fn shortcode_lines(text: &str, name: &str) -> Vec<usize> {
    let plain = format!("[{name}");
    let escaped = format!("\\[{}", name.replace('_', "\\_"));
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.contains(&plain) || l.contains(&escaped))
        .map(|(i, _)| i + 1)
        .take(20)
        .collect()
}
