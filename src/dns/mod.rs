//! `laman dns check`: what resolves on the internet compared with what the Dinas approved.
//!
//! In layers, each usable without the one above, and [`check`] calling them in order:
//! - [`probe`](mod@probe) (`probe.rs`): each nameserver is asked for the zone's SOA and NS directly,
//!   with no resolver in between: whether it answers at all, whether it answers as an
//!   authority, its serial and NS set ([`Probe`]).
//! - [`observe`] (`lookup.rs`): the apex, `www` and every registered subdomain, whatever
//!   its status, are looked up (CNAME chain, then A and AAAA at its end) through a
//!   hickory resolver aimed only at the authoritative servers that answered (with
//!   `--nameserver`) or at the system's resolver (without) ([`Observed`]).
//! - [`compare`](mod@compare) (`compare.rs`): pure; the observations against the registry, as
//!   findings (`dns.nameserver.*`, `dns.mismatch`, `dns.missing`, `dns.cname-*`, ...).
//! - [`unregistered`] (`transfer.rs`): with `--zone-transfer`, the zone by AXFR and the
//!   names in it the registry does not account for.
//! - `records.rs`: the records the live zone has and the registry lacks (mail, SPF,
//!   DMARC, CAA...), from the transfer or, without one, by asking for the common ones.
//!
//! With `--nameserver`, every query goes to those servers and nowhere else, so a CNAME
//! target outside the regency zone is only followed if those servers answer for it.
//! Every query has a timeout and a bounded number of attempts; nothing waits forever.
//! This module knows the registry and asks a resolver; nothing here prints or exits.

mod compare;
mod lookup;
mod probe;
mod records;
mod takeover;
mod transfer;

use crate::finding::{Code, Finding};
use crate::registry::hostname::normalize_host;
use crate::registry::validate::Ranges;
use crate::registry::{Records, Registry, Status};
use compare::hosting_finding;
use hickory_resolver::proto::rr::Name;
use hickory_resolver::TokioResolver;
use std::collections::BTreeSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::str::FromStr;
use std::time::Duration;

pub use compare::compare;
pub use lookup::observe;
pub use probe::probe;
pub use takeover::takeover_platform;
pub use transfer::unregistered;

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

/// What the nameservers said, before any name is looked up: the input of
/// [`compare::nameservers`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Nameservers {
    /// `[hosting] nameservers` whose address was not found (system resolver only): the
    /// name, and why.
    pub without_address: Vec<(String, String)>,
    /// Each server asked, in order: its label (the address, or `name (ip)`), its address,
    /// and what it said.
    pub asked: Vec<(String, SocketAddr, Probe)>,
}

impl Nameservers {
    /// The servers that answered with authority, in the order asked.
    fn authoritative(&self) -> Vec<SocketAddr> {
        self.asked
            .iter()
            .filter(|(_, _, probe)| matches!(probe, Probe::Authoritative { .. }))
            .map(|(_, addr, _)| *addr)
            .collect()
    }
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
        // A suspended name stays in the zone at the Dinas's web server (its notice).
        records: if s.status == Status::Suspended {
            crate::hosting::zone::suspended_records(reg)
        } else {
            s.records.clone()
        },
        line: s.line,
        site: Some(s.label.clone()),
    }));
    names
}

