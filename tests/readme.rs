//! Every `sh` block of README.md runs as written, in a fresh copy of this repository's
//! example regency, with `laman` on the PATH: so the README can never drift from the
//! program. Each block runs under `bash -e` (a failing command fails the test) with a
//! deadline. Three kinds of line are not run as written, each for a reason:
//! - `cargo run --release -- ARGS` runs as `laman ARGS` (the same program, already built);
//! - `scripts/test` is what runs this test;
//! - `laman dns check` asks the regency's real nameservers, which a test must not reach
//!   (tests/dns.rs checks it against a real DNS server on 127.0.0.1).
//!
//! `serve` runs on a free port until it has announced itself, then is stopped.

mod common;
use common::*;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The `sh` blocks of README.md, each with the line it starts on.
fn sh_blocks(readme: &str) -> Vec<(usize, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (n, line) in readme.lines().enumerate() {
        match (&mut current, line.trim_end()) {
            (None, "```sh") => current = Some((n + 1, String::new())),
            (Some(_), "```") => blocks.extend(current.take()),
            (Some((_, text)), _) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

/// A block's commands (continuation lines joined) with the three exceptions applied.
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
            if command.starts_with("scripts/test") || command.starts_with("laman dns check") {
                format!("# not run here: {command}")
            } else if command.starts_with("laman serve") {
                // Serving is what it should still be doing when stopped (exit 124).
                "timeout 3 laman serve --port 0 --root . || test $? = 124".to_string()
            } else {
                command
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
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

#[test]
fn every_sh_block_of_the_readme_runs_as_written() {
    let readme = read(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"));
    let blocks = sh_blocks(&readme);
    assert!(blocks.len() >= 3, "README has its sh blocks: {blocks:?}");
    let bin = Path::new(env!("CARGO_BIN_EXE_laman")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // One copy for all blocks, in order, as a reader following the README would.
    let root = example();
    for (line, block) in &blocks {
        let script = runnable(block);
        let log = root.path().join(".readme-block.log");
        let mut child = Command::new("bash")
            .args(["-e", "-o", "pipefail", "-c", &script])
            .current_dir(root.path())
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
                panic!("README.md:{line}: the block still ran after 120 s:\n{script}");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(
            status.success(),
            "README.md:{line}: the block failed ({status}):\n{script}\n--- stderr:\n{}",
            read(log.with_extension("err"))
        );
    }
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
fn the_block_reader_finds_blocks_and_applies_the_exceptions() {
    let readme = "text\n```sh\ncargo run --release -- build   # note\nscripts/test\n```\n```\nnot sh\n```\n```sh\nlaman a \\\n  --b c\nlaman dns check\n```\n";
    let blocks = sh_blocks(readme);
    assert_eq!(blocks.len(), 2);
    assert_eq!(blocks[0].0, 2);
    let first = runnable(&blocks[0].1);
    assert!(
        first.starts_with("laman build   # note\n# not run here: scripts/test"),
        "{first}"
    );
    let second = runnable(&blocks[1].1);
    assert!(
        second.starts_with("laman a    --b c\n# not run here: laman dns check"),
        "{second}"
    );
}
