//! Raw HTML in content: what is refused, and the sanitizer every page with raw HTML
//! passes through.
//!
//! Two layers. [`HtmlPolicy::check`] reports dangerous markup as `content.html.unsafe`
//! errors, so a defacement or an injected spam link fails the build with a file and
//! line instead of going live. [`HtmlPolicy::sanitize`] then cleans the rendered page with
//! an allow-list (ammonia), as a second line for whatever the first did not name.

use crate::finding::Code;
use std::borrow::Cow;
use std::collections::HashSet;

/// Elements content may never contain: they run code, load other documents, submit
/// data elsewhere, or rewrite the page's metadata (verification tags, canonical links).
const FORBIDDEN: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "meta",
    "link", "base", "noscript", "template", "portal",
];

/// Attributes whose value is an address.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "data",
    "srcset",
    "background",
    "cite",
];

/// The raw-HTML rules of one site.
pub struct HtmlPolicy {
    iframe_hosts: Vec<String>,
    cleaner: ammonia::Builder<'static>,
}

impl std::fmt::Debug for HtmlPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HtmlPolicy")
            .field("iframe_hosts", &self.iframe_hosts)
            .finish()
    }
}

impl Default for HtmlPolicy {
    fn default() -> Self {
        HtmlPolicy::new(&[])
    }
}

/// One thing wrong with a piece of raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Element(String),
    Handler(String, String),
    Address(String, String),
    IframeHost(String),
    MissingAlt,
}

impl Problem {
    pub fn code_and_help(&self) -> (Code, &'static str) {
        match self {
            Problem::MissingAlt => (
                Code::ContentImageAlt,
                "add alt=\"...\" saying what the image shows",
            ),
            Problem::IframeHost(_) => (
                Code::ContentHtmlUnsafe,
                "embed only from hosts listed in [embeds] iframe_hosts of the site's _site.toml",
            ),
            _ => (
                Code::ContentHtmlUnsafe,
                "remove it: content may not carry scripts, embeds, forms or page metadata; write it in markdown instead",
            ),
        }
    }

    pub fn message(&self) -> String {
        match self {
            Problem::Element(tag) => format!("raw HTML `<{tag}>` is not allowed in content"),
            Problem::Handler(tag, attr) => format!(
                "raw HTML `<{tag} {attr}=...>`: event handlers run scripts and are not allowed"
            ),
            Problem::Address(tag, url) => {
                format!("raw HTML `<{tag}>` points at `{url}`, which can run code")
            }
            Problem::IframeHost(src) => {
                format!("an iframe from `{src}` is not allowed for this site")
            }
            Problem::MissingAlt => "an <img> has no alt text".to_string(),
        }
    }
}

impl HtmlPolicy {
    /// A policy that admits iframes from the given hosts (https only).
    pub fn new(iframe_hosts: &[String]) -> HtmlPolicy {
        let hosts: Vec<String> = iframe_hosts
            .iter()
            .map(|h| h.to_ascii_lowercase())
            .collect();
        let mut cleaner = ammonia::Builder::default();
        cleaner
            .link_rel(None)
            .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
            .add_generic_attributes([
                "id",
                "class",
                "lang",
                "dir",
                "title",
                "role",
                "aria-label",
                "aria-hidden",
            ])
            .add_tag_attributes("th", ["scope", "style"])
            .add_tag_attributes("td", ["style"])
            .add_tag_attributes("a", ["download"])
            .filter_style_properties(HashSet::from(["text-align"]));
        if !hosts.is_empty() {
            let allowed = hosts.clone();
            cleaner
                .add_tags(["iframe"])
                .add_tag_attributes(
                    "iframe",
                    [
                        "src",
                        "width",
                        "height",
                        "loading",
                        "allowfullscreen",
                        "referrerpolicy",
                    ],
                )
                .attribute_filter(move |element, attribute, value| {
                    if element == "iframe" && attribute == "src" && !host_allowed(value, &allowed) {
                        return None;
                    }
                    Some(Cow::Borrowed(value))
                });
        }
        HtmlPolicy {
            iframe_hosts: hosts,
            cleaner,
        }
    }

