//! The gambling-spam guard: finds judi-online ("judol") terms, text hidden by inline
//! style and links to hosts outside the regency's allow-list, in an editor's markdown
//! ([`SpamGuard::scan_text`]) or in a rendered or served HTML page
//! ([`SpamGuard::scan_html`]).
//!
//! The guard is built once (laman's list in `data/spam-terms.txt` plus the regency's
//! `[integrity] spam_terms`) and shared by every thread of a build or of `laman verify`.
//! Text is folded before matching: case, accents and look-alike letters (through
//! `deunicode`), digits written for letters (`sl0t`, `g4cor`) and separators put between
//! letters (`s.l.o.t`) do not hide a term; a term must still stand as whole words.
//!
//! This module only finds; it must not decide severities, acknowledgments or what is
//! published (that is the build's, in `render::spam`, and `verify`'s), and it must not
//! print. Work is linear in the input and the hits it returns are capped
//! ([`MAX_HITS`]), so hostile pages cannot make it blow up.

mod fold;
mod html;
mod links;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use fold::Folder;
use std::collections::BTreeSet;

/// laman's own term list, one term a line (see the file's header for its syntax).
const TERMS: &str = include_str!("../../data/spam-terms.txt");

/// The most hits one scan returns: enough to name what is wrong, bounded for a page
/// stuffed with thousands of terms.
pub const MAX_HITS: usize = 64;

/// Terms shorter than this (after folding) are ignored: they would match everywhere.
const MIN_TERM: usize = 3;

/// Weak terms count without a strong one when this many distinct weak terms stand
/// within [`WEAK_WINDOW`] folded letters of each other.
const WEAK_CLUSTER: usize = 3;
const WEAK_WINDOW: usize = 120;

/// What a hit is.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum HitKind {
    /// A gambling-spam term, as the term list writes it (`slot gacor`).
    Term { term: String },
    /// Text or a link hidden by inline style or attribute: what hides it, normalised
    /// (`display:none`, `font-size:0`, `left:-9999px`, `hidden`, `aria-hidden+link`).
    HiddenText { style: String },
    /// A link to a host outside `*.go.id`, the regency's domain and `link_hosts`.
    ExternalLink { host: String },
}

/// One thing found, with where it is in the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: HitKind,
    /// Byte offset in the scanned text: where the matched text starts (in HTML, where
    /// the text token, the tag or the entity holding it starts).
    pub offset: usize,
    /// The 1-based line of `offset`.
    pub line: usize,
    /// The text as written there, at most 80 characters (`S L O T  g4cor`, a tag's
    /// style, a link's address).
    pub found: String,
}

impl Hit {
    /// Whether the hit is spam (a term or hidden text) rather than a link to check.
    pub fn is_spam(&self) -> bool {
        !matches!(self.kind, HitKind::ExternalLink { .. })
    }
}

/// One term of the list.
#[derive(Debug, Clone)]
struct Term {
    text: String,
    weak: bool,
}

/// The detector: build once, share between threads (it is `Sync`).
#[derive(Debug, Clone)]
pub struct SpamGuard {
    matcher: AhoCorasick,
    terms: Vec<Term>,
    hosts: links::Allowed,
}

impl SpamGuard {
    /// The guard of a regency: its `[integrity] spam_terms` and `link_hosts`, its domain.
    /// The build and `verify` both take it from here, so both judge alike.
    pub fn of(registry: &crate::registry::Registry) -> SpamGuard {
        let settings = &registry.integrity;
        SpamGuard::new(
            &settings.spam_terms,
            &settings.link_hosts,
            &registry.regency.domain,
        )
    }

