//! Every `sh` block of README.md and of the two guides in Indonesian
//! (docs/panduan-editor.md, docs/panduan-dinas.md) runs as written, in a fresh copy of
//! this repository's example regency (one copy per document, its blocks in order, as a
//! reader following it would), with `laman` on the PATH: so no document can drift from
//! the program. Each block runs under `bash -e` (a failing command fails the test) with
//! a deadline.
//!
//! A fence whose info string names a file after its language (```` ```markdown
//! content/dinkes/berita/x.md ````, ```` ```toml content/dinkes/_site.toml ````) is that
//! file's whole text: it is written into the copy, at that path, before the blocks after
//! it run, so the example pages a guide shows are checked by the `laman check` that
//! follows them. Other fences (```` ```text ````, ```` ```toml ```` without a path) are
//! shown, not run.
//!
//! Some lines are not run as written, each for a reason:
//! - `cargo run --release -- ARGS` runs as `laman ARGS` (the same program, already built);
//! - `laman serve ARGS` runs on a free port (`--port 0`) for three seconds, then is
//!   stopped: serving is what it should still be doing then;
//! - `scripts/test` is what runs this test;
//! - `laman dns check`, `laman verify` and `laman publish` to `USER@HOST:` reach the
//!   regency's real nameservers and web servers, which a test must not (tests/it/dns/,
//!   tests/it/verify/ and tests/it/publish/ run them against real servers on 127.0.0.1);
//!   each `--option` such a line shows must still be one its command's `--help` lists.
//!
//! Commands a document shows inline in its prose (`` `laman domains zone --serial N` ``)
//! are not run either, but each must name a real command and only options its `--help`
//! lists.

use crate::common;
use common::*;
use std::path::{Component, Path};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod guides;

/// A fenced block of a document: commands to run, or a file to write.
#[derive(Debug, PartialEq)]
enum Block {
    Sh {
        line: usize,
        text: String,
    },
    File {
        line: usize,
        path: String,
        text: String,
    },
}

/// The `sh` blocks and file blocks of a markdown document, each with the line its fence
/// opens on. Every fence is tracked (indented ones in list items too), so a fence shown
/// inside another is not read as one.
fn blocks(doc: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    // The open fence: its line, its info string, its text so far.
    let mut open: Option<(usize, String, String)> = None;
    // How far the open fence is indented: its lines lose as much (as CommonMark reads it).
    let mut indent = 0;
    for (n, line) in doc.lines().enumerate() {
        let trimmed = line.trim();
        match &mut open {
            None => {
                if let Some(info) = trimmed.strip_prefix("```") {
                    open = Some((n + 1, info.trim().to_string(), String::new()));
                    indent = line.len() - line.trim_start_matches(' ').len();
                }
            }
            Some(_) if trimmed == "```" => {
                let (line, info, text) = open.take().unwrap();
                let mut words = info.split_whitespace();
                match (words.next(), words.next()) {
                    (Some("sh"), None) => blocks.push(Block::Sh { line, text }),
                    (Some(_), Some(path)) => blocks.push(Block::File {
                        line,
                        path: path.to_string(),
                        text,
                    }),
                    _ => {}
                }
            }
            Some((_, _, text)) => {
                let spaces = line.len() - line.trim_start_matches(' ').len();
                text.push_str(&line[spaces.min(indent)..]);
                text.push('\n');
            }
        }
    }
    assert!(open.is_none(), "a fence is never closed: {open:?}");
    blocks
}

/// A line without its shell comment (` #` to the end).
fn without_comment(line: &str) -> &str {
    line.find(" #").map_or(line, |at| &line[..at]).trim_end()
}

/// Whether a command reaches the regency's real servers (see the module docs).
fn reaches_real_servers(command: &str) -> bool {
    let words: Vec<&str> = without_comment(command).split_whitespace().collect();
    match words.as_slice() {
        ["laman", "dns", "check", ..] | ["laman", "verify", ..] => true,
        ["laman", "publish", rest @ ..] => rest
            .windows(2)
            .any(|pair| pair[0] == "--to" && pair[1].contains('@')),
        _ => false,
    }
}

