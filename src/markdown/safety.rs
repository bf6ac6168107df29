//! Raw HTML in content: one allow-list, read by two layers.
//!
//! [`HtmlPolicy::check`] reports everything the allow-list does not admit as a finding
//! with its place, so a defacement, an injected spam link or a script fails the build
//! instead of being quietly cleaned. [`HtmlPolicy::sanitize`] then cleans every rendered
//! page with the same allow-list (ammonia), as a second line for whatever slips past the
//! first. Both layers read the constants below and [`HtmlPolicy::attribute_problem`];
//! neither keeps a list of its own.
//!
//! Not reported, because nothing of the page is lost or changed in meaning: comments
//! (removed from the output, so editors may keep notes in them) and the sanitizer's
//! re-serialising (quotes, entities, closing tags it adds).

use crate::finding::Code;
use ammonia::url::{ParseError, Url};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// Elements raw HTML may use; the sanitizer keeps no others.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements removed together with their content.
const REMOVED_WITH_CONTENT: &[&str] = &["script", "style"];

/// Elements that run code, load other documents, submit data elsewhere, or rewrite the
/// page's metadata: named as such in messages (every element outside [`TAGS`] is refused).
const DANGEROUS: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "meta",
    "link", "base", "noscript", "template", "portal", "svg", "math",
];

/// Attributes every allowed element may carry.
const GENERIC_ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "lang",
    "dir",
    "title",
    "role",
    "aria-label",
    "aria-hidden",
];

