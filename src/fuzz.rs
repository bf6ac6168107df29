//! Bounded fuzzing of every parser of outside input, run with the unit tests (and so by
//! `scripts/test` under cargo-nextest, in CI): front matter (TOML and YAML), markdown
//! with raw HTML, `_site.toml`, `domains.toml` (and the zone and nginx configuration
//! written from what it accepts), the alias and label grammars, the manifests `verify`
//! reads and the spam scanner it runs on served pages. The WXR reader and converter and
//! the preview's request parser have theirs next to their private code
//! (`import::wordpress::fuzz`, `serve::http`), using [`run`].
//!
//! proptest, not cargo-fuzz: cargo-fuzz needs a nightly toolchain, which CI does not
//! have, and a separate build; proptest runs on stable inside the ordinary test binary,
//! shrinks what it finds to a small input, and generates arbitrary Unicode as well as
//! each grammar's own tokens. What it loses (coverage guidance) the grammar-aware
//! generators make up for in part.
//!
//! Each target runs for a time budget, not a number of cases, so that CI (2 cores)
//! spends a known time here: [`BUDGET`] per target, `LAMAN_FUZZ_SECONDS` to fuzz longer
//! by hand. In CI (`CI` set) the seed is fixed, so a failure there is reproducible.
//! Every case runs on a thread of its own with a deadline ([`CASE_LIMIT`]): a hang is a
//! failure naming its input, not a stuck suite. A case that allocates more than
//! [`ALLOC_LIMIT`] in total fails too (unbounded memory).
//!
//! Cases found here are kept as plain regression tests at the end of this file or in
//! the module they are about.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Debug;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long each target is fuzzed by default.
pub const BUDGET: Duration = Duration::from_secs(8);
/// How long one case may take (a debug build, on a busy machine) before it is a hang.
pub const CASE_LIMIT: Duration = Duration::from_secs(10);
/// How much one case may allocate in all, on its own thread.
pub const ALLOC_LIMIT: usize = 512 << 20;

/// The system allocator, counting what each thread allocates (for [`ALLOC_LIMIT`]).
pub struct Counting;

thread_local! {
    static ALLOCATED: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is passed on to the system allocator unchanged; the count is a
// thread-local `Cell` with a const initializer, which never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATED.try_with(|a| a.set(a.get().saturating_add(layout.size())));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATED.try_with(|a| a.set(a.get().saturating_add(new_size)));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn budget() -> Duration {
    std::env::var("LAMAN_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(BUDGET, Duration::from_secs)
}

/// Runs `check` on values of `strategy` for the time budget, each on its own thread
/// with a deadline and an allocation limit. A panic, a hang or too much memory fails
/// the test with the input, shrunk as far as proptest can in a minute.
pub fn run<S>(name: &str, strategy: S, check: impl Fn(S::Value) + Send + Sync + 'static)
where
    S: Strategy,
    S::Value: Clone + Debug + Send + 'static,
{
    let check = Arc::new(check);
    let config = Config {
        rng_seed: if std::env::var_os("CI").is_some() {
            RngSeed::Fixed(0x6675_7a7a)
        } else {
            RngSeed::Random
        },
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let started = Instant::now();
    let budget = budget();
    let mut cases = 0;
    while started.elapsed() < budget {
        let mut tree = strategy
            .new_tree(&mut runner)
            .unwrap_or_else(|e| panic!("fuzz {name}: no value: {e}"));
        cases += 1;
        let Err(why) = one_case(&check, tree.current()) else {
            continue;
        };
        // Shrink: simpler while it still fails, back when it no longer does.
        let mut minimal = (tree.current(), why);
        let shrinking = Instant::now();
        let mut more = tree.simplify();
        while more && shrinking.elapsed() < Duration::from_secs(60) {
            let value = tree.current();
            more = match one_case(&check, value.clone()) {
                Err(why) => {
                    minimal = (value, why);
                    tree.simplify()
                }
                Ok(()) => tree.complicate(),
            };
        }
        panic!(
            "fuzz {name}: {} after {cases} cases; minimal input:\n{:?}",
            minimal.1, minimal.0
        );
    }
    eprintln!("fuzz {name}: {cases} cases in {:.1?}", started.elapsed());
}

fn one_case<V, F>(check: &Arc<F>, value: V) -> Result<(), String>
where
    V: Send + 'static,
    F: Fn(V) + Send + Sync + 'static,
{
    let (tx, rx) = std::sync::mpsc::channel();
    let check = Arc::clone(check);
    std::thread::Builder::new()
        .name("fuzz case".into())
        .spawn(move || {
            ALLOCATED.with(|a| a.set(0));
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(value)));
            let allocated = ALLOCATED.with(Cell::get);
            let _ = tx.send((outcome.map_err(panic_text), allocated));
        })
        .map_err(|e| format!("no thread: {e}"))?;
    match rx.recv_timeout(CASE_LIMIT) {
        Err(_) => Err(format!("hang: no answer in {CASE_LIMIT:?}")),
        Ok((Err(panic), _)) => Err(format!("panic: {panic}")),
        Ok((Ok(()), allocated)) if allocated > ALLOC_LIMIT => {
            Err(format!("allocated {} MiB", allocated >> 20))
        }
        Ok(_) => Ok(()),
    }
}

fn panic_text(p: Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(not text)".into())
}

/// Any text: every Unicode scalar value, controls and new lines included.
pub fn any_text(max: usize) -> impl Strategy<Value = String> + Clone {
    proptest::collection::vec(any::<char>(), 0..max).prop_map(|v| v.into_iter().collect())
}

/// Text that touches the places byte offsets go wrong: characters of every UTF-8 width,
/// entities, quotes WordPress writes, and controls.
pub fn awkward() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        Just("é".to_string()),
        Just("“Warga”".to_string()),
        Just("&amp;".to_string()),
        Just("&#8220;".to_string()),
        Just("&".to_string()),
        Just(";".to_string()),
        Just("😀".to_string()),
        Just("\u{10FFFF}".to_string()),
        Just("\u{FEFF}".to_string()),
        Just("\u{0}".to_string()),
        Just("\r\n".to_string()),
        Just("\u{2028}".to_string()),
        Just("\u{202E}".to_string()),
        "[a-z]{1,8}",
    ]
}

