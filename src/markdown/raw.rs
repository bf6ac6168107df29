//! Raw HTML of a page checked as one text against the site's policy, each problem
//! placed at the line of the document it is on.
//!
//! It must not clean anything (the sanitizer does, on the whole page) nor decide the
//! policy ([`super::safety`]).

use super::safety::HtmlPolicy;
use crate::finding::Code;

/// Raw HTML checked as one text (an HTML block arrives line by line, and a tag may span
/// lines): the text, and where each piece starts in it and in the body.
#[derive(Default)]
pub(super) struct RawHtml {
    text: String,
    pieces: Vec<(usize, usize)>,
}

impl RawHtml {
    /// The comments of a block that holds nothing but comments (and white space), each
    /// trimmed; none when anything else is written in it.
    pub(super) fn only_comments(&self) -> Vec<String> {
        let mut comments = Vec::new();
        let mut rest = self.text.trim_start();
        while !rest.is_empty() {
            let Some(inner) = rest.strip_prefix("<!--") else {
                return Vec::new();
            };
            let Some(end) = inner.find("-->") else {
                return Vec::new();
            };
            let text = inner[..end].trim();
            if !text.is_empty() {
                comments.push(text.to_string());
            }
            rest = inner[end + 3..].trim_start();
        }
        comments
    }

    pub(super) fn push(&mut self, html: &str, offset: usize) {
        self.pieces.push((self.text.len(), offset));
        self.text.push_str(html);
    }

    /// Reports every problem at the line it is on (`line` maps a body offset to a line).
    pub(super) fn check(
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
            report(code, line(offset) + within, problem.message(), &help);
        }
    }
}
