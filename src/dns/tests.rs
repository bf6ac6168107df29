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

// The comparison, one finding code at a time, from hand-made observations: no server is
// asked. The registry is tests/fixtures/dns/domains.toml (203.0.113.0/26 and
// 2001:db8:10::/48; lpse A .20, simpeg A .21 + AAAA ::21, ppid A .23, antrian CNAME lpse,
// dishub suspended, pasar revoked).

/// The fixture with antrian a CNAME to `target`, which `cname_allow` allows.
fn antrian_allowed_to(target: &str) -> Registry {
    let text = include_str!("../../tests/fixtures/dns/domains.toml")
        .replace("cname_allow = []", &format!("cname_allow = [\"{target}\"]"))
        .replace(
            "records = { CNAME = \"lpse.contohkab.go.id\" }",
            &format!("records = {{ CNAME = \"{target}\" }}"),
        );
    let reg = Registry::parse(&text, Path::new("domains.toml")).unwrap();
    assert_eq!(reg.hosting.cname_allow, [target]);
    reg
}

fn messages(reg: &Registry, label: &str, seen: &Observed) -> Vec<String> {
    let expected = expected_names(reg)
        .into_iter()
        .find(|e| e.fqdn.starts_with(&format!("{label}.")))
        .unwrap();
    compare(reg, &Ranges::of(reg), &expected, seen)
        .into_iter()
        .map(|f| f.message)
        .collect()
}

fn addresses(ips: &[&str]) -> Observed {
    let mut seen = Observed::default();
    for ip in ips {
        match ip.parse::<IpAddr>().unwrap() {
            IpAddr::V4(v4) => seen.a.insert(v4),
            IpAddr::V6(v6) => seen.aaaa.insert(v6),
        };
    }
    seen
}

fn cname(targets: &[&str], ips: &[&str]) -> Observed {
    Observed {
        chain: targets.iter().map(|t| t.to_string()).collect(),
        ..addresses(ips)
    }
}

#[test]
fn names_as_registered_give_no_finding() {
    let reg = registry();
    assert!(codes(&reg, "lpse", &addresses(&["203.0.113.20"])).is_empty());
    let simpeg = addresses(&["203.0.113.21", "2001:db8:10::21"]);
    assert!(codes(&reg, "simpeg", &simpeg).is_empty());
    let antrian = cname(&["lpse.contohkab.go.id"], &["203.0.113.20"]);
    assert!(codes(&reg, "antrian", &antrian).is_empty());
    let www = cname(&["contohkab.go.id"], &["203.0.113.10"]);
    assert!(codes(&reg, "www", &www).is_empty());
}

#[test]
fn an_approved_name_that_does_not_resolve_is_missing() {
    let reg = registry();
    assert_eq!(codes(&reg, "lpse", &Observed::default()), ["dns.missing"]);
    assert_eq!(
        messages(&reg, "lpse", &Observed::default()),
        ["lpse.contohkab.go.id is approved but has no A, AAAA or CNAME record"]
    );
}

#[test]
fn other_addresses_inside_the_data_center_are_a_mismatch_naming_both() {
    let reg = registry();
    let seen = addresses(&["203.0.113.22", "2001:db8:10::21"]);
    assert_eq!(codes(&reg, "simpeg", &seen), ["dns.mismatch"]);
    assert_eq!(
        messages(&reg, "simpeg", &seen),
        [
            "simpeg.contohkab.go.id: the registry says A 203.0.113.21; AAAA 2001:db8:10::21; \
          DNS has A 203.0.113.22; AAAA 2001:db8:10::21"
        ]
    );
}

#[test]
fn a_cname_where_the_registry_has_another_target_is_a_mismatch() {
    let reg = registry();
    let seen = cname(&["simpeg.contohkab.go.id"], &["203.0.113.21"]);
    assert_eq!(codes(&reg, "antrian", &seen), ["dns.mismatch"]);
    // A CNAME where the registry has addresses is a mismatch too.
    let seen = cname(&["ppid.contohkab.go.id"], &["203.0.113.23"]);
    assert_eq!(codes(&reg, "lpse", &seen), ["dns.mismatch"]);
}

#[test]
fn an_extra_address_outside_the_data_center_is_reported_once_on_its_own() {
    let reg = registry();
    let seen = addresses(&["203.0.113.23", "198.51.100.7"]);
    assert_eq!(codes(&reg, "ppid", &seen), ["dns.outside-datacenter"]);
    assert_eq!(
        messages(&reg, "ppid", &seen),
        ["ppid.contohkab.go.id resolves to 198.51.100.7 outside the Dinas data center"]
    );
    // Only outside addresses: the registered one is missing too.
    let seen = addresses(&["198.51.100.7", "2001:db8:99::1"]);
    assert_eq!(
        codes(&reg, "lpse", &seen),
        ["dns.outside-datacenter", "dns.mismatch"]
    );
    assert!(messages(&reg, "lpse", &seen)[0].contains("198.51.100.7, 2001:db8:99::1"));
}

