//! Markdown to HTML: pulldown-cmark with tables, footnotes, strikethrough, task lists,
//! heading ids and smart punctuation; `@` links resolved to absolute URLs; raw HTML and
//! heading attributes checked, and every page sanitized ([`safety`]).
//!
//! Rendering one document is a pure function of its text, the link resolver and the
//! site's HTML policy: no file system, no templates.

mod safety;

pub use safety::{
    is_script_url, is_theme_id, url_allowed, HtmlPolicy, RESERVED_IDS, RESERVED_ID_PREFIXES,
};

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
    /// Front-matter fields written in markdown (the components of a service), rendered
    /// by the caller with the same rules: `(key, html)`.
    pub fields: Vec<(&'static str, String)>,
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
    let mut ids = HeadingIds::default();
    let mut anchors = Vec::new();
    let mut toc = Vec::new();
    let mut summary = String::new();
    let mut summary_done = false;
    let mut in_paragraph = false;
    let mut words = 0;
    // Raw HTML of the open HTML block, checked whole when the block ends.
    let mut block: Option<RawHtml> = None;
    // Open heading (start index in `events`) and open image (alt text so far, offset).
    let mut heading: Option<usize> = None;
    let mut image: Option<(String, usize)> = None;

    let reported_before = findings.len();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match &event {
            Event::Start(_) if depth == MAX_NESTING => {
                findings.push(report(
                    Code::ContentLimit,
                    range.start,
                    format!(
                        "the page nests lists, quotes or other blocks more than {MAX_NESTING} deep"
                    ),
                    "flatten the structure: no page needs blocks this deep",
                ));
                break;
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let at = attribute_block(body, range);
                let report = |message: String| {
                    findings.push(report(
                        Code::ContentHtmlUnsafe,
                        at,
                        message,
                        "a heading's attribute block may hold only an id and classes: ## Judul {#id .kelas}; ids and classes are letters, digits, - and _",
                    ))
                };
                let (id, classes) = heading_attributes(id, classes, attrs, report);
                heading = Some(events.len());
                events.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs: Vec::new(),
                }));
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
                let at = |code, message, help: &str| report(code, range.start, message, help);
                let dest_url = check_link(dest_url, env, &at, findings, &mut anchors);
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
                let at = |code, message, help: &str| report(code, range.start, message, help);
                let dest_url = check_link(dest_url, env, &at, findings, &mut anchors);
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
            Event::Start(Tag::HtmlBlock) => {
                block = Some(RawHtml::default());
                events.push(event);
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(raw) = block.take() {
                    raw.check(env.policy, &line, |code, l, message, help| {
                        findings.push(report_at(doc, env, code, l, message, help))
                    });
                }
                events.push(event);
            }
            Event::Html(ref html) | Event::InlineHtml(ref html) => {
                match &mut block {
                    Some(raw) if matches!(event, Event::Html(_)) => raw.push(html, range.start),
                    _ => {
                        let mut raw = RawHtml::default();
                        raw.push(html, range.start);
                        raw.check(env.policy, &line, |code, l, message, help| {
                            findings.push(report_at(doc, env, code, l, message, help))
                        });
                    }
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
            // A footnote's label becomes an id and a `#` link as written (`[^catatan
            // kaki]`), which the sanitizer's id rule would strip: give both one safe id.
            Event::FootnoteReference(label) => {
                events.push(Event::FootnoteReference(footnote_id(&label)));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                events.push(Event::Start(Tag::FootnoteDefinition(footnote_id(&label))));
            }
            other => events.push(other),
        }
    }

    // A page past a limit is not published: it is not worth the time to clean it either
    // (cleaning deeply nested HTML takes time that grows with the square of the depth).
    let over_limit = findings[reported_before..]
        .iter()
        .any(|f| f.code == Code::ContentLimit);
    let html = if over_limit {
        String::new()
    } else {
        let mut html = String::with_capacity(body.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        env.policy.sanitize(&html)
    };
    let mut ids: Vec<String> = ids.taken.into_iter().collect();
    ids.sort();
    Rendered {
        html,
        toc,
        ids,
        anchors,
        summary: shorten(&summary),
        words,
        fields: Vec::new(),
    }
}

/// Gives the heading that starts at `events[start]` an id (its own `{#id}` or one made
/// from its text, unique in the page) and records h2/h3 for the table of contents.
/// The ids a page's headings have taken, and for each wanted id the next number to try,
/// so that 50,000 headings of one title get their ids in linear time, not quadratic.
#[derive(Default)]
struct HeadingIds {
    taken: HashSet<String>,
    next: std::collections::HashMap<String, usize>,
}

