//! Records the live zone has that the registry does not (`dns.record.unregistered`):
//! what a Dinas adopting laman would lose by installing laman's zone in place of the
//! one it has (its mail, SPF, DKIM, DMARC, verification records...).
//!
//! The live records come by zone transfer where the server allows one (`transfer.rs`),
//! otherwise by asking for the common types at the apex and at common names
//! ([`COMMON`]) and for each `[[record]]`'s name and type ([`ask_common`]). [`missing`]
//! is pure: the live records against what the zone made from the registry would hold.
//!
//! Addresses and aliases of the apex, `www` and every subdomain are not judged here:
//! [`super::compare`](mod@super::compare) reports those (`dns.mismatch`, `dns.revoked-resolves`), and
//! names nobody registered are `dns.unregistered`. The SOA, the apex NS set and DNSSEC
//! records are the DNS server's, not the registry's.

use super::lookup::{lookup, Lookup};
use crate::finding::{Code, Finding};
use crate::hosting::zone::suspended_records;
use crate::registry::hostname::normalize_host;
use crate::registry::record::Data;
use crate::registry::{Records, Registry, Status};
use futures_util::StreamExt;
use hickory_resolver::proto::rr::{RData, RecordType};
use hickory_resolver::TokioResolver;
use std::collections::BTreeSet;
use std::str::FromStr;

/// One record of the live zone: its owner name (lowercase, no trailing dot), its type,
/// and its data.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Live {
    pub name: String,
    pub kind: String,
    /// The data's comparison key as laman writes it ([`key`]), or as DNS shows it for
    /// types laman does not write.
    pub data: Result<String, String>,
}

/// Names and types asked when there is no zone transfer, relative to the domain (`@`:
/// the apex): where a regency's mail, its anti-spoofing records, its certificate policy
/// and its mail and chat services usually are.
pub const COMMON: &[(&str, &[&str])] = &[
    ("@", &["MX", "TXT", "CAA"]),
    ("_dmarc", &["TXT"]),
    ("_mta-sts", &["TXT"]),
    ("_smtp._tls", &["TXT"]),
    ("default._domainkey", &["TXT", "CNAME"]),
    ("google._domainkey", &["TXT", "CNAME"]),
    ("selector1._domainkey", &["TXT", "CNAME"]),
    ("selector2._domainkey", &["TXT", "CNAME"]),
    ("mail._domainkey", &["TXT", "CNAME"]),
    ("dkim._domainkey", &["TXT", "CNAME"]),
    ("k1._domainkey", &["TXT", "CNAME"]),
    ("mail", &["A", "AAAA", "CNAME", "MX", "TXT"]),
    ("webmail", &["A", "AAAA", "CNAME"]),
    ("smtp", &["A", "AAAA", "CNAME"]),
    ("imap", &["A", "AAAA", "CNAME"]),
    ("pop", &["A", "AAAA", "CNAME"]),
    ("pop3", &["A", "AAAA", "CNAME"]),
    ("mx", &["A", "AAAA", "CNAME"]),
    ("mx1", &["A", "AAAA", "CNAME"]),
    ("mx2", &["A", "AAAA", "CNAME"]),
    ("email", &["A", "AAAA", "CNAME"]),
    ("autodiscover", &["A", "AAAA", "CNAME"]),
    ("autoconfig", &["A", "AAAA", "CNAME"]),
    ("mta-sts", &["A", "AAAA", "CNAME"]),
    ("ftp", &["A", "AAAA", "CNAME"]),
    ("vpn", &["A", "AAAA", "CNAME"]),
    ("cpanel", &["A", "AAAA", "CNAME"]),
    ("webdisk", &["A", "AAAA", "CNAME"]),
    ("_autodiscover._tcp", &["SRV"]),
    ("_submission._tcp", &["SRV"]),
    ("_submissions._tcp", &["SRV"]),
    ("_imap._tcp", &["SRV"]),
    ("_imaps._tcp", &["SRV"]),
    ("_pop3s._tcp", &["SRV"]),
    ("_sip._tls", &["SRV"]),
    ("_sipfederationtls._tcp", &["SRV"]),
    ("_xmpp-client._tcp", &["SRV"]),
    ("_xmpp-server._tcp", &["SRV"]),
];

/// The types DNS servers add on their own (SOA, DNSSEC), never the registry's.
const SERVERS_OWN: &[&str] = &[
    "SOA",
    "RRSIG",
    "NSEC",
    "NSEC3",
    "NSEC3PARAM",
    "DNSKEY",
    "CDS",
    "CDNSKEY",
    "ZONEMD",
];

