//! A page's summary (the plain text of its first paragraph, shortened) and its word
//! count, gathered from the text events as the page is walked.
//!
//! Only counts and collects text; it must not look at markup or report anything.

/// How long a summary may be, in characters, before it is cut at a word.
const SUMMARY_CHARS: usize = 200;

/// The text seen so far: the first paragraph's words, and how many words in all.
#[derive(Default)]
pub(super) struct Summary {
    text: String,
    /// The first paragraph with text has ended: nothing more is added.
    done: bool,
    in_paragraph: bool,
    words: usize,
}

impl Summary {
    pub(super) fn start_paragraph(&mut self) {
        self.in_paragraph = true;
    }

    pub(super) fn end_paragraph(&mut self) {
        self.in_paragraph = false;
        self.done |= !self.text.is_empty();
    }

    /// A text or code span: counted, and kept while in the first paragraph (twice the
    /// summary's length at most, enough to cut at a word).
    pub(super) fn text(&mut self, text: &str) {
        self.words += text.split_whitespace().count();
        if self.in_paragraph && !self.done && self.text.len() < SUMMARY_CHARS * 2 {
            self.text.push_str(text);
        }
    }

    pub(super) fn line_break(&mut self) {
        if self.in_paragraph && !self.done {
            self.text.push(' ');
        }
    }

    /// The summary, shortened, and the number of words.
    pub(super) fn finish(self) -> (String, usize) {
        (shorten(&self.text), self.words)
    }
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
