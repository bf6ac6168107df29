//! What laman may read and publish (issue 10, points 2 and 5): nothing outside the
//! regency repository, a site only its own folder and the regency's theme, whatever the
//! symbolic links say; and a site's own code (templates, HTML, scripts, active SVG) only
//! when the Dinas allows it in the registry with `custom_code = true`.

use crate::common;
use common::*;
use std::io::{Read, Write};
use std::os::unix::fs::symlink;
use std::path::Path;

mod custom_code;

const DINKES: &str = "public/dinkes.contohkab.go.id";

/// A refused build (see `refused_build`) that, even with `--keep-going` publishing what
/// it can, leaves every file of the machine out.
fn refused(spoil: impl FnOnce(&Path), code: &str, file: &str) -> serde_json::Value {
    let (root, hit) = refused_build(spoil, code, file);
    let kept = laman(root.path(), &["build", "--keep-going"]);
    assert_eq!(kept.status.code(), Some(1));
    assert_no_machine_files(&root.path().join("public"));
    hit
}

/// Nothing in the tree is a file of the machine or of version control.
fn assert_no_machine_files(public: &Path) {
    for (path, bytes) in snapshot(public) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("root:x:0:0"),
            "{} holds /etc/passwd",
            path.display()
        );
        assert!(
            !text.contains("[core]"),
            "{} holds a git config",
            path.display()
        );
        assert!(
            !path.components().any(|c| c.as_os_str() == ".git"),
            "{} is published",
            path.display()
        );
    }
}

fn link(target: &str, at: impl AsRef<Path>) {
    let at = at.as_ref();
    std::fs::create_dir_all(at.parent().unwrap()).unwrap();
    symlink(target, at).unwrap();
}

// Point 2: links that leave the site's folder or the theme's.

#[test]
fn static_link_to_etc_passwd_is_refused() {
    let hit = refused(
        |r| link("/etc/passwd", r.join("content/dinkes/_static/passwd")),
        "content.path.outside",
        "content/dinkes/_static/passwd",
    );
    assert_eq!(hit["site"], "dinkes");
    assert!(
        hit["message"].as_str().unwrap().contains("/etc/passwd"),
        "{hit}"
    );
}

#[test]
fn bundle_link_to_etc_passwd_is_refused() {
    refused(
        |r| {
            link(
                "/etc/passwd",
                r.join("content/dinkes/profil/struktur/data.txt"),
            )
        },
        "content.path.outside",
        "content/dinkes/profil/struktur/data.txt",
    );
}

#[test]
fn theme_static_link_to_etc_passwd_is_refused() {
    refused(
        |r| link("/etc/passwd", r.join("themes/pemda/static/passwd.txt")),
        "content.path.outside",
        "themes/pemda/static/passwd.txt",
    );
}

#[test]
fn theme_folder_that_is_a_link_is_refused() {
    refused(
        |r| {
            std::fs::create_dir_all(r.join("themes")).unwrap();
            link("/etc", r.join("themes/pemda"));
        },
        "content.path.outside",
        "themes/pemda",
    );
}

#[test]
fn template_link_to_etc_passwd_is_refused() {
    refused(
        |r| {
            allow_custom_code(r, "dinkes");
            link("/etc/passwd", r.join("content/dinkes/_templates/page.html"));
        },
        "content.path.outside",
        "content/dinkes/_templates/page.html",
    );
}

#[test]
fn link_to_a_folder_outside_is_refused() {
    refused(
        |r| link("/etc/ssl", r.join("content/dinkes/_static/ssl")),
        "content.path.outside",
        "content/dinkes/_static/ssl",
    );
}

#[test]
fn static_folder_that_is_a_link_is_refused() {
    refused(
        |r| link("/etc/ssl", r.join("content/dinkes/_static")),
        "content.path.outside",
        "content/dinkes/_static",
    );
}

#[test]
fn link_to_git_is_refused_and_git_is_never_published() {
    refused(
        |r| {
            write(r.join(".git/config"), "[core]\n\tbare = false\n");
            write(
                r.join("content/dinkes/.git/config"),
                "[core]\n\tbare = false\n",
            );
            write(r.join("content/dinkes/_static/.git/config"), "[core]\n");
            link(
                "../../../.git/config",
                r.join("content/dinkes/_static/config"),
            );
            link(
                "../.git/config",
                r.join("content/dinkes/_static/config-situs"),
            );
        },
        "content.path.outside",
        "content/dinkes/_static/config-situs",
    );
}

