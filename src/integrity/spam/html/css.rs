//! Inline style that hides what an element holds: `display:none`, `visibility:hidden`,
//! `font-size:0`, `opacity:0`, far off-screen positions or indents, and a zero height or
//! width with `overflow:hidden`.
//!
//! It reads declarations only; it must not judge classes (a theme's `visually-hidden`
//! skip-link class is not inline style).

/// How far off-screen counts as hiding, in px (and in em, rem, %, vw or vh).
const FAR_PX: f64 = -500.0;
const FAR_RELATIVE: f64 = -50.0;

/// What hides the element, normalised (`display:none`, `left:-9999px`), if anything.
pub(super) fn hiding(style: &str) -> Option<String> {
    let text = clean(style);
    let decls: Vec<(&str, &str)> = text
        .split(';')
        .filter_map(|d| d.split_once(':'))
        .take(256)
        .collect();
    let value = |prop: &str| decls.iter().rev().find(|(p, _)| *p == prop).map(|d| d.1);
    let zero = |v: Option<&str>| v.and_then(number).is_some_and(|(n, _)| n == 0.0);
    let far = |v: Option<&str>| {
        v.and_then(number).is_some_and(|(n, unit)| match unit {
            "" | "px" | "pt" | "pc" => n <= FAR_PX,
            "cm" | "mm" | "in" => false,
            _ => n <= FAR_RELATIVE,
        })
    };
    let declaration = |prop: &str, v: &str| format!("{prop}:{v}");
    if let Some(v @ "none") = value("display") {
        return Some(declaration("display", v));
    }
    if let Some(v @ ("hidden" | "collapse")) = value("visibility") {
        return Some(declaration("visibility", v));
    }
    for prop in ["font-size", "opacity"] {
        if zero(value(prop)) {
            return Some(declaration(prop, value(prop).unwrap_or("0")));
        }
    }
    if far(value("text-indent")) {
        return Some(declaration(
            "text-indent",
            value("text-indent").unwrap_or(""),
        ));
    }
    if matches!(value("position"), Some("absolute" | "fixed")) {
        for prop in ["left", "top", "right", "bottom"] {
            if far(value(prop)) {
                return Some(declaration(prop, value(prop).unwrap_or("")));
            }
        }
    }
    if matches!(value("overflow"), Some("hidden" | "clip")) {
        for prop in ["height", "max-height", "width", "max-width"] {
            if zero(value(prop)) {
                return Some(format!("{prop}:0;overflow:hidden"));
            }
        }
    }
    None
}

/// Lower case, without comments, white space or `!important`.
fn clean(style: &str) -> String {
    let mut out = String::with_capacity(style.len());
    let mut rest = style;
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        rest = rest[i + 2..]
            .find("*/")
            .map_or("", |e| &rest[i + 2 + e + 2..]);
    }
    out.push_str(rest);
    out.retain(|c| !c.is_whitespace());
    out.to_ascii_lowercase().replace("!important", "")
}

/// A CSS length or number: its value and unit (`-9999px` → (-9999, "px")).
fn number(value: &str) -> Option<(f64, &str)> {
    let end = value
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+')))
        .unwrap_or(value.len());
    let n: f64 = value[..end].parse().ok()?;
    Some((n, &value[end..]))
}
