//! Every kind of bad input gives a finding that names file and line, the right exit
//! status, and leaves the published output exactly as it was.

mod common;
use common::*;
use std::path::Path;

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
    let msg = spoiled(
        |r| {
            write(
                r.join("content/dinkes/berita/kabar-2.md"),
                "+++\ntitle = \"Kabar\"\n+++\n[Visi](@/profil/visi-misii.md)\n",
            )
        },
        "content.link.broken",
        "content/dinkes/berita/kabar-2.md",
        Some(4),
    );
    assert!(msg.contains("did you mean `profil/visi-misi.md`"), "{msg}");
    let msg = spoiled(
        |r| {
            write(
                r.join("content/dinkes/berita/kabar-2.md"),
                "+++\ntitle = \"Kabar\"\n+++\n[Disdik](@disdikk/_index.md)\n",
            )
        },
        "content.link.broken",
        "content/dinkes/berita/kabar-2.md",
        Some(4),
    );
    assert!(msg.contains("did you mean `@disdik/`"), "{msg}");
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
    // status never stops another's build; tests/status.rs covers every status).
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

#[test]
fn script_in_heading_attributes() {
    for (heading, line) in [
        ("## Judul {onfocus=alert(1) autofocus tabindex=1}", 5),
        ("## Judul {style=\"position:fixed;inset:0\"}", 5),
        ("## Judul {href=javascript:alert(1)}", 5),
        ("## Judul {#konten}", 5),
        ("Judul {.lewati}\n-----", 5),
    ] {
        let msg = spoiled(
            |r| {
                write(
                    r.join("content/dinkes/berita/kabar-1.md"),
                    &format!("+++\ntitle = \"Kabar\"\n+++\n\n{heading}\n\nIsi.\n"),
                )
            },
            "content.html.unsafe",
            "content/dinkes/berita/kabar-1.md",
            Some(line),
        );
        assert!(msg.contains("heading"), "{msg}");
    }
}