    /// A guard with laman's terms plus `extra_terms` (same syntax as the data file: a
    /// leading `~` marks a weak term), allowing links to `*.go.id`, to `regency_domain`
    /// and its subdomains, and to `link_hosts` (`host.example` exactly, `*.ac.id` any
    /// host under `ac.id`). Entries that fold to fewer than 3 letters are ignored.
    pub fn new(extra_terms: &[String], link_hosts: &[String], regency_domain: &str) -> SpamGuard {
        let lines = TERMS.lines().map(str::to_string).chain(
            extra_terms
                .iter()
                .flat_map(|t| t.lines().map(str::to_string)),
        );
        let mut seen = std::collections::HashMap::new();
        let mut terms: Vec<Term> = Vec::new();
        let mut patterns: Vec<Vec<u8>> = Vec::new();
        for line in lines {
            let Some(term) = parse_term(&line) else {
                continue;
            };
            let folded = fold::pattern(&term.text);
            if folded.len() < MIN_TERM {
                continue;
            }
            match seen.get(&folded) {
                // The same term twice: strong wins over weak.
                Some(&i) => {
                    let t: &mut Term = &mut terms[i];
                    t.weak &= term.weak;
                }
                None => {
                    seen.insert(folded.clone(), terms.len());
                    terms.push(term);
                    patterns.push(folded);
                }
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            // A few hundred short patterns: the DFA is small and the fastest to run.
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .unwrap_or_else(|_| AhoCorasick::new(Vec::<&[u8]>::new()).expect("empty matcher"));
        SpamGuard {
            matcher,
            terms,
            hosts: links::Allowed::new(link_hosts, regency_domain),
        }
    }

    /// Whether `term` (as the list writes it) is weak: reported only beside a strong term
    /// or in a cluster of weak ones.
    pub fn is_weak(&self, term: &str) -> bool {
        self.terms.iter().any(|t| t.weak && t.text == term)
    }

    /// Whether term `inner` is part of term `outer` as matching sees them (`judi slot`
    /// of `judi slot online`): a page listing a cut summary of the other carries it.
    pub fn is_part_of(&self, inner: &str, outer: &str) -> bool {
        let (inner, outer) = (fold::pattern(inner), fold::pattern(outer));
        !inner.is_empty() && outer.windows(inner.len()).any(|w| w == inner.as_slice())
    }

    /// Whether a link to `host` is allowed (`*.go.id`, the regency, `link_hosts`).
    pub fn host_allowed(&self, host: &str) -> bool {
        self.hosts.allows(host)
    }

    /// Scans markdown (or any plain text): terms anywhere, front matter included, and
    /// links (`http(s)://`, `//host` after `(`, `<`, `=` or a quote) to hosts outside
    /// the allow-list. Hidden text is the rendered HTML's business. Hits are in the
    /// order of the text.
    pub fn scan_text(&self, markdown: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut folder = Folder::new(false);
        folder.text(markdown, 0, true);
        if self.matcher.is_match(folder.bytes()) {
            let mut folder = Folder::new(true);
            folder.text(markdown, 0, true);
            hits.extend(self.terms_in(&folder, markdown));
        }
        for (offset, host) in links::hosts_in_text(markdown) {
            if !self.hosts.allows(&host) {
                hits.push(hit(markdown, HitKind::ExternalLink { host }, offset, None));
            }
        }
        finish(hits)
    }

    /// Scans an HTML page: terms in its text and attribute values (title, alt, meta
    /// content, addresses; not class, id or style), elements hidden by inline style or
    /// the `hidden` attribute that hold text or a link, `aria-hidden` around a link, and
    /// links (`<a>`, `<area>`, `<link>`, meta refresh) outside the allow-list.
    pub fn scan_html(&self, page: &str) -> Vec<Hit> {
        let first = html::scan(page, false, &self.hosts);
        let mut hits = first.hits;
        if self.matcher.is_match(first.folder.bytes()) {
            let mapped = html::scan(page, true, &self.hosts);
            hits.extend(self.terms_in(&mapped.folder, page));
        }
        finish(hits)
    }

    /// The term hits of folded text (`folder` built with a map over `original`):
    /// whole words only, the longest where terms overlap, weak terms by their rule.
    fn terms_in(&self, folder: &Folder, original: &str) -> Vec<Hit> {
        let bytes = folder.bytes();
        let mut found: Vec<(usize, usize, usize)> = self
            .matcher
            .find_overlapping_iter(bytes)
            .filter(|m| folder.is_word(m.start(), m.end()))
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .take(MAX_HITS * 16)
            .collect();
        // The longest match wins where one holds another (`slot gacor` over `gacor`).
        found.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
        let mut kept: Vec<(usize, usize, usize)> = Vec::new();
        for m in found {
            if kept.iter().any(|k| k.0 <= m.0 && m.1 <= k.1) {
                continue;
            }
            kept.push(m);
        }
        let strong = kept.iter().any(|k| !self.terms[k.2].weak);
        let weak_ok = if strong {
            vec![true; kept.len()]
        } else {
            clustered(&kept)
        };
        kept.iter()
            .zip(weak_ok)
            .filter(|(k, ok)| !self.terms[k.2].weak || *ok)
            .take(MAX_HITS)
            .map(|(&(s, e, p), _)| {
                let (from, to) = folder.span(s, e);
                let to = crate::text::ceil(original, to);
                // Decoded text (entities) maps to where it starts: quote from there.
                let found = (to - from >= e - s)
                    .then(|| original.get(from..to))
                    .flatten();
                let kind = HitKind::Term {
                    term: self.terms[p].text.clone(),
                };
                hit(original, kind, from, found)
            })
            .collect()
    }
}

/// For weak-only matches: which stand in a cluster of [`WEAK_CLUSTER`] distinct terms
/// within [`WEAK_WINDOW`] folded letters.
fn clustered(kept: &[(usize, usize, usize)]) -> Vec<bool> {
    let mut ok = vec![false; kept.len()];
    for i in 0..kept.len() {
        let window: Vec<usize> = (i..kept.len())
            .take_while(|&j| kept[j].0 <= kept[i].0 + WEAK_WINDOW)
            .collect();
        let distinct: BTreeSet<usize> = window.iter().map(|&j| kept[j].2).collect();
        if distinct.len() >= WEAK_CLUSTER {
            for j in window {
                ok[j] = true;
            }
        }
    }
    ok
}

/// A line of a term list: `None` for blanks and comments; `~` marks a weak term.
fn parse_term(line: &str) -> Option<Term> {
    let text = line.split('#').next().unwrap_or("").trim();
    let (weak, text) = match text.strip_prefix('~') {
        Some(rest) => (true, rest.trim()),
        None => (false, text),
    };
    (!text.is_empty()).then(|| Term {
        text: text.chars().take(200).collect(),
        weak,
    })
}

/// A hit at `offset` of `text`, quoting `found` (or what stands there) shortly.
fn hit(text: &str, kind: HitKind, offset: usize, found: Option<&str>) -> Hit {
    let offset = crate::text::floor(text, offset);
    let quoted = found.unwrap_or_else(|| &text[offset..]);
    let found = quoted
        .chars()
        .take(80)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>();
    Hit {
        kind,
        offset,
        line: crate::finding::line_of(text, offset),
        found: found.trim().to_string(),
    }
}

/// In text order, at most [`MAX_HITS`].
fn finish(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by(|a, b| (a.offset, &a.kind).cmp(&(b.offset, &b.kind)));
    hits.dedup();
    hits.truncate(MAX_HITS);
    hits
}

#[cfg(test)]
mod tests;
