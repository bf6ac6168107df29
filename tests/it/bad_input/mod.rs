//! Every kind of bad input gives a finding that names file and line, the right exit
//! status, and leaves the published output exactly as it was.

use crate::common;
use common::*;
use std::path::Path;

mod limits;
mod markup;

/// A refused build (see `refused_build`) whose finding is at `line`; its message.
fn spoiled(spoil: impl FnOnce(&Path), code: &str, file: &str, line: Option<u64>) -> String {
    let (_root, hit) = refused_build(spoil, code, file);
    if let Some(line) = line {
        assert_eq!(hit["line"], line, "{hit}");
    }
    hit["message"].as_str().unwrap().to_string()
}

#[test]
fn malformed_toml_front_matter() {
    spoiled(
        |r| {
            write(
                r.join("content/dinkes/berita/kabar-1.md"),
                "+++\ntitle = \"Kabar\ndate = 2026-01-01\n+++\nIsi\n",
            )
        },
        "content.frontmatter.parse",
        "content/dinkes/berita/kabar-1.md",
        Some(2),
    );
}

#[test]
fn malformed_yaml_front_matter() {
    spoiled(
        |r| {
            write(
                r.join("content/disdik/_index.md"),
                "---\ntitle: Beranda\ntags: [a, b\nweight: 1\n---\nIsi\n",
            )
        },
        "content.frontmatter.parse",
        "content/disdik/_index.md",
        None,
    );
}

#[test]
fn missing_title() {
    let msg = spoiled(
        |r| {
            write(
                r.join("content/dinkes/profil/visi-misi.md"),
                "+++\nweight = 1\n+++\nIsi\n",
            )
        },
        "content.frontmatter.field",
        "content/dinkes/profil/visi-misi.md",
        None,
    );
    assert!(msg.contains("title"));
}

#[test]
fn unknown_front_matter_field() {
    let msg = spoiled(
        |r| {
            write(
                r.join("content/dinkes/profil/visi-misi.md"),
                "+++\ntitle = \"Visi\"\n\ntanggal = 2026-01-01\n+++\nIsi\n",
            )
        },
        "content.frontmatter.field",
        "content/dinkes/profil/visi-misi.md",
        Some(4),
    );
    assert!(msg.contains("tanggal"));
}

#[test]
fn unknown_template() {
    spoiled(
        |r| {
            write(
                r.join("content/dinkes/profil/visi-misi.md"),
                "+++\ntitle = \"Visi\"\ntemplate = \"tidak-ada.html\"\n+++\nIsi\n",
            )
        },
        "content.template",
        "content/dinkes/profil/visi-misi.md",
        Some(3),
    );
}

#[test]
fn template_syntax_error() {
    spoiled(
        |r| {
            allow_custom_code(r, "dinkes");
            write(
                r.join("content/dinkes/_templates/page.html"),
                "<p>\n{{ page.title }\n</p>\n",
            )
        },
        "content.template",
        "content/dinkes/_templates/page.html",
        Some(2),
    );
}

#[test]
fn template_that_fails_while_rendering() {
    let msg = spoiled(
        |r| {
            allow_custom_code(r, "dinkes");
            write(
                r.join("content/dinkes/_templates/page.html"),
                "<!doctype html>\n<title>{{ page.title }}</title>\n<p>{{ page.tidak_ada.sama_sekali }}</p>\n",
            )
        },
        "content.template",
        "content/dinkes/_templates/page.html",
        Some(3),
    );
    assert!(msg.contains("tidak_ada"), "{msg}");
}

#[test]
fn link_to_a_missing_page() {
    let msg = spoiled(
        |r| {
            write(r.join("content/dinkes/berita/kabar-2.md"), "+++\ntitle = \"Kabar\"\ndate = 2026-04-10\n+++\n\nSatu.\n\nLihat [ini](@/profil/sejarah.md).\n")
        },
        "content.link.broken",
        "content/dinkes/berita/kabar-2.md",
        Some(8),
    );
    assert!(msg.contains("profil/sejarah.md"));
}

#[test]
fn misspelt_links_get_the_closest_name() {
    // The hint names the link meant, written as the editor would write it.
    let hint = |spoil: &dyn Fn(&Path)| {
        let (_root, hit) = refused_build(
            |r| spoil(r),
            "content.link.broken",
            "content/dinkes/berita/kabar-2.md",
        );
        assert_eq!(hit["line"], 4, "{hit}");
        hit["help"].as_str().unwrap().to_string()
    };
    let help = hint(&|r| {
        write(
            r.join("content/dinkes/berita/kabar-2.md"),
            "+++\ntitle = \"Kabar\"\n+++\n[Visi](@/profil/visi-misii.md)\n",
        )
    });
    assert!(
        help.contains("did you mean `@/profil/visi-misi.md`"),
        "{help}"
    );
    let help = hint(&|r| {
        write(
            r.join("content/dinkes/berita/kabar-2.md"),
            "+++\ntitle = \"Kabar\"\n+++\n[Disdik](@disdikk/_index.md)\n",
        )
    });
    assert!(help.contains("did you mean `@disdik/_index.md`"), "{help}");
}

#[test]
fn link_to_a_missing_heading() {
    // In another site, to a heading that is not there (the page itself exists).
    let msg = spoiled(
        |r| {
            write(
                r.join("content/dinkes/berita/kabar-2.md"),
                "+++\ntitle = \"Kabar\"\n+++\n[Visi](@/profil/visi-misi.md#visi)\n\n[Tujuan](@/profil/visi-misi.md#tujuan)\n",
            )
        },
        "content.link.broken",
        "content/dinkes/berita/kabar-2.md",
        Some(6),
    );
    assert!(msg.contains("#tujuan"), "{msg}");
}

