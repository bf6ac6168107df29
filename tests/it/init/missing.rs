//! `laman new site LABEL --missing`: the starter pages an imported or older site lacks
//! are added as drafts; every file already there keeps its bytes.

use super::{init, request};
use crate::common::*;
use std::path::Path;

fn requested_site(repo: &Path) {
    request(repo, "dinkes", "Dinas Kesehatan", false);
}

#[test]
fn missing_pages_are_added_and_edited_ones_keep_their_bytes() {
    let (_tmp, repo, _) = init("sukamajukab.go.id");
    requested_site(&repo);
    let site = repo.join("content/dinkes");
    // A site imported before: a home page and a contact page of its own, its PPID page
    // as a section, and a news section; nothing else.
    let edited: [(&str, &str); 4] = [
        (
            "_index.md",
            "+++\ntitle = \"Dinkes\"\n+++\n\nSelamat datang.\n",
        ),
        (
            "kontak.md",
            "+++\ntitle = \"Kontak\"\n+++\n\nJl. Merdeka 1\r\n",
        ),
        ("ppid/_index.md", "+++\ntitle = \"PPID\"\n+++\n\nDaftar.\n"),
        ("berita/_index.md", "+++\ntitle = \"Berita\"\n+++\n"),
    ];
    for (path, bytes) in edited {
        write(site.join(path), bytes);
    }
    let out = laman(&repo, &["new", "site", "dinkes", "--missing"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for (path, bytes) in edited {
        assert_eq!(
            std::fs::read(site.join(path)).unwrap(),
            bytes.as_bytes(),
            "{path}"
        );
    }
    // The same page under another file (ppid/_index.md) is not written again.
    assert!(!site.join("ppid.md").exists());
    let added = [
        "_site.toml",
        "profil/_index.md",
        "profil/visi-misi.md",
        "profil/struktur-organisasi.md",
        "profil/tugas-fungsi.md",
        "layanan/_index.md",
    ];
    for path in added {
        assert!(site.join(path).is_file(), "{path}");
    }
    let said = stderr(&out);
    for path in added {
        assert!(
            said.contains(&format!("added (draft): content/dinkes/{path}")),
            "{said}"
        );
    }
    for path in ["_index.md", "kontak.md", "ppid.md", "berita/_index.md"] {
        assert!(
            said.contains(&format!("left as it is: content/dinkes/{path}")),
            "{said}"
        );
    }
    assert!(
        said.contains("6 draft pages added to dinkes, 4 files"),
        "{said}"
    );
    // A second run adds nothing; the site still checks with its notice alone.
    let again = laman(&repo, &["new", "site", "dinkes", "--missing"]);
    assert!(
        stderr(&again).contains("0 draft pages added"),
        "{}",
        stderr(&again)
    );
    let check = laman(&repo, &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let codes: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["content.prepared"], "{json}");
}

#[test]
fn without_missing_an_existing_site_is_refused_and_the_way_is_named() {
    let (_tmp, repo, _) = init("sukamajukab.go.id");
    requested_site(&repo);
    write(
        repo.join("content/dinkes/kontak.md"),
        "+++\ntitle = \"K\"\n+++\n",
    );
    let out = laman(&repo, &["new", "site", "dinkes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("laman new site dinkes --missing"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        read(repo.join("content/dinkes/kontak.md")),
        "+++\ntitle = \"K\"\n+++\n"
    );
}

#[test]
fn the_portal_gets_back_a_page_it_lacks() {
    let (_tmp, repo, _) = init("sukamajukab.go.id");
    std::fs::remove_file(repo.join("content/portal/ppid.md")).unwrap();
    let out = laman(&repo, &["new", "site", "portal", "--missing"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(read(repo.join("content/portal/ppid.md")).contains("draft = true"));
    assert!(
        stderr(&out).contains("1 draft page added to portal"),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn nothing_is_written_through_a_symbolic_link() {
    let (tmp, repo, _) = init("sukamajukab.go.id");
    requested_site(&repo);
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    write(
        repo.join("content/dinkes/kontak.md"),
        "+++\ntitle = \"K\"\n+++\n",
    );
    std::os::unix::fs::symlink(&elsewhere, repo.join("content/dinkes/profil")).unwrap();
    let out = laman(&repo, &["new", "site", "dinkes", "--missing"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
}

/// The guides as this laman ships them.
fn shipped(guide: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(guide)).unwrap()
}

const GUIDES: [&str; 2] = ["docs/panduan-editor.md", "docs/panduan-dinas.md"];

#[test]
fn an_older_regency_gets_the_guides_back_and_an_edited_one_is_kept() {
    let (_tmp, repo, _) = init("sukamajukab.go.id");
    requested_site(&repo);
    // Made by an older `laman init`: no docs/ at all.
    std::fs::remove_dir_all(repo.join("docs")).unwrap();
    // An OPD site's --missing leaves the regency's folders alone.
    write(
        repo.join("content/dinkes/kontak.md"),
        "+++\ntitle = \"K\"\n+++\n",
    );
    let opd = laman(&repo, &["new", "site", "dinkes", "--missing"]);
    assert_eq!(opd.status.code(), Some(0), "{}", stderr(&opd));
    assert!(!repo.join("docs").exists());

    let out = laman(&repo, &["new", "site", "portal", "--missing"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = stderr(&out);
    for guide in GUIDES {
        assert_eq!(std::fs::read(repo.join(guide)).unwrap(), shipped(guide));
        assert!(said.contains(&format!("added (guide): {guide}")), "{said}");
    }
    assert!(said.contains("2 guides added ("), "{said}");
    assert!(said.contains("0 draft pages added to portal"), "{said}");

    // An edited guide is the regency's own: kept; a deleted one comes back.
    let edited = "# Panduan kami\n\nDisesuaikan oleh Diskominfo.\n";
    write(repo.join(GUIDES[0]), edited);
    std::fs::remove_file(repo.join(GUIDES[1])).unwrap();
    let again = laman(&repo, &["new", "site", "portal", "--missing"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    let said = stderr(&again);
    assert_eq!(read(repo.join(GUIDES[0])), edited);
    assert_eq!(
        std::fs::read(repo.join(GUIDES[1])).unwrap(),
        shipped(GUIDES[1])
    );
    assert!(
        said.contains(&format!("left as it is: {}", GUIDES[0])),
        "{said}"
    );
    assert!(said.contains("1 guide added ("), "{said}");
}

#[cfg(unix)]
#[test]
fn no_guide_is_written_through_a_symbolic_link() {
    let (tmp, repo, _) = init("sukamajukab.go.id");
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::remove_dir_all(repo.join("docs")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, repo.join("docs")).unwrap();
    let out = laman(&repo, &["new", "site", "portal", "--missing"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    // A guide that is a link (even a broken one) is left as it is.
    std::fs::remove_file(repo.join("docs")).unwrap();
    std::fs::create_dir(repo.join("docs")).unwrap();
    let target = elsewhere.join("panduan.md");
    std::os::unix::fs::symlink(&target, repo.join(GUIDES[0])).unwrap();
    let out = laman(&repo, &["new", "site", "portal", "--missing"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!target.exists());
    assert!(repo.join(GUIDES[0]).is_symlink());
    assert_eq!(
        std::fs::read(repo.join(GUIDES[1])).unwrap(),
        shipped(GUIDES[1])
    );
}
