//! `laman dns check` against real DNS servers on 127.0.0.1: hickory-server, in this test
//! process, serving zone files on an ephemeral port (UDP and TCP), and a few hand-made
//! misbehaving servers (one that answers without authority, one that answers SERVFAIL,
//! one that answers garbage, one that never answers).

mod common;
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

#[test]
fn faulty_zone_gives_each_finding_once() {
    let root = fixture("dns");
    // A takeover-prone CNAME the Dinas once allowed: its target still resolves.
    let mut registry = read(root.path().join("domains.toml"));
    registry = registry.replace(
        "cname_allow = []",
        "cname_allow = [\"contoh-sipd.github.io\"]",
    );
    registry.push_str(
        "\n[[subdomain]]\nlabel = \"sipd\"\nowner = \"Bappeda\"\nkind = \"app\"\nstatus = \"approved\"\ncontact = \"bappeda@contohkab.go.id\"\ndecree = { number = \"100/010/KPTS/2024\", date = 2024-06-01 }\nrecords = { CNAME = \"contoh-sipd.github.io\" }\n",
    );
    write(root.path().join("domains.toml"), &registry);
    let clean = fixture_zone(root.path());
    let faulty = clean
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
        + "slot88\tIN\tA\t203.0.113.40\n";
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
    let expected: Vec<(String, String)> = {
        let mut v: Vec<(String, String)> = [
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
        ]
        .iter()
        .map(|(c, s)| (c.to_string(), s.to_string()))
        .collect();
        v.sort();
        v
    };
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
/// `cargo test --release --test dns -- --ignored --nocapture`.
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

/// The regency's own other records, as `[[record]]` tables.
const OTHER_RECORDS: &str = r#"
[[record]]
name = "@"
type = "MX"
value = "10 mail.contohkab.go.id."

[[record]]
name = "mail"
type = "A"
value = "203.0.113.30"

[[record]]
name = "@"
type = "TXT"
value = "v=spf1 mx -all"

[[record]]
name = "_dmarc"
type = "TXT"
value = "v=DMARC1; p=quarantine; rua=mailto:dmarc@contohkab.go.id"

[[record]]
name = "@"
type = "CAA"
value = '0 issue "letsencrypt.org"'
"#;

/// Adopting laman's zone: the live zone has records the registry lacks (a backup MX,
/// a verification TXT, a DKIM key, a SIP service, a CAA, an alias), which `dns check`
/// lists so that the Dinas sees what installing laman's zone would drop: by zone
/// transfer where the server allows one, otherwise by asking for the common records.
#[test]
fn live_records_the_registry_lacks_are_listed_before_adoption() {
    let root = fixture("dns");
    let mut registry = read(root.path().join("domains.toml"));
    registry.push_str(OTHER_RECORDS);
    write(root.path().join("domains.toml"), &registry);
    let zone = fixture_zone(root.path());
    assert!(
        zone.contains("@\tIN\tMX\t10 mail.contohkab.go.id.\n"),
        "{zone}"
    );
    assert!(
        zone.contains("_dmarc\tIN\tTXT\t\"v=DMARC1; p=quarantine;"),
        "{zone}"
    );

    // laman's own zone, with its [[record]] tables, is what the registry says.
    let same = serve(&[("contohkab.go.id", zone.clone())]);
    for extra in [&[][..], &["--zone-transfer"][..]] {
        let (out, findings) = dns_check(root.path(), &[same], extra);
        assert!(findings.is_empty(), "{extra:?}: {findings:#?}");
        assert_eq!(out.status.code(), Some(0));
    }

    let live = zone
        + "@\tIN\tMX\t20 backup.example.net.\n"
        + "@\tIN\tTXT\t\"google-site-verification=abc123\"\n"
        + "@\tIN\tCAA\t0 issuewild \";\"\n"
        + "selector1._domainkey\tIN\tTXT\t\"v=DKIM1; k=rsa; \" \"p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC\"\n"
        + "_sip._tls\tIN\tSRV\t100 1 443 sip.example.net.\n"
        + "webmail\tIN\tCNAME\tmail.contohkab.go.id.\n"
        + "_acme-challenge\tIN\tTXT\t\"only-a-transfer-finds-this\"\n";
    let server = serve(&[("contohkab.go.id", live)]);
    let wanted = [
        "contohkab.go.id MX 20 backup.example.net.",
        "contohkab.go.id TXT \"google-site-verification=abc123\"",
        "contohkab.go.id CAA 0 issuewild \";\"",
        "selector1._domainkey.contohkab.go.id TXT \"v=DKIM1; k=rsa; p=MIGf",
        "_sip._tls.contohkab.go.id SRV 100 1 443 sip.example.net.",
    ];
    let messages = |findings: &[serde_json::Value], code: &str| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f["code"] == code)
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect()
    };

    // Without a transfer: the common names are asked; the alias is a record too.
    let (out, findings) = dns_check(root.path(), &[server], &[]);
    let found = messages(&findings, "dns.record.unregistered");
    assert_eq!(found.len(), wanted.len() + 1, "{findings:#?}");
    for w in wanted
        .iter()
        .chain(&["webmail.contohkab.go.id CNAME mail.contohkab.go.id."])
    {
        assert!(found.iter().any(|m| m.contains(w)), "{w}: {found:#?}");
    }
    assert!(!found.iter().any(|m| m.contains("_acme-challenge")));
    assert!(
        findings.iter().all(|f| f["severity"] == "warning"),
        "{findings:#?}"
    );
    assert_eq!(out.status.code(), Some(0), "warnings only");

    // With a transfer: every record, and the unregistered name as dns.unregistered.
    let (out, findings) = dns_check(root.path(), &[server], &["--zone-transfer"]);
    let found = messages(&findings, "dns.record.unregistered");
    assert_eq!(found.len(), wanted.len() + 1, "{findings:#?}");
    for w in wanted
        .iter()
        .chain(&["_acme-challenge.contohkab.go.id TXT"])
    {
        assert!(found.iter().any(|m| m.contains(w)), "{w}: {found:#?}");
    }
    assert_eq!(
        messages(&findings, "dns.unregistered"),
        vec!["webmail.contohkab.go.id is in the zone but not in the registry".to_string()]
    );
    assert_eq!(out.status.code(), Some(1));
    let help = findings
        .iter()
        .find(|f| f["code"] == "dns.record.unregistered")
        .unwrap()["help"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(help.contains("[[record]]"), "{help}");
}

