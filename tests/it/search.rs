//! The regency search in a real browser: `tests/judges/search.mjs` drives headless
//! Chromium (playwright-core, as the judges do) against `laman serve` on 127.0.0.1, on a
//! copy of the example regency. Skipped, outside CI, when Node.js, the judges' npm
//! packages or Chromium are missing (`scripts/test` installs them).

use crate::common;
use common::*;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[needs("node", "chromium", "tests/judges/node_modules/playwright-core")]
#[test]
fn a_citizen_searches_the_regency_and_one_site_in_chromium() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = example_copy();
    let mut child = Command::new("node")
        .arg(here.join("tests/judges/search.mjs"))
        .arg(env!("CARGO_BIN_EXE_laman"))
        .arg(root.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Read while it runs, so that it never blocks on a full pipe.
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        use std::io::Read;
        let mut out = String::new();
        let _ = stdout.read_to_string(&mut out);
        out
    });
    // The script ends itself within 150 s; this is the second guard.
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > Duration::from_secs(200) {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let out = if status.is_some() {
        reader.join().unwrap()
    } else {
        String::from("(killed after 200 s)")
    };
    assert_eq!(status.and_then(|s| s.code()), Some(0), "{out}");
    for check in [
        "finds pages of",
        "site filter",
        "matches nothing",
        "only says \"pelayanan\"",
        "only says \"izin\"",
        "Nu HTML Checker",
        "axe-core",
        "stays on that site",
    ] {
        assert!(
            out.lines().any(|l| l.contains("ok:") && l.contains(check)),
            "{check}: {out}"
        );
    }
}
