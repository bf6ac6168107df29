//! The fast reader: the plain HTML laman's templates write, read in one pass without
//! allocating per token. It gives up ([`GiveUp`]) on anything whose tokenization it does
//! not model exactly (an unknown entity, a bogus comment, an unquoted value with quotes,
//! `textarea`, `noscript`...), and the caller reads the page with html5gum instead.
//!
//! It must not guess: where it is not sure, it gives up.

use super::{Attr, Visitor};
use std::borrow::Cow;

/// The page is not plain enough for this reader.
pub(super) struct GiveUp;

type Step = Result<usize, GiveUp>;

/// Reads `page` into `v`, or gives up (and `v` is then to be thrown away).
pub(super) fn lex(page: &str, v: &mut Visitor) -> Result<(), GiveUp> {
    let b = page.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let end = page[i..].find('<').map_or(b.len(), |n| i + n);
        if end > i {
            text(page, i, end, v)?;
        }
        if end >= b.len() {
            break;
        }
        i = markup(page, end, v)?;
    }
    Ok(())
}

fn text(page: &str, from: usize, to: usize, v: &mut Visitor) -> Result<(), GiveUp> {
    let slice = &page[from..to];
    if slice.contains('\0') {
        return Err(GiveUp);
    }
    match decode(slice)? {
        Cow::Borrowed(s) => v.text(s, from, true),
        Cow::Owned(s) => v.text(&s, from, false),
    }
    Ok(())
}

/// Reads the markup at `at` (a `<`); returns where reading goes on.
fn markup(page: &str, at: usize, v: &mut Visitor) -> Step {
    let b = page.as_bytes();
    let rest = &b[at..];
    if rest.starts_with(b"<!--") {
        let body = &page[at + 4..];
        if body.starts_with('>') || body.starts_with("->") {
            return Err(GiveUp);
        }
        let end = body.find("-->").ok_or(GiveUp)?;
        if body[..end].contains("--!") {
            return Err(GiveUp);
        }
        return Ok(at + 4 + end + 3);
    }
    if rest.len() >= 9 && rest[..9].eq_ignore_ascii_case(b"<!doctype") {
        return page[at..].find('>').map(|e| at + e + 1).ok_or(GiveUp);
    }
    match rest.get(1) {
        Some(b'/') if rest.get(2).is_some_and(u8::is_ascii_alphabetic) => end_tag(page, at, v),
        Some(c) if c.is_ascii_alphabetic() => start_tag(page, at, v),
        Some(b'!' | b'?' | b'/') => Err(GiveUp),
        _ => {
            v.text("<", at, true);
            Ok(at + 1)
        }
    }
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// A tag name from `i`: lower case, and where it ends.
fn name(page: &str, i: usize) -> (String, usize) {
    let b = page.as_bytes();
    let mut e = i;
    while e < b.len() && !is_space(b[e]) && !matches!(b[e], b'/' | b'>' | b'\0') {
        e += 1;
    }
    (page[i..e].to_ascii_lowercase(), e)
}

fn end_tag(page: &str, at: usize, v: &mut Visitor) -> Step {
    let b = page.as_bytes();
    let (tag, mut i) = name(page, at + 2);
    while i < b.len() && is_space(b[i]) {
        i += 1;
    }
    if b.get(i) != Some(&b'>') {
        return Err(GiveUp);
    }
    v.end(&tag, at);
    Ok(i + 1)
}

fn start_tag(page: &str, at: usize, v: &mut Visitor) -> Step {
    let b = page.as_bytes();
    let (tag, mut i) = name(page, at + 1);
    let mut attrs: Vec<Attr> = Vec::new();
    let self_closing = loop {
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        match b.get(i) {
            None => return Err(GiveUp),
            Some(b'>') => break false,
            Some(b'/') if b.get(i + 1) == Some(&b'>') => {
                i += 1;
                break true;
            }
            Some(b'/' | b'=' | b'"' | b'\'' | b'<') => return Err(GiveUp),
            Some(_) => i = attribute(page, i, &mut attrs)?,
        }
    };
    v.start(&tag, &attrs, self_closing, at);
    let after = i + 1;
    match tag.as_str() {
        "script" | "style" => raw_text(page, after, &tag, v, false),
        "title" => raw_text(page, after, &tag, v, true),
        "textarea" | "plaintext" | "iframe" | "xmp" | "noembed" | "noframes" | "noframe"
        | "noscript" => Err(GiveUp),
        _ => Ok(after),
    }
}

/// Reads one attribute at `i` into `attrs` (a repeated name is dropped, as browsers
/// do); returns where the tag goes on.
fn attribute<'p>(page: &'p str, mut i: usize, attrs: &mut Vec<Attr<'p>>) -> Step {
    let b = page.as_bytes();
    let start = i;
    while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
        if matches!(b[i], b'"' | b'\'' | b'<' | b'\0') {
            return Err(GiveUp);
        }
        i += 1;
    }
    let key = page[start..i].to_ascii_lowercase();
    while i < b.len() && is_space(b[i]) {
        i += 1;
    }
    let (value, at, next) = if b.get(i) == Some(&b'=') {
        i += 1;
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = page[i + 1..].find(q as char).ok_or(GiveUp)? + i + 1;
                (&page[i + 1..end], i + 1, end + 1)
            }
            Some(_) => {
                let mut e = i;
                while e < b.len() && !is_space(b[e]) && b[e] != b'>' {
                    if matches!(b[e], b'"' | b'\'' | b'<' | b'=' | b'`' | b'\0') {
                        return Err(GiveUp);
                    }
                    e += 1;
                }
                (&page[i..e], i, e)
            }
            None => return Err(GiveUp),
        }
    } else {
        ("", i, i)
    };
    if value.contains('\0') {
        return Err(GiveUp);
    }
    if !attrs.iter().any(|a| a.name == key) {
        let value = decode(value)?;
        attrs.push(Attr {
            name: Cow::Owned(key),
            raw: matches!(value, Cow::Borrowed(_)),
            value,
            at,
        });
    }
    Ok(next)
}

/// The content of `script`, `style` (as is) or `title` (entities decoded), up to its
/// end tag.
fn raw_text(page: &str, from: usize, tag: &str, v: &mut Visitor, entities: bool) -> Step {
    let close = format!("</{tag}");
    let lower_end = page[from..]
        .char_indices()
        .find(|&(i, _)| {
            page.as_bytes()[from + i..]
                .get(..close.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(close.as_bytes()))
        })
        .map(|(i, _)| from + i)
        .ok_or(GiveUp)?;
    let content = &page[from..lower_end];
    if content.contains("<!--") || content.contains('\0') {
        return Err(GiveUp);
    }
    if entities {
        text(page, from, lower_end, v)?;
    } else if !content.is_empty() {
        v.text(content, from, true);
    }
    Ok(lower_end)
}

/// Text with its character references decoded: the five of XML, `&nbsp;` and numeric
/// ones; anything else makes the reader give up.
fn decode(text: &str) -> Result<Cow<'_, str>, GiveUp> {
    crate::html::decode_strict(text, reference).ok_or(GiveUp)
}

/// The character of a reference ([`crate::html::reference`]), unless it is one a
/// browser would not read as it stands.
fn reference(entity: &str) -> Option<char> {
    let n = crate::html::reference(entity)?;
    // What browsers replace (NUL, surrogates, C1 controls) is left to html5gum.
    (n >= 0x20 && n != 0x7f && !(0x80..0xa0).contains(&n))
        .then(|| char::from_u32(n))
        .flatten()
}
