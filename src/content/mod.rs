//! The content tree: sections, pages and files of each site, read from `content/<label>/`.
//!
//! This stage reads files and front matter and decides addresses (slugs and paths). It
//! knows nothing of markdown rendering, templates or output; links are resolved later,
//! once every site is known.

pub mod alias;
mod code;
mod config;
mod discover;
mod frontmatter;
mod load;
mod locate;
pub mod ppid;
pub mod service;
mod slug;

pub use config::{Contact, SiteConfig, FILE_NAME as SITE_CONFIG_FILE};
pub use discover::{discover, SiteDir};
pub use frontmatter::{parse as parse_front_matter, FrontMatter, SortBy, SpamReview, When};
pub use load::{load_site, LoadOptions, MAX_DOCUMENT};
pub use slug::slugify;

use crate::input::Source;
use std::path::PathBuf;

/// Everything one site's content folder holds.
#[derive(Debug, Default)]
pub struct SiteContent {
    pub label: String,
    /// `content/<label>`, relative to the regency root.
    pub dir: PathBuf,
    pub config: SiteConfig,
    /// `sections[0]` is the site's root (its home page).
    pub sections: Vec<Section>,
    pub pages: Vec<Page>,
    /// Files copied as they are: bundle and section files, then `_static/`.
    pub assets: Vec<Asset>,
    /// Templates in `_templates/` that override the theme for this site.
    pub templates: Vec<TemplateFile>,
    /// The old addresses of its documents, checked and free of collisions.
    pub aliases: Vec<alias::SiteAlias>,
}

impl SiteContent {
    /// Gives back the markdown of every section and page, once a build has rendered the
    /// site (see [`Markdown`]). Never in the preview, which keeps content between
    /// rebuilds.
    pub fn release_bodies(&self) {
        let sections = self.sections.iter().map(|s| &s.doc);
        for doc in sections.chain(self.pages.iter().map(|p| &p.doc)) {
            doc.body.release();
        }
    }

    /// The index of the site's news section (`news_section` in `_site.toml`), if it has
    /// one.
    pub fn news_section(&self) -> Option<usize> {
        let rel = format!("{}/_index.md", self.config.news_section());
        self.sections.iter().position(|s| s.doc.rel == rel)
    }

    /// Every document of the site: its sections (the root first), then its pages.
    pub fn docs(&self) -> impl Iterator<Item = &Doc> {
        self.sections
            .iter()
            .map(|s| &s.doc)
            .chain(self.pages.iter().map(|p| &p.doc))
    }
}

/// A markdown file with its front matter.
#[derive(Debug, Default)]
pub struct Doc {
    /// The file, relative to the regency root (for findings).
    pub file: PathBuf,
    /// The path inside the site folder with `/` separators: how `@/` links name it.
    pub rel: String,
    pub meta: FrontMatter,
    /// The front matter as written, fences included: the file's text before `body`
    /// (for the spam guard, which reads titles and descriptions too).
    pub front: String,
    pub body: Markdown,
    /// The line of the file on which `body` starts.
    pub body_line: usize,
}

/// A document's markdown body. Shared by every stage that reads it, and given back by a
/// build once its site is rendered ([`SiteContent::release_bodies`]): nothing after
/// rendering reads a body, and a large regency's markdown is then not all held to the
/// end of the build.
#[derive(Debug, Default)]
pub struct Markdown(std::sync::Mutex<std::sync::Arc<str>>);

impl Markdown {
    /// The body (empty once released).
    pub fn get(&self) -> std::sync::Arc<str> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn release(&self) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = std::sync::Arc::from("");
    }
}

impl From<&str> for Markdown {
    fn from(text: &str) -> Self {
        Markdown(std::sync::Mutex::new(std::sync::Arc::from(text)))
    }
}

impl From<String> for Markdown {
    fn from(text: String) -> Self {
        Markdown(std::sync::Mutex::new(std::sync::Arc::from(text)))
    }
}

/// An `_index.md`: a list page over the pages of its folder.
#[derive(Debug, Default)]
pub struct Section {
    pub doc: Doc,
    /// The URL path inside the site, with slashes at both ends: `/berita/`.
    pub path: String,
    pub parent: Option<usize>,
    pub subsections: Vec<usize>,
    /// Indices into `SiteContent::pages`, sorted as the section asks.
    pub pages: Vec<usize>,
}

#[derive(Debug, Default)]
pub struct Page {
    pub doc: Doc,
    /// The URL path inside the site: `/berita/vaksinasi-campak/`.
    pub path: String,
    pub section: usize,
}

/// A file copied to the output unchanged.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Where to read it (inside the site's folder).
    pub source: Source,
    /// The file, relative to the regency root (for findings).
    pub origin: PathBuf,
    /// Its path inside the site's output folder, without a leading slash.
    pub dest: String,
}

/// A template file that overrides the theme's template of the same name.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    pub name: String,
    pub source: Source,
    pub origin: PathBuf,
}
