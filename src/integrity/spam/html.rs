//! HTML pages read for the guard: the text and attribute values folded for the term
//! matcher, elements hidden by inline style or attribute, and links.
//!
//! Two readers feed one [`Visitor`]: a fast one for the plain HTML laman's templates
//! write (text, tags with quoted attributes, comments, the common entities, `title`,
//! `script` and `style`), which gives up on anything else, and then the `html5gum`
//! tokenizer (WHATWG tokenization) reads the page instead. Either way the visitor sees
//! the same tokens, so the speed of a build costs no accuracy on a hostile page.
//!
//! It must not judge terms (the caller matches the folded text) nor print.

use super::fold::Folder;
use super::links::{host_of, Allowed};
use super::{hit, Hit, HitKind, MAX_HITS};
use std::borrow::Cow;

mod css;
mod fast;

/// What reading a page gives: its folded text and the hits found on the way (hidden
/// text, links).
pub(super) struct Scanned {
    pub(super) folder: Folder,
    pub(super) hits: Vec<Hit>,
}

/// Reads `page`; `mapped`: keep where each folded byte came from (for term hits).
pub(super) fn scan(page: &str, mapped: bool, hosts: &Allowed) -> Scanned {
    let mut v = Visitor::new(page, mapped, hosts);
    if fast::lex(page, &mut v).is_err() {
        v = Visitor::new(page, mapped, hosts);
        gum(page, &mut v);
    }
    Scanned {
        folder: v.folder,
        hits: v.hits,
    }
}

/// Reads a page with html5gum, switching to raw text in `script`, `style`, `title`...
fn gum(page: &str, v: &mut Visitor) {
    let mut emitter = html5gum::DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    for token in html5gum::Tokenizer::new_with_emitter(page, emitter).flatten() {
        match token {
            html5gum::Token::StartTag(tag) => {
                let mut attrs: Vec<Attr> = tag
                    .attributes
                    .iter()
                    .map(|(name, value)| Attr {
                        name: lossy(name),
                        value: lossy(&value.value),
                        at: value.span.start,
                        raw: page.get(value.span.start..value.span.end)
                            == Some(lossy(&value.value).as_ref()),
                    })
                    .collect();
                // In the order written, as the fast reader gives them.
                attrs.sort_by_key(|a| a.at);
                v.start(&lossy(&tag.name), &attrs, tag.self_closing, tag.span.start);
            }
            html5gum::Token::EndTag(tag) => v.end(&lossy(&tag.name), tag.span.start),
            html5gum::Token::String(s) => {
                let text = lossy(&s.value);
                let raw = page.get(s.span.start..s.span.end) == Some(text.as_ref());
                v.text(&text, s.span.start, raw);
            }
            _ => {}
        }
    }
}

fn lossy(bytes: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

/// An attribute as read: lower-case name, decoded value, where the value starts.
pub(super) struct Attr<'a> {
    pub(super) name: Cow<'a, str>,
    pub(super) value: Cow<'a, str>,
    pub(super) at: usize,
    /// Whether `value` is the page's bytes from `at` (no entity was decoded).
    pub(super) raw: bool,
}

/// An element hiding what it holds, from its start tag until its end tag.
struct Region {
    name: String,
    /// Elements of the same name open inside it, itself included.
    depth: usize,
    /// What hides it (`display:none`, `hidden`), or `None` for `aria-hidden`, which
    /// counts only around a link.
    style: Option<String>,
    at: usize,
    reported: bool,
}

/// Elements that do not break a word: `sl<b>ot</b>` is `slot`.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
    "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time",
    "tt", "u", "var",
];

/// Elements without content: a hiding attribute on them hides no text.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Attributes whose values are not text a reader or a search engine takes in.
const NOT_TEXT: &[&str] = &["class", "id", "style"];

/// What the readers call, in the page's order.
pub(super) struct Visitor<'p> {
    page: &'p str,
    folder: Folder,
    hits: Vec<Hit>,
    hosts: &'p Allowed,
    region: Option<Region>,
}

impl<'p> Visitor<'p> {
    fn new(page: &'p str, mapped: bool, hosts: &'p Allowed) -> Self {
        Visitor {
            page,
            folder: Folder::new(mapped),
            hits: Vec::new(),
            hosts,
            region: None,
        }
    }

    pub(super) fn text(&mut self, text: &str, at: usize, raw: bool) {
        self.folder.text(text, at, raw);
        if self.region.as_ref().is_some_and(|r| r.style.is_some()) && !text.trim().is_empty() {
            self.hidden(None);
        }
    }

