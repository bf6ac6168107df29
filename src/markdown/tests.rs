use super::*;
use crate::content::Doc;
use std::path::PathBuf;

mod sanitizer;

fn doc(body: &str) -> Doc {
    Doc {
        file: PathBuf::from("content/dinkes/a.md"),
        rel: "a.md".into(),
        body: body.into(),
        body_line: 5,
        ..Default::default()
    }
}

use crate::registry::Status;
use crate::site::Unresolved;

fn render_with(body: &str, policy: &HtmlPolicy) -> (Rendered, Vec<Finding>) {
    let resolve = |link: &str| -> Result<String, Unresolved> {
        match link {
            "@/profil/visi-misi.md#misi" => {
                Ok("https://dinkes.k.go.id/profil/visi-misi/#misi".into())
            }
            "@portal/ppid/_index.md" => Ok("https://k.go.id/ppid/".into()),
            "@dishub/jadwal.md" => Err(Unresolved::Unpublished {
                label: "dishub".into(),
                status: Status::Suspended,
                url: Some("https://dishub.k.go.id/jadwal/".into()),
            }),
            "@pasar/harga.md" | "@pasar/logo.png" => Err(Unresolved::Unpublished {
                label: "pasar".into(),
                status: Status::Revoked,
                url: None,
            }),
            other => Err(Unresolved::Broken(format!("no page `{other}`"), None)),
        }
    };
    let env = Env {
        site: "dinkes",
        resolve: &resolve,
        policy,
    };
    let mut findings = Vec::new();
    let r = render(&doc(body), &env, &mut findings);
    (r, findings)
}

fn render_md(body: &str) -> (Rendered, Vec<Finding>) {
    render_with(body, &HtmlPolicy::default())
}

#[test]
fn markdown_extensions_are_on() {
    let (r, f) = render_md("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~lama~~ \"kutip\"\n\n- [x] selesai\n- [ ] belum\n\nCatatan[^1]\n\n[^1]: Sumber.\n");
    assert!(f.is_empty(), "{f:?}");
    assert!(r.html.contains("<table>"));
    assert!(r.html.contains("<del>lama</del>"));
    assert!(r.html.contains("“kutip”"));
    assert!(r.html.contains("aria-label=\"selesai\""));
    assert!(r.html.contains("footnote-definition"));
}

#[test]
fn headings_get_unique_ids_and_a_toc() {
    let (r, _) = render_md("## Visi\n\n## Misi {#misi-kami}\n\n### Visi\n\n#### Dalam\n");
    assert!(r.html.contains("<h2 id=\"visi\">Visi</h2>"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"misi-kami\">"));
    assert!(r.html.contains("<h3 id=\"visi-1\">"));
    let ids: Vec<_> = r.toc.iter().map(|h| (h.level, h.id.as_str())).collect();
    assert_eq!(ids, vec![(2, "visi"), (2, "misi-kami"), (3, "visi-1")]);
}

#[test]
fn at_links_resolve_and_broken_ones_name_the_line() {
    let (r, f) = render_md("[Misi](@/profil/visi-misi.md#misi) dan [PPID](@portal/ppid/_index.md)\n\n[x](@/tidak-ada.md)\n");
    assert!(r
        .html
        .contains("href=\"https://dinkes.k.go.id/profil/visi-misi/#misi\""));
    assert!(r.html.contains("href=\"https://k.go.id/ppid/\""));
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].code, Code::ContentLinkBroken);
    assert_eq!(
        f[0].line,
        Some(7),
        "body starts on line 5, link on its third line"
    );
    assert_eq!(
        f[0].file.as_deref(),
        Some(std::path::Path::new("content/dinkes/a.md"))
    );
}

#[test]
fn script_links_and_unsafe_html_are_errors() {
    let (r, f) = render_md("[klik](javascript:alert(1))\n\n<script>alert(1)</script>\n\nTeks <span onmouseover=\"x()\">a</span>\n");
    let codes: Vec<_> = f.iter().map(|f| (f.code, f.line)).collect();
    assert_eq!(
        codes,
        vec![
            (Code::ContentHtmlUnsafe, Some(5)),
            (Code::ContentHtmlUnsafe, Some(7)),
            (Code::ContentHtmlUnsafe, Some(9))
        ]
    );
    assert!(!r.html.contains("javascript:"));
    assert!(!r.html.contains("<script"));
    assert!(!r.html.contains("onmouseover"));
}

#[test]
fn images_without_alt_are_warnings() {
    let (_, f) = render_md("![](foto.jpg)\n\n![Foto kegiatan](foto.jpg)\n\n<img src=\"b.png\">\n");
    assert_eq!(
        f.iter().filter(|f| f.code == Code::ContentImageAlt).count(),
        2
    );
    assert!(f.iter().all(|f| !f.is_error()));
}

