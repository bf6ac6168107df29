//! The importer's text helpers: a title or an excerpt as plain text (tags out, HTML's
//! character references decoded by `html-escape`, one line), and the two escapes of
//! what the importer writes as HTML (attribute values and text).

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
/// `wptexturize` writes its quotes and dashes as both); one that is not a character, or
/// names none, stays as written.
pub fn decode_entities(text: &str) -> String {
    html_escape::decode_html_entities(text).into_owned()
}

pub fn attr_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub fn text_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where `html-escape` (kept since issue 27) decodes what the importer's own table did
    /// not: every named reference of HTML, numbers of any length, and the whitespace and
    /// C1 characters a number may name; a signed number is no reference.
    #[test]
    fn entities_decode_as_html_escape_decodes_them() {
        assert_eq!(decode_entities("&copy; &eacute; &AMP; &not;"), "© é & ¬");
        assert_eq!(decode_entities("&#0000000000065;&#x000000041;"), "AA");
        assert_eq!(decode_entities("&#9;&#13;&#150;"), "\t\r\u{96}");
        assert_eq!(
            decode_entities("&#+65; &#0; &#xD800; &#1114112;"),
            "&#+65; &#0; &#xD800; &#1114112;"
        );
        assert_eq!(
            decode_entities("&amp &copy &#65 &notit; &Amp;"),
            "&amp &copy &#65 &notit; &Amp;"
        );
        assert_eq!(plain_text("A&#9;&#13;&#12;B"), "A B");
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