// ---- A hostile authoritative server (issue 26 point 9) ----
//
// One server on 127.0.0.1, UDP and TCP on the same port, that answers the zone's SOA and
// NS like a good authority (so that the check goes on to look names up) and every other
// query as the test says: huge answers, CNAME loops and endless chains, a reply that
// drips a byte a second, truncated and malformed packets, an endless zone transfer.
// `dns check` must end with findings within its deadlines, never hang, panic or grow
// without bound: each run is watched (time and peak memory) and killed past a minute.

use hickory_server::proto::op::Query;
use hickory_server::proto::rr::rdata::{A, CNAME, NS, SOA};
use hickory_server::proto::rr::{Name, RData, Record, RecordType};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};

/// What the hostile server sends back for one query.
#[derive(Clone)]
enum Wire {
    /// This message (over TCP with its length in front).
    Message(Vec<u8>),
    /// These bytes exactly, over either transport (no length added over TCP).
    Raw(Vec<u8>),
    /// The message with its length, one byte a second (TCP), or nothing (UDP).
    Drip(Vec<u8>),
    /// Nothing at all.
    Silent,
    /// Message after message, `f(0)`, `f(1)`, ... each with its length, as fast as the
    /// reader takes them, until it goes away (TCP; nothing over UDP).
    Endless(Arc<dyn Fn(u32) -> Vec<u8> + Send + Sync>),
}

type Answer = dyn Fn(&Message, bool) -> Wire + Send + Sync;

const APEX: &str = "contohkab.go.id.";

fn name(text: &str) -> Name {
    Name::from_ascii(text).unwrap()
}

/// A response to `q` with these answers, with authority.
fn response(q: &Message, answers: Vec<Record>) -> Message {
    let mut m = Message::response(q.metadata.id, q.metadata.op_code);
    m.metadata.message_type = MessageType::Response;
    m.metadata.authoritative = true;
    m.queries = q.queries.clone();
    m.answers = answers;
    m
}

fn bytes(m: &Message) -> Vec<u8> {
    m.to_vec().unwrap()
}