impl HeadingIds {
    /// `wanted` if it is free and not the theme's, else `wanted-1`, `wanted-2`, ...; an
    /// id under one of the theme's prefixes moves out of it (`standar-biaya` →
    /// `bagian-standar-biaya`).
    fn claim(&mut self, wanted: String) -> String {
        let wanted = if RESERVED_ID_PREFIXES.iter().any(|p| wanted.starts_with(p)) {
            format!("bagian-{wanted}")
        } else {
            wanted
        };
        if !is_theme_id(&wanted) && self.taken.insert(wanted.clone()) {
            return wanted;
        }
        let n = self.next.entry(wanted.clone()).or_insert(1);
        loop {
            let unique = format!("{wanted}-{n}");
            *n += 1;
            if !is_theme_id(&unique) && self.taken.insert(unique.clone()) {
                return unique;
            }
        }
    }
}

fn finish_heading(
    events: &mut [Event],
    start: usize,
    ids: &mut HeadingIds,
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
    let unique = ids.claim(wanted);
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

/// Checks one address written by an editor, in markdown or in a site's settings:
/// resolves an `@` link (a `#heading` in it is checked later, through `anchors`) and
/// refuses addresses the sanitizer would remove. Returns the address to write; `report`
/// places a finding where the address is written.
pub fn check_link<'a>(
    url: CowStr<'a>,
    env: &Env,
    report: &dyn Fn(Code, String, &str) -> Finding,
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
                    format!("broken link `{url}`: {why}"),
                    "write @/path/under/the/site.md for this site, @label/path.md for another site, @portal/... for the portal",
                ));
                url
            }
        };
    }
    let script = safety::is_script_url(&url);
    if script || !url_allowed(&as_written(&url)) {
        let why = if script {
            "can run code in the reader's browser"
        } else {
            "is not an address content may link to"
        };
        findings.push(report(
            Code::ContentHtmlUnsafe,
            format!("the address `{}` {why}", safety::shown(&url)),
            "link only to http(s), mailto: or tel: addresses, or to files of the site",
        ));
        return CowStr::from("#");
    }
    url
}

/// An address as the browser reads it from pulldown-cmark's `href`: bytes outside its
/// safe set percent-encoded (it writes `&` and `'` as entities, which decode back).
fn as_written(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        let safe = c.is_ascii_graphic() && !"\"<>[\\]`{|}".contains(c);
        if safe {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// A finding at a line of a document.
fn report_at(
    doc: &Doc,
    env: &Env,
    code: Code,
    line: usize,
    message: String,
    help: &str,
) -> Finding {
    Finding::new(code, message)
        .at(&doc.file, line)
        .site(env.site)
        .help(help)
}

/// Raw HTML checked as one text (an HTML block arrives line by line, and a tag may span
/// lines): the text, and where each piece starts in it and in the body.
#[derive(Default)]
struct RawHtml {
    text: String,
    pieces: Vec<(usize, usize)>,
}

impl RawHtml {
    fn push(&mut self, html: &str, offset: usize) {
        self.pieces.push((self.text.len(), offset));
        self.text.push_str(html);
    }

    /// Reports every problem at the line it is on (`line` maps a body offset to a line).
    fn check(
        &self,
        policy: &HtmlPolicy,
        line: &dyn Fn(usize) -> usize,
        mut report: impl FnMut(Code, usize, String, &str),
    ) {
        for (at, problem) in policy.check(&self.text) {
            let i = self
                .pieces
                .partition_point(|&(start, _)| start <= at)
                .max(1)
                - 1;
            let (start, offset) = self.pieces[i];
            let within = self.text.as_bytes()[start..at.min(self.text.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            let (code, help) = problem.code_and_help();
            report(code, line(offset) + within, problem.message(), help);
        }
    }
}

/// Where a heading's `{...}` attribute block starts (the heading's text line; for a
/// setext heading, the line above its underline).
fn attribute_block(body: &str, range: std::ops::Range<usize>) -> usize {
    let source = body.get(range.clone()).unwrap_or("").trim_end();
    let text = match source.rsplit_once('\n') {
        Some((above, under))
            if !under.trim().is_empty() && under.trim().chars().all(|c| c == '=' || c == '-') =>
        {
            above
        }
        _ => source,
    };
    range.start + text.rfind('{').unwrap_or(0)
}

/// The id and classes a heading keeps from its attribute block: only an allowed id and
/// allowed classes; everything else is reported and dropped.
fn heading_attributes<'a>(
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    mut report: impl FnMut(String),
) -> (Option<CowStr<'a>>, Vec<CowStr<'a>>) {
    for (key, value) in &attrs {
        let shown = match value {
            Some(v) => format!("{key}={}", safety::shown(v)),
            None => key.to_string(),
        };
        report(format!(
            "the heading attribute `{shown}` is not allowed (only {{#id}} and {{.class}})"
        ));
    }
    let id = id.filter(|id| {
        let ok = safety::id_allowed(id);
        if !ok {
            report(format!(
                "the heading id `{}` is not allowed: {}",
                safety::shown(id),
                safety::NAME_RULE
            ));
        }
        ok
    });
    let classes = classes
        .into_iter()
        .filter(|class| {
            let ok = safety::class_allowed(class);
            if !ok {
                report(format!(
                    "the heading class `{}` is not allowed: {}",
                    safety::shown(class),
                    safety::NAME_RULE
                ));
            }
            ok
        })
        .collect();
    (id, classes)
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