impl Live {
    /// A record as DNS gave it.
    pub fn of(name: &str, rdata: &RData) -> Live {
        let kind = rdata.record_type().to_string();
        Live {
            name: normalize_host(name),
            kind,
            data: data_of(rdata)
                .map(|d| key(&d))
                .ok_or_else(|| rdata.to_string()),
        }
    }
}

/// The record data laman can write, read from what DNS gave.
fn data_of(rdata: &RData) -> Option<Data> {
    let host = |n: &hickory_resolver::proto::rr::Name| {
        let h = normalize_host(&n.to_ascii());
        if h.is_empty() {
            ".".to_string()
        } else {
            h
        }
    };
    Some(match rdata {
        RData::A(a) => Data::A(a.0),
        RData::AAAA(a) => Data::Aaaa(a.0),
        RData::CNAME(c) => Data::Cname(host(&c.0)),
        RData::MX(mx) => Data::Mx(mx.preference, host(&mx.exchange)),
        RData::SRV(s) => Data::Srv(s.priority, s.weight, s.port, host(&s.target)),
        RData::TXT(t) => Data::Txt(t.txt_data.iter().flat_map(|s| s.iter().copied()).collect()),
        RData::CAA(c) => Data::Caa(
            c.flags(),
            c.tag.to_ascii_lowercase(),
            String::from_utf8_lossy(&c.value).into_owned(),
        ),
        _ => return None,
    })
}

/// The comparison key of record data: its presentation, which is canonical (TXT text
/// is compared whole, however the live zone split it into strings).
fn key(data: &Data) -> String {
    match data {
        Data::Txt(bytes) => Data::Txt(bytes.clone()).presentation().replace("\" \"", ""),
        other => other.presentation(),
    }
}

/// What the zone made from the registry holds, as `(name, type, key)`.
fn registered(reg: &Registry) -> BTreeSet<(String, String, String)> {
    let domain = normalize_host(&reg.regency.domain);
    let mut held = BTreeSet::new();
    let mut add = |name: String, r: &Records| {
        for a in r.a.iter().filter_map(|a| a.parse().ok()) {
            held.insert((name.clone(), "A".into(), key(&Data::A(a))));
        }
        for a in r.aaaa.iter().filter_map(|a| a.parse().ok()) {
            held.insert((name.clone(), "AAAA".into(), key(&Data::Aaaa(a))));
        }
        if let Some(c) = &r.cname {
            held.insert((
                name.clone(),
                "CNAME".into(),
                key(&Data::Cname(normalize_host(c))),
            ));
        }
    };
    add(domain.clone(), &reg.portal.records);
    let www = Records {
        cname: Some(domain.clone()),
        ..Records::default()
    };
    add(format!("www.{domain}"), &www);
    for s in &reg.subdomains {
        let name = format!("{}.{domain}", s.label.to_ascii_lowercase());
        match s.status {
            Status::Approved => add(name, &s.records),
            Status::Suspended => add(name, &suspended_records(reg)),
            _ => {}
        }
    }
    for (ns, addrs) in &reg.hosting.glue {
        let glue = Records {
            a: addrs
                .iter()
                .filter(|a| a.parse::<std::net::Ipv4Addr>().is_ok())
                .cloned()
                .collect(),
            aaaa: addrs
                .iter()
                .filter(|a| a.parse::<std::net::Ipv6Addr>().is_ok())
                .cloned()
                .collect(),
            ..Records::default()
        };
        add(normalize_host(ns), &glue);
    }
    for r in &reg.zone_records {
        if let Ok(data) = r.data() {
            held.insert((r.fqdn(&domain), r.kind(), key(&data)));
        }
    }
    held
}

/// The live records the registry does not hold, as findings. `judged`: names whose
/// addresses and aliases other checks report (the apex, `www`, every subdomain, and
/// the names `dns.unregistered` already named).
pub fn missing(reg: &Registry, live: &BTreeSet<Live>, judged: &BTreeSet<String>) -> Vec<Finding> {
    let domain = normalize_host(&reg.regency.domain);
    let held = registered(reg);
    live.iter()
        .filter(|r| !SERVERS_OWN.contains(&r.kind.as_str()))
        .filter(|r| !(r.kind == "NS" && r.name == domain))
        .filter(|r| {
            !(matches!(r.kind.as_str(), "A" | "AAAA" | "CNAME") && judged.contains(&r.name))
        })
        .filter(|r| match &r.data {
            Ok(k) => !held.contains(&(r.name.clone(), r.kind.clone(), k.clone())),
            Err(_) => true,
        })
        .map(|r| {
            let shown = match &r.data {
                Ok(k) => k.clone(),
                Err(text) => text.clone(),
            };
            let relative = r
                .name
                .strip_suffix(&format!(".{domain}"))
                .map_or("@".to_string(), str::to_string);
            let help = if crate::registry::record::TYPES.contains(&r.kind.as_str()) {
                crate::msg!(
                    "dns-record-unregistered-help",
                    name = relative,
                    kind = r.kind.as_str()
                )
            } else {
                crate::msg!("dns-record-unwritable-help", kind = r.kind.as_str())
            };
            Finding::new(
                Code::DnsRecordUnregistered,
                crate::msg!(
                    "dns-record-unregistered",
                    name = r.name.as_str(),
                    kind = r.kind.as_str(),
                    value = cut(&shown)
                ),
            )
            .file(&reg.file)
            .help(help)
        })
        .collect()
}