/// The zone's SOA and NS, as a good authority gives them; None for other questions.
fn authority(q: &Message) -> Option<Message> {
    let query: &Query = q.queries.first()?;
    if query.name() != &name(APEX) {
        return None;
    }
    let data = match query.query_type() {
        RecordType::SOA => vec![RData::SOA(SOA::new(
            name("ns1.contohkab.go.id."),
            name("hostmaster.contohkab.go.id."),
            2026120701,
            3600,
            900,
            86400,
            300,
        ))],
        RecordType::NS => vec![
            RData::NS(NS(name("ns1.contohkab.go.id."))),
            RData::NS(NS(name("ns2.contohkab.go.id."))),
        ],
        _ => return None,
    };
    let records = data
        .into_iter()
        .map(|d| Record::from_rdata(name(APEX), 300, d))
        .collect();
    Some(response(q, records))
}

/// Starts the hostile server: `answer(query, over_tcp)` for every query that is not the
/// zone's SOA or NS (all queries when `probes_too`). Runs until the test process ends.
fn hostile(
    probes_too: bool,
    answer: impl Fn(&Message, bool) -> Wire + Send + Sync + 'static,
) -> SocketAddr {
    let answer: Arc<Answer> = Arc::new(answer);
    let (udp, tcp) = loop {
        let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
        let port = udp.local_addr().unwrap().port();
        if let Ok(tcp) = TcpListener::bind(("127.0.0.1", port)) {
            break (udp, tcp);
        }
    };
    let addr = udp.local_addr().unwrap();
    let reply = move |answer: &Answer, query: &[u8], tcp: bool| -> Wire {
        let Ok(q) = Message::from_vec(query) else {
            return Wire::Silent;
        };
        match authority(&q) {
            Some(m) if !probes_too => Wire::Message(bytes(&m)),
            _ => answer(&q, tcp),
        }
    };
    let reply = Arc::new(reply);
    {
        let (answer, reply) = (answer.clone(), reply.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok((n, from)) = udp.recv_from(&mut buf) {
                match reply(&*answer, &buf[..n], false) {
                    Wire::Message(b) | Wire::Raw(b) => {
                        let _ = udp.send_to(&b, from);
                    }
                    Wire::Drip(_) | Wire::Silent | Wire::Endless(_) => {}
                }
            }
        });
    }
    std::thread::spawn(move || {
        for stream in tcp.incoming() {
            let Ok(mut stream) = stream else { continue };
            let (answer, reply) = (answer.clone(), reply.clone());
            std::thread::spawn(move || {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
                loop {
                    let mut len = [0u8; 2];
                    if stream.read_exact(&mut len).is_err() {
                        return;
                    }
                    let mut query = vec![0u8; u16::from_be_bytes(len) as usize];
                    if stream.read_exact(&mut query).is_err() {
                        return;
                    }
                    let framed = |b: &[u8]| [&(b.len() as u16).to_be_bytes()[..], b].concat();
                    let sent = match reply(&*answer, &query, true) {
                        Wire::Message(b) => stream.write_all(&framed(&b)),
                        Wire::Raw(b) => stream.write_all(&b),
                        Wire::Drip(b) => drip(&mut stream, &framed(&b)),
                        Wire::Silent => {
                            std::thread::sleep(Duration::from_secs(30));
                            Ok(())
                        }
                        Wire::Endless(f) => {
                            (0..u32::MAX).try_for_each(|i| stream.write_all(&framed(&f(i))))
                        }
                    };
                    if sent.is_err() {
                        return;
                    }
                }
            });
        }
    });
    addr
}

/// Writes one byte a second until the reader goes away.
fn drip(stream: &mut TcpStream, bytes: &[u8]) -> std::io::Result<()> {
    for b in bytes {
        stream.write_all(&[*b])?;
        std::thread::sleep(Duration::from_secs(1));
    }
    Ok(())
}

/// What a watched check did: its findings' codes, exit code, time, peak resident
/// memory (KiB) and findings' messages.
type Run = (Vec<String>, Option<i32>, Duration, u64, Vec<String>);

