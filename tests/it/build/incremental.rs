//! Incremental builds: after each kind of edit, a build into the same `--out` gives the
//! very bytes (pages, search index, signed manifests) and the very report of a cold
//! build (`--no-cache`, fresh folder) of the same input; a page's text edit renders only
//! its site and the portal.

use super::*;
use std::path::Path;

/// A news page that is a folder (the page with its picture).
const DINKES_NEWS: &str = "content/dinkes/berita/angka-stunting-turun-menjadi-14-2-persen";
const DISDIK_NEWS: &str =
    "content/disdik/berita/seratus-guru-ikuti-pelatihan-pembelajaran-literasi.md";

/// The example regency with its theme folder, its registry naming a signing key; the
/// folder holding the key, and the key.
fn signed_example() -> (tempfile::TempDir, tempfile::TempDir, std::path::PathBuf) {
    let root = example_copy();
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_tree(&here.join("themes"), &root.path().join("themes"));
    let keys = tempfile::tempdir().unwrap();
    let key = keys.path().join("laman.key");
    let keygen = laman(root.path(), &["keygen", key.to_str().unwrap()]);
    assert_eq!(keygen.status.code(), Some(0), "{}", stderr(&keygen));
    let registry = root.path().join("domains.toml");
    let public_key = stdout(&keygen).trim().to_string();
    let text = read(&registry);
    write(
        &registry,
        &format!("{text}\n[integrity]\npublic_key = \"{public_key}\"\n"),
    );
    (root, keys, key)
}

/// A signed JSON build of `root` into `out`, with more arguments; its report.
fn build(root: &Path, out: &Path, key: &Path, more: &[&str]) -> serde_json::Value {
    let mut args = vec![
        "build",
        "--format",
        "json",
        "--out",
        out.to_str().unwrap(),
        "--sign-key",
        key.to_str().unwrap(),
    ];
    args.extend(more);
    let run = laman(root, &args);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    serde_json::from_slice(&run.stdout).unwrap()
}

/// Builds `root` into `out` (incrementally, when it can) and cold into a fresh folder:
/// the trees and the reports (but for the sites rendered) must be equal. Returns the
/// sites the incremental build rendered (None: it was a cold build).
fn same_as_cold(root: &Path, out: &Path, key: &Path, edit: &str) -> Option<Vec<String>> {
    let mut report = build(root, out, key, &[]);
    let fresh = tempfile::tempdir().unwrap();
    let cold_out = fresh.path().join("public");
    let cold = build(root, &cold_out, key, &["--no-cache"]);
    assert!(cold["summary"].get("rendered").is_none(), "{edit}: {cold}");
    let rendered = report["summary"]
        .as_object_mut()
        .unwrap()
        .remove("rendered")
        .map(|r| serde_json::from_value(r).unwrap());
    assert_eq!(report, cold, "{edit}: the reports differ");
    let (ours, theirs) = (snapshot(out), snapshot(&cold_out));
    let names = |s: &BTreeMap<_, _>| s.keys().cloned().collect::<Vec<std::path::PathBuf>>();
    assert_eq!(names(&ours), names(&theirs), "{edit}: other files");
    for (path, bytes) in &ours {
        assert!(theirs[path] == *bytes, "{edit}: {} differs", path.display());
    }
    rendered
}

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = read(&path);
    assert!(text.contains(from), "{file} has no {from:?}");
    write(&path, &text.replacen(from, to, 1));
}

use std::collections::BTreeMap;

#[test]
fn every_edit_builds_incrementally_or_cold_into_what_a_cold_build_writes() {
    let (root, _keys, key) = signed_example();
    let root = root.path();
    let out = root.join("public");
    build(root, &out, &key, &[]);
    let cache = root.join(".public.laman-cache");
    assert!(cache.is_dir(), "the cache lies beside the output");
    assert!(
        !snapshot(&out)
            .keys()
            .any(|p| p.to_string_lossy().contains("cache")),
        "nothing of the cache is published"
    );
    let portal_and = |site: &str| Some(vec!["portal".to_string(), site.to_string()]);

    // A page's text: only its site and the portal are rendered.
    let news = root.join(DISDIK_NEWS);
    write(&news, &format!("{}\nSatu kalimat tambahan.\n", read(&news)));
    let rendered = same_as_cold(root, &out, &key, "page text");
    assert_eq!(rendered, portal_and("disdik"));
    // A link to another site's page added in a page's text: still that site alone.
    let link = "\nBaca juga [angka stunting](@dinkes/berita/angka-stunting-turun-menjadi-14-2-persen/index.md).\n";
    write(&news, &format!("{}{link}", read(&news)));
    assert_eq!(
        same_as_cold(root, &out, &key, "link added"),
        portal_and("disdik")
    );
    // The link's target renamed, and the link with it: other sites show its address.
    let renamed = DINKES_NEWS.replace("14-2-persen", "14-persen");
    std::fs::rename(root.join(DINKES_NEWS), root.join(&renamed)).unwrap();
    edit(
        root,
        DISDIK_NEWS,
        "14-2-persen/index.md",
        "14-persen/index.md",
    );
    edit(
        root,
        "content/dinkes/ppid.md",
        "14-2-persen/index.md",
        "14-persen/index.md",
    );
    assert_eq!(same_as_cold(root, &out, &key, "link target renamed"), None);
    edits_of_what_other_sites_show(root, &out, &key);

    // After all that, a page's text is again an incremental build; a deleted cache or
    // `--no-cache` make it a cold one.
    edit(
        root,
        DISDIK_NEWS,
        "Satu kalimat tambahan.",
        "Dua kalimat tambahan.",
    );
    assert_eq!(
        same_as_cold(root, &out, &key, "text again"),
        portal_and("disdik")
    );
    edit(root, DISDIK_NEWS, "Dua kalimat", "Tiga kalimat");
    std::fs::remove_dir_all(&cache).unwrap();
    assert_eq!(same_as_cold(root, &out, &key, "cache deleted"), None);
    edit(root, DISDIK_NEWS, "Tiga kalimat", "Empat kalimat");
    let report = build(root, &out, &key, &["--no-cache"]);
    assert!(report["summary"].get("rendered").is_none(), "{report}");
}

