//! What `verify` says about what is live beside the build: a revoked name that still
//! answers, a suspended one without its notice, a rollback, a site restored without a new
//! nginx configuration, and curl's `--resolve` order.

use super::*;

#[needs("nginx", "openssl", "curl")]
#[test]
fn a_revoked_name_that_still_answers_and_a_suspended_one_without_its_notice_are_reported() {
    let (nginx, openssl, _) = tools();
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

/// Without a registered key: said on every run, an error unless allowed; and another
/// build served (`newer`) cannot be told from tampering.
fn without_a_registered_key(s: &Served, newer: &Path) {
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

#[needs("nginx", "openssl", "curl")]
#[test]
fn after_a_rollback_verify_compares_with_the_build_that_is_live_and_says_so() {
    let s = serve_signed();
    // The Dinas's newest build, signed, while the server still serves the one before
    // (as after `publish --rollback`).
    let page = s.root.path().join("content/portal/_index.md");
    write(&page, &format!("{}\nBerita terbaru.\n", read(&page)));
    let newer = s.tmp.path().join("newer");
    let key = s.tmp.path().join("laman.key");
    let built = signed_build(s.root.path(), &newer, &key);
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

    without_a_registered_key(&s, &newer);
}

#[needs("nginx", "openssl", "curl")]
#[test]
fn a_site_restored_or_added_without_regenerating_nginx_says_to_regenerate_it() {
    let mut s = serve_signed();
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

#[needs("nginx", "openssl", "curl")]
#[test]
fn resolve_is_read_in_curls_order_too() {
    let s = serve_signed();
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