/// `laman dns check --format json --timeout 500` against `server`, watched: killed
/// after a minute; returns the findings' codes, the exit code, how long it took and
/// the peak of its resident memory in KiB.
fn watched_check(server: SocketAddr, extra: &[&str]) -> Run {
    let root = fixture("dns");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_laman"));
    cmd.args([
        "dns",
        "check",
        "--format",
        "json",
        "--timeout",
        "500",
        "--nameserver",
    ])
    .arg(server.to_string())
    .args(extra)
    .arg("--root")
    .arg(root.path())
    .env_remove("CI")
    .env("LAMAN_LANG", "en")
    .stdout(std::process::Stdio::piped())
    .stderr(std::process::Stdio::piped());
    let started = Instant::now();
    let mut child = cmd.spawn().unwrap();
    let pid = child.id();
    let mut out = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = out.read_to_end(&mut text);
        text
    });
    let mut peak = 0;
    let status = loop {
        if let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
            if let Some(kib) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            {
                peak = peak.max(kib);
            }
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("dns check still running after a minute: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let took = started.elapsed();
    let stdout = reader.join().unwrap();
    let mut stderr = String::new();
    let _ = child.stderr.take().unwrap().read_to_string(&mut stderr);
    assert_ne!(status.code(), Some(101), "panicked: {stderr}");
    if std::env::var_os("LAMAN_TEST_VERBOSE").is_some() {
        eprintln!("{stderr}");
    }
    let doc: serde_json::Value = serde_json::from_slice(&stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{stderr}",
            String::from_utf8_lossy(&stdout)
        )
    });
    let findings = doc["findings"].as_array().unwrap();
    let codes = findings
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect();
    let messages: Vec<String> = findings
        .iter()
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    if std::env::var_os("LAMAN_TEST_VERBOSE").is_some() {
        eprintln!("{}", messages.join("\n"));
    }
    (codes, status.code(), took, peak, messages)
}

/// A check against a hostile server ended as it must: exit 1 with DNS findings, in
/// time, in bounded memory.
fn ended_with_findings(what: &str, run: &Run) {
    let (codes, status, took, peak, messages) = run;
    // A finding is read by a person: however much the server sent, it stays short.
    for m in messages {
        assert!(
            m.len() < 1500,
            "{what}: a finding of {} bytes: {m}",
            m.len()
        );
    }
    eprintln!(
        "{what}: exit {status:?} in {took:.1?}, peak {} MiB: {codes:?}",
        peak >> 10
    );
    assert_eq!(*status, Some(1), "{what}: {codes:?}");
    assert!(
        codes.iter().any(|c| c.starts_with("dns.")),
        "{what}: {codes:?}"
    );
    assert!(*took < Duration::from_secs(45), "{what}: took {took:?}");
    assert!(*peak < 300 << 10, "{what}: peak {} MiB", peak >> 10);
}

/// The name asked for, and the record type.
fn question(q: &Message) -> (Name, RecordType) {
    let query = &q.queries[0];
    (query.name().clone(), query.query_type())
}

#[test]
fn huge_answers_end_in_findings() {
    // As many A records as a message holds: ~4,000 over UDP (a 64 KiB datagram) and
    // over TCP, none of them the registry's.
    let many = |q: &Message, _tcp: bool| {
        let (n, _) = question(q);
        let records = (0..4000u32)
            .map(|i| {
                let ip = std::net::Ipv4Addr::from(0xC633_6400 + i); // 198.51.100.0 and on
                Record::from_rdata(n.clone(), 300, RData::A(A(ip)))
            })
            .collect();
        let mut m = response(q, records);
        while m.to_vec().map_or(true, |b| b.len() > 65_000) {
            m.answers.truncate(m.answers.len() * 9 / 10);
        }
        Wire::Message(bytes(&m))
    };
    // Over UDP, a 64 KiB datagram where 4 KiB were asked for: read as no answer.
    let run = watched_check(hostile(false, many), &[]);
    ended_with_findings("huge answers (UDP)", &run);
    // Truncated over UDP, then the 64 KiB answer over TCP: read, and judged.
    let over_tcp = move |q: &Message, tcp: bool| {
        if tcp {
            return many(q, tcp);
        }
        let mut t = response(q, vec![]);
        t.metadata.truncation = true;
        Wire::Message(bytes(&t))
    };
    let run = watched_check(hostile(false, over_tcp), &[]);
    ended_with_findings("huge answers (TCP)", &run);
    assert!(
        run.0.iter().any(|c| c == "dns.outside-datacenter"),
        "{:?}",
        run.0
    );
}

