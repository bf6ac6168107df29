//! The reproductions of the issue, one test each: newlines in owners and titles, HTML in
//! the suspension notice, nginx syntax in a webroot, an iframe host or an argument, and the
//! workflow commands' values.

use super::*;

/// A value that adds records to the zone and servers to nginx is a finding on its line,
/// and neither the zone nor nginx is written.
fn refused(field: &str, value: &str) -> Vec<String> {
    let v = Values::with(field, value);
    let root = v.root(&[]);
    let codes = codes_of(root.path());
    let zone = laman_run(root.path(), &["domains", "zone"]);
    assert_eq!(zone.code, Some(1), "{}", zone.stdout);
    assert!(zone.stdout.is_empty());
    let nginx = laman_run(root.path(), &["domains", "nginx", "--webroot", "/srv/www"]);
    assert_eq!(nginx.code, Some(1), "{}", nginx.stdout);
    assert!(nginx.stdout.is_empty());
    codes
}

#[test]
fn owner_with_a_newline_is_a_finding_not_zone_records() {
    let codes = refused(
        "site.owner",
        "Dinas Kesehatan\n@ IN NS ns.evil.example.\n* IN A 198.51.100.1",
    );
    assert!(
        codes
            .iter()
            .any(|c| c.starts_with("registry.field.invalid:")),
        "{codes:?}"
    );
}

#[test]
fn regency_name_portal_title_and_decree_with_newlines_are_findings() {
    for (field, value) in [
        (
            "regency.name",
            "Kabupaten Contoh\n} server { listen 80; location / { alias /etc/; } }",
        ),
        ("portal.title", "Pemerintah\n* IN A 198.51.100.1"),
        ("site.decree", "555/031/KPTS/2024\n* IN A 198.51.100.1"),
        ("site.history.decree", "1/2024; } server { root /etc/; }"),
        ("suspended.reason", "judi\u{202e}"),
        (
            "site.contact",
            "dinkes@contohkab.go.id\nBcc: x@evil.example",
        ),
    ] {
        let codes = refused(field, value);
        assert!(
            codes
                .iter()
                .any(|c| c.starts_with("registry.field.invalid:")),
            "{field}: {codes:?}"
        );
    }
}

#[needs("nginx", "named-checkzone", "openssl")]
#[test]
fn owner_in_the_suspension_notice_is_html_escaped() {
    let t = tools();
    let v = Values::with(
        "suspended.owner",
        "<script>alert('x')</script> $host \\ Dinas \"Perhubungan\" & Co.",
    );
    let root = v.root(&[]);
    let a = Args::local(t);
    let out = a.nginx(root.path());
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let directives = out
        .stdout
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'));
    assert!(directives.clone().all(|l| !l.contains("<script>")));
    check_nginx(t, &v, &[], &a, &out.stdout, false);
}

#[needs("nginx", "named-checkzone", "openssl")]
#[test]
fn a_webroot_full_of_nginx_syntax_is_quoted_not_obeyed() {
    let t = tools();
    let v = Values::clean();
    let root = v.root(&[]);
    let mut a = Args::local(t);
    a.webroot = "/srv/www\"; } server { listen 8080; root /etc/; } #{}'".into();
    let out = a.nginx(root.path());
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    check_nginx(t, &v, &[], &a, &out.stdout, false);
}

#[test]
fn iframe_host_that_breaks_out_of_add_header_is_a_finding() {
    let root = Values::clean().root(&[
        "www.openstreetmap.org".into(),
        "maps.example\" always; location /x { alias /etc/; } add_header X \"".into(),
    ]);
    let nginx = laman_run(root.path(), &["domains", "nginx", "--webroot", "/srv/www"]);
    assert_eq!(nginx.code, Some(1));
    assert!(nginx.stdout.is_empty());
    assert!(
        nginx.stderr.contains("content.site.config") && nginx.stderr.contains("_site.toml:2"),
        "{}",
        nginx.stderr
    );
    let check = laman_run(root.path(), &["check", "--format", "json"]);
    assert!(
        check.stdout.contains("content.site.config"),
        "{}",
        check.stdout
    );
}

