//! Hints point only at what a regency has: every file path a message of either
//! catalogue, a starter page or the README that `init` writes names (`docs/...`,
//! `content/...` files laman writes) exists in a fresh `laman init` regency with a site
//! from `laman new site`; every "section N" of the editors' guide a hint cites is a
//! heading of that guide; and every `laman <command>` quoted in them is a command.

use crate::common::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh regency (`init`) with one site written by `new site`.
fn regency() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_laman"))
        .args(["init", "contoh", "--name", "Kabupaten Contoh"])
        .args(["--domain", "contohkab.go.id"])
        .current_dir(tmp.path())
        .output_in_time();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let repo = tmp.path().join("contoh");
    let args = ["domains", "request", "dinkes", "--owner", "Dinas Kesehatan"];
    let out = laman(
        &repo,
        &[&args[..], &["--contact", "dinkes@contohkab.go.id"]].concat(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = laman(&repo, &["new", "site", "dinkes"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    (tmp, repo)
}

/// The texts hints and guidance are in: both catalogues, and what init and new site wrote.
fn texts(repo: &Path) -> Vec<(String, String)> {
    let mut texts = Vec::new();
    let locales = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    for file in walkdir::WalkDir::new(&locales)
        .into_iter()
        .map(Result::unwrap)
    {
        if file.path().extension().is_some_and(|e| e == "ftl") {
            texts.push((file.path().display().to_string(), read(file.path())));
        }
    }
    for file in walkdir::WalkDir::new(repo).into_iter().map(Result::unwrap) {
        let written = file.path().strip_prefix(repo).unwrap();
        let starter = written.starts_with("content") || written == Path::new("README.md");
        if starter && file.file_type().is_file() {
            texts.push((written.display().to_string(), read(file.path())));
        }
    }
    texts
}

/// The words of a text that name a file under `docs/`, and `docs/x.md, bagian N`.
fn cited(text: &str) -> Vec<(String, Option<u32>)> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("docs/") {
        let path: String = text[at..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || "/._-".contains(*c))
            .collect();
        let path = path.trim_end_matches('.').to_string();
        let rest = &text[at + path.len()..];
        let section = [", bagian ", ", section ", " bagian "]
            .iter()
            .find_map(|w| rest.strip_prefix(w))
            .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok());
        found.push((path, section));
    }
    found
}

#[test]
fn every_file_a_hint_or_starter_page_cites_is_in_a_new_regency() {
    let (_tmp, repo) = regency();
    let guide = read(repo.join("docs/panduan-editor.md"));
    let mut cited_any = BTreeSet::new();
    for (origin, text) in texts(&repo) {
        assert!(
            !text.contains("docs/content.md"),
            "{origin} cites docs/content.md"
        );
        for (path, section) in cited(&text) {
            assert!(
                repo.join(&path).is_file(),
                "{origin} cites {path}, not in the regency"
            );
            if let Some(n) = section {
                assert_eq!(path, "docs/panduan-editor.md", "{origin}");
                assert!(
                    guide.contains(&format!("\n## {n}. ")),
                    "{origin} cites section {n} of the guide, which has none"
                );
            }
            cited_any.insert(path);
        }
    }
    assert!(
        cited_any.contains("docs/panduan-editor.md"),
        "{cited_any:?}"
    );
    // The shipped guides link nothing but each other and their own sections.
    for guide in ["docs/panduan-editor.md", "docs/panduan-dinas.md"] {
        let text = read(repo.join(guide));
        for link in text.split("](").skip(1) {
            let target = link.split(')').next().unwrap_or_default();
            let file = target.split('#').next().unwrap_or_default();
            let elsewhere = ["@", "http", "mailto:", "tel:"]
                .iter()
                .any(|p| file.starts_with(p));
            if file.is_empty() || elsewhere || !file.ends_with(".md") {
                continue;
            }
            assert!(
                repo.join("docs").join(file).is_file(),
                "{guide} links {target}"
            );
        }
    }
}

#[test]
fn every_laman_command_a_hint_quotes_exists() {
    let (_tmp, repo) = regency();
    let mut commands = BTreeSet::new();
    for (_, text) in texts(&repo) {
        for quoted in text.split('`').skip(1).step_by(2) {
            let mut words = quoted.split_whitespace();
            if words.next() != Some("laman") {
                continue;
            }
            let command: Vec<&str> = words
                .take_while(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
                .take(2)
                .collect();
            if !command.is_empty() {
                commands.insert(command.join(" "));
            }
        }
    }
    assert!(commands.contains("serve"), "{commands:?}");
    let help = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_laman"))
            .args(args)
            .arg("--help")
            .output_in_time();
        (out.status.code() == Some(0)).then(|| stdout(&out))
    };
    for command in commands {
        let words: Vec<&str> = command.split(' ').collect();
        let first = help(&words[..1]).unwrap_or_else(|| panic!("`laman {command}`"));
        // A second word is a subcommand only where the first has some.
        if words.len() > 1 && first.contains("Commands:") {
            assert!(help(&words).is_some(), "`laman {command}`");
        }
    }
}
