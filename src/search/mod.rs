//! Search across the whole regency: the rendered pages of every built site become one
//! index in laman's own format ([`format`](mod@format), Indonesian stemming), published on the
//! portal at `/_cari/`, which the search page of the portal and of every site (`/cari/`)
//! queries with the index's own script (`/_cari/indeks.js`).
//!
//! Two steps, so that the costly part runs where the pages already are: [`Collector`]
//! takes each site's rendered pages as the renderer hands them over (on the rendering
//! threads) and keeps only their text; [`index`] then turns the collected text of the
//! published sites, with each page's title, date, site and kind from the model, into the
//! index files. It must not decide what is published (the caller passes only sites that
//! are), read or write files, or read the clock: same pages in, same bytes out. A build's
//! search stage (`build/search.rs`) decides which sites' text goes in.

pub mod format;
mod text;

pub use format::Part;
pub use text::main_text;

use crate::content::SiteContent;
use crate::generated::INDEX_DIR;
use crate::render::{Body, OutputFile, SiteOutput};
use crate::site::{Model, Site};
use std::collections::BTreeMap;
use std::sync::Mutex;

/// The text of the pages of one site, by their path in the site (`berita/x/index.html`).
pub type SiteText = BTreeMap<String, String>;

/// Keeps the text of the pages of each site handed to it, for [`index`].
#[derive(Default)]
pub struct Collector {
    sites: Mutex<BTreeMap<String, SiteText>>,
}

impl Collector {
    /// Takes the text of a site's HTML pages (its label and files), replacing what an
    /// earlier call gave for the same site.
    pub fn take(&self, site: &SiteOutput) {
        let pages = site_text(site);
        if let Ok(mut sites) = self.sites.lock() {
            sites.insert(site.label.clone(), pages);
        }
    }

    /// Takes the text of a site held as a map of path to body (the preview's).
    pub fn take_files<'a>(&self, label: &str, files: impl Iterator<Item = (&'a String, &'a Body)>) {
        let pages: SiteText = files
            .filter(|(path, _)| path.ends_with("index.html"))
            .filter_map(|(path, body)| match body {
                Body::Bytes(bytes) => Some((path.clone(), text_of(bytes))),
                _ => None,
            })
            .collect();
        if let Ok(mut sites) = self.sites.lock() {
            sites.insert(label.to_string(), pages);
        }
    }

    /// What was collected, by site label.
    pub fn into_sites(self) -> BTreeMap<String, SiteText> {
        self.sites.into_inner().unwrap_or_default()
    }
}

/// The text of a site's rendered HTML pages, by path.
pub fn site_text(site: &SiteOutput) -> SiteText {
    site.files
        .iter()
        .filter(|f| f.path.ends_with("index.html"))
        .filter_map(|f| match &f.body {
            Body::Bytes(bytes) => Some((f.path.clone(), text_of(bytes))),
            _ => None,
        })
        .collect()
}

fn text_of(bytes: &[u8]) -> String {
    main_text(&String::from_utf8_lossy(bytes))
}

/// One page as the index holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Absolute URL.
    pub url: String,
    pub title: String,
    /// `YYYY-MM-DD`, for pages that have a date.
    pub date: Option<String>,
    /// Who runs the site (the portal's and each OPD's `owner`): the filter `situs`.
    pub situs: String,
    /// The site's host name: the filter `alamat`, by which a site's own search keeps
    /// to itself.
    pub alamat: String,
    /// `berita`, `layanan`, `ppid` or `halaman`: the filter `jenis`.
    pub jenis: &'static str,
    pub text: String,
}

/// The entries of the sites in `sites` (by label, as collected): site by site in the
/// model's order, each site's pages in URL order. Only
/// pages written in markdown are indexed: section lists (which repeat their pages'
/// summaries), pagination, the 404 page, the search page and the pages laman makes
/// (directory, generated catalogue) are not.
pub fn entries(model: &Model, mut sites: BTreeMap<String, SiteText>) -> Vec<Entry> {
    let mut all = Vec::new();
    // Never a site that is not published, even where its pages were collected (the
    // preview holds them).
    for site in model.published() {
        // Taken, not copied: the text is most of what a build holds for search.
        if let Some(texts) = sites.remove(&site.label) {
            all.append(&mut site_entries(site, texts));
        }
    }
    all
}

