//! The regency's search index as a build writes it: published pages only, rebuilt with the
//! portal, each page with its site, kind, title and date.

use super::*;

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
    assert_eq!(meta["versi"], 2);
    let kinds = meta["jenis_halaman"].as_str().unwrap().as_bytes().to_vec();
    let mut pages: Vec<serde_json::Value> = Vec::new();
    for site in meta["situs"].as_array().unwrap() {
        let from = site["awal"].as_u64().unwrap() as usize;
        assert_eq!(from, pages.len(), "a site's pages follow the last site's");
        let dir = site["teks"].as_str().unwrap();
        for i in 0..site["jumlah"].as_u64().unwrap() as usize {
            let mut page = read(&format!("{dir}/{i}.json"));
            let n = from + i;
            page["situs"] = site["nama"].clone();
            page["alamat"] = site["alamat"].clone();
            let kind = usize::from(kinds[n] - b'0');
            page["jenis"] = meta["jenis"][kind].clone();
            pages.push(page);
        }
    }
    assert_eq!(pages.len() as u64, meta["halaman"].as_u64().unwrap());
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

/// A site found failing only once every site is rendered (a link to a heading another
/// site lacks) was already handed to the sink: with `--keep-going`, its pages' texts
/// leave the index with it, and every folder of texts the index has is one it lists.
#[test]
fn a_site_failing_after_rendering_leaves_no_text_in_the_index() {
    let root = built();
    write(
        root.path().join("content/disdik/berita/tautan-judul.md"),
        "+++\ntitle = \"Tautan Judul\"\n+++\nLihat [kabar](@dinkes/berita/kabar-1.md#tidak-ada-judul-ini).\n",
    );
    let out = laman(root.path(), &["build", "--keep-going"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("tidak-ada-judul-ini"),
        "{}",
        stderr(&out)
    );
    let index = root.path().join(PORTAL).join("_cari");
    let pages = search_pages(&index);
    assert!(pages
        .iter()
        .any(|p| p["url"].as_str().unwrap().starts_with("https://dinkes.")));
    assert!(
        pages
            .iter()
            .all(|p| !p["url"].as_str().unwrap().starts_with("https://disdik.")),
        "the failed site's pages are not indexed"
    );
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(index.join("indeks.json")).unwrap()).unwrap();
    let listed: Vec<&str> = meta["situs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["teks"].as_str().unwrap())
        .collect();
    for entry in std::fs::read_dir(&index).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.starts_with("teks-") {
            assert!(
                listed.contains(&name.as_str()),
                "{name} is not in indeks.json"
            );
        }
    }
}
