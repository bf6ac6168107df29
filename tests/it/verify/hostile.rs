//! What cannot be trusted is reported, never a hang: a manifest that is not one or signed
//! by another key, a redirect, an unknown authority, a server that never answers or never
//! ends, and malformed arguments and keys (exit 2).

use super::*;

/// Puts in `well_known` the dinkes manifest's signature made by a key the registry does
/// not hold (the same build, signed by another regency's key).
fn sign_with_another_key(s: &Served, well_known: &Path) {
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
    assert!(registry.contains("[integrity]"));
}

#[needs("nginx", "openssl", "curl")]
#[test]
fn a_manifest_that_cannot_be_trusted_is_reported() {
    let s = serve_signed();
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
    sign_with_another_key(&s, &well_known);
    let got = found(&s.verify(&["--site", "dinkes"]));
    assert!(
        got.iter()
            .any(|(c, m)| c == "verify.signature" && m.contains("another key")),
        "{got:?}"
    );

    // No signature where a key is registered.
    std::fs::remove_file(well_known.join("laman-manifest.json.sig")).unwrap();
    let got = found(&s.verify(&["--site", "dinkes"]));
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].0 == "verify.signature" && got[0].1.contains("not signed"),
        "{got:?}"
    );
}

#[needs("nginx", "openssl", "curl")]
#[test]
fn a_site_that_redirects_elsewhere_is_unreachable_not_followed() {
    let mut s = serve_signed();
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

#[needs("nginx", "openssl", "curl")]
#[test]
fn an_unknown_authority_is_a_tls_failure() {
    let s = serve_signed();
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

#[needs("nginx", "openssl", "curl")]
#[test]
fn a_server_that_never_answers_or_never_ends_cannot_hang_verify() {
    let mut s = serve_signed();
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
    let out = signed_build(
        root.path(),
        &tmp.path().join("p"),
        &tmp.path().join("none.pem"),
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
    let out = signed_build(
        root.path(),
        &tmp.path().join("p"),
        &tmp.path().join("k.pem"),
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
    let out = signed_build(root.path(), &tmp.path().join("p"), &key);
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