/// Text made of `tokens` (a grammar's own), awkward pieces and any text, up to `max`
/// pieces; and now and then any text on its own.
pub fn grammar(
    tokens: &'static [&'static str],
    max: usize,
) -> impl Strategy<Value = String> + Clone {
    let piece = prop_oneof![
        4 => proptest::sample::select(tokens).prop_map(str::to_string),
        2 => awkward(),
        1 => any_text(6),
    ];
    prop_oneof![
        6 => proptest::collection::vec(piece, 0..max).prop_map(|v| v.concat()),
        1 => any_text(200),
    ]
}

/// Inserts `piece` into `text` at about `at` (a fraction of its length), on a char
/// boundary; with `cut`, drops what follows the piece instead of keeping it.
pub fn splice(text: &str, at: f64, piece: &str, cut: bool) -> String {
    let i = crate::text::floor(text, (text.len() as f64 * at) as usize);
    let tail = if cut { "" } else { &text[i..] };
    format!("{}{piece}{tail}", &text[..i])
}

/// A TOML basic string holding `text` exactly.
pub fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

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

const SITE_TOML: &[&str] = &[
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

const LABEL: &[&str] = &[
    "dinkes",
    "-",
    "--",
    "xn--",
    ".",
    "a",
    "1",
    "_",
    "www",
    "ns1",
    "mail",
    "portal",
    "*",
    "@",
    "ppid",
    "co",
    "xn--80ak6aa92e",
    "sukamajukab.go.id",
    "\u{0131}",
    "ß",
    "ǅ",
    "K",
];

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

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 5, 1)
}

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
                _ => Err(crate::site::Unresolved::Broken("no".into())),
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
            body: body.clone(),
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

/// The repository's own registry: a realistic base to change one thing in.
const REGISTRY: &str = include_str!("../domains.toml");

/// Every quoted value of [`REGISTRY`], in order (to replace the `n`th).
fn replace_nth_value(text: &str, n: usize, new: &str) -> String {
    let spans: Vec<(usize, usize)> = text
        .match_indices(" = \"")
        .filter_map(|(i, m)| {
            let from = i + m.len() - 1;
            text[from + 1..].find('"').map(|e| (from, from + 1 + e + 1))
        })
        .collect();
    match spans.get(n % spans.len().max(1)) {
        Some(&(from, to)) => format!("{}{new}{}", &text[..from], &text[to..]),
        None => text.to_string(),
    }
}

