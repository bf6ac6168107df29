//! `laman verify` against a real nginx on 127.0.0.1 serving a signed build over TLS:
//! clean when nothing was touched, then exactly the tampering done on the server, and
//! each hostile answer (not a manifest, another key, a redirect, a server that never
//! answers, an endless body, an unknown authority) reported, never a hang.

use crate::common;
use common::nginx::{certificates, tools, Nginx};
use common::*;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Output;

mod hostile;
mod live;
mod manifests;

const DOMAIN: &str = "contohkab.go.id";

/// A signed build of the `contoh` fixture served by nginx, with its CA.
struct Served {
    root: tempfile::TempDir,
    tmp: tempfile::TempDir,
    server: Option<Nginx>,
    nginx: PathBuf,
}

impl Served {
    fn public(&self) -> PathBuf {
        self.tmp.path().join("public")
    }

    fn site(&self, label: &str) -> PathBuf {
        let fqdn = if label == "portal" {
            DOMAIN.to_string()
        } else {
            format!("{label}.{DOMAIN}")
        };
        self.public().join(fqdn)
    }

    fn port(&self) -> u16 {
        self.server.as_ref().unwrap().https
    }

    /// Restarts nginx with its configuration changed by `edit`.
    fn restart(&mut self, edit: impl Fn(String) -> String) {
        let dir = self.tmp.path().to_path_buf();
        self.server = None;
        let server = Nginx::start_with(&self.nginx, self.root.path(), &self.public(), &dir, edit);
        self.server = Some(server);
    }

    /// `laman verify` with the loopback address and the CA, and `args`.
    fn verify(&self, args: &[&str]) -> Output {
        let resolve = format!("*:127.0.0.1:{}", self.port());
        let ca = self.tmp.path().join("ca.pem");
        let mut all = vec![
            "verify",
            "--format",
            "json",
            "--resolve",
            &resolve,
            "--ca",
            ca.to_str().unwrap(),
            "--timeout",
            "3000",
        ];
        all.extend(args);
        laman_bounded(self.root.path(), &all)
    }
}