#[test]
fn summary_is_the_first_paragraph_shortened() {
    let long = "kata ".repeat(100);
    let (r, _) = render_md(&format!(
        "# Judul\n\nParagraf *pertama*\nberlanjut.\n\nKedua.\n\n{long}"
    ));
    assert_eq!(r.summary, "Paragraf pertama berlanjut.");
    let (r, _) = render_md(&long);
    assert!(r.summary.ends_with('…') && r.summary.chars().count() <= 201);
}

#[test]
fn allowed_iframe_survives_sanitizing() {
    let policy = HtmlPolicy::new(&["www.openstreetmap.org".to_string()]);
    let (r, f) = render_with("<iframe src=\"https://www.openstreetmap.org/export/embed.html\" title=\"Peta\"></iframe>\n", &policy);
    assert!(f.is_empty(), "{f:?}");
    assert!(r.html.contains("<iframe"), "{}", r.html);
}

#[test]
fn odd_inputs_never_panic() {
    let inputs = [
        "",
        "+++",
        "+++\n",
        "+++\n+++",
        "---\n---\n",
        "+++\ntitle = 1\n+++\n",
        "\u{feff}+++\ntitle=\"a\"\n+++",
        "---\n- a\n- b\n---\n",
        "---\ntitle: [\n---\n",
        "+++\ntitle = \"a\"\ndate = 2026-02-30\n+++\n",
        "+++\r\ntitle = \"a\"\r\n+++\r\n",
        "+++ \ntitle = \"é\"\n+++ \n",
        "++++\n",
        "---\ntitle: a\n",
    ];
    for text in inputs {
        let _ = crate::content::parse_front_matter(text);
    }
    let bodies = [
        "[a](@)",
        "[a](@/)",
        "[a](@/#)",
        "[a](@x)",
        "![](@/a.md)",
        "<",
        "<a href>",
        "<img>",
        "<iframe src>",
        "# {#}",
        "## ü ü\n## ü ü",
        "[^x]\n\n[^x]: [^x]",
        "- [ ]",
        "| a |\n|---|\n| <script> |",
        "<!-- <script> -->",
        "`<script>`",
        "    <script>",
        "[x](javascript&#58;alert(1))",
        "<a href=\"&#106;avascript:x\">x</a>",
    ];
    for body in bodies {
        let _ = render_md(body);
    }
}

fn unsafe_lines(f: &[Finding]) -> Vec<usize> {
    f.iter()
        .filter(|f| f.code == Code::ContentHtmlUnsafe)
        .map(|f| f.line.unwrap())
        .collect()
}

#[test]
fn heading_attributes_other_than_id_and_class_are_unsafe() {
    // Body starts on line 5: the heading is on line 7.
    let (r, f) = render_md("Teks.\n\n## Judul {onfocus=alert(1) autofocus tabindex=1}\n");
    assert_eq!(unsafe_lines(&f), vec![7, 7, 7], "{f:?}");
    assert!(f[0].help.as_deref().unwrap().contains("{#id .kelas}"));
    assert!(!r.html.contains("onfocus"), "{}", r.html);
    assert!(!r.html.contains("autofocus"), "{}", r.html);
    assert!(!r.html.contains("tabindex"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"judul\">Judul</h2>"), "{}", r.html);
    for attrs in [
        "{style=position:fixed}",
        "{href=javascript:alert(1)}",
        "{ONMOUSEOVER=x}",
        "{onpointerenter=x}",
        "{#ok .ok data-x=1}",
        "{contenteditable}",
    ] {
        let (r, f) = render_md(&format!("# Judul {attrs}\n"));
        assert_eq!(unsafe_lines(&f), vec![5], "{attrs}: {f:?}");
        assert!(
            !r.html.contains("=x") && !r.html.contains("style"),
            "{}",
            r.html
        );
    }
}

#[test]
fn heading_ids_and_classes_are_letters_digits_and_not_the_themes() {
    let (r, f) = render_md("## A {#misi .kartu .catatan_1}\n");
    assert!(f.is_empty(), "{f:?}");
    assert!(
        r.html
            .contains("<h2 id=\"misi\" class=\"kartu catatan_1\">"),
        "{}",
        r.html
    );
    for attrs in ["{#konten}", "{.lewati}", "{.kepala}", "{#a\"b}", "{.x/y}"] {
        let (r, f) = render_md(&format!("## Judul {attrs}\n"));
        assert_eq!(unsafe_lines(&f), vec![5], "{attrs}: {f:?}");
        assert!(
            !r.html.contains("konten") && !r.html.contains("lewati"),
            "{}",
            r.html
        );
    }
    // A setext heading: the attribute block is on the text line, not the underline.
    let (_, f) = render_md("Satu\n\nJudul {onclick=x}\n=====\n");
    assert_eq!(unsafe_lines(&f), vec![7], "{f:?}");
}

