//! WordPress shortcodes (`[caption ...]...[/caption]`, `[gallery ids="1,2"]`) found in a
//! post's HTML: a small scanner that finds each one with its attributes and, for
//! enclosing ones, its content. What a shortcode becomes is [`super::convert`]'s choice.
//!
//! The grammar is WordPress's: `[name attr="v" attr='v' attr=v flag]`, `[name/]`, an
//! enclosing `[name]...[/name]`, and `[[name]]` for the literal text `[name]`. A name is
//! lowercase letters, digits, `-` and `_`, starting with a letter; anything else in
//! brackets (`[1]`, `[Lampiran]`) is text. Work is linear in the input: each opening
//! bracket is looked at once, and a closing tag is searched only for the names that
//! enclose.

/// One shortcode in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortcode {
    pub name: String,
    /// Attributes in order; a bare word (`[embed autoplay]`) has an empty value... and
    /// a positional value (`[video https://...]`) has an empty name.
    pub attrs: Vec<(String, String)>,
    /// The text between `[name]` and `[/name]`, when it encloses.
    pub content: Option<String>,
    /// Byte range in the text, from `[` to the last `]`.
    pub start: usize,
    pub end: usize,
}

impl Shortcode {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Shortcodes that enclose content when a closing tag follows.
const ENCLOSING: [&str; 4] = ["caption", "embed", "video", "audio"];

/// Rewrites every shortcode of `text` with `replace` (which returns the new text, or
/// `None` to keep the shortcode as written). `[[name]]` becomes `[name]`.
pub fn rewrite(text: &str, mut replace: impl FnMut(&Shortcode) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut closings = Closings::default();
    let mut at = 0;
    while let Some(found) = text[at..].find('[') {
        let start = at + found;
        out.push_str(&text[at..start]);
        if text[start..].starts_with("[[") {
            let window = &text[start + 2..crate::text::floor(text, start + 2 + 4096)];
            if let Some(close) = window.find("]]") {
                let inner = &text[start + 2..start + 2 + close];
                if parse_open(inner).is_some() {
                    out.push('[');
                    out.push_str(inner);
                    out.push(']');
                    at = start + 2 + close + 2;
                    continue;
                }
            }
        }
        match shortcode_at(text, start, &mut closings) {
            Some(code) => {
                match replace(&code) {
                    Some(new) => out.push_str(&new),
                    None => out.push_str(&text[code.start..code.end]),
                }
                at = code.end;
            }
            None => {
                out.push('[');
                at = start + 1;
            }
        }
    }
    out.push_str(&text[at..]);
    out
}

/// Where the next closing tag of each enclosing name is, remembered so that a text full
/// of unclosed `[caption]`s is still searched once per name, not once per tag.
#[derive(Default)]
struct Closings {
    next: std::collections::HashMap<String, Option<usize>>,
}

impl Closings {
    /// The first `[/name]` at or after `from`.
    fn find(&mut self, text: &str, name: &str, from: usize) -> Option<usize> {
        if let Some(&known) = self.next.get(name) {
            match known {
                None => return None,
                Some(pos) if pos >= from => return Some(pos),
                Some(_) => {}
            }
        }
        let closing = format!("[/{name}]");
        let found = text[from..].find(&closing).map(|p| from + p);
        self.next.insert(name.to_string(), found);
        found
    }
}

/// The shortcode starting at `start` (a `[`), if one does.
fn shortcode_at(text: &str, start: usize, closings: &mut Closings) -> Option<Shortcode> {
    let rest = &text[start + 1..];
    // The tag ends at the first `]` outside quotes, and never across a new `[`.
    let mut quote = None;
    let mut close = None;
    for (i, c) in rest.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[') => return None,
            (None, ']') => {
                close = Some(i);
                break;
            }
            _ => {}
        }
        if i > 4096 {
            return None;
        }
    }
    let close = close?;
    let inner = &rest[..close];
    let (name, attrs) = parse_open(inner)?;
    let mut end = start + 1 + close + 1;
    let mut content = None;
    if ENCLOSING.contains(&name.as_str()) && !inner.trim_end().ends_with('/') {
        if let Some(pos) = closings.find(text, &name, end) {
            content = Some(text[end..pos].to_string());
            end = pos + name.len() + 3;
        }
    }
    Some(Shortcode {
        name,
        attrs,
        content,
        start,
        end,
    })
}

/// The name and attributes of an opening tag's inside (`caption id="x" width="300"`).
fn parse_open(inner: &str) -> Option<(String, Vec<(String, String)>)> {
    let inner = inner.trim_end().trim_end_matches('/');
    let name_len = inner
        .find(|c: char| c.is_whitespace())
        .unwrap_or(inner.len());
    let name = &inner[..name_len];
    let valid = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !valid {
        return None;
    }
    Some((name.to_string(), attributes(&inner[name_len..])))
}

fn attributes(mut text: &str) -> Vec<(String, String)> {
    let mut attrs = Vec::new();
    loop {
        text = text.trim_start();
        if text.is_empty() {
            return attrs;
        }
        let key_len = text
            .find(|c: char| c.is_whitespace() || c == '=')
            .unwrap_or(text.len());
        let (key, rest) = text.split_at(key_len);
        if let Some(rest) = rest.trim_start().strip_prefix('=') {
            let rest = rest.trim_start();
            let (value, after) = quoted_value(rest);
            attrs.push((key.to_ascii_lowercase(), value));
            text = after;
        } else {
            let (value, after) = quoted_value(text);
            attrs.push((String::new(), value));
            text = after;
        }
    }
}

/// A value, quoted or bare, and what follows it.
fn quoted_value(text: &str) -> (String, &str) {
    for q in ['"', '\''] {
        if let Some(rest) = text.strip_prefix(q) {
            return match rest.find(q) {
                Some(end) => (rest[..end].to_string(), &rest[end + 1..]),
                None => (rest.to_string(), ""),
            };
        }
    }
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    (text[..end].to_string(), &text[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<Shortcode> {
        let mut found = Vec::new();
        rewrite(text, |s| {
            found.push(s.clone());
            None
        });
        found
    }

    #[test]
    fn shortcodes_with_attributes_and_content_are_found() {
        let text = r#"A [caption id="a_1" width='300']<img src="x.jpg"> Foto[/caption] B [gallery ids="1,2" columns=3] [1] [Lampiran] [embed]https://youtu.be/x[/embed]"#;
        let found = all(text);
        let names: Vec<&str> = found.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["caption", "gallery", "embed"]);
        assert_eq!(found[0].attr("width"), Some("300"));
        assert_eq!(
            found[0].content.as_deref(),
            Some("<img src=\"x.jpg\"> Foto")
        );
        assert_eq!(found[1].attr("columns"), Some("3"));
        assert_eq!(found[2].content.as_deref(), Some("https://youtu.be/x"));
        assert_eq!(rewrite(text, |_| None), text);
    }

    #[test]
    fn escaped_and_unterminated_brackets_are_text() {
        assert_eq!(
            rewrite("[[gallery]] [gallery", |_| Some("G".into())),
            "[gallery] [gallery"
        );
        assert_eq!(
            rewrite("[video https://x/v.mp4 /]", |s| Some(s.attrs[0].1.clone())),
            "https://x/v.mp4"
        );
        let huge = "[a".to_string() + &"b".repeat(100_000);
        assert_eq!(rewrite(&huge, |_| Some(String::new())), huge);
    }
}
