//! Asking each nameserver directly, with no resolver in between: the zone's SOA and NS,
//! whether the answer carries the authority bit, and refusals, in words.
//!
//! Raw observations only ([`Probe`]): this layer knows nothing of the registry and makes
//! no findings. It is also the wire for the rest of `dns`: [`describe`] puts a hickory
//! error into words for every layer above.

use super::Probe;
use crate::registry::hostname::normalize_host;
use hickory_resolver::net::client::{Client, ClientHandle};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::tcp::TcpClientStream;
use hickory_resolver::net::udp::UdpClientStream;
use hickory_resolver::net::NetError;
use hickory_resolver::proto::op::{DnsResponse, ResponseCode};
use hickory_resolver::proto::rr::{DNSClass, Name, RData, RecordType};
use std::net::SocketAddr;
use std::time::Duration;

/// Asks every server at once; the probes come back in the order of `servers`.
pub(super) async fn probe_all(
    servers: &[SocketAddr],
    apex: &Name,
    timeout: Duration,
) -> Vec<Probe> {
    futures_util::future::join_all(servers.iter().map(|addr| probe(*addr, apex, timeout))).await
}

/// Asks one server for the zone's SOA (and NS), with one retry over TCP when the UDP
/// answer is truncated.
pub async fn probe(addr: SocketAddr, apex: &Name, timeout: Duration) -> Probe {
    let soa = match query_once(addr, apex, RecordType::SOA, timeout).await {
        Ok(r) => r,
        Err(why) => return Probe::Unreachable(why),
    };
    if !soa.authoritative {
        return Probe::Lame;
    }
    let Some(serial) = soa.records.iter().find_map(|r| match r {
        RData::SOA(soa) => Some(soa.serial),
        _ => None,
    }) else {
        return Probe::Lame;
    };
    let ns = match query_once(addr, apex, RecordType::NS, timeout).await {
        Ok(r) => r
            .records
            .iter()
            .filter_map(|r| match r {
                RData::NS(ns) => Some(normalize_host(&ns.0.to_ascii())),
                _ => None,
            })
            .collect(),
        Err(why) => return Probe::Unreachable(why),
    };
    Probe::Authoritative { serial, ns }
}

struct Answer {
    authoritative: bool,
    records: Vec<RData>,
}

/// One query to one server, UDP then TCP if truncated; Err says why in words.
async fn query_once(
    addr: SocketAddr,
    name: &Name,
    kind: RecordType,
    timeout: Duration,
) -> Result<Answer, String> {
    let provider = TokioRuntimeProvider::default();
    let udp = UdpClientStream::builder(addr, provider.clone())
        .with_timeout(Some(timeout))
        .build();
    let (mut client, bg) = Client::<TokioRuntimeProvider>::from_sender(udp);
    let task = tokio::spawn(bg);
    let mut response = ask(&mut client, name, kind, timeout).await;
    task.abort();
    if matches!(&response, Ok(r) if r.metadata.truncation) {
        let (connect, handle) = TcpClientStream::new(addr, None, Some(timeout), provider);
        let stream = match tokio::time::timeout(timeout, connect).await {
            Ok(Ok(s)) => s,
            Ok(Err(e)) => return Err(crate::msg!("dns-truncated-tcp", why = describe(&e))),
            Err(_) => return Err(crate::msg!("dns-truncated-timeout")),
        };
        let (mut client, bg) =
            Client::<TokioRuntimeProvider>::with_timeout(stream, handle, timeout);
        let task = tokio::spawn(bg);
        response = ask(&mut client, name, kind, timeout).await;
        task.abort();
    }
    let response = response?;
    match response.metadata.response_code {
        ResponseCode::NoError | ResponseCode::NXDomain => Ok(Answer {
            authoritative: response.metadata.authoritative,
            records: response
                .answers
                .iter()
                .filter(|r| r.record_type() == kind)
                .map(|r| r.data.clone())
                .collect(),
        }),
        ResponseCode::Refused => Err(crate::msg!("dns-refuses", name = name.to_string())),
        code => Err(crate::msg!(
            "dns-answers-code",
            code = code.to_string(),
            name = name.to_string()
        )),
    }
}

async fn ask(
    client: &mut Client<TokioRuntimeProvider>,
    name: &Name,
    kind: RecordType,
    timeout: Duration,
) -> Result<DnsResponse, String> {
    // The client's own timeout and this one are the same length, and either may fire
    // first: both say the same, so that a silent server is described one way.
    let silent = || crate::msg!("dns-silent", ms = timeout.as_millis().to_string());
    match tokio::time::timeout(timeout, client.query(name.clone(), DNSClass::IN, kind)).await {
        Err(_) => Err(silent()),
        Ok(Err(e)) if describe(&e) == crate::msg!("dns-timed-out") => Err(silent()),
        Ok(Err(e)) => Err(describe(&e)),
        Ok(Ok(r)) => Ok(r),
    }
}

/// A resolver error in words, without the library's internal structure.
pub(super) fn describe(e: &NetError) -> String {
    let text = e.to_string();
    if e.is_no_records_found() {
        crate::msg!("dns-no-such-record")
    } else if text.contains("timed out") || text.contains("timeout") {
        crate::msg!("dns-timed-out")
    } else if text.contains("decoding error") || text.contains("protocol error") {
        crate::msg!("dns-invalid-answer", detail = text)
    } else if e.is_connection_closed() || text.contains("refused") {
        crate::msg!("dns-not-reachable", detail = text)
    } else {
        text
    }
}
