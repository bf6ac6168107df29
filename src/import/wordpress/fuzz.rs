//! Fuzzing the import (see [`crate::fuzz`]): the WXR reader on any bytes, and whole
//! imports of generated exports whose titles, slugs, dates, links and contents are
//! hostile. Whatever the export, the import ends with a report or an error, writes only
//! inside `content/<label>/`, and every page it writes has front matter that parses.

use crate::fuzz::{any_text, awkward, grammar, run, splice};
use proptest::prelude::*;

const EXPORT: &str = include_str!("../../../tests/fixtures/wordpress/export.xml");
const REGISTRY: &str = include_str!("../../../tests/fixtures/contoh/domains.toml");

const XML: &[&str] = &[
    "<",
    ">",
    "</",
    "/>",
    "<item>",
    "</item>",
    "<title>",
    "</title>",
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&lt;",
    "&#0;",
    "&#x110000;",
    "&bogus;",
    "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>",
    "&a;",
    "<?xml version=\"1.0\"?>",
    "<!--",
    "-->",
    "\"",
    "'",
    "=",
    "xmlns:wp=\"x\"",
    "<wp:post_id>",
    "</wp:post_id>",
    "<content:encoded>",
    "</content:encoded>",
    "<channel>",
    "</channel>",
    "<rss>",
    "</rss>",
    "\n",
];

const TITLE: &[&str] = &[
    "Rapat",
    " ",
    "&amp;",
    "&#8220;",
    "&#8221;",
    "&#8211;",
    "&nbsp;",
    "&",
    ";",
    "“",
    "”",
    "—",
    "<b>",
    "</b>",
    "#",
    "\"",
    "'",
    "\\",
    "---",
    "+++",
    "\n",
    "[",
    "]",
    "{{",
    "}}",
    "-->",
    "<!--",
    "slot gacor",
    "&#x1F600;",
    "&#99999999;",
    "&#;",
    "&#x;",
];

const CONTENT: &[&str] = &[
    "<p>",
    "</p>",
    "\n\n",
    "\n",
    "<!-- wp:paragraph -->",
    "<!-- /wp:paragraph -->",
    "[caption id=\"attachment_1\" width=\"300\"]",
    "[/caption]",
    "[gallery ids=\"1,2,999\"]",
    "[[gallery]]",
    "[contact-form-7 id=\"1\"]",
    "[embed]",
    "[/embed]",
    "[",
    "]",
    "\"",
    "'",
    "<img src=\"https://disdik.contohkab.go.id/wp-content/uploads/2024/01/a.jpg\" alt=\"\">",
    "<a href=\"https://disdik.contohkab.go.id/?p=101\">",
    "</a>",
    "<script>",
    "</script>",
    "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>",
    "<table><tr><td>",
    "&amp;",
    "<div style=\"display:none\">",
    "</div>",
    "<h2>",
    "</h2>",
    "<ul><li>",
    "<br>",
    "```",
    "<",
    ">",
    "{#x}",
    "@/",
    "<pre>",
    "</pre>",
];

const SLUG: &[&str] = &[
    "berita",
    "cari",
    "tag",
    "kategori",
    "index",
    "-",
    "%e2%80%9c",
    "%",
    "..",
    ".",
    "/",
    "a",
    "default",
    "include",
    "_index",
    "feed",
    "page",
    "2024",
    "xn--",
];

const DATE: &[&str] = &[
    "2024", "-", "0000", "02", "30", " ", ":", "08", "00", "é", "“", "9",
];

/// Text for an XML element: escaped, in CDATA (split where it holds `]]>`), or raw.
fn element(text: &str, how: u8) -> String {
    match how % 3 {
        0 => text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;"),
        1 => format!("<![CDATA[{}]]>", text.replace("]]>", "]]]]><![CDATA[>")),
        _ => text.to_string(),
    }
}

#[derive(Debug, Clone)]
struct Post {
    id: u16,
    kind: &'static str,
    status: &'static str,
    title: String,
    slug: String,
    date: String,
    link: String,
    content: String,
    category: String,
    parent: u16,
    how: u8,
}

fn post() -> impl Strategy<Value = Post> {
    (
        (
            0u16..6,
            proptest::sample::select(&["post", "page", "attachment", "nav_menu_item", "x"][..]),
            proptest::sample::select(&["publish", "draft", "private", "trash", "future"][..]),
            grammar(TITLE, 12),
            grammar(SLUG, 4),
        ),
        (
            grammar(DATE, 8),
            grammar(SLUG, 6),
            grammar(CONTENT, 30),
            grammar(SLUG, 3),
            0u16..6,
            any::<u8>(),
        ),
    )
        .prop_map(
            |((id, kind, status, title, slug), (date, link, content, category, parent, how))| {
                Post {
                    id,
                    kind,
                    status,
                    title,
                    slug,
                    date,
                    link: format!("https://disdik.contohkab.go.id/{link}"),
                    content,
                    category,
                    parent,
                    how,
                }
            },
        )
}

