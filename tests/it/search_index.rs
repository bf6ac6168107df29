//! The regency's search index (docs/search-format.md) as its own script reads it: the
//! index is built from a fixture tree by the real binary, then `tests/judges/query.mjs`
//! runs the index's `indeks.js` under Node.js against the files on disk. Ranking,
//! Indonesian stemming, filters, and titles and site names that would break JSON or
//! HTML. Skipped outside CI when Node.js is missing (`scripts/test` installs it).

use crate::common;
use common::*;
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;

const INDEX: &str = "public/contohkab.go.id/_cari";

/// A site name and a title holding what JSON, HTML and the filter's select would read
/// as syntax.
const HOSTILE_OWNER: &str = r#"Dinas "Kes" <b>&amp;</b> \ </script> ' ${x}"#;
const HOSTILE_TITLE: &str = r#"Kabar "lain" </script><img src=x onerror=alert(1)> & \u{2028} ${x}"#;

fn page(title: &str, body: &str) -> String {
    format!(
        "+++\ntitle = {}\ndate = 2026-10-02\n+++\n{body}\n",
        toml_string(title)
    )
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The fixture regency with pages made for ranking, and a hostile owner and title.
fn regency() -> tempfile::TempDir {
    let root = fixture("contoh");
    let r = root.path();
    let registry = read(r.join("domains.toml")).replace(
        "owner = \"Dinas Kesehatan\"",
        &format!("owner = {}", toml_string(HOSTILE_OWNER)),
    );
    write(r.join("domains.toml"), &registry);
    let filler = "Warga desa berkumpul di balai untuk membahas banyak hal tentang jalan, pasar, sekolah dan air bersih. ".repeat(6);
    write(
        r.join("content/dinkes/berita/jadwal-posyandu.md"),
        &page("Jadwal Posyandu Melati", "Kegiatan bulan ini."),
    );
    write(
        r.join("content/dinkes/berita/rapat-warga.md"),
        &page(
            HOSTILE_TITLE,
            &format!("{filler} Sempat disebut posyandu. {filler}"),
        ),
    );
    write(
        r.join("content/disdik/berita/vaksin-kalimorot.md"),
        &page("Kabar sekolah", "Vaksin untuk murid di desa Kalimorot."),
    );
    write(
        r.join("content/disdik/berita/pentas-kalimorot.md"),
        &page(
            "Pentas Kalimorot",
            "Kalimorot Kalimorot Kalimorot: pentas seni di Kalimorot.",
        ),
    );
    write(
        r.join("content/dinkes/berita/pelayanan-keliling.md"),
        &page(
            "Keliling desa",
            "Pelayanan kesehatan keliling dan perizinan praktik.",
        ),
    );
    let out = laman(r, &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    root
}

/// `filters()` and the results of each query, from the index's own script.
fn query(root: &Path, queries: Value) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/judges/query.mjs");
    let out = Command::new("timeout")
        .args(["60", "node"])
        .arg(script)
        .arg(root.join(INDEX))
        .arg(queries.to_string())
        .output_in_time();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn urls(results: &Value) -> Vec<String> {
    results
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["url"].as_str().unwrap().to_string())
        .collect()
}

fn rank(results: &Value, tail: &str) -> usize {
    let urls = urls(results);
    urls.iter()
        .position(|u| u.ends_with(tail))
        .unwrap_or_else(|| panic!("{tail} not found in {urls:?}"))
}

#[needs("node")]
#[test]
fn ranking_stemming_and_filters_through_the_index_script() {
    let root = regency();
    let out = query(
        root.path(),
        json!([
            {"q": "posyandu"},
            {"q": "vaksin kalimorot"},
            {"q": "layanan"},
            {"q": "izin"},
            {"q": "posyandu", "filters": {"situs": HOSTILE_OWNER}},
            {"q": "kalimorot", "filters": {"alamat": "dinkes.contohkab.go.id"}},
            {"q": "kalimorot", "filters": {"jenis": "halaman"}},
            {"q": "posyan"},
            {"q": "zqxwvkjhg"},
        ]),
    );
    let r = &out["results"];
    assert_eq!(
        out["disagree"],
        json!([]),
        "the build's and the browser's stemmers"
    );
    // A title hit before a passing mention.
    assert!(
        rank(&r[0], "/berita/jadwal-posyandu/") < rank(&r[0], "/berita/rapat-warga/"),
        "{}",
        r[0]
    );
    // Two words: the page holding both first, before one that repeats one of them.
    assert_eq!(rank(&r[1], "/berita/vaksin-kalimorot/"), 0, "{}", r[1]);
    assert!(urls(&r[1])
        .iter()
        .any(|u| u.ends_with("/berita/pentas-kalimorot/")));
    // Indonesian stemming: "layanan" finds "pelayanan", "izin" finds "perizinan".
    rank(&r[2], "/berita/pelayanan-keliling/");
    rank(&r[3], "/berita/pelayanan-keliling/");
    // The excerpt marks the form found, as text.
    let marked: Vec<&str> = r[2][rank(&r[2], "/berita/pelayanan-keliling/")]["excerpt"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p[1] == true)
        .map(|p| p[0].as_str().unwrap())
        .collect();
    assert!(marked.contains(&"Pelayanan"), "{marked:?}");
    // Filters: a hostile site name is a filter value like any other.
    assert!(!urls(&r[4]).is_empty());
    assert!(
        urls(&r[4]).iter().all(|u| u.starts_with("https://dinkes.")),
        "{}",
        r[4]
    );
    assert!(r[4]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["situs"] == HOSTILE_OWNER));
    assert!(
        urls(&r[5]).is_empty(),
        "kalimorot is on disdik only: {}",
        r[5]
    );
    assert!(urls(&r[6]).is_empty(), "{}", r[6]);
    // A word as typed so far matches the stems it begins; nothing matches nothing.
    rank(&r[7], "/berita/jadwal-posyandu/");
    assert!(urls(&r[8]).is_empty());
    // The hostile names come back as the same text, in the filters and the results.
    assert!(
        out["filters"]["situs"][HOSTILE_OWNER].as_u64().unwrap() >= 4,
        "{}",
        out["filters"]
    );
    let hostile = &r[0][rank(&r[0], "/berita/rapat-warga/")];
    assert_eq!(hostile["title"], HOSTILE_TITLE);
    assert_eq!(hostile["situs"], HOSTILE_OWNER);
}