#[test]
fn cname_loops_and_endless_chains_end() {
    // Every name is a CNAME: `x` → `hop.x` → `hop.hop.x` ... until names are too long,
    // and lpse ↔ simpeg, a loop.
    let chains = |q: &Message, _tcp: bool| {
        let (n, _) = question(q);
        let text = n.to_ascii();
        let target = match text.as_str() {
            "lpse.contohkab.go.id." => name("simpeg.contohkab.go.id."),
            "simpeg.contohkab.go.id." => name("lpse.contohkab.go.id."),
            _ => match name(&format!("hop.{text}")) {
                t if t.len() < 250 => t,
                _ => return Wire::Message(bytes(&response(q, vec![]))),
            },
        };
        let record = Record::from_rdata(n, 300, RData::CNAME(CNAME(target)));
        Wire::Message(bytes(&response(q, vec![record])))
    };
    let run = watched_check(hostile(false, chains), &[]);
    ended_with_findings("CNAME chains", &run);
    assert!(
        run.0.iter().any(|c| c == "dns.cname-dangling"),
        "{:?}",
        run.0
    );
}

#[test]
fn a_server_that_drips_ends_in_findings_in_time() {
    // UDP says "truncated, ask over TCP"; TCP then sends the answer a byte a second.
    let drip_all = |q: &Message, tcp: bool| {
        let m = authority(q).unwrap_or_else(|| response(q, vec![]));
        if tcp {
            Wire::Drip(bytes(&m))
        } else {
            let mut t = response(q, vec![]);
            t.metadata.truncation = true;
            Wire::Message(bytes(&t))
        }
    };
    // Dripping from the first question on: the server is unreachable.
    let run = watched_check(hostile(true, drip_all), &[]);
    ended_with_findings("drip (probe)", &run);
    assert!(
        run.0.iter().all(|c| c == "dns.nameserver.unreachable"),
        "{:?}",
        run.0
    );
    // Dripping only once the zone's SOA and NS were answered: each name fails.
    let run = watched_check(hostile(false, drip_all), &["--zone-transfer"]);
    ended_with_findings("drip (names)", &run);
    assert!(run.0.iter().any(|c| c == "dns.query.failed"), "{:?}", run.0);
}

#[test]
fn truncated_and_malformed_packets_end_in_findings() {
    type Mangle = fn(&Message, bool) -> Wire;
    fn good(q: &Message) -> Vec<u8> {
        let (n, _) = question(q);
        let a = Record::from_rdata(n, 300, RData::A(A([203, 0, 113, 20].into())));
        bytes(&authority(q).unwrap_or_else(|| response(q, vec![a])))
    }
    let cases: Vec<(&str, Mangle)> = vec![
        ("cut inside the answer", |q, _| {
            let b = good(q);
            Wire::Raw(b[..b.len() - 3].to_vec())
        }),
        ("cut after the header", |q, _| {
            Wire::Raw(good(q)[..12].to_vec())
        }),
        ("65,535 answers announced, none sent", |q, _| {
            let mut b = good(q);
            b[6] = 0xff;
            b[7] = 0xff;
            Wire::Raw(b)
        }),
        ("a name compressed into a loop", |q, _| {
            // The question's name replaced by a pointer to itself (offset 12).
            let mut b = good(q)[..12].to_vec();
            b[4..6].copy_from_slice(&[0, 1]);
            b[6..12].copy_from_slice(&[0, 0, 0, 0, 0, 0]);
            b.extend_from_slice(&[0xc0, 12, 0, 1, 0, 1]);
            Wire::Raw(b)
        }),
        ("another query's id", |q, _| {
            let mut b = good(q);
            b[0] ^= 0xff;
            Wire::Raw(b)
        }),
        ("not a response (QR clear)", |q, _| {
            let mut b = good(q);
            b[2] &= 0x7f;
            Wire::Raw(b)
        }),
        ("the answer for another name", |q, _| {
            let other = name("evil.example.");
            let a = Record::from_rdata(other.clone(), 300, RData::A(A([198, 51, 100, 1].into())));
            let mut m = response(q, vec![a]);
            m.queries[0].set_name(other);
            Wire::Message(bytes(&m))
        }),
        ("TCP: a length of 65,535 then 10 bytes", |q, tcp| {
            if tcp {
                let mut b = vec![0xff, 0xff];
                b.extend_from_slice(&good(q)[..10]);
                Wire::Raw(b)
            } else {
                let mut t = response(q, vec![]);
                t.metadata.truncation = true;
                Wire::Message(bytes(&t))
            }
        }),
        ("TCP: a length of 0", |q, tcp| {
            if tcp {
                Wire::Raw(vec![0, 0])
            } else {
                let mut t = response(q, vec![]);
                t.metadata.truncation = true;
                Wire::Message(bytes(&t))
            }
        }),
        ("random bytes", |q, _| {
            let seed = q.metadata.id as u64;
            Wire::Raw(
                (0..300u64)
                    .map(|i| {
                        (seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(i.wrapping_mul(1442695040888963407))
                            >> 33) as u8
                    })
                    .collect(),
            )
        }),
    ];
    // Each malformation against the names (the zone's SOA and NS answered well), and
    // against everything; the runs in parallel, each watched.
    let runs: Vec<_> = cases
        .into_iter()
        .flat_map(|(what, mangle)| [(what, mangle, false), (what, mangle, true)])
        .map(|(what, mangle, probes_too)| {
            let server = hostile(probes_too, mangle);
            let label = format!("{what}{}", if probes_too { " (probe too)" } else { "" });
            std::thread::spawn(move || (label, watched_check(server, &[])))
        })
        .collect();
    for run in runs {
        let (what, run) = run.join().unwrap();
        ended_with_findings(&what, &run);
    }
}

