//! `laman dns check`: what resolves on the internet compared with what the Dinas approved.
//!
//! Two kinds of work:
//! - **The nameservers** ([`probe`]): each is asked for the zone's SOA directly (no
//!   resolver in between), which tells whether it answers at all
//!   (`dns.nameserver.unreachable`), whether it answers as an authority
//!   (`dns.nameserver.lame`), and its serial; the NS set at the apex is compared with
//!   `[hosting] nameservers` (`dns.mismatch`).
//! - **The names** ([`observe`]): the apex, `www` and every registered subdomain, whatever
//!   its status, are looked up (CNAME chain, then A and AAAA at its end) through a
//!   hickory resolver aimed only at the authoritative servers that answered (with
//!   `--nameserver`) or at the system's resolver (without), then compared with the
//!   registry by [`compare`], a pure function.
//!
//! With `--nameserver`, every query goes to those servers and nowhere else, so a CNAME
//! target outside the regency zone is only followed if those servers answer for it.
//! Every query has a timeout and a bounded number of attempts; nothing waits forever.

mod takeover;

use crate::finding::{Code, Finding};
use crate::registry::validate::{allowed_external, in_zone, normalize_host, Ranges};
use crate::registry::{Records, Registry, Status};
use futures_util::StreamExt;
use hickory_resolver::config::{ConnectionConfig, NameServerConfig, ResolverConfig, ResolverOpts};
use hickory_resolver::net::client::{Client, ClientHandle};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::tcp::TcpClientStream;
use hickory_resolver::net::udp::UdpClientStream;
use hickory_resolver::net::NetError;
use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::proto::rr::{DNSClass, Name, RData, RecordType};
use hickory_resolver::{Resolver, TokioResolver};
use std::collections::{BTreeMap, BTreeSet};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

pub use takeover::takeover_platform;

/// The longest CNAME chain followed before giving up (a loop, or a misconfiguration).
pub const MAX_CHAIN: usize = 8;

pub struct Options {
    /// Servers to ask, and only these; empty: the system's resolver configuration.
    pub nameservers: Vec<SocketAddr>,
    /// How long one query may take.
    pub timeout: Duration,
    /// How many names are looked up at the same time.
    pub concurrency: usize,
    /// Ask for the whole zone (AXFR) and report names the registry does not know.
    pub zone_transfer: bool,
}

/// What a check found, and how much it looked at.
#[derive(Debug, Default)]
pub struct Outcome {
    pub findings: Vec<Finding>,
    pub names: usize,
    pub nameservers: usize,
}

/// A name to look up, and what the registry says of it.
#[derive(Debug, Clone)]
pub struct Expected {
    pub fqdn: String,
    /// `None` for the apex and www (always published).
    pub status: Option<Status>,
    pub records: Records,
    /// Where the name is in domains.toml, and its label (for findings).
    pub line: usize,
    pub site: Option<String>,
}

/// What DNS says of one name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Observed {
    /// The CNAME targets in order (empty: no CNAME at the name).
    pub chain: Vec<String>,
    /// The chain did not end within [`MAX_CHAIN`] hops, or came back to a name in it.
    pub chain_loops: bool,
    /// The name at the end of the chain does not exist (NXDOMAIN) or has no address.
    pub dangling: bool,
    pub a: BTreeSet<Ipv4Addr>,
    pub aaaa: BTreeSet<Ipv6Addr>,
    /// A query that failed for another reason than "no such name / no such record".
    pub failure: Option<String>,
}

impl Observed {
    pub fn resolves(&self) -> bool {
        !self.chain.is_empty() || !self.a.is_empty() || !self.aaaa.is_empty()
    }
}

/// What one nameserver said when asked for the zone's SOA.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Probe {
    Authoritative { serial: u32, ns: BTreeSet<String> },
    Lame,
    Unreachable(String),
}

