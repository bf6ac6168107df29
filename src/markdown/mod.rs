//! Markdown to HTML: pulldown-cmark with tables, footnotes, strikethrough, task lists,
//! heading ids and smart punctuation; `@` links resolved to absolute URLs; raw HTML
//! checked and sanitized ([`safety`]).
//!
//! Rendering one document is a pure function of its text, the link resolver and the
//! site's HTML policy: no file system, no templates.

mod safety;

pub use safety::HtmlPolicy;

use crate::content::{slugify, Doc};
use crate::finding::{line_of, Code, Finding};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::HashSet;

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
    pub resolve: &'a (dyn Fn(&str) -> Result<String, String> + Sync),
    pub policy: &'a HtmlPolicy,
}

const SUMMARY_CHARS: usize = 200;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders a document's body. Problems (broken links, unsafe HTML, images without alt
/// text) are pushed to `findings` with the document's file and line.
pub fn render(doc: &Doc, env: &Env, findings: &mut Vec<Finding>) -> Rendered {
    let body = doc.body.as_str();
    let line = |offset: usize| doc.body_line + line_of(body, offset) - 1;
    let report = |code: Code, offset: usize, message: String, help: &str| {
        Finding::new(code, message)
            .at(&doc.file, line(offset))
            .site(env.site)
            .help(help)
    };

    let mut events: Vec<Event> = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    let mut anchors = Vec::new();
    let mut toc = Vec::new();
    let mut summary = String::new();
    let mut summary_done = false;
    let mut in_paragraph = false;
    let mut words = 0;
    let mut has_raw_html = false;
    // Open heading (start index in `events`) and open image (alt text so far, offset).
    let mut heading: Option<usize> = None;
    let mut image: Option<(String, usize)> = None;

    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                heading = Some(events.len());
                events.push(event);
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(start) = heading.take() {
                    finish_heading(&mut events, start, &mut ids, &mut toc);
                }
                events.push(event);
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url =
                    check_url(dest_url, range.start, env, &report, findings, &mut anchors);
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url =
                    check_url(dest_url, range.start, env, &report, findings, &mut anchors);
                image = Some((String::new(), range.start));
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => {
                if let Some((alt, offset)) = image.take() {
                    if alt.trim().is_empty() {
                        findings.push(report(
                            Code::ContentImageAlt,
                            offset,
                            "an image has no description (alt text)".into(),
                            "write what the image shows between the brackets: ![Bagan struktur organisasi](bagan.svg)",
                        ));
                    }
                }
                events.push(event);
            }
            Event::Start(Tag::Paragraph) => {
                in_paragraph = true;
                events.push(event);
            }
            Event::End(TagEnd::Paragraph) => {
                in_paragraph = false;
                summary_done |= !summary.is_empty();
                events.push(event);
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                words += text.split_whitespace().count();
                if let Some((alt, _)) = &mut image {
                    alt.push_str(text);
                }
                if in_paragraph && !summary_done && summary.len() < SUMMARY_CHARS * 2 {
                    summary.push_str(text);
                }
                events.push(event);
            }
            Event::SoftBreak | Event::HardBreak if in_paragraph && !summary_done => {
                summary.push(' ');
                events.push(event);
            }
            Event::Html(ref html) | Event::InlineHtml(ref html) => {
                has_raw_html = true;
                for problem in env.policy.check(html) {
                    let (code, help) = problem.code_and_help();
                    findings.push(report(code, range.start, problem.message(), help));
                }
                events.push(event);
            }
            Event::TaskListMarker(done) => {
                let (mark, label) = if done {
                    ("☑", "selesai")
                } else {
                    ("☐", "belum")
                };
                events.push(Event::InlineHtml(CowStr::from(format!(
                    "<span class=\"tugas\" role=\"img\" aria-label=\"{label}\">{mark}</span> "
                ))));
            }
            other => events.push(other),
        }
    }

    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if has_raw_html {
        html = env.policy.sanitize(&html);
    }
    let mut ids: Vec<String> = ids.into_iter().collect();
    ids.sort();
    Rendered {
        html,
        toc,
        ids,
        anchors,
        summary: shorten(&summary),
        words,
    }
}

/// Gives the heading that starts at `events[start]` an id (its own `{#id}` or one made
/// from its text, unique in the page) and records h2/h3 for the table of contents.
fn finish_heading(
    events: &mut [Event],
    start: usize,
    ids: &mut HashSet<String>,
    toc: &mut Vec<Heading>,
) {
    let title: String = events[start + 1..]
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let Event::Start(Tag::Heading { level, id, .. }) = &mut events[start] else {
        return;
    };
    let wanted = match id {
        Some(explicit) => explicit.to_string(),
        None => {
            let s = slugify(&title);
            if s.is_empty() {
                "bagian".to_string()
            } else {
                s
            }
        }
    };
    let mut unique = wanted.clone();
    let mut n = 1;
    while !ids.insert(unique.clone()) {
        unique = format!("{wanted}-{n}");
        n += 1;
    }
    *id = Some(CowStr::from(unique.clone()));
    let level = match level {
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        _ => return,
    };
    toc.push(Heading {
        level,
        id: unique,
        title,
    });
}

/// Resolves `@` links and refuses script-bearing URLs; returns the URL to write.
fn check_url<'a>(
    url: CowStr<'a>,
    offset: usize,
    env: &Env,
    report: &dyn Fn(Code, usize, String, &str) -> Finding,
    findings: &mut Vec<Finding>,
    anchors: &mut Vec<Anchor>,
) -> CowStr<'a> {
    if url.starts_with('@') {
        return match (env.resolve)(&url) {
            Ok(resolved) => {
                if let Some((page, id)) = resolved.split_once('#').filter(|(_, id)| !id.is_empty())
                {
                    anchors.push(Anchor {
                        page: page.to_string(),
                        id: id.to_string(),
                        finding: report(
                            Code::ContentLinkBroken,
                            offset,
                            format!("broken link `{url}`: the page has no heading `#{id}`"),
                            "a heading's id is its text in lower case with hyphens (## Visi dan Misi → #visi-dan-misi), or the id given as ## Judul {#id}",
                        ),
                    });
                }
                CowStr::from(resolved)
            }
            Err(why) => {
                findings.push(report(
                    Code::ContentLinkBroken,
                    offset,
                    format!("broken link `{url}`: {why}"),
                    "write @/path/under/the/site.md for this site, @label/path.md for another site, @portal/... for the portal",
                ));
                url
            }
        };
    }
    if safety::is_script_url(&url) {
        findings.push(report(
            Code::ContentHtmlUnsafe,
            offset,
            format!(
                "the address `{}` can run code in the reader's browser",
                safety::shown(&url)
            ),
            "link only to http(s), mailto: or tel: addresses, or to files of the site",
        ));
        return CowStr::from("#");
    }
    url
}

fn shorten(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= SUMMARY_CHARS {
        return text;
    }
    let cut: String = text.chars().take(SUMMARY_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

#[cfg(test)]
mod tests;
