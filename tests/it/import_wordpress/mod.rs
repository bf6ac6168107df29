//! `laman import wordpress` on a hand-written WXR 1.2 export (tests/fixtures/wordpress):
//! the site it writes builds, chosen posts convert exactly (snapshots), media are
//! copied, the report lists what it must, exit codes, --dry-run, re-runs, and every old
//! address answered by a real nginx with a 301 to the right page.

use crate::common;
use common::nginx::{certificates, tools, Nginx};
use common::*;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;

mod addresses;
mod generated;

fn export() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wordpress/export.xml")
}

fn uploads() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wordpress/uploads")
}

/// The test regency with `disdik`'s folder removed, ready for the import.
fn regency() -> tempfile::TempDir {
    let root = fixture("contoh");
    std::fs::remove_dir_all(root.path().join("content/disdik")).unwrap();
    root
}

fn import(root: &Path, extra: &[&str]) -> std::process::Output {
    let export = export();
    let uploads = uploads();
    let mut args = vec![
        "import",
        "wordpress",
        export.to_str().unwrap(),
        "--site",
        "disdik",
        "--uploads",
        uploads.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    laman(root, &args)
}

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(out)))
}

/// The upload's files are beside their pages, byte for byte (a resized copy's original
/// when only the original exists), and no server script is copied.
fn uploads_are_copied_beside_their_pages(site: &Path) {
    for (file, upload) in [
        (
            "berita/peluncuran-kurikulum-merdeka/kurikulum-merdeka.png",
            "2024/03/kurikulum-merdeka.png",
        ),
        (
            "berita/peluncuran-kurikulum-merdeka/brosur-sekolah-sehat.pdf",
            "2024/02/brosur-sekolah-sehat.pdf",
        ),
        (
            "berita/ujian-sekolah-jadwal-tata-tertib/ujian-ruang-1.png",
            "2024/04/ujian-ruang-1.png",
        ),
        (
            "berita/ujian-sekolah-jadwal-tata-tertib/ujian-ruang-2.png",
            "2024/04/ujian-ruang-2.png",
        ),
        (
            "berita/ujian-sekolah-jadwal-tata-tertib/kepala-dinas.png",
            "2024/04/kepala-dinas.png",
        ),
        (
            "berita/lomba-cerdas-cermat/lomba-cerdas-cermat.mp4",
            "2024/05/lomba-cerdas-cermat.mp4",
        ),
    ] {
        assert_eq!(
            std::fs::read(site.join(file)).unwrap(),
            std::fs::read(uploads().join(upload)).unwrap(),
            "{file}"
        );
    }
    assert!(!walkdir::WalkDir::new(site)
        .into_iter()
        .flatten()
        .any(|e| e.path().extension().is_some_and(|x| x == "php")));
}

