//! Fuzzing of what `laman verify` reads from the servers: the manifests, and the served
//! pages its spam scanner runs on.

use super::{grammar, run, splice};
use proptest::prelude::*;
use std::sync::Arc;

const JSON: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "\"",
    "\"version\"",
    "1",
    "2",
    "\"site\"",
    "\"digest\"",
    "\"files\"",
    "\"path\"",
    "\"sha256\"",
    "\"size\"",
    "\"regency\"",
    "\"sites\"",
    "null",
    "true",
    "-1",
    "1e400",
    "18446744073709551616",
    "\"../x\"",
    "\"/etc/passwd\"",
    "\"a/./b\"",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"sha256:\"",
    "\"index.html\"",
];

const HTML: &[&str] = &[
    "<",
    ">",
    "</",
    "<!--",
    "-->",
    "<!doctype html>",
    "<html>",
    "<body>",
    "<main>",
    "</main>",
    "<p>",
    "</p>",
    "<a href=\"https://slot88.example/\">",
    "</a>",
    "<div style=\"",
    "display:none",
    "position:absolute;left:-9999px",
    "font-size:0",
    "\">",
    "hidden",
    "aria-hidden=\"true\"",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<title>",
    "</title>",
    "<meta http-equiv=\"refresh\" content=\"0; url=https://x.example\">",
    "&amp;",
    "&nbsp;",
    "&#x41;",
    "&bogus;",
    "slot gacor",
    "judi online",
    "s-l-o-t",
    "'",
    "\"",
    "=",
    "<textarea>",
    "<noscript>",
    "/*",
    "*/",
    "url(",
    "//evil.example",
];

/// A manifest as laman writes it, for one site with two files.
fn good_manifest() -> String {
    use crate::integrity::manifest::{Entry, RegencyManifest, SiteManifest};
    let site = SiteManifest::new(
        "dinkes.sukamajukab.go.id",
        vec![
            Entry::of("index.html".into(), b"<p>a</p>"),
            Entry::of("berita/index.html".into(), b"<p>b</p>"),
        ],
    );
    let regency = RegencyManifest {
        version: site.version,
        regency: "sukamajukab.go.id".into(),
        sites: vec![site],
    };
    String::from_utf8(regency.to_bytes()).unwrap()
}

#[test]
fn manifests_verify_reads() {
    use crate::integrity::manifest::{RegencyManifest, SiteManifest};
    let base = good_manifest();
    let strategy =
        prop_oneof![
            (any::<usize>(), grammar(JSON, 4)).prop_map(move |(n, v)| {
                let quoted = serde_json::Value::String(v).to_string();
                let base = good_manifest();
                let spans: Vec<usize> = base.match_indices('"').map(|(i, _)| i).collect();
                let k = (n % (spans.len() / 2)) * 2;
                format!("{}{quoted}{}", &base[..spans[k]], &base[spans[k + 1] + 1..])
            }),
            (any::<f64>(), grammar(JSON, 6), any::<bool>())
                .prop_map(move |(at, piece, cut)| splice(&base, at.abs().fract(), &piece, cut)),
            grammar(JSON, 60),
        ];
    run("manifest", strategy, |text| {
        if let Ok(m) = RegencyManifest::parse(text.as_bytes()) {
            for site in &m.sites {
                for f in &site.files {
                    assert!(
                        !f.path.starts_with('/') && !f.path.split('/').any(|s| s == ".."),
                        "{f:?}"
                    );
                }
            }
            assert_eq!(RegencyManifest::parse(&m.to_bytes()).as_ref(), Ok(&m));
        }
        if let Ok(m) = SiteManifest::parse(text.as_bytes()) {
            assert_eq!(SiteManifest::parse(&m.to_bytes()).as_ref(), Ok(&m));
        }
    });
}

#[test]
fn spam_scanner_on_any_served_page() {
    let guard = Arc::new(crate::integrity::spam::SpamGuard::new(
        &["slot gacor".to_string()],
        &[],
        "sukamajukab.go.id",
    ));
    run("spam scanner", grammar(HTML, 60), move |page| {
        let hits = guard.scan_html(&page);
        for hit in &hits {
            assert!(page.is_char_boundary(hit.offset.min(page.len())), "{hit:?}");
        }
        let _ = guard.scan_text(&page);
    });
}