#[test]
fn a_cname_whose_target_does_not_resolve_is_dangling() {
    let reg = registry();
    let seen = Observed {
        dangling: true,
        ..cname(&["lpse.contohkab.go.id"], &[])
    };
    assert_eq!(codes(&reg, "antrian", &seen), ["dns.cname-dangling"]);
    assert_eq!(
        messages(&reg, "antrian", &seen),
        ["antrian.contohkab.go.id is a CNAME to lpse.contohkab.go.id, which does not resolve"]
    );
}

#[test]
fn a_cname_chain_that_loops_names_the_limit_and_the_chain() {
    let reg = registry();
    let seen = Observed {
        chain_loops: true,
        ..cname(&["lpse.contohkab.go.id", "antrian.contohkab.go.id"], &[])
    };
    assert_eq!(
        messages(&reg, "antrian", &seen)[0],
        format!(
            "the CNAME chain of antrian.contohkab.go.id loops or is longer than {MAX_CHAIN}: \
             lpse.contohkab.go.id → antrian.contohkab.go.id"
        )
    );
}

#[test]
fn a_cname_out_of_the_zone_and_not_allowed_is_external() {
    let reg = registry();
    let seen = cname(&["app.example.net"], &["198.51.100.7"]);
    // Its addresses are outside by definition: not dns.outside-datacenter.
    assert_eq!(
        codes(&reg, "lpse", &seen),
        ["dns.cname-external", "dns.mismatch"]
    );
    assert_eq!(
        messages(&reg, "lpse", &seen)[0],
        "lpse.contohkab.go.id is a CNAME to app.example.net, outside contohkab.go.id and not in cname_allow"
    );
}

#[test]
fn an_allowed_external_cname_gives_no_finding() {
    let reg = antrian_allowed_to("app.example.net");
    let seen = cname(&["app.example.net"], &["198.51.100.7"]);
    assert!(codes(&reg, "antrian", &seen).is_empty());
}

#[test]
fn a_cname_onto_a_takeover_platform_is_reported_even_while_it_resolves() {
    let reg = antrian_allowed_to("contoh.github.io");
    let seen = cname(&["contoh.github.io"], &["185.199.108.153"]);
    assert_eq!(codes(&reg, "antrian", &seen), ["dns.cname-takeover"]);
    assert!(messages(&reg, "antrian", &seen)[0].contains("on GitHub Pages"));
}

#[test]
fn a_revoked_name_may_not_resolve() {
    let reg = registry();
    let seen = addresses(&["203.0.113.14"]);
    assert_eq!(codes(&reg, "pasar", &seen), ["dns.revoked-resolves"]);
    assert_eq!(
        messages(&reg, "pasar", &seen),
        ["pasar.contohkab.go.id is revoked in the registry but still resolves (A 203.0.113.14)"]
    );
    // Gone from DNS, as it should be: nothing to say, not dns.missing.
    assert!(codes(&reg, "pasar", &Observed::default()).is_empty());
}

#[test]
fn a_suspended_name_points_at_the_dinas_web_server() {
    let reg = registry();
    // At the portal's addresses, where nginx serves the notice: as it should be.
    let notice = addresses(&["203.0.113.10", "2001:db8:10::10"]);
    assert!(codes(&reg, "dishub", &notice).is_empty());
    // Still at the OPD's own server: the suspension has not reached DNS.
    let own = addresses(&["203.0.113.13"]);
    assert_eq!(codes(&reg, "dishub", &own), ["dns.mismatch"]);
    // Out of DNS: no one sees the notice.
    assert_eq!(codes(&reg, "dishub", &Observed::default()), ["dns.missing"]);
    assert!(messages(&reg, "dishub", &Observed::default())[0].contains("is suspended"));
}

#[test]
fn cname_facts_are_reported_whatever_the_status() {
    let reg = registry();
    let seen = Observed {
        dangling: true,
        ..cname(&["gone.contohkab.go.id"], &[])
    };
    assert_eq!(
        codes(&reg, "pasar", &seen),
        ["dns.cname-dangling", "dns.revoked-resolves"]
    );
}

#[test]
fn name_findings_are_at_the_name_in_domains_toml() {
    let reg = registry();
    let expected = expected_names(&reg)
        .into_iter()
        .find(|e| e.fqdn == "lpse.contohkab.go.id")
        .unwrap();
    let found = compare(&reg, &Ranges::of(&reg), &expected, &Observed::default());
    assert_eq!(found[0].file.as_deref(), Some(Path::new("domains.toml")));
    assert_eq!(found[0].line, Some(expected.line));
    assert_eq!(found[0].site.as_deref(), Some("lpse"));
    assert!(found[0].help.is_some());
}

// The nameservers' answers.

fn authoritative(serial: u32, ns: &[&str]) -> Probe {
    Probe::Authoritative {
        serial,
        ns: ns.iter().map(|n| n.to_string()).collect(),
    }
}

