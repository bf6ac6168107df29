//! Reads one site folder into a [`SiteContent`]: walks the folder, reads and parses every
//! markdown file (in parallel), and gives every section and page its address.
//!
//! It reads only the site's own folder (through [`Area`]); it must not render markdown
//! nor resolve links, which need every site of the regency.

use super::config::SiteConfig;
use super::frontmatter::{self, FrontMatter, SortBy};
use super::{
    code, slugify, Asset, Doc, Markdown, Page, Section, SiteContent, SiteDir, TemplateFile,
};
use crate::finding::{line_of, Code, Finding};
use crate::input::{self, Area};
use crate::msg;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Keep pages marked `draft = true`.
    pub drafts: bool,
    /// Leave each body in its file, read again when asked for (see [`super::Markdown`]):
    /// a build, which renders each site once; never the preview, which keeps content.
    pub lazy: bool,
}

const STATIC_DIR: &str = "_static";
const TEMPLATES_DIR: &str = "_templates";

/// Reads a site's folder. Problems become findings; a file that cannot be read or parsed
/// is still kept (with its file name as title) so that links to it do not cascade into
/// more findings.
pub fn load_site(root: &Path, site: &SiteDir, options: LoadOptions) -> (SiteContent, Vec<Finding>) {
    let mut findings = Vec::new();
    let area = Arc::new(Area::new(root, &site.dir));
    if let Err(e) = area.exists() {
        // The folder itself is reached through a link: nothing of it is read.
        findings.push(input::finding(&e, &site.dir).site(&site.label));
        let content = SiteContent {
            label: site.label.clone(),
            dir: site.dir.clone(),
            ..Default::default()
        };
        return (content, findings);
    }
    let config = read_config(&area, site, &mut findings);
    let files = walk(&area, "", &mut findings);
    let (md, mut assets) = split_files(&area, site, &files);
    assets.extend(static_files(&area, &mut findings));
    let mut templates = template_files(&area, &mut findings);
    if !site.custom_code {
        findings.extend(code::refuse_unapproved(&mut assets, &mut templates));
    }
    for f in &mut findings {
        f.site = Some(site.label.clone());
    }

    let docs: Vec<(Doc, Vec<Finding>)> = md
        .par_iter()
        .map(|rel| read_doc(&area, rel, options.lazy))
        .collect();
    let (sections, pages) = sections_and_pages(docs, &site.label, &mut findings);
    let mut content = assemble(sections, pages, options, &site.label, &mut findings);
    content.label = site.label.clone();
    content.dir = site.dir.clone();
    content.config = config;
    content.assets = assets;
    content.templates = templates;
    let (aliases, collisions) = super::alias::collect(&content);
    content.aliases = aliases;
    findings.extend(collisions);
    (content, findings)
}

/// The markdown files to read (a bundle's only one is its `index.md`) and every other
/// file as an asset, at its address: a bundle's files beside its page.
fn split_files<'f>(
    area: &Arc<Area>,
    site: &SiteDir,
    files: &'f [String],
) -> (Vec<&'f str>, Vec<Asset>) {
    let bundles: BTreeSet<&str> = files
        .iter()
        .filter_map(|rel| rel.strip_suffix("/index.md"))
        .collect();
    let in_bundle = |rel: &str| bundle_of(rel, &bundles);

    let mut md = Vec::new();
    let mut assets = Vec::new();
    for rel in files {
        if rel.ends_with(".md") && in_bundle(rel).is_none_or(|b| rel == &format!("{b}/index.md")) {
            md.push(rel.as_str());
        } else if !rel.ends_with(".md") {
            let dest = match in_bundle(rel) {
                Some(bundle) => format!("{}{}", url_dir(bundle), &rel[bundle.len() + 1..]),
                None => {
                    let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
                    format!("{}{name}", url_dir(dir))
                }
            };
            assets.push(Asset {
                source: area.source(rel),
                origin: site.dir.join(rel),
                dest: dest.trim_start_matches('/').to_string(),
            });
        }
    }
    (md, assets)
}

