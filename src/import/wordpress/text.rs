//! The importer's text helpers: a title or an excerpt as plain text (tags out, HTML's
//! character references decoded, one line). What it writes as HTML is escaped by
//! [`crate::html`].

/// A title for people: entities decoded, tags out, one line.
pub fn title_of(raw: &str, id: u64) -> String {
    let title = plain_text(raw);
    if title.is_empty() {
        format!("(tanpa judul) {id}")
    } else {
        title.chars().take(300).collect()
    }
}

/// Text without tags, with entities decoded, on one line.
pub fn plain_text(html: &str) -> String {
    let text = decode_entities(&strip_tags(html));
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// HTML's character references in titles and excerpts, numeric and named (WordPress's
/// `wptexturize` writes its quotes and dashes as both): the names HTML's own table knows
/// ([`crate::html::reference`]) and the typographic ones WordPress writes. One that is
/// not a character, is a control character other than a newline, or names none stays as
/// written.
pub fn decode_entities(text: &str) -> String {
    crate::html::decode(text, entity).into_owned()
}

fn entity(name: &str) -> Option<char> {
    if let Some(code) = crate::html::reference(name) {
        return char::from_u32(code).filter(|c| !c.is_control() || *c == '\n');
    }
    Some(match name {
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "ldquo" => '\u{201c}',
        "rdquo" => '\u{201d}',
        "hellip" => '\u{2026}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// HTML's references and WordPress's typographic names decode; a control character
    /// (`&#150;`, which old Windows exports mean as a dash) and a signed number stay as
    /// written, so no invisible character reaches a title.
    #[test]
    fn entities_decode_to_printable_characters_only() {
        assert_eq!(
            decode_entities("&hellip; &ldquo;x&rdquo; &nbsp;"),
            "\u{2026} \u{201c}x\u{201d} \u{a0}"
        );
        assert_eq!(decode_entities("&#9;&#13;&#150;&#10;"), "&#9;&#13;&#150;\n");
        assert_eq!(
            decode_entities("&#+65; &#0; &#xD800; &#1114112; &copy;"),
            "&#+65; &#0; &#xD800; &#1114112; &copy;"
        );
    }

    /// Issue 26: `laman import wordpress` exited 101 (`end byte index 12 is not a char
    /// boundary`) on this title: the decoder's 12-byte window after `&` ended inside `“`.
    #[test]
    fn entities_before_a_multibyte_character_decode() {
        assert_eq!(
            decode_entities("Rapat &amp; Temu “Warga”"),
            "Rapat & Temu “Warga”"
        );
        assert_eq!(decode_entities("&😀😀😀;"), "&😀😀😀;");
        assert_eq!(decode_entities("a&“"), "a&“");
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            decode_entities("Rapat &#8211; Koordinasi &amp; &foo; &#x41;"),
            "Rapat \u{2013} Koordinasi & &foo; A"
        );
        assert_eq!(
            plain_text("<p>Satu <b>dua</b></p>\n<p>tiga</p>"),
            "Satu dua tiga"
        );
    }
}