#[test]
fn unsafe_html_split_over_lines_names_the_line_of_the_problem() {
    let iframe_hosts = "[embeds]\niframe_hosts = [\"www.openstreetmap.org\"]\n";
    for (html, line) in [
        ("<div>\n<script\n>alert(1)</script>\n</div>", 6),
        ("<div>\n<img src=\"x.png\" alt=\"x\"\nonerror=\"alert(1)\">\n</div>", 7),
        ("<div>\n<a\nhref=\"javascript:alert(1)\">klik</a>\n</div>", 7),
        ("Teks <a\nhref=\"jav&#x61;script:alert(1)\">klik</a>", 6),
        ("<iframe src=\"https://www.openstreetmap.org/e\"\nsrcdoc=\"<script>alert(1)</script>\"></iframe>", 6),
        ("<iframe src=\"https://www.openstreetmap.org/e\" sandbox=\"allow-scripts\"></iframe>", 5),
        ("<p style=\"background:url(javascript:alert(1))\">x</p>", 5),
        ("<svg><a href=\"https://judi.example\">x</a></svg>", 5),
    ] {
        spoiled(
            |r| {
                write(r.join("content/dinkes/_site.toml"), iframe_hosts);
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
fn unsafe_address_in_site_links() {
    for url in [
        "javascript:alert(document.domain)",
        "JaVaScRiPt:alert(1)",
        " java\\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
    ] {
        let msg = spoiled(
            |r| {
                write(
                    r.join("content/dinkes/_site.toml"),
                    &format!("tagline = \"Sehat\"\n\n[links]\nppid = \"https://ppid.example.go.id/\"\npengaduan = \"{url}\"\n"),
                )
            },
            "content.html.unsafe",
            "content/dinkes/_site.toml",
            Some(5),
        );
        assert!(msg.contains("pengaduan"), "{msg}");
    }
}

#[test]
fn broken_at_link_in_site_links() {
    for (url, what) in [
        ("@/tidak-ada.md", "tidak-ada.md"),
        ("@dinsos/_index.md", "dinsos"),
        ("@/profil/visi-misi.md#tidak-ada", "#tidak-ada"),
    ] {
        let msg = spoiled(
            |r| {
                write(
                    r.join("content/dinkes/_site.toml"),
                    &format!("[links]\nppid = \"{url}\"\n"),
                )
            },
            "content.link.broken",
            "content/dinkes/_site.toml",
            Some(2),
        );
        assert!(msg.contains(what), "{msg}");
    }
}

#[test]
fn at_links_in_site_links_are_written_as_full_addresses() {
    let root = fixture("contoh");
    write(
        root.path().join("content/dinkes/_site.toml"),
        "[links]\nppid = \"@/profil/visi-misi.md\"\npengaduan = \"@portal/_index.md\"\n",
    );
    let out = laman(root.path(), &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = read(root.path().join("public/dinkes.contohkab.go.id/index.html"));
    assert!(
        page.contains("https://dinkes.contohkab.go.id/profil/visi-misi/"),
        "{page}"
    );
    assert!(!page.contains("@/"), "{page}");
}

#[test]
fn a_page_too_large_is_refused_without_being_read_whole() {
    let msg = spoiled(
        |r| {
            let body = "Kalimat panjang tentang kesehatan masyarakat.\n\n".repeat(100_000);
            write(
                r.join("content/dinkes/berita/kabar-2.md"),
                &format!("+++\ntitle = \"Besar\"\n+++\n{body}"),
            )
        },
        "content.limit",
        "content/dinkes/berita/kabar-2.md",
        Some(1),
    );
    assert!(msg.contains("4 MiB"), "{msg}");
}

#[test]
fn blocks_or_html_nested_too_deep_are_refused() {
    let msg = spoiled(
        |r| {
            write(
                r.join("content/dinkes/berita/kabar-2.md"),
                &format!(
                    "+++\ntitle = \"Dalam\"\n+++\nAwal\n\n{} teks\n",
                    ">".repeat(50_000)
                ),
            )
        },
        "content.limit",
        "content/dinkes/berita/kabar-2.md",
        Some(6),
    );
    assert!(msg.contains("more than 100 deep"), "{msg}");
    let msg = spoiled(
        |r| {
            write(
                r.join("content/dinkes/berita/kabar-2.md"),
                &format!(
                    "+++\ntitle = \"Dalam\"\n+++\n\n{}\n",
                    "<div>".repeat(200_000)
                ),
            )
        },
        "content.limit",
        "content/dinkes/berita/kabar-2.md",
        Some(5),
    );
    assert!(msg.contains("raw HTML nests"), "{msg}");
}

#[test]
fn names_that_are_not_utf8_say_so() {
    use std::os::unix::ffi::OsStrExt;
    let msg = spoiled(
        |r| {
            let name = std::ffi::OsStr::from_bytes(b"kabar\xfe.md");
            std::fs::write(
                r.join("content/dinkes/berita").join(name),
                "+++\ntitle = \"x\"\n+++\n",
            )
            .unwrap();
        },
        "content.read",
        "content/dinkes/berita/kabar\u{fffd}.md",
        None,
    );
    assert!(msg.contains("not UTF-8"), "{msg}");
}

#[test]
fn templates_cannot_recurse_for_ever_or_loop_without_bound() {
    // A macro that calls itself aborted the whole process (stack overflow).
    let msg = spoiled(
        |r| {
            allow_custom_code(r, "dinkes");
            write(
                r.join("content/dinkes/_templates/page.html"),
                "{% macro turun(n) %}{{ self::turun(n=n+1) }}{% endmacro turun %}\n<p>{{ self::turun(n=1) }}</p>\n",
            )
        },
        "content.template",
        "content/dinkes/_templates/page.html",
        None,
    );
    assert!(msg.contains("calls itself"), "{msg}");
    // range(end=2000000000) grew past 20 GB.
    let msg = spoiled(
        |r| {
            allow_custom_code(r, "dinkes");
            write(
                r.join("content/dinkes/_templates/page.html"),
                "<!doctype html>\n<title>x</title>\n{% for i in range(end=2000000000) %}x{% endfor %}\n",
            )
        },
        "content.template",
        "content/dinkes/_templates/page.html",
        None,
    );
    assert!(msg.contains("at most 10000"), "{msg}");
}