fn export(posts: &[Post]) -> String {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" \
         xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel>\n\
         <title>Disdik</title><link>https://disdik.contohkab.go.id</link>\n\
         <wp:wxr_version>1.2</wp:wxr_version>\n\
         <wp:base_site_url>https://disdik.contohkab.go.id</wp:base_site_url>\n\
         <wp:base_blog_url>https://disdik.contohkab.go.id</wp:base_blog_url>\n",
    );
    for p in posts {
        let e = |t: &str| element(t, p.how);
        let e2 = |t: &str| element(t, p.how / 3);
        x.push_str(&format!(
            "<item><title>{}</title><link>{}</link><dc:creator>admin</dc:creator>\
             <content:encoded>{}</content:encoded><excerpt:encoded>{}</excerpt:encoded>\
             <wp:post_id>{}</wp:post_id><wp:post_date>{}</wp:post_date>\
             <wp:post_date_gmt>{}</wp:post_date_gmt><wp:post_name>{}</wp:post_name>\
             <wp:status>{}</wp:status><wp:post_parent>{}</wp:post_parent>\
             <wp:post_type>{}</wp:post_type>\
             <wp:attachment_url>{}</wp:attachment_url>\
             <category domain=\"category\" nicename=\"{}\">{}</category>\
             <category domain=\"post_tag\" nicename=\"{}\">{}</category></item>\n",
            e(&p.title),
            e2(&p.link),
            e(&p.content),
            e2(&p.title),
            p.id + 100,
            e2(&p.date),
            e(&p.date),
            e2(&p.slug),
            p.status,
            p.parent + 100,
            p.kind,
            e(&p.link),
            element(&p.category, 0).replace('"', "&quot;"),
            e(&p.category),
            element(&p.slug, 0).replace('"', "&quot;"),
            e2(&p.title),
        ));
    }
    x.push_str("</channel>\n</rss>\n");
    x
}

/// Imports `export` into a fresh regency; checks what it wrote.
fn import_checked(export: &str) {
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("domains.toml"), REGISTRY).unwrap();
    let file = root.path().join("export.xml");
    std::fs::write(&file, export).unwrap();
    let options = super::Options {
        file,
        label: "disdik".into(),
        uploads: None,
        drafts: true,
        dry_run: false,
        force: false,
    };
    if super::import(root.path(), &options).is_err() {
        return;
    }
    let site = root.path().join("content/disdik");
    for entry in walkdir::WalkDir::new(root.path()) {
        let entry = entry.unwrap();
        let path = entry.path();
        let ours =
            path == root.path().join("domains.toml") || path == root.path().join("export.xml");
        if entry.file_type().is_dir() || ours {
            continue;
        }
        assert!(
            path.starts_with(&site),
            "written outside the site: {path:?}"
        );
        if path.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(path).unwrap();
            if let Err(f) = crate::content::parse_front_matter(&text) {
                panic!("{path:?} does not parse: {}\n{text}", f.message);
            }
        }
    }
}

#[test]
fn imports_of_hostile_exports() {
    run(
        "import wordpress",
        proptest::collection::vec(post(), 0..4),
        |posts| import_checked(&export(&posts)),
    );
}

#[test]
fn wxr_reader_on_any_bytes() {
    let strategy = prop_oneof![
        (any::<f64>(), grammar(XML, 8), any::<bool>()).prop_map(|(at, piece, cut)| splice(
            EXPORT,
            at.abs().fract(),
            &piece,
            cut
        )),
        grammar(XML, 60),
        any_text(300),
    ];
    run("wxr reader", strategy, |text| {
        let mut items = 0;
        let _ = super::wxr::read(text.as_bytes(), |_, _| items += 1);
    });
}

#[test]
fn titles_and_excerpts_of_any_text() {
    let strategy = prop_oneof![grammar(TITLE, 20), grammar(CONTENT, 20), awkward()];
    run("entities", strategy, |text| {
        let decoded = super::text::decode_entities(&text);
        // Decoding never lengthens: each reference is longer than what it stands for.
        assert!(decoded.len() <= text.len(), "{decoded:?}");
        let _ = super::text::plain_text(&text);
    });
}

/// A date whose 10 first bytes are not `YYYY-MM-DD` in ASCII: the old address built
/// from it sliced `date[5..7]` inside the `é` (found reading the byte slices for issue 26).
#[test]
fn a_post_date_with_a_multibyte_character_imports() {
    let post = Post {
        id: 1,
        kind: "post",
        status: "publish",
        title: "Rapat &amp; Temu “Warga”".into(),
        slug: "rapat".into(),
        date: "2026é01-01 08:00:00".into(),
        link: "https://disdik.contohkab.go.id/rapat/".into(),
        content: "Isi.".into(),
        category: "berita".into(),
        parent: 0,
        how: 1,
    };
    import_checked(&export(&[post]));
}