#[test]
fn link_to_an_unpublished_site() {
    // dishub is suspended: a warning for the linking page, never an error (one site's
    // status never stops another's build; tests/it/status.rs covers every status).
    let root = fixture("contoh");
    write(
        root.path().join("content/dinkes/berita/kabar-2.md"),
        "+++\ntitle = \"Kabar\"\n+++\n[Dishub](@dishub/_index.md)\n",
    );
    let out = laman(root.path(), &["check", "--format", "json"]);
    let found = findings(&out);
    let link = found
        .iter()
        .find(|f| f["file"] == "content/dinkes/berita/kabar-2.md")
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(link["code"], "content.link.unpublished");
    assert_eq!(link["severity"], "warning");
    assert_eq!(link["line"], 4);
    assert!(link["message"].as_str().unwrap().contains("suspended"));
    let broken = laman(root.path(), &["check"]);
    assert!(!stderr(&broken).contains("content.link.broken"));
}

#[test]
fn two_pages_at_one_address() {
    spoiled(
        |r| {
            write(
                r.join("content/dinkes/profil/Visi Misi.md"),
                "+++\ntitle = \"Lagi\"\n+++\n",
            )
        },
        "content.path.collision",
        "content/dinkes/profil/visi-misi.md",
        None,
    );
}

#[test]
fn file_that_is_not_utf8() {
    spoiled(
        |r| {
            std::fs::write(
                r.join("content/dinkes/berita/kabar-1.md"),
                b"+++\ntitle = \"Kabar\"\n+++\n\nCaf\xe9 lama\n",
            )
            .unwrap()
        },
        "content.read",
        "content/dinkes/berita/kabar-1.md",
        Some(5),
    );
}

#[test]
fn unreadable_file() {
    spoiled(
        |r| {
            // A named pipe: not a file laman can read (and never waits on).
            let made = std::process::Command::new("mkfifo")
                .arg(r.join("content/dinkes/berita/hilang.md"))
                .status()
                .unwrap();
            assert!(made.success());
        },
        "content.read",
        "content/dinkes/berita/hilang.md",
        None,
    );
}

#[test]
fn registry_syntax_error() {
    spoiled(
        |r| {
            let text = read(r.join("domains.toml"))
                .replace("owner = \"Dinas Pendidikan\"", "owner = Dinas Pendidikan");
            write(r.join("domains.toml"), &text);
        },
        "registry.parse",
        "domains.toml",
        Some(34),
    );
}

#[test]
fn content_folder_with_no_registry_entry() {
    let msg = spoiled(
        |r| {
            write(
                r.join("content/dinkess/_index.md"),
                "+++\ntitle = \"Salah eja\"\n+++\n",
            )
        },
        "content.unregistered",
        "content/dinkess",
        None,
    );
    assert!(msg.contains("dinkess"));
    let root = fixture("contoh");
    write(
        root.path().join("content/dinkess/_index.md"),
        "+++\ntitle = \"x\"\n+++\n",
    );
    let out = laman(root.path(), &["check"]);
    assert!(
        stderr(&out).contains("did you mean `dinkes`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn unsafe_raw_html() {
    for (html, line) in [
        (
            "<script>document.location='https://judi.example'</script>",
            5,
        ),
        ("<meta name=\"google-site-verification\" content=\"x\">", 5),
        ("<a href=\"javascript:alert(1)\">klik</a>", 5),
        ("<img src=\"x.png\" alt=\"x\" onerror=\"alert(1)\">", 5),
        ("<iframe src=\"https://slot.example/\"></iframe>", 5),
    ] {
        spoiled(
            |r| {
                write(
                    r.join("content/dinkes/berita/kabar-1.md"),
                    &format!("+++\ntitle = \"Kabar\"\n+++\n\n{html}\n"),
                )
            },
            "content.html.unsafe",
            "content/dinkes/berita/kabar-1.md",
            Some(line),
        );
    }
}

#[test]
fn root_that_does_not_exist_is_exit_2() {
    let out = laman(Path::new("/nonexistent/regency"), &["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/nonexistent/regency"));
    let empty = tempfile::tempdir().unwrap();
    let out = laman(empty.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("domains.toml"));
}

#[test]
fn bad_arguments_are_exit_2() {
    let root = fixture("contoh");
    let out = laman(root.path(), &["build", "--format", "yaml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn keep_going_publishes_clean_sites_and_keeps_failed_ones() {
    let root = fixture("contoh");
    assert_eq!(laman(root.path(), &["build"]).status.code(), Some(0));
    let dinkes_before = snapshot(&root.path().join("public/dinkes.contohkab.go.id"));
    write(
        root.path().join("content/dinkes/berita/kabar-1.md"),
        "+++\ntitle = \"Kabar\"\n+++\n[x](@/tidak-ada.md)\n",
    );
    write(
        root.path().join("content/disdik/berita/baru.md"),
        "+++\ntitle = \"Berita Disdik Terbaru\"\ndate = 2026-11-01\n+++\nBaru.\n",
    );
    let out = laman(root.path(), &["build", "--keep-going"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        root.path()
            .join("public/disdik.contohkab.go.id/berita/baru/index.html")
            .is_file(),
        "the clean site is published"
    );
    assert_eq!(
        dinkes_before,
        snapshot(&root.path().join("public/dinkes.contohkab.go.id")),
        "the failed site keeps its previous output"
    );
    assert!(
        stderr(&out).contains("kept the previous output of: dinkes"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn failed_first_build_creates_no_output() {
    let root = fixture("contoh");
    write(
        root.path().join("content/dinkes/berita/kabar-1.md"),
        "no front matter",
    );
    let out = laman(root.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!root.path().join("public").exists());
    let leftovers: Vec<_> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
