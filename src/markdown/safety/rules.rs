//! The rules both layers apply to one element and its attributes, and the tests of a
//! single value (an id or class, a style, an address, an iframe's host) they are made of.
//!
//! Reads the lists of [`super::allowlist`]; it must not keep a list of its own, nor
//! walk the HTML (the checker in [`super`] and ammonia do).

use super::allowlist::{
    is_theme_id, GENERIC_ATTRIBUTES, IFRAME_ATTRIBUTES, NAME_MAX, RESERVED_CLASSES, STYLE_PROPERTY,
    TAGS, TAG_ATTRIBUTES, URL_ATTRIBUTES, URL_SCHEMES,
};
use super::problem::Problem;
use super::script::is_script_url;
use crate::text::clipped;
use ammonia::url::{ParseError, Url};
use std::borrow::Cow;

/// The attribute rules both layers apply (the iframe hosts are the site's).
pub(super) struct Rules {
    pub(super) iframe_hosts: Vec<String>,
}

impl Rules {
    pub(super) fn check_tag(
        &self,
        tag: &html5gum::StartTag<usize>,
        problems: &mut Vec<(usize, Problem)>,
    ) {
        let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
        let allowed =
            TAGS.contains(&name.as_str()) || (name == "iframe" && !self.iframe_hosts.is_empty());
        if !allowed {
            problems.push((tag.span.start, Problem::Element(name)));
            return;
        }
        for (key, value) in &tag.attributes {
            let key = String::from_utf8_lossy(key).to_ascii_lowercase();
            let text = String::from_utf8_lossy(&value.value);
            if let Some(problem) = self.attribute_problem(&name, &key, &text) {
                problems.push((value.span.start, problem));
            }
        }
        if name == "iframe" && !has(tag, "src") {
            problems.push((tag.span.start, Problem::IframeHost(String::new())));
        }
        if name == "img" && !has(tag, "alt") {
            problems.push((tag.span.start, Problem::MissingAlt));
        }
    }

    /// What is wrong with one attribute of an allowed element, if anything.
    fn attribute_problem(&self, tag: &str, key: &str, value: &str) -> Option<Problem> {
        if key.starts_with("on") {
            return Some(Problem::Handler(tag.into(), key.into()));
        }
        let listed = GENERIC_ATTRIBUTES.contains(&key)
            || if tag == "iframe" {
                IFRAME_ATTRIBUTES.contains(&key)
            } else {
                TAG_ATTRIBUTES
                    .iter()
                    .any(|(t, attrs)| *t == tag && attrs.contains(&key))
            };
        if !listed {
            return Some(Problem::Attribute(tag.into(), key.into()));
        }
        match key {
            "id" if !id_allowed(value) => Some(Problem::Name("id".into(), clipped(value))),
            "class" => value
                .split_ascii_whitespace()
                .find(|c| !class_allowed(c))
                .map(|c| Problem::Name("class".into(), clipped(c))),
            "style" if !style_allowed(value) => Some(Problem::Style(tag.into(), clipped(value))),
            "src" if tag == "iframe" && !host_allowed(value, &self.iframe_hosts) => {
                Some(Problem::IframeHost(clipped(value)))
            }
            _ if URL_ATTRIBUTES.contains(&key) && !url_allowed(value) => {
                Some(Problem::Address(tag.into(), clipped(value)))
            }
            _ => None,
        }
    }

    /// The sanitizer's side: the value to keep, or `None` to drop the attribute.
    pub(super) fn keep<'v>(&self, tag: &str, key: &str, value: &'v str) -> Option<Cow<'v, str>> {
        if key == "class" {
            let kept: Vec<&str> = value
                .split_ascii_whitespace()
                .filter(|c| class_allowed(c))
                .collect();
            return (!kept.is_empty()).then(|| Cow::Owned(kept.join(" ")));
        }
        match self.attribute_problem(tag, key, value) {
            None => Some(Cow::Borrowed(value)),
            Some(_) => None,
        }
    }
}

/// Whether a start tag has the attribute `key`.
fn has(tag: &html5gum::StartTag<usize>, key: &str) -> bool {
    tag.attributes
        .keys()
        .any(|k| k.eq_ignore_ascii_case(key.as_bytes()))
}

/// Whether `name` may be an id or a class: letters, digits, `-` and `_`, not too long.
fn name_allowed(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= NAME_MAX
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Whether content may give an element this id.
pub fn id_allowed(id: &str) -> bool {
    name_allowed(id) && !is_theme_id(id)
}

/// Whether content may give an element this class.
pub fn class_allowed(class: &str) -> bool {
    name_allowed(class) && !RESERVED_CLASSES.contains(&class)
}

/// Whether a `style` only aligns text (as markdown's tables write it).
fn style_allowed(style: &str) -> bool {
    style
        .split(';')
        .filter(|d| !d.trim().is_empty())
        .all(|declaration| {
            declaration.split_once(':').is_some_and(|(name, value)| {
                name.trim() == STYLE_PROPERTY
                    && matches!(
                        value.trim(),
                        "left" | "right" | "center" | "justify" | "start" | "end"
                    )
            })
        })
}

/// Whether an address (as the browser reads it: entities decoded) is allowed: relative,
/// or with one of [`URL_SCHEMES`]. The same test the sanitizer applies.
pub fn url_allowed(url: &str) -> bool {
    match Url::parse(url) {
        Ok(parsed) => URL_SCHEMES.contains(&parsed.scheme()),
        Err(ParseError::RelativeUrlWithoutBase) => !is_script_url(url),
        Err(_) => false,
    }
}

/// Whether `src` is an https address on one of `hosts`.
fn host_allowed(src: &str, hosts: &[String]) -> bool {
    let Some(rest) = src.trim().strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or("").to_ascii_lowercase();
    hosts.contains(&host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_urls_are_not_allowed_and_others_are() {
        for bad in [
            "javascript:x",
            "java\tscript:x",
            " data:x",
            "ftp://x",
            "http://",
            "file:///etc",
        ] {
            assert!(!url_allowed(bad), "{bad}");
        }
        for good in [
            "https://a.go.id/",
            "/b.pdf",
            "b.pdf",
            "#misi",
            "mailto:a@b.id",
            "tel:+62",
        ] {
            assert!(url_allowed(good), "{good}");
        }
    }
}
