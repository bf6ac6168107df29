//! Fuzzing of the content a site is written in: front matter (TOML and YAML), markdown
//! with raw HTML, `_site.toml` and the alias grammar.

use super::{grammar, run, splice, toml_string};
use proptest::prelude::*;
use std::path::Path;

const FRONT_MATTER: &[&str] = &[
    "+++\n",
    "---\n",
    "+++",
    "---",
    "\n",
    "title = ",
    "title: ",
    "date = 2024-05-01\n",
    "date: 2024-05-01T08:00:00+07:00\n",
    "date = ",
    "draft = true\n",
    "weight = -1\n",
    "aliases = [\"/lama/\", \"/?p=1\"]\n",
    "aliases:\n  - /a/\n",
    "tags = [",
    "]",
    "[",
    "{",
    "}",
    "\"",
    "'",
    "'''",
    "\"\"\"",
    "\\",
    "\\u{0}",
    "# ",
    "[extra]\n",
    "[[x]]\n",
    "x = 1\n",
    "&a ",
    "*a ",
    "<<: *a\n",
    "- ",
    ": ",
    "? ",
    "|\n",
    ">\n",
    "!!binary ",
    "!!str ",
    "~",
    "layanan:\n",
    "persyaratan = ",
    "biaya = \"Rp 10.000\"\n",
    "waktu = \"3 hari kerja\"\n",
    "summary = ",
    "template = ",
    "sort_by = \"date\"\n",
    "1e999",
    "-0",
    "nan",
    "inf",
    "2024-02-30",
    "9999-99-99",
    "  ",
    "\t",
];

const MARKDOWN: &[&str] = &[
    "# ",
    "## ",
    "\n",
    "\n\n",
    "> ",
    "- ",
    "1. ",
    "* ",
    "```",
    "~~~",
    "    ",
    "|",
    "|---|",
    "[",
    "]",
    "(",
    ")",
    "![",
    "](@/",
    "@portal/",
    "#",
    "{#id}",
    "[^1]",
    "[^1]: ",
    "*",
    "_",
    "~~",
    "`",
    "<",
    ">",
    "</",
    "<div>",
    "</div>",
    "<script>",
    "<img src=x onerror=a>",
    "<a href=\"javascript:a\">",
    "<iframe src=\"https://www.youtube.com/embed/x\">",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<style>",
    "<svg><math>",
    "&lt;",
    "&#x0;",
    "&#99999999;",
    "<details>",
    "<table><tr><td>",
    "\\",
    "<br/>",
    "<p style=\"display:none\">",
    "https://slot88.example/",
    "- [ ] ",
    "\"",
    "'",
];

pub(super) const SITE_TOML: &[&str] = &[
    "title = ",
    "description = ",
    "language = \"id\"\n",
    "[links]\n",
    "ppid = ",
    "pengaduan = ",
    "[services]\n",
    "maklumat = ",
    "catalogue = ",
    "[html]\n",
    "iframe_hosts = [",
    "]",
    "[",
    "\"",
    "'",
    "\n",
    "=",
    "{",
    "}",
    ",",
    "@/ppid.md",
    "@portal/",
    "https://",
    "www.youtube.com",
    "[contact]\n",
    "email = ",
    "phone = ",
    "address = ",
    "[menu]\n",
    "[[menu.item]]\n",
    "news_section = ",
    "\"berita\"",
    "1",
    "true",
    "#",
];

const ALIAS: &[&str] = &[
    "/",
    "//",
    "?",
    "=",
    "&",
    "#",
    "%",
    "%2F",
    "%2e",
    "%00",
    "%ff",
    "%C3%A9",
    ".",
    "..",
    "p",
    "page_id",
    "123",
    "index.php",
    "a",
    "-",
    "_",
    "~",
    "+",
    ";",
    ":",
    "@",
    "!",
    "$",
    "'",
    "*",
    ",",
    "default",
    "include",
    "hostnames",
    "volatile",
    "\\",
];

#[test]
fn front_matter_of_any_text() {
    run("front matter", grammar(FRONT_MATTER, 40), |text| {
        let _ = crate::content::parse_front_matter(&text);
    });
}

#[test]
fn markdown_with_raw_html() {
    use crate::markdown::{render, Env, HtmlPolicy};
    let strategy = (grammar(MARKDOWN, 60), any::<bool>());
    run("markdown", strategy, |(body, iframes)| {
        let hosts = if iframes {
            vec!["www.youtube.com".to_string()]
        } else {
            vec![]
        };
        let policy = HtmlPolicy::new(&hosts);
        let resolve = |link: &str| -> Result<String, crate::site::Unresolved> {
            match link {
                "@/" => Ok("https://dinkes.k.go.id/".into()),
                _ => Err(crate::site::Unresolved::Broken("no".into(), None)),
            }
        };
        let env = Env {
            site: "dinkes",
            resolve: &resolve,
            policy: &policy,
        };
        let doc = crate::content::Doc {
            file: "content/dinkes/a.md".into(),
            rel: "a.md".into(),
            body: body.as_str().into(),
            body_line: 4,
            ..Default::default()
        };
        let mut findings = Vec::new();
        let rendered = render(&doc, &env, &mut findings);
        // What comes out is clean: no script the sanitizer let through (the content of
        // an iframe is raw text to a browser, never markup).
        let html = rendered.html.to_ascii_lowercase();
        let mut outside_iframes = String::new();
        let mut rest = html.as_str();
        while let Some(open) = rest.find("<iframe") {
            outside_iframes.push_str(&rest[..open]);
            rest = rest[open..]
                .split_once("</iframe")
                .map_or("", |(_, after)| after);
        }
        outside_iframes.push_str(rest);
        assert!(!outside_iframes.contains("<script"), "{html}");
    });
}

#[test]
fn site_toml_of_any_text() {
    let text = (
        grammar(SITE_TOML, 40),
        grammar(SITE_TOML, 8),
        any::<f64>(),
        any::<bool>(),
    );
    run("_site.toml", text, |(raw, value, at, cut)| {
        let _ = crate::content::SiteConfig::parse(&raw, Path::new("_site.toml"));
        // A real file with one value replaced or spliced in.
        let base = "title = \"Dinas Kesehatan\"\n[links]\nppid = \"@portal/ppid/_index.md\"\n";
        let quoted = base.replace("\"Dinas Kesehatan\"", &toml_string(&value));
        let _ = crate::content::SiteConfig::parse(&quoted, Path::new("_site.toml"));
        let spliced = splice(base, at.abs().fract(), &value, cut);
        let _ = crate::content::SiteConfig::parse(&spliced, Path::new("_site.toml"));
    });
}

#[test]
fn alias_grammar() {
    run("alias", grammar(ALIAS, 16), |text| {
        if let Ok(alias) = crate::content::alias::Alias::parse(&text) {
            assert!(alias.path.starts_with('/'), "{alias:?}");
            assert!(!alias.path.split('/').any(|s| s == ".."), "{alias:?}");
            let _ = (alias.file(), alias.address());
        }
    });
}
