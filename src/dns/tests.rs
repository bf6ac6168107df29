//! Unit tests of the pure parts: nameserver arguments and the comparison.

use super::*;
use std::path::Path;

fn registry() -> Registry {
    let text = include_str!("../../tests/fixtures/dns/domains.toml");
    Registry::parse(text, Path::new("domains.toml")).unwrap()
}

fn codes(reg: &Registry, label: &str, seen: &Observed) -> Vec<&'static str> {
    let expected = expected_names(reg)
        .into_iter()
        .find(|e| e.fqdn.starts_with(&format!("{label}.")) || e.fqdn == label)
        .unwrap();
    compare(reg, &Ranges::of(reg), &expected, seen)
        .iter()
        .map(|f| f.code.as_str())
        .collect()
}

#[test]
fn nameserver_arguments() {
    assert_eq!(
        parse_nameserver("127.0.0.1").unwrap(),
        "127.0.0.1:53".parse::<SocketAddr>().unwrap()
    );
    assert_eq!(
        parse_nameserver("127.0.0.1:5353").unwrap(),
        "127.0.0.1:5353".parse::<SocketAddr>().unwrap()
    );
    assert_eq!(
        parse_nameserver("::1").unwrap(),
        "[::1]:53".parse::<SocketAddr>().unwrap()
    );
    assert_eq!(
        parse_nameserver("[::1]:5353").unwrap(),
        "[::1]:5353".parse::<SocketAddr>().unwrap()
    );
    assert!(parse_nameserver("ns1.example.net").is_err());
}

#[test]
fn www_may_carry_the_apex_addresses_instead_of_a_cname() {
    let reg = registry();
    let seen = Observed {
        a: ["203.0.113.10".parse().unwrap()].into(),
        aaaa: ["2001:db8:10::10".parse().unwrap()].into(),
        ..Observed::default()
    };
    assert!(codes(&reg, "www", &seen).is_empty());
    let other = Observed {
        a: ["203.0.113.11".parse().unwrap()].into(),
        ..Observed::default()
    };
    assert_eq!(codes(&reg, "www", &other), ["dns.mismatch"]);
}

#[test]
fn a_cname_loop_is_reported_once() {
    let reg = registry();
    let seen = Observed {
        chain: vec!["a.contohkab.go.id".into(), "antrian.contohkab.go.id".into()],
        chain_loops: true,
        ..Observed::default()
    };
    assert_eq!(
        codes(&reg, "antrian", &seen),
        ["dns.cname-dangling", "dns.mismatch"]
    );
}

#[test]
fn a_query_failure_says_nothing_else() {
    let reg = registry();
    let seen = Observed {
        failure: Some("A query for lpse: timed out".into()),
        ..Observed::default()
    };
    assert_eq!(codes(&reg, "lpse", &seen), ["dns.query.failed"]);
}
