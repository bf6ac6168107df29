//! `--zone-transfer`: the zone's owner names by AXFR from the first authoritative server,
//! and the names in it that the registry does not account for (`dns.unregistered`).
//!
//! [`transfer`] talks to the server; [`unregistered`] is pure and knows nothing of DNS.

use super::compare::hosting_finding;
use super::expected_names;
use super::probe::describe;
use super::records::Live;
use crate::finding::{Code, Finding};
use crate::registry::hostname::{in_zone, normalize_host};
use crate::registry::Registry;
use futures_util::StreamExt;
use hickory_resolver::net::client::{Client, ClientHandle};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::tcp::TcpClientStream;
use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::proto::rr::{Name, RecordType};
use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::time::Duration;

/// Transfers the zone from `server` (the first that answered with authority, if any)
/// and reports the names the registry does not know and the records it lacks, or why
/// there was no transfer; with whether there was one.
pub(super) async fn check_transfer(
    reg: &Registry,
    server: Option<SocketAddr>,
    apex: &Name,
    timeout: Duration,
) -> (Vec<Finding>, bool) {
    let Some(addr) = server else {
        let f = hosting_finding(
            reg,
            Code::DnsNameserverUnreachable,
            crate::msg!("dns-axfr-no-server"),
        );
        return (vec![f], false);
    };
    match transfer(addr, apex, timeout).await {
        Ok(live) => {
            let present: BTreeSet<String> = live.iter().map(|r| r.name.clone()).collect();
            let names = unregistered_names(reg, &present);
            let mut judged: BTreeSet<String> =
                expected_names(reg).into_iter().map(|e| e.fqdn).collect();
            judged.extend(names.iter().cloned());
            let mut found = findings(reg, &names);
            found.extend(super::records::missing(reg, &live, &judged));
            (found, true)
        }
        Err(why) => {
            let domain = normalize_host(&reg.regency.domain);
            let f = hosting_finding(
                reg,
                Code::DnsNameserverUnreachable,
                crate::msg!(
                    "dns-axfr-failed",
                    domain = domain.to_string(),
                    server = addr.to_string(),
                    why = why
                ),
            )
            .help(crate::msg!("dns-axfr-failed-help"));
            (vec![f], false)
        }
    }
}

/// The most records a transfer may bring: far beyond any regency's zone (a few hundred
/// names), and few enough to hold in memory whatever the server sends.
pub const MAX_TRANSFER_NAMES: usize = 100_000;

/// The records of a zone, by AXFR over TCP. Only a whole transfer counts: it must
/// begin with the zone's SOA record and end with it again; a stream that stops before
/// (a timeout, a closed connection, a server that sends something else) is an error,
/// never an empty or partial zone taken for the whole.
async fn transfer(
    addr: SocketAddr,
    apex: &Name,
    timeout: Duration,
) -> Result<BTreeSet<Live>, String> {
    let provider = TokioRuntimeProvider::default();
    let (connect, handle) = TcpClientStream::new(addr, None, Some(timeout), provider);
    let stream = match tokio::time::timeout(timeout, connect).await {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => return Err(describe(&e)),
        Err(_) => return Err(crate::msg!("dns-tcp-timeout")),
    };
    // A whole transfer may take longer than one query, but never without bound. The
    // client's own timeout covers the whole stream too, and ends it quietly (which
    // reads as a transfer cut short): it is set past the deadline, which says why.
    let deadline = tokio::time::Instant::now() + timeout * 10;
    let (mut client, bg) =
        Client::<TokioRuntimeProvider>::with_timeout(stream, handle, timeout * 11);
    let task = tokio::spawn(bg);
    let mut names = BTreeSet::new();
    // The SOA records seen: the opening one, then the closing one.
    let mut soa_records = 0;
    let mut responses = client.zone_transfer(apex.clone(), None);
    let result = loop {
        match tokio::time::timeout_at(deadline, responses.next()).await {
            Err(_) => break Err(crate::msg!("dns-axfr-timeout")),
            Ok(None) if soa_records >= 2 => break Ok(()),
            Ok(None) => break Err(crate::msg!("dns-axfr-incomplete")),
            Ok(Some(Err(e))) => break Err(describe(&e)),
            Ok(Some(Ok(response))) => {
                if response.metadata.response_code != ResponseCode::NoError {
                    break Err(crate::msg!(
                        "dns-server-answers",
                        code = response.metadata.response_code.to_string()
                    ));
                }
                for record in &response.answers {
                    let soa = record.record_type() == RecordType::SOA;
                    if soa_records == 0 && !soa {
                        break;
                    }
                    soa_records += usize::from(soa);
                    names.insert(Live::of(&record.name.to_ascii(), &record.data));
                }
                if soa_records == 0 {
                    break Err(crate::msg!("dns-axfr-incomplete"));
                }
                if names.len() > MAX_TRANSFER_NAMES {
                    break Err(crate::msg!("dns-axfr-too-many", max = MAX_TRANSFER_NAMES));
                }
            }
        }
    };
    task.abort();
    result.map(|()| names)
}

/// Names present in the zone that the registry does not account for. Names with a label
/// starting with `_` (service records such as `_dmarc`) and the in-zone nameservers are
/// infrastructure, not subdomains; names of `[[record]]` tables are the registry's.
pub fn unregistered(reg: &Registry, present: &BTreeSet<String>) -> Vec<Finding> {
    findings(reg, &unregistered_names(reg, present))
}

fn unregistered_names(reg: &Registry, present: &BTreeSet<String>) -> Vec<String> {
    let domain = normalize_host(&reg.regency.domain);
    let mut known: BTreeSet<String> = expected_names(reg).into_iter().map(|e| e.fqdn).collect();
    known.extend(reg.hosting.nameservers.iter().map(|n| normalize_host(n)));
    known.extend(reg.hosting.glue.keys().map(|n| normalize_host(n)));
    known.extend(reg.zone_records.iter().map(|r| r.fqdn(&domain)));
    present
        .iter()
        .filter(|n| in_zone(n, &domain) && !known.contains(*n))
        .filter(|n| !n.split('.').any(|label| label.starts_with('_')))
        .cloned()
        .collect()
}

fn findings(reg: &Registry, names: &[String]) -> Vec<Finding> {
    names
        .iter()
        .map(|n| {
            Finding::new(
                Code::DnsUnregistered,
                crate::msg!("dns-unregistered", name = n.to_string()),
            )
            .file(&reg.file)
            .help(crate::msg!("dns-unregistered-help"))
        })
        .collect()
}