#[test]
fn zone_transfers_that_never_end_or_never_begin_are_findings() {
    let transfer_finding = |what: &str, server: SocketAddr, why: &[&str]| {
        let run = watched_check(server, &["--zone-transfer"]);
        ended_with_findings(what, &run);
        assert!(
            run.0.iter().any(|c| c == "dns.nameserver.unreachable"),
            "{what}: {:?}",
            run.0
        );
        // The names of a partial transfer are not reported as unregistered.
        assert!(
            !run.0.iter().any(|c| c == "dns.unregistered"),
            "{what}: {:?}",
            run.0
        );
        let said = |m: &String| why.iter().any(|w| m.contains(w));
        assert!(run.4.iter().any(said), "{what}: {:#?}", run.4);
    };
    // Message after message of new names, never the closing SOA: cut off at the
    // deadline or at MAX_TRANSFER_NAMES, whichever comes first.
    transfer_finding(
        "endless transfer",
        axfr(AxfrKind::Endless),
        &["more than 100,000 names", "did not finish in time"],
    );
    // Silence after the question (found here: was an empty zone, and no finding).
    transfer_finding(
        "silent transfer",
        axfr(AxfrKind::Silent),
        &["did not finish in time"],
    );
    // Names without the opening SOA (was taken as the whole zone).
    transfer_finding(
        "transfer without SOA",
        axfr(AxfrKind::NoSoa),
        &["closing SOA"],
    );
}

enum AxfrKind {
    Endless,
    Silent,
    NoSoa,
}

/// A server whose zone transfer (AXFR over TCP) misbehaves; other questions get an
/// empty answer.
fn axfr(kind: AxfrKind) -> SocketAddr {
    let kind = Arc::new(kind);
    hostile(false, move |q, tcp| {
        let (_, asked) = question(q);
        if !tcp || asked != RecordType::AXFR {
            return Wire::Message(bytes(&response(q, vec![])));
        }
        let mut soa_question = q.clone();
        soa_question.queries[0].set_query_type(RecordType::SOA);
        let soa = authority(&soa_question).unwrap().answers;
        let q = q.clone();
        let batch = move |batch: u32, with_soa: bool| {
            let mut records: Vec<Record> = if with_soa { soa.clone() } else { vec![] };
            records.extend((0..1000u32).map(|i| {
                let n = name(&format!("n{batch}-{i}.contohkab.go.id."));
                Record::from_rdata(n, 300, RData::A(A([203, 0, 113, 9].into())))
            }));
            bytes(&response(&q, records))
        };
        match *kind {
            AxfrKind::Endless => Wire::Endless(Arc::new(move |i| batch(i, i == 0))),
            AxfrKind::Silent => Wire::Silent,
            AxfrKind::NoSoa => Wire::Message(batch(0, false)),
        }
    })
}
