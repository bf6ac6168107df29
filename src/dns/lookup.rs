//! Looking names up through hickory's resolver: the resolver aimed at the system's
//! configuration or only at given servers, the addresses of `[hosting] nameservers`,
//! and each name's CNAME chain (at most [`MAX_CHAIN`] hops) with A and AAAA at its end.
//!
//! Raw answers only ([`Observed`]): this layer does not judge what it sees against the
//! registry and makes no findings; that is [`super::compare`](mod@super::compare)'s work.

use super::probe::describe;
use super::{Expected, Observed, Options, MAX_CHAIN};
use crate::registry::hostname::{in_zone, normalize_host};
use futures_util::StreamExt;
use hickory_resolver::config::{ConnectionConfig, NameServerConfig, ResolverConfig, ResolverOpts};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::NetError;
use hickory_resolver::proto::rr::{RData, RecordType};
use hickory_resolver::{Resolver, TokioResolver};
use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};

fn options_for(options: &Options) -> ResolverOpts {
    let mut opts = ResolverOpts::default();
    opts.timeout = options.timeout;
    opts.attempts = 2;
    opts.cache_size = 0;
    opts.try_tcp_on_error = true;
    opts.preserve_intermediates = true;
    opts.ndots = 0;
    opts
}

/// A resolver from the system's configuration (`/etc/resolv.conf`).
pub(super) fn system_resolver(options: &Options) -> Result<TokioResolver, NetError> {
    let mut builder = Resolver::builder_tokio()?;
    let defaults = builder.options_mut().clone();
    let mut opts = options_for(options);
    opts.recursion_desired = defaults.recursion_desired;
    builder.with_options(opts).build()
}

/// A resolver that asks these servers and no others, without asking for recursion.
pub(super) fn direct_resolver(
    servers: &[SocketAddr],
    options: &Options,
) -> Result<TokioResolver, NetError> {
    let configs = servers
        .iter()
        .map(|addr| {
            let mut udp = ConnectionConfig::udp();
            udp.port = addr.port();
            let mut tcp = ConnectionConfig::tcp();
            tcp.port = addr.port();
            NameServerConfig::new(addr.ip(), true, vec![udp, tcp])
        })
        .collect();
    let mut opts = options_for(options);
    opts.recursion_desired = false;
    Resolver::builder_with_config(
        ResolverConfig::from_name_servers(configs),
        TokioRuntimeProvider::default(),
    )
    .with_options(opts)
    .build()
}

/// The addresses of nameservers given by name, each labelled `name (ip)` on port 53, in
/// the order given; and the names that have none, with why.
pub(super) async fn nameserver_addresses(
    resolver: &TokioResolver,
    names: &[String],
) -> (Vec<(String, SocketAddr)>, Vec<(String, String)>) {
    let mut servers = Vec::new();
    let mut without = Vec::new();
    for ns in names {
        match resolver.lookup_ip(format!("{}.", normalize_host(ns))).await {
            Ok(ips) => servers.extend(
                ips.iter()
                    .map(|ip| (format!("{ns} ({ip})"), SocketAddr::new(ip, 53))),
            ),
            Err(e) => without.push((ns.clone(), describe(&e))),
        }
    }
    (servers, without)
}