/// The documents read, as sections (`_index.md`) and pages; their problems join
/// `findings`, with those of a file in the wrong place.
fn sections_and_pages(
    docs: Vec<(Doc, Vec<Finding>)>,
    label: &str,
    findings: &mut Vec<Finding>,
) -> (Vec<Doc>, Vec<Doc>) {
    let mut sections = Vec::new();
    let mut pages = Vec::new();
    for (doc, mut problems) in docs {
        for f in &mut problems {
            f.site = Some(label.to_string());
        }
        findings.append(&mut problems);
        if doc.rel == "index.md" {
            findings.push(
                Finding::new(Code::ContentPathCollision, msg!("content-index-md"))
                    .at(&doc.file, 1)
                    .site(label)
                    .help(msg!("content-index-md-help")),
            );
        } else if doc.rel == "_index.md" || doc.rel.ends_with("/_index.md") {
            if let Some(service) = &doc.meta.service {
                findings.push(
                    Finding::new(
                        Code::ContentFrontmatterField,
                        msg!("content-section-service"),
                    )
                    .at(&doc.file, service.line)
                    .site(label)
                    .help(msg!("content-section-service-help")),
                );
            }
            sections.push(doc);
        } else {
            pages.push(doc);
        }
    }
    (sections, pages)
}

fn read_config(area: &Area, site: &SiteDir, findings: &mut Vec<Finding>) -> SiteConfig {
    let mut config = SiteConfig::read(area).unwrap_or_else(|f| {
        findings.push(f.site(&site.label));
        SiteConfig::default()
    });
    // The catalogue and its topics are the regency's, set once on the portal.
    let services = &mut config.services;
    if site.label != crate::registry::PORTAL_LABEL
        && (services.catalogue.is_some() || !services.topics.is_empty())
    {
        let line = services.catalogue.as_ref().map_or(1, |c| c.line);
        findings.push(
            Finding::new(
                Code::ContentSiteConfig,
                msg!("content-services-portal-only"),
            )
            .at(site.dir.join(super::SITE_CONFIG_FILE), line)
            .site(&site.label)
            .help(msg!("content-services-portal-only-help")),
        );
        services.catalogue = None;
        services.topics.clear();
    }
    config
}

/// Every file below `sub` of the site folder, as `/`-separated paths inside the site
/// folder, in sorted order; names starting with `.` or `_` are not content (except
/// `_index.md`). Links that leave the folder are findings, not files.
fn walk(area: &Area, sub: &str, findings: &mut Vec<Finding>) -> Vec<String> {
    let content = |name: &str| !name.starts_with(['.', '_']) || name == "_index.md";
    let walk = area.walk(sub, &content);
    findings.extend(walk.findings);
    walk.files.into_iter().map(|f| f.rel).collect()
}

/// The innermost bundle folder that contains `rel`, if any.
fn bundle_of<'a>(rel: &str, bundles: &BTreeSet<&'a str>) -> Option<&'a str> {
    let mut dir = rel;
    while let Some((parent, _)) = dir.rsplit_once('/') {
        if let Some(b) = bundles.get(parent) {
            return Some(b);
        }
        dir = parent;
    }
    None
}

/// The URL path of a content folder: each part slugified, slashes at both ends.
fn url_dir(dir: &str) -> String {
    let mut path = String::from("/");
    for part in dir.split('/').filter(|p| !p.is_empty()) {
        path.push_str(&slugify(part));
        path.push('/');
    }
    path
}

/// The files of a folder of the site (`_static/`, `_templates/`): path inside that
/// folder, path inside the site folder.
fn files_below(area: &Area, dir: &str, findings: &mut Vec<Finding>) -> Vec<(String, String)> {
    walk(area, dir, findings)
        .into_iter()
        .map(|rel| (rel[dir.len() + 1..].to_string(), rel))
        .collect()
}

fn static_files(area: &Arc<Area>, findings: &mut Vec<Finding>) -> Vec<Asset> {
    files_below(area, STATIC_DIR, findings)
        .into_iter()
        .map(|(dest, rel)| Asset {
            source: area.source(&rel),
            origin: area.dir().join(&rel),
            dest,
        })
        .collect()
}

fn template_files(area: &Arc<Area>, findings: &mut Vec<Finding>) -> Vec<TemplateFile> {
    files_below(area, TEMPLATES_DIR, findings)
        .into_iter()
        .map(|(name, rel)| TemplateFile {
            origin: area.dir().join(&rel),
            name,
            source: area.source(&rel),
        })
        .collect()
}