const REGISTERED: [&str; 2] = ["ns1.contohkab.go.id", "ns2.contohkab.go.id"];

fn asked(probes: Vec<Probe>) -> Nameservers {
    Nameservers {
        without_address: Vec::new(),
        asked: probes
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let addr = SocketAddr::from(([192, 0, 2, 1 + i as u8], 53));
                (addr.to_string(), addr, p)
            })
            .collect(),
    }
}

fn ns_findings(reg: &Registry, seen: &Nameservers) -> Vec<(&'static str, String)> {
    compare::nameservers(reg, seen)
        .into_iter()
        .map(|f| {
            assert_eq!(f.line, Some(reg.lines.hosting), "{f:?}");
            assert_eq!(f.file.as_deref(), Some(Path::new("domains.toml")));
            (f.code.as_str(), f.message)
        })
        .collect()
}

#[test]
fn nameservers_that_agree_with_the_registry_give_no_finding() {
    let reg = registry();
    let seen = asked(vec![
        authoritative(7, &REGISTERED),
        authoritative(7, &REGISTERED),
    ]);
    assert!(ns_findings(&reg, &seen).is_empty());
    let two = SocketAddr::from(([192, 0, 2, 2], 53));
    let first = SocketAddr::from(([192, 0, 2, 1], 53));
    assert_eq!(seen.authoritative(), [first, two]);
}

#[test]
fn an_ns_set_other_than_the_registry_is_a_mismatch() {
    let reg = registry();
    let seen = asked(vec![authoritative(
        7,
        &["ns1.contohkab.go.id", "ns.example.net"],
    )]);
    assert_eq!(
        ns_findings(&reg, &seen),
        [(
            "dns.mismatch",
            "the NS set of contohkab.go.id is ns.example.net, ns1.contohkab.go.id; \
             the registry says ns1.contohkab.go.id, ns2.contohkab.go.id"
                .to_string()
        )]
    );
    let none = asked(vec![authoritative(7, &[])]);
    assert!(ns_findings(&reg, &none)[0].1.contains("is empty;"));
}

#[test]
fn serials_that_differ_are_one_mismatch_naming_each_server() {
    let reg = registry();
    let seen = asked(vec![
        authoritative(2026112502, &REGISTERED),
        authoritative(2026112501, &REGISTERED),
        authoritative(2026112501, &REGISTERED),
    ]);
    assert_eq!(
        ns_findings(&reg, &seen),
        [(
            "dns.mismatch",
            "the nameservers disagree on the SOA serial: 192.0.2.1:53 has 2026112502, \
             192.0.2.2:53 has 2026112501, 192.0.2.3:53 has 2026112501"
                .to_string()
        )]
    );
}

#[test]
fn a_server_that_answers_without_authority_is_lame() {
    let reg = registry();
    let seen = asked(vec![authoritative(7, &REGISTERED), Probe::Lame]);
    assert_eq!(
        ns_findings(&reg, &seen),
        [(
            "dns.nameserver.lame",
            "nameserver 192.0.2.2:53 answers for contohkab.go.id without authority (lame delegation)"
                .to_string()
        )]
    );
    assert_eq!(seen.authoritative().len(), 1);
}

#[test]
fn a_silent_server_and_a_nameserver_without_address_are_unreachable() {
    let reg = registry();
    let mut seen = asked(vec![Probe::Unreachable(
        "does not answer within 500 ms".into(),
    )]);
    seen.without_address = vec![("ns2.contohkab.go.id".into(), "no such record".into())];
    assert_eq!(
        ns_findings(&reg, &seen),
        [
            (
                "dns.nameserver.unreachable",
                "nameserver `ns2.contohkab.go.id` has no address: no such record".to_string()
            ),
            (
                "dns.nameserver.unreachable",
                "nameserver 192.0.2.1:53 does not answer within 500 ms".to_string()
            ),
        ]
    );
    assert!(seen.authoritative().is_empty());
}

// The zone's names against the registry (after a transfer).

#[test]
fn only_names_the_registry_does_not_account_for_are_unregistered() {
    let reg = registry();
    let present: BTreeSet<String> = [
        "contohkab.go.id",
        "www.contohkab.go.id",
        "lpse.contohkab.go.id",
        "pasar.contohkab.go.id",
        "ns1.contohkab.go.id",
        "_dmarc.contohkab.go.id",
        "_sip._tcp.ppid.contohkab.go.id",
        "slot88.contohkab.go.id",
        "elsewhere.example.net",
    ]
    .iter()
    .map(|n| n.to_string())
    .collect();
    let found = unregistered(&reg, &present);
    let found: Vec<(&str, &str)> = found
        .iter()
        .map(|f| (f.code.as_str(), f.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [(
            "dns.unregistered",
            "slot88.contohkab.go.id is in the zone but not in the registry"
        )]
    );
}
