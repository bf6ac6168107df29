//! Markdown to HTML: pulldown-cmark with tables, footnotes, strikethrough, task lists,
//! heading ids and smart punctuation; `@` links resolved to absolute URLs; raw HTML and
//! heading attributes checked, and every page sanitized ([`safety`]).
//!
//! Rendering one document is a pure function of its text, the link resolver and the
//! site's HTML policy: no file system, no templates.
//!
//! This file holds the types and the loop over pulldown-cmark's events; each kind of
//! event has its step in [`walk`], with headings' ids in [`headings`], addresses in
//! [`links`], raw HTML in [`raw`] and the summary in [`summary`].

mod headings;
mod links;
mod raw;
mod safety;
mod summary;
mod walk;

pub use links::check_link;
pub use safety::Problem as SanitizerProblem;
pub use safety::{
    is_script_url, is_theme_id, url_allowed, HtmlPolicy, RESERVED_IDS, RESERVED_ID_PREFIXES,
};

use crate::content::{slugify, Doc};
use crate::finding::{Code, Finding};
use pulldown_cmark::{CowStr, Event, Options, Parser};
use serde::Serialize;
use walk::Walker;

/// A heading for the table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<Heading>,
    /// The id of every heading, sorted (a link's `#fragment` must name one).
    pub ids: Vec<String>,
    /// `@` links with a `#fragment`, checked once every page's ids are known.
    pub anchors: Vec<Anchor>,
    /// Plain text of the first paragraph, shortened.
    pub summary: String,
    pub words: usize,
    /// Front-matter fields written in markdown (the components of a service), rendered
    /// by the caller with the same rules: `(key, html)`.
    pub fields: Vec<(&'static str, String)>,
    /// What the editor is told to write: the text of each HTML comment written as a
    /// block of its own (`<!-- ... -->` on its own lines), as written, never escaped
    /// (the preview shows it on draft pages, escaped; a build never shows it).
    pub guidance: Vec<String>,
    /// The page's first image written in markdown that is kept: its address as written
    /// (after `@` links are resolved) and its alt text (lists show it beside the page).
    pub image: Option<FirstImage>,
}

/// The first image of a page: `src` as written, `alt` its text, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstImage {
    pub src: String,
    pub alt: String,
}

/// An `@` link to a heading of a page: the page's address, the heading's id, and the
/// finding to report if the page has no such heading.
#[derive(Debug, Clone)]
pub struct Anchor {
    pub page: String,
    pub id: String,
    pub finding: Finding,
}

/// What a document needs from the rest of the regency to render.
pub struct Env<'a> {
    /// The site the document belongs to.
    pub site: &'a str,
    /// Resolves an `@` link (see [`crate::site::LinkIndex::resolve`]).
    pub resolve: &'a (dyn Fn(&str) -> Result<String, crate::site::Unresolved> + Sync),
    pub policy: &'a HtmlPolicy,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// The deepest nesting of blocks (lists, quotes) or raw HTML elements a page may have.
/// Past it, parsing and cleaning take time that grows with the square of the depth
/// (50,000 nested quotes took minutes); no real page comes near.
pub const MAX_NESTING: usize = 100;

/// The id of a footnote: its label as a slug, after a prefix that keeps it apart from
/// heading ids and the theme's own ids.
fn footnote_id(label: &str) -> CowStr<'static> {
    let slug: String = slugify(label).chars().take(48).collect();
    CowStr::from(format!("catatan-{slug}"))
}

/// Renders a document's body. Problems (broken links, unsafe HTML, images without alt
/// text) are pushed to `findings` with the document's file and line.
pub fn render(doc: &Doc, env: &Env, findings: &mut Vec<Finding>) -> Rendered {
    let body = match doc.body.get() {
        Ok(body) => body,
        Err(e) => {
            let again = Finding::new(
                Code::ContentRead,
                crate::msg!("content-reread", reason = e.to_string()),
            )
            .at(&doc.file, 1)
            .site(env.site)
            .help(crate::msg!("content-reread-help"));
            findings.push(again);
            std::sync::Arc::from("")
        }
    };
    let mut walker = Walker::new(doc, &body, env, findings);
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(&body, options()).into_offset_iter() {
        match &event {
            Event::Start(_) if depth == MAX_NESTING => {
                let too_deep = walker.report(
                    Code::ContentLimit,
                    range.start,
                    crate::msg!("markdown-too-deep", max = MAX_NESTING),
                    &crate::msg!("markdown-too-deep-help"),
                );
                walker.push_finding(too_deep);
                break;
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        walker.event(event, range);
    }
    walker.finish()
}

#[cfg(test)]
mod tests;
