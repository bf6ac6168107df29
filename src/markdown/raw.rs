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