fn read_doc(area: &Arc<Area>, rel: &str, lazy: bool) -> (Doc, Vec<Finding>) {
    let file = area.dir().join(rel);
    let fallback_title = rel
        .trim_end_matches("/index.md")
        .trim_end_matches(".md")
        .rsplit('/')
        .next()
        .unwrap_or(rel)
        .to_string();
    let doc = Doc {
        file: file.clone(),
        rel: rel.to_string(),
        meta: FrontMatter {
            title: fallback_title,
            ..Default::default()
        },
        front: String::new(),
        body: Default::default(),
        body_line: 1,
    };
    // Read into this thread's buffer: a file's bytes leave no hole among what is kept.
    BUFFER.with_borrow_mut(|buffer| parse_doc((area, lazy), (rel, &file), doc, buffer))
}

thread_local! {
    /// The bytes of the file being read (see [`read_doc`]).
    static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Reads the file `rel` into `buffer` and `doc` from it.
fn parse_doc(
    (area, lazy): (&Arc<Area>, bool),
    (rel, file): (&str, &Path),
    mut doc: Doc,
    buffer: &mut Vec<u8>,
) -> (Doc, Vec<Finding>) {
    let file = file.to_path_buf();
    let text = match read_limited(area, rel, buffer) {
        Err(e) => return (doc, vec![input::finding(&e, &file)]),
        Ok(()) if buffer.len() > MAX_DOCUMENT => {
            let finding = Finding::new(
                Code::ContentLimit,
                msg!("content-page-too-large", max = MAX_DOCUMENT >> 20),
            )
            .at(&file, 1)
            .help(msg!("content-page-too-large-help"));
            return (doc, vec![finding]);
        }
        Ok(()) => match text_of(buffer, &file) {
            Ok(t) => t,
            Err(f) => return (doc, vec![f]),
        },
    };
    match frontmatter::parse(&text) {
        Ok(parsed) => {
            doc.front = text[..text.len() - parsed.body.len()].to_string();
            let at = text.len() - parsed.body.len();
            doc.body = match lazy {
                true => Markdown::in_file(area.source(rel), at, parsed.body),
                false => parsed.body.into(),
            };
            doc.body_line = parsed.body_line;
            doc.meta = parsed.meta;
            let problems = parsed.problems.into_iter().map(|f| f.file(&file));
            (doc, problems.collect())
        }
        Err(f) => (doc, vec![f.file(&file)]),
    }
}

/// The largest page read: far beyond any real page (a long regulation is a few hundred
/// KiB), small enough that parsing and rendering it stay in seconds and a few hundred MiB.
pub const MAX_DOCUMENT: usize = 4 << 20;

/// Reads at most one byte more than [`MAX_DOCUMENT`], so that a huge file is known to be
/// too large without being read whole.
fn read_limited(area: &Area, rel: &str, bytes: &mut Vec<u8>) -> std::io::Result<()> {
    use std::io::Read;
    bytes.clear();
    area.open(rel)?
        .take(MAX_DOCUMENT as u64 + 1)
        .read_to_end(bytes)?;
    Ok(())
}

/// The file's text: UTF-8 without a byte-order mark, with LF line ends.
pub(super) fn text_of<'a>(
    bytes: &'a [u8],
    file: &Path,
) -> Result<std::borrow::Cow<'a, str>, Finding> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = line_of(
            &String::from_utf8_lossy(&bytes[..e.valid_up_to()]),
            usize::MAX,
        );
        Finding::new(Code::ContentRead, msg!("read-not-utf8"))
            .at(file, line)
            .help(msg!("read-not-utf8-help"))
    })?;
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").into()
    } else {
        text.into()
    })
}

/// Builds the section tree, drops drafts, assigns addresses and sorts pages.
fn assemble(
    section_docs: Vec<Doc>,
    page_docs: Vec<Doc>,
    options: LoadOptions,
    label: &str,
    findings: &mut Vec<Finding>,
) -> SiteContent {
    let (dirs, mut sections) = section_tree(section_docs);
    let hidden = hidden_sections(&sections, options);
    for i in 1..sections.len() {
        if !hidden[i] {
            let p = sections[i].parent.unwrap_or(0);
            sections[p].subsections.push(i);
        }
    }
    let pages = place_pages(page_docs, &dirs, &hidden, options, label, findings);
    for (i, page) in pages.iter().enumerate() {
        sections[page.section].pages.push(i);
    }
    sort_pages(&mut sections, &pages);
    SiteContent {
        sections,
        pages,
        ..Default::default()
    }
}

