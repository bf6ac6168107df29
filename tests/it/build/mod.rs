//! What a build publishes: sites, pages, links, directory, news, feeds, determinism.

use crate::common;
use common::*;

mod incremental;
mod search;
mod theme;

const PORTAL: &str = "public/contohkab.go.id";
const DINKES: &str = "public/dinkes.contohkab.go.id";
const DISDIK: &str = "public/disdik.contohkab.go.id";

fn built() -> tempfile::TempDir {
    let root = fixture("contoh");
    let out = laman(root.path(), &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    root
}

#[test]
fn approved_sites_are_built_and_unapproved_are_not() {
    let root = built();
    let public = root.path().join("public");
    let mut sites: Vec<_> = std::fs::read_dir(&public)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    sites.sort();
    assert_eq!(
        sites,
        [
            ".laman-output",
            "contohkab.go.id",
            "dinkes.contohkab.go.id",
            "disdik.contohkab.go.id",
            "laman-manifest.json",
        ]
    );
    for site in [PORTAL, DINKES, DISDIK] {
        for file in [
            "index.html",
            "404.html",
            "sitemap.xml",
            "robots.txt",
            "style.css",
        ] {
            assert!(root.path().join(site).join(file).is_file(), "{site}/{file}");
        }
    }
}

#[test]
fn suspended_site_with_content_is_a_warning_not_an_error() {
    let root = fixture("contoh");
    let out = laman(root.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let f = findings(&out);
    let unapproved: Vec<_> = f
        .iter()
        .filter(|f| f["code"] == "content.unapproved")
        .collect();
    assert_eq!(unapproved.len(), 1, "{f:?}");
    assert_eq!(unapproved[0]["site"], "dishub");
    assert_eq!(unapproved[0]["severity"], "warning");
    assert!(unapproved[0]["message"]
        .as_str()
        .unwrap()
        .contains("suspended"));
}

#[test]
fn pages_sections_and_bundles_get_their_addresses() {
    let root = built();
    let d = root.path().join(DINKES);
    assert!(d.join("profil/index.html").is_file());
    assert!(d.join("profil/visi-misi/index.html").is_file());
    assert!(d.join("profil/struktur/index.html").is_file());
    assert!(
        d.join("profil/struktur/bagan.svg").is_file(),
        "bundle files are copied next to their page"
    );
    assert!(
        root.path()
            .join(DISDIK)
            .join("berita/sekolah-sehat/index.html")
            .is_file(),
        "file names are slugified"
    );
    let visi = read(d.join("profil/visi-misi/index.html"));
    assert!(
        visi.contains("<h2 id=\"misi\">") || visi.contains("<h2 id=misi>"),
        "headings get ids"
    );
    assert!(visi.contains("<html lang=\"id\">") || visi.contains("<html lang=id>"));
}

#[test]
fn links_resolve_within_a_site_and_across_subdomains() {
    let root = built();
    let home = read(root.path().join(DINKES).join("index.html"));
    assert!(
        home.contains("https://dinkes.contohkab.go.id/profil/visi-misi/#misi"),
        "{home}"
    );
    assert!(home.contains("https://contohkab.go.id/"));
    let kabar = read(root.path().join(DINKES).join("berita/kabar-1/index.html"));
    assert!(
        kabar.contains("https://disdik.contohkab.go.id/berita/sekolah-sehat/"),
        "slug-form link to a file with spaces"
    );
    let portal = read(root.path().join(PORTAL).join("index.html"));
    assert!(portal.contains("https://dinkes.contohkab.go.id/"));
}

#[test]
fn section_lists_paginate() {
    let root = built();
    let d = root.path().join(DINKES);
    let first = read(d.join("berita/index.html"));
    let second = read(d.join("berita/halaman/2/index.html"));
    assert!(!d.join("berita/halaman/3").exists());
    // Newest first: kabar 3 and 2 on the first page, kabar 1 on the second.
    assert!(first.contains("Kabar Kesehatan 3") && first.contains("Kabar Kesehatan 2"));
    assert!(!first.contains("Kabar Kesehatan 1\""));
    assert!(second.contains("Kabar Kesehatan 1"));
    assert!(first.contains("https://dinkes.contohkab.go.id/berita/halaman/2/"));
}

#[test]
fn portal_directory_lists_approved_subdomains_with_decrees() {
    let root = built();
    let dir = read(root.path().join(PORTAL).join("direktori/index.html"));
    for text in [
        "Dinas Kesehatan",
        "100/001/KPTS/2024",
        "Dinas Pendidikan",
        "100/002/KPTS/2024",
        "Layanan Pengadaan Secara Elektronik",
        "https://lpse.contohkab.go.id/",
        "15 Januari 2024",
    ] {
        assert!(dir.contains(text), "directory lacks {text}");
    }
    for absent in ["Dinas Perhubungan", "Dinas Perdagangan"] {
        assert!(
            !dir.contains(absent),
            "directory lists {absent}, which is not approved"
        );
    }
}

#[test]
fn portal_home_shows_the_latest_news_of_every_site_newest_first() {
    let root = built();
    let home = read(root.path().join(PORTAL).join("index.html"));
    // latest_news = 3 in the portal's _site.toml: 2026-07-15, 2026-06-01, 2026-05-10.
    let order: Vec<usize> = [
        "Program Sekolah Sehat",
        "Rapat Koordinasi Portal",
        "Kabar Kesehatan 3",
    ]
    .iter()
    .map(|t| {
        home.find(t)
            .unwrap_or_else(|| panic!("portal home lacks {t}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(!home.contains("Kabar Kesehatan 2"), "only 3 items");
}

#[test]
fn drafts_are_published_only_with_the_flag() {
    let root = built();
    assert!(!root.path().join(DINKES).join("berita/draf-kabar").exists());
    assert!(
        !read(root.path().join(DINKES).join("berita/index.html")).contains("Kabar Rahasia Draf")
    );
    let out = laman(root.path(), &["build", "--drafts"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(root
        .path()
        .join(DINKES)
        .join("berita/draf-kabar/index.html")
        .is_file());
}

#[test]
fn sitemap_robots_and_feed_use_absolute_https_urls() {
    let root = built();
    let d = root.path().join(DINKES);
    let sitemap = read(d.join("sitemap.xml"));
    assert!(
        sitemap.contains("<loc>https://dinkes.contohkab.go.id/profil/visi-misi/</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("halaman/2"));
    assert!(
        read(d.join("robots.txt")).contains("Sitemap: https://dinkes.contohkab.go.id/sitemap.xml")
    );
    let feed = read(d.join("atom.xml"));
    assert!(feed.contains("https://dinkes.contohkab.go.id/berita/kabar-3/"));
    assert!(!feed.contains("Rahasia"));
}

#[test]
fn two_builds_give_byte_identical_trees() {
    let root = built();
    let first = snapshot(&root.path().join("public"));
    let out = laman(root.path(), &["build"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(first, snapshot(&root.path().join("public")));
    let other = tempfile::tempdir().unwrap();
    let out = laman(
        root.path(),
        &["build", "--out", other.path().join("x").to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        first,
        snapshot(&other.path().join("x")),
        "output does not depend on where it is written"
    );
}

#[test]
fn check_writes_nothing_and_prints_the_json_document() {
    let root = fixture("contoh");
    let out = laman(root.path(), &["check", "--format", "json"]);
    assert!(!root.path().join("public").exists());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["errors", "warnings", "sites", "pages"] {
        assert!(doc["summary"][key].is_u64(), "summary.{key}");
    }
    assert_eq!(doc["summary"]["sites"], 3);
    let f = &doc["findings"][0];
    for key in ["code", "severity", "message", "file", "line", "site"] {
        assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
    }
}

#[test]
fn one_site_can_be_built_alone() {
    let root = built();
    let before = snapshot(&root.path().join(PORTAL));
    write(
        root.path().join("content/dinkes/berita/kabar-baru.md"),
        "+++\ntitle = \"Kabar Baru Sekali\"\ndate = 2026-10-01\n+++\nBaru.\n",
    );
    let out = laman(root.path(), &["build", "--site", "dinkes"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        root.path()
            .join(DINKES)
            .join("berita/kabar-baru-sekali")
            .exists()
            || root
                .path()
                .join(DINKES)
                .join("berita/kabar-baru/index.html")
                .exists()
    );
    assert_eq!(
        before,
        snapshot(&root.path().join(PORTAL)),
        "the portal was not rebuilt"
    );
    let out = laman(root.path(), &["build", "--site", "dinas-hantu"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("dinas-hantu"));
}

#[test]
fn portal_built_alone_is_the_portal_of_a_whole_build() {
    // The portal's news comes from every site, rendered or not in this run; its search
    // index from every site's pages as --out holds them.
    let whole = built();
    let alone = fixture("contoh");
    let out = laman(alone.path(), &["build", "--site", "portal"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let pages = |dir: &std::path::Path| {
        let mut files = snapshot(dir);
        // The manifest lists the index's files, so it differs with them.
        files.retain(|path, _| !path.starts_with("_cari") && !path.starts_with(".well-known"));
        files
    };
    assert_eq!(
        pages(&alone.path().join(PORTAL)),
        pages(&whole.path().join(PORTAL))
    );
    let before = snapshot(&whole.path().join(PORTAL));
    let out = laman(whole.path(), &["build", "--site", "portal"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        before,
        snapshot(&whole.path().join(PORTAL)),
        "the portal and its search index, built alone over a whole build's output"
    );
}

#[test]
fn warm_build_with_nothing_changed_writes_nothing_and_matches_a_cold_build() {
    let root = fixture("contoh");
    let public = root.path().join("public");
    let out = laman(root.path(), &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let cold = snapshot(&public);
    let warm = laman(root.path(), &["build"]);
    assert_eq!(warm.status.code(), Some(0));
    assert!(
        stderr(&warm).contains("nothing changed"),
        "{}",
        stderr(&warm)
    );
    assert_eq!(snapshot(&public), cold);
    // The same warnings are reported either way.
    let json = |o: &std::process::Output| findings(o);
    let warm_json = laman(root.path(), &["build", "--format", "json"]);
    let cold_json = laman(root.path(), &["check", "--format", "json"]);
    assert_eq!(json(&warm_json), json(&cold_json));

    // A change to the content: built again, and equal to a cold build elsewhere.
    let file = root.path().join("content/dinkes/profil/visi-misi.md");
    write(
        &file,
        &read(&file).replace("Visi dan Misi", "Visi dan Misi Baru"),
    );
    let again = laman(root.path(), &["build"]);
    assert!(!stderr(&again).contains("nothing changed"));
    let fresh = tempfile::tempdir().unwrap();
    let other = laman(
        root.path(),
        &["build", "--out", fresh.path().join("p").to_str().unwrap()],
    );
    assert_eq!(other.status.code(), Some(0));
    assert_eq!(snapshot(&public), snapshot(&fresh.path().join("p")));

    // Output touched by hand: built again, and repaired.
    let page = public.join("dinkes.contohkab.go.id/index.html");
    std::fs::remove_file(&page).unwrap();
    let repair = laman(root.path(), &["build"]);
    assert!(!stderr(&repair).contains("nothing changed"));
    assert!(page.is_file());

    // Another option: built again.
    let drafts = laman(root.path(), &["build", "--drafts"]);
    assert!(!stderr(&drafts).contains("nothing changed"));
    assert!(public
        .join("dinkes.contohkab.go.id/berita/draf-kabar/index.html")
        .is_file());
}

#[test]
fn templates_that_do_not_minify_faithfully_are_minified_page_by_page() {
    // Template syntax between attributes and list items without end tags: minifying the
    // template itself would change the page; laman notices and minifies pages instead.
    let root = fixture("contoh");
    allow_custom_code(root.path(), "dinkes");
    write(
        root.path().join("content/dinkes/_templates/page.html"),
        "<!doctype html>\n<html lang=\"id\">\n<head><title>{{ page.title }}</title></head>\n<body>\n<ul>{% for c in breadcrumbs %}\n  <li>{{ c.title }}{% endfor %}</ul>\n<a href=\"/\"{% if page.draft %} class=\"draf\"{% else %} class=\"terbit\"{% endif %}>Beranda</a>\n<main>{{ page.content | safe }}</main>\n</body>\n</html>\n",
    );
    let out = laman(root.path(), &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = read(root.path().join(DINKES).join("profil/visi-misi/index.html"));
    assert!(
        page.contains("<a class=terbit href=/>Beranda</a>"),
        "{page}"
    );
    assert!(
        page.contains("<li>Profil</li>") || page.contains("<li>Profil"),
        "{page}"
    );
    assert!(!page.contains("\n  <li>"), "minified: {page}");
}
