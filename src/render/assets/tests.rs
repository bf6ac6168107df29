use super::*;

fn theme(files: &[(&str, &'static str)]) -> BTreeMap<String, StaticFile> {
    files
        .iter()
        .map(|(p, t)| (p.to_string(), StaticFile::Embedded(t.as_bytes())))
        .collect()
}

fn made(files: &[(&str, &'static str)]) -> Fingerprinted {
    let mut findings = Vec::new();
    let out = fingerprint(&theme(files), &[], Path::new("_static"), &mut findings);
    assert!(findings.is_empty(), "{findings:?}");
    out
}

fn bytes_of(out: &Fingerprinted, name: &str) -> String {
    let file = out
        .files
        .iter()
        .find(|f| f.path == out.names[name])
        .unwrap();
    match &file.body {
        Body::Bytes(b) => String::from_utf8(b.clone()).unwrap(),
        Body::Embedded(b) => String::from_utf8(b.to_vec()).unwrap(),
        Body::Copy(_) => panic!("copied"),
    }
}

#[test]
fn names_carry_the_hash_of_the_bytes_in_the_asset_folder() {
    let out = made(&[
        ("style.css", "a{}"),
        ("fonts/x.woff2", "F"),
        (".nama", "n"),
        ("LISENSI", "l"),
    ]);
    let hex = blake3::hash(b"a{}").to_hex();
    assert_eq!(
        out.names["style.css"],
        format!("_aset/style.{}.css", &hex[..16])
    );
    assert!(out.names["fonts/x.woff2"].starts_with("_aset/fonts/x."));
    assert!(out.names["fonts/x.woff2"].ends_with(".woff2"));
    assert!(out.names[".nama"].starts_with("_aset/.nama."));
    assert!(out.names["LISENSI"].starts_with("_aset/LISENSI."));
    assert_eq!(out.files.len(), 4);
    let again = made(&[("style.css", "a{}")]);
    assert_eq!(
        again.names["style.css"], out.names["style.css"],
        "same bytes, same name"
    );
    let changed = made(&[("style.css", "b{}")]);
    assert_ne!(changed.names["style.css"], out.names["style.css"]);
}

#[test]
fn a_stylesheet_points_at_the_fingerprinted_files_it_names() {
    let css = "/* url(x.png) */ @font-face{src:url( \"../fonts/a.woff2?v=1#f\" )} b{background:url(x.png)} i{background:URL('gambar/foto.jpg')} p{content:\"url(x.png)\"} u{background:url(data:image/png;base64,AA) , url(/abs.png), url(https://e.go.id/x.png), url(#g)} @import 'lain.css' screen;";
    let out = made(&[
        ("css/style.css", css),
        ("css/x.png", "X"),
        ("fonts/a.woff2", "F"),
        ("css/lain.css", "q{}"),
    ]);
    let text = bytes_of(&out, "css/style.css");
    assert!(
        text.starts_with("/* url(x.png) */"),
        "comments are kept: {text}"
    );
    assert!(
        text.contains(&format!("url( \"/{}?v=1#f\" )", out.names["fonts/a.woff2"])),
        "{text}"
    );
    assert!(
        text.contains(&format!("background:url(/{})", out.names["css/x.png"])),
        "{text}"
    );
    // Not a theme file: where it meant from the original place.
    assert!(text.contains("URL('/css/gambar/foto.jpg')"), "{text}");
    assert!(
        text.contains("content:\"url(x.png)\""),
        "strings are kept: {text}"
    );
    assert!(
        text.contains(
            "url(data:image/png;base64,AA) , url(/abs.png), url(https://e.go.id/x.png), url(#g)"
        ),
        "{text}"
    );
    assert!(
        text.contains(&format!("@import '/{}' screen;", out.names["css/lain.css"])),
        "{text}"
    );
    // The stylesheet's hash covers what it names.
    let other = made(&[
        ("css/style.css", css),
        ("css/x.png", "Y"),
        ("fonts/a.woff2", "F"),
        ("css/lain.css", "q{}"),
    ]);
    assert_ne!(other.names["css/style.css"], out.names["css/style.css"]);
}

#[test]
fn import_cycles_end_at_the_original_files() {
    let out = made(&[
        ("a.css", "@import url(b.css);"),
        ("b.css", "@import \"a.css\";"),
    ]);
    let a = bytes_of(&out, "a.css");
    let b = bytes_of(&out, "b.css");
    assert!(a.contains(&format!("url(/{})", out.names["b.css"])), "{a}");
    assert_eq!(b, "@import \"/a.css\";");
}

#[test]
fn hostile_stylesheets_end_and_never_break_out() {
    for css in [
        "url(",
        "url(\"",
        "@import",
        "@import '",
        "/*",
        "url(x.png",
        "\"\\",
        "url('x.png\\",
        "é url(ü.png)",
        "@import 'é",
        "@import \"x.pngé\nb{}",
        "url('ü",
        "url(\"x.pngü\n)",
        "url('x.png\\é')",
        "url( x.png\\é )",
    ] {
        let out = made(&[("s.css", css), ("x.png", "X")]);
        let _ = bytes_of(&out, "s.css");
    }
    let out = made(&[
        ("s.css", "a{b:url(../../../../x.png)} c{d:url(x.png?a=\"b)}"),
        ("x.png", "X"),
    ]);
    let text = bytes_of(&out, "s.css");
    assert!(
        text.contains(&format!("url(/{})", out.names["x.png"])),
        "{text}"
    );
}

proptest::proptest! {
    /// Any text made of CSS's syntax characters is scanned without a panic, and
    /// what is not a reference comes out unchanged.
    #[test]
    fn any_stylesheet_is_scanned_whole(css in "(url\\(|@import|/\\*|\\*/|[a-z.()'\"\\\\/;{} \n]|é|ü){0,60}") {
        let kept = css::rewrite_references(&css, &mut |_| None);
        proptest::prop_assert_eq!(&kept, &css);
        // Every reference replaced: still no panic, whatever the text around it.
        let _ = css::rewrite_references(&css, &mut |_| Some("/a".into()));
    }
}

#[test]
fn references_resolve_inside_the_site() {
    assert_eq!(resolve("css", "../a/./b.png").as_deref(), Some("a/b.png"));
    assert_eq!(resolve("", "../../x").as_deref(), Some("x"));
    for absolute in ["/x", "https://a/x", "data:x", "mailto:x", "", "a\\b"] {
        assert_eq!(resolve("css", absolute), None, "{absolute}");
    }
}
