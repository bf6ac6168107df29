//! Hostile names (issue 26, point 5): quotes, comment ends and markup in the names given
//! to `laman init` and `laman new site` leave every file it writes in its syntax, and
//! the names as text.

use super::*;

use proptest::prelude::*;

/// The TOML front matter of a markdown file (between the `+++` lines), parsed, and the
/// markdown after it.
fn front_matter(path: &Path) -> (toml::Table, String) {
    let text = read(path);
    let rest = text.strip_prefix("+++\n").expect("front matter");
    let (head, body) = rest.split_once("\n+++\n").expect("front matter's end");
    let table = toml::from_str(head).unwrap_or_else(|e| {
        panic!(
            "{}: front matter does not parse: {e}\n{text}",
            path.display()
        )
    });
    (table, body.to_string())
}

/// Markdown as HTML (CommonMark, tables).
fn html_of(markdown: &str) -> String {
    let parser = pulldown_cmark::Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

/// Text as pulldown-cmark writes it into HTML's text.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Every HTML comment of the markdown files under `dir` is whole: as markdown reads
/// the body, each comment ends where its template ends it (no `--` inside it, and no
/// `-->` left over as text after a comment ended early).
fn comments_are_whole(dir: &Path, template_comments: usize) {
    let mut count = 0;
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            let (_, body) = front_matter(entry.path());
            let html = html_of(&body);
            let mut rest = html.as_str();
            while let Some(start) = rest.find("<!--") {
                let inner = &rest[start + 4..];
                let end = inner.find("-->").expect("an unclosed comment");
                assert!(
                    !inner[..end].contains("--"),
                    "{}: {html}",
                    entry.path().display()
                );
                count += 1;
                rest = &inner[end + 3..];
            }
            // Names are shown before the comments; after, a `-->` shown as text is the
            // end of a comment that a value ended early.
            let after = html.find("<!--").map_or("", |i| &html[i..]);
            assert!(
                !after.contains("--&gt;"),
                "{}: {html}",
                entry.path().display()
            );
        }
    }
    assert_eq!(count, template_comments, "{}", dir.display());
}

/// Names that mix plausible text with what breaks TOML, markdown, HTML comments and the
/// placeholders of the templates.
fn hostile_name() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => "[A-Za-z]{1,8}",
        1 => Just(" ".to_string()),
        3 => prop::sample::select(vec![
            "\"", "'", "\\", "-->", "--", "<!--", "--!>", ">", "<script>x</script>", "*", "_",
            "[a](b)", "`", "#", "|", "{{ x }}", "&amp;", "@@NAME_TOML@@", "@@DOMAIN_MD@@",
            "@@OWNER@@", "\"\"\"", "'''", "\n", "\t", "é", "ñ", "\u{202e}", "$", "~", "+++",
            "=", "[x]", "\\u0041", "# ", "- ", "\u{7f}",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 1..7).prop_map(|v| v.concat())
}

/// `init` with `name` and `dinas`, then `new site` for an OPD whose owner, purpose and
/// contact are given: each either refuses (nothing written) or writes files whose TOML
/// parses with every value as given, whose markdown shows it as text, and whose comments
/// stay whole; then `laman check` has no error.
fn hostile_scaffold_case(name: &str, dinas: &str, owner: &str, purpose: &str) {
    let tmp = tempfile::tempdir().unwrap();
    if let Some(repo) = hostile_init_case(tmp.path(), name, dinas) {
        hostile_new_site_case(&repo, owner, purpose);
    }
}

