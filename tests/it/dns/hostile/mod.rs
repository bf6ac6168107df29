//! A hostile authoritative server (issue 26 point 9): one server on 127.0.0.1, UDP and TCP
//! on the same port, that answers the zone's SOA and NS like a good authority (so that the
//! check goes on to look names up) and every other query as the test says: huge answers,
//! CNAME loops and endless chains, a reply that drips a byte a second, truncated and
//! malformed packets, an endless zone transfer. `dns check` must end with findings within
//! its deadlines, never hang, panic or grow without bound: each run is watched (time and
//! peak memory) and killed past a minute.

use super::*;

use hickory_server::proto::op::Query;
use hickory_server::proto::rr::rdata::{A, CNAME, NS, SOA};
use hickory_server::proto::rr::{Name, RData, Record, RecordType};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};

mod cases;

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

/// Reads `pipe` to its end on a thread of its own.
fn drained(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        bytes
    })
}

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
    // Both read while it runs, so that it never blocks on a full pipe.
    let reader = drained(child.stdout.take().unwrap());
    let err_reader = drained(child.stderr.take().unwrap());
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
    let stderr = String::from_utf8_lossy(&err_reader.join().unwrap()).into_owned();
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