/// A value as a message shows it: at most 80 characters (a DKIM key is longer). The
/// printing of findings escapes what could drive a terminal.
fn cut(value: &str) -> String {
    let mut out: String = value.chars().take(80).collect();
    if value.chars().count() > 80 {
        out.push('…');
    }
    out
}

/// Without a zone transfer: asks for [`COMMON`] and for every `[[record]]`'s name and
/// type. Failed queries are skipped: this is a survey, and the checks of the names the
/// registry holds report a server that does not answer.
pub(super) async fn ask_common(
    resolver: &TokioResolver,
    reg: &Registry,
    concurrency: usize,
) -> BTreeSet<Live> {
    let domain = normalize_host(&reg.regency.domain);
    let fqdn = |rel: &str| {
        if rel == "@" {
            domain.clone()
        } else {
            format!("{rel}.{domain}")
        }
    };
    let mut asks: BTreeSet<(String, String)> = COMMON
        .iter()
        .flat_map(|(name, kinds)| kinds.iter().map(|k| (fqdn(name), k.to_string())))
        .collect();
    asks.extend(reg.zone_records.iter().map(|r| (r.fqdn(&domain), r.kind())));
    futures_util::stream::iter(asks)
        .map(|(name, kind)| async move {
            let Ok(rtype) = RecordType::from_str(&kind) else {
                return Vec::new();
            };
            match lookup(resolver, &name, rtype).await {
                Lookup::Found(found) => found.iter().map(|d| Live::of(&name, d)).collect(),
                _ => Vec::new(),
            }
        })
        .buffer_unordered(concurrency.max(1))
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn live_records_the_registry_lacks_are_reported_once_each() {
        let text = include_str!("../../tests/fixtures/dns/domains.toml").to_string()
            + "\n[[record]]\nname = \"@\"\ntype = \"MX\"\nvalue = \"10 mail.contohkab.go.id.\"\n\n[[record]]\nname = \"@\"\ntype = \"TXT\"\nvalue = \"v=spf1 mx -all\"\n";
        let reg = Registry::parse(&text, Path::new("domains.toml")).unwrap();
        let mx = |p: u16, h: &str| {
            RData::MX(hickory_resolver::proto::rr::rdata::MX::new(
                p,
                hickory_resolver::proto::rr::Name::from_str(h).unwrap(),
            ))
        };
        let txt = |parts: &[&str]| {
            RData::TXT(hickory_resolver::proto::rr::rdata::TXT::new(
                parts.iter().map(|s| s.to_string()).collect(),
            ))
        };
        let live: BTreeSet<Live> = [
            Live::of("contohkab.go.id.", &mx(10, "Mail.contohkab.go.id.")),
            Live::of("contohkab.go.id.", &mx(20, "backup.example.net.")),
            Live::of("contohkab.go.id.", &txt(&["v=spf1 ", "mx -all"])),
            Live::of("contohkab.go.id.", &txt(&["google-site-verification=abc"])),
            Live::of("www.contohkab.go.id.", &txt(&["x"])),
            Live::of(
                "www.contohkab.go.id.",
                &RData::A(hickory_resolver::proto::rr::rdata::A::new(192, 0, 2, 1)),
            ),
        ]
        .into_iter()
        .collect();
        let judged = BTreeSet::from(["www.contohkab.go.id".to_string()]);
        let found = missing(&reg, &live, &judged);
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(found.len(), 3, "{messages:#?}");
        assert!(messages.iter().any(|m| m.contains("backup.example.net")));
        assert!(messages
            .iter()
            .any(|m| m.contains("google-site-verification")));
        assert!(found.iter().all(|f| f.code == Code::DnsRecordUnregistered));
    }
}
