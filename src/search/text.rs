//! The words of a rendered page that search indexes: the text of its `<main>` element,
//! without navigation, scripts or styles, entities decoded and spaces collapsed.
//!
//! It reads laman's own rendered HTML, never a file, and must not panic on any input:
//! HTML it does not understand gives less text, never an error.

/// Elements whose content is never page text (menus, tables of contents, code run by
/// the browser, forms).
const SKIPPED: [&str; 6] = ["nav", "script", "style", "template", "noscript", "form"];

/// Elements inside a run of text, which do not separate words.
const INLINE: [&str; 20] = [
    "a", "abbr", "b", "bdi", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s",
    "small", "span", "strong", "sub", "sup", "time",
];

/// The readable text of the page's `<main>` (of the whole document when it has none).
pub fn main_text(html: &str) -> String {
    let body = match html.find("<main") {
        Some(start) => {
            let rest = &html[start..];
            let inner = rest.find('>').map_or("", |gt| &rest[gt + 1..]);
            inner.rfind("</main>").map_or(inner, |end| &inner[..end])
        }
        None => html,
    };
    let mut text = String::with_capacity(body.len() / 2);
    let mut skipping: Option<&str> = None;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        if skipping.is_none() {
            push_text(&mut text, &rest[..lt]);
        }
        let tag = &rest[lt + 1..];
        let Some(gt) = tag.find('>') else {
            rest = "";
            break;
        };
        let (closing, name) = tag_name(&tag[..gt]);
        match (skipping, closing) {
            (None, false) => skipping = SKIPPED.iter().copied().find(|s| *s == name),
            (Some(s), true) if s == name => skipping = None,
            _ => {}
        }
        // Other elements separate words: `<p>a</p><p>b</p>` is "a b".
        if !INLINE.contains(&name.as_str()) {
            text.push(' ');
        }
        rest = &tag[gt + 1..];
    }
    if skipping.is_none() {
        push_text(&mut text, rest);
    }
    collapse(&text)
}

/// `(closing, lower-case name)` of a tag's inside (`/p`, `a href=...`).
fn tag_name(inside: &str) -> (bool, String) {
    let (closing, inside) = match inside.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inside),
    };
    let name = inside
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    (closing, name)
}

/// Appends a run of text with its character references decoded.
fn push_text(out: &mut String, raw: &str) {
    out.push_str(&crate::html::decode(raw, decode));
}

/// The character a reference names. `&nbsp;` is a space like any other once
/// [`collapse`] has run.
fn decode(name: &str) -> Option<char> {
    crate::html::reference(name).and_then(char::from_u32)
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_text_leaves_out_chrome_navigation_and_scripts() {
        let html = "<html><body><header>Menu</header><main id=k><h1>Izin&nbsp;Usaha</h1><nav><a>Daftar isi</a></nav><p>Syarat &amp; biaya: <b>gratis</b>.</p><script>x()</script><p>Selesai&#46;</p></main><footer>Kaki</footer></body></html>";
        assert_eq!(
            main_text(html),
            "Izin Usaha Syarat & biaya: gratis. Selesai."
        );
    }

    #[test]
    fn broken_html_gives_text_not_a_panic() {
        for html in [
            "<main",
            "<main>a<",
            "<main>a &#xFFFFFFFF; b</main>",
            "&",
            "<main>é&é;</main>",
            "<nav>",
        ] {
            let _ = main_text(html);
        }
        assert_eq!(
            main_text("<main>a &#xFFFFFFFF; b</main>"),
            "a &#xFFFFFFFF; b"
        );
    }
}
