//! Point 5: a site's own code (templates, scripts, HTML, SVG with script) needs
//! `custom_code = true` on its registry entry, the portal's too, and the registry commands
//! show it.

use super::*;

#[test]
fn own_template_needs_custom_code() {
    let hit = refused(
        |r| {
            write(
                r.join("content/dinkes/_templates/page.html"),
                "<!doctype html><title>{{ page.title }}</title><script src=/x.js></script>",
            )
        },
        "content.code.unapproved",
        "content/dinkes/_templates/page.html",
    );
    assert!(
        hit["help"].as_str().unwrap().contains("custom_code = true"),
        "{hit}"
    );
}

#[test]
fn static_script_needs_custom_code() {
    refused(
        |r| {
            write(
                r.join("content/dinkes/_static/x.js"),
                "alert(document.cookie)",
            )
        },
        "content.code.unapproved",
        "content/dinkes/_static/x.js",
    );
}

#[test]
fn static_html_needs_custom_code() {
    refused(
        |r| {
            write(
                r.join("content/dinkes/_static/promo.html"),
                "<h1>Promo</h1><script>alert(1)</script>",
            )
        },
        "content.code.unapproved",
        "content/dinkes/_static/promo.html",
    );
}

#[test]
fn svg_with_script_needs_custom_code() {
    refused(
        |r| {
            write(
                r.join("content/dinkes/_static/peta.svg"),
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
            )
        },
        "content.code.unapproved",
        "content/dinkes/_static/peta.svg",
    );
}

#[test]
fn svg_with_an_event_handler_in_a_bundle_needs_custom_code() {
    refused(
        |r| {
            write(
                r.join("content/dinkes/profil/struktur/bagan.svg"),
                "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect/></svg>",
            )
        },
        "content.code.unapproved",
        "content/dinkes/profil/struktur/bagan.svg",
    );
}

#[test]
fn harmless_svg_and_plain_files_pass() {
    let root = fixture("contoh");
    write(
        root.path().join("content/dinkes/_static/ikon.svg"),
        "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><title>Ikon</title><circle r=\"4\" cx=\"5\" cy=\"5\"/></svg>",
    );
    write(root.path().join("content/dinkes/_static/data.json"), "{}");
    // Hidden folders are neither read nor published, wherever they are.
    for git in [
        "content/dinkes/.git/config",
        "content/dinkes/_static/.git/config",
        "content/dinkes/profil/struktur/.git/config",
        "themes/pemda/static/.git/config",
    ] {
        write(root.path().join(git), "[core]\n");
    }
    let out = laman(root.path(), &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_no_machine_files(&root.path().join("public"));
    assert!(root.path().join(DINKES).join("ikon.svg").is_file());
    assert!(root
        .path()
        .join(DINKES)
        .join("profil/struktur/bagan.svg")
        .is_file());
}

#[test]
fn custom_code_allows_a_sites_own_code() {
    let root = fixture("contoh");
    allow_custom_code(root.path(), "dinkes");
    let r = root.path();
    write(
        r.join("content/dinkes/_templates/page.html"),
        "{% extends \"base.html\" %}{% block content %}<p>KHUSUS {{ page.title }}</p>{% endblock content %}",
    );
    write(r.join("content/dinkes/_static/x.js"), "console.log(1)");
    write(
        r.join("content/dinkes/_static/promo.html"),
        "<h1>Promo</h1>",
    );
    write(
        r.join("content/dinkes/_static/peta.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"init()\"/>",
    );
    let out = laman(r, &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let public = r.join(DINKES);
    for file in ["x.js", "promo.html", "peta.svg"] {
        assert!(public.join(file).is_file(), "{file}");
    }
    assert!(read(public.join("profil/visi-misi/index.html")).contains("KHUSUS"));
    // Only that site: the same script elsewhere is still refused.
    write(r.join("content/disdik/_static/x.js"), "console.log(1)");
    let out = laman(r, &["build", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(findings(&out).iter().any(|f| {
        f["code"] == "content.code.unapproved" && f["file"] == "content/disdik/_static/x.js"
    }));
}

#[test]
fn portal_needs_custom_code_too() {
    let root = fixture("contoh");
    write(
        root.path().join("content/portal/_static/x.js"),
        "console.log(1)",
    );
    let out = laman(root.path(), &["build", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(findings(&out)
        .iter()
        .any(|f| f["code"] == "content.code.unapproved" && f["site"] == "portal"));
    allow_custom_code(root.path(), "portal");
    let out = laman(root.path(), &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn domains_list_and_check_show_custom_code() {
    let root = fixture("contoh");
    allow_custom_code(root.path(), "dinkes");
    let list = stdout(&laman(root.path(), &["domains", "list"]));
    let line = |label: &str| {
        list.lines()
            .find(|l| l.starts_with(&format!("{label}.")))
            .unwrap()
            .to_string()
    };
    assert!(line("dinkes").ends_with("custom-code"), "{list}");
    assert!(!line("disdik").contains("custom-code"), "{list}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&laman(
        root.path(),
        &["domains", "list", "--format", "json"],
    )))
    .unwrap();
    let subs = json["subdomains"].as_array().unwrap();
    assert_eq!(subs[0]["custom_code"], true);
    assert_eq!(subs[1]["custom_code"], false);

    let check = laman(root.path(), &["domains", "check"]);
    assert!(
        stderr(&check).contains("custom_code) on: dinkes"),
        "{}",
        stderr(&check)
    );
    let check = laman(root.path(), &["domains", "check", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(doc["custom_code"], serde_json::json!(["dinkes"]));
}
