//! The gambling-spam guard in a build, through the real binary on the `contoh` fixture:
//! terms and hidden text block a site, external links warn, the registry extends and
//! allows, a template cannot smuggle spam, and a reviewed article passes and is reported.

use crate::common;
use common::*;
use serde_json::Value;
use std::path::Path;
use std::process::Output;

const DINKES: &str = "public/dinkes.contohkab.go.id";
const DISDIK: &str = "public/disdik.contohkab.go.id";

/// `laman build --format json ARGS...` on `root`, bounded in time.
fn build(root: &Path, args: &[&str]) -> Output {
    let out = std::process::Command::new("timeout")
        .arg("120")
        .arg(env!("CARGO_BIN_EXE_laman"))
        .args(["build", "--format", "json"])
        .args(args)
        .arg("--root")
        .arg(root)
        .env_remove("CI")
        .output_in_time();
    assert_ne!(out.status.code(), Some(124), "the build timed out");
    out
}

fn with_code<'a>(found: &'a [Value], code: &str) -> Vec<&'a Value> {
    found.iter().filter(|f| f["code"] == code).collect()
}

fn page(root: &Path, rel: &str, text: &str) {
    write(root.join("content").join(rel), text);
}

fn integrity(root: &Path, table: &str) {
    let path = root.join("domains.toml");
    let text = read(&path);
    write(&path, &format!("{text}\n[integrity]\n{table}\n"));
}

const PROMO: &str =
    "+++\ntitle = \"Info terbaru\"\n+++\n\nJadwal posyandu.\n\nAyo main S L O T gacor di sini.\n";