/// `init` in `tmp` with `name` and `dinas`: the repository, or None when it refused.
fn hostile_init_case(tmp: &Path, name: &str, dinas: &str) -> Option<std::path::PathBuf> {
    // `--name=...`: a value may start with `-`.
    let (name_arg, dinas_arg) = (format!("--name={name}"), format!("--dinas={dinas}"));
    let args = [
        "init",
        "r",
        &name_arg,
        "--domain",
        "contohkab.go.id",
        &dinas_arg,
    ];
    let out = laman_here(tmp, &args);
    let repo = tmp.join("r");
    if out.status.code() != Some(0) {
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(stderr(&out).contains("error["), "{}", stderr(&out));
        assert!(!repo.exists() || std::fs::read_dir(&repo).unwrap().next().is_none());
        return None;
    }
    let registry: toml::Table = toml::from_str(&read(repo.join("domains.toml"))).unwrap();
    assert_eq!(registry["regency"]["name"].as_str(), Some(name));
    assert_eq!(registry["regency"]["dinas"].as_str(), Some(dinas));
    assert_eq!(
        registry["portal"]["title"].as_str(),
        Some(format!("Pemerintah {name}").as_str())
    );
    let portal = repo.join("content/portal");
    let (home, body) = front_matter(&portal.join("_index.md"));
    assert_eq!(
        home["title"].as_str(),
        Some(format!("Pemerintah {name}").as_str())
    );
    assert!(
        html_of(&body).contains(&format!("Selamat datang di portal resmi {}.", escape(name))),
        "{body}"
    );
    let (ppid, _) = front_matter(&portal.join("ppid.md"));
    assert_eq!(
        ppid["description"].as_str(),
        Some(format!("Pejabat Pengelola Informasi dan Dokumentasi (PPID) Utama {name}.").as_str())
    );
    let site: toml::Table = toml::from_str(&read(portal.join("_site.toml"))).unwrap();
    assert_eq!(
        site["tagline"].as_str(),
        Some(format!("Pemerintah {name}").as_str())
    );
    let readme = html_of(&read(repo.join("README.md")));
    // A heading's trailing spaces are not its text.
    assert!(
        readme.starts_with(&format!("<h1>Situs resmi {}</h1>", escape(name.trim_end()))),
        "{name:?}: {readme}"
    );
    comments_are_whole(&portal, 5);
    let check = laman(&repo, &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    Some(repo)
}

/// `new site` in `repo` for an OPD with `owner` and `purpose` (when the request is not
/// refused).
fn hostile_new_site_case(repo: &Path, owner: &str, purpose: &str) {
    let (owner_arg, purpose_arg) = (format!("--owner={owner}"), format!("--purpose={purpose}"));
    let request = [
        "domains",
        "request",
        "dinkes",
        &owner_arg,
        &purpose_arg,
        "--contact",
        "dinkes@contohkab.go.id",
    ];
    let out = laman(repo, &request);
    if out.status.code() != Some(0) {
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        return;
    }
    let out = laman(repo, &["new", "site", "dinkes"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let dinkes = repo.join("content/dinkes");
    let (home, body) = front_matter(&dinkes.join("_index.md"));
    assert_eq!(home["title"].as_str(), Some(owner));
    assert_eq!(home["description"].as_str(), Some(purpose));
    assert!(
        html_of(&body).contains(&format!("Selamat datang di situs resmi {}.", escape(owner))),
        "{body}"
    );
    let (ppid, _) = front_matter(&dinkes.join("ppid.md"));
    assert_eq!(
        ppid["description"].as_str(),
        Some(format!("PPID Pelaksana {owner}.").as_str())
    );
    let (_, profile) = front_matter(&dinkes.join("profil/_index.md"));
    assert!(
        html_of(&profile).contains(&format!("<p>Profil {}.</p>", escape(owner))),
        "{profile}"
    );
    let site: toml::Table = toml::from_str(&read(dinkes.join("_site.toml"))).unwrap();
    assert_eq!(
        site["contact"]["email"].as_str(),
        Some("dinkes@contohkab.go.id")
    );
    comments_are_whole(&dinkes, 9);
    let check = laman(repo, &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

proptest! {
    #![proptest_config(proptest_config(12, 32))]

    #[test]
    fn any_name_init_and_new_site_write_gives_files_that_keep_their_syntax(
        name in hostile_name(),
        dinas in hostile_name(),
        owner in hostile_name(),
        purpose in hostile_name(),
    ) {
        hostile_scaffold_case(&name, &dinas, &owner, &purpose);
    }
}

/// The cases of the issue: a `"` in the regency's name and in an owner, and an owner
/// that would end the HTML comment it is written into.
#[test]
fn quotes_and_comment_ends_in_names_keep_the_files_syntax() {
    hostile_scaffold_case(
        "Kabupaten Su\"ka",
        "Dinas \"Kominfo\" --> <!-- x",
        "Dinas \"Kesehatan\" --> <b>x</b> *y* [z](w) `v` @@OWNER@@",
        "Situs 'resmi' \\ \"\"\" ''' # | &amp;",
    );
}
