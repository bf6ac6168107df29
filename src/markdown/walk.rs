//! The walk over one page's markdown events: each kind of event has its step (headings,
//! links and images, raw HTML, text for the summary, task-list marks, footnotes), which
//! checks it, reports what is wrong at its line, and keeps the event (rewritten where
//! needed) for the HTML writer.
//!
//! It must not parse markdown or write HTML itself ([`super::render`] does both), nor
//! read anything beyond the document and its [`Env`].

use super::headings::{attribute_block, finish_heading, heading_attributes, HeadingIds};
use super::links::check_link;
use super::raw::RawHtml;
use super::summary::Summary;
use super::{footnote_id, Anchor, Env, FirstImage, Heading, Rendered};
use crate::content::Doc;
use crate::finding::{line_of, Code, Finding};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use std::ops::Range;

/// What the walk has gathered so far.
pub(super) struct Walker<'a, 'f> {
    doc: &'a Doc,
    /// The document's body, which the events borrow from.
    body: &'a str,
    env: &'a Env<'a>,
    findings: &'f mut Vec<Finding>,
    /// How many findings there were before this page, to tell its own apart.
    reported_before: usize,
    events: Vec<Event<'a>>,
    ids: HeadingIds,
    anchors: Vec<Anchor>,
    toc: Vec<Heading>,
    summary: Summary,
    // Raw HTML of the open HTML block, checked whole when the block ends.
    block: Option<RawHtml>,
    // Open heading (start index in `events`) and open image (alt text so far, offset).
    heading: Option<usize>,
    image: Option<(String, usize)>,
    // For each open link and image, whether it is written as one: a link into a site
    // that is not published and answers nothing keeps only its text.
    links_kept: Vec<bool>,
    images_kept: Vec<bool>,
    /// The comments of the HTML blocks that hold nothing else ([`Rendered::guidance`]).
    guidance: Vec<String>,
    /// The address of the open image, while the page has no first image yet; then it.
    image_src: Option<String>,
    first_image: Option<FirstImage>,
}

