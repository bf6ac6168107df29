//! Text as laman cuts it: byte offsets into `str` kept on character boundaries, and the
//! two forms a value takes inside a message, [`printable`] (escaped, for what a user
//! typed or a file held) and [`clipped`] (trimmed and shortened, for addresses).
//!
//! Slicing a `str` at a byte offset that falls inside a character panics. Every offset
//! that laman computes from a length or a limit (a window of 12 bytes, the first 4,096
//! bytes of a text) rather than from a `find` goes through [`floor`] or [`ceil`] first;
//! [`prefix`] is the common case. (`str::floor_char_boundary` does the same, but is
//! stable only since Rust 1.91, newer than the crate's MSRV.)
//!
//! The offset functions allocate nothing and look at no more than the four bytes around
//! an offset.

/// The largest character boundary of `text` at or before `at` (`text.len()` when `at`
/// is past the end).
pub fn floor(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    // A character is at most 4 bytes: a boundary is at most 3 bytes back.
    (at.saturating_sub(3)..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// The smallest character boundary of `text` at or after `at` (`text.len()` when `at`
/// is past the end).
pub fn ceil(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (at..=text.len().min(at + 3))
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len())
}

/// At most the first `max` bytes of `text`, ending on a character boundary.
pub fn prefix(text: &str, max: usize) -> &str {
    &text[..floor(text, max)]
}

/// A value as a message may print it on one terminal line: control and invisible
/// characters escaped (`\n`, `\u{202e}`), at most 60 characters.
pub fn printable(value: &str) -> String {
    let mut out: String = value
        .chars()
        .take(60)
        .flat_map(char::escape_debug)
        .collect();
    if value.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// An address or name shortened for a message: trimmed, at most 60 characters. Unlike
/// [`printable`] it escapes nothing.
pub fn clipped(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(60).collect::<String>())
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_inside_a_character_move_to_its_edges() {
        let text = "a“b😀";
        // a: 0, “: 1..4, b: 4, 😀: 5..9
        assert_eq!(floor(text, 2), 1);
        assert_eq!(ceil(text, 2), 4);
        assert_eq!(floor(text, 8), 5);
        assert_eq!(ceil(text, 6), 9);
        assert_eq!(floor(text, 4), 4);
        assert_eq!(ceil(text, 4), 4);
        assert_eq!(floor(text, 100), text.len());
        assert_eq!(ceil(text, 100), text.len());
        assert_eq!(floor("", 0), 0);
        assert_eq!(prefix(text, 3), "a");
        assert_eq!(prefix(text, 9), text);
        assert_eq!(prefix("Rapat &amp; Temu “Warga”", 12), "Rapat &amp; ");
    }

    #[test]
    fn every_offset_of_every_width_lands_on_a_boundary() {
        let text = "é€😀x\u{10FFFF}";
        for at in 0..=text.len() + 2 {
            let (f, c) = (floor(text, at), ceil(text, at));
            assert!(text.is_char_boundary(f) && text.is_char_boundary(c), "{at}");
            assert!(f <= at.min(text.len()) && c >= at.min(text.len()), "{at}");
        }
    }
}
