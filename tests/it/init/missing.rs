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