#[test]
fn hostile_names_keep_the_index_valid_json() {
    let root = regency();
    let index = root.path().join(INDEX);
    let meta: Value =
        serde_json::from_slice(&std::fs::read(index.join("indeks.json")).unwrap()).unwrap();
    let names: Vec<&str> = meta["situs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["nama"].as_str().unwrap())
        .collect();
    assert!(names.contains(&HOSTILE_OWNER), "{names:?}");
    // Each site's texts are in a folder of its own, numbered from 0; the sites'
    // ranges follow one another and cover every page.
    let mut titles = Vec::new();
    let mut folders = std::collections::BTreeSet::new();
    for site in meta["situs"].as_array().unwrap() {
        assert_eq!(site["awal"].as_u64().unwrap(), titles.len() as u64);
        let folder = site["teks"].as_str().unwrap();
        assert!(folders.insert(folder.to_string()), "{folder} twice");
        let dir = index.join(folder);
        let jumlah = site["jumlah"].as_u64().unwrap();
        for n in 0..jumlah {
            let text = std::fs::read(dir.join(format!("{n}.json"))).unwrap();
            let page: Value = serde_json::from_slice(&text).unwrap();
            titles.push(page["judul"].clone());
        }
        assert_eq!(std::fs::read_dir(&dir).unwrap().count() as u64, jumlah);
    }
    assert_eq!(titles.len() as u64, meta["halaman"].as_u64().unwrap());
    assert!(titles.contains(&json!(HOSTILE_TITLE)));
    // Every word chunk parses, and the hashed names are the hashes of the bytes.
    for chunk in meta["kata"].as_array().unwrap() {
        let name = chunk[1].as_str().unwrap();
        let bytes = std::fs::read(index.join(name)).unwrap();
        let _: Value = serde_json::from_slice(&bytes).unwrap();
        let hash = blake3::hash(&bytes).to_hex();
        assert_eq!(name, format!("kata-{}.json", &hash.as_str()[..16]));
    }
}

#[needs("node")]
#[test]
fn the_browser_stems_every_word_of_the_example_as_the_build_does() {
    let root = example_copy();
    write(
        root.path().join("content/dinkes/berita/kata-asing.md"),
        &page(
            "Kata-kata",
            "Pengecekan kesejahteraan, mempertanggungjawabkan, diperdagangkan, keberhasilannya, \
             menyelenggarakan, ketidakadilan, pemberdayaan, perekonomian, Café, naïve, \
             sekolahnya, bukukah, bacalah, kamipun, 2026an, Ｋａｍｉ, İstanbul, straße.",
        ),
    );
    let out = laman(root.path(), &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let dir = root.path().join("public");
    let portal = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.join("_cari/indeks.json").is_file())
        .expect("the portal's index");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/judges/query.mjs");
    let out = Command::new("timeout")
        .args(["60", "node"])
        .arg(script)
        .arg(portal.join("_cari"))
        .arg("[]")
        .output_in_time();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(out["words"].as_u64().unwrap() > 1000, "{}", out["words"]);
    assert_eq!(out["disagree"], json!([]));
}