/// Runs the whole check. Blocking: it runs a runtime of its own (`crate::runtime`).
pub fn check(
    reg: &Registry,
    options: &Options,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> std::io::Result<Outcome> {
    let runtime = crate::runtime::new()?;
    let mut out = Outcome::default();
    if let Err(stop) = runtime.block_on(check_steps(reg, options, progress, &mut out)) {
        out.findings.push(stop);
    }
    crate::finding::sort(&mut out.findings);
    Ok(out)
}

/// The check in order: probe the nameservers, look every name up, compare, and transfer
/// the zone if asked. A step after which nothing more can be learnt ends the check with
/// its finding (`Err`); what was found before it stays in `out`.
async fn check_steps(
    reg: &Registry,
    options: &Options,
    progress: &(dyn Fn(usize, usize) + Sync),
    out: &mut Outcome,
) -> Result<(), Finding> {
    let domain = normalize_host(&reg.regency.domain);
    let apex = Name::from_str(&format!("{domain}.")).map_err(|_| {
        hosting_finding(
            reg,
            Code::DnsQueryFailed,
            crate::msg!("dns-bad-domain", domain = domain.to_string()),
        )
    })?;
    let system = system_resolver(reg, options)?;

    // 1. Probe: each nameserver asked directly.
    let nameservers = probe_nameservers(reg, options, system.as_ref(), &apex).await;
    out.nameservers = nameservers.asked.len();
    out.findings.extend(compare::nameservers(reg, &nameservers));
    let authoritative = nameservers.authoritative();

    // 2. Look up: every name, through the system's resolver or the authoritative servers.
    let resolver = match system {
        Some(system) => system,
        None => direct_resolver(reg, &authoritative, options)?,
    };
    let names = expected_names(reg);
    out.names = names.len();
    let direct = !options.nameservers.is_empty();
    let concurrency = options.concurrency;
    let observed =
        lookup::observe_all(&resolver, names, &domain, direct, concurrency, progress).await;

    // 3. Compare: each name's answers with the registry.
    let ranges = Ranges::of(reg);
    for (expected, seen) in &observed {
        out.findings.extend(compare(reg, &ranges, expected, seen));
    }

    // 4. What the live zone has and the registry does not: by zone transfer if asked
    // (and then also the names nobody registered), else, or when the server refuses
    // the transfer, by asking for the common records.
    let mut transferred = false;
    if options.zone_transfer {
        let first = authoritative.first().copied();
        let (found, done) = transfer::check_transfer(reg, first, &apex, options.timeout).await;
        out.findings.extend(found);
        transferred = done;
    }
    if !transferred {
        let live = records::ask_common(&resolver, reg, concurrency).await;
        let judged = names_judged(reg);
        out.findings.extend(records::missing(reg, &live, &judged));
    }
    Ok(())
}

/// The names whose addresses and aliases [`compare()`] judges.
fn names_judged(reg: &Registry) -> BTreeSet<String> {
    expected_names(reg).into_iter().map(|e| e.fqdn).collect()
}

/// Without `--nameserver`, the system's resolver, which then finds the nameservers and
/// looks the names up; with it, `None`.
fn system_resolver(reg: &Registry, options: &Options) -> Result<Option<TokioResolver>, Finding> {
    if !options.nameservers.is_empty() {
        return Ok(None);
    }
    lookup::system_resolver(options).map(Some).map_err(|e| {
        hosting_finding(
            reg,
            Code::DnsNameserverUnreachable,
            crate::msg!("dns-system-resolver", reason = e.to_string()),
        )
        .help(crate::msg!("dns-system-resolver-help"))
    })
}

/// Asks each nameserver directly: the `--nameserver` addresses, or else the addresses
/// of `[hosting] nameservers` found through the system's resolver. All at once.
async fn probe_nameservers(
    reg: &Registry,
    options: &Options,
    system: Option<&TokioResolver>,
    apex: &Name,
) -> Nameservers {
    let (servers, without_address) = match system {
        None => {
            let given = options.nameservers.iter().map(|a| (a.to_string(), *a));
            (given.collect(), Vec::new())
        }
        Some(resolver) => lookup::nameserver_addresses(resolver, &reg.hosting.nameservers).await,
    };
    let addrs: Vec<SocketAddr> = servers.iter().map(|(_, addr)| *addr).collect();
    let probes = probe::probe_all(&addrs, apex, options.timeout).await;
    let asked = servers
        .into_iter()
        .zip(probes)
        .map(|((label, addr), probe)| (label, addr, probe))
        .collect();
    Nameservers {
        without_address,
        asked,
    }
}

/// With `--nameserver`, a resolver that asks only the servers that answered with
/// authority; none, or one that cannot be made, ends the check.
fn direct_resolver(
    reg: &Registry,
    authoritative: &[SocketAddr],
    options: &Options,
) -> Result<TokioResolver, Finding> {
    if authoritative.is_empty() {
        return Err(hosting_finding(
            reg,
            Code::DnsNameserverUnreachable,
            crate::msg!("dns-no-authority"),
        ));
    }
    lookup::direct_resolver(authoritative, options).map_err(|e| {
        hosting_finding(
            reg,
            Code::DnsQueryFailed,
            crate::msg!("dns-cannot-query", reason = e.to_string()),
        )
    })
}

/// Parses `IP` or `IP:PORT` (`[v6]:PORT` for IPv6 with a port); port 53 by default.
pub fn parse_nameserver(text: &str) -> Result<SocketAddr, String> {
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Ok(addr);
    }
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Ok(SocketAddr::new(ip, 53));
    }
    Err(crate::msg!("dns-bad-nameserver", text = text))
}

#[cfg(test)]
mod tests;
