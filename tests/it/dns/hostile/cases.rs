//! Each misbehaviour of the hostile server (`super`), and the findings `dns check` must
//! end with: huge answers, CNAME loops, a server that drips, truncated and malformed
//! packets, zone transfers that never end or never begin.

use super::*;

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

/// Turns the good answer to a query (over TCP or not) into what the server sends.
type Mangle = fn(&Message, bool) -> Wire;

/// The good answer to `q`: the authority's, or an A record.
fn good(q: &Message) -> Vec<u8> {
    let (n, _) = question(q);
    let a = Record::from_rdata(n, 300, RData::A(A([203, 0, 113, 20].into())));
    bytes(&authority(q).unwrap_or_else(|| response(q, vec![a])))
}

/// Truncated and malformed packets, each with what it is.
fn malformations() -> Vec<(&'static str, Mangle)> {
    vec![
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
    ]
}

#[test]
fn truncated_and_malformed_packets_end_in_findings() {
    let cases = malformations();
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