#[test]
fn nginx_arguments_that_break_out_exit_2() {
    let root = Values::clean().root(&[]);
    for args in [
        ["--webroot", "/srv/$host"],
        ["--webroot", "srv/www"],
        ["--http", "80; } server { listen 8080; root /etc/; } #"],
        ["--https", "443 ssl; location / { alias /etc/; }"],
        ["--http", "0"],
        ["--https", "65536"],
        ["--cert", "/etc/ssl/x.crt;\nssl_certificate_key /etc/shadow"],
        ["--key", "data:-----BEGIN"],
    ] {
        let mut all = vec!["domains", "nginx"];
        if args[0] != "--webroot" {
            all.extend(["--webroot", "/srv/www"]);
        }
        all.extend(args);
        let out = laman_run(root.path(), &all);
        assert_eq!(out.code, Some(2), "{args:?}: {}", out.stdout);
        assert!(out.stdout.is_empty());
        assert!(out.stderr.contains(args[0]), "{args:?}: {}", out.stderr);
    }
    // Plain http and https on one address and port: nginx would refuse the whole file.
    for (http, https) in [
        ("8080", "8080"),
        ("127.0.0.1:8443", "127.0.0.1:8443"),
        ("8443", "127.0.0.1:8443"),
    ] {
        let out = laman_run(
            root.path(),
            &[
                "domains",
                "nginx",
                "--webroot",
                "/srv/www",
                "--http",
                http,
                "--https",
                https,
            ],
        );
        assert_eq!(out.code, Some(2), "{http} {https}: {}", out.stdout);
        assert!(
            out.stderr.contains("the same address and port"),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn workflow_commands_refuse_values_that_break_the_grammar() {
    let root = fixture("contoh");
    let before = read(root.path().join("domains.toml"));
    for args in [
        vec![
            "request",
            "disparbud",
            "--owner",
            "Dinas\n* IN A 198.51.100.1",
            "--contact",
            "disparbud@contohkab.go.id",
        ],
        vec![
            "request",
            "disparbud",
            "--owner",
            "Dinas",
            "--contact",
            "a\nb@contohkab.go.id",
        ],
        vec![
            "request",
            "disparbud",
            "--owner",
            "Dinas",
            "--contact",
            "disparbud@contohkab.go.id",
            "--purpose",
            "x\u{2028}y",
        ],
        vec![
            "approve",
            "pasar",
            "--decree",
            "1/2026; } server {",
            "--date",
            "2026-01-01",
        ],
        vec!["suspend", "dinkes", "--reason", "a\tb"],
        vec![
            "revoke",
            "dinkes",
            "--decree",
            "1/2026\n",
            "--date",
            "2026-01-01",
            "--reason",
            "x",
        ],
    ] {
        let mut all = vec!["domains"];
        all.extend(args.iter().copied());
        let out = laman_run(root.path(), &all);
        assert_eq!(out.code, Some(1), "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("registry.edit.value"),
            "{args:?}: {}",
            out.stderr
        );
        assert_eq!(read(root.path().join("domains.toml")), before, "{args:?}");
    }
}

#[needs("nginx", "named-checkzone", "openssl")]
#[test]
fn the_clean_registry_gives_exactly_the_expected_zone_and_nginx() {
    let t = tools();
    registry_case(t, &Values::clean(), &["www.openstreetmap.org".to_string()]);
    let root = Values::clean().root(&[]);
    let zone = laman_run(root.path(), &["domains", "zone"]);
    assert_eq!(
        zone.code,
        Some(0),
        "the clean case is accepted: {}",
        zone.stderr
    );
}

/// Issue 26, point 1, in the zone: a site whose name is also an in-zone nameserver's
/// would put the site's records beside the nameserver's glue at one owner name (a CNAME
/// there makes the zone unloadable). The label is a finding; no zone is written.
#[test]
fn a_label_that_is_a_nameservers_name_is_a_finding_not_a_shared_owner_name() {
    let mut v = Values::with("hosting.nameserver", "dinkes.contohkab.go.id");
    let i = FIELDS
        .iter()
        .position(|(n, _)| *n == "hosting.glue.name")
        .unwrap();
    v.0[i] = "dinkes.contohkab.go.id".into();
    let root = v.root(&[]);
    let codes = codes_of(root.path());
    assert!(
        codes
            .iter()
            .any(|c| c.starts_with("registry.label.reserved:")),
        "{codes:?}"
    );
    let zone = laman_run(root.path(), &["domains", "zone"]);
    assert_eq!(zone.code, Some(1), "{}", zone.stdout);
    assert!(zone.stdout.is_empty());
}