#[test]
fn relative_escape_is_refused() {
    refused(
        |r| {
            link(
                "../../../../../../../../etc/passwd",
                r.join("content/dinkes/berita/lampiran.txt"),
            )
        },
        "content.path.outside",
        "content/dinkes/berita/lampiran.txt",
    );
}

#[test]
fn chain_that_ends_outside_is_refused() {
    refused(
        |r| {
            link("../../..", r.join("content/dinkes/naik"));
            link("b.txt", r.join("content/dinkes/_static/a.txt"));
            link("../naik/etc/passwd", r.join("content/dinkes/_static/b.txt"));
        },
        "content.path.outside",
        "content/dinkes/_static/a.txt",
    );
}

#[test]
fn dangling_link_is_refused() {
    refused(
        |r| link("tidak-ada.txt", r.join("content/dinkes/_static/hilang.txt")),
        "content.path.outside",
        "content/dinkes/_static/hilang.txt",
    );
}

#[test]
fn content_folder_that_is_a_link_is_refused() {
    refused(
        |r| {
            std::fs::rename(r.join("content/disdik"), r.join("disdik-asli")).unwrap();
            link("../disdik-asli", r.join("content/disdik"));
        },
        "content.path.outside",
        "content/disdik",
    );
}

#[test]
fn registry_that_is_a_link_out_of_the_root_is_refused() {
    let root = fixture("contoh");
    let elsewhere = tempfile::tempdir().unwrap();
    let moved = elsewhere.path().join("domains.toml");
    std::fs::rename(root.path().join("domains.toml"), &moved).unwrap();
    link(moved.to_str().unwrap(), root.path().join("domains.toml"));
    let out = laman(root.path(), &["build", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let all = findings(&out);
    assert!(
        all.iter()
            .any(|f| f["code"] == "content.path.outside" && f["file"] == "domains.toml"),
        "{all:#?}"
    );
    assert!(!root.path().join("public").exists());
}

#[test]
fn absolute_theme_is_refused() {
    let hit = refused(
        |r| {
            write(
                r.join("content/dinkes/_site.toml"),
                "tagline = \"x\"\ntheme = \"/etc\"\n",
            )
        },
        "content.path.outside",
        "content/dinkes/_site.toml",
    );
    assert_eq!(hit["line"], 2);
}

#[test]
fn theme_above_themes_is_refused() {
    refused(
        |r| {
            write(r.join("x/templates/page.html"), "{{ page.title }}");
            write(r.join("content/dinkes/_site.toml"), "theme = \"../x\"\n");
        },
        "content.path.outside",
        "content/dinkes/_site.toml",
    );
}

#[test]
fn link_to_a_file_inside_the_site_is_followed() {
    let root = fixture("contoh");
    write(
        root.path().join("content/dinkes/_static/jadwal.txt"),
        "Senin",
    );
    link(
        "jadwal.txt",
        root.path().join("content/dinkes/_static/jadwal-baru.txt"),
    );
    link(
        "../../_static/jadwal.txt",
        root.path()
            .join("content/dinkes/profil/struktur/jadwal.txt"),
    );
    let out = laman(root.path(), &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let public = root.path().join(DINKES);
    assert_eq!(read(public.join("jadwal-baru.txt")), "Senin");
    assert_eq!(read(public.join("profil/struktur/jadwal.txt")), "Senin");
    assert!(!public.join("jadwal-baru.txt").is_symlink());
}

/// `laman serve` reads through the same rules: the linked file and the unapproved
/// script are not served, and the overlay names both.
#[test]
fn serve_does_not_serve_refused_files() {
    let root = fixture("contoh");
    link(
        "/etc/passwd",
        root.path().join("content/dinkes/_static/passwd"),
    );
    write(root.path().join("content/dinkes/_static/x.js"), "alert(1)");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_laman"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root.path())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let announced = crate::common::child::announced(
        &mut child,
        "laman serve: http://localhost:",
        crate::common::child::START_LIMIT,
    );
    let port: u16 = announced.split('/').next().unwrap().parse().unwrap();
    let _guard = Kill(child);
    let get = |path: &str| {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: dinkes.localhost:{port}\r\nConnection: close\r\n\r\n"
        );
        s.write_all(request.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        let _ = s.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    };
    for path in ["/passwd", "/x.js"] {
        let response = get(path);
        assert!(response.starts_with("HTTP/1.1 404"), "{path}: {response}");
        assert!(!response.contains("root:x:0:0") && !response.contains("alert(1)"));
    }
    let home = get("/");
    assert!(home.contains("content.path.outside"), "{home}");
    assert!(home.contains("content.code.unapproved"), "{home}");
}
