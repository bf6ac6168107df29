//! Inputs past laman's limits are refused with a finding, never read whole or followed for
//! ever: a page too large, blocks or HTML nested too deep, names that are not UTF-8,
//! templates that recurse.

use super::*;

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