/// Attributes particular elements may carry.
const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang", "download"]),
    ("img", &["src", "alt", "width", "height", "loading"]),
    ("blockquote", &["cite"]),
    ("q", &["cite"]),
    ("del", &["cite", "datetime"]),
    ("ins", &["cite", "datetime"]),
    ("time", &["datetime"]),
    ("data", &["value"]),
    ("ol", &["start", "reversed"]),
    ("li", &["value"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("details", &["open"]),
    ("th", &["scope", "colspan", "rowspan", "headers", "style"]),
    ("td", &["colspan", "rowspan", "headers", "style"]),
];

/// The attributes of an `<iframe>`, for sites that allow embeds.
const IFRAME_ATTRIBUTES: &[&str] = &[
    "src",
    "width",
    "height",
    "loading",
    "allowfullscreen",
    "referrerpolicy",
];

/// Attributes whose value is an address.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "cite"];

/// Schemes an address may have; an address without one is relative and allowed.
pub const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// The only property a `style` attribute may set (on `th`/`td`, as markdown's table
/// alignment writes it).
const STYLE_PROPERTY: &str = "text-align";

/// Ids the theme's templates give to its own elements (`themes/pemda/templates`): the
/// skip link's target and the headings of the footer and home pages. A second element
/// with one of them breaks the skip link or a footer link.
pub const RESERVED_IDS: &[&str] = &[
    "konten",
    "kaki-kontak",
    "kaki-tautan",
    "berita-terbaru",
    "jelajah",
    "direktori-singkat",
    "kelompok-site",
    "kelompok-service",
    "kelompok-app",
];

/// The theme's classes for the page's own frame (`themes/pemda/static/style.css`): the
/// skip link, the official-site banner, header, menu, breadcrumbs, footer. Content that
/// wears them can hide itself or pass for the government's own page chrome.
const RESERVED_CLASSES: &[&str] = &[
    "lewati",
    "resmi",
    "bendera",
    "kepala",
    "kepala-isi",
    "merek",
    "merek-judul",
    "merek-sub",
    "ke-portal",
    "menu",
    "remah",
    "kaki",
    "kaki-isi",
    "kaki-bawah",
    "halaman-nav",
    "daftar-isi",
];

/// The longest id or class name content may give.
const NAME_MAX: usize = 64;

/// What attribute syntax and raw HTML may use as an id or a class, for help texts.
pub const NAME_RULE: &str = "ids and classes are letters, digits, `-` and `_` (at most 64), and not one the theme uses itself (such as konten, lewati, kepala, kaki, menu)";

/// The raw-HTML rules of one site.
pub struct HtmlPolicy {
    /// The rules the checker applies; the cleaner holds a copy made once.
    rules: Rules,
    cleaner: ammonia::Builder<'static>,
}

impl std::fmt::Debug for HtmlPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HtmlPolicy")
            .field("iframe_hosts", &self.rules.iframe_hosts)
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
    /// Elements nested deeper than [`super::MAX_NESTING`].
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
                super::MAX_NESTING
            ),
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
        let mut tags: HashSet<&'static str> = TAGS.iter().copied().collect();
        let mut tag_attributes: HashMap<&'static str, HashSet<&'static str>> = TAG_ATTRIBUTES
            .iter()
            .map(|(tag, attrs)| (*tag, attrs.iter().copied().collect()))
            .collect();
        if !hosts.is_empty() {
            tags.insert("iframe");
            tag_attributes.insert("iframe", IFRAME_ATTRIBUTES.iter().copied().collect());
        }
        let mut cleaner = ammonia::Builder::default();
        let filter = Rules {
            iframe_hosts: hosts.clone(),
        };
        cleaner
            .tags(tags)
            .clean_content_tags(REMOVED_WITH_CONTENT.iter().copied().collect())
            .generic_attributes(GENERIC_ATTRIBUTES.iter().copied().collect())
            .tag_attributes(tag_attributes)
            .url_schemes(URL_SCHEMES.iter().copied().collect())
            .link_rel(None)
            .filter_style_properties(HashSet::from([STYLE_PROPERTY]))
            .attribute_filter(move |element, attribute, value| {
                filter.keep(element, attribute, value)
            });
        HtmlPolicy {
            rules: Rules {
                iframe_hosts: hosts,
            },
            cleaner,
        }
    }

    /// Every problem in one piece of raw HTML, with its byte offset in `html`, in order.
    pub fn check(&self, html: &str) -> Vec<(usize, Problem)> {
        let rules = &self.rules;
        let mut problems = Vec::new();
        let mut depth = 0usize;
        let emitter = html5gum::DefaultEmitter::<usize>::new_with_span();
        for token in html5gum::Tokenizer::new_with_emitter(html, emitter).flatten() {
            match token {
                html5gum::Token::StartTag(tag) => {
                    let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                    if !tag.self_closing && !VOID_ELEMENTS.contains(&name.as_str()) {
                        depth += 1;
                        if depth > super::MAX_NESTING {
                            problems.push((tag.span.start, Problem::TooDeep));
                            break;
                        }
                    }
                    rules.check_tag(&tag, &mut problems)
                }
                html5gum::Token::EndTag(_) => depth = depth.saturating_sub(1),
                html5gum::Token::Doctype(d) => {
                    problems.push((d.span.start, Problem::Element("!DOCTYPE".into())))
                }
                html5gum::Token::Error(e) => match e.value {
                    html5gum::Error::EofInTag => {
                        let at = html[..e.span.start.min(html.len())].rfind('<').unwrap_or(0);
                        let tag: String = html[at..]
                            .chars()
                            .take_while(|c| !c.is_whitespace())
                            .take(20)
                            .collect();
                        problems.push((at, Problem::Unclosed(tag)));
                    }
                    html5gum::Error::EofInComment => {
                        let at = html.rfind("<!--").unwrap_or(0);
                        problems.push((at, Problem::Unclosed("<!--".into())));
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        problems.sort_by_key(|(at, _)| *at);
        problems
    }

    /// Cleans rendered HTML with the allow-list.
    pub fn sanitize(&self, html: &str) -> String {
        self.cleaner.clean(html).to_string()
    }
}

/// Elements that never hold others (so never add to the nesting depth).
const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// The attribute rules both layers apply (the iframe hosts are the site's).
struct Rules {
    iframe_hosts: Vec<String>,
}

impl Rules {
    fn check_tag(&self, tag: &html5gum::StartTag<usize>, problems: &mut Vec<(usize, Problem)>) {
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
            "id" if !id_allowed(value) => Some(Problem::Name("id".into(), shown(value))),
            "class" => value
                .split_ascii_whitespace()
                .find(|c| !class_allowed(c))
                .map(|c| Problem::Name("class".into(), shown(c))),
            "style" if !style_allowed(value) => Some(Problem::Style(tag.into(), shown(value))),
            "src" if tag == "iframe" && !host_allowed(value, &self.iframe_hosts) => {
                Some(Problem::IframeHost(shown(value)))
            }
            _ if URL_ATTRIBUTES.contains(&key) && !url_allowed(value) => {
                Some(Problem::Address(tag.into(), shown(value)))
            }
            _ => None,
        }
    }

    /// The sanitizer's side: the value to keep, or `None` to drop the attribute.
    fn keep<'v>(&self, tag: &str, key: &str, value: &'v str) -> Option<Cow<'v, str>> {
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
    name_allowed(id) && !RESERVED_IDS.contains(&id)
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

    fn problems(policy: &HtmlPolicy, html: &str) -> Vec<Problem> {
        policy.check(html).into_iter().map(|(_, p)| p).collect()
    }

    #[test]
    fn script_urls_are_recognised_in_any_disguise() {
        assert!(is_script_url("javascript:alert(1)"));
        assert!(is_script_url(" JaVa\tScript:alert(1)"));
        assert!(is_script_url("data:text/html,<script>"));
        assert!(is_script_url("vbscript:x"));
        assert!(!is_script_url("https://example.go.id/javascript:"));
        assert!(!is_script_url("/data:x"));
        assert!(!is_script_url("mailto:a@b.go.id"));
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

    #[test]
    fn forbidden_elements_handlers_and_addresses_are_problems() {
        let p = HtmlPolicy::default();
        assert_eq!(
            problems(&p, "<script>x</script>"),
            vec![Problem::Element("script".into())]
        );
        assert_eq!(
            problems(&p, "<META name=google-site-verification content=x>"),
            vec![Problem::Element("meta".into())]
        );
        assert_eq!(
            problems(&p, "<div onclick=\"x()\">"),
            vec![Problem::Handler("div".into(), "onclick".into())]
        );
        assert_eq!(
            problems(&p, "<a href=\"javascript:x\">"),
            vec![Problem::Address("a".into(), "javascript:x".into())]
        );
        assert_eq!(problems(&p, "<img src=a.png>"), vec![Problem::MissingAlt]);
        assert!(problems(
            &p,
            "<abbr title=\"Pejabat Pengelola Informasi\">PPID</abbr>"
        )
        .is_empty());
        assert!(problems(&p, "<img src=a.png alt=\"Peta\">").is_empty());
    }

    #[test]
    fn problems_carry_their_offset() {
        let p = HtmlPolicy::default();
        let html = "<p>é</p>\n<img alt=\"x\"\nonerror=\"x\">";
        let found = p.check(html);
        assert_eq!(found.len(), 1);
        assert_eq!(&html[found[0].0..found[0].0 + 7], "onerror");
    }

    #[test]
    fn iframes_only_from_allowed_hosts() {
        let none = HtmlPolicy::default();
        assert_eq!(
            problems(&none, "<iframe src=\"https://www.openstreetmap.org/x\">"),
            vec![Problem::Element("iframe".into())]
        );
        let maps = HtmlPolicy::new(&["www.openstreetmap.org".into()]);
        assert!(problems(
            &maps,
            "<iframe src=\"https://www.openstreetmap.org/export/embed.html\"></iframe>"
        )
        .is_empty());
        for bad in [
            "https://evil.example/",
            "http://www.openstreetmap.org/",
            "https://www.openstreetmap.org@evil.example/",
        ] {
            assert_eq!(
                problems(&maps, &format!("<iframe src=\"{bad}\">")).len(),
                1,
                "{bad}"
            );
        }
        let clean = maps.sanitize("<iframe src=\"https://evil.example/\"></iframe><iframe src=\"https://www.openstreetmap.org/e\"></iframe>");
        assert_eq!(clean.matches("src=").count(), 1, "{clean}");
    }

    #[test]
    fn sanitizer_and_check_agree_on_what_goes() {
        let p = HtmlPolicy::default();
        let html = "<p id=\"a\" style=\"position:fixed\">x</p><svg><a>y</a></svg><td style=\"text-align: right\">1</td><p class=\"kartu lewati\">z</p>";
        let out = p.sanitize(html);
        assert!(out.contains("id=\"a\""), "{out}");
        assert!(!out.contains("position"), "{out}");
        assert!(!out.contains("<svg"), "{out}");
        assert!(out.contains("class=\"kartu\""), "{out}");
        assert_eq!(
            problems(&p, html),
            vec![
                Problem::Attribute("p".into(), "style".into()),
                Problem::Element("svg".into()),
                Problem::Name("class".into(), "lewati".into()),
            ]
        );
    }
}
