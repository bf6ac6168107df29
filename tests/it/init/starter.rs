//! What `init` and `new site` write is clean: `laman check` finds nothing in it but the
//! state of the site (a notice while its subdomain is still requested); and a page's
//! problems are all reported in one run.

use super::{approve, checked, init, request};
use crate::common::*;
use serde_json::Value;
use std::path::Path;

#[test]
fn init_and_new_site_write_nothing_check_warns_about() {
    let (_tmp, repo, _) = init("sukamajukab.go.id");
    assert_eq!(checked(&repo, "code", "message"), vec![], "init alone");
    request(&repo, "dinkes", "Dinas Kesehatan", true);
    request(&repo, "disdik", "Dinas Pendidikan dan Kebudayaan", true);
    // Before the decree each site is only being prepared: one notice each, no warning.
    let found = checked(&repo, "code", "severity");
    assert_eq!(found.len(), 2, "{found:?}");
    for (code, severity) in &found {
        assert_eq!(
            (code.as_str(), severity.as_str()),
            ("content.prepared", "notice"),
            "{found:?}"
        );
    }
    // Once approved, nothing at all.
    for label in ["dinkes", "disdik"] {
        approve(&repo, label);
    }
    assert_eq!(checked(&repo, "code", "message"), vec![]);
}

#[test]
fn every_problem_of_a_page_is_reported_in_one_run() {
    let (_tmp, repo, _) = init("sukamajukab.go.id");
    // Five different problems in one page: an Indonesian field name, a broken link, an
    // iframe from a host not allowed, a picture without alt text, a link off go.id.
    std::fs::write(
        repo.join("content/portal/pengumuman.md"),
        "+++\ntitle = \"Pengumuman\"\ntanggal = \"2026-11-20\"\n+++\n\n\
         Lihat [PPDB](@/berita/ppdb-2072.md).\n\n\
         <iframe src=\"https://maps.example.com/x\"></iframe>\n\n\
         ![](foto.jpg)\n\n[Toko](https://toko.example.com/)\n",
    )
    .unwrap();
    std::fs::write(repo.join("content/portal/foto.jpg"), b"\xff\xd8\xff").unwrap();
    let found = checked(&repo, "code", "message");
    let all = format!("{found:?}");
    let mut distinct: Vec<&str> = found.iter().map(|(c, _)| c.as_str()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(
        distinct,
        [
            "content.frontmatter.field",
            "content.html.unsafe",
            "content.image.alt",
            "content.link.broken",
            "content.link.external",
        ],
        "{all}"
    );
    assert!(all.contains("`tanggal`"), "{all}");
}

#[test]
fn an_indonesian_field_name_is_answered_with_the_field_meant() {
    let (_tmp, repo, _) = init("sukamajukab.go.id");
    std::fs::write(
        repo.join("content/portal/pengumuman.md"),
        "+++\ntitle = \"Pengumuman\"\ntanggal = \"2026-11-20\"\n+++\n\nTeks.\n",
    )
    .unwrap();
    let out = laman(&repo, &["check", "--format", "json"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("`date`"), "{text}");
}

#[test]
fn an_embed_from_an_allowed_host_is_no_external_link() {
    let (_tmp, repo, _) = init("sukamajukab.go.id");
    let settings = repo.join("content/portal/_site.toml");
    let text = format!(
        "{}\n[embeds]\niframe_hosts = [\"www.openstreetmap.org\"]\n",
        read(&settings)
    );
    write(&settings, &text);
    write(
        repo.join("content/portal/peta.md"),
        "+++\ntitle = \"Peta\"\n+++\n\n<iframe src=\"https://www.openstreetmap.org/export/embed.html\" title=\"Peta\"></iframe>\n",
    );
    let found = checked(&repo, "code", "message");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn init_writes_the_dinas_contact_commented_or_as_given() {
    let (_tmp, repo, _) = init("sukamajukab.go.id");
    let registry = read(repo.join("domains.toml"));
    assert!(
        registry.contains("\n# contact = \"diskominfo@sukamajukab.go.id\"\n"),
        "{registry}"
    );
    let tmp = tempfile::tempdir().unwrap();
    let args = [
        "init",
        "r",
        "--name",
        "Kabupaten Sukamaju",
        "--domain",
        "sukamajukab.go.id",
        "--contact",
        "layanan@sukamajukab.go.id",
    ];
    let out = super::laman_here(tmp.path(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let repo = tmp.path().join("r");
    let registry: toml::Table = toml::from_str(&read(repo.join("domains.toml"))).unwrap();
    assert_eq!(
        registry["regency"]["contact"].as_str(),
        Some("layanan@sukamajukab.go.id")
    );
    assert_eq!(checked(&repo, "code", "message"), vec![]);
    // Not one address: refused by the registry's rules, nothing written.
    let args = [
        "init",
        "s",
        "--name",
        "Kabupaten Sukamaju",
        "--domain",
        "sukamajukab.go.id",
        "--contact",
        "0812 3456\"\n[x]",
    ];
    let out = super::laman_here(tmp.path(), &args);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("registry.field.invalid"),
        "{}",
        stderr(&out)
    );
    assert!(!tmp.path().join("s").exists());
}

#[test]
fn the_starter_ppid_pages_show_an_example_list_only_as_drafts() {
    let (_tmp, repo, _) = init("sukamajukab.go.id");
    request(&repo, "dinkes", "Dinas Kesehatan", true);
    approve(&repo, "dinkes");
    // With its drafts the list renders, and its links resolve: nothing to report.
    let drafts = repo.join("drafts");
    let out = laman(
        &repo,
        &[
            "build",
            "--drafts",
            "--format",
            "json",
            "--out",
            drafts.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["findings"], serde_json::json!([]), "{json}");
    for (site, example) in [
        ("sukamajukab.go.id", "Contoh: Profil daerah"),
        (
            "dinkes.sukamajukab.go.id",
            "Contoh: Standar pelayanan publik",
        ),
    ] {
        let page = read(drafts.join(site).join("ppid/index.html"));
        assert!(page.contains(example), "{site}: {page}");
        assert!(
            page.contains("Selama berlaku"),
            "{site}: the retention shown"
        );
    }
    // Without them, no example is published anywhere.
    let public = repo.join("public");
    let out = laman(&repo, &["build", "--out", public.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for site in ["sukamajukab.go.id", "dinkes.sukamajukab.go.id"] {
        assert!(
            !public.join(site).join("ppid/index.html").exists(),
            "{site}"
        );
    }
    assert!(!holds(&public, "Contoh: "), "an example was published");
}

/// Whether any file under `dir` holds `text`.
fn holds(dir: &Path, text: &str) -> bool {
    std::fs::read_dir(dir).unwrap().any(|entry| {
        let path = entry.unwrap().path();
        if path.is_dir() {
            holds(&path, text)
        } else {
            std::fs::read(&path).is_ok_and(|b| String::from_utf8_lossy(&b).contains(text))
        }
    })
}