    pub(super) fn start(&mut self, name: &str, attrs: &[Attr], self_closing: bool, at: usize) {
        if INLINE.contains(&name) {
        } else if matches!(name, "br" | "wbr") {
            self.folder.soft();
        } else {
            self.folder.hard(at);
        }
        for a in attrs
            .iter()
            .filter(|a| !NOT_TEXT.contains(&a.name.as_ref()))
        {
            self.folder.hard(a.at);
            self.folder.text(&a.value, a.at, a.raw);
            self.folder.hard(a.at);
        }
        self.links(name, attrs);
        let opens = !self_closing && !VOID.contains(&name);
        match &mut self.region {
            Some(r) if r.name == name && opens => r.depth += 1,
            Some(_) => {}
            None if opens => {
                self.region = hiding(attrs).map(|style| Region {
                    name: name.to_string(),
                    depth: 1,
                    style,
                    at,
                    reported: false,
                });
            }
            None => {}
        }
    }

    pub(super) fn end(&mut self, name: &str, at: usize) {
        if !INLINE.contains(&name) {
            self.folder.hard(at);
        }
        if let Some(r) = &mut self.region {
            if r.name == name {
                r.depth -= 1;
                if r.depth == 0 {
                    self.region = None;
                }
            }
        }
    }

    /// Checks the addresses a tag links to, and a link inside a hidden region.
    fn links(&mut self, name: &str, attrs: &[Attr]) {
        let get = |key: &str| attrs.iter().find(|a| a.name == key);
        let address = match name {
            "a" | "area" | "link" => get("href"),
            "meta"
                if get("http-equiv").is_some_and(|a| a.value.eq_ignore_ascii_case("refresh")) =>
            {
                get("content")
            }
            _ => None,
        };
        let Some(address) = address else { return };
        if self.hits.len() >= MAX_HITS {
            return;
        }
        let target = match name {
            "meta" => refresh_target(&address.value),
            _ => &address.value,
        };
        if let Some(host) = host_of(target).filter(|h| !self.hosts.allows(h)) {
            let kind = HitKind::ExternalLink { host };
            self.push(hit(self.page, kind, address.at, Some(target)));
        }
        if matches!(name, "a" | "area") {
            self.hidden(Some(target.to_string()));
        }
    }

    /// Reports the current hidden region once, if it hides text or (`link`) a link.
    fn hidden(&mut self, link: Option<String>) {
        let full = self.hits.len() >= MAX_HITS;
        let Some(r) = &mut self.region else { return };
        if full || r.reported || (r.style.is_none() && link.is_none()) {
            return;
        }
        r.reported = true;
        let style = r.style.clone().unwrap_or_else(|| "aria-hidden+link".into());
        let at = crate::text::floor(self.page, r.at);
        let end = self.page[at..]
            .find('>')
            .map_or(self.page.len(), |e| at + e + 1);
        let found = self.page.get(at..end);
        self.push(hit(self.page, HitKind::HiddenText { style }, at, found));
    }

    fn push(&mut self, hit: Hit) {
        if self.hits.len() < MAX_HITS {
            self.hits.push(hit);
        }
    }
}

/// What a start tag's attributes hide its content with: `Some(Some(style))` for inline
/// style or `hidden`, `Some(None)` for `aria-hidden="true"`, `None` for nothing.
fn hiding(attrs: &[Attr]) -> Option<Option<String>> {
    for a in attrs {
        match a.name.as_ref() {
            "style" => {
                if let Some(style) = css::hiding(&a.value) {
                    return Some(Some(style));
                }
            }
            "hidden" => return Some(Some("hidden".into())),
            _ => {}
        }
    }
    attrs
        .iter()
        .any(|a| a.name == "aria-hidden" && a.value.trim().eq_ignore_ascii_case("true"))
        .then_some(None)
}

/// The address of `<meta http-equiv="refresh" content="0; url=...">`.
fn refresh_target(content: &str) -> &str {
    let lower = content.to_ascii_lowercase();
    match lower.find("url") {
        Some(i) => content[i + 3..]
            .trim_start()
            .trim_start_matches('=')
            .trim()
            .trim_matches(['\'', '"']),
        None => "",
    }
}

/// The fast reader's result (`None`: it gave up) beside html5gum's, for tests that
/// hold them to the same answers.
#[cfg(test)]
pub(super) fn both(page: &str, hosts: &Allowed) -> (Option<Vec<Hit>>, Vec<Hit>, bool) {
    let mut fast_v = Visitor::new(page, true, hosts);
    let fast = fast::lex(page, &mut fast_v).is_ok().then_some(fast_v);
    let mut gum_v = Visitor::new(page, true, hosts);
    gum(page, &mut gum_v);
    let same_text = fast
        .as_ref()
        .is_none_or(|f| f.folder.bytes() == gum_v.folder.bytes());
    (fast.map(|f| f.hits), gum_v.hits, same_text)
}
