//! Folding: text reduced to the letters a term is matched on. Case, accents and
//! look-alikes go (through `deunicode`), digits and signs written for letters become the
//! letters (`0`→o, `1`→i, `3`→e, `4`→a, `5`→s, `7`→t, `@`→a, `$`→s; `l` and `i` fold
//! together, so `s1ot` is `slot`), and everything that is not a letter or digit is
//! dropped, remembering only that a word could end there. Terms are folded the same way,
//! so `slot gacor` is the pattern `siotgacor` and matches `S.L.O.T g4c0r`.
//!
//! It must not decide what a match means; [`Folder::is_word`] only says whether a match
//! stands as whole words.

/// What an ASCII byte folds to; 0 for a separator.
const FOLD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = match c {
            b'A'..=b'Z' => c + 32,
            b'a'..=b'z' | b'0'..=b'9' => c,
            b'@' => b'a',
            b'$' => b's',
            _ => 0,
        };
        t[b] = match t[b] {
            b'l' | b'1' => b'i',
            b'0' => b'o',
            b'3' => b'e',
            b'4' => b'a',
            b'5' => b's',
            b'7' => b't',
            x => x,
        };
        b += 1;
    }
    t
};

/// A letter no term holds: what a letter deunicode does not know folds to.
const UNKNOWN: u8 = b'_';
/// A hard break (between blocks of HTML, between attribute values): no term spans it.
const BREAK: u8 = b'#';

/// A term folded for the matcher.
pub(super) fn pattern(term: &str) -> Vec<u8> {
    let mut f = Folder::new(false);
    f.text(term, 0, true);
    f.bytes.retain(|&b| b != BREAK);
    f.bytes
}

/// Folded text, optionally with where each folded byte came from.
pub(super) struct Folder {
    bytes: Vec<u8>,
    /// With a map: per folded byte, its offset in the original, and whether a word may
    /// start there (a separator, a break or the start of the text before it).
    map: Option<(Vec<usize>, Vec<bool>)>,
    /// A separator was seen since the last folded byte.
    gap: bool,
}

impl Folder {
    pub(super) fn new(mapped: bool) -> Folder {
        Folder {
            bytes: Vec::new(),
            map: mapped.then(|| (Vec::new(), Vec::new())),
            gap: true,
        }
    }

    pub(super) fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Folds `text`, which stands at `origin` in the original; `raw`: whether its bytes
    /// are the original's (false for text with decoded entities: every byte is then
    /// placed at `origin`).
    pub(super) fn text(&mut self, text: &str, origin: usize, raw: bool) {
        let bytes = text.as_bytes();
        self.bytes.reserve(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 && self.map.is_none() {
                // The common case, kept tight: ASCII without a map.
                let folded = FOLD[b as usize];
                if folded == 0 {
                    self.gap = true;
                } else {
                    self.bytes.push(folded);
                    self.gap = false;
                }
                i += 1;
                continue;
            }
            let at = if raw { origin + i } else { origin };
            if b < 0x80 {
                self.byte(FOLD[b as usize], at);
                i += 1;
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            self.char(c, at);
            i += c.len_utf8();
        }
    }

    fn char(&mut self, c: char, at: usize) {
        if !c.is_alphanumeric() {
            self.gap = true;
            return;
        }
        if let Some(latin) = look_alike(c) {
            return self.byte(FOLD[latin as usize], at);
        }
        match deunicode::deunicode_char(c) {
            Some(ascii) if ascii.is_ascii() => {
                for &b in ascii.as_bytes() {
                    self.byte(FOLD[b as usize], at);
                }
            }
            _ => self.byte(UNKNOWN, at),
        }
    }

    fn byte(&mut self, folded: u8, at: usize) {
        if folded == 0 {
            self.gap = true;
            return;
        }
        self.bytes.push(folded);
        if let Some((offsets, starts)) = &mut self.map {
            offsets.push(at);
            starts.push(self.gap);
        }
        self.gap = false;
    }

    /// A hard break: no term spans it.
    pub(super) fn hard(&mut self, at: usize) {
        self.gap = true;
        if self.bytes.last() != Some(&BREAK) {
            self.byte(BREAK, at);
            self.gap = true;
        }
    }

    /// A separator: words may end here (`<br>`).
    pub(super) fn soft(&mut self) {
        self.gap = true;
    }

    /// Whether `bytes[start..end]` stands as whole words. Needs the map (false without).
    pub(super) fn is_word(&self, start: usize, end: usize) -> bool {
        let Some((_, starts)) = &self.map else {
            return false;
        };
        starts.get(start) == Some(&true) && (end >= starts.len() || starts[end])
    }

    /// The original byte range of `bytes[start..end]` (needs the map).
    pub(super) fn span(&self, start: usize, end: usize) -> (usize, usize) {
        let Some((offsets, _)) = &self.map else {
            return (0, 0);
        };
        let from = offsets.get(start).copied().unwrap_or(0);
        let last = offsets.get(end.saturating_sub(1)).copied().unwrap_or(from);
        (from, last.max(from) + 1)
    }
}

/// Cyrillic and Greek letters that look like Latin ones, read as the letter they look
/// like (transliteration would read Cyrillic `с` as `s`, but it is shown as `c`).
fn look_alike(c: char) -> Option<u8> {
    let latin = match c.to_lowercase().next().unwrap_or(c) {
        'а' | 'α' => b'a',
        'в' | 'β' => b'b',
        'с' | 'ϲ' => b'c',
        'ԁ' => b'd',
        'е' | 'ε' => b'e',
        'һ' | 'н' => b'h',
        'і' | 'ι' | 'ӏ' => b'i',
        'ј' => b'j',
        'к' | 'κ' => b'k',
        'м' => b'm',
        'η' => b'n',
        'о' | 'ο' => b'o',
        'р' | 'ρ' => b'p',
        'ѕ' => b's',
        'т' | 'τ' => b't',
        'υ' => b'u',
        'ν' => b'v',
        'ѡ' | 'ω' => b'w',
        'х' | 'χ' => b'x',
        'у' | 'γ' => b'y',
        _ => return None,
    };
    Some(latin)
}