/// Pages added and deleted, a site's settings, a template, a theme file, the registry:
/// what other sites show changes, and the build is a cold one.
fn edits_of_what_other_sites_show(root: &Path, out: &Path, key: &Path) {
    // A page added, a page deleted: the site's pages are listed elsewhere.
    write(
        root.join("content/dinkes/berita/kabar-baru.md"),
        "+++\ntitle = \"Kabar Baru\"\ndate = 2026-12-01\n+++\n\nKabar baru dari dinas.\n",
    );
    assert_eq!(same_as_cold(root, out, key, "page added"), None);
    std::fs::remove_file(root.join("content/dinkes/berita/kabar-baru.md")).unwrap();
    assert_eq!(same_as_cold(root, out, key, "page deleted"), None);
    // A site's settings, a template, a theme file, the registry.
    edit(
        root,
        "content/dinkes/_site.toml",
        "Sukamaju sehat",
        "Sukamaju lebih sehat",
    );
    assert_eq!(same_as_cold(root, out, key, "_site.toml"), None);
    edit(
        root,
        "themes/pemda/templates/base.html",
        "</footer>",
        "<p>Diubah.</p></footer>",
    );
    assert_eq!(same_as_cold(root, out, key, "template"), None);
    let css = root.join("themes/pemda/static/style.css");
    write(&css, &format!("{}\n.diubah{{color:#000}}\n", read(&css)));
    assert_eq!(same_as_cold(root, out, key, "theme file"), None);
    edit(
        root,
        "domains.toml",
        "title = \"Pemerintah Kabupaten Sukamaju\"",
        "title = \"Pemerintah Kabupaten Sukamaju Baru\"",
    );
    assert_eq!(same_as_cold(root, out, key, "domains.toml"), None);
}

#[test]
fn an_output_touched_by_hand_is_built_cold_and_repaired() {
    let root = example_copy();
    let root = root.path();
    let out = laman(root, &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = root.join("public/dinkes.sukamajukab.go.id/index.html");
    std::fs::remove_file(&page).unwrap();
    let news = root.join(DISDIK_NEWS);
    write(&news, &format!("{}\nSatu kalimat tambahan.\n", read(&news)));
    let again = laman(root, &["build", "--format", "json"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    let report: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert!(report["summary"].get("rendered").is_none(), "{report}");
    assert!(page.is_file());
}

/// The search texts of the sites an incremental build does not render are taken from
/// `--out` as they are (linked, not written again), and only the edited site's folder of
/// texts changes.
#[test]
fn an_edit_leaves_the_other_sites_search_texts_as_they_were() {
    use std::os::unix::fs::MetadataExt;
    let (root, _keys, key) = signed_example();
    let root = root.path();
    let out = root.join("public");
    build(root, &out, &key, &[]);
    let index = out.join("sukamajukab.go.id/_cari");
    // Each site's folder of texts (by host name) and the inode of its first text.
    let folders = || -> std::collections::BTreeMap<String, (String, u64)> {
        let meta: serde_json::Value =
            serde_json::from_slice(&std::fs::read(index.join("indeks.json")).unwrap()).unwrap();
        meta["situs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let folder = s["teks"].as_str().unwrap().to_string();
                let inode = std::fs::metadata(index.join(&folder).join("0.json"))
                    .unwrap()
                    .ino();
                (s["alamat"].as_str().unwrap().to_string(), (folder, inode))
            })
            .collect()
    };
    let before = folders();
    let news = root.join(DISDIK_NEWS);
    write(&news, &format!("{}\nSatu kalimat tambahan.\n", read(&news)));
    let report = build(root, &out, &key, &[]);
    assert_eq!(
        report["summary"]["rendered"],
        serde_json::json!(["portal", "disdik"])
    );
    let after = folders();
    assert_eq!(before.len(), after.len());
    for (host, (folder, inode)) in &before {
        let (now, now_inode) = &after[host];
        if host.starts_with("disdik.") {
            assert_ne!(folder, now, "the edited site's texts have a new folder");
        } else if host != "sukamajukab.go.id" {
            assert_eq!(
                (folder, inode),
                (now, now_inode),
                "{host} was written again"
            );
        }
    }
}
