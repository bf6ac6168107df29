use super::*;
use std::path::PathBuf;

const REG: &str = r#"
[regency]
name = "Kabupaten Contoh"
domain = "contohkab.go.id"
dinas = "Diskominfo"
approver = "bupati"
[portal]
title = "Pemerintah Kabupaten Contoh"
records = { A = ["203.0.113.10"] }
[[subdomain]]
label = "dishub"
owner = "Dinas Perhubungan"
kind = "site"
status = "suspended"
contact = "dishub@contohkab.go.id"
decree = { number = "1/2024", date = 2024-01-15 }
records = { A = ["203.0.113.11"] }
"#;

fn write(reg: &str, frames: &BTreeMap<String, Vec<String>>) -> Result<String, String> {
    let reg = Registry::parse(reg, Path::new("domains.toml")).unwrap();
    let (webroot, cert, key) = (
        PathBuf::from("/srv/a \"b\\c"),
        PathBuf::from("/etc/c.crt"),
        PathBuf::from("/etc/c.key"),
    );
    config(
        &reg,
        &Options {
            webroot: &webroot,
            cert: &cert,
            key: &key,
            http: Listen::Port(80),
            https: Listen::parse("[::1]:443").unwrap(),
            frame_hosts: frames,
            aliases: &BTreeMap::new(),
            crest: Some(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
        },
    )
}

#[test]
fn listen_values_are_ports_or_socket_addresses() {
    assert_eq!(Listen::parse("80"), Ok(Listen::Port(80)));
    assert!(matches!(
        Listen::parse("127.0.0.1:8080"),
        Ok(Listen::Addr(_))
    ));
    assert!(matches!(Listen::parse("[::1]:8443"), Ok(Listen::Addr(_))));
    for bad in [
        "",
        "0",
        "65536",
        "+80",
        "80;",
        "80 ssl",
        "127.0.0.1:0",
        "localhost:80",
        "80; } server { listen 8080",
        "[fe80::1%2]:80",
        "127.0.0.1",
        " 80",
    ] {
        assert!(Listen::parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn paths_are_absolute_and_hold_nothing_nginx_cannot_quote() {
    assert_eq!(path_problem(Path::new("/srv/laman public/x\"y;{}")), None);
    for bad in [
        "srv/public",
        "/srv/$host",
        "/srv/a\nb",
        "/srv/a\u{0}",
        "data:abc",
    ] {
        assert!(path_problem(Path::new(bad)).is_some(), "{bad:?}");
    }
}

/// The writer's own guard, with the registry's checks bypassed.
#[test]
fn values_are_quoted_escaped_or_refused() {
    let hostile = REG
        .replace(
            "owner = \"Dinas Perhubungan\"",
            r#"owner = "<script>x</script>'; } server { root /etc/; } \\ $host \n# x""#,
        )
        .replace(
            "name = \"Kabupaten Contoh\"",
            "name = \"K\\n} server { location / { alias /etc/; } }\"",
        );
    let c = write(&hostile, &BTreeMap::new()).unwrap();
    assert!(
        c.contains("root \"/srv/a \\\"b\\\\c/contohkab.go.id\";"),
        "{c}"
    );
    // The notice, as nginx reads it: the `set` values, each one single-quoted string.
    let sets: Vec<&str> = c
        .lines()
        .filter(|l| l.trim_start().starts_with("set $laman_notice_"))
        .collect();
    assert!(sets.len() > 1, "{c}");
    let mut notice = String::new();
    for line in &sets {
        let (_, value) = line.split_once(" '").unwrap();
        let value = value.strip_suffix("';").unwrap();
        assert!(!value.contains(['\'', '\\', '$', '\n']), "{line}");
        notice.push_str(value);
    }
    assert!(
        notice.contains(
            "&lt;script&gt;x&lt;/script&gt;&#39;; } server { root /etc/; } &#92; &#36;host"
        ),
        "{notice}"
    );
    assert!(
        notice.starts_with("<!DOCTYPE html><html lang=\"id\">"),
        "{notice}"
    );
    assert!(notice.ends_with("</html>"), "{notice}");
    let directives = c.lines().filter(|l| !l.trim_start().starts_with('#'));
    for line in directives.filter(|l| !l.contains("set $laman_notice_")) {
        assert!(
            !line.contains("alias") && !line.contains("/etc/;"),
            "{line}"
        );
    }

    let frames = BTreeMap::from([(
        "portal".to_string(),
        vec!["maps.example\" always; location /x { alias /etc/; } #".to_string()],
    )]);
    assert!(write(REG, &frames).is_err());
    let bad_label = REG.replace("label = \"dishub\"", "label = \"dishub; }\"");
    assert!(write(&bad_label, &BTreeMap::new()).is_err());
}
