//! `laman dns check` against real DNS servers on 127.0.0.1: hickory-server, in this test
//! process, serving zone files on an ephemeral port (UDP and TCP), and a few hand-made
//! misbehaving servers (one that answers without authority, one that answers SERVFAIL,
//! one that answers garbage, one that never answers).

use crate::common;
use common::*;
use hickory_server::proto::op::{Message, MessageType, ResponseCode};
use hickory_server::store::file::{FileConfig, FileZoneHandler};
use hickory_server::zone_handler::{AxfrPolicy, Catalog, ZoneType};
use hickory_server::Server;
use std::collections::BTreeSet;
use std::net::{SocketAddr, UdpSocket};
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

mod adoption;
mod hostile;

/// Starts hickory-server on 127.0.0.1 (UDP and TCP on one ephemeral port) serving each
/// `(origin, zone text)`; it runs until the test process ends.
fn serve(zones: &[(&str, String)]) -> SocketAddr {
    let dir = tempfile::tempdir().unwrap().keep();
    let mut files = Vec::new();
    for (i, (origin, text)) in zones.iter().enumerate() {
        let path = dir.join(format!("{i}.zone"));
        std::fs::write(&path, text).unwrap();
        files.push((origin.to_string(), path));
    }
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let mut catalog = Catalog::new();
            for (origin, path) in files {
                let name =
                    hickory_server::proto::rr::Name::from_str(&format!("{origin}.")).unwrap();
                let handler = FileZoneHandler::try_from_config(
                    name.clone(),
                    ZoneType::Primary,
                    AxfrPolicy::AllowAll,
                    None,
                    &FileConfig { zone_path: path },
                )
                .unwrap_or_else(|e| panic!("zone {origin}: {e}"));
                catalog.upsert(name.into(), vec![Arc::new(handler)]);
            }
            // UDP on an ephemeral port, TCP on the same one (retry if it is taken).
            let (udp, tcp) = loop {
                let udp = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
                let port = udp.local_addr().unwrap().port();
                if let Ok(tcp) = tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
                    break (udp, tcp);
                }
            };
            let addr = udp.local_addr().unwrap();
            let mut server = Server::new(catalog);
            server.register_socket(udp);
            server.register_listener(tcp, Duration::from_secs(5), 65_535);
            tx.send(addr).unwrap();
            let _ = server.block_until_done().await;
        });
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("DNS server did not start")
}

/// A UDP "server" that answers every query with `answer(query)` (None: stays silent).
fn fake(answer: impl Fn(&[u8]) -> Option<Vec<u8>> + Send + 'static) -> SocketAddr {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = socket.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok((n, from)) = socket.recv_from(&mut buf) {
            if let Some(reply) = answer(&buf[..n]) {
                let _ = socket.send_to(&reply, from);
            }
        }
    });
    addr
}

/// Answers with this response code and no records, the AA bit as given.
fn reply(query: &[u8], code: ResponseCode, authoritative: bool) -> Option<Vec<u8>> {
    let q = Message::from_vec(query).ok()?;
    let mut m = Message::response(q.metadata.id, q.metadata.op_code);
    m.metadata.message_type = MessageType::Response;
    m.metadata.response_code = code;
    m.metadata.authoritative = authoritative;
    m.queries = q.queries.clone();
    m.to_vec().ok()
}

/// A port on 127.0.0.1 with nothing listening (UDP queries are refused at once).
fn closed_port() -> SocketAddr {
    let s = UdpSocket::bind("127.0.0.1:0").unwrap();
    s.local_addr().unwrap()
}

