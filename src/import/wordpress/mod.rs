//! `laman import wordpress`: an OPD's WordPress export (WXR) and its uploads folder
//! become `content/<label>/`, with every old address kept as an alias.
//!
//! The stages, in the order [`import`] runs them:
//! 1. [`wxr`] reads the export once to index every item (ids, types, statuses, slugs,
//!    parents, attachments) without keeping any post's text;
//! 2. [`plan`] decides which items become which files and their old addresses
//!    ([`address`]), beside what the site already has ([`existing`]);
//! 3. [`wxr`] reads the export again and each planned item in turn is checked for
//!    gambling spam, converted ([`convert`], with [`autop`], [`shortcode`], [`media`]
//!    and [`to_markdown`]), given its front matter ([`page`]), checked against the
//!    content rules the build applies, and written into a hidden staging folder, with
//!    the home page and news section the site lacks ([`sections`]);
//! 4. [`write`](mod@write) moves the staging folder in: whole when the site is new, file by file
//!    over an earlier import with `--force` (never over a file it did not write).
//!
//! Memory stays bounded by the index and one post, whatever the export's size. All
//! words for people are in [`report`]. Nothing is fetched from the internet and nothing
//! outside `content/<label>/` is written (the staging folder is a hidden folder beside
//! it, which the build never reads).

mod address;
mod autop;
mod convert;
mod existing;
#[cfg(test)]
mod fuzz;
mod media;
mod page;
mod plan;
pub mod report;
mod sections;
mod shortcode;
mod text;
mod to_markdown;
mod write;
mod wxr;

use crate::error::{Error, Result};
use crate::finding::{Code, Finding};
use crate::markdown::HtmlPolicy;
use crate::registry::{Kind, Registry, Status, PORTAL_LABEL};
use existing::Existing;
use plan::{Plan, Planned};
pub use report::Report;
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
    let (folder, exists) = target(root, o)?;
    let uploads = o
        .uploads
        .as_deref()
        .map(|dir| media::Uploads::open(dir).map_err(Error::io(report::uploads_unreadable(dir))));
    let uploads = uploads.transpose()?;
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
    let plan = plan::plan(&index, &channel, &existing, o.drafts, &mut report);
    let staging = (!o.dry_run)
        .then(|| write::Staging::new(root))
        .transpose()?;

    // 3. Convert and write each planned item.
    let policy = HtmlPolicy::new(&existing.iframe_hosts);
    let converter = to_markdown::converter();
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
    let step = Step {
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
    let used_terms = step.run(&o.file)?;

    // The site's home page and news section, with the old archives' addresses.
    let extra = sections::site_files(&plan, &channel, &used_terms, &existing, &guard, &mut report);
    for (rel, text) in &extra {
        if let Some(staging) = &staging {
            staging.write(rel, text.as_bytes())?;
        }
    }
    report.counts.files_written += extra.len();
    if report.imported.is_empty() {
        report.findings.push(report::nothing(&source));
    }

    // 4. Move it in.
    if let Some(staging) = staging {
        move_in(staging, &folder, exists, &o.label, &mut report)?;
    }
    Ok(report)
}

/// The site's content folder, and whether it exists (then only `--force` or a dry run
/// may go on, and only into a real folder).
fn target(root: &Path, o: &Options) -> Result<(PathBuf, bool)> {
    let folder = root.join("content").join(&o.label);
    let exists = std::fs::symlink_metadata(&folder).is_ok();
    // A dry run writes nothing, so it may look at what a --force would do.
    if exists && ((!o.force && !o.dry_run) || !folder.is_dir() || folder.is_symlink()) {
        return Err(Error::Usage(report::exists(&folder)));
    }
    Ok((folder, exists))
}

/// The staging folder moved in, when anything was imported; the files of an earlier
/// import that were kept are listed.
fn move_in(
    staging: write::Staging,
    folder: &Path,
    exists: bool,
    label: &str,
    report: &mut Report,
) -> Result<()> {
    if report.imported.is_empty() {
        return Ok(());
    }
    let kept = staging.commit(folder, exists)?;
    for file in kept {
        report.findings.push(report::file_kept(
            &Path::new("content").join(label).join(file),
        ));
    }
    Ok(())
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
    /// The second reading of the export, each planned item written in turn; the
    /// categories and tags of the posts imported.
    fn run(mut self, file: &Path) -> Result<std::collections::BTreeSet<(String, String)>> {
        read_export(file, |item, _| self.item(item))?;
        match self.failure.take() {
            Some(e) => Err(e),
            None => Ok(self.used_terms),
        }
    }

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
        let text = page::page_text(planned, item, &converted.markdown, self.authors);
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
        self.report_losses(item, planned, &converted, &text, &shown_file);
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
        self.count(item, planned, &converted, &shown_file);
        Ok(())
    }

    /// What the conversion left out or could not find, each a finding of the report.
    fn report_losses(
        &mut self,
        item: &wxr::Item,
        planned: &Planned,
        converted: &convert::Converted,
        text: &str,
        shown_file: &Path,
    ) {
        let (source, title) = (self.source, planned.title.as_str());
        for (line, what, kind) in &converted.dropped {
            self.report.findings.push(report::dropped(
                source,
                item.line + line.saturating_sub(1),
                (title, item.id),
                what,
                kind,
            ));
        }
        for name in &converted.unknown {
            for line in shortcode_lines(text, name) {
                self.report
                    .findings
                    .push(report::shortcode(shown_file, line, name));
            }
        }
        for path in &converted.missing {
            self.report
                .findings
                .push(report::media_missing(shown_file, title, item.id, path));
        }
        for &attachment in &converted.gallery_missing {
            self.report.findings.push(report::gallery_missing(
                shown_file, title, item.id, attachment,
            ));
        }
        for path in &converted.refused {
            self.report
                .findings
                .push(report::media_refused(shown_file, title, item.id, path));
        }
        for alias in &planned.dropped_aliases {
            self.report
                .findings
                .push(report::alias_dropped(source, item.line, &alias.0, &alias.1));
        }
    }

    /// An item written: counted, and listed as imported.
    fn count(
        &mut self,
        item: &wxr::Item,
        planned: &Planned,
        converted: &convert::Converted,
        shown_file: &Path,
    ) {
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
            title: planned.title.clone(),
            file: shown_file.to_string_lossy().into_owned(),
            draft: planned.draft,
        });
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
            body: parsed.body.into(),
            body_line: parsed.body_line,
        };
        let resolve = |_: &str| {
            Err(crate::site::Unresolved::Broken(
                "no @ links in an import".to_string(),
                None,
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
