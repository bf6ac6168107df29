//! Heading ids and a heading's `{#id .class}` attribute block: every heading gets an id
//! unique in its page and apart from the theme's, and h2/h3 go to the table of contents.
//!
//! Works on the events of one page; it must not report anything itself (the caller
//! places a finding in the file) nor render HTML.

use super::safety::{self, is_theme_id, RESERVED_ID_PREFIXES};
use super::Heading;
use crate::content::slugify;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag};
use std::collections::{HashMap, HashSet};

/// The ids a page's headings have taken, and for each wanted id the next number to try,
/// so that 50,000 headings of one title get their ids in linear time, not quadratic.
#[derive(Default)]
pub(super) struct HeadingIds {
    pub(super) taken: HashSet<String>,
    next: HashMap<String, usize>,
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

/// Gives the heading that starts at `events[start]` an id (its own `{#id}` or one made
/// from its text, unique in the page) and records h2/h3 for the table of contents.
pub(super) fn finish_heading(
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

/// Where a heading's `{...}` attribute block starts (the heading's text line; for a
/// setext heading, the line above its underline).
pub(super) fn attribute_block(body: &str, range: std::ops::Range<usize>) -> usize {
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
pub(super) fn heading_attributes<'a>(
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    mut report: impl FnMut(String),
) -> (Option<CowStr<'a>>, Vec<CowStr<'a>>) {
    for (key, value) in &attrs {
        let shown = match value {
            Some(v) => format!("{key}={}", crate::text::clipped(v)),
            None => key.to_string(),
        };
        report(crate::msg!("heading-attribute", shown = shown));
    }
    let id = id.filter(|id| {
        let ok = safety::id_allowed(id);
        if !ok {
            report(crate::msg!(
                "heading-id",
                id = crate::text::clipped(id),
                rule = safety::name_rule()
            ));
        }
        ok
    });
    let classes = classes
        .into_iter()
        .filter(|class| {
            let ok = safety::class_allowed(class);
            if !ok {
                report(crate::msg!(
                    "heading-class",
                    class = crate::text::clipped(class),
                    rule = safety::name_rule()
                ));
            }
            ok
        })
        .collect();
    (id, classes)
}
