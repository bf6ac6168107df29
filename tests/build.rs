//! What a build publishes: sites, pages, links, directory, news, feeds, determinism.

mod common;
use common::*;

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
fn a_regency_without_themes_folder_builds_with_the_embedded_theme() {
    let root = built();
    assert!(!root.path().join("themes").exists());
    let css = read(root.path().join(DINKES).join("style.css"));
    assert!(!css.is_empty());
}

#[test]
fn theme_and_site_overrides_win_file_by_file() {
    let root = fixture("contoh");
    write(
        root.path().join("themes/pemda/static/style.css"),
        "body{color:#111}",
    );
    allow_custom_code(root.path(), "disdik");
    write(root.path().join("content/disdik/_templates/page.html"), "{% extends \"base.html\" %}{% block content %}<p>KHUSUS DISDIK {{ page.title }}</p>{% endblock content %}");
    write(root.path().join("content/disdik/_static/logo.txt"), "logo");
    write(
        root.path().join("content/disdik/_static/style.css"),
        "body{color:#222}",
    );
    let out = laman(root.path(), &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        read(root.path().join(DINKES).join("style.css")),
        "body{color:#111}"
    );
    assert!(read(
        root.path()
            .join(DISDIK)
            .join("berita/sekolah-sehat/index.html")
    )
    .contains("KHUSUS DISDIK Program Sekolah Sehat"));
    assert!(!read(root.path().join(DINKES).join("profil/visi-misi/index.html")).contains("KHUSUS"));
    assert_eq!(read(root.path().join(DISDIK).join("logo.txt")), "logo");
    // The fingerprinted copy each page links is the file that won, on each site.
    assert_eq!(
        linked_stylesheet(&root.path().join(DINKES)),
        "body{color:#111}"
    );
    assert_eq!(
        linked_stylesheet(&root.path().join(DISDIK)),
        "body{color:#222}"
    );
}

/// The stylesheet a site's home page links, read from the site's folder.
fn linked_stylesheet(site: &std::path::Path) -> String {
    let home = read(site.join("index.html"));
    let href = home
        .split("href=")
        .filter_map(|s| s.split([' ', '>']).next())
        .find(|h| h.contains("/_aset/style."))
        .expect("the home page links a fingerprinted stylesheet")
        .trim_matches('"');
    let path = href.split_once("/_aset/").unwrap().1;
    read(site.join("_aset").join(path))
}

