//! Concurrent `laman domains` edits: each one either lands or fails with
//! `registry.edit.conflict`; never does an edit exit 0 and go missing from the file.
//! Every child is waited for with a deadline and killed past it, so no test can hang.

use crate::common;
use common::*;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Starts `laman domains ARGS... --root ROOT` with its output captured into files (so a
/// full pipe can never block it, and nothing waits on a pipe).
fn start(root: &Path, args: &[String], log: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_laman"))
        .arg("domains")
        .args(args)
        .arg("--root")
        .arg(root)
        .env_remove("CI")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(log).unwrap())
        .spawn()
        .unwrap()
}

/// Waits for every child, killing all of them once `limit` has passed.
fn wait_all(mut children: Vec<Child>, limit: Duration) -> Vec<Option<i32>> {
    let deadline = Instant::now() + limit;
    let mut codes = vec![None; children.len()];
    let mut done = vec![false; children.len()];
    while done.iter().any(|d| !d) {
        for (i, child) in children.iter_mut().enumerate() {
            if !done[i] {
                if let Some(status) = child.try_wait().unwrap() {
                    codes[i] = status.code();
                    done[i] = true;
                }
            }
        }
        if Instant::now() > deadline {
            for child in &mut children {
                let _ = child.kill();
                let _ = child.wait();
            }
            panic!("edits still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    codes
}

fn request(label: &str) -> Vec<String> {
    [
        "request",
        label,
        "--owner",
        "Dinas Uji Bersamaan",
        "--contact",
        "uji@contohkab.go.id",
    ]
    .map(String::from)
    .to_vec()
}

/// An exit status other than 0 must come with the conflict finding.
fn landed_or_conflict(code: Option<i32>, log: &Path) -> bool {
    let text = read(log);
    match code {
        Some(0) => true,
        Some(1) if text.contains("registry.edit.conflict") => false,
        other => panic!("edit ended with {other:?}: {text}"),
    }
}

#[test]
fn eight_parallel_editors_lose_no_request() {
    let root = fixture("contoh");
    let logs = tempfile::tempdir().unwrap();
    let mut landed = Vec::new();
    for round in 0..6 {
        let labels: Vec<String> = (0..8).map(|i| format!("uji{round}x{i}")).collect();
        let children = labels
            .iter()
            .map(|l| start(root.path(), &request(l), &logs.path().join(l)))
            .collect();
        let codes = wait_all(children, Duration::from_secs(120));
        for (label, code) in labels.iter().zip(codes) {
            if landed_or_conflict(code, &logs.path().join(label)) {
                landed.push(label.clone());
            }
        }
        let text = read(root.path().join("domains.toml"));
        for label in &landed {
            assert!(
                text.contains(&format!("label = \"{label}\"")),
                "`{label}` exited 0 but is not in domains.toml (round {round})"
            );
        }
    }
    // Waiting for the lock, rather than refusing, is what editors get.
    assert_eq!(landed.len(), 48, "every edit waited its turn and landed");
    let check = laman(root.path(), &["domains", "check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

#[test]
fn two_parallel_approvals_both_land() {
    let root = fixture("contoh");
    let logs = tempfile::tempdir().unwrap();
    for round in 0..8 {
        let pair = [format!("a{round}"), format!("b{round}")];
        for label in &pair {
            let owned = [
                vec!["domains".to_string()],
                request(label),
                vec!["--kind".into(), "service".into()],
            ]
            .concat();
            let args: Vec<&str> = owned.iter().map(String::as_str).collect();
            let out = laman(root.path(), &args);
            assert!(out.status.success(), "{}", stderr(&out));
        }
        let today = jiff::Zoned::now().date().to_string();
        let children = pair
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let args: Vec<String> = [
                    "approve",
                    label,
                    "--decree",
                    &format!("100/{round}{i}/KPTS/2026"),
                    "--date",
                    &today,
                    "--a",
                    "203.0.113.40",
                ]
                .map(String::from)
                .to_vec();
                start(root.path(), &args, &logs.path().join(label))
            })
            .collect();
        let codes = wait_all(children, Duration::from_secs(60));
        let text = read(root.path().join("domains.toml"));
        for (label, code) in pair.iter().zip(codes) {
            if landed_or_conflict(code, &logs.path().join(label)) {
                let entry = &text[text.find(&format!("label = \"{label}\"")).unwrap()..];
                let entry = &entry[..entry[1..]
                    .find("[[subdomain]]")
                    .map_or(entry.len(), |e| e + 1)];
                assert!(
                    entry.contains("status = \"approved\""),
                    "approval of `{label}` exited 0 but is lost (round {round}):\n{entry}"
                );
            }
        }
    }
}

#[test]
fn an_edit_waits_for_the_lock_and_then_lands() {
    let root = fixture("contoh");
    let logs = tempfile::tempdir().unwrap();
    let folder = std::fs::File::open(root.path()).unwrap();
    folder.lock().unwrap();
    let child = start(root.path(), &request("menunggu"), &logs.path().join("log"));
    std::thread::sleep(Duration::from_millis(400));
    assert!(
        !read(root.path().join("domains.toml")).contains("menunggu"),
        "the edit did not wait for the lock"
    );
    folder.unlock().unwrap();
    let codes = wait_all(vec![child], Duration::from_secs(60));
    assert_eq!(codes, vec![Some(0)], "{}", read(logs.path().join("log")));
    assert!(read(root.path().join("domains.toml")).contains("label = \"menunggu\""));
}