/// The names the registry speaks of: apex, www, and every subdomain.
pub fn expected_names(reg: &Registry) -> Vec<Expected> {
    let domain = normalize_host(&reg.regency.domain);
    let mut names = vec![
        Expected {
            fqdn: domain.clone(),
            status: None,
            records: reg.portal.records.clone(),
            line: reg.lines.portal,
            site: Some("portal".into()),
        },
        Expected {
            fqdn: format!("www.{domain}"),
            status: None,
            records: Records {
                cname: Some(domain.clone()),
                ..Records::default()
            },
            line: reg.lines.portal,
            site: Some("portal".into()),
        },
    ];
    names.extend(reg.subdomains.iter().map(|s| Expected {
        fqdn: reg.fqdn(&s.label).to_ascii_lowercase(),
        status: Some(s.status),
        records: s.records.clone(),
        line: s.line,
        site: Some(s.label.clone()),
    }));
    names
}

/// Runs the whole check. Blocking: it runs its own small tokio runtime.
pub fn check(
    reg: &Registry,
    options: &Options,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> std::io::Result<Outcome> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    Ok(runtime.block_on(check_async(reg, options, progress)))
}

async fn check_async(
    reg: &Registry,
    options: &Options,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Outcome {
    let mut out = Outcome::default();
    let file = reg.file.clone();
    let hosting_finding = |code: Code, message: String| {
        Finding::new(code, message)
            .file(&file)
            .line(reg.lines.hosting)
    };
    let domain = normalize_host(&reg.regency.domain);
    let Ok(apex) = Name::from_str(&format!("{domain}.")) else {
        out.findings.push(hosting_finding(
            Code::DnsQueryFailed,
            format!("`{domain}` is not a domain name that can be looked up"),
        ));
        return out;
    };

    // The servers to probe: those given, or the addresses of [hosting] nameservers.
    let system = if options.nameservers.is_empty() {
        match system_resolver(options) {
            Ok(r) => Some(r),
            Err(e) => {
                out.findings.push(
                    hosting_finding(
                        Code::DnsNameserverUnreachable,
                        format!("the system's resolver configuration cannot be used: {e}"),
                    )
                    .help("give the servers to ask with --nameserver IP[:PORT]"),
                );
                return out;
            }
        }
    } else {
        None
    };
    let servers: Vec<(String, SocketAddr)> = match &system {
        None => options
            .nameservers
            .iter()
            .map(|a| (a.to_string(), *a))
            .collect(),
        Some(resolver) => {
            let mut servers = Vec::new();
            for ns in &reg.hosting.nameservers {
                match resolver.lookup_ip(format!("{}.", normalize_host(ns))).await {
                    Ok(ips) => servers.extend(
                        ips.iter()
                            .map(|ip| (format!("{ns} ({ip})"), SocketAddr::new(ip, 53))),
                    ),
                    Err(e) => out.findings.push(hosting_finding(
                        Code::DnsNameserverUnreachable,
                        format!("nameserver `{ns}` has no address: {}", describe(&e)),
                    )),
                }
            }
            servers
        }
    };
    out.nameservers = servers.len();

    // Probe them all at once.
    let probes = futures_util::future::join_all(
        servers
            .iter()
            .map(|(_, addr)| probe(*addr, &apex, options.timeout)),
    )
    .await;
    let mut authoritative = Vec::new();
    let mut serials = BTreeMap::new();
    let wanted: BTreeSet<String> = reg
        .hosting
        .nameservers
        .iter()
        .map(|n| normalize_host(n))
        .collect();
    for ((label, addr), result) in servers.iter().zip(probes) {
        match result {
            Probe::Authoritative { serial, ns } => {
                authoritative.push(*addr);
                serials.insert(label.clone(), serial);
                if ns != wanted {
                    out.findings.push(hosting_finding(
                        Code::DnsMismatch,
                        format!(
                            "the NS set of {domain} is {}; the registry says {}",
                            list(&ns),
                            list(&wanted)
                        ),
                    ).help("make the zone's NS records and [hosting] nameservers agree"));
                }
            }
            Probe::Lame => out.findings.push(hosting_finding(
                Code::DnsNameserverLame,
                format!("nameserver {label} answers for {domain} without authority (lame delegation)"),
            ).help("load the zone on this server, or take it out of the delegation")),
            Probe::Unreachable(why) => out.findings.push(hosting_finding(
                Code::DnsNameserverUnreachable,
                format!("nameserver {label} {why}"),
            )),
        }
    }
    let distinct: BTreeSet<u32> = serials.values().copied().collect();
    if distinct.len() > 1 {
        let each: Vec<String> = serials
            .iter()
            .map(|(l, s)| format!("{l} has {s}"))
            .collect();
        out.findings.push(
            hosting_finding(
                Code::DnsMismatch,
                format!(
                    "the nameservers disagree on the SOA serial: {}",
                    each.join(", ")
                ),
            )
            .help("a secondary has not transferred the latest zone: check NOTIFY and transfers"),
        );
    }

    // The resolver for the names: only servers that answered as an authority.
    let resolver = match system {
        Some(r) => r,
        None if authoritative.is_empty() => {
            out.findings.push(hosting_finding(
                Code::DnsNameserverUnreachable,
                "no nameserver answered with authority: the names were not checked".into(),
            ));
            return out;
        }
        None => match direct_resolver(&authoritative, options) {
            Ok(r) => r,
            Err(e) => {
                out.findings.push(hosting_finding(
                    Code::DnsQueryFailed,
                    format!("cannot query the nameservers: {e}"),
                ));
                return out;
            }
        },
    };

    let names = expected_names(reg);
    out.names = names.len();
    let direct = !options.nameservers.is_empty();
    let done = AtomicUsize::new(0);
    let total = names.len();
    progress(0, total);
    let observed: Vec<(Expected, Observed)> = futures_util::stream::iter(names)
        .map(|expected| {
            let resolver = &resolver;
            let domain = &domain;
            let done = &done;
            async move {
                let seen = observe(resolver, &expected.fqdn, domain, direct).await;
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                (expected, seen)
            }
        })
        .buffer_unordered(options.concurrency.max(1))
        .collect()
        .await;
    let ranges = Ranges::of(reg);
    for (expected, seen) in &observed {
        out.findings.extend(compare(reg, &ranges, expected, seen));
    }

    if options.zone_transfer {
        match authoritative.first() {
            None => out.findings.push(hosting_finding(
                Code::DnsNameserverUnreachable,
                "--zone-transfer needs a nameserver that answers with authority; none did".into(),
            )),
            Some(addr) => match transfer(*addr, &apex, options.timeout).await {
                Ok(present) => out.findings.extend(unregistered(reg, &present)),
                Err(why) => out.findings.push(
                    hosting_finding(
                        Code::DnsNameserverUnreachable,
                        format!("zone transfer (AXFR) of {domain} from {addr} failed: {why}"),
                    )
                    .help(
                        "allow AXFR from this machine on the primary, or leave out --zone-transfer",
                    ),
                ),
            },
        }
    }
    crate::finding::sort(&mut out.findings);
    out
}

fn list(set: &BTreeSet<String>) -> String {
    if set.is_empty() {
        "empty".into()
    } else {
        set.iter().cloned().collect::<Vec<_>>().join(", ")
    }
}

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

fn system_resolver(options: &Options) -> Result<TokioResolver, NetError> {
    let mut builder = Resolver::builder_tokio()?;
    let defaults = builder.options_mut().clone();
    let mut opts = options_for(options);
    opts.recursion_desired = defaults.recursion_desired;
    builder.with_options(opts).build()
}

fn direct_resolver(servers: &[SocketAddr], options: &Options) -> Result<TokioResolver, NetError> {
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
            Ok(Err(e)) => {
                return Err(format!(
                    "truncated its answer and refuses TCP: {}",
                    describe(&e)
                ))
            }
            Err(_) => return Err("truncated its answer and TCP timed out".into()),
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
        ResponseCode::Refused => Err(format!("refuses to answer for {name}")),
        code => Err(format!("answers {code} for {name}")),
    }
}

