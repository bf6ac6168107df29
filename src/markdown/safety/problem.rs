//! What is wrong with a piece of raw HTML, said for people: each [`Problem`]'s finding
//! code, message and what to do.
//!
//! Words only; it must not decide what is a problem (that is [`super::rules`]).

use super::allowlist::{DANGEROUS, NAME_RULE};
use super::rules::is_script_url;
use crate::finding::Code;
use crate::markdown::MAX_NESTING;

/// One thing wrong with a piece of raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// An element outside the allow-list.
    Element(String),
    /// An `on...=` attribute.
    Handler(String, String),
    /// An attribute the element may not carry.
    Attribute(String, String),
    /// An address with a scheme that is not allowed (or that does not parse).
    Address(String, String),
    /// A `style` that sets more than the text alignment of a table cell.
    Style(String, String),
    /// An id or class that is not allowed: the attribute and its value.
    Name(String, String),
    IframeHost(String),
    /// A tag or comment that the text ends inside of.
    Unclosed(String),
    /// Elements nested deeper than [`MAX_NESTING`].
    TooDeep,
    MissingAlt,
}

impl Problem {
    pub fn code_and_help(&self) -> (Code, &'static str) {
        let help = match self {
            Problem::MissingAlt => {
                return (
                    Code::ContentImageAlt,
                    "add alt=\"...\" saying what the image shows",
                )
            }
            Problem::TooDeep => {
                return (
                    Code::ContentLimit,
                    "flatten the HTML: no page needs elements nested this deep",
                )
            }
            Problem::IframeHost(_) => {
                "embed only from hosts listed in [embeds] iframe_hosts of the site's _site.toml"
            }
            Problem::Address(..) => {
                "link only to http(s), mailto: or tel: addresses, or to files of the site"
            }
            Problem::Attribute(..) => {
                "allowed are id, class, title, lang, dir, role and aria-label on any element, and the attributes docs/content.md lists for a, img, table cells and a few more; write it in markdown instead"
            }
            Problem::Style(..) => {
                "content may not style itself; align table columns with markdown (|:---|---:|)"
            }
            Problem::Name(..) => NAME_RULE,
            Problem::Unclosed(_) => "close it (`>` for a tag, `-->` for a comment)",
            Problem::Element(_) | Problem::Handler(..) => {
                "remove it: content may not carry scripts, embeds, forms or page metadata; write it in markdown instead"
            }
        };
        (Code::ContentHtmlUnsafe, help)
    }

    pub fn message(&self) -> String {
        match self {
            Problem::Element(tag) if DANGEROUS.contains(&tag.as_str()) => {
                format!("raw HTML `<{tag}>` is not allowed in content")
            }
            Problem::Element(tag) => {
                format!("raw HTML `<{tag}>` is not allowed in content and would be removed")
            }
            Problem::Handler(tag, attr) => format!(
                "raw HTML `<{tag} {attr}=...>`: event handlers run scripts and are not allowed"
            ),
            Problem::Attribute(tag, attr) => format!(
                "raw HTML `<{tag} {attr}=...>`: the attribute `{attr}` is not allowed here and would be removed"
            ),
            Problem::Address(tag, url) if is_script_url(url) => {
                format!("raw HTML `<{tag}>` points at `{url}`, which can run code")
            }
            Problem::Address(tag, url) => format!(
                "raw HTML `<{tag}>` points at `{url}`, an address that is not allowed and would be removed"
            ),
            Problem::Style(tag, style) => format!(
                "raw HTML `<{tag} style=\"{style}\">`: styles are not allowed in content"
            ),
            Problem::Name(attr, value) => format!("the {attr} `{value}` is not allowed"),
            Problem::IframeHost(src) => {
                format!("an iframe from `{src}` is not allowed for this site")
            }
            Problem::Unclosed(what) => format!(
                "raw HTML `{what}` is not closed, so it would swallow what follows it"
            ),
            Problem::MissingAlt => "an <img> has no alt text".to_string(),
            Problem::TooDeep => format!(
                "raw HTML nests elements more than {} deep",
                MAX_NESTING
            ),
        }
    }
}