/// Parses a registry text; what parses is validated, and what has no error is written
/// into a zone and an nginx configuration.
fn registry_through(text: &str) {
    use crate::hosting::{nginx, zone};
    use crate::registry::Registry;
    let Ok(reg) = Registry::parse(text, Path::new("domains.toml")) else {
        return;
    };
    let findings = crate::registry::validate::validate(&reg, today(), &|_| true);
    if findings.iter().any(|f| f.is_error()) {
        return;
    }
    let _ = zone::zone(&reg, zone::derived_serial(&reg));
    let empty = std::collections::BTreeMap::new();
    let aliases = std::collections::BTreeMap::new();
    let options = nginx::Options {
        webroot: Path::new("/srv/laman"),
        cert: Path::new("/etc/ssl/a.pem"),
        key: Path::new("/etc/ssl/a.key"),
        http: nginx::Listen::Port(80),
        https: nginx::Listen::Port(443),
        frame_hosts: &empty,
        aliases: &aliases,
    };
    let _ = nginx::config(&reg, &options);
}

#[test]
fn domains_toml_with_one_hostile_change() {
    let strategy =
        prop_oneof![
            // One value replaced by any (well-quoted) text: the validator's work.
            (any::<usize>(), grammar(LABEL, 6)).prop_map(|(n, v)| replace_nth_value(
                REGISTRY,
                n,
                &toml_string(&v)
            )),
            // Anything spliced in somewhere, or the file cut there: the parser's work.
            (any::<f64>(), grammar(SITE_TOML, 6), any::<bool>())
                .prop_map(|(at, piece, cut)| splice(REGISTRY, at.abs().fract(), &piece, cut)),
            grammar(SITE_TOML, 40),
        ];
    run("domains.toml", strategy, |text| registry_through(&text));
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

#[test]
fn label_and_host_grammars() {
    use crate::registry::grammar;
    use crate::registry::hostname::{hostname_problem, label_problem, normalize_host};
    run("label", grammar(LABEL, 8), |text| {
        let _ = label_problem(&text, "sukamajukab.go.id");
        let _ = hostname_problem(&text);
        let _ = normalize_host(&text);
        let _ = grammar::text_problem(&text, 80);
        let _ = grammar::decree_problem(&text);
        let _ = grammar::email_problem(&text);
        let _ = grammar::host_problem(&text);
        let _ = crate::text::printable(&text);
        let _ = crate::content::slugify(&text);
    });
}

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

// Regression tests: the cases fuzzing found, each with what it was, are below.

/// Text that expands: YAML anchors referring to anchors, nine levels of nine
/// (a "billion laughs"), and TOML's deepest nesting. Each must end quickly in bounded
/// memory, parsed or refused.
#[test]
fn nesting_and_expansion_are_bounded() {
    let mut yaml = String::from("---\na0: &a0 [\"lol\"]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        yaml.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    yaml.push_str("title: *a9\n---\nbody\n");
    let toml = format!(
        "+++\ntitle = {}1{}\n+++\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let yaml_deep = format!("---\ntitle: {}\n---\n", "[".repeat(5000));
    for text in [yaml, toml, yaml_deep] {
        let check = Arc::new(|t: String| {
            let _ = crate::content::parse_front_matter(&t);
        });
        if let Err(why) = one_case(&check, text.clone()) {
            panic!("{why}: {}", crate::text::prefix(&text, 200));
        }
    }
    // The same nesting in `_site.toml` and `domains.toml`.
    for text in [
        format!("title = {}1{}\n", "[".repeat(5000), "]".repeat(5000)),
        format!("x = {}\n", "{a = ".repeat(5000)),
        format!(
            "{REGISTRY}\n[extra]\nx = {}1{}\n",
            "[".repeat(5000),
            "]".repeat(5000)
        ),
    ] {
        let check = Arc::new(|t: String| {
            let _ = crate::content::SiteConfig::parse(&t, Path::new("_site.toml"));
            registry_through(&t);
        });
        if let Err(why) = one_case(&check, text.clone()) {
            panic!("{why}: {}", crate::text::prefix(&text, 200));
        }
    }
}