fn fixture_zone(root: &Path) -> String {
    let out = laman(root, &["domains", "zone"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out)
}

fn dns_check(
    root: &Path,
    servers: &[SocketAddr],
    extra: &[&str],
) -> (std::process::Output, Vec<serde_json::Value>) {
    let mut args = vec![
        "dns".to_string(),
        "check".into(),
        "--format".into(),
        "json".into(),
        "--timeout".into(),
        "500".into(),
    ];
    for s in servers {
        args.push("--nameserver".into());
        args.push(s.to_string());
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = laman(root, &args);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", stdout(&out), stderr(&out)));
    let findings = doc["findings"].as_array().unwrap().clone();
    (out, findings)
}

/// `(code, site)` of each finding, sorted.
fn pairs(findings: &[serde_json::Value]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = findings
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["site"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn clean_zone_gives_no_finding() {
    let root = fixture("dns");
    let zone = fixture_zone(root.path());
    let a = serve(&[("contohkab.go.id", zone.clone())]);
    let b = serve(&[("contohkab.go.id", zone)]);
    let (out, findings) = dns_check(root.path(), &[a, b], &["--zone-transfer"]);
    assert!(findings.is_empty(), "{findings:#?}");
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // apex, www and the six registered names; both servers.
    assert_eq!(doc["summary"]["names"], 8, "{doc}");
    assert_eq!(doc["summary"]["nameservers"], 2, "{doc}");
    assert_eq!(doc["summary"]["errors"], 0);
}

/// The fixture's zone with one fault for each finding `dns check` gives about a zone,
/// after a takeover-prone CNAME the Dinas once allowed is added to `root`'s registry.
fn faulty_zone(root: &Path) -> String {
    let mut registry = read(root.join("domains.toml"));
    registry = registry.replace(
        "cname_allow = []",
        "cname_allow = [\"contoh-sipd.github.io\"]",
    );
    registry.push_str(
        "\n[[subdomain]]\nlabel = \"sipd\"\nowner = \"Bappeda\"\nkind = \"app\"\nstatus = \"approved\"\ncontact = \"bappeda@contohkab.go.id\"\ndecree = { number = \"100/010/KPTS/2024\", date = 2024-06-01 }\nrecords = { CNAME = \"contoh-sipd.github.io\" }\n",
    );
    write(root.join("domains.toml"), &registry);
    let clean = fixture_zone(root);
    clean
        // dns.missing: lpse is gone, and with it what antrian points at
        // (dns.cname-dangling).
        .replace("lpse\tIN\tA\t203.0.113.20\n", "")
        // dns.mismatch: simpeg has another address inside the data center.
        .replace("simpeg\tIN\tA\t203.0.113.21", "simpeg\tIN\tA\t203.0.113.22")
        // dns.outside-datacenter: ppid has an extra address outside it.
        .replace("ppid\tIN\tA\t203.0.113.23\n", "ppid\tIN\tA\t203.0.113.23\nppid\tIN\tA\t198.51.100.7\n")
        // dns.mismatch at the apex: an NS the registry does not name.
        .replace("@\tIN\tNS\tns2.contohkab.go.id.", "@\tIN\tNS\tns.example.net.")
        // dns.cname-external on www (which also differs from the registry: dns.mismatch).
        .replace("www\tIN\tCNAME\tcontohkab.go.id.", "www\tIN\tCNAME\tcontoh.example.net.")
        // dns.revoked-resolves: the revoked pasar still resolves.
        + "pasar\tIN\tA\t203.0.113.14\n"
        // dns.unregistered: a name nobody approved (found by zone transfer).
        + "slot88\tIN\tA\t203.0.113.40\n"
}

/// What the faulty zone gives: (code, subdomain or `-`), each once.
const FAULTY_ZONE_FINDINGS: &[(&str, &str)] = &[
    ("dns.cname-dangling", "antrian"),
    ("dns.cname-external", "portal"),
    ("dns.cname-takeover", "sipd"),
    ("dns.mismatch", "-"),
    ("dns.mismatch", "-"),
    ("dns.mismatch", "portal"),
    ("dns.mismatch", "simpeg"),
    ("dns.missing", "lpse"),
    ("dns.nameserver.lame", "-"),
    ("dns.nameserver.unreachable", "-"),
    ("dns.outside-datacenter", "ppid"),
    ("dns.revoked-resolves", "pasar"),
    ("dns.unregistered", "-"),
];

#[test]
fn faulty_zone_gives_each_finding_once() {
    let root = fixture("dns");
    let faulty = faulty_zone(root.path());
    let serial = |z: &str, n: &str| {
        let at = z.find("hostmaster.contohkab.go.id. ( ").unwrap()
            + "hostmaster.contohkab.go.id. ( ".len();
        let end = z[at..].find(' ').unwrap() + at;
        format!("{}{n}{}", &z[..at], &z[end..])
    };
    let github = "$ORIGIN github.io.\n$TTL 300\n@ IN SOA ns1.github.io. h.github.io. 1 3600 900 86400 300\n@ IN NS ns1.github.io.\nns1 IN A 192.0.2.1\ncontoh-sipd IN A 185.199.108.153\n".to_string();
    let primary = serve(&[
        ("contohkab.go.id", serial(&faulty, "2026112502")),
        ("github.io", github.clone()),
    ]);
    // dns.mismatch: a secondary that is behind.
    let secondary = serve(&[
        ("contohkab.go.id", serial(&faulty, "2026112501")),
        ("github.io", github),
    ]);
    // dns.nameserver.lame: answers, but without authority.
    let lame = fake(|q| reply(q, ResponseCode::NoError, false));
    // dns.nameserver.unreachable: nothing listens.
    let closed = closed_port();

    let (out, findings) = dns_check(
        root.path(),
        &[primary, secondary, lame, closed],
        &["--zone-transfer"],
    );
    assert_eq!(out.status.code(), Some(1));
    let mut expected: Vec<(String, String)> = FAULTY_ZONE_FINDINGS
        .iter()
        .map(|(c, s)| (c.to_string(), s.to_string()))
        .collect();
    expected.sort();
    assert_eq!(pairs(&findings), expected, "{findings:#?}");
    let text = |code: &str| -> String {
        findings
            .iter()
            .filter(|f| f["code"] == code)
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
            .join(" | ")
    };
    assert!(
        text("dns.mismatch").contains("203.0.113.21")
            && text("dns.mismatch").contains("203.0.113.22"),
        "expected and found"
    );
    assert!(text("dns.mismatch").contains("SOA serial"));
    assert!(text("dns.mismatch").contains("ns.example.net"));
    assert!(text("dns.outside-datacenter").contains("198.51.100.7"));
    assert!(text("dns.unregistered").contains("slot88.contohkab.go.id"));
    assert!(text("dns.cname-takeover").contains("GitHub Pages"));
    assert!(text("dns.nameserver.lame").contains(&lame.to_string()));
    assert!(text("dns.nameserver.unreachable").contains(&closed.to_string()));
    for f in &findings {
        assert_eq!(f["file"], "domains.toml", "{f}");
        assert!(
            f["line"].as_u64().unwrap_or(0) > 0 || f["code"] == "dns.unregistered",
            "{f}"
        );
    }
}

#[test]
fn silent_server_times_out_within_bounds() {
    let root = fixture("dns");
    let silent = fake(|_| None);
    let started = Instant::now();
    let (out, findings) = dns_check(root.path(), &[silent], &[]);
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        pairs(&findings),
        vec![("dns.nameserver.unreachable".to_string(), "-".to_string()); 2],
        "{findings:#?}"
    );
    assert!(
        findings[0]["message"]
            .as_str()
            .unwrap()
            .contains("does not answer")
            || findings[1]["message"]
                .as_str()
                .unwrap()
                .contains("does not answer"),
        "{findings:#?}"
    );
    // A bound, not a speed test: 500 ms per query, and no name is looked up when no
    // server answered; anything under a minute means it did not hang.
    assert!(took < Duration::from_secs(60), "took {took:?}");
}

#[test]
fn servfail_and_garbage_are_findings_not_crashes() {
    let root = fixture("dns");
    let servfail = fake(|q| reply(q, ResponseCode::ServFail, true));
    let garbage = fake(|q| Some([&q[..2.min(q.len())], &[0x81, 0x80, 0xff, 0xff]].concat()));
    let refused = fake(|q| reply(q, ResponseCode::Refused, false));
    let (out, findings) = dns_check(root.path(), &[servfail, garbage, refused], &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let unreachable: BTreeSet<String> = findings
        .iter()
        .filter(|f| f["code"] == "dns.nameserver.unreachable")
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    assert!(
        unreachable
            .iter()
            .any(|m| m.contains(&servfail.to_string()) && m.contains("Server Failure")),
        "{unreachable:#?}"
    );
    assert!(
        unreachable
            .iter()
            .any(|m| m.contains(&garbage.to_string()) && m.contains("not a valid DNS message")),
        "{unreachable:#?}"
    );
    assert!(
        unreachable
            .iter()
            .any(|m| m.contains(&refused.to_string()) && m.contains("refuses")),
        "{unreachable:#?}"
    );
}

#[test]
fn nameserver_that_is_not_an_address_is_a_usage_error() {
    let root = fixture("dns");
    for bad in ["ns1.contohkab.go.id", "127.0.0.1:99999", "300.1.1.1", ""] {
        let out = laman(root.path(), &["dns", "check", "--nameserver", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&out).contains("--nameserver"),
            "{bad}: {}",
            stderr(&out)
        );
    }
    let out = laman(
        root.path(),
        &[
            "dns",
            "check",
            "--timeout",
            "0",
            "--nameserver",
            "127.0.0.1",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn registry_errors_are_reported_and_the_rest_still_checked() {
    let root = fixture("dns");
    let zone = fixture_zone(root.path());
    let text = read(root.path().join("domains.toml")).replace(
        "contact = \"ppid@contohkab.go.id\"",
        "contact = \"ppid@gmail.com\"",
    );
    write(root.path().join("domains.toml"), &text);
    let server = serve(&[(
        "contohkab.go.id",
        zone.replace("simpeg\tIN\tA\t203.0.113.21", "simpeg\tIN\tA\t203.0.113.22"),
    )]);
    let (out, findings) = dns_check(root.path(), &[server], &[]);
    assert_eq!(out.status.code(), Some(1));
    let codes: BTreeSet<&str> = findings
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains("registry.contact.domain"), "{codes:?}");
    assert!(codes.contains("dns.mismatch"), "{codes:?}");

    write(root.path().join("domains.toml"), "[regency\nname = 1");
    let (out, findings) = dns_check(root.path(), &[server], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(findings[0]["code"], "registry.parse");
}

#[test]
fn truncated_answer_without_tcp_is_a_finding() {
    let root = fixture("dns");
    let truncating = fake(|q| {
        let mut m = Message::from_vec(&reply(q, ResponseCode::NoError, true)?).ok()?;
        m.metadata.truncation = true;
        m.to_vec().ok()
    });
    let (out, findings) = dns_check(root.path(), &[truncating], &[]);
    assert_eq!(out.status.code(), Some(1));
    let first = findings[0]["message"].as_str().unwrap();
    assert!(first.contains("truncated"), "{findings:#?}");
}

/// A measurement, not a test (run by hand, it asserts nothing about speed):
/// `cargo test --release --test it -- --ignored --nocapture dns::measure`.
#[test]
#[ignore]
fn measure_500_subdomains() {
    let root = fixture("dns");
    let mut registry = read(root.path().join("domains.toml"));
    for i in 0..500 {
        registry.push_str(&format!(
            "\n[[subdomain]]\nlabel = \"opd{i}\"\nowner = \"OPD {i}\"\nkind = \"app\"\nstatus = \"approved\"\ncontact = \"opd{i}@contohkab.go.id\"\ndecree = {{ number = \"100/{i}/KPTS/2024\", date = 2024-06-01 }}\nrecords = {{ A = [\"203.0.113.{}\"], AAAA = [\"2001:db8:10::{i:x}\"] }}\n",
            i % 60 + 1
        ));
    }
    write(root.path().join("domains.toml"), &registry);
    let zone = fixture_zone(root.path());
    let server = serve(&[("contohkab.go.id", zone)]);
    for concurrency in ["1", "16", "64"] {
        let started = Instant::now();
        let (out, findings) = dns_check(
            root.path(),
            &[server],
            &["--concurrency", concurrency, "--zone-transfer"],
        );
        eprintln!(
            "506 names, concurrency {concurrency}: {:?} ({} findings, exit {:?})",
            started.elapsed(),
            findings.len(),
            out.status.code()
        );
    }
}