#[test]
fn generated_heading_ids_avoid_the_themes_ids() {
    let (r, f) = render_md("## Konten\n\n## Berita Terbaru\n");
    assert!(f.is_empty(), "{f:?}");
    assert!(r.html.contains("id=\"konten-1\""), "{}", r.html);
    assert!(r.html.contains("id=\"berita-terbaru-1\""), "{}", r.html);
    // The ids of a service page's components and of PPID lists stay the theme's.
    let (r, f) = render_md("## Standar Biaya\n\n## DIP Judul\n\n## Katalog\n");
    assert!(f.is_empty(), "{f:?}");
    assert_eq!(
        r.ids,
        vec!["bagian-dip-judul", "bagian-standar-biaya", "katalog"]
    );
}

#[test]
fn html_split_over_lines_is_checked_at_the_line_of_the_problem() {
    // Line 5 is the body's first line.
    for (body, lines) in [
        ("<div>\n<script\n>alert(1)</script>\n</div>\n", vec![6]),
        (
            "<div>\n<img src=\"x.png\" alt=\"x\"\nonerror=\"alert(1)\">\n</div>\n",
            vec![7],
        ),
        (
            "<div>\n<a\nhref=\"javascript:alert(1)\">x</a>\n</div>\n",
            vec![7],
        ),
        (
            "Teks <img src=\"x.png\" alt=\"x\"\n  onerror=\"alert(1)\"> lagi\n",
            vec![6],
        ),
        ("Teks <a\nhref=\"JaVaScRiPt:alert(1)\">x</a>\n", vec![6]),
        (
            "<p style=\"background:url(javascript:alert(1))\">x</p>\n",
            vec![5],
        ),
        (
            "<div>\n\n<p>ok</p>\n\n<span\nclass=\"x\"\nstyle=\"position:fixed\">x</span>\n</div>\n",
            vec![11],
        ),
        ("<a href=\"jav&#x61;script:x\">x</a>\n", vec![5]),
        ("<a href=\"jav&#x09;ascript:x\">x</a>\n", vec![5]),
        ("<a href=\"java\tscript:x\">x</a>\n", vec![5]),
        (
            "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>\n",
            vec![5],
        ),
        ("<a href=\"vbscript:msgbox(1)\">x</a>\n", vec![5]),
        ("<svg><a href=\"#\">x</a></svg>\n", vec![5]),
        ("<math><mi>x</mi></math>\n", vec![5, 5]),
        (
            "<div>\n<p class=\"lewati\" id=\"konten\">x</p>\n</div>\n",
            vec![6, 6],
        ),
        ("<p tabindex=\"1\">x</p>\n", vec![5]),
        ("<div>\n<a href=\"x\"\n", vec![6]),
        ("<font color=\"red\">x</font>\n", vec![5]),
    ] {
        let (r, f) = render_md(body);
        assert_eq!(unsafe_lines(&f), lines, "{body}: {f:?}");
        for bad in [
            "alert",
            "<script",
            "onerror",
            "javascript",
            "position",
            "<svg",
            "lewati",
        ] {
            assert!(!r.html.to_lowercase().contains(bad), "{body}: {}", r.html);
        }
    }
}

#[test]
fn iframe_attributes_beyond_the_allowed_are_unsafe() {
    let policy = HtmlPolicy::new(&["www.openstreetmap.org".to_string()]);
    for attr in [
        "srcdoc=\"<script>alert(1)</script>\"",
        "sandbox=\"allow-scripts\"",
        "allow=\"camera\"",
        "name=\"x\"",
    ] {
        let (r, f) = render_with(
            &format!("<iframe src=\"https://www.openstreetmap.org/e\"\n{attr}></iframe>\n"),
            &policy,
        );
        assert_eq!(unsafe_lines(&f), vec![6], "{attr}: {f:?}");
        assert!(
            !r.html.contains("srcdoc") && !r.html.contains("sandbox"),
            "{}",
            r.html
        );
    }
}

#[test]
fn comments_are_removed_without_a_finding() {
    let (r, f) = render_md("<!-- catatan redaksi -->\n\nTeks <!-- juga --> ini.\n");
    assert!(f.is_empty(), "{f:?}");
    assert!(!r.html.contains("catatan"), "{}", r.html);
}