/// Looks every name up, `concurrency` at a time, telling `progress` (done, total) as
/// each is done. The answers come back in the order they finish.
pub(super) async fn observe_all(
    resolver: &TokioResolver,
    names: Vec<Expected>,
    domain: &str,
    direct: bool,
    concurrency: usize,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<(Expected, Observed)> {
    let done = AtomicUsize::new(0);
    let total = names.len();
    progress(0, total);
    futures_util::stream::iter(names)
        .map(|expected| {
            let done = &done;
            async move {
                let seen = observe(resolver, &expected.fqdn, domain, direct).await;
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                (expected, seen)
            }
        })
        .buffer_unordered(concurrency.max(1))
        .collect()
        .await
}

pub(super) enum Lookup<T> {
    Found(Vec<T>),
    NoSuchName,
    NoRecords,
    /// A server for another zone declined (only with --nameserver): nothing is known.
    Unknown,
    Failed(String),
}

pub(super) async fn lookup(
    resolver: &TokioResolver,
    name: &str,
    kind: RecordType,
) -> Lookup<RData> {
    match resolver.lookup(format!("{name}."), kind).await {
        Ok(found) => {
            let records: Vec<RData> = found
                .answers()
                .iter()
                .filter(|r| r.record_type() == kind && normalize_host(&r.name.to_ascii()) == name)
                .map(|r| r.data.clone())
                .collect();
            if records.is_empty() {
                Lookup::NoRecords
            } else {
                Lookup::Found(records)
            }
        }
        // A refusal (REFUSED, or a refused connection) says nothing about the name.
        Err(e) if e.to_string().to_ascii_lowercase().contains("refused") => Lookup::Unknown,
        Err(e) if e.is_nx_domain() => Lookup::NoSuchName,
        Err(e) if e.is_no_records_found() => Lookup::NoRecords,
        Err(e) => Lookup::Failed(crate::msg!(
            "dns-query-failed",
            kind = kind.to_string(),
            name = name.to_string(),
            why = describe(&e)
        )),
    }
}

/// Looks one name up: its CNAME chain, then the addresses at the end of it.
pub async fn observe(resolver: &TokioResolver, fqdn: &str, domain: &str, direct: bool) -> Observed {
    let mut seen = Observed::default();
    if let Some(end) = follow_chain(resolver, fqdn, domain, direct, &mut seen).await {
        addresses_at(resolver, &end, &mut seen).await;
    }
    seen
}

/// Follows the CNAME chain from `fqdn` into `seen.chain`. Returns the name at its end,
/// or `None` when `seen` is already complete (a loop, no such name, a failure).
async fn follow_chain(
    resolver: &TokioResolver,
    fqdn: &str,
    domain: &str,
    direct: bool,
    seen: &mut Observed,
) -> Option<String> {
    let mut current = normalize_host(fqdn);
    let mut visited = BTreeSet::from([current.clone()]);
    loop {
        if seen.chain.len() >= MAX_CHAIN {
            seen.chain_loops = true;
            return None;
        }
        match lookup(resolver, &current, RecordType::CNAME).await {
            Lookup::Found(records) => {
                let Some(target) = records.iter().find_map(|r| match r {
                    RData::CNAME(c) => Some(normalize_host(&c.0.to_ascii())),
                    _ => None,
                }) else {
                    return Some(current);
                };
                seen.chain.push(target.clone());
                if !visited.insert(target.clone()) {
                    seen.chain_loops = true;
                    return None;
                }
                current = target;
            }
            Lookup::NoSuchName => {
                seen.dangling = !seen.chain.is_empty();
                return None;
            }
            Lookup::NoRecords => return Some(current),
            Lookup::Unknown => {
                // With --nameserver, a server of the regency does not answer for other
                // zones: the end of the chain cannot be looked at, and that is no failure.
                let out_of_reach = !seen.chain.is_empty() && direct && !in_zone(&current, domain);
                if !out_of_reach {
                    seen.failure = Some(crate::msg!("dns-query-refused", name = current.as_str()));
                }
                return None;
            }
            Lookup::Failed(why) => {
                seen.failure = Some(why);
                return None;
            }
        }
    }
}

/// The A and AAAA records of `name`, the end of the chain, into `seen`; a chain whose
/// end has neither is dangling.
async fn addresses_at(resolver: &TokioResolver, name: &str, seen: &mut Observed) {
    let (a, aaaa) = tokio::join!(
        lookup(resolver, name, RecordType::A),
        lookup(resolver, name, RecordType::AAAA)
    );
    let mut empty = 0;
    for answer in [a, aaaa] {
        match answer {
            Lookup::Found(records) => {
                for r in records {
                    match r {
                        RData::A(a) => {
                            seen.a.insert(a.0);
                        }
                        RData::AAAA(a) => {
                            seen.aaaa.insert(a.0);
                        }
                        _ => {}
                    }
                }
            }
            Lookup::NoSuchName | Lookup::NoRecords => empty += 1,
            Lookup::Unknown => {}
            Lookup::Failed(why) => seen.failure = Some(why),
        }
    }
    if empty == 2 && !seen.chain.is_empty() && seen.failure.is_none() {
        seen.dangling = true;
    }
}