async fn ask(
    client: &mut Client<TokioRuntimeProvider>,
    name: &Name,
    kind: RecordType,
    timeout: Duration,
) -> Result<hickory_resolver::proto::op::DnsResponse, String> {
    match tokio::time::timeout(timeout, client.query(name.clone(), DNSClass::IN, kind)).await {
        Err(_) => Err(format!("does not answer within {} ms", timeout.as_millis())),
        Ok(Err(e)) => Err(describe(&e)),
        Ok(Ok(r)) => Ok(r),
    }
}

/// A resolver error in words, without the library's internal structure.
fn describe(e: &NetError) -> String {
    let text = e.to_string();
    if e.is_no_records_found() {
        "no such record".into()
    } else if text.contains("timed out") || text.contains("timeout") {
        "does not answer (timed out)".into()
    } else if text.contains("decoding error") || text.contains("protocol error") {
        format!("sends an answer that is not a valid DNS message ({text})")
    } else if e.is_connection_closed() || text.contains("refused") {
        format!("is not reachable ({text})")
    } else {
        text
    }
}

enum Lookup<T> {
    Found(Vec<T>),
    NoSuchName,
    NoRecords,
    /// A server for another zone declined (only with --nameserver): nothing is known.
    Unknown,
    Failed(String),
}

