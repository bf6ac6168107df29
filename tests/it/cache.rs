//! Caching as a browser sees it: the example regency built, served by a real nginx on
//! 127.0.0.1 with the configuration `laman domains nginx` writes, and Lighthouse's cache
//! audit (`uses-long-cache-ttl`, `tests/judges/cache.mjs`) run on the portal's home page
//! and an OPD site's page in headless Chromium: each must score 1. Skipped, outside CI,
//! when nginx, Node.js, the judges' npm packages or Chromium are missing (`scripts/test`
//! installs them).

use crate::common;
use common::nginx::{certificates, tools, Nginx};
use common::*;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[needs(
    "nginx",
    "openssl",
    "curl",
    "node",
    "chromium",
    "tests/judges/node_modules/lighthouse"
)]
#[test]
fn lighthouse_cache_audit_passes_on_the_served_example() {
    let (nginx, openssl, _curl) = tools();
    let root = example_copy();
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let public = t.join("public");
    let out = laman(root.path(), &["build", "--out", public.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    certificates(&openssl, t, "sukamajukab.go.id");
    let server = Nginx::start(&nginx, root.path(), &public, t);

    let (status, out) = judge(t, server.https, &[PORTAL, OPD_PAGE]);
    assert_eq!(status, Some(0), "{out}");
    assert_eq!(
        out.lines().filter(|l| l.starts_with("ok ")).count(),
        2,
        "{out}"
    );
    drop(server);

    // The judge itself: the same files kept ten minutes only fail it.
    let short = Nginx::start_with(&nginx, root.path(), &public, t, |conf| {
        conf.replace("max-age=31536000, immutable", "max-age=600")
    });
    let (status, out) = judge(t, short.https, &[PORTAL]);
    assert_eq!(status, Some(1), "{out}");
    assert!(
        out.contains("kept 600 s: https://sukamajukab.go.id/_aset/style."),
        "{out}"
    );
}

const PORTAL: &str = "https://sukamajukab.go.id/";
const OPD_PAGE: &str = "https://dinkes.sukamajukab.go.id/layanan/";

/// Runs tests/judges/cache.mjs on `urls` against 127.0.0.1:`port`: its exit status
/// (None: killed after 3 minutes) and what it printed.
fn judge(dir: &Path, port: u16, urls: &[&str]) -> (Option<i32>, String) {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let log = dir.join("lighthouse.txt");
    let mut child = Command::new("node")
        .arg(here.join("tests/judges/cache.mjs"))
        .arg("--connect")
        .arg(format!("127.0.0.1:{port}"))
        .args(urls)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&log).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The script gives each page 60 s; this is the second guard.
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if started.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let out = read(&log);
    eprintln!("{out}");
    (status, out)
}