#[test]
fn an_export_imports_into_a_site_that_builds() {
    let root = regency();
    let out = import(root.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let site = root.path().join("content/disdik");
    for file in [
        "_index.md",
        "berita/_index.md",
        "berita/sekolah-sehat.md",
        "berita/peluncuran-kurikulum-merdeka/index.md",
        "berita/ujian-sekolah-jadwal-tata-tertib/index.md",
        "berita/lomba-cerdas-cermat/index.md",
        "berita/zi-mei-xiao-kunjungan.md",
        "profil/_index.md",
        "profil/struktur-organisasi/_index.md",
        "profil/struktur-organisasi/bidang-pendidikan-dasar.md",
        "kontak.md",
    ] {
        assert!(site.join(file).is_file(), "{file} missing");
    }
    // Not imported: private, draft, trash, password, revision, menu, plugin type, spam.
    for gone in [
        "catatan-rapat-internal",
        "slot-gacor",
        "data-guru",
        "pengumuman-lama",
        "beranda",
    ] {
        let found = walkdir::WalkDir::new(&site)
            .into_iter()
            .flatten()
            .any(|e| e.path().to_string_lossy().contains(gone));
        assert!(!found, "{gone} was written");
    }
    uploads_are_copied_beside_their_pages(&site);

    let build = laman(root.path(), &["build"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    let public = root.path().join("public/disdik.contohkab.go.id");
    assert!(public.join("berita/sekolah-sehat/index.html").is_file());
    assert!(public
        .join("profil/struktur-organisasi/bidang-pendidikan-dasar/index.html")
        .is_file());
    let redirect = read(public.join("2024/03/18/peluncuran-kurikulum-merdeka/index.html"));
    assert!(redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=https://disdik.contohkab.go.id/berita/peluncuran-kurikulum-merdeka/\">"), "{redirect}");
    assert!(redirect.contains("<link rel=\"canonical\" href=\"https://disdik.contohkab.go.id/berita/peluncuran-kurikulum-merdeka/\">"));
    assert!(redirect.contains("noindex"));
    assert!(public.join("category/kegiatan/index.html").is_file());
    assert!(public
        .join("2024/05/15/姉妹校-kunjungan/index.html")
        .is_file());
    let sitemap = read(public.join("sitemap.xml"));
    assert!(
        !sitemap.contains("/2024/") && !sitemap.contains("/category/"),
        "{sitemap}"
    );
}

#[test]
fn chosen_posts_convert_exactly() {
    let root = regency();
    let out = import(root.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let site = root.path().join("content/disdik");
    for (name, file) in [
        (
            "block_editor_post",
            "berita/peluncuran-kurikulum-merdeka/index.md",
        ),
        (
            "classic_post_with_caption_and_gallery",
            "berita/ujian-sekolah-jadwal-tata-tertib/index.md",
        ),
        (
            "shortcodes_and_unsafe_html",
            "berita/lomba-cerdas-cermat/index.md",
        ),
        ("non_ascii_title", "berita/zi-mei-xiao-kunjungan.md"),
        (
            "page_three_deep",
            "profil/struktur-organisasi/bidang-pendidikan-dasar.md",
        ),
        ("news_section_with_archives", "berita/_index.md"),
    ] {
        insta::assert_snapshot!(format!("import_{name}"), read(site.join(file)));
    }
}

/// The text report: the same lists, in the language asked for.
fn the_text_report_says_the_same_in_either_language() {
    let root = regency();
    let text = stderr(&import(root.path(), &["--lang", "id"]));
    assert!(
        text.contains("tidak diimpor: diduga spam judi daring"),
        "{text}"
    );
    assert!(
        text.contains("Impor ke disdik selesai: 5 berita, 4 halaman"),
        "{text}"
    );
    let root = regency();
    let text = stderr(&import(root.path(), &["--lang", "en"]));
    assert!(
        text.contains("not imported: suspected gambling spam"),
        "{text}"
    );
    assert!(
        text.contains("Import into disdik done: 5 posts, 4 pages"),
        "{text}"
    );
}

#[test]
fn the_report_lists_what_was_not_imported_and_why() {
    let root = regency();
    let out = import(root.path(), &["--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = json(&out);
    let summary = &doc["summary"];
    let counts = &summary["counts"];
    assert_eq!(counts["posts"], 5, "{counts}");
    assert_eq!(counts["pages"], 4);
    assert_eq!(counts["media"], 6);
    assert_eq!(counts["spam"], 1);
    assert_eq!(summary["errors"], 0);
    let mut reasons: Vec<(u64, String)> = summary["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_u64().unwrap(),
                s["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    reasons.sort();
    let expected = [
        (54, "other-type"),
        (106, "private"),
        (107, "draft"),
        (109, "trash"),
        (110, "revision"),
        (201, "attachment"),
        (202, "attachment"),
        (203, "attachment"),
        (301, "nav-menu-item"),
        (405, "password"),
    ];
    let expected: Vec<(u64, String)> = expected.iter().map(|(i, r)| (*i, r.to_string())).collect();
    assert_eq!(reasons, expected);
    let findings = doc["findings"].as_array().unwrap();
    let of = |code: &str| -> Vec<&serde_json::Value> {
        findings.iter().filter(|f| f["code"] == code).collect()
    };
    let spam = of("import.spam");
    assert_eq!(spam.len(), 1);
    assert!(spam[0]["message"].as_str().unwrap().contains("ID 108"));
    assert!(spam[0]["line"].as_u64().unwrap() > 0);
    let shortcode = of("import.shortcode.unknown");
    assert_eq!(shortcode.len(), 1);
    assert_eq!(
        shortcode[0]["file"],
        "content/disdik/berita/lomba-cerdas-cermat/index.md"
    );
    let line = shortcode[0]["line"].as_u64().unwrap() as usize;
    let text = read(
        root.path()
            .join("content/disdik/berita/lomba-cerdas-cermat/index.md"),
    );
    assert!(
        text.lines().nth(line - 1).unwrap().contains("slider"),
        "line {line}"
    );
    let missing = of("import.media.missing");
    assert_eq!(missing.len(), 1);
    assert!(missing[0]["message"]
        .as_str()
        .unwrap()
        .contains("2024/05/jadwal-lomba.pdf"));
    assert_eq!(of("import.media.refused").len(), 1);
    assert_eq!(of("import.html.dropped").len(), 3, "{findings:#?}");
    the_text_report_says_the_same_in_either_language();
}

#[test]
fn dry_run_writes_nothing_and_reports_the_same() {
    let root = regency();
    let before = snapshot(root.path());
    let out = import(root.path(), &["--dry-run", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(snapshot(root.path()), before);
    assert!(!root.path().join("content/disdik").exists());
    let names: Vec<_> = std::fs::read_dir(root.path().join("content"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.to_string_lossy().starts_with(".laman-import")),
        "{names:?}"
    );
    assert_eq!(json(&out)["summary"]["counts"]["posts"], 5);
}

#[test]
fn a_rerun_refuses_without_force_and_never_touches_what_it_did_not_write() {
    let root = regency();
    assert_eq!(import(root.path(), &[]).status.code(), Some(0));
    let site = root.path().join("content/disdik");
    let before = snapshot(&site);
    let again = import(root.path(), &[]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    assert_eq!(snapshot(&site), before);
    let preview = import(root.path(), &["--dry-run"]);
    assert_eq!(preview.status.code(), Some(0), "{}", stderr(&preview));
    assert_eq!(snapshot(&site), before);

    // An editor's own page, an edit to an imported page, and a page the import would
    // write but did not: all kept through --force.
    write(
        site.join("agenda.md"),
        "+++\ntitle = \"Agenda\"\n+++\n\nAgenda dinas.\n",
    );
    let kontak = site.join("kontak.md");
    let edited = read(&kontak).replace("Telepon", "Telp.");
    write(&kontak, &edited);
    let out = import(root.path(), &["--force", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        read(site.join("agenda.md")),
        "+++\ntitle = \"Agenda\"\n+++\n\nAgenda dinas.\n"
    );
    assert_eq!(read(&kontak), edited);
    let kept: Vec<String> = json(&out)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "import.file.kept")
        .map(|f| f["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kept, vec!["content/disdik/kontak.md"]);
    // What it wrote itself is written again (the same bytes).
    assert_eq!(
        read(site.join("berita/sekolah-sehat.md")),
        String::from_utf8(before[Path::new("berita/sekolah-sehat.md")].clone()).unwrap()
    );
    let build = laman(root.path(), &["build"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
}

/// An export holding only a draft: exit 1 and nothing written; with `--drafts` the draft
/// is imported, as a draft.
fn drafts_alone_import_nothing_unless_asked_for(tmp: &Path, text: &str) {
    let root = regency();
    let drafts_only = tmp.join("drafts.xml");
    let start = text.find("<item>").unwrap();
    let end = text.rfind("</item>").unwrap() + "</item>".len();
    let draft = &text[text.find("<title><![CDATA[Draf: ").unwrap() - 10..];
    let draft = &draft[..draft.find("</item>").unwrap() + 7];
    std::fs::write(
        &drafts_only,
        format!("{}{}{}", &text[..start], draft.trim_start(), &text[end..]),
    )
    .unwrap();
    let out = laman(
        root.path(),
        &[
            "import",
            "wordpress",
            drafts_only.to_str().unwrap(),
            "--site",
            "disdik",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("import.nothing"));
    assert!(!root.path().join("content/disdik").exists());
    // With --drafts the same export imports the draft, as a draft.
    let out = laman(
        root.path(),
        &[
            "import",
            "wordpress",
            drafts_only.to_str().unwrap(),
            "--site",
            "disdik",
            "--drafts",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let draft = read(
        root.path()
            .join("content/disdik/berita/draf-penerimaan-peserta-didik-baru-2024.md"),
    );
    assert!(draft.contains("draft = true"), "{draft}");
}

#[test]
fn exit_status_is_1_when_nothing_imports_and_2_when_the_export_cannot_be_read() {
    let tmp = tempfile::tempdir().unwrap();
    let text = read(export());
    drafts_alone_import_nothing_unless_asked_for(tmp.path(), &text);

    let root = regency();
    let broken = tmp.path().join("broken.xml");
    std::fs::write(&broken, text.replace("</channel>", "</chanel>")).unwrap();
    for (file, says) in [
        (broken.as_path(), "XML"),
        (
            Path::new("/nonexistent/export.xml"),
            "cannot read the WordPress export",
        ),
    ] {
        let out = laman(
            root.path(),
            &[
                "import",
                "wordpress",
                file.to_str().unwrap(),
                "--site",
                "disdik",
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains(says), "{}", stderr(&out));
    }
    let html = tmp.path().join("page.html");
    std::fs::write(&html, "<html><body>bukan ekspor</body></html>").unwrap();
    let out = laman(
        root.path(),
        &[
            "import",
            "wordpress",
            html.to_str().unwrap(),
            "--site",
            "disdik",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a WordPress export"),
        "{}",
        stderr(&out)
    );
    // A label the registry does not allow.
    for label in ["nosuch", "lpse", "dishub"] {
        let out = laman(
            root.path(),
            &[
                "import",
                "wordpress",
                export().to_str().unwrap(),
                "--site",
                label,
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{label}: {}", stderr(&out));
    }
    assert!(!root.path().join("content/disdik").exists());
    let leftovers = std::fs::read_dir(root.path().join("content"))
        .unwrap()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().starts_with('.'));
    assert!(!leftovers);
}