async fn lookup(resolver: &TokioResolver, name: &str, kind: RecordType) -> Lookup<RData> {
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
        Err(e) => Lookup::Failed(format!("{kind} query for {name}: {}", describe(&e))),
    }
}

/// Looks one name up: its CNAME chain, then the addresses at the end of it.
pub async fn observe(resolver: &TokioResolver, fqdn: &str, domain: &str, direct: bool) -> Observed {
    let mut seen = Observed::default();
    let mut current = normalize_host(fqdn);
    let mut visited = BTreeSet::from([current.clone()]);
    loop {
        if seen.chain.len() >= MAX_CHAIN {
            seen.chain_loops = true;
            return seen;
        }
        match lookup(resolver, &current, RecordType::CNAME).await {
            Lookup::Found(records) => {
                let Some(target) = records.iter().find_map(|r| match r {
                    RData::CNAME(c) => Some(normalize_host(&c.0.to_ascii())),
                    _ => None,
                }) else {
                    break;
                };
                seen.chain.push(target.clone());
                if !visited.insert(target.clone()) {
                    seen.chain_loops = true;
                    return seen;
                }
                current = target;
            }
            Lookup::NoSuchName => {
                seen.dangling = !seen.chain.is_empty();
                return seen;
            }
            Lookup::NoRecords => break,
            Lookup::Unknown => {
                // With --nameserver, a server of the regency does not answer for other
                // zones: the end of the chain cannot be looked at.
                if !seen.chain.is_empty() && direct && !in_zone(&current, domain) {
                    return seen;
                }
                seen.failure = Some(format!("the query for {current} was refused"));
                return seen;
            }
            Lookup::Failed(why) => {
                seen.failure = Some(why);
                return seen;
            }
        }
    }
    let (a, aaaa) = tokio::join!(
        lookup(resolver, &current, RecordType::A),
        lookup(resolver, &current, RecordType::AAAA)
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
    seen
}

/// The findings for one name: what DNS says against what the registry says. Pure.
pub fn compare(
    reg: &Registry,
    ranges: &Ranges,
    expected: &Expected,
    seen: &Observed,
) -> Vec<Finding> {
    let domain = normalize_host(&reg.regency.domain);
    let name = &expected.fqdn;
    let mut out = Vec::new();
    let mut push = |code: Code, message: String, help: &str| {
        let mut f = Finding::new(code, message)
            .file(&reg.file)
            .line(expected.line);
        if let Some(site) = &expected.site {
            f = f.site(site);
        }
        if !help.is_empty() {
            f = f.help(help);
        }
        out.push(f);
    };
    if let Some(why) = &seen.failure {
        push(
            Code::DnsQueryFailed,
            why.clone(),
            "look at the nameserver's logs; run the check again",
        );
        return out;
    }

    // Facts about any CNAME found, whatever the name's status.
    for target in &seen.chain {
        if !in_zone(target, &domain) && !allowed_external(target, &reg.hosting.cname_allow) {
            push(
                Code::DnsCnameExternal,
                format!("{name} is a CNAME to {target}, outside {domain} and not in cname_allow"),
                "point it into the Dinas data center, or have the Dinas add the target to [hosting] cname_allow",
            );
        }
        if let Some(platform) = takeover_platform(target) {
            push(
                Code::DnsCnameTakeover,
                format!("{name} is a CNAME to {target} on {platform}, where an unclaimed name can be taken over by anyone"),
                "remove the CNAME, or host the service in the Dinas data center",
            );
        }
    }
    if seen.chain_loops {
        push(
            Code::DnsCnameDangling,
            format!(
                "the CNAME chain of {name} loops or is longer than {MAX_CHAIN}: {}",
                seen.chain.join(" → ")
            ),
            "fix the CNAME records so that the chain ends at an address",
        );
    } else if seen.dangling {
        push(
            Code::DnsCnameDangling,
            format!(
                "{name} is a CNAME to {}, which does not resolve",
                seen.chain.last().map_or("", |s| s)
            ),
            "remove the CNAME or restore its target: a dangling CNAME invites a subdomain takeover",
        );
    }

    match expected.status {
        Some(Status::Approved) | None => {}
        Some(status) => {
            if seen.resolves() {
                push(
                    Code::DnsRevokedResolves,
                    format!(
                        "{name} is {} in the registry but still resolves ({})",
                        status.as_str(),
                        describe_seen(seen)
                    ),
                    "remove its records from the zone: only approved names may resolve",
                );
            }
            return out;
        }
    }

    if !seen.resolves() {
        push(
            Code::DnsMissing,
            format!("{name} is approved but has no A, AAAA or CNAME record"),
            "load the zone from `laman domains zone` on the nameservers",
        );
        return out;
    }

    // Addresses outside the data center are one finding; other differences another.
    let outside: Vec<String> = seen
        .a
        .iter()
        .filter(|ip| !ranges.contains_v4(**ip))
        .map(|ip| ip.to_string())
        .chain(
            seen.aaaa
                .iter()
                .filter(|ip| !ranges.contains_v6(**ip))
                .map(|ip| ip.to_string()),
        )
        .collect();
    // Addresses at the end of an allowed external CNAME are outside by definition.
    let ends_in_zone = seen.chain.last().is_none_or(|t| in_zone(t, &domain));
    if ends_in_zone && !outside.is_empty() {
        push(
            Code::DnsOutsideDatacenter,
            format!(
                "{name} resolves to {} outside the Dinas data center",
                outside.join(", ")
            ),
            "every address must lie in [hosting] ipv4/ipv6: fix the zone",
        );
    }
    let expected_desc = describe_records(&expected.records);
    let differs = if let Some(cname) = &expected.records.cname {
        // www may also carry the apex's own addresses instead of a CNAME.
        let is_www_with_apex_addresses = expected.status.is_none()
            && seen.chain.is_empty()
            && addresses(&reg.portal.records) == (seen.a.clone(), seen.aaaa.clone());
        seen.chain.first().map(|t| normalize_host(t)) != Some(normalize_host(cname))
            && !is_www_with_apex_addresses
    } else {
        let (a, aaaa) = addresses(&expected.records);
        let inside = |s: &Observed| {
            (
                s.a.iter()
                    .copied()
                    .filter(|ip| ranges.contains_v4(*ip))
                    .collect::<BTreeSet<_>>(),
                s.aaaa
                    .iter()
                    .copied()
                    .filter(|ip| ranges.contains_v6(*ip))
                    .collect::<BTreeSet<_>>(),
            )
        };
        let (seen_a, seen_aaaa) = inside(seen);
        !seen.chain.is_empty() || seen_a != a || seen_aaaa != aaaa
    };
    if differs {
        push(
            Code::DnsMismatch,
            format!(
                "{name}: the registry says {expected_desc}; DNS has {}",
                describe_seen(seen)
            ),
            "load the zone from `laman domains zone`, or correct the registry",
        );
    }
    out
}

fn addresses(records: &Records) -> (BTreeSet<Ipv4Addr>, BTreeSet<Ipv6Addr>) {
    (
        records.a.iter().filter_map(|a| a.parse().ok()).collect(),
        records.aaaa.iter().filter_map(|a| a.parse().ok()).collect(),
    )
}

fn describe_records(r: &Records) -> String {
    let mut parts = Vec::new();
    if let Some(c) = &r.cname {
        parts.push(format!("CNAME {}", normalize_host(c)));
    }
    if !r.a.is_empty() {
        parts.push(format!("A {}", r.a.join(", ")));
    }
    if !r.aaaa.is_empty() {
        parts.push(format!("AAAA {}", r.aaaa.join(", ")));
    }
    if parts.is_empty() {
        "no records".into()
    } else {
        parts.join("; ")
    }
}

fn describe_seen(s: &Observed) -> String {
    let mut parts = Vec::new();
    if !s.chain.is_empty() {
        parts.push(format!("CNAME {}", s.chain.join(" → ")));
    }
    if !s.a.is_empty() {
        parts.push(format!(
            "A {}",
            s.a.iter()
                .map(|a| a.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !s.aaaa.is_empty() {
        parts.push(format!(
            "AAAA {}",
            s.aaaa
                .iter()
                .map(|a| a.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if parts.is_empty() {
        "nothing".into()
    } else {
        parts.join("; ")
    }
}

/// The owner names of a zone, by AXFR over TCP.
async fn transfer(
    addr: SocketAddr,
    apex: &Name,
    timeout: Duration,
) -> Result<BTreeSet<String>, String> {
    let provider = TokioRuntimeProvider::default();
    let (connect, handle) = TcpClientStream::new(addr, None, Some(timeout), provider);
    let stream = match tokio::time::timeout(timeout, connect).await {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => return Err(describe(&e)),
        Err(_) => return Err("the TCP connection timed out".into()),
    };
    let (mut client, bg) = Client::<TokioRuntimeProvider>::with_timeout(stream, handle, timeout);
    let task = tokio::spawn(bg);
    let mut names = BTreeSet::new();
    let mut responses = client.zone_transfer(apex.clone(), None);
    // A whole transfer may take longer than one query, but never without bound.
    let deadline = tokio::time::Instant::now() + timeout * 10;
    let result = loop {
        match tokio::time::timeout_at(deadline, responses.next()).await {
            Err(_) => break Err("the transfer did not finish in time".to_string()),
            Ok(None) => break Ok(()),
            Ok(Some(Err(e))) => break Err(describe(&e)),
            Ok(Some(Ok(response))) => {
                if response.metadata.response_code != ResponseCode::NoError {
                    break Err(format!(
                        "the server answers {}",
                        response.metadata.response_code
                    ));
                }
                names.extend(
                    response
                        .answers
                        .iter()
                        .map(|r| normalize_host(&r.name.to_ascii())),
                );
            }
        }
    };
    task.abort();
    result.map(|()| names)
}

/// Names present in the zone that the registry does not account for. Names with a label
/// starting with `_` (service records such as `_dmarc`) and the in-zone nameservers are
/// infrastructure, not subdomains.
pub fn unregistered(reg: &Registry, present: &BTreeSet<String>) -> Vec<Finding> {
    let domain = normalize_host(&reg.regency.domain);
    let mut known: BTreeSet<String> = expected_names(reg).into_iter().map(|e| e.fqdn).collect();
    known.extend(reg.hosting.nameservers.iter().map(|n| normalize_host(n)));
    known.extend(reg.hosting.glue.keys().map(|n| normalize_host(n)));
    present
        .iter()
        .filter(|n| in_zone(n, &domain) && !known.contains(*n))
        .filter(|n| !n.split('.').any(|label| label.starts_with('_')))
        .map(|n| {
            Finding::new(
                Code::DnsUnregistered,
                format!("{n} is in the zone but not in the registry"),
            )
            .file(&reg.file)
            .help("remove it from the zone, or register it with `laman domains request`")
        })
        .collect()
}

/// Parses `IP` or `IP:PORT` (`[v6]:PORT` for IPv6 with a port); port 53 by default.
pub fn parse_nameserver(text: &str) -> Result<SocketAddr, String> {
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Ok(addr);
    }
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Ok(SocketAddr::new(ip, 53));
    }
    Err(format!(
        "`{text}` is not an IP address, IP:PORT or [IPv6]:PORT (give the server's address, not its name)"
    ))
}

#[cfg(test)]
mod tests;
