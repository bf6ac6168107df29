//! Pinned output: what laman writes for the Dinas and for machines, compared byte for byte
//! with the snapshots in `tests/it/snapshots/` (insta). A change of the zone, the nginx
//! configuration, a listing, a finding's text or JSON, or a rendered page fails here
//! until its new snapshot is reviewed and committed:
//! `INSTA_UPDATE=always cargo test --test it -- snapshots::`, then `git diff tests/it/snapshots/`.
//!
//! The fixture has no date that today's date could make a finding of, so the snapshots
//! hold on any day.

use crate::common;
use common::*;
use std::path::Path;

/// A JSON document laid out one field a line, so that a snapshot's diff shows the field.
fn pretty(json: &str) -> String {
    let value: serde_json::Value =
        serde_json::from_str(json).unwrap_or_else(|e| panic!("not JSON ({e}): {json}"));
    serde_json::to_string_pretty(&value).unwrap()
}

/// stdout of a run that must succeed.
fn ok(root: &Path, args: &[&str]) -> String {
    let out = laman(root, args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

#[test]
fn zone() {
    let root = fixture("contoh");
    insta::assert_snapshot!("zone", ok(root.path(), &["domains", "zone"]));
}

#[test]
fn nginx() {
    let root = fixture("contoh");
    let config = ok(
        root.path(),
        &[
            "domains",
            "nginx",
            "--webroot",
            "/srv/laman/public",
            "--cert",
            "/etc/ssl/laman/contoh.crt",
            "--key",
            "/etc/ssl/laman/contoh.key",
        ],
    );
    insta::assert_snapshot!("nginx", config);
}

#[test]
fn domains_check_json() {
    let root = fixture("contoh");
    insta::assert_snapshot!(
        "check_json",
        pretty(&ok(root.path(), &["domains", "check", "--format", "json"]))
    );
}

#[test]
fn domains_list() {
    let root = fixture("contoh");
    insta::assert_snapshot!("list_text", ok(root.path(), &["domains", "list"]));
    insta::assert_snapshot!(
        "list_json",
        pretty(&ok(root.path(), &["domains", "list", "--format", "json"]))
    );
}

/// The fixture with one mistake of each common kind, in several files.
fn broken() -> tempfile::TempDir {
    let root = fixture("contoh");
    let r = root.path();
    write(
        r.join("content/dinkes/berita/kabar-1.md"),
        "+++\ntitle = \"Kabar\ndate = 2026-01-01\n+++\nIsi\n",
    );
    write(
        r.join("content/dinkes/berita/kabar-2.md"),
        "+++\ntitle = \"Kabar dua\"\ntittle = \"salah\"\n+++\nIsi\n",
    );
    write(
        r.join("content/disdik/_index.md"),
        "+++\ntitle = \"Disdik\"\n+++\n[Visi](@/profil/visi-misii.md)\n\n<script>alert(1)</script>\n\n![](gambar.png)\n",
    );
    write(
        r.join("content/dinsoss/_index.md"),
        "+++\ntitle = \"x\"\n+++\n",
    );
    root
}

#[test]
fn findings_in_text_and_json() {
    let root = broken();
    let text = laman(root.path(), &["check"]);
    assert_eq!(text.status.code(), Some(1));
    insta::assert_snapshot!("findings_text", stderr(&text));
    let json = laman(root.path(), &["check", "--format", "json"]);
    assert_eq!(json.status.code(), Some(1));
    insta::assert_snapshot!("findings_json", pretty(&stdout(&json)));
}

#[test]
fn one_rendered_page_of_each_template() {
    let root = fixture("contoh");
    let out = laman(root.path(), &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let public = root.path().join("public");
    for (name, file) in [
        ("portal_html", "contohkab.go.id/index.html"),
        ("direktori_html", "contohkab.go.id/direktori/index.html"),
        ("index_html", "dinkes.contohkab.go.id/index.html"),
        ("section_html", "dinkes.contohkab.go.id/berita/index.html"),
        (
            "page_html",
            "dinkes.contohkab.go.id/profil/visi-misi/index.html",
        ),
        ("404_html", "dinkes.contohkab.go.id/404.html"),
        ("atom_xml", "dinkes.contohkab.go.id/atom.xml"),
        ("sitemap_xml", "dinkes.contohkab.go.id/sitemap.xml"),
        ("robots_txt", "dinkes.contohkab.go.id/robots.txt"),
    ] {
        // Minified pages are one long line: one element a line makes a readable diff.
        let page = read(public.join(file)).replace("><", ">\n<");
        insta::assert_snapshot!(name, page);
    }
}

#[test]
fn service_catalogue_and_public_information() {
    let root = fixture("layanan");
    let out = laman(root.path(), &["build", "--as-of", "2026-11-26"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let public = root.path().join("public");
    for (name, file) in [
        ("layanan_json", "contohkab.go.id/layanan.json"),
        ("layanan_csv", "contohkab.go.id/layanan.csv"),
        (
            "informasi_publik_json",
            "contohkab.go.id/informasi-publik.json",
        ),
        ("katalog_html", "contohkab.go.id/layanan/index.html"),
        ("dip_kabupaten_html", "contohkab.go.id/ppid/index.html"),
        (
            "layanan_html",
            "dinkes.contohkab.go.id/layanan/izin-praktik/index.html",
        ),
        ("dip_situs_html", "dinkes.contohkab.go.id/ppid/index.html"),
    ] {
        let page = read(public.join(file));
        let page = if file.ends_with(".html") {
            page.replace("><", ">\n<")
        } else {
            page
        };
        insta::assert_snapshot!(name, page);
    }
}
