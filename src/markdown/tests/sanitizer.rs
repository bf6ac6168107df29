//! The property that ties the two layers of raw HTML together: what the check lets
//! through, the sanitizer keeps as written, and what either lets through holds no
//! script, whatever an attacker writes.

use super::*;

/// The elements the property test writes: allowed ones and what an attacker tries.
const TAGS: &[&str] = &[
    "p",
    "a",
    "img",
    "div",
    "span",
    "script",
    "svg",
    "math",
    "iframe",
    "style",
    "td",
    "table",
    "b",
    "font",
    "details",
    "object",
    "textarea",
    "title",
    "noscript",
    "xmp",
    "select",
    "template",
    "abbr",
    "blockquote",
    "th",
    "ol",
    "time",
    "input",
    "button",
    "embed",
];

/// The attributes it gives them, with values benign and hostile.
const ATTRIBUTES: &[&str] = &[
    "href=\"javascript:alert(1)\"",
    "href=\"jav&#x61;script:x\"",
    "href=\"  JAVASCRIPT:x\"",
    "href=\"java\tscript:x\"",
    "href=\"java&#0;script:x\"",
    "href=\"https://a.go.id/\"",
    "href=\"/berkas.pdf\"",
    "href=\"#misi\"",
    "href=\"data:text/html,x\"",
    "href=\"vbscript:x\"",
    "href=\"ftp://x\"",
    "href=\"http://\"",
    "href=\"mailto:a@b.id\"",
    "href=\"tel:+62\"",
    "src=\"x.png\"",
    "src=\"https://www.openstreetmap.org/e\"",
    "src=\"https://evil.example/\"",
    "srcdoc=\"&lt;script&gt;x&lt;/script&gt;\"",
    "sandbox",
    "alt=\"a\"",
    "onerror=\"x()\"",
    "ONCLICK=x",
    "style=\"color:red\"",
    "style=\"text-align: right\"",
    "style=\"text-align:right;background:url(javascript:x)\"",
    "class=\"lewati\"",
    "class=\"kartu\"",
    "class=\"a b\"",
    "class=\"a<b\"",
    "id=\"konten\"",
    "id=\"x\"",
    "id=\"a b\"",
    "title=\"t\"",
    "tabindex=1",
    "autofocus",
    "formaction=x",
    "xlink:href=x",
    "width=10",
    "cite=\"javascript:x\"",
    "data-x=1",
    "scope=col",
    "datetime=2026-01-01",
    "lang=id",
];

/// Start tags and their attributes, as a browser's tokenizer reads them (the content of
/// `<iframe>`, `<textarea>`, ... is text).
fn start_tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut emitter = html5gum::DefaultEmitter::default();
    emitter.naively_switch_states(true);
    html5gum::Tokenizer::new_with_emitter(html, emitter)
        .flatten()
        .filter_map(|t| match t {
            html5gum::Token::StartTag(tag) => Some((
                String::from_utf8_lossy(&tag.name).into_owned(),
                tag.attributes
                    .iter()
                    .map(|(k, v)| {
                        let k = String::from_utf8_lossy(k).into_owned();
                        let v = String::from_utf8_lossy(&v.value).into_owned();
                        let v = if k == "style" {
                            v.replace(' ', "").trim_end_matches(';').to_string()
                        } else {
                            v
                        };
                        (k, v)
                    })
                    .collect(),
            )),
            _ => None,
        })
        .collect()
}

/// Whether every start tag of `input`, with all its attributes, is still in `output` (the
/// parser may add tags it implies, such as `<tbody>`, move misplaced ones out of a table,
/// and drop table cells outside a table: repairs, not removals of what was written).
fn kept(input: &str, output: &str) -> bool {
    const TABLE_PARTS: &[&str] = &[
        "td", "th", "tr", "tbody", "thead", "tfoot", "caption", "col", "colgroup",
    ];
    let mut out = start_tags(output);
    start_tags(input)
        .into_iter()
        .filter(|(tag, _)| !TABLE_PARTS.contains(&tag.as_str()))
        .all(|tag| {
            let found = out.iter().position(|o| *o == tag);
            found.map(|i| out.swap_remove(i)).is_some()
        })
}

#[test]
fn what_the_check_passes_the_sanitizer_keeps() {
    let policy = HtmlPolicy::new(&["www.openstreetmap.org".to_string()]);
    let seps = [" ", "\n", "\t", "\n  "];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let (mut passed, mut refused) = (0, 0);
    for _ in 0..3000 {
        let mut html = String::new();
        let mut open = Vec::new();
        for _ in 0..1 + next(3) {
            let tag = TAGS[next(TAGS.len())];
            html.push('<');
            html.push_str(tag);
            for _ in 0..next(4) {
                html.push_str(seps[next(seps.len())]);
                html.push_str(ATTRIBUTES[next(ATTRIBUTES.len())]);
            }
            html.push('>');
            html.push_str(["x", "", "<!-- c -->", "&amp;"][next(4)]);
            open.push(tag);
        }
        for tag in open.iter().rev() {
            html.push_str(&format!("</{tag}>"));
        }
        let errors: Vec<_> = policy
            .check(&html)
            .into_iter()
            .filter(|(_, p)| p.code_and_help().0 == Code::ContentHtmlUnsafe)
            .collect();
        let clean = policy.sanitize(&html);
        if errors.is_empty() {
            passed += 1;
            assert!(
                kept(&html, &clean),
                "the check passed but the sanitizer changed\n{html}\n{clean}"
            );
        } else {
            refused += 1;
        }
        for (tag, attrs) in start_tags(&clean) {
            assert!(
                !["script", "svg", "textarea", "embed", "object"].contains(&tag.as_str()),
                "{html}\n{clean}"
            );
            for (key, value) in attrs {
                assert!(!key.starts_with("on") && key != "srcdoc", "{html}\n{clean}");
                assert!(!crate::markdown::is_script_url(&value), "{html}\n{clean}");
            }
        }
    }
    assert!(
        passed > 100 && refused > 100,
        "{passed} passed, {refused} refused"
    );
}
