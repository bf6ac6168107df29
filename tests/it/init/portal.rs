//! The portal of a fresh regency leads citizens to what the law makes it publish: the
//! service catalogue and the PPID page, from the menu and the home page, as soon as
//! they exist; and the home page lists the services most recently updated.

use super::init;
use crate::common::*;
use std::path::Path;

/// The portal's home page as built.
fn home(repo: &Path) -> String {
    read(repo.join("public/sukamajukab.go.id/index.html"))
}

/// The main menu of a built page.
fn main_menu(html: &str) -> &str {
    let start = html.find("aria-label=\"Menu utama\"").expect("a main menu");
    let end = start + html[start..].find("</nav>").unwrap();
    &html[start..end]
}

fn links_to(html: &str, url: &str) -> bool {
    html.contains(&format!("href=\"{url}\"")) || html.contains(&format!("href={url}>"))
}

const CATALOGUE: &str = "https://sukamajukab.go.id/layanan/";
const PPID: &str = "https://sukamajukab.go.id/ppid/";
const SERVICE: &str = "https://dinkes.sukamajukab.go.id/layanan/ambulans/";

/// A complete service standard (so the build publishes it) with a name to escape.
const AMBULANS: &str = r#"+++
title = "Ambulans <Gawat> & Darurat"
updated = 2030-01-18

[layanan]
topik = "kesehatan"
persyaratan = ["Menelepon 119"]
prosedur = ["Operator menerima panggilan", "Ambulans berangkat"]
waktu = "10 menit"
biaya = "Gratis"
produk = "Transportasi gawat darurat"
pengaduan = ["Telepon 119"]
+++
Layanan ambulans gawat darurat.
"#;

/// dinkes requested, given its starter pages, approved, plus one service.
fn add_dinkes_with_a_service(repo: &Path) {
    let steps: [&[&str]; 3] = [
        &[
            "domains",
            "request",
            "dinkes",
            "--owner",
            "Dinas Kesehatan",
            "--contact",
            "dinkes@sukamajukab.go.id",
            "--date",
            "2030-01-10",
        ],
        &["new", "site", "dinkes"],
        &[
            "domains",
            "approve",
            "dinkes",
            "--decree",
            "555/001/KPTS/2030",
            "--date",
            "2030-01-15",
            "--a",
            "192.0.2.11",
        ],
    ];
    for args in steps {
        let args: Vec<&str> = ["--as-of", "2030-01-20"]
            .iter()
            .chain(args)
            .copied()
            .collect();
        let out = laman(repo, &args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    }
    write(repo.join("content/dinkes/layanan/ambulans.md"), AMBULANS);
}

fn build(repo: &Path) {
    let out = laman(repo, &["--as-of", "2030-01-20", "build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_fresh_portal_leads_to_the_catalogue_and_ppid_once_they_exist() {
    let (_tmp, repo, out) = init("sukamajukab.go.id");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    build(&repo);
    // Nothing yet: no service, and the starter PPID page is a draft.
    let before = home(&repo);
    assert!(
        !before.contains(CATALOGUE),
        "no catalogue without a service"
    );
    assert!(!before.contains(PPID), "no link to a draft");

    add_dinkes_with_a_service(&repo);
    let ppid = repo.join("content/portal/ppid.md");
    let written = read(&ppid);
    let published: String = written
        .lines()
        .filter(|l| !l.starts_with("draft = true"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(written, published, "the starter PPID page is a draft");
    write(&ppid, &published);
    build(&repo);

    let html = home(&repo);
    let menu = main_menu(&html);
    assert!(links_to(menu, CATALOGUE), "menu: {menu}");
    assert!(links_to(menu, PPID), "menu: {menu}");
    let (_, body) = html.split_at(html.find("id=konten").unwrap());
    assert!(
        links_to(body, CATALOGUE),
        "the home page leads to the catalogue"
    );
    assert!(links_to(body, PPID), "the home page leads to PPID");
    assert!(links_to(body, SERVICE), "the home page lists the service");
    assert!(
        body.contains("Ambulans &lt;Gawat&gt; &amp; Darurat"),
        "the service's name is escaped"
    );
    assert!(repo
        .join("public/sukamajukab.go.id/layanan/index.html")
        .is_file());
}

#[test]
fn the_example_portal_leads_to_the_catalogue_and_ppid() {
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().join("out");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = laman(root, &["build", "--out", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = read(out_dir.join("sukamajukab.go.id/index.html"));
    let menu = main_menu(&html);
    assert!(links_to(menu, CATALOGUE), "menu: {menu}");
    assert!(links_to(menu, PPID), "menu: {menu}");
    let (_, body) = html.split_at(html.find("id=konten").unwrap());
    assert!(links_to(body, CATALOGUE) && links_to(body, PPID));
    // A few services, each on its OPD's site.
    let listed = body.split("/layanan/").count() - 1;
    assert!(listed >= 6, "{listed} links into service sections");
    assert!(links_to(
        body,
        "https://dinkes.sukamajukab.go.id/layanan/ambulans-119/"
    ));
}
