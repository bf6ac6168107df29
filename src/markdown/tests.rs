use super::*;
use crate::content::Doc;
use std::path::PathBuf;

fn doc(body: &str) -> Doc {
    Doc {
        file: PathBuf::from("content/dinkes/a.md"),
        rel: "a.md".into(),
        body: body.into(),
        body_line: 5,
        ..Default::default()
    }
}

fn render_with(body: &str, policy: &HtmlPolicy) -> (Rendered, Vec<Finding>) {
    let resolve = |link: &str| -> Result<String, String> {
        match link {
            "@/profil/visi-misi.md#misi" => {
                Ok("https://dinkes.k.go.id/profil/visi-misi/#misi".into())
            }
            "@portal/ppid/_index.md" => Ok("https://k.go.id/ppid/".into()),
            other => Err(format!("no page `{other}`")),
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

#[test]
fn entity_encoded_script_urls_are_caught() {
    let (r, f) = render_md("<a href=\"&#106;avascript:alert(1)\">x</a>\n");
    assert!(f.iter().any(|f| f.code == Code::ContentHtmlUnsafe), "{f:?}");
    assert!(!r.html.contains("avascript"), "{}", r.html);
}
