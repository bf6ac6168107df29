//! DNS records: the portal's and each entry's addresses inside the Dinas data center,
//! CNAMEs that neither stand beside addresses nor leave the zone unallowed, chain, or
//! dangle, and TTLs in a sane range.
//!
//! Works on records and the parsed [`Ranges`]; it must not parse `[hosting]` itself
//! (that is [`super::hosting`]) or judge an entry's status beyond whether it is approved.

use super::hosting::Ranges;
use super::Validator;
use crate::finding::{Code, Finding};
use crate::msg;
use crate::registry::hostname::{allowed_external, hostname_problem, in_zone, normalize_host};
use crate::registry::{Records, Status, Subdomain};
use crate::text::printable;
use std::collections::{BTreeMap, HashSet};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// TTLs outside this range are mistakes: too short floods resolvers, too long makes a
/// change (or a revocation) take days to reach readers.
pub const TTL_RANGE: std::ops::RangeInclusive<u32> = 60..=86_400;

impl Validator<'_> {
    pub(super) fn portal(&mut self, ranges: &Ranges) {
        let records = &self.reg.portal.records;
        let line = self.reg.lines.portal;
        if records.cname.is_some() {
            self.push_global(
                Finding::new(Code::RegistryRecordCnameApex, msg!("record-cname-apex"))
                    .line(line)
                    .help(msg!("record-cname-apex-help")),
            );
        }
        let mut found = Vec::new();
        check_records(
            records,
            ranges,
            &self.reg.regency.domain,
            &self.reg.hosting.cname_allow,
            &msg!("record-who-portal"),
            &mut found,
        );
        for f in found {
            self.push_global(f.line(line));
        }
    }

    pub(super) fn records(&mut self, sub: &Subdomain, ranges: &Ranges) {
        let r = &sub.records;
        let mut found = Vec::new();
        check_records(
            r,
            ranges,
            &self.reg.regency.domain,
            &self.reg.hosting.cname_allow,
            &format!("`{}`", sub.label),
            &mut found,
        );
        if sub.status == Status::Approved
            && r.a.is_empty()
            && r.aaaa.is_empty()
            && r.cname.is_none()
        {
            found.push(
                Finding::new(
                    Code::RegistryRecordMissing,
                    msg!("record-missing", label = sub.label.as_str()),
                )
                .help(msg!("record-missing-help")),
            );
        }
        for f in found {
            let f = f.line(sub.lines.records);
            self.push(f, sub);
        }
    }

    /// A CNAME pointing at another registry name that is itself a CNAME: a chain (and
    /// perhaps a loop) that resolvers follow at a cost, and that breaks when one link goes.
    pub(super) fn cname_chains(&mut self) {
        let domain = self.reg.regency.domain.to_ascii_lowercase();
        let cnames: BTreeMap<String, &Subdomain> = self
            .reg
            .subdomains
            .iter()
            .filter(|s| s.records.cname.is_some())
            .map(|s| (format!("{}.{domain}", s.label.to_ascii_lowercase()), s))
            .collect();
        for sub in cnames.values() {
            let target = normalize_host(sub.records.cname.as_deref().unwrap_or(""));
            if let Some(next) = cnames.get(&target) {
                let what = if next.label == sub.label {
                    "itself"
                } else {
                    "other"
                };
                let f = Finding::new(
                    Code::RegistryRecordCnameChain,
                    msg!(
                        "record-cname-chain",
                        label = sub.label.as_str(),
                        target = target.as_str(),
                        what = what
                    ),
                )
                .line(sub.lines.records)
                .help(msg!("record-cname-chain-help"));
                self.push(f, sub);
            }
        }
    }

    /// An approved CNAME to a name inside the zone that the zone will not hold: the zone
    /// is made from the registry alone, so the target must be the apex, `www`, or an
    /// approved name of the registry; anything else dangles from the day it is published.
    pub(super) fn cname_targets(&mut self) {
        let domain = normalize_host(&self.reg.regency.domain);
        let held: HashSet<String> = self
            .reg
            .subdomains
            .iter()
            .filter(|s| s.status == Status::Approved)
            .map(|s| format!("{}.{domain}", s.label.to_ascii_lowercase()))
            .chain([domain.clone(), format!("www.{domain}")])
            .collect();
        for sub in self
            .reg
            .subdomains
            .iter()
            .filter(|s| s.status == Status::Approved)
        {
            let Some(target) = sub.records.cname.as_deref().map(normalize_host) else {
                continue;
            };
            if in_zone(&target, &domain) && !held.contains(&target) {
                let f = Finding::new(
                    Code::RegistryRecordCnameDangling,
                    msg!(
                        "record-cname-dangling",
                        label = sub.label.as_str(),
                        target = target.as_str()
                    ),
                )
                .line(sub.lines.records)
                .help(msg!("record-cname-dangling-help"));
                self.push(f, sub);
            }
        }
    }
}