    /// Every problem in one piece of raw HTML, in order.
    pub fn check(&self, html: &str) -> Vec<Problem> {
        let mut problems = Vec::new();
        for token in html5gum::Tokenizer::new(html).flatten() {
            let html5gum::Token::StartTag(tag) = token else {
                continue;
            };
            let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
            let attr = |key: &str| {
                tag.attributes
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(key.as_bytes()))
                    .map(|(_, v)| String::from_utf8_lossy(&v.value).into_owned())
            };
            if name == "iframe" && !self.iframe_hosts.is_empty() {
                let src = attr("src").unwrap_or_default();
                if !host_allowed(&src, &self.iframe_hosts) {
                    problems.push(Problem::IframeHost(shown(&src)));
                }
            } else if FORBIDDEN.contains(&name.as_str()) {
                problems.push(Problem::Element(name.clone()));
            }
            for (key, value) in &tag.attributes {
                let key = String::from_utf8_lossy(key).to_ascii_lowercase();
                let value = String::from_utf8_lossy(&value.value);
                if key.starts_with("on") {
                    problems.push(Problem::Handler(name.clone(), key));
                } else if URL_ATTRIBUTES.contains(&key.as_str())
                    && value.split(',').any(|v| is_script_url(v.trim()))
                {
                    problems.push(Problem::Address(name.clone(), shown(&value)));
                }
            }
            if name == "img" && attr("alt").is_none() {
                problems.push(Problem::MissingAlt);
            }
        }
        problems
    }

    /// Cleans rendered HTML with the allow-list.
    pub fn sanitize(&self, html: &str) -> String {
        self.cleaner.clean(html).to_string()
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

/// Whether an address runs code when followed: `javascript:`, `vbscript:`, `data:`
/// (browsers ignore case, whitespace and control characters inside the scheme).
pub fn is_script_url(url: &str) -> bool {
    let scheme: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|&c| c != ':' && c != '/' && c != '?' && c != '#')
        .collect::<String>()
        .to_ascii_lowercase();
    let has_colon = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .nth(scheme.chars().count())
        == Some(':');
    has_colon && matches!(scheme.as_str(), "javascript" | "vbscript" | "data")
}

/// An address shortened for a message.
pub fn shown(url: &str) -> String {
    let url = url.trim();
    if url.chars().count() > 60 {
        format!("{}…", url.chars().take(60).collect::<String>())
    } else {
        url.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_urls_are_recognised_in_any_disguise() {
        assert!(is_script_url("javascript:alert(1)"));
        assert!(is_script_url(" JaVa\tScript:alert(1)"));
        assert!(is_script_url("data:text/html,<script>"));
        assert!(is_script_url("vbscript:x"));
        assert!(!is_script_url("https://example.go.id/javascript:"));
        assert!(!is_script_url("/data:x"));
        assert!(!is_script_url("mailto:a@b.go.id"));
    }

    #[test]
    fn forbidden_elements_handlers_and_addresses_are_problems() {
        let p = HtmlPolicy::default();
        assert_eq!(
            p.check("<script>x</script>"),
            vec![Problem::Element("script".into())]
        );
        assert_eq!(
            p.check("<META name=google-site-verification content=x>"),
            vec![Problem::Element("meta".into())]
        );
        assert_eq!(
            p.check("<div onclick=\"x()\">"),
            vec![Problem::Handler("div".into(), "onclick".into())]
        );
        assert_eq!(
            p.check("<a href=\"javascript:x\">"),
            vec![Problem::Address("a".into(), "javascript:x".into())]
        );
        assert_eq!(p.check("<img src=a.png>"), vec![Problem::MissingAlt]);
        assert!(p
            .check("<abbr title=\"Pejabat Pengelola Informasi\">PPID</abbr>")
            .is_empty());
        assert!(p.check("<img src=a.png alt=\"Peta\">").is_empty());
    }

    #[test]
    fn iframes_only_from_allowed_hosts() {
        let none = HtmlPolicy::default();
        assert_eq!(
            none.check("<iframe src=\"https://www.openstreetmap.org/x\">"),
            vec![Problem::Element("iframe".into())]
        );
        let maps = HtmlPolicy::new(&["www.openstreetmap.org".into()]);
        assert!(maps
            .check("<iframe src=\"https://www.openstreetmap.org/export/embed.html\"></iframe>")
            .is_empty());
        assert_eq!(
            maps.check("<iframe src=\"https://evil.example/\">").len(),
            1
        );
        assert_eq!(
            maps.check("<iframe src=\"http://www.openstreetmap.org/\">")
                .len(),
            1
        );
        assert_eq!(
            maps.check("<iframe src=\"https://www.openstreetmap.org@evil.example/\">")
                .len(),
            1
        );
        let clean = maps.sanitize("<iframe src=\"https://evil.example/\"></iframe><iframe src=\"https://www.openstreetmap.org/e\"></iframe>");
        assert_eq!(clean.matches("src=").count(), 1, "{clean}");
    }

    #[test]
    fn sanitizer_removes_what_check_does_not_name() {
        let p = HtmlPolicy::default();
        let out = p.sanitize("<p id=\"a\" style=\"position:fixed\">x</p><svg><a>y</a></svg><td style=\"text-align: right\">1</td>");
        assert!(out.contains("id=\"a\""), "{out}");
        assert!(!out.contains("position"), "{out}");
        assert!(!out.contains("<svg"), "{out}");
    }
}
