//! Search across the whole regency: the rendered pages of every built site become one
//! Pagefind index (Indonesian word handling), published on the portal at `/pagefind/`,
//! which the search page of the portal and of every site (`/cari/`) queries.
//!
//! Two steps, so that the costly part runs where the pages already are: [`Collector`]
//! takes each site's rendered pages as the renderer hands them over (on the rendering
//! threads) and keeps only their text; [`index`] then turns the collected text of the
//! published sites, with each page's title, date, site and kind from the model, into the
//! index files. It must not decide what is published (the caller passes only sites that
//! are), write files, or read the clock: same pages in, same bytes out. The one file it
//! reads is the published output, in [`published`], for a `--site` build's other sites.

mod published;
mod text;

pub use published::{portal_index, published_entries};

pub use text::main_text;

use crate::content::SiteContent;
use crate::render::{Body, OutputFile, SiteOutput};
use crate::site::Model;
use std::collections::BTreeMap;
use std::sync::Mutex;

/// Where the index lives inside the portal's folder (and so at `https://<domain>/pagefind/`).
pub const INDEX_DIR: &str = "pagefind";

/// The address of the search page on every site.
pub const SEARCH_PATH: &str = "/cari/";

/// The language the index is built for: Indonesian stemming in the index and in the
/// browser.
const LANGUAGE: &str = "id";

/// The text of the pages of one site, by their path in the site (`berita/x/index.html`).
type SiteText = BTreeMap<String, String>;

/// Keeps the text of the pages of each site handed to it, for [`index`].
#[derive(Default)]
pub struct Collector {
    sites: Mutex<BTreeMap<String, SiteText>>,
}

impl Collector {
    /// Takes the text of a site's HTML pages (its label and files), replacing what an
    /// earlier call gave for the same site.
    pub fn take(&self, site: &SiteOutput) {
        let pages: SiteText = site
            .files
            .iter()
            .filter(|f| f.path.ends_with("index.html"))
            .filter_map(|f| match &f.body {
                Body::Bytes(bytes) => Some((f.path.clone(), text_of(bytes))),
                _ => None,
            })
            .collect();
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

/// The entries of the sites in `sites` (by label, as collected), in URL order. Only
/// pages written in markdown are indexed: section lists (which repeat their pages'
/// summaries), pagination, the 404 page, the search page and the pages laman makes
/// (directory, generated catalogue) are not.
pub fn entries(model: &Model, sites: &BTreeMap<String, SiteText>) -> Vec<Entry> {
    let mut all = Vec::new();
    // Never a site that is not published, even where its pages were collected (the
    // preview holds them).
    for site in model.published() {
        let Some(texts) = sites.get(&site.label) else {
            continue;
        };
        let c = &site.content;
        let news = c.news_section();
        let mut add = |path: &str, title: &str, date: Option<String>, jenis| {
            let file = format!("{}index.html", path.trim_start_matches('/'));
            if let Some(text) = texts.get(&file) {
                all.push(Entry {
                    url: site.url_of(path),
                    title: title.to_string(),
                    date,
                    situs: site.owner.clone(),
                    alamat: site.fqdn.clone(),
                    jenis,
                    text: text.clone(),
                });
            }
        };
        for page in &c.pages {
            let date = page.doc.meta.when.as_ref().map(|w| w.date.to_string());
            let kind = page_kind(c, page, news);
            add(&page.path, &page.doc.meta.title, date, kind);
        }
    }
    all.sort_by(|a, b| a.url.cmp(&b.url));
    all.dedup_by(|a, b| a.url == b.url);
    all
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

/// The index files (paths under [`INDEX_DIR`]) of `entries`, or why Pagefind could not
/// build them. The entries are added in the order given, so sorted entries give the
/// same bytes every time.
pub fn index(entries: &[Entry]) -> Result<Vec<OutputFile>, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("cannot start the indexer: {e}"))?;
    runtime.block_on(async {
        let config = pagefind::options::PagefindServiceConfig::builder()
            .keep_index_url(true)
            .force_language(LANGUAGE.to_string())
            .build();
        let mut pagefind = pagefind::api::PagefindIndex::new(Some(config))
            .map_err(|e| format!("cannot start Pagefind: {e}"))?;
        for e in entries {
            pagefind
                .add_custom_record(
                    e.url.clone(),
                    escape(&e.text),
                    LANGUAGE.to_string(),
                    Some(meta(e)),
                    Some(filters(e)),
                    e.date
                        .clone()
                        .map(|d| BTreeMap::from([("tanggal".to_string(), d)])),
                )
                .await
                .map_err(|err| format!("cannot index {}: {err}", e.url))?;
        }
        let files = pagefind
            .get_files()
            .await
            .map_err(|e| format!("cannot build the search index: {e}"))?;
        Ok(files
            .into_iter()
            .filter(|f| wanted(&f.filename.to_string_lossy()))
            .map(|f| OutputFile {
                path: format!(
                    "{INDEX_DIR}/{}",
                    f.filename.to_string_lossy().replace('\\', "/")
                ),
                body: Body::Bytes(f.contents),
            })
            .collect())
    })
}

/// Whether a file Pagefind writes is needed: its stock user interface (120 to 180 KB of
/// scripts and styles) is not, since the theme's own search page uses `pagefind.js`.
fn wanted(name: &str) -> bool {
    // The index of pages in no language: every page here is Indonesian.
    name != "wasm.unknown.pagefind"
        && !(name.starts_with("pagefind-ui")
            || name.starts_with("pagefind-component-ui")
            || name.starts_with("pagefind-modular-ui")
            || name.starts_with("pagefind-highlight"))
}

fn meta(e: &Entry) -> BTreeMap<String, String> {
    let mut meta = BTreeMap::from([
        ("title".to_string(), e.title.clone()),
        ("situs".to_string(), e.situs.clone()),
    ]);
    if let Some(date) = &e.date {
        meta.insert("tanggal".to_string(), date.clone());
    }
    meta
}

fn filters(e: &Entry) -> BTreeMap<String, Vec<String>> {
    BTreeMap::from([
        ("situs".to_string(), vec![e.situs.clone()]),
        ("alamat".to_string(), vec![e.alamat.clone()]),
        ("jenis".to_string(), vec![e.jenis.to_string()]),
    ])
}

/// Text as Pagefind's excerpts carry it: HTML, in which only `<mark>` is markup.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