#[test]
fn theme_files_get_copies_named_by_their_bytes_which_pages_link() {
    let root = built();
    let site = root.path().join(DINKES);
    let css = read(site.join("style.css"));
    assert_eq!(
        linked_stylesheet(&site),
        css,
        "the copy holds the same bytes"
    );
    let hash = blake3::hash(css.as_bytes()).to_hex();
    let name = format!("_aset/style.{}.css", &hash[..16]);
    assert!(site.join(&name).is_file(), "{name}");
    let icon = std::fs::read_dir(site.join("_aset"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.starts_with("favicon.") && n.ends_with(".svg"))
        .unwrap();
    assert!(read(site.join("index.html")).contains(&format!("/_aset/{icon}")));
    let search = read(site.join("cari/index.html"));
    assert!(search.contains("/_aset/cari."), "the search page's script");
    // The manifest lists files as written: the copies are there under their names.
    let manifest = read(root.path().join("public/laman-manifest.json"));
    assert!(
        manifest.contains(&format!("{{\"path\":\"{name}\",")),
        "{name}"
    );
}

#[test]
fn nothing_but_the_fingerprinted_copies_may_land_in_the_asset_folder() {
    let root = fixture("contoh");
    // A site's names starting with `_` are not content; a theme's static files are
    // copied whatever their names.
    write(
        root.path().join("themes/pemda/static/_aset/lama.css"),
        "a{}",
    );
    let out = laman(root.path(), &["build", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let collisions: Vec<_> = findings(&out)
        .into_iter()
        .filter(|f| f["code"] == "content.path.collision")
        .collect();
    assert!(
        collisions.iter().any(|f| f["site"] == "dinkes"
            && f["file"] == "themes/pemda/static/_aset/lama.css"
            && f["message"].as_str().unwrap().contains("/_aset/")),
        "{collisions:?}"
    );
    assert!(!root.path().join("public").exists(), "nothing is published");
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
fn the_search_index_holds_published_pages_only_and_is_rebuilt_with_the_portal() {
    let root = built();
    let index = root.path().join(PORTAL).join("_cari");
    assert!(index.join("indeks.js").is_file());
    assert!(index.join("indeks.json").is_file());
    let urls = |root: &std::path::Path| -> Vec<String> {
        let mut urls: Vec<String> = search_pages(&root.join(PORTAL).join("_cari"))
            .iter()
            .map(|p| p["url"].as_str().unwrap().to_string())
            .collect();
        urls.sort();
        urls
    };
    let found = urls(root.path());
    assert!(
        found.iter().any(|u| u.starts_with("https://dinkes.")),
        "{found:?}"
    );
    assert!(found
        .iter()
        .any(|u| u.starts_with("https://contohkab.go.id/")));
    assert!(!found
        .iter()
        .any(|u| u.contains("/halaman/") || u.ends_with("/cari/")));
    // A draft is never indexed; a new page of a site built alone reaches the index when
    // the portal is built with it.
    write(
        root.path().join("content/dinkes/berita/draf-cari.md"),
        "+++\ntitle = \"Draf\"\ndraft = true\n+++\nRahasia.\n",
    );
    write(
        root.path().join("content/dinkes/berita/kabar-cari.md"),
        "+++\ntitle = \"Kabar Cari\"\ndate = 2026-10-01\n+++\nBaru.\n",
    );
    let out = laman(root.path(), &["build", "--site", "dinkes"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(urls(root.path()), found, "the portal was not rebuilt");
    let out = laman(
        root.path(),
        &["build", "--site", "dinkes", "--site", "portal"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let now = urls(root.path());
    assert!(
        now.iter().any(|u| u.ends_with("/berita/kabar-cari/")),
        "{now:?}"
    );
    assert!(!now.iter().any(|u| u.contains("draf-cari")));
    assert_eq!(now.len(), found.len() + 1);
}

/// Every page of the search index (docs/search-format.md) as one object: its text
/// block's fields plus `jenis`, `situs` and `alamat` from `indeks.json`.
fn search_pages(index: &std::path::Path) -> Vec<serde_json::Value> {
    let read = |name: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(index.join(name)).unwrap()).unwrap()
    };
    let meta = read("indeks.json");
    assert_eq!(meta["versi"], 1);
    let kinds = meta["jenis_halaman"].as_str().unwrap().as_bytes().to_vec();
    let n = meta["halaman"].as_u64().unwrap();
    let dir = meta["teks"].as_str().unwrap();
    let mut pages: Vec<serde_json::Value> =
        (0..n).map(|i| read(&format!("{dir}/{i}.json"))).collect();
    assert_eq!(pages.len() as u64, meta["halaman"].as_u64().unwrap());
    for site in meta["situs"].as_array().unwrap() {
        let from = site["awal"].as_u64().unwrap() as usize;
        for n in from..from + site["jumlah"].as_u64().unwrap() as usize {
            pages[n]["situs"] = site["nama"].clone();
            pages[n]["alamat"] = site["alamat"].clone();
            let kind = usize::from(kinds[n] - b'0');
            pages[n]["jenis"] = meta["jenis"][kind].clone();
        }
    }
    pages
}

#[test]
fn indexed_pages_carry_their_site_kind_title_and_date() {
    let root = built();
    let pages = search_pages(&root.path().join(PORTAL).join("_cari"));
    let news = pages
        .iter()
        .find(|p| {
            p["url"]
                .as_str()
                .unwrap()
                .starts_with("https://dinkes.contohkab.go.id/berita/")
        })
        .expect("a dinkes news page");
    assert_eq!(news["jenis"], "berita");
    assert_eq!(news["alamat"], "dinkes.contohkab.go.id");
    assert!(
        news["situs"].as_str().unwrap().contains("Kesehatan"),
        "{news}"
    );
    assert!(news["tanggal"].as_str().unwrap().len() == 10, "{news}");
    assert!(!news["judul"].as_str().unwrap().is_empty());
    let profile = pages
        .iter()
        .find(|p| p["url"].as_str().unwrap().contains("/profil/"))
        .expect("a profile page");
    assert_eq!(profile["jenis"], "halaman");
    // The page's text, not the site's chrome: no footer, menu or breadcrumbs.
    let content = news["teks"].as_str().unwrap();
    assert!(!content.contains("Lewati ke konten"), "{content}");
    assert!(!content.contains("Dikelola oleh"), "{content}");
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