#[test]
fn every_page_is_sanitized_even_without_raw_html() {
    let (r, f) =
        render_md("## Judul {onfocus=alert(1)}\n\n| a |\n|--:|\n| 1 |\n\n[x](ftp://a.example/)\n");
    assert_eq!(unsafe_lines(&f), vec![5, 11], "{f:?}");
    assert!(
        !r.html.contains("onfocus") && !r.html.contains("ftp:"),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("text-align"),
        "markdown's alignment survives: {}",
        r.html
    );
}

#[test]
fn entity_encoded_script_urls_are_caught() {
    let (r, f) = render_md("<a href=\"&#106;avascript:alert(1)\">x</a>\n");
    assert!(f.iter().any(|f| f.code == Code::ContentHtmlUnsafe), "{f:?}");
    assert!(!r.html.contains("avascript"), "{}", r.html);
}

#[test]
fn footnotes_keep_their_links_whatever_their_label() {
    let (r, f) = render_md(
        "Teks[^catatan kaki] dan[^2] dan[^Daftar Pustaka].\n\n[^catatan kaki]: Isi.\n[^2]: Dua.\n[^Daftar Pustaka]: Tiga.\n",
    );
    assert!(f.is_empty(), "{f:?}");
    let html = r.html;
    for id in [
        "catatan-catatan-kaki",
        "catatan-2",
        "catatan-daftar-pustaka",
    ] {
        assert!(
            html.contains(&format!("href=\"#{id}\"")),
            "link to {id}: {html}"
        );
        assert!(
            html.contains(&format!("id=\"{id}\"")),
            "target {id}: {html}"
        );
    }
}

#[test]
fn many_headings_of_one_title_get_numbered_ids() {
    let body = "## Sama\n\n".repeat(3000);
    let (r, f) = render_md(&body);
    assert!(f.is_empty(), "{f:?}");
    assert!(r.html.contains("id=\"sama\""));
    assert!(r.html.contains("id=\"sama-1\""));
    assert!(r.html.contains("id=\"sama-2999\""));
    assert_eq!(r.ids.len(), 3000);
    // An explicit id that takes a number ahead is skipped, not reused.
    let (r, _) = render_md("## A\n\n## A {#a-1}\n\n## A\n");
    assert!(r.html.contains("id=\"a-2\""), "{}", r.html);
}

#[test]
fn links_into_unpublished_sites_are_warnings_kept_only_where_the_site_answers() {
    let (r, f) = render_md(
        "Lihat [jadwal](@dishub/jadwal.md) dan [harga **pasar**](@pasar/harga.md).\n\n![Logo pasar](@pasar/logo.png)\n",
    );
    assert_eq!(f.len(), 3, "{f:?}");
    assert!(f
        .iter()
        .all(|f| f.code == Code::ContentLinkUnpublished && !f.is_error()));
    assert!(
        f.iter().all(|f| f.line == Some(5) || f.line == Some(7)),
        "{f:?}"
    );
    // Suspended: the link stays (the Dinas's notice answers there).
    assert!(
        r.html
            .contains("<a href=\"https://dishub.k.go.id/jadwal/\">jadwal</a>"),
        "{}",
        r.html
    );
    // Revoked: the text stays, marks and all, without a link or an image.
    assert!(
        r.html.contains("dan harga <strong>pasar</strong>."),
        "{}",
        r.html
    );
    assert!(
        !r.html.contains("pasar/harga") && !r.html.contains("<img"),
        "{}",
        r.html
    );
    assert!(r.html.contains("Logo pasar"), "{}", r.html);
    assert_eq!(r.html.matches("<a ").count(), 1, "{}", r.html);
    assert_eq!(r.html.matches("</a>").count(), 1, "{}", r.html);
}

#[test]
fn the_first_kept_image_and_its_alt_text_are_recorded() {
    let (r, _) =
        render_md("Teks.\n\n![Foto *kegiatan* `x`](foto.jpg \"judul\")\n\n![Kedua](dua.png)\n");
    let first = r.image.expect("the first image");
    assert_eq!(first.src, "foto.jpg");
    assert_eq!(first.alt, "Foto kegiatan x");
    let (r, _) = render_md("![Logo](@pasar/logo.png)\n\n![Grafik](grafik.svg)\n");
    assert_eq!(
        r.image.map(|i| i.src).as_deref(),
        Some("grafik.svg"),
        "a dropped image is skipped"
    );
    assert_eq!(render_md("Tanpa gambar.\n").0.image, None);
}

#[test]
fn comments_written_as_blocks_are_guidance() {
    let (r, _) = render_md(
        "<!-- DRAF: isi\ndi sini -->\n\nTeks <!-- sebaris -->.\n\n<!-- a --> <b>b</b>\n\n<!-- satu -->\n<!-- dua -->\n",
    );
    assert_eq!(r.guidance, ["DRAF: isi\ndi sini", "satu", "dua"]);
}
