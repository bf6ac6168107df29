//! The guides as a reader follows them: linked from the README and from each other, every
//! heading link resolving, every finding code explained.

use super::*;

#[test]
fn the_readme_links_both_guides_at_the_top_and_each_guide_the_other() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = read(repo.join("README.md"));
    let top: String = readme.lines().take(15).collect::<Vec<_>>().join("\n");
    for guide in ["docs/panduan-editor.md", "docs/panduan-dinas.md"] {
        assert!(
            top.contains(&format!("]({guide})")),
            "README links {guide} at the top"
        );
    }
    let editor = read(repo.join("docs/panduan-editor.md"));
    let dinas = read(repo.join("docs/panduan-dinas.md"));
    assert!(
        editor.contains("](panduan-dinas.md"),
        "the editors' guide links the Dinas's"
    );
    assert!(
        dinas.contains("](panduan-editor.md"),
        "the Dinas's guide links the editors'"
    );
}

/// The anchor GitHub gives a heading: lowercase, punctuation dropped, spaces as `-`.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// Every `#anchor` link of the guides, within one or from one to the other, names a
/// heading the target guide has: their tables of contents and cross-references work.
#[test]
fn every_heading_link_of_the_guides_resolves() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let guides = ["panduan-editor.md", "panduan-dinas.md"];
    let text = |name: &str| read(repo.join("docs").join(name));
    let anchors = |name: &str| -> Vec<String> {
        text(name)
            .lines()
            .filter_map(|line| line.strip_prefix("## ").or(line.strip_prefix("# ")))
            .map(anchor)
            .collect()
    };
    for guide in guides {
        let body = text(guide);
        let mut links = 0;
        for (at, _) in body.match_indices("](") {
            let target = &body[at + 2..];
            let target = &target[..target.find(')').unwrap_or(0)];
            let Some((file, fragment)) = target.split_once('#') else {
                continue;
            };
            let file = if file.is_empty() { guide } else { file };
            if !guides.contains(&file) {
                continue;
            }
            links += 1;
            assert!(
                anchors(file).iter().any(|a| a == fragment),
                "docs/{guide}: the link to {target} names no heading of {file}"
            );
        }
        assert!(links >= 10, "docs/{guide} has its table of contents");
    }
    assert_eq!(
        anchor("9. Pengaturan situs: `_site.toml`"),
        "9-pengaturan-situs-_sitetoml"
    );
}

/// Every finding code of README's table (which `src/finding.rs` keeps complete) is
/// explained, in a row of its own, in one of the guides: an editor or the Dinas who
/// meets a code can look it up in Indonesian.
#[test]
fn the_guides_explain_every_finding_code() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = read(repo.join("README.md"));
    let table = readme
        .split("\n## Finding codes\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("README has its Finding codes section");
    let codes: Vec<&str> = table
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split('`').next())
        .collect();
    assert!(codes.len() > 50, "{codes:?}");
    let guides =
        read(repo.join("docs/panduan-editor.md")) + &read(repo.join("docs/panduan-dinas.md"));
    let missing: Vec<&str> = codes
        .into_iter()
        .filter(|code| !guides.contains(&format!("\n| `{code}` |")))
        .collect();
    assert!(
        missing.is_empty(),
        "no row in docs/panduan-editor.md or docs/panduan-dinas.md for {missing:?}"
    );
}
