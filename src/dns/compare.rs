//! The comparison: what DNS said ([`Observed`], [`Nameservers`]) against what the
//! registry says, as findings.
//!
//! Pure: no network, no resolver, no clock. Everything it judges is handed to it, so it is
//! tested with hand-made observations (`super::tests`). It must not ask DNS anything.

use super::takeover::takeover_platform;
use super::{Expected, Nameservers, Observed, Probe, MAX_CHAIN};
use crate::finding::{Code, Finding};
use crate::msg;
use crate::registry::hostname::{allowed_external, in_zone, normalize_host};
use crate::registry::validate::Ranges;
use crate::registry::{Records, Registry, Status};
use std::collections::{BTreeMap, BTreeSet};
use std::net::{Ipv4Addr, Ipv6Addr};

/// A finding about the nameservers or the check as a whole, at `[hosting]`.
pub(super) fn hosting_finding(reg: &Registry, code: Code, message: String) -> Finding {
    Finding::new(code, message)
        .file(&reg.file)
        .line(reg.lines.hosting)
}

/// The findings for the nameservers: those without an address, each server's answer
/// (unreachable, lame, an NS set other than `[hosting] nameservers`), then serials that
/// differ between the servers.
pub(super) fn nameservers(reg: &Registry, seen: &Nameservers) -> Vec<Finding> {
    let domain = normalize_host(&reg.regency.domain);
    let wanted: BTreeSet<String> = reg
        .hosting
        .nameservers
        .iter()
        .map(|n| normalize_host(n))
        .collect();
    let mut out: Vec<Finding> = seen
        .without_address
        .iter()
        .map(|(ns, why)| {
            hosting_finding(
                reg,
                Code::DnsNameserverUnreachable,
                msg!(
                    "dns-ns-no-address",
                    ns = ns.to_string(),
                    why = why.to_string()
                ),
            )
        })
        .collect();
    let mut serials = BTreeMap::new();
    for (label, _, probe) in &seen.asked {
        match probe {
            Probe::Authoritative { serial, ns } => {
                serials.insert(label.clone(), *serial);
                if *ns != wanted {
                    out.push(
                        hosting_finding(
                            reg,
                            Code::DnsMismatch,
                            msg!(
                                "dns-ns-set",
                                domain = domain.to_string(),
                                seen = list(ns),
                                wanted = list(&wanted)
                            ),
                        )
                        .help(msg!("dns-ns-set-help")),
                    );
                }
            }
            Probe::Lame => out.push(
                hosting_finding(
                    reg,
                    Code::DnsNameserverLame,
                    msg!(
                        "dns-lame",
                        ns = label.to_string(),
                        domain = domain.to_string()
                    ),
                )
                .help(msg!("dns-lame-help")),
            ),
            Probe::Unreachable(why) => out.push(hosting_finding(
                reg,
                Code::DnsNameserverUnreachable,
                msg!(
                    "dns-ns-unreachable",
                    ns = label.to_string(),
                    why = why.to_string()
                ),
            )),
        }
    }
    out.extend(serials_disagree(reg, &serials));
    out
}

/// One finding when the servers that answered with authority have different serials.
fn serials_disagree(reg: &Registry, serials: &BTreeMap<String, u32>) -> Option<Finding> {
    let distinct: BTreeSet<u32> = serials.values().copied().collect();
    if distinct.len() <= 1 {
        return None;
    }
    let each: Vec<String> = serials
        .iter()
        .map(|(l, s)| msg!("dns-serial-each", ns = l.as_str(), serial = s.to_string()))
        .collect();
    Some(
        hosting_finding(
            reg,
            Code::DnsMismatch,
            msg!("dns-serials", each = each.join(", ")),
        )
        .help(msg!("dns-serials-help")),
    )
}

fn list(set: &BTreeSet<String>) -> String {
    if set.is_empty() {
        msg!("dns-empty")
    } else {
        shortened(set.iter().cloned())
    }
}

/// The most values (addresses, names) a finding lists: a server may answer with
/// thousands, and a finding is read by a person.
const MAX_LISTED: usize = 10;

/// Values joined with commas, at most [`MAX_LISTED`] of them and how many more.
fn shortened(values: impl ExactSizeIterator<Item = String>) -> String {
    let total = values.len();
    let mut shown: Vec<String> = values.take(MAX_LISTED).collect();
    if total > MAX_LISTED {
        shown.push(msg!("dns-and-more", count = total - MAX_LISTED));
    }
    shown.join(", ")
}

/// A finding about one name, at its line in domains.toml.
fn name_finding(
    reg: &Registry,
    expected: &Expected,
    code: Code,
    message: String,
    help: String,
) -> Finding {
    let mut f = Finding::new(code, message)
        .file(&reg.file)
        .line(expected.line)
        .help(help);
    if let Some(site) = &expected.site {
        f = f.site(site);
    }
    f
}

