//! What is wrong with a piece of raw HTML, said for people: each [`Problem`]'s finding
//! code, message and what to do.
//!
//! Words only; it must not decide what is a problem (that is [`super::rules`]).

use super::allowlist::{name_rule, DANGEROUS};
use super::script::is_script_url;
use crate::finding::Code;
use crate::markdown::MAX_NESTING;
use crate::msg;

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
    pub fn code_and_help(&self) -> (Code, String) {
        let help = match self {
            Problem::MissingAlt => return (Code::ContentImageAlt, msg!("html-alt-help")),
            Problem::TooDeep => return (Code::ContentLimit, msg!("html-too-deep-help")),
            // An iframe is refused for its host (none allowed yet, or not this one): the
            // Dinas can allow it, so the hint says whom to ask rather than "delete it".
            Problem::IframeHost(_) => msg!("html-iframe-help"),
            Problem::Element(tag) if tag == "iframe" => msg!("html-iframe-help"),
            Problem::Address(..) => msg!("link-allowed-help"),
            Problem::Attribute(..) => msg!("html-attribute-help"),
            Problem::Style(..) => msg!("html-style-help"),
            Problem::Name(..) => name_rule(),
            Problem::Unclosed(_) => msg!("html-unclosed-help"),
            Problem::Element(_) | Problem::Handler(..) => msg!("html-element-help"),
        };
        (Code::ContentHtmlUnsafe, help)
    }

    pub fn message(&self) -> String {
        match self {
            Problem::Element(tag) if DANGEROUS.contains(&tag.as_str()) => {
                msg!("html-element-dangerous", tag = tag.as_str())
            }
            Problem::Element(tag) => msg!("html-element", tag = tag.as_str()),
            Problem::Handler(tag, attr) => {
                msg!("html-handler", tag = tag.as_str(), attr = attr.as_str())
            }
            Problem::Attribute(tag, attr) => {
                msg!("html-attribute", tag = tag.as_str(), attr = attr.as_str())
            }
            Problem::Address(tag, url) if is_script_url(url) => {
                msg!(
                    "html-address-script",
                    tag = tag.as_str(),
                    url = url.as_str()
                )
            }
            Problem::Address(tag, url) => {
                msg!("html-address", tag = tag.as_str(), url = url.as_str())
            }
            Problem::Style(tag, style) => {
                msg!("html-style", tag = tag.as_str(), style = style.as_str())
            }
            Problem::Name(attr, value) => {
                msg!("html-name", attr = attr.as_str(), value = value.as_str())
            }
            Problem::IframeHost(src) => msg!("html-iframe", src = src.as_str()),
            Problem::Unclosed(what) => msg!("html-unclosed", what = what.as_str()),
            Problem::MissingAlt => msg!("html-alt"),
            Problem::TooDeep => msg!("html-too-deep", max = MAX_NESTING),
        }
    }
}
