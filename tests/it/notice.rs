//! The notice a suspended site answers with, as a citizen gets it: served by a real
//! nginx on 127.0.0.1 with the configuration `laman domains nginx` writes, then judged
//! by the Nu HTML Checker and axe-core (`tests/judges/judge.mjs`) like every built page.

use crate::common;
use common::nginx::{certificates, tools, Nginx};
use common::*;
use std::path::Path;
use std::process::Command;

/// The fixture's registry, with the Dinas's address and the decree that suspended
/// `dishub`.
fn regency() -> tempfile::TempDir {
    let root = fixture("contoh");
    let file = root.path().join("domains.toml");
    let toml = std::fs::read_to_string(&file).unwrap();
    let toml = toml
        .replacen(
            "approver = \"bupati\"",
            "approver = \"bupati\"\ncontact = \"diskominfo@contohkab.go.id\"",
            1,
        )
        .replacen(
            "decree = { number = \"100/004/KPTS/2024\", date = 2024-03-05 }\n",
            "decree = { number = \"100/004/KPTS/2024\", date = 2024-03-05 }\nhistory = [ { date = 2024-03-05, action = \"approved\", decree = \"100/004/KPTS/2024\" },\n            { date = 2026-09-30, action = \"suspended\", decree = \"100/031/KPTS/2026\", reason = \"Tidak diperbarui\" } ]\n",
            1,
        );
    assert!(toml.contains("100/031/KPTS/2026"), "{toml}");
    std::fs::write(&file, toml).unwrap();
    root
}

/// Headers (lower case) and body of `https://<host>/<path>` from nginx on `port`.
fn get(curl: &Path, host: &str, port: u16, path: &str) -> (String, String) {
    let out = Command::new(curl)
        .args(["-sk", "--max-time", "5", "-D", "-", "--resolve"])
        .arg(format!("{host}:{port}:127.0.0.1"))
        .arg(format!("https://{host}:{port}{path}"))
        .output_in_time();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (headers, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (headers.to_ascii_lowercase(), body.to_string())
}

#[needs(
    "nginx",
    "openssl",
    "curl",
    "node",
    "java",
    "chromium",
    "tests/judges/node_modules/playwright-core"
)]
#[test]
fn a_suspended_site_answers_with_the_regencys_notice() {
    let (nginx, openssl, curl) = tools();
    let root = regency();
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let public = t.join("public");
    std::fs::create_dir_all(&public).unwrap();
    certificates(&openssl, t, "contohkab.go.id");
    let server = Nginx::start(&nginx, root.path(), &public, t);

    let (headers, body) = get(&curl, "dishub.contohkab.go.id", server.https, "/lama/");
    assert!(headers.starts_with("http/1.1 503"), "{headers}");
    assert!(
        headers.contains("content-type: text/html; charset=utf-8"),
        "{headers}"
    );
    for part in [
        "<html lang=\"id\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "Kabupaten Contoh",
        "<img src=\"data:image/svg+xml;base64,",
        "Situs ini ditangguhkan sementara",
        "Dinas Perhubungan",
        "Dinas Komunikasi dan Informatika Kabupaten Contoh",
        "Nomor 100/031/KPTS/2026 tanggal 30 September 2026",
        "<a href=\"mailto:diskominfo@contohkab.go.id\">",
        "<a href=\"https://contohkab.go.id/\">",
    ] {
        assert!(body.contains(part), "{part}\n{body}");
    }
    assert!(
        !body.contains("src=\"http") && !body.contains("url("),
        "loads nothing: {body}"
    );

    // The inline style is allowed by its hash, and by nothing looser.
    let csp = headers
        .lines()
        .find(|l| l.starts_with("content-security-policy:"))
        .unwrap();
    assert!(csp.contains("style-src 'self' 'sha256-"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    let style = body
        .split("<style>")
        .nth(1)
        .unwrap()
        .split("</style>")
        .next()
        .unwrap();
    let hash = {
        use base64::Engine;
        use sha2::Digest;
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(style))
    };
    assert!(
        csp.contains(&format!("'sha256-{}'", hash.to_ascii_lowercase())),
        "{csp}"
    );
    drop(server);

    judged(t, &body);
}

/// The notice passes the Nu HTML Checker and axe-core (the test `needs` their tools).
fn judged(t: &Path, body: &str) {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = t.join("judged/dishub.contohkab.go.id");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(site.join("index.html"), body).unwrap();
    let out = Command::new("timeout")
        .args(["300", "node"])
        .arg(here.join("tests/judges/judge.mjs"))
        .arg(t.join("judged"))
        .output_in_time();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0), "{said}");
}

/// `[regency] contact` is shown to citizens: anything but one e-mail address is refused.
#[test]
fn the_dinas_contact_must_be_an_address() {
    let root = regency();
    let file = root.path().join("domains.toml");
    let toml = std::fs::read_to_string(&file).unwrap().replacen(
        "contact = \"diskominfo@contohkab.go.id\"",
        "contact = \"<a href=x>surat kami</a>\"",
        1,
    );
    std::fs::write(&file, toml).unwrap();
    let out = laman(root.path(), &["domains", "check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let said = format!("{}{}", stdout(&out), stderr(&out));
    assert!(said.contains("registry.field.invalid"), "{said}");
    assert!(said.contains("[regency] contact"), "{said}");
}
