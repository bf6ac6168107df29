//! Helpers of tests/it/publish/: the example regency in a temporary folder, publishing,
//! killing a publish at a chosen point, and an OpenSSH server on 127.0.0.1.

pub mod sshd;

use super::common::*;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The text a changed page gets.
pub const CHANGE: &str = "Perubahan uji penerbitan";

/// The bundled example regency in a fresh folder, and an empty destination.
pub fn example() -> (tempfile::TempDir, tempfile::TempDir) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = tempfile::tempdir().unwrap();
    copy_tree(&repo.join("content"), &root.path().join("content"));
    std::fs::copy(repo.join("domains.toml"), root.path().join("domains.toml")).unwrap();
    (root, tempfile::tempdir().unwrap())
}

/// [`example`], built.
pub fn built_example() -> (tempfile::TempDir, tempfile::TempDir) {
    let (root, dest) = example();
    assert_ok(&laman(root.path(), &["build"]));
    (root, dest)
}

pub fn publish(root: &Path, args: &[&str]) -> Output {
    let mut all = vec!["publish"];
    all.extend(args);
    laman(root, &all)
}

pub fn assert_ok(out: &Output) {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
}

pub fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Changes one page of dinkes (its profile).
pub fn change_a_page(root: &Path) {
    let page = root.join("content/dinkes/profil/_index.md");
    let text = read(&page);
    write(&page, &format!("{text}\n{CHANGE}.\n"));
}

/// Release ids carry the second: two publishes in one second would make the same id.
pub fn wait_a_second() {
    std::thread::sleep(Duration::from_millis(1050));
}

/// The folder `DEST/current` resolves to.
pub fn live_release(dest: &Path) -> PathBuf {
    std::fs::canonicalize(dest.join("current")).expect("current resolves")
}

/// The two trees hold the same files with the same bytes (the marker aside).
pub fn assert_same_tree(built: &Path, release: &Path) {
    let mut a = snapshot(built);
    a.remove(Path::new(".laman-output"));
    let b = snapshot(release);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    assert!(a == b, "the release's bytes differ from the build's");
}

/// A running laman, killed and reaped when dropped.
pub struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn(root: &Path, args: &[&str], pause: Option<&str>) -> Running {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_laman"));
    cmd.arg("publish")
        .args(args)
        .arg("--root")
        .arg(root)
        .env_remove("CI");
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some(point) = pause {
        cmd.env("LAMAN_PUBLISH_PAUSE", point);
    }
    Running(cmd.spawn().unwrap())
}

/// Runs a publish that pauses at `point` (see `LAMAN_PUBLISH_PAUSE`), and kills it there.
pub fn kill_at(root: &Path, args: &[&str], point: &str) {
    drop(paused_at(root, args, point));
}

/// Starts a publish that pauses at `point` and returns it once it is there (it waits,
/// holding whatever it holds, until dropped, which kills it).
pub fn paused_at(root: &Path, args: &[&str], point: &str) -> Running {
    let mut running = spawn(root, args, Some(point));
    let stderr = running.0.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let wanted = format!("paused at {point}");
    let mut said = Vec::new();
    loop {
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(line) if line.contains(&wanted) => break,
            Ok(line) => said.push(line),
            Err(_) => panic!("the publish never reached {point}: {said:?}"),
        }
    }
    running
}

/// Runs a publish and kills it after `ms` milliseconds, wherever it is.
pub fn kill_after(root: &Path, args: &[&str], ms: u64) {
    let running = spawn(root, args, None);
    std::thread::sleep(Duration::from_millis(ms));
    drop(running);
}
