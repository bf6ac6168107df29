//! `laman verify` against a real nginx on 127.0.0.1 serving a signed build over TLS:
//! clean when nothing was touched, then exactly the tampering done on the server, and
//! each hostile answer (not a manifest, another key, a redirect, a server that never
//! answers, an endless body, an unknown authority) reported, never a hang.

mod common;
use common::nginx::{certificates, tools, Nginx};
use common::*;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Output;

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
    let out = cmd.output().unwrap();
    assert_ne!(out.status.code(), Some(124), "verify did not end by itself");
    out
}

fn serve_signed() -> Option<Served> {
    let (nginx, openssl, _) = tools()?;
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
    Some(Served {
        root,
        tmp,
        server: Some(server),
        nginx,
    })
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

#[test]
fn an_untouched_signed_build_verifies_clean_and_tampering_is_reported_exactly() {
    let Some(mut s) = serve_signed() else {
        return;
    };
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

    // Tamper on the server.
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
fn a_manifest_that_cannot_be_trusted_is_reported() {
    let Some(s) = serve_signed() else {
        return;
    };
    let well_known = s.site("dinkes").join(".well-known");
    let manifest = well_known.join("laman-manifest.json");
    let original = read(&manifest);

    write(&manifest, "<html>bukan manifest</html>");
    let out = s.verify(&["--site", "dinkes"]);
    assert_eq!(out.status.code(), Some(1));
    let got = found(&out);
    assert!(
        got.iter()
            .any(|(c, m)| c == "verify.changed" && m.contains("not a laman manifest")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|(c, m)| c == "verify.signature" && m.contains("does not match")),
        "{got:?}"
    );

    write(
        &manifest,
        &original.replacen("\"version\": 1", "\"version\": 9", 1),
    );
    let got = found(&s.verify(&["--site", "dinkes"]));
    assert!(
        got.iter()
            .any(|(c, m)| c == "verify.changed" && m.contains("version 9")),
        "{got:?}"
    );

    // Signed by another key: laman trusts the registry's key only.
    write(&manifest, &original);
    let other = s.tmp.path().join("other.key");
    assert_eq!(
        laman(s.root.path(), &["keygen", other.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let sig = s.tmp.path().join("resign");
    std::fs::create_dir_all(&sig).unwrap();
    let registry = read(s.root.path().join("domains.toml"));
    let other_public = read(s.tmp.path().join("other.key.pub"));
    let root2 = fixture("contoh");
    write(
        root2.path().join("domains.toml"),
        &format!(
            "{}\n[integrity]\npublic_key = \"{}\"\n",
            read(root2.path().join("domains.toml")),
            other_public.trim()
        ),
    );
    let out2 = sig.join("public");
    let built = laman(
        root2.path(),
        &[
            "build",
            "--out",
            out2.to_str().unwrap(),
            "--sign-key",
            other.to_str().unwrap(),
        ],
    );
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    std::fs::copy(
        out2.join(format!(
            "dinkes.{DOMAIN}/.well-known/laman-manifest.json.sig"
        )),
        well_known.join("laman-manifest.json.sig"),
    )
    .unwrap();
    let got = found(&s.verify(&["--site", "dinkes"]));
    assert!(
        got.iter()
            .any(|(c, m)| c == "verify.signature" && m.contains("another key")),
        "{got:?}"
    );
    assert!(registry.contains("[integrity]"));

    // No signature where a key is registered.
    std::fs::remove_file(well_known.join("laman-manifest.json.sig")).unwrap();
    let got = found(&s.verify(&["--site", "dinkes"]));
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].0 == "verify.signature" && got[0].1.contains("not signed"),
        "{got:?}"
    );
}

#[test]
fn a_site_that_redirects_elsewhere_is_unreachable_not_followed() {
    let Some(mut s) = serve_signed() else {
        return;
    };
    s.restart(|conf| {
        conf.replacen(
            &format!("server_name dinkes.{DOMAIN};"),
            &format!("server_name dinkes.{DOMAIN};\n    location = /.well-known/laman-manifest.json {{ return 301 https://evil.example/m.json; }}"),
            1,
        )
    });
    let out = s.verify(&["--site", "dinkes"]);
    assert_eq!(out.status.code(), Some(1));
    let got = found(&out);
    assert!(
        got.iter().any(|(c, m)| c == "verify.unreachable"
            && m.contains("redirects to https://evil.example/m.json")),
        "{got:?}"
    );
}

#[test]
fn an_unknown_authority_is_a_tls_failure() {
    let Some(s) = serve_signed() else {
        return;
    };
    let resolve = format!("*:127.0.0.1:{}", s.port());
    let out = laman_bounded(
        s.root.path(),
        &[
            "verify",
            "--format",
            "json",
            "--resolve",
            &resolve,
            "--site",
            "portal",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let got = found(&out);
    assert!(
        got.iter()
            .any(|(c, m)| c == "verify.unreachable" && m.to_lowercase().contains("certificate")),
        "{got:?}"
    );
    // --insecure-localhost accepts it, on loopback only.
    let ok = laman_bounded(
        s.root.path(),
        &[
            "verify",
            "--resolve",
            &resolve,
            "--insecure-localhost",
            "--site",
            "portal",
        ],
    );
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let refused = laman_bounded(
        s.root.path(),
        &[
            "verify",
            "--resolve",
            &format!("{DOMAIN}:192.0.2.1:443"),
            "--insecure-localhost",
            "--site",
            "portal",
        ],
    );
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("loopback"),
        "{}",
        stderr(&refused)
    );
}

#[test]
fn a_server_that_never_answers_or_never_ends_cannot_hang_verify() {
    let Some(mut s) = serve_signed() else {
        return;
    };
    // Accepts connections and says nothing, forever.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let silent_port = silent.local_addr().unwrap().port();
    let held = std::thread::spawn(move || {
        let mut held = Vec::new();
        silent.set_nonblocking(true).unwrap();
        let until = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while std::time::Instant::now() < until {
            if let Ok((c, _)) = silent.accept() {
                held.push(c);
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    });
    let started = std::time::Instant::now();
    let out = laman_bounded(
        s.root.path(),
        &[
            "verify",
            "--format",
            "json",
            "--timeout",
            "800",
            "--site",
            "portal",
            "--resolve",
            &format!("*:127.0.0.1:{silent_port}"),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        found(&out)
            .iter()
            .any(|(c, m)| c == "verify.unreachable" && m.contains("time limit")),
        "{:?}",
        found(&out)
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(15));

    // An upstream that streams a body that never ends, relayed by nginx over TLS.
    let endless = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endless_port = endless.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for conn in endless.incoming().flatten().take(4) {
            std::thread::spawn(move || {
                let mut conn = conn;
                let mut buf = [0u8; 4096];
                let _ = conn.read(&mut buf);
                let _ = conn.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n");
                let chunk = format!("{:x}\r\n{}\r\n", 8192, "x".repeat(8192));
                let until = std::time::Instant::now() + std::time::Duration::from_secs(20);
                while std::time::Instant::now() < until && conn.write_all(chunk.as_bytes()).is_ok()
                {
                }
            });
        }
    });
    s.restart(|conf| {
        conf.replacen(
            &format!("server_name {DOMAIN};"),
            &format!("server_name {DOMAIN};\n    location = /index.html {{ proxy_pass http://127.0.0.1:{endless_port}; proxy_buffering off; }}"),
            1,
        )
    });
    let started = std::time::Instant::now();
    let out = s.verify(&["--site", "portal"]);
    assert_eq!(out.status.code(), Some(1));
    let got = found(&out);
    assert!(
        got.iter().any(|(c, m)| c == "verify.changed"
            && m.contains("/index.html")
            && m.contains("more than")),
        "{got:?}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(15));
    drop(held);
}

#[test]
fn malformed_arguments_and_keys_exit_2_with_a_reason() {
    let root = fixture("contoh");
    for bad in ["nothing", "a.go.id:localhost", "a.go.id:1.2.3.4:99999"] {
        let out = laman(root.path(), &["verify", "--resolve", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(stderr(&out).contains("HOST:ADDR"), "{}", stderr(&out));
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = laman(
        root.path(),
        &[
            "build",
            "--out",
            tmp.path().join("p").to_str().unwrap(),
            "--sign-key",
            tmp.path().join("none.pem").to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot read the key file"),
        "{}",
        stderr(&out)
    );
    write(
        tmp.path().join("k.pem"),
        "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n",
    );
    let out = laman(
        root.path(),
        &[
            "build",
            "--out",
            tmp.path().join("p").to_str().unwrap(),
            "--sign-key",
            tmp.path().join("k.pem").to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not an Ed25519 secret key") && !stderr(&out).contains("bm90"),
        "{}",
        stderr(&out)
    );
    assert!(!tmp.path().join("p").exists(), "nothing written");
    // A key that is not the registered one.
    let key = tmp.path().join("laman.key");
    assert_eq!(
        laman(root.path(), &["keygen", key.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let out = laman(
        root.path(),
        &[
            "build",
            "--out",
            tmp.path().join("p").to_str().unwrap(),
            "--sign-key",
            key.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("registers no key"),
        "{}",
        stderr(&out)
    );
    assert!(!tmp.path().join("p").exists(), "nothing published unsigned");
    // keygen never overwrites.
    let again = laman(root.path(), &["keygen", key.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists"));
    // A malformed registered key is a registry finding.
    let registry = root.path().join("domains.toml");
    write(
        &registry,
        &format!(
            "{}\n[integrity]\npublic_key = \"ed25519:abc\"\n",
            read(&registry)
        ),
    );
    let out = laman(root.path(), &["check", "--format", "json"]);
    assert!(
        codes(&out).contains(&"registry.field.invalid".to_string()),
        "{}",
        stdout(&out)
    );
}

#[test]
fn the_manifest_is_deterministic_and_lists_every_published_file() {
    let root = fixture("contoh");
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    for out in [&a, &b] {
        let built = laman(root.path(), &["build", "--out", out.to_str().unwrap()]);
        assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    }
    assert_eq!(
        read(a.join("laman-manifest.json")),
        read(b.join("laman-manifest.json"))
    );
    let site = a.join(format!("dinkes.{DOMAIN}"));
    let manifest: serde_json::Value =
        serde_json::from_str(&read(site.join(".well-known/laman-manifest.json"))).unwrap();
    let listed: Vec<String> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    let on_disk: Vec<String> = walkdir::WalkDir::new(&site)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(&site)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|p| !p.starts_with(".well-known/laman-manifest"))
        .collect();
    let mut sorted = on_disk.clone();
    sorted.sort();
    assert_eq!(listed, sorted);
    assert!(
        !site.join(".well-known/laman-manifest.json.sig").exists(),
        "unsigned without a key"
    );
}

#[test]
fn a_site_build_keeps_the_regency_manifest_whole_and_signing_is_never_skipped() {
    let root = fixture("contoh");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let sites = |out: &Path| -> Vec<String> {
        let m: serde_json::Value =
            serde_json::from_str(&read(out.join("laman-manifest.json"))).unwrap();
        m["sites"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["site"].as_str().unwrap().to_string())
            .collect()
    };
    let build = |extra: &[&str]| {
        let mut args = vec!["build", "--out", out.to_str().unwrap()];
        args.extend(extra);
        let built = laman(root.path(), &args);
        assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
        built
    };
    build(&[]);
    let whole = sites(&out);
    assert_eq!(whole.len(), 3, "{whole:?}");
    let page = root.path().join("content/dinkes/_index.md");
    write(&page, &format!("{}\nBaris baru.\n", read(&page)));
    build(&["--site", "dinkes"]);
    assert_eq!(sites(&out), whole, "a --site build lists every site still");
    let regency = read(out.join("laman-manifest.json"));
    let dinkes = read(out.join(format!("dinkes.{DOMAIN}/.well-known/laman-manifest.json")));
    let digest = |text: &str| -> String {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        v["digest"].as_str().unwrap().to_string()
    };
    assert!(
        regency.contains(&digest(&dinkes)),
        "the new dinkes manifest is in it"
    );

    // Nothing changed, but now a key is given: the build is not skipped, it signs.
    let key = tmp.path().join("k.pem");
    let made = laman(root.path(), &["keygen", key.to_str().unwrap()]);
    let registry = root.path().join("domains.toml");
    write(
        &registry,
        &format!(
            "{}\n[integrity]\npublic_key = \"{}\"\n",
            read(&registry),
            stdout(&made).trim()
        ),
    );
    build(&[]);
    let built = build(&["--sign-key", key.to_str().unwrap()]);
    assert!(
        !stderr(&built).contains("nothing changed"),
        "{}",
        stderr(&built)
    );
    assert!(out.join("laman-manifest.json.sig").is_file());
    assert!(out
        .join(format!(
            "dinkes.{DOMAIN}/.well-known/laman-manifest.json.sig"
        ))
        .is_file());
    let again = build(&["--sign-key", key.to_str().unwrap()]);
    assert!(
        stderr(&again).contains("nothing changed"),
        "{}",
        stderr(&again)
    );
    let unsigned = build(&[]);
    assert!(!stderr(&unsigned).contains("nothing changed"));
    assert!(
        !out.join("laman-manifest.json.sig").exists(),
        "an unsigned build leaves no stale signature"
    );
}

#[test]
fn a_revoked_name_that_still_answers_and_a_suspended_one_without_its_notice_are_reported() {
    let Some((nginx, openssl, _)) = tools() else {
        return;
    };
    // The example regency: it has a suspended site and a revoked one.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = tempfile::tempdir().unwrap();
    std::fs::copy(repo.join("domains.toml"), root.path().join("domains.toml")).unwrap();
    copy_tree(&repo.join("content"), &root.path().join("content"));
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    let built = laman(root.path(), &["build", "--out", public.to_str().unwrap()]);
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    let domain = "sukamajukab.go.id";
    certificates(&openssl, tmp.path(), domain);
    let verify = |port: u16| {
        laman_bounded(
            root.path(),
            &[
                "verify",
                "--format",
                "json",
                "--resolve",
                &format!("*:127.0.0.1:{port}"),
                "--ca",
                tmp.path().join("ca.pem").to_str().unwrap(),
                // The example registers no key.
                "--allow-unsigned",
            ],
        )
    };
    {
        let server = Nginx::start(&nginx, root.path(), &public, tmp.path());
        let clean = verify(server.https);
        assert_eq!(clean.status.code(), Some(0), "{}", stdout(&clean));
    }
    // A server block left behind for the revoked name, and the suspended one served.
    let server = Nginx::start_with(&nginx, root.path(), &public, tmp.path(), |conf| {
        let cert = tmp.path().join("cert.pem");
        let key = tmp.path().join("key.pem");
        let https = conf
            .lines()
            .find(|l| l.contains("listen") && l.contains("ssl"))
            .unwrap()
            .replace(" default_server", "");
        let conf = conf.replace("return 503", "return 200");
        format!(
            "{conf}\nserver {{\n{https}\n    server_name pasar.{domain};\n    ssl_certificate {};\n    ssl_certificate_key {};\n    return 200 'lama';\n}}\n",
            cert.display(),
            key.display()
        )
    });
    let out = verify(server.https);
    assert_eq!(out.status.code(), Some(1));
    let got = found(&out);
    assert!(
        got.iter().any(|(c, m)| c == "verify.unexpected"
            && m.contains(&format!("https://pasar.{domain}/"))
            && m.contains("revoked")),
        "{got:?}"
    );
    assert!(
        got.iter().any(|(c, m)| c == "verify.unexpected"
            && m.contains("suspended")
            && m.contains("HTTP 200")),
        "{got:?}"
    );
}

/// (code, severity, message, help) of every finding.
fn found_all(out: &Output) -> Vec<(String, String, String, String)> {
    findings(out)
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (s("code"), s("severity"), s("message"), s("help"))
        })
        .collect()
}

#[test]
fn after_a_rollback_verify_compares_with_the_build_that_is_live_and_says_so() {
    let Some(s) = serve_signed() else {
        return;
    };
    // The Dinas's newest build, signed, while the server still serves the one before
    // (as after `publish --rollback`).
    let page = s.root.path().join("content/portal/_index.md");
    write(&page, &format!("{}\nBerita terbaru.\n", read(&page)));
    let newer = s.tmp.path().join("newer");
    let key = s.tmp.path().join("laman.key");
    let built = laman(
        s.root.path(),
        &[
            "build",
            "--out",
            newer.to_str().unwrap(),
            "--sign-key",
            key.to_str().unwrap(),
        ],
    );
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    let out = s.verify(&["--out", newer.to_str().unwrap()]);
    let got = found_all(&out);
    // Not the newest build the Dinas made (a rollback, or an older build replayed): one
    // finding for the portal, which changed, saying so; every other site is the same.
    assert_eq!(out.status.code(), Some(1), "{got:?}");
    assert_eq!(got.len(), 1, "{got:?}");
    let (code, severity, message, help) = &got[0];
    assert_eq!(code, "verify.other-build");
    assert_eq!(severity, "error");
    assert!(
        message.contains("publish --rollback") && message.contains("replay"),
        "{message}"
    );
    assert!(help.contains("without --out"), "{help}");
    assert!(
        !got.iter().any(|(c, ..)| c == "verify.changed"),
        "a legitimate rollback is not reported as a change: {got:?}"
    );
    // Without --out: the signed build it serves verifies clean.
    let out = s.verify(&[]);
    assert_eq!(out.status.code(), Some(0), "{:?}", found_all(&out));
    // A change on the server is still found, against the build it serves.
    let served = s.site("portal").join("index.html");
    write(&served, &format!("{}<!-- x -->", read(&served)));
    let out = s.verify(&["--out", newer.to_str().unwrap(), "--site", "portal"]);
    let got = found_all(&out);
    assert_eq!(out.status.code(), Some(1), "{got:?}");
    assert!(
        got.iter()
            .any(|(c, _, m, _)| c == "verify.changed" && m.contains("/index.html")),
        "{got:?}"
    );

    // Without a registered key: said on every run, an error unless allowed.
    let registry = s.root.path().join("domains.toml");
    let text = read(&registry);
    write(&registry, text.split("\n[integrity]").next().unwrap());
    let out = s.verify(&["--site", "disdik"]);
    let got = found_all(&out);
    assert_eq!(out.status.code(), Some(1), "{got:?}");
    assert!(
        got.iter().any(|(c, sev, m, h)| c == "verify.unsigned"
            && sev == "error"
            && m.contains("cannot tell")
            && h.contains("laman keygen")),
        "{got:?}"
    );
    let out = s.verify(&["--site", "disdik", "--allow-unsigned"]);
    let got = found_all(&out);
    assert_eq!(out.status.code(), Some(0), "{got:?}");
    assert!(
        got.iter()
            .any(|(c, sev, ..)| c == "verify.unsigned" && sev == "warning"),
        "still said when allowed: {got:?}"
    );
    // And another build served, without a key to tell a rollback from tampering.
    let out = s.verify(&[
        "--out",
        newer.to_str().unwrap(),
        "--site",
        "portal",
        "--allow-unsigned",
    ]);
    let got = found_all(&out);
    assert!(
        got.iter().any(|(c, _, m, h)| c == "verify.changed"
            && m.contains("cannot tell")
            && h.contains("[integrity] public_key")),
        "{got:?}"
    );
}

#[test]
fn a_site_restored_or_added_without_regenerating_nginx_says_to_regenerate_it() {
    let Some(mut s) = serve_signed() else {
        return;
    };
    // dinkes answers as a suspended site does; disdik has no server at all.
    s.restart(|conf| {
        conf.replace(
            &format!("server_name dinkes.{DOMAIN};"),
            &format!("server_name dinkes.{DOMAIN};\n    return 503 'ditangguhkan';"),
        )
        .replace(
            &format!("server_name disdik.{DOMAIN};"),
            &format!("server_name disdik-lama.{DOMAIN};"),
        )
    });
    let out = s.verify(&["--site", "dinkes", "--site", "disdik"]);
    let got = found_all(&out);
    assert_eq!(out.status.code(), Some(1), "{got:?}");
    let says = |label: &str| {
        got.iter()
            .filter(|(_, _, m, _)| m.contains(&format!("{label}.{DOMAIN}")))
            .map(|(_, _, m, h)| format!("{m} {h}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let dinkes = says("dinkes");
    assert!(
        dinkes.contains("503") && dinkes.contains("laman domains nginx"),
        "{dinkes}"
    );
    assert!(!dinkes.contains("publish the output"), "{dinkes}");
    let disdik = says("disdik");
    assert!(
        disdik.contains("no certificate for this name") && disdik.contains("laman domains nginx"),
        "{disdik}"
    );
    assert!(!disdik.contains("UnrecognisedName\n"), "{disdik}");
}

#[test]
fn resolve_is_read_in_curls_order_too() {
    let Some(s) = serve_signed() else {
        return;
    };
    let ca = s.tmp.path().join("ca.pem");
    let out = laman_bounded(
        s.root.path(),
        &[
            "verify",
            "--resolve",
            &format!("{DOMAIN}:{}:127.0.0.1", s.port()),
            "--ca",
            ca.to_str().unwrap(),
            "--site",
            "portal",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
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