/// The findings for one name: what DNS says against what the registry says. Pure.
///
/// A failed query says nothing else; facts about a CNAME are reported whatever the
/// name's status; a requested, revoked or rejected name may only not resolve; an approved
/// one must resolve, inside the data center, to what the registry says, and a suspended
/// one to the portal's addresses (the Dinas's notice).
pub fn compare(
    reg: &Registry,
    ranges: &Ranges,
    expected: &Expected,
    seen: &Observed,
) -> Vec<Finding> {
    let name = &expected.fqdn;
    let finding = |code, message, help| name_finding(reg, expected, code, message, help);
    if let Some(why) = &seen.failure {
        let help = msg!("dns-query-failed-help");
        return vec![finding(Code::DnsQueryFailed, why.clone(), help)];
    }
    let mut out = cname_findings(reg, expected, seen);
    match expected.status {
        Some(Status::Approved | Status::Suspended) | None => {}
        Some(status) => {
            if seen.resolves() {
                out.push(finding(
                    Code::DnsRevokedResolves,
                    msg!(
                        "dns-revoked-resolves",
                        name = name.as_str(),
                        status = status.word(),
                        seen = describe_seen(seen)
                    ),
                    msg!("dns-revoked-resolves-help"),
                ));
            }
            return out;
        }
    }
    if !seen.resolves() {
        out.push(finding(
            Code::DnsMissing,
            msg!(
                "dns-missing",
                name = name.as_str(),
                status = expected.status.unwrap_or(Status::Approved).word()
            ),
            msg!("dns-missing-help"),
        ));
        return out;
    }
    out.extend(outside_datacenter(reg, ranges, expected, seen));
    if differs(reg, ranges, expected, seen) {
        out.push(finding(
            Code::DnsMismatch,
            msg!(
                "dns-mismatch",
                name = name.as_str(),
                wanted = describe_records(&expected.records),
                seen = describe_seen(seen)
            ),
            msg!("dns-mismatch-help"),
        ));
    }
    out
}

/// Facts about the CNAME chain, whatever the name's status: each target outside the zone
/// and not allowed, each target on a takeover-prone platform, then a loop or a dangling end.
fn cname_findings(reg: &Registry, expected: &Expected, seen: &Observed) -> Vec<Finding> {
    let domain = normalize_host(&reg.regency.domain);
    let name = &expected.fqdn;
    let finding = |code, message, help| name_finding(reg, expected, code, message, help);
    let mut out = Vec::new();
    for target in &seen.chain {
        if !in_zone(target, &domain) && !allowed_external(target, &reg.hosting.cname_allow) {
            out.push(finding(
                Code::DnsCnameExternal,
                msg!(
                    "dns-cname-external",
                    name = name.as_str(),
                    target = target.to_string(),
                    domain = domain.to_string()
                ),
                msg!("dns-cname-external-help"),
            ));
        }
        if let Some(platform) = takeover_platform(target) {
            out.push(finding(
                Code::DnsCnameTakeover,
                msg!(
                    "dns-cname-takeover",
                    name = name.as_str(),
                    target = target.to_string(),
                    platform = platform.to_string()
                ),
                msg!("dns-cname-takeover-help"),
            ));
        }
    }
    if seen.chain_loops {
        out.push(finding(
            Code::DnsCnameDangling,
            msg!(
                "dns-cname-loop",
                name = name.as_str(),
                max = MAX_CHAIN,
                chain = seen.chain.join(" → ")
            ),
            msg!("dns-cname-loop-help"),
        ));
    } else if seen.dangling {
        out.push(finding(
            Code::DnsCnameDangling,
            msg!(
                "dns-cname-dangling",
                name = name.as_str(),
                target = seen.chain.last().map_or("", |s| s)
            ),
            msg!("dns-cname-dangling-help"),
        ));
    }
    out
}

/// One finding for all the addresses outside `[hosting]`, unless the chain leaves the
/// zone (addresses at the end of an allowed external CNAME are outside by definition).
fn outside_datacenter(
    reg: &Registry,
    ranges: &Ranges,
    expected: &Expected,
    seen: &Observed,
) -> Option<Finding> {
    let domain = normalize_host(&reg.regency.domain);
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
    let ends_in_zone = seen.chain.last().is_none_or(|t| in_zone(t, &domain));
    (ends_in_zone && !outside.is_empty()).then(|| {
        name_finding(
            reg,
            expected,
            Code::DnsOutsideDatacenter,
            msg!(
                "dns-outside",
                name = expected.fqdn.as_str(),
                addresses = shortened(outside.into_iter())
            ),
            msg!("dns-outside-help"),
        )
    })
}

/// Whether DNS has other records than the registry: another CNAME target, or other
/// addresses inside the data center (those outside are [`outside_datacenter`]'s).
fn differs(reg: &Registry, ranges: &Ranges, expected: &Expected, seen: &Observed) -> bool {
    if let Some(cname) = &expected.records.cname {
        // www may also carry the apex's own addresses instead of a CNAME.
        let is_www_with_apex_addresses = expected.status.is_none()
            && seen.chain.is_empty()
            && addresses(&reg.portal.records) == (seen.a.clone(), seen.aaaa.clone());
        return seen.chain.first().map(|t| normalize_host(t)) != Some(normalize_host(cname))
            && !is_www_with_apex_addresses;
    }
    let (a, aaaa) = addresses(&expected.records);
    let seen_a: BTreeSet<Ipv4Addr> = seen
        .a
        .iter()
        .copied()
        .filter(|ip| ranges.contains_v4(*ip))
        .collect();
    let seen_aaaa: BTreeSet<Ipv6Addr> = seen
        .aaaa
        .iter()
        .copied()
        .filter(|ip| ranges.contains_v6(*ip))
        .collect();
    !seen.chain.is_empty() || seen_a != a || seen_aaaa != aaaa
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
        msg!("dns-no-records")
    } else {
        parts.join("; ")
    }
}

fn describe_seen(s: &Observed) -> String {
    let joined = |ips: Vec<String>| shortened(ips.into_iter());
    let mut parts = Vec::new();
    if !s.chain.is_empty() {
        parts.push(format!("CNAME {}", s.chain.join(" → ")));
    }
    if !s.a.is_empty() {
        parts.push(format!(
            "A {}",
            joined(s.a.iter().map(|a| a.to_string()).collect())
        ));
    }
    if !s.aaaa.is_empty() {
        parts.push(format!(
            "AAAA {}",
            joined(s.aaaa.iter().map(|a| a.to_string()).collect())
        ));
    }
    if parts.is_empty() {
        msg!("dns-nothing")
    } else {
        parts.join("; ")
    }
}