/// The entries of one site from the text of its pages (see [`entries`]), in URL order;
/// none for a site that is not published.
pub fn site_entries(site: &Site, mut texts: SiteText) -> Vec<Entry> {
    let mut mine = Vec::new();
    if !site.published() {
        return mine;
    }
    let c = &site.content;
    let news = c.news_section();
    let mut add = |path: &str, title: &str, date: Option<String>, jenis| {
        let file = format!("{}index.html", path.trim_start_matches('/'));
        if let Some(text) = texts.remove(&file) {
            mine.push(Entry {
                url: site.url_of(path),
                title: title.to_string(),
                date,
                situs: site.owner.clone(),
                alamat: site.fqdn.clone(),
                jenis,
                text,
            });
        }
    };
    for page in &c.pages {
        let date = page.doc.meta.when.as_ref().map(|w| w.date.to_string());
        let kind = page_kind(c, page, news);
        add(&page.path, &page.doc.meta.title, date, kind);
    }
    mine.sort_by(|a: &Entry, b: &Entry| a.url.cmp(&b.url));
    mine.dedup_by(|a, b| a.url == b.url);
    mine
}

fn page_kind(c: &SiteContent, page: &crate::content::Page, news: Option<usize>) -> &'static str {
    let meta = &page.doc.meta;
    if meta.service.is_some() {
        "layanan"
    } else if meta.public_info.is_some() || page.path.starts_with("/ppid/") {
        "ppid"
    } else if news.is_some_and(|n| in_section(c, page.section, n)) {
        "berita"
    } else {
        "halaman"
    }
}

/// Whether section `s` is `ancestor` or lies below it.
fn in_section(c: &SiteContent, mut s: usize, ancestor: usize) -> bool {
    for _ in 0..=c.sections.len() {
        if s == ancestor {
            return true;
        }
        match c.sections.get(s).and_then(|x| x.parent) {
            Some(p) => s = p,
            None => return false,
        }
    }
    false
}

/// The index files (paths under [`INDEX_DIR`]) of `entries`, in laman's own format
/// ([`format`](mod@format)), in path order. Same entries in the same order, same bytes.
pub fn index(entries: &[Entry]) -> Vec<OutputFile> {
    let mut files = Vec::new();
    let whole: Result<(), std::convert::Infallible> = write_index(entries, |batch| {
        files.extend(batch);
        Ok(())
    });
    whole.unwrap_or_else(|never| match never {});
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The same files as [`index`], handed to `emit` a batch at a time (see
/// [`format::build`]), so that a build writes them without holding them all.
pub fn write_index<E>(
    entries: &[Entry],
    mut emit: impl FnMut(Vec<OutputFile>) -> Result<(), E>,
) -> Result<(), E> {
    format::build(entries, |batch| emit(in_index(batch)))
}

/// One site's part of the index from its `entries` (see [`format::part`]): the files of
/// its texts go to `emit` (paths under [`INDEX_DIR`]); none when it has no entry.
pub fn part<E>(
    entries: &[Entry],
    mut emit: impl FnMut(Vec<OutputFile>) -> Result<(), E>,
) -> Result<Option<Part>, E> {
    if entries.is_empty() {
        return Ok(None);
    }
    format::part(entries, |batch| emit(in_index(batch))).map(Some)
}

/// The files that join the sites' parts into the index (see [`format::finish`]), paths
/// under [`INDEX_DIR`].
pub fn finish<E>(
    parts: &[Part],
    mut emit: impl FnMut(Vec<OutputFile>) -> Result<(), E>,
) -> Result<(), E> {
    format::finish(parts, |batch| emit(in_index(batch)))
}

fn in_index(batch: Vec<OutputFile>) -> Vec<OutputFile> {
    batch
        .into_iter()
        .map(|f| OutputFile {
            path: format!("{INDEX_DIR}/{}", f.path),
            body: f.body,
        })
        .collect()
}
