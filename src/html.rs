//! HTML's own vocabulary, written once: the escape of text for HTML and XML, and the
//! character references laman reads back. The renderer, the preview server's pages, the
//! web server's notice page, search and the spam guard all use these, so that an
//! escaped page and a decoded one agree.
//!
//! Functions of text only: nothing here parses a document or reads a file.

use std::borrow::Cow;

/// Escapes text for HTML and XML. Unlike Tera's default it leaves `/` alone, so URLs in
/// feeds and sitemaps stay readable; what can break out of text or a quoted attribute
/// (`& < > " '`) is still escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes the text of an element, where only `& < >` can break out: what the WordPress
/// importer writes into markdown stays readable (quotes and apostrophes as typed).
pub fn escape_text(text: &str) -> String {
    escape_only(text, &['&', '<', '>'])
}

/// Escapes a value for a double-quoted attribute (`& < > "`), leaving apostrophes as typed.
pub fn escape_double_quoted(text: &str) -> String {
    escape_only(text, &['&', '<', '>', '"'])
}

fn escape_only(text: &str, special: &[char]) -> String {
    if !text.contains(special) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        if special.contains(&c) {
            out.push_str(match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => "&quot;",
            });
        } else {
            out.push(c);
        }
    }
    out
}

/// Text with the character references `char_of` knows decoded (`&name;`, the name at
/// most 10 bytes, as [`reference()`] reads them, or with names of the caller's own); one it
/// does not know stays as written.
pub fn decode(text: &str, char_of: impl Fn(&str) -> Option<char>) -> Cow<'_, str> {
    decode_references(text, char_of, false).unwrap_or(Cow::Borrowed(text))
}

/// As [`decode`], but `None` at the first `&` that begins no reference `char_of` knows:
/// for a reader that gives up rather than guess.
pub fn decode_strict(text: &str, char_of: impl Fn(&str) -> Option<char>) -> Option<Cow<'_, str>> {
    decode_references(text, char_of, true)
}

fn decode_references(
    text: &str,
    char_of: impl Fn(&str) -> Option<char>,
    strict: bool,
) -> Option<Cow<'_, str>> {
    if !text.contains('&') {
        return Some(Cow::Borrowed(text));
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        // Only the next 11 bytes are looked at, so that text of many `&` and no `;`
        // costs a pass, not a pass per `&`.
        let known = after.as_bytes()[..after.len().min(11)]
            .iter()
            .position(|&b| b == b';')
            .and_then(|semi| char_of(&after[..semi]).map(|c| (c, semi)));
        match known {
            Some((c, semi)) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None if strict => return None,
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Some(Cow::Owned(out))
}

/// The code point a character reference stands for, given what lies between `&` and
/// `;`: a number (`#39`, `#x27`) or one of the names a minifier leaves in laman's own
/// pages (the five of XML and `nbsp`). `None` for any other name. Whether the code
/// point may stand in text is the caller's rule.
pub fn reference(name: &str) -> Option<u32> {
    let code = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => {
            // Digits only: `&#+65;` is no reference to a browser, though Rust parses `+65`.
            let digits = name.strip_prefix('#')?;
            return match digits.strip_prefix(['x', 'X']) {
                Some(hex) if hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    u32::from_str_radix(hex, 16).ok()
                }
                None if digits.bytes().all(|b| b.is_ascii_digit()) => digits.parse().ok(),
                _ => None,
            };
        }
    };
    Some(code as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_breaks_out_of_text_or_an_attribute_is_escaped_and_slashes_are_not() {
        assert_eq!(
            escape(r#"<a href="/x?a=1&b='2'">"#),
            "&lt;a href=&quot;/x?a=1&amp;b=&#39;2&#39;&quot;&gt;"
        );
    }

    #[test]
    fn text_and_double_quoted_escapes_leave_what_cannot_break_out() {
        assert_eq!(
            escape_text(r#"a<b & "c" 'd'>"#),
            r#"a&lt;b &amp; "c" 'd'&gt;"#
        );
        assert_eq!(
            escape_double_quoted(r#"a<b & "c" 'd'>"#),
            "a&lt;b &amp; &quot;c&quot; 'd'&gt;"
        );
    }

    #[test]
    fn decoding_leaves_or_refuses_what_it_does_not_know() {
        let char_of = |name: &str| reference(name).and_then(char::from_u32);
        assert_eq!(
            decode("a &amp; b &#65; &bogus; &amp c", char_of),
            "a & b A &bogus; &amp c"
        );
        assert_eq!(decode("&#x41;&#12345678901;", char_of), "A&#12345678901;");
        assert_eq!(decode_strict("a &lt; b", char_of).as_deref(), Some("a < b"));
        assert_eq!(decode_strict("a &bogus; b", char_of), None);
        assert!(matches!(decode("plain", char_of), Cow::Borrowed("plain")));
    }

    #[test]
    fn references_are_the_named_few_and_numbers() {
        assert_eq!(reference("amp"), Some('&' as u32));
        assert_eq!(reference("nbsp"), Some(0xa0));
        assert_eq!(reference("#39"), Some(39));
        assert_eq!(reference("#x41"), Some(0x41));
        assert_eq!(reference("#X41"), Some(0x41));
        assert_eq!(reference("hellip"), None);
        assert_eq!(reference("#"), None);
        assert_eq!(reference("#xzz"), None);
        assert_eq!(reference("#+65"), None);
        assert_eq!(reference("#x+41"), None);
    }
}