/// A block's commands (continuation lines joined) with the exceptions applied.
fn runnable(block: &str) -> String {
    let joined = block.replace("\\\n", " ");
    joined
        .lines()
        .map(|line| {
            let command = line.trim_start();
            let command = command
                .strip_prefix("cargo run --release -- ")
                .map(|rest| format!("laman {rest}"))
                .unwrap_or_else(|| command.to_string());
            if command.starts_with("scripts/test") || reaches_real_servers(&command) {
                format!("# not run here: {command}")
            } else if let Some(args) = without_comment(&command).strip_prefix("laman serve") {
                // Serving is what it should still be doing when stopped (exit 124).
                let mut kept = Vec::new();
                let mut words = args.split_whitespace();
                while let Some(word) = words.next() {
                    match word {
                        "--port" => {
                            words.next();
                        }
                        _ if word.starts_with("--port=") => {}
                        _ => kept.push(word),
                    }
                }
                let args = kept.join(" ");
                format!("timeout 3 laman serve {args} --port 0 || test $? = 124")
            } else {
                command
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The lines of a runnable script that were left out, as `laman` commands.
fn not_run(script: &str) -> Vec<&str> {
    script
        .lines()
        .filter_map(|line| line.strip_prefix("# not run here: "))
        .filter(|command| command.starts_with("laman "))
        .collect()
}

/// Each `--option` of a command that is not run is one its `--help` lists.
fn assert_options_exist(doc: &str, line: usize, command: &str) {
    let words: Vec<&str> = without_comment(command)
        .split_whitespace()
        .take_while(|w| !matches!(*w, ">" | "|" | "&&" | ";" | "2>"))
        .collect();
    let path: Vec<&str> = words[1..]
        .iter()
        .take_while(|w| w.chars().all(|c| c.is_ascii_lowercase()))
        .copied()
        .collect();
    let help = Command::new(env!("CARGO_BIN_EXE_laman"))
        .args(&path)
        .arg("--help")
        .output_in_time();
    assert!(
        help.status.success(),
        "{doc}:{line}: `laman {path:?} --help` failed"
    );
    let help = stdout(&help);
    let listed: Vec<&str> = help
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| w.starts_with("--"))
        .collect();
    for option in words.iter().filter(|w| w.starts_with("--")) {
        let option = option.split('=').next().unwrap();
        assert!(
            listed.contains(&option),
            "{doc}:{line}: `{command}` shows {option}, which `laman {} --help` does not list:\n{help}",
            path.join(" ")
        );
    }
}

/// The `laman ...` commands a document shows in its prose, as inline code (a span may
/// run over a line break), with the line each starts on. Fenced blocks are left out.
fn inline_commands(doc: &str) -> Vec<(usize, String)> {
    let mut prose = String::new();
    let mut fenced = false;
    for line in doc.lines() {
        if line.trim().starts_with("```") {
            fenced = !fenced;
            prose.push('\n');
        } else if fenced {
            prose.push('\n');
        } else {
            prose.push_str(line);
            prose.push('\n');
        }
    }
    let mut commands = Vec::new();
    let mut rest = prose.as_str();
    let mut line = 1;
    while let Some(open) = rest.find('`') {
        line += rest[..open].matches('\n').count();
        let after = &rest[open + 1..];
        let Some(close) = after.find('`') else { break };
        let span = &after[..close];
        if span.starts_with("laman ") {
            commands.push((line, span.replace('\n', " ")));
        }
        line += span.matches('\n').count();
        rest = &after[close + 1..];
    }
    commands
}

/// A copy of the example regency: what a newcomer has after cloning.
fn example() -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(repo.join("domains.toml"), tmp.path().join("domains.toml")).unwrap();
    copy_tree(&repo.join("content"), &tmp.path().join("content"));
    if repo.join("themes").is_dir() {
        copy_tree(&repo.join("themes"), &tmp.path().join("themes"));
    }
    // The WordPress export the README imports (a clone has it too).
    let wordpress = Path::new("tests/fixtures/wordpress");
    copy_tree(&repo.join(wordpress), &tmp.path().join(wordpress));
    tmp
}

/// Runs one script in `root` under `bash -e`, failing the test if it fails or runs
/// past its deadline.
fn run_block(root: &Path, doc: &str, line: usize, script: &str) {
    let bin = Path::new(env!("CARGO_BIN_EXE_laman")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let log = root.join(".readme-block.log");
    let mut child = Command::new("bash")
        .args(["-e", "-o", "pipefail", "-c", script])
        .current_dir(root)
        .env("PATH", &path)
        .env_remove("CI")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&log).unwrap())
        .stderr(std::fs::File::create(log.with_extension("err")).unwrap())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{doc}:{line}: the block still ran after 120 s:\n{script}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(
        status.success(),
        "{doc}:{line}: the block failed ({status}):\n{script}\n--- stdout:\n{}\n--- stderr:\n{}",
        read(&log),
        read(log.with_extension("err"))
    );
}

/// Runs every block of the document `doc` (relative to the repository) in a fresh copy
/// of the example, in order, and returns the copy for the caller to check what the
/// blocks promise.
fn run_document(doc: &str) -> tempfile::TempDir {
    let text = read(Path::new(env!("CARGO_MANIFEST_DIR")).join(doc));
    let blocks = blocks(&text);
    assert!(
        blocks
            .iter()
            .filter(|b| matches!(b, Block::Sh { .. }))
            .count()
            >= 3,
        "{doc} has its sh blocks: {blocks:?}"
    );
    // Commands shown in the prose are not run, but each names a real command and options.
    for (line, command) in inline_commands(&text) {
        assert_options_exist(doc, line, &command);
    }
    let root = example();
    for block in &blocks {
        match block {
            Block::Sh { line, text } => {
                let script = runnable(text);
                for command in not_run(&script) {
                    assert_options_exist(doc, *line, command);
                }
                run_block(root.path(), doc, *line, &script);
            }
            Block::File { line, path, text } => {
                let relative = Path::new(path);
                assert!(
                    relative
                        .components()
                        .all(|c| matches!(c, Component::Normal(_))),
                    "{doc}:{line}: a file block's path stays inside the repository: {path}"
                );
                let target = root.path().join(relative);
                std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                std::fs::write(&target, text).unwrap();
            }
        }
    }
    root
}

#[test]
fn every_sh_block_of_the_readme_runs_as_written() {
    let root = run_document("README.md");
    // What the blocks promise is there.
    assert!(root
        .path()
        .join("public/sukamajukab.go.id/index.html")
        .is_file());
    let zone = read(root.path().join("sukamajukab.go.id.zone"));
    assert!(zone.contains("disparbud"), "{zone}");
    assert!(read(root.path().join("laman.conf")).contains("server_name"));
}

#[test]
fn every_sh_block_of_the_editors_guide_runs_as_written() {
    let root = run_document("docs/panduan-editor.md");
    // The pages the guide writes are published where it says.
    for page in [
        "public/dinkes.sukamajukab.go.id/berita/posyandu-remaja-dibuka-di-desa-cibening/index.html",
        "public/dinkes.sukamajukab.go.id/layanan/surat-keterangan-sehat/index.html",
    ] {
        assert!(root.path().join(page).is_file(), "{page}");
    }
}

#[test]
fn every_sh_block_of_the_dinas_guide_runs_as_written() {
    let root = run_document("docs/panduan-dinas.md");
    let registry = read(root.path().join("domains.toml"));
    assert!(
        registry.contains("555/031/KPTS/DISKOMINFO/2026"),
        "{registry}"
    );
    assert!(root.path().join("srv/laman/current").is_symlink());
}

#[test]
fn the_block_reader_finds_blocks_and_applies_the_exceptions() {
    assert_eq!(
        blocks("- item\n\n  ```toml content/a.toml\n  [a]\n    b = 1\n  ```\n"),
        [Block::File {
            line: 3,
            path: "content/a.toml".into(),
            text: "[a]\n  b = 1\n".into()
        }]
    );
    let readme = "text\n```sh\ncargo run --release -- build   # note\nscripts/test\n```\n```\nnot sh\n```\n```sh\nlaman a \\\n  --b c\nlaman dns check\n```\n```text\n```sh\n```\n```markdown content/x/a.md\n+++\n```\n";
    let blocks = blocks(readme);
    assert_eq!(blocks.len(), 3, "{blocks:?}");
    let Block::Sh { line, text } = &blocks[0] else {
        panic!("{blocks:?}")
    };
    assert_eq!(*line, 2);
    let first = runnable(text);
    assert!(
        first.starts_with("laman build   # note\n# not run here: scripts/test"),
        "{first}"
    );
    let Block::Sh { text, .. } = &blocks[1] else {
        panic!("{blocks:?}")
    };
    let second = runnable(text);
    assert!(
        second.starts_with("laman a    --b c\n# not run here: laman dns check"),
        "{second}"
    );
    assert_eq!(
        blocks[2],
        Block::File {
            line: 17,
            path: "content/x/a.md".into(),
            text: "+++\n".into()
        }
    );
    assert_eq!(
        inline_commands(
            "a `laman build`\n```sh\n`laman x`\n```\nb `laman publish --to\nX --rollback` `c`\n"
        ),
        [
            (1, "laman build".to_string()),
            (5, "laman publish --to X --rollback".to_string())
        ]
    );
    assert_eq!(
        runnable("laman serve --port 8080 --root . # preview\n"),
        "timeout 3 laman serve --root . --port 0 || test $? = 124"
    );
    assert_eq!(
        not_run(&runnable(
            "laman verify --format json\nlaman publish --to deploy@web1:/srv/laman --rollback\nlaman publish --to /srv/laman\n"
        )),
        [
            "laman verify --format json",
            "laman publish --to deploy@web1:/srv/laman --rollback"
        ]
    );
}
