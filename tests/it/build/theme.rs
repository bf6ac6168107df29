//! The theme: the embedded one when there is no `themes/`, overrides file by file, and the
//! fingerprinted copies of its files, the only files in the asset folder.

use super::*;

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