/// The binary under a hard deadline: verify must end by itself, and a test never hangs.
fn laman_bounded(root: &Path, args: &[&str]) -> Output {
    let mut cmd = std::process::Command::new("timeout");
    cmd.arg("60")
        .arg(env!("CARGO_BIN_EXE_laman"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env_remove("CI");
    let out = cmd.output_in_time();
    assert_ne!(out.status.code(), Some(124), "verify did not end by itself");
    out
}

fn serve_signed() -> Served {
    let (nginx, openssl, _) = tools();
    let root = fixture("contoh");
    let tmp = tempfile::tempdir().unwrap();
    let key = tmp.path().join("laman.key");
    let out = laman(root.path(), &["keygen", key.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let public_key = stdout(&out).trim().to_string();
    let registry = root.path().join("domains.toml");
    let text = read(&registry);
    write(
        &registry,
        &format!("{text}\n[integrity]\npublic_key = \"{public_key}\"\n"),
    );
    let public = tmp.path().join("public");
    let out = laman(
        root.path(),
        &[
            "build",
            "--out",
            public.to_str().unwrap(),
            "--sign-key",
            key.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    certificates(&openssl, tmp.path(), DOMAIN);
    let server = Nginx::start(&nginx, root.path(), &public, tmp.path());
    Served {
        root,
        tmp,
        server: Some(server),
        nginx,
    }
}

/// `laman build --out OUT --sign-key KEY` on `root`.
fn signed_build(root: &Path, out: &Path, key: &Path) -> Output {
    laman(
        root,
        &[
            "build",
            "--out",
            out.to_str().unwrap(),
            "--sign-key",
            key.to_str().unwrap(),
        ],
    )
}

/// (code, message) of every finding.
fn found(out: &Output) -> Vec<(String, String)> {
    findings(out)
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap_or_default().to_string(),
                f["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Tampers on the server: a page changed, a spam page added, spam hidden in the portal's
/// home, a file removed, and a security header dropped from nginx's configuration.
fn tamper(s: &mut Served) {
    let page = s.site("dinkes").join("profil/visi-misi/index.html");
    let text = read(&page);
    write(&page, &text.replace("Visi", "Visi yang diubah"));
    write(
        s.site("disdik").join("slot-gacor.html"),
        "<h1>Slot gacor maxwin hari ini</h1>",
    );
    let home = s.site("portal").join("index.html");
    let text = read(&home);
    write(
        &home,
        &text.replacen(
            "</body>",
            "<div style=\"display:none\"><a href=\"https://slot.example/\">slot gacor</a></div></body>",
            1,
        ),
    );
    let removed = s.site("disdik").join("atom.xml");
    std::fs::remove_file(&removed).unwrap();
    s.restart(|conf| conf.replace("add_header X-Content-Type-Options \"nosniff\" always;", ""));
}

#[needs("nginx", "openssl", "curl")]
#[test]
fn an_untouched_signed_build_verifies_clean_and_tampering_is_reported_exactly() {
    let mut s = serve_signed();
    let clean = s.verify(&[]);
    assert_eq!(clean.status.code(), Some(0), "{}", stdout(&clean));
    assert!(found(&clean).is_empty(), "{:?}", found(&clean));
    let summary: serde_json::Value = serde_json::from_str(&stdout(&clean)).unwrap();
    assert_eq!(
        summary["summary"]["sites"], 4,
        "the portal, two sites and dishub (suspended)"
    );
    assert!(summary["summary"]["files"].as_u64().unwrap() > 20);

    // The local build's manifests agree too.
    let out = s.public();
    let with_out = s.verify(&["--out", out.to_str().unwrap()]);
    assert_eq!(with_out.status.code(), Some(0), "{}", stdout(&with_out));
    let manifest = out.join("laman-manifest.json");
    let with_manifest = s.verify(&["--manifest", manifest.to_str().unwrap()]);
    assert_eq!(
        with_manifest.status.code(),
        Some(0),
        "{}",
        stdout(&with_manifest)
    );

    tamper(&mut s);
    let tampered = s.verify(&[]);
    assert_eq!(tampered.status.code(), Some(1), "{}", stderr(&tampered));
    let mut got: Vec<(String, String)> = found(&tampered)
        .into_iter()
        .map(|(code, message)| {
            let url = message
                .split_whitespace()
                .find(|w| w.starts_with("https://"))
                .unwrap_or("")
                .to_string();
            (code, url)
        })
        .collect();
    got.sort();
    got.dedup();
    let want: Vec<(String, String)> = [
        (
            "verify.changed",
            format!("https://dinkes.{DOMAIN}/profil/visi-misi/index.html"),
        ),
        ("verify.changed", format!("https://{DOMAIN}/index.html")),
        ("verify.headers", format!("https://dinkes.{DOMAIN}/")),
        ("verify.headers", format!("https://disdik.{DOMAIN}/")),
        ("verify.headers", format!("https://{DOMAIN}/")),
        (
            "verify.missing",
            format!("https://disdik.{DOMAIN}/atom.xml"),
        ),
        (
            "verify.spam",
            format!("https://disdik.{DOMAIN}/slot-gacor.html"),
        ),
        ("verify.spam", format!("https://{DOMAIN}/index.html")),
        (
            "verify.unexpected",
            format!("https://disdik.{DOMAIN}/slot-gacor.html"),
        ),
    ]
    .into_iter()
    .map(|(c, u)| (c.to_string(), u))
    .collect();
    let mut want = want;
    want.sort();
    assert_eq!(got, want, "{}", stdout(&tampered));
}

#[test]
fn keygen_writes_both_files_or_neither() {
    let root = fixture("contoh");
    let tmp = tempfile::tempdir().unwrap();
    let key = tmp.path().join("laman.key");
    let public = tmp.path().join("laman.key.pub");
    let names = || {
        let mut n: Vec<String> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    };
    write(&public, "kunci lama\n");
    let out = laman(root.path(), &["keygen", key.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("laman.key.pub"), "{}", stderr(&out));
    assert_eq!(
        names(),
        ["laman.key.pub"],
        "no secret key without its public half"
    );
    std::fs::remove_file(&public).unwrap();
    std::os::unix::fs::symlink(tmp.path().join("elsewhere"), &public).unwrap();
    let out = laman(root.path(), &["keygen", key.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(names(), ["laman.key.pub"]);
    std::fs::remove_file(&public).unwrap();
    let out = laman(root.path(), &["keygen", key.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(names(), ["laman.key", "laman.key.pub"]);
    // A registry key without its prefix: build --sign-key says so.
    let bare = stdout(&out)
        .trim()
        .strip_prefix("ed25519:")
        .unwrap()
        .to_string();
    let registry = root.path().join("domains.toml");
    write(
        &registry,
        &format!(
            "{}\n[integrity]\npublic_key = \"{bare}\"\n",
            read(&registry)
        ),
    );
    let out = laman(
        root.path(),
        &[
            "build",
            "--out",
            tmp.path().join("public").to_str().unwrap(),
            "--sign-key",
            key.to_str().unwrap(),
        ],
    );
    assert_ne!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("prefix"), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("is not the one in domains.toml"),
        "{}",
        stderr(&out)
    );
}
