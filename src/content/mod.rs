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

/// A document's markdown body: held in memory, or (in a build, [`LoadOptions::lazy`])
/// only where it is in its file, read again each time a stage asks for it, so that a
/// large regency's markdown is never all held at once. A body read again must be the
/// one read first (its hash is kept): a file changed during the build is refused
/// rather than mixed with what the build read of it before.
#[derive(Debug, Default)]
pub struct Markdown(Held);

#[derive(Debug, Default)]
enum Held {
    #[default]
    Empty,
    Text(std::sync::Arc<str>),
    InFile {
        source: crate::input::Source,
        /// Where the body starts in the file's text (after [`load::text_of`]).
        at: usize,
        hash: blake3::Hash,
    },
}

impl Markdown {
    /// The body; an error when its file can no longer be read, or says something else
    /// than when it was first read.
    pub fn get(&self) -> std::io::Result<std::sync::Arc<str>> {
        match &self.0 {
            Held::Empty => Ok(std::sync::Arc::from("")),
            Held::Text(text) => Ok(text.clone()),
            Held::InFile { source, at, hash } => {
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(
                    &mut std::io::Read::take(source.open()?, MAX_DOCUMENT as u64 + 1),
                    &mut bytes,
                )?;
                let text = load::text_of(&bytes, std::path::Path::new(""))
                    .map_err(|f| std::io::Error::other(f.message))?;
                let body = text.get(*at..).unwrap_or_default();
                if blake3::hash(body.as_bytes()) != *hash {
                    return Err(std::io::Error::other(crate::msg!(
                        "content-changed-in-build"
                    )));
                }
                Ok(std::sync::Arc::from(body))
            }
        }
    }

    /// A body left in its file from byte `at` of its text (see [`Markdown`]).
    pub(crate) fn in_file(source: crate::input::Source, at: usize, body: &str) -> Self {
        Markdown(Held::InFile {
            source,
            at,
            hash: blake3::hash(body.as_bytes()),
        })
    }
}

impl From<&str> for Markdown {
    fn from(text: &str) -> Self {
        Markdown(Held::Text(std::sync::Arc::from(text)))
    }
}

impl From<String> for Markdown {
    fn from(text: String) -> Self {
        Markdown(Held::Text(std::sync::Arc::from(text)))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A body left in its file is read again as it was; a file changed or gone since is
    /// an error, never another body.
    #[test]
    fn a_body_left_in_its_file_is_read_again_only_as_it_was() {
        let root = tempfile::tempdir().unwrap();
        let text = "+++\ntitle = \"A\"\n+++\r\nIsi\r\nhalaman.\r\n";
        std::fs::write(root.path().join("a.md"), text).unwrap();
        let area = std::sync::Arc::new(crate::input::Area::new(root.path(), ""));
        let body = "\nIsi\nhalaman.\n";
        let at = "+++\ntitle = \"A\"\n+++".len();
        let markdown = Markdown::in_file(area.source("a.md"), at, body);
        assert_eq!(&*markdown.get().unwrap(), body);
        std::fs::write(root.path().join("a.md"), text.replace("Isi", "Lain")).unwrap();
        assert!(markdown.get().is_err(), "a changed file");
        std::fs::remove_file(root.path().join("a.md")).unwrap();
        assert!(markdown.get().is_err(), "a file gone");
        assert_eq!(&*Markdown::from("teks").get().unwrap(), "teks");
        assert_eq!(&*Markdown::default().get().unwrap(), "");
    }
}