#[test]
fn a_page_with_a_gambling_term_is_an_error_and_its_site_is_not_published() {
    let root = fixture("contoh");
    page(root.path(), "dinkes/berita/promo.md", PROMO);
    let out = build(root.path(), &["--keep-going"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let found = findings(&out);
    // Once, at the markdown line: not again for the lists and feeds that show the page.
    let spam = with_code(&found, "content.spam");
    assert_eq!(spam.len(), 1, "{spam:#?}");
    assert_eq!(spam[0]["severity"], "error");
    assert_eq!(spam[0]["file"], "content/dinkes/berita/promo.md");
    assert_eq!(spam[0]["line"], 7);
    assert_eq!(spam[0]["site"], "dinkes");
    assert!(spam[0]["message"]
        .as_str()
        .unwrap()
        .contains("`slot gacor`"));
    assert!(!root.path().join(DINKES).exists());
    assert!(root.path().join(DISDIK).join("index.html").exists());
}

#[test]
fn an_obfuscated_term_in_the_title_is_found_too() {
    let root = fixture("contoh");
    page(
        root.path(),
        "dinkes/berita/judul.md",
        "---\ntitle: \"Ｔｏｇｅｌ hari ini\"\n---\nIsi biasa.\n",
    );
    let out = build(root.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let found = findings(&out);
    let spam = with_code(&found, "content.spam");
    assert_eq!((spam.len(), &spam[0]["line"]), (1, &Value::from(2)));
    assert!(!root.path().join("public").exists());
}

#[test]
fn a_link_outside_the_allow_list_is_a_warning() {
    let root = fixture("contoh");
    page(
        root.path(),
        "dinkes/berita/tautan.md",
        "+++\ntitle = \"Tautan\"\n+++\n\nLihat [data](https://bps.go.id/) dan [mitra](https://mitra.example.org/a).\n",
    );
    let out = build(root.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let found = findings(&out);
    let links = with_code(&found, "content.link.external");
    assert_eq!(links.len(), 1, "{links:#?}");
    assert_eq!(links[0]["severity"], "warning");
    assert_eq!(links[0]["file"], "content/dinkes/berita/tautan.md");
    assert_eq!(links[0]["line"], 5);
    assert!(links[0]["message"]
        .as_str()
        .unwrap()
        .contains("`mitra.example.org`"));
    assert!(root
        .path()
        .join(DINKES)
        .join("berita/tautan/index.html")
        .exists());
}

#[test]
fn link_hosts_in_the_registry_allow_a_host() {
    let root = fixture("contoh");
    integrity(root.path(), "link_hosts = [\"*.example.org\"]");
    page(
        root.path(),
        "dinkes/berita/tautan.md",
        "+++\ntitle = \"Tautan\"\n+++\n\n<https://mitra.example.org/a>\n",
    );
    let out = build(root.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(with_code(&findings(&out), "content.link.external").is_empty());
}

#[test]
fn spam_terms_in_the_registry_extend_the_list() {
    let root = fixture("contoh");
    integrity(root.path(), "spam_terms = [\"kasino contoh\"]");
    page(
        root.path(),
        "dinkes/berita/kasino.md",
        "+++\ntitle = \"Kabar\"\n+++\n\nMain di Kasino-Contoh.\n",
    );
    let out = build(root.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let found = findings(&out);
    let spam = with_code(&found, "content.spam");
    assert_eq!(spam.len(), 1, "{spam:#?}");
    assert!(spam[0]["message"]
        .as_str()
        .unwrap()
        .contains("`kasino contoh`"));
}

#[test]
fn a_template_override_cannot_smuggle_a_term() {
    let root = fixture("contoh");
    allow_custom_code(root.path(), "disdik");
    write(
        root.path().join("content/disdik/_templates/page.html"),
        "{% extends \"base.html\" %}\n{% block content %}{{ page.content | safe }}\n<p>{{ \"ma\" ~ \"xw\" ~ \"in\" | upper }}</p>{% endblock content %}\n",
    );
    let out = build(root.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let found = findings(&out);
    let spam = with_code(&found, "content.spam");
    assert_eq!(spam.len(), 1, "{spam:#?}");
    let message = spam[0]["message"].as_str().unwrap();
    assert!(message.contains("`maxwin`"), "{message}");
    assert!(message.contains("template `page.html`"), "{message}");
    assert_eq!(spam[0]["file"], "content/disdik/_templates/page.html");
    assert_eq!(spam[0]["site"], "disdik");
    assert!(!root.path().join("public").exists());
}

#[test]
fn text_hidden_by_a_template_is_an_error_at_its_line() {
    let root = fixture("contoh");
    allow_custom_code(root.path(), "disdik");
    write(
        root.path().join("content/disdik/_templates/page.html"),
        "{% extends \"base.html\" %}\n{% block content %}{{ page.content | safe }}\n<div style=\"position: absolute; left: -9999px\"><a href=\"/berita/\">berita</a></div>{% endblock content %}\n",
    );
    let out = build(root.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let found = findings(&out);
    let spam = with_code(&found, "content.spam");
    assert_eq!(spam.len(), 1, "{spam:#?}");
    assert!(spam[0]["message"]
        .as_str()
        .unwrap()
        .contains("`left:-9999px`"));
    assert_eq!(spam[0]["file"], "content/disdik/_templates/page.html");
    assert_eq!(spam[0]["line"], 3);
}

const ARTICLE: &str = "+++\ntitle = \"Pemkab perangi judi online\"\n[tinjauan_spam]\noleh = \"Siti Aminah, Diskominfo\"\ntanggal = 2026-11-20\nalasan = \"Berita penindakan\"\n+++\n\nBupati meminta warga melaporkan situs judi online dan togel.\n";

#[test]
fn an_acknowledged_article_passes_and_is_reported() {
    let root = fixture("contoh");
    page(root.path(), "dinkes/berita/perangi-judol.md", ARTICLE);
    let out = build(root.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let found = findings(&out);
    assert!(with_code(&found, "content.spam").is_empty());
    let ack = with_code(&found, "content.spam.acknowledged");
    assert_eq!(ack.len(), 1, "{ack:#?}");
    assert_eq!(ack[0]["severity"], "warning");
    assert_eq!(ack[0]["line"], 3);
    let message = ack[0]["message"].as_str().unwrap();
    for part in [
        "Siti Aminah, Diskominfo",
        "2026-11-20",
        "`judi online`",
        "`situs judi`",
        "`togel`",
    ] {
        assert!(message.contains(part), "{part}: {message}");
    }
    assert!(root
        .path()
        .join(DINKES)
        .join("berita/perangi-judol/index.html")
        .exists());
}

#[test]
fn an_acknowledgment_in_yaml_reads_the_same() {
    let root = fixture("contoh");
    page(
        root.path(),
        "dinkes/berita/togel.md",
        "---\ntitle: Razia togel\ntinjauan_spam:\n  oleh: Budi\n  tanggal: 2026-11-21\n---\nRazia togel di pasar.\n",
    );
    let out = build(root.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(
        with_code(&findings(&out), "content.spam.acknowledged").len(),
        1
    );
}

#[test]
fn an_acknowledgment_without_reviewer_or_date_is_a_front_matter_error() {
    for review in [
        "[tinjauan_spam]\ntanggal = 2026-11-20\n",
        "[tinjauan_spam]\noleh = \"Siti\"\n",
        "[tinjauan_spam]\noleh = \" \"\ntanggal = 2026-11-20\n",
        "[tinjauan_spam]\noleh = \"Siti\"\ntanggal = \"kemarin\"\n",
    ] {
        let root = fixture("contoh");
        page(
            root.path(),
            "dinkes/berita/perangi-judol.md",
            &format!("+++\ntitle = \"Judi online\"\n{review}+++\nIsi.\n"),
        );
        let out = build(root.path(), &[]);
        assert_eq!(out.status.code(), Some(1), "{review}");
        let found = findings(&out);
        let field = with_code(&found, "content.frontmatter.field");
        assert_eq!(field.len(), 1, "{review}: {found:#?}");
        assert_eq!(field[0]["line"], 3, "{review}");
    }
}

#[test]
fn the_theme_read_as_a_regency_override_carries_no_spam_or_hidden_text() {
    // A regency copy of the theme is not laman's own: every page is then scanned.
    let root = fixture("contoh");
    let base = read(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/pemda/templates/base.html"));
    write(
        root.path().join("themes/pemda/templates/base.html"),
        &format!("{base}\n{{# salinan kabupaten #}}\n"),
    );
    let out = build(root.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let found = findings(&out);
    for code in ["content.spam", "content.link.external"] {
        assert!(with_code(&found, code).is_empty(), "{found:#?}");
    }
}

#[test]
fn a_term_in_the_site_settings_is_an_error() {
    let root = fixture("contoh");
    let path = root.path().join("content/dinkes/_site.toml");
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    write(&path, &format!("tagline = \"Situs slot88 resmi\"\n{old}"));
    let out = build(root.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let found = findings(&out);
    let spam = with_code(&found, "content.spam");
    assert_eq!(spam.len(), 1, "{spam:#?}");
    assert_eq!(spam[0]["file"], "content/dinkes/_site.toml");
}
