//! Words and stems: how the index splits and stems a page's text into postings (see
//! [`super`]), a piece of pages at a time.

use super::{Entry, IN_TITLE, MAX_COUNT, MAX_WORD};
use std::collections::HashMap;

/// The words of `text` as the index and `indeks.js` split them: runs of letters and
/// digits (Unicode), lower-cased, those longer than [`MAX_WORD`] left out.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && w.chars().count() <= MAX_WORD)
        .map(str::to_lowercase)
}

/// The stem of a lower-case word (Snowball Indonesian).
pub fn stem(stemmer: &pagefind_stem::Stemmer, word: &str) -> String {
    let stem = stemmer.stem(word);
    if stem.is_empty() {
        word.to_string()
    } else {
        stem.into_owned()
    }
}

pub(super) fn stemmer() -> pagefind_stem::Stemmer {
    pagefind_stem::Stemmer::create(pagefind_stem::Algorithm::Indonesian)
}

/// Pages per piece of work: each piece is indexed on its own (in parallel), then the
/// pieces are merged in page order. Large enough that a piece stems most of its words
/// once (a word is stemmed once per piece), small enough to keep two cores busy.
pub(super) const PIECE: usize = 1024;

/// The index of a run of pages: each stem's postings with page numbers, and each word
/// seen with its stem.
#[derive(Default)]
pub(super) struct Partial {
    pub stems: HashMap<String, Vec<(u32, u32)>>,
    pub forms: HashMap<String, String>,
}

/// The stems of one piece, numbered as they are first met, so that a page's words are
/// counted by number rather than by string.
#[derive(Default)]
struct Stems {
    /// Each form met, with the number of its stem.
    forms: HashMap<String, u32>,
    numbers: HashMap<String, u32>,
    /// By number: the stem and its postings.
    postings: Vec<(String, Vec<(u32, u32)>)>,
}

impl Stems {
    fn number(&mut self, stemmer: &pagefind_stem::Stemmer, form: &str) -> u32 {
        if let Some(&n) = self.forms.get(form) {
            return n;
        }
        let stem = stem(stemmer, form);
        let n = match self.numbers.get(&stem) {
            Some(&n) => n,
            None => {
                let n = self.postings.len() as u32;
                self.numbers.insert(stem.clone(), n);
                self.postings.push((stem, Vec::new()));
                n
            }
        };
        self.forms.insert(form.to_string(), n);
        n
    }
}

/// Calls `each` with every word of `text` as [`words`] gives them, lower-cased into
/// `buffer` without a string of its own for each.
fn each_word(text: &str, buffer: &mut String, mut each: impl FnMut(&str)) {
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() || w.chars().count() > MAX_WORD {
            continue;
        }
        buffer.clear();
        if w.is_ascii() {
            buffer.push_str(w);
            buffer.make_ascii_lowercase();
        } else {
            // Not char by char: a final sigma lower-cases by its place in the word.
            buffer.push_str(&w.to_lowercase());
        }
        each(buffer);
    }
}

/// The partial index of `pages`, the first of which is page number `first`.
pub(super) fn partial(first: usize, pages: &[Entry]) -> Partial {
    let stemmer = stemmer();
    let mut stems = Stems::default();
    let mut buffer = String::new();
    let mut counts: HashMap<u32, u32> = HashMap::new();
    for (i, entry) in pages.iter().enumerate() {
        let n = (first + i) as u32;
        counts.clear();
        each_word(&entry.text, &mut buffer, |w| {
            let c = counts.entry(stems.number(&stemmer, w)).or_insert(0);
            *c = (*c + 1).min(MAX_COUNT);
        });
        each_word(&entry.title, &mut buffer, |w| {
            *counts.entry(stems.number(&stemmer, w)).or_insert(1) |= IN_TITLE;
        });
        for (s, weight) in counts.drain() {
            stems.postings[s as usize].1.push((n, weight));
        }
    }
    let forms = stems
        .forms
        .into_iter()
        .map(|(form, s)| (form, stems.postings[s as usize].0.clone()))
        .collect();
    Partial {
        stems: stems.postings.into_iter().collect(),
        forms,
    }
}