/// The sections, the root first, then by folder; each with its folder ("" for the root,
/// "berita" for berita/_index.md), its address and its parent.
fn section_tree(section_docs: Vec<Doc>) -> (Vec<String>, Vec<Section>) {
    let mut by_dir: BTreeMap<String, Doc> = section_docs
        .into_iter()
        .map(|d| {
            (
                d.rel
                    .trim_end_matches("_index.md")
                    .trim_end_matches('/')
                    .to_string(),
                d,
            )
        })
        .collect();
    let root_doc = by_dir.remove("").unwrap_or_default();
    let mut dirs = vec![String::new()];
    let mut docs = vec![root_doc];
    for (dir, doc) in by_dir {
        dirs.push(dir);
        docs.push(doc);
    }
    let mut sections: Vec<Section> = Vec::with_capacity(docs.len());
    for (i, doc) in docs.into_iter().enumerate() {
        let parent = (i > 0).then(|| parent_of(&dirs[i], &dirs));
        sections.push(Section {
            path: url_dir(&dirs[i]),
            doc,
            parent,
            ..Default::default()
        });
    }
    (dirs, sections)
}

/// The nearest section folder above `dir` (the root when there is none).
fn parent_of(dir: &str, dirs: &[String]) -> usize {
    let mut d = dir;
    while let Some((parent, _)) = d.rsplit_once('/') {
        if let Some(i) = dirs.iter().position(|x| x == parent) {
            return i;
        }
        d = parent;
    }
    0
}

/// Which sections are hidden: a draft section hides itself and everything below it.
fn hidden_sections(sections: &[Section], options: LoadOptions) -> Vec<bool> {
    (0..sections.len())
        .map(|i| {
            let mut s = Some(i);
            while let Some(j) = s {
                if sections[j].doc.meta.draft && j != 0 && !options.drafts {
                    return true;
                }
                s = sections[j].parent;
            }
            false
        })
        .collect()
}

/// Every page that is not a draft, nor in a hidden section, with its section and
/// address.
fn place_pages(
    page_docs: Vec<Doc>,
    dirs: &[String],
    hidden: &[bool],
    options: LoadOptions,
    label: &str,
    findings: &mut Vec<Finding>,
) -> Vec<Page> {
    let mut pages = Vec::with_capacity(page_docs.len());
    for doc in page_docs {
        let (dir, stem) = match doc.rel.strip_suffix("/index.md") {
            Some(bundle) => bundle.rsplit_once('/').unwrap_or(("", bundle)),
            None => doc
                .rel
                .trim_end_matches(".md")
                .rsplit_once('/')
                .unwrap_or(("", doc.rel.trim_end_matches(".md"))),
        };
        let section = dirs
            .iter()
            .position(|d| d == dir)
            .unwrap_or_else(|| parent_of(&format!("{dir}/x"), dirs));
        if hidden[section] || (doc.meta.draft && !options.drafts) {
            continue;
        }
        let slug = slugify(doc.meta.slug.as_deref().unwrap_or(stem));
        if slug.is_empty() {
            findings.push(
                Finding::new(Code::ContentFrontmatterField, msg!("content-no-slug"))
                    .at(&doc.file, 1)
                    .site(label)
                    .help(msg!("content-no-slug-help")),
            );
        }
        let path = format!("{}{slug}/", url_dir(dir));
        pages.push(Page { doc, path, section });
    }
    pages
}

/// Each section's pages in its `sort_by` order (newest first by default), then by title.
fn sort_pages(sections: &mut [Section], pages: &[Page]) {
    for section in sections {
        let sort_by = section.doc.meta.sort_by.unwrap_or(SortBy::Date);
        section.pages.sort_by(|&a, &b| {
            let (a, b) = (&pages[a].doc.meta, &pages[b].doc.meta);
            let order = match sort_by {
                SortBy::Date => b.when.cmp(&a.when),
                SortBy::Weight => a
                    .weight
                    .unwrap_or(i64::MAX)
                    .cmp(&b.weight.unwrap_or(i64::MAX)),
                SortBy::Title => std::cmp::Ordering::Equal,
            };
            order.then_with(|| a.title.cmp(&b.title))
        });
    }
}