/// The line of the document a body offset is on.
fn line_at(doc: &Doc, body: &str, offset: usize) -> usize {
    doc.body_line + line_of(body, offset) - 1
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

impl<'a, 'f> Walker<'a, 'f> {
    pub(super) fn new(
        doc: &'a Doc,
        body: &'a str,
        env: &'a Env<'a>,
        findings: &'f mut Vec<Finding>,
    ) -> Self {
        let reported_before = findings.len();
        Walker {
            doc,
            body,
            env,
            findings,
            reported_before,
            events: Vec::new(),
            ids: HeadingIds::default(),
            anchors: Vec::new(),
            toc: Vec::new(),
            summary: Summary::default(),
            block: None,
            heading: None,
            image: None,
            links_kept: Vec::new(),
            images_kept: Vec::new(),
            guidance: Vec::new(),
            image_src: None,
            first_image: None,
        }
    }

    /// A finding at the line of a body offset.
    pub(super) fn report(&self, code: Code, offset: usize, message: String, help: &str) -> Finding {
        report_at(
            self.doc,
            self.env,
            code,
            line_at(self.doc, self.body, offset),
            message,
            help,
        )
    }

    pub(super) fn push_finding(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// Takes one event: the step for its kind checks it and keeps it.
    pub(super) fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => self.start_heading(level, id, classes, attrs, range),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(start) = self.heading.take() {
                    finish_heading(&mut self.events, start, &mut self.ids, &mut self.toc);
                }
                self.events.push(event);
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self.check_link(dest_url, range.start);
                self.links_kept.push(dest_url.is_some());
                if let Some(dest_url) = dest_url {
                    self.events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Link) => {
                if self.links_kept.pop().unwrap_or(true) {
                    self.events.push(event);
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self.check_link(dest_url, range.start);
                self.image = Some((String::new(), range.start));
                self.images_kept.push(dest_url.is_some());
                if let Some(dest_url) = dest_url {
                    self.image_src = self.first_image.is_none().then(|| dest_url.to_string());
                    self.events.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Image) => {
                self.end_image();
                if self.images_kept.pop().unwrap_or(true) {
                    self.events.push(event);
                }
            }
            Event::Start(Tag::HtmlBlock) => {
                self.block = Some(RawHtml::default());
                self.events.push(event);
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(raw) = self.block.take() {
                    self.check_html(&raw);
                    self.guidance.extend(raw.only_comments());
                }
                self.events.push(event);
            }
            Event::Html(ref html) | Event::InlineHtml(ref html) => {
                self.raw_html(html, matches!(event, Event::Html(_)), range.start);
                self.events.push(event);
            }
            event => self.text_and_marks(event),
        }
    }

    /// A heading opens: its attribute block is checked, and the events up to its end
    /// give it its id ([`finish_heading`]).
    fn start_heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        range: Range<usize>,
    ) {
        let at = attribute_block(self.body, range);
        let mut problems = Vec::new();
        let (id, classes) =
            heading_attributes(id, classes, attrs, |message| problems.push(message));
        for message in problems {
            let f = self.report(
                Code::ContentHtmlUnsafe,
                at,
                message,
                &crate::msg!("heading-attribute-help"),
            );
            self.findings.push(f);
        }
        self.heading = Some(self.events.len());
        self.events.push(Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs: Vec::new(),
        }));
    }

    /// The address of a link or an image, checked where it is written; `None`: write
    /// its text alone.
    fn check_link(&mut self, url: CowStr<'a>, offset: usize) -> Option<CowStr<'a>> {
        let (doc, body, env) = (self.doc, self.body, self.env);
        let at = |code, message, help: &str| {
            report_at(doc, env, code, line_at(doc, body, offset), message, help)
        };
        check_link(url, env, &at, self.findings, &mut self.anchors)
    }

    fn end_image(&mut self) {
        if let Some((alt, offset)) = self.image.take() {
            if let Some(src) = self.image_src.take() {
                let alt = alt.trim().to_string();
                self.first_image = Some(FirstImage { src, alt });
            }
            if alt.trim().is_empty() {
                let f = self.report(
                    Code::ContentImageAlt,
                    offset,
                    crate::msg!("image-alt"),
                    &crate::msg!("image-alt-help"),
                );
                self.findings.push(f);
            }
        }
    }

    /// A piece of raw HTML: a line of the open HTML block is kept to check with the
    /// block; inline HTML (or HTML outside a block) is checked at once.
    fn raw_html(&mut self, html: &str, in_block: bool, offset: usize) {
        match &mut self.block {
            Some(raw) if in_block => raw.push(html, offset),
            _ => {
                let mut raw = RawHtml::default();
                raw.push(html, offset);
                self.check_html(&raw);
            }
        }
    }

    fn check_html(&mut self, raw: &RawHtml) {
        let (doc, body, env) = (self.doc, self.body, self.env);
        let findings = &mut *self.findings;
        raw.check(
            env.policy,
            &|offset| line_at(doc, body, offset),
            |code, l, message, help| findings.push(report_at(doc, env, code, l, message, help)),
        );
    }

    /// Paragraphs and text (for the summary, the word count and an image's alt text),
    /// task-list marks, footnotes, and every other event as it is.
    fn text_and_marks(&mut self, event: Event<'a>) {
        match event {
            Event::Start(Tag::Paragraph) => {
                self.summary.start_paragraph();
                self.events.push(event);
            }
            Event::End(TagEnd::Paragraph) => {
                self.summary.end_paragraph();
                self.events.push(event);
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                self.summary.text(text);
                if let Some((alt, _)) = &mut self.image {
                    alt.push_str(text);
                }
                self.events.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                self.summary.line_break();
                self.events.push(event);
            }
            Event::TaskListMarker(done) => {
                let (mark, label) = if done {
                    ("☑", "selesai")
                } else {
                    ("☐", "belum")
                };
                self.events.push(Event::InlineHtml(CowStr::from(format!(
                    "<span class=\"tugas\" role=\"img\" aria-label=\"{label}\">{mark}</span> "
                ))));
            }
            // A footnote's label becomes an id and a `#` link as written (`[^catatan
            // kaki]`), which the sanitizer's id rule would strip: give both one safe id.
            Event::FootnoteReference(label) => {
                self.events
                    .push(Event::FootnoteReference(footnote_id(&label)));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.events
                    .push(Event::Start(Tag::FootnoteDefinition(footnote_id(&label))));
            }
            other => self.events.push(other),
        }
    }

    /// The page: its HTML written and sanitized, unless it went past a limit.
    pub(super) fn finish(self) -> Rendered {
        // A page past a limit is not published: it is not worth the time to clean it either
        // (cleaning deeply nested HTML takes time that grows with the square of the depth).
        let over_limit = self.findings[self.reported_before..]
            .iter()
            .any(|f| f.code == Code::ContentLimit);
        let html = if over_limit {
            String::new()
        } else {
            let mut html = String::with_capacity(self.body.len() * 3 / 2);
            pulldown_cmark::html::push_html(&mut html, self.events.into_iter());
            self.env.policy.sanitize(&html)
        };
        let mut ids: Vec<String> = self.ids.taken.into_iter().collect();
        ids.sort();
        let (summary, words) = self.summary.finish();
        Rendered {
            html,
            toc: self.toc,
            ids,
            anchors: self.anchors,
            summary,
            words,
            fields: Vec::new(),
            guidance: self.guidance,
            image: self.first_image,
        }
    }
}
