//! Unsafe markup and addresses: script in heading attributes, unsafe HTML over several
//! lines named at the line of the problem, and what `_site.toml`'s links may hold.

use super::*;

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
