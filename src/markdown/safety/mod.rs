//! Raw HTML in content: one allow-list, read by two layers.
//!
//! [`HtmlPolicy::check`] reports everything the allow-list does not admit as a finding
//! with its place, so a defacement, an injected spam link or a script fails the build
//! instead of being quietly cleaned. [`HtmlPolicy::sanitize`] then cleans every rendered
//! page with the same allow-list (ammonia), as a second line for whatever slips past the
//! first. Both layers read the lists of [`allowlist`] through the rules of [`rules`]
//! (`Rules::attribute_problem`); neither keeps a list of its own.
//!
//! Not reported, because nothing of the page is lost or changed in meaning: comments
//! (removed from the output, so editors may keep notes in them) and the sanitizer's
//! re-serialising (quotes, entities, closing tags it adds).
//!
//! This file is the policy: it builds both layers for a site and walks raw HTML for the
//! checker; [`problem`] words what is found. It must not render markdown or place a
//! finding in a file (the caller knows the page and the line).

mod allowlist;
mod problem;
mod rules;
mod script;

pub use allowlist::{is_theme_id, name_rule, RESERVED_IDS, RESERVED_ID_PREFIXES};
pub use problem::Problem;
pub use rules::{class_allowed, id_allowed, url_allowed};
pub use script::is_script_url;

use allowlist::{
    GENERIC_ATTRIBUTES, IFRAME_ATTRIBUTES, REMOVED_WITH_CONTENT, STYLE_PROPERTY, TAGS,
    TAG_ATTRIBUTES, URL_SCHEMES, VOID_ELEMENTS,
};
use rules::Rules;
use std::collections::{HashMap, HashSet};

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
                        let end = crate::text::floor(html, e.span.start);
                        let at = html[..end].rfind('<').unwrap_or(0);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(policy: &HtmlPolicy, html: &str) -> Vec<Problem> {
        policy.check(html).into_iter().map(|(_, p)| p).collect()
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