/// Checks one set of records; findings have no line yet.
fn check_records(
    r: &Records,
    ranges: &Ranges,
    domain: &str,
    cname_allow: &[String],
    who: &str,
    out: &mut Vec<Finding>,
) {
    check_addresses(r, ranges, who, out);
    if let Some(target) = &r.cname {
        check_cname(r, target, domain, cname_allow, who, out);
    }
    if let Some(ttl) = r.ttl.filter(|t| !TTL_RANGE.contains(t)) {
        out.push(
            Finding::new(
                Code::RegistryRecordTtl,
                msg!(
                    "record-ttl",
                    who = who,
                    ttl = ttl.to_string(),
                    min = TTL_RANGE.start().to_string(),
                    max = TTL_RANGE.end().to_string()
                ),
            )
            .help(msg!("record-ttl-help")),
        );
    }
}

/// The A and AAAA records: each an address of its family, listed once, inside the
/// data center.
fn check_addresses(r: &Records, ranges: &Ranges, who: &str, out: &mut Vec<Finding>) {
    type Parse = fn(&str) -> Option<IpAddr>;
    let families: [(&str, &str, &str, &[String], Parse); 2] = [
        ("A", "IPv4", "ipv4", &r.a, |t| {
            t.parse::<Ipv4Addr>().ok().map(IpAddr::V4)
        }),
        ("AAAA", "IPv6", "ipv6", &r.aaaa, |t| {
            t.parse::<Ipv6Addr>().ok().map(IpAddr::V6)
        }),
    ];
    let mut seen = HashSet::new();
    for (record, family, hosting_key, texts, parse) in families {
        for text in texts {
            let Some(ip) = parse(text) else {
                out.push(Finding::new(
                    Code::RegistryRecordInvalid,
                    msg!(
                        "record-invalid-address",
                        who = who,
                        record = record,
                        value = printable(text),
                        family = family
                    ),
                ));
                continue;
            };
            if !seen.insert(ip) {
                out.push(Finding::new(
                    Code::RegistryRecordDuplicate,
                    msg!(
                        "record-duplicate",
                        who = who,
                        record = record,
                        ip = ip.to_string()
                    ),
                ));
            }
            let inside = match ip {
                IpAddr::V4(v4) => ranges.contains_v4(v4),
                IpAddr::V6(v6) => ranges.contains_v6(v6),
            };
            if !inside {
                out.push(outside(who, &ip.to_string(), hosting_key));
            }
        }
    }
}

/// A CNAME: a host name, inside the zone or allowed outside it, alone on its name.
fn check_cname(
    r: &Records,
    target: &str,
    domain: &str,
    cname_allow: &[String],
    who: &str,
    out: &mut Vec<Finding>,
) {
    if let Some(why) = hostname_problem(target) {
        out.push(Finding::new(
            Code::RegistryRecordInvalid,
            msg!(
                "record-cname-invalid",
                who = who,
                target = printable(target),
                why = why
            ),
        ));
    } else if !in_zone(target, domain) && !allowed_external(target, cname_allow) {
        out.push(
            Finding::new(
                Code::RegistryRecordCnameExternal,
                msg!(
                    "record-cname-external",
                    who = who,
                    target = target,
                    domain = domain
                ),
            )
            .help(msg!("record-cname-external-help")),
        );
    }
    if !r.a.is_empty() || !r.aaaa.is_empty() {
        out.push(
            Finding::new(
                Code::RegistryRecordCnameConflict,
                msg!("record-cname-conflict", who = who),
            )
            .help(msg!("record-cname-conflict-help")),
        );
    }
}

fn outside(who: &str, ip: &str, family: &str) -> Finding {
    Finding::new(
        Code::RegistryRecordOutsideDatacenter,
        msg!("record-outside", who = who, ip = ip),
    )
    .help(msg!("record-outside-help", family = family))
}
