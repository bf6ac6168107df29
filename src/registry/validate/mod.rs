//! The rules a registry must meet beyond its shape: label syntax and reservations,
//! decrees and history, official contacts, and records that stay inside the Dinas data
//! center (in the manner of DNSControl's and octoDNS's validators).
//!
//! Pure: the date and which content folders exist are given by the caller.

use super::grammar::{
    self, decree_problem, email_problem, shown, text_problem, NAME_MAX, TEXT_MAX,
};
use super::{Kind, Records, Registry, Status, Subdomain};
use crate::finding::{Code, Finding};
use ipnet::{Ipv4Net, Ipv6Net};
use jiff::civil::Date;
use std::collections::{BTreeMap, HashSet};
use std::net::{Ipv4Addr, Ipv6Addr};

/// Labels that would shadow infrastructure, or the portal's own name in content.
pub const RESERVED: &[&str] = &[
    "www",
    "mail",
    "smtp",
    "imap",
    "pop",
    "pop3",
    "mx",
    "ns",
    "ns1",
    "ns2",
    "ns3",
    "ns4",
    "ns5",
    "ns6",
    "ns7",
    "ns8",
    "ns9",
    "ftp",
    "webmail",
    "cpanel",
    "whm",
    "autodiscover",
    "autoconfig",
    "localhost",
    "portal",
];

/// TTLs outside this range are mistakes: too short floods resolvers, too long makes a
/// change (or a revocation) take days to reach readers.
pub const TTL_RANGE: std::ops::RangeInclusive<u32> = 60..=86_400;

/// Checks the whole registry. `has_content(label)` tells whether `content/<label>` exists.
pub fn validate(reg: &Registry, today: Date, has_content: &dyn Fn(&str) -> bool) -> Vec<Finding> {
    let mut v = Validator {
        reg,
        findings: Vec::new(),
    };
    v.regency();
    v.texts();
    let ranges = v.hosting();
    v.portal(&ranges);
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for sub in &reg.subdomains {
        v.label(sub, &mut seen);
        v.decree_and_history(sub, today);
        v.entry_fields(sub);
        v.contact(sub);
        v.records(sub, &ranges);
        if sub.status == Status::Approved && sub.kind == Kind::Site && !has_content(&sub.label) {
            v.push(
                Finding::new(Code::RegistryContentMissing, format!("`{}` is an approved site but content/{} does not exist", sub.label, sub.label))
                    .line(sub.line)
                    .help(format!("create content/{}/_index.md, or register it as kind = \"service\" if it is not built by laman", sub.label)),
                sub,
            );
        }
        if let Some(review) = sub.review.filter(|r| *r < today) {
            v.push(
                Finding::new(
                    Code::RegistryReviewOverdue,
                    format!("the review of `{}` was due on {review}", sub.label),
                )
                .line(sub.lines.review)
                .help("review the subdomain's use and set a new `review` date"),
                sub,
            );
        }
    }
    v.cname_chains();
    v.cname_targets();
    v.findings
}

/// The hosting ranges, parsed.
#[derive(Default)]
pub struct Ranges {
    pub v4: Vec<Ipv4Net>,
    pub v6: Vec<Ipv6Net>,
}

impl Ranges {
    pub fn of(reg: &Registry) -> Ranges {
        Ranges {
            v4: reg
                .hosting
                .ipv4
                .iter()
                .filter_map(|r| r.parse().ok())
                .collect(),
            v6: reg
                .hosting
                .ipv6
                .iter()
                .filter_map(|r| r.parse().ok())
                .collect(),
        }
    }

    pub fn contains_v4(&self, ip: Ipv4Addr) -> bool {
        self.v4.iter().any(|n| n.contains(&ip))
    }

    pub fn contains_v6(&self, ip: Ipv6Addr) -> bool {
        self.v6.iter().any(|n| n.contains(&ip))
    }
}

struct Validator<'a> {
    reg: &'a Registry,
    findings: Vec<Finding>,
}

impl Validator<'_> {
    fn push(&mut self, finding: Finding, sub: &Subdomain) {
        self.findings
            .push(finding.file(&self.reg.file).site(&sub.label));
    }

    fn push_global(&mut self, finding: Finding) {
        self.findings.push(finding.file(&self.reg.file));
    }

    fn regency(&mut self) {
        let domain = &self.reg.regency.domain;
        let line = self.reg.lines.regency;
        if hostname_problem(domain).is_some() {
            self.push_global(
                Finding::new(
                    Code::RegistryHostingInvalid,
                    format!(
                        "the regency domain `{}` is not a domain name",
                        shown(domain)
                    ),
                )
                .line(line),
            );
            return;
        }
        let name = domain.strip_suffix(".go.id").unwrap_or("");
        let form = ["kab", "kota", "prov"]
            .iter()
            .any(|k| name.len() > k.len() && name.ends_with(k) && !name.contains('.'));
        if !form {
            self.push_global(
                Finding::new(Code::RegistryDomainForm, format!("`{domain}` is not of the go.id form of a regional government"))
                    .line(line)
                    .help("regency domains are <name>kab.go.id, <name>kota.go.id or <name>prov.go.id; check for a typo"),
            );
        }
    }

    /// The free text of `[regency]` and `[portal]`.
    fn texts(&mut self) {
        let reg = self.reg;
        for (what, value, line) in [
            ("[regency] name", &reg.regency.name, reg.lines.name),
            ("[regency] dinas", &reg.regency.dinas, reg.lines.dinas),
            ("[portal] title", &reg.portal.title, reg.lines.title),
        ] {
            if let Some(why) = text_problem(value, NAME_MAX) {
                self.push_global(field_invalid(what, value, &why).line(line));
            }
        }
    }

    /// The grammar of an entry's free text, decree numbers and contact.
    fn entry_fields(&mut self, sub: &Subdomain) {
        let mut found = Vec::new();
        let mut text = |what: &str, value: &str, max: usize, line: usize| {
            if let Some(why) = text_problem(value, max) {
                found.push(field_invalid(what, value, &why).line(line));
            }
        };
        text("owner", &sub.owner, NAME_MAX, sub.lines.owner);
        if let Some(purpose) = &sub.purpose {
            text("purpose", purpose, TEXT_MAX, sub.lines.purpose);
        }
        for h in &sub.history {
            if let Some(reason) = &h.reason {
                text("history reason", reason, TEXT_MAX, h.line);
            }
        }
        let decrees = sub
            .decree
            .iter()
            .map(|d| (&d.number, sub.lines.decree))
            .chain(
                sub.history
                    .iter()
                    .filter_map(|h| h.decree.as_ref().map(|d| (d, h.line))),
            );
        for (number, line) in decrees {
            // An empty number is `registry.decree.missing`.
            if let Some(why) = decree_problem(number).filter(|_| !number.trim().is_empty()) {
                found.push(
                    field_invalid("decree number", number, &why)
                        .line(line)
                        .help("write the number as it stands on the decree, for example 555/031/KPTS/DISKOMINFO/2026"),
                );
            }
        }
        if let Some(why) = email_problem(&sub.contact) {
            found.push(
                field_invalid("contact", &sub.contact, &why)
                    .line(sub.lines.contact)
                    .help(format!(
                        "write one official address, for example {}@{}",
                        if label_problem(&sub.label, "x").is_none() {
                            sub.label.as_str()
                        } else {
                            "humas"
                        },
                        self.reg.regency.domain
                    )),
            );
        }
        for f in found {
            self.push(f, sub);
        }
    }

    fn hosting(&mut self) -> Ranges {
        let h = &self.reg.hosting;
        let line = self.reg.lines.hosting;
        for r in &h.ipv4 {
            if r.parse::<Ipv4Net>().is_err() {
                self.push_global(
                    Finding::new(
                        Code::RegistryHostingInvalid,
                        format!("hosting range `{}` is not an IPv4 range", shown(r)),
                    )
                    .line(line)
                    .help("write ranges as 203.0.113.0/26"),
                );
            }
        }
        for r in &h.ipv6 {
            if r.parse::<Ipv6Net>().is_err() {
                self.push_global(
                    Finding::new(
                        Code::RegistryHostingInvalid,
                        format!("hosting range `{}` is not an IPv6 range", shown(r)),
                    )
                    .line(line)
                    .help("write ranges as 2001:db8:10::/48"),
                );
            }
        }
        let domain = &self.reg.regency.domain;
        for ns in &h.nameservers {
            if let Some(why) = hostname_problem(ns) {
                self.push_global(
                    Finding::new(
                        Code::RegistryHostingInvalid,
                        format!("nameserver `{}`: {why}", shown(ns)),
                    )
                    .line(line),
                );
            } else if in_zone(ns, domain)
                && h.glue
                    .get(ns.trim_end_matches('.'))
                    .is_none_or(|a| a.is_empty())
            {
                self.push_global(
                    Finding::new(Code::RegistryNameserverGlue, format!("nameserver `{ns}` lies inside {domain} but has no address"))
                        .line(line)
                        .help(format!("add its addresses: glue = {{ \"{ns}\" = [\"203.0.113.2\"] }} under [hosting]; the zone needs them")),
                );
            }
        }
        for allowed in &h.cname_allow {
            let name = allowed
                .strip_prefix("*.")
                .or_else(|| allowed.strip_prefix('.'))
                .unwrap_or(allowed);
            if let Some(why) = hostname_problem(name) {
                self.push_global(
                    Finding::new(
                        Code::RegistryHostingInvalid,
                        format!("cname_allow `{}`: {why}", shown(allowed)),
                    )
                    .line(line)
                    .help("list host names (cdn.example.net) or suffixes (*.example.net)"),
                );
            }
        }
        for (ns, addrs) in &h.glue {
            if let Some(why) = hostname_problem(ns) {
                self.push_global(
                    Finding::new(
                        Code::RegistryHostingInvalid,
                        format!("glue name `{}`: {why}", shown(ns)),
                    )
                    .line(line),
                );
            }
            for a in addrs {
                if a.parse::<std::net::IpAddr>().is_err() {
                    self.push_global(
                        Finding::new(
                            Code::RegistryHostingInvalid,
                            format!(
                                "glue address `{}` of `{}` is not an IP address",
                                shown(a),
                                shown(ns)
                            ),
                        )
                        .line(line),
                    );
                }
            }
        }
        Ranges::of(self.reg)
    }

    fn portal(&mut self, ranges: &Ranges) {
        let records = &self.reg.portal.records;
        let line = self.reg.lines.portal;
        if records.cname.is_some() {
            self.push_global(
                Finding::new(Code::RegistryRecordCnameApex, "the portal (the zone apex) has a CNAME")
                    .line(line)
                    .help("a CNAME cannot stand beside the SOA and NS records of the apex; give the portal A/AAAA records"),
            );
        }
        let mut found = Vec::new();
        check_records(
            records,
            ranges,
            &self.reg.regency.domain,
            &self.reg.hosting.cname_allow,
            "the portal",
            &mut found,
        );
        for f in found {
            self.push_global(f.line(line));
        }
    }

    fn label(&mut self, sub: &Subdomain, seen: &mut BTreeMap<String, usize>) {
        let line = sub.lines.label;
        let label = &sub.label;
        if let Some(why) = label_problem(label, &self.reg.regency.domain) {
            self.push(
                Finding::new(Code::RegistryLabelSyntax, format!("label `{}`: {why}", shown(label)))
                    .line(line)
                    .help("labels are lowercase letters, digits and hyphens, at most 63 characters, not starting or ending with a hyphen"),
                sub,
            );
        }
        let first = label.split('.').next().unwrap_or("").to_ascii_lowercase();
        if first.starts_with('_') || RESERVED.contains(&first.as_str()) {
            self.push(
                Finding::new(Code::RegistryLabelReserved, format!("label `{label}` is reserved"))
                    .line(line)
                    .help("www, mail, ns1 and the like belong to the infrastructure, `portal` names the apex, and `_` labels are for service records; choose another label"),
                sub,
            );
        }
        let key = label.to_ascii_lowercase();
        if let Some(first_line) = seen.get(&key) {
            self.push(
                Finding::new(Code::RegistryLabelDuplicate, format!("label `{label}` is registered twice (first on line {first_line})"))
                    .line(line)
                    .help("keep one entry per label; a label returns to use through a new request on the same entry"),
                sub,
            );
        } else {
            seen.insert(key, line);
        }
        if let Some((_, parent)) = label.split_once('.') {
            let holder = self
                .reg
                .subdomains
                .iter()
                .find(|s| s.label.eq_ignore_ascii_case(parent));
            let why = match holder {
                None => Some(format!("its parent `{parent}` is not registered")),
                Some(p) if p.status != Status::Approved => {
                    Some(format!("its parent `{parent}` is {}", p.status.as_str()))
                }
                Some(p) if p.owner != sub.owner => Some(format!(
                    "its parent `{parent}` is held by {}, not by {}",
                    p.owner, sub.owner
                )),
                _ => None,
            };
            if let Some(why) = why {
                self.push(
                    Finding::new(Code::RegistryLabelNested, format!("nested label `{label}`: {why}"))
                        .line(line)
                        .help("a name under another subdomain may only be held by the OPD that holds that subdomain, while it is approved"),
                    sub,
                );
            }
        }
    }

    fn decree_and_history(&mut self, sub: &Subdomain, today: Date) {
        let was_approved = matches!(
            sub.status,
            Status::Approved | Status::Suspended | Status::Revoked
        );
        match &sub.decree {
            None if was_approved => self.push(
                Finding::new(Code::RegistryDecreeMissing, format!("`{}` is {} but has no decree", sub.label, sub.status.as_str()))
                    .line(sub.line)
                    .help("add decree = { number = \"...\", date = YYYY-MM-DD }: the use of a subdomain is fixed by a decree"),
                sub,
            ),
            Some(d) if d.number.trim().is_empty() => self.push(
                Finding::new(Code::RegistryDecreeMissing, format!("the decree of `{}` has no number", sub.label)).line(sub.lines.decree),
                sub,
            ),
            Some(d) if d.date > today => self.push(
                Finding::new(Code::RegistryDecreeDate, format!("the decree of `{}` is dated {}, in the future", sub.label, d.date))
                    .line(sub.lines.decree)
                    .help("a subdomain is approved only once its decree is signed; check the date"),
                sub,
            ),
            Some(d) if sub.requested.is_some_and(|r| d.date < r) => self.push(
                Finding::new(Code::RegistryDecreeDate, format!("the decree of `{}` ({}) is dated before its request", sub.label, d.date))
                    .line(sub.lines.decree)
                    .help("check the decree date and the `requested` date"),
                sub,
            ),
            _ => {}
        }
        let Some(last) = sub.history.last() else {
            return;
        };
        if last.action != sub.status {
            self.push(
                Finding::new(
                    Code::RegistryHistoryMismatch,
                    format!("`{}` is {} but its history ends with {}", sub.label, sub.status.as_str(), last.action.as_str()),
                )
                .line(sub.lines.history)
                .help("use `laman domains ...` to change a status: it updates both; or fix the status by hand"),
                sub,
            );
        }
        if let (Some(decree), Status::Approved) = (&sub.decree, sub.status) {
            if let Some(n) = sub
                .history
                .iter()
                .rev()
                .find(|h| h.action == Status::Approved)
                .and_then(|h| h.decree.as_ref())
            {
                if *n != decree.number {
                    self.push(
                        Finding::new(Code::RegistryHistoryMismatch, format!("the decree of `{}` is {} but its last approval in history cites {n}", sub.label, decree.number))
                            .line(sub.lines.history),
                        sub,
                    );
                }
            }
        }
        // The first entry may be any action: a registry may start recording an entry's
        // history after its request; every later step must be a sensible transition.
        let mut previous: Option<(Status, Date)> = None;
        for h in &sub.history {
            if previous.is_some() && !transition_allowed(previous.map(|p| p.0), h.action) {
                let from = previous.map_or("nothing", |p| p.0.as_str());
                self.push(
                    Finding::new(
                        Code::RegistryHistoryTransition,
                        format!(
                            "`{}` goes from {from} to {} in its history",
                            sub.label,
                            h.action.as_str()
                        ),
                    )
                    .line(sub.lines.history)
                    .help(transitions_help()),
                    sub,
                );
            }
            if previous.is_some_and(|p| h.date < p.1) {
                self.push(
                    Finding::new(
                        Code::RegistryHistoryTransition,
                        format!(
                            "the history of `{}` goes back in time on {}",
                            sub.label, h.date
                        ),
                    )
                    .line(sub.lines.history),
                    sub,
                );
            }
            if matches!(h.action, Status::Approved | Status::Revoked)
                && h.decree.as_deref().is_none_or(|d| d.trim().is_empty())
            {
                self.push(
                    Finding::new(Code::RegistryDecreeMissing, format!("the {} of `{}` on {} cites no decree", h.action.as_str(), sub.label, h.date))
                        .line(sub.lines.history)
                        .help("approvals and revocations are made by decree: add decree = \"...\" to the history entry"),
                    sub,
                );
            }
            previous = Some((h.action, h.date));
        }
    }

    fn contact(&mut self, sub: &Subdomain) {
        if email_problem(&sub.contact).is_some() {
            return; // reported by `entry_fields`
        }
        let domain = self.reg.regency.domain.to_ascii_lowercase();
        let ok = sub.contact.rsplit_once('@').is_some_and(|(local, host)| {
            let host = host.to_ascii_lowercase();
            !local.is_empty() && (host == domain || host.ends_with(&format!(".{domain}")))
        });
        if !ok {
            self.push(
                Finding::new(
                    Code::RegistryContactDomain,
                    format!("contact `{}` is not an address on {domain}", sub.contact),
                )
                .line(sub.lines.contact)
                .help(format!(
                    "OPDs use the regency's official e-mail: name@{domain}"
                )),
                sub,
            );
        }
    }

    fn records(&mut self, sub: &Subdomain, ranges: &Ranges) {
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
                    format!("`{}` is approved but has no records", sub.label),
                )
                .help("add records = { A = [\"...\"] } with an address in the Dinas data center"),
            );
        }
        for f in found {
            let f = f.line(sub.lines.records);
            self.push(f, sub);
        }
    }

    /// A CNAME pointing at another registry name that is itself a CNAME: a chain (and
    /// perhaps a loop) that resolvers follow at a cost, and that breaks when one link goes.
    fn cname_chains(&mut self) {
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
                    "another CNAME"
                };
                let f = Finding::new(
                    Code::RegistryRecordCnameChain,
                    format!("`{}` is a CNAME to {target}, which is {what}", sub.label),
                )
                .line(sub.lines.records)
                .help("point the CNAME at the final name, or give the name A/AAAA records");
                self.push(f, sub);
            }
        }
    }

    /// An approved CNAME to a name inside the zone that the zone will not hold: the zone
    /// is made from the registry alone, so the target must be the apex, `www`, or an
    /// approved name of the registry; anything else dangles from the day it is published.
    fn cname_targets(&mut self) {
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
                    format!(
                        "`{}` is a CNAME to {target}, which the zone will not hold: it is not an approved name of the registry",
                        sub.label
                    ),
                )
                .line(sub.lines.records)
                .help("point the CNAME at an approved name (or give the entry A/AAAA records), or register the target first");
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
    let mut seen = HashSet::new();
    for a in &r.a {
        match a.parse::<Ipv4Addr>() {
            Err(_) => out.push(Finding::new(
                Code::RegistryRecordInvalid,
                format!("{who}: A record `{}` is not an IPv4 address", shown(a)),
            )),
            Ok(ip) => {
                if !seen.insert(std::net::IpAddr::V4(ip)) {
                    out.push(Finding::new(
                        Code::RegistryRecordDuplicate,
                        format!("{who}: A record {ip} is listed twice"),
                    ));
                }
                if !ranges.contains_v4(ip) {
                    out.push(outside(who, &ip.to_string(), "ipv4"));
                }
            }
        }
    }
    for a in &r.aaaa {
        match a.parse::<Ipv6Addr>() {
            Err(_) => out.push(Finding::new(
                Code::RegistryRecordInvalid,
                format!("{who}: AAAA record `{}` is not an IPv6 address", shown(a)),
            )),
            Ok(ip) => {
                if !seen.insert(std::net::IpAddr::V6(ip)) {
                    out.push(Finding::new(
                        Code::RegistryRecordDuplicate,
                        format!("{who}: AAAA record {ip} is listed twice"),
                    ));
                }
                if !ranges.contains_v6(ip) {
                    out.push(outside(who, &ip.to_string(), "ipv6"));
                }
            }
        }
    }
    if let Some(target) = &r.cname {
        if let Some(why) = hostname_problem(target) {
            out.push(Finding::new(
                Code::RegistryRecordInvalid,
                format!("{who}: CNAME `{}`: {why}", shown(target)),
            ));
        } else if !in_zone(target, domain) && !allowed_external(target, cname_allow) {
            out.push(
                Finding::new(Code::RegistryRecordCnameExternal, format!("{who}: CNAME to `{target}`, outside {domain}"))
                    .help("everything is hosted in the Dinas data center; an outside target must be listed in cname_allow by the Dinas"),
            );
        }
        if !r.a.is_empty() || !r.aaaa.is_empty() {
            out.push(
                Finding::new(Code::RegistryRecordCnameConflict, format!("{who}: a CNAME stands beside A/AAAA records"))
                    .help("a name with a CNAME can have no other records: keep either the CNAME or the addresses"),
            );
        }
    }
    if let Some(ttl) = r.ttl.filter(|t| !TTL_RANGE.contains(t)) {
        out.push(
            Finding::new(
                Code::RegistryRecordTtl,
                format!(
                    "{who}: TTL {ttl} is outside {}..{} seconds",
                    TTL_RANGE.start(),
                    TTL_RANGE.end()
                ),
            )
            .help("use 300 to 3600 unless the Dinas has a reason"),
        );
    }
}

fn outside(who: &str, ip: &str, family: &str) -> Finding {
    Finding::new(
        Code::RegistryRecordOutsideDatacenter,
        format!("{who}: {ip} is outside the Dinas data center"),
    )
    .help(format!(
        "use an address inside [hosting] {family}: every subdomain is hosted by the Dinas"
    ))
}

/// A `registry.field.invalid` finding; the value is shown escaped.
fn field_invalid(what: &str, value: &str, why: &str) -> Finding {
    Finding::new(
        Code::RegistryFieldInvalid,
        format!("{what} `{}` {why}", shown(value)),
    )
    .help(grammar::HELP)
}

/// Allowed transitions of a subdomain's status (None: the entry is new).
/// The registry's lifecycle, the one table every rule about steps reads: from each
/// status (None: not registered yet), the statuses a step may lead to.
pub const TRANSITIONS: &[(Option<Status>, &[Status])] = &[
    (None, &[Status::Requested]),
    (
        Some(Status::Requested),
        &[Status::Approved, Status::Rejected],
    ),
    (
        Some(Status::Approved),
        &[Status::Suspended, Status::Revoked],
    ),
    (
        Some(Status::Suspended),
        &[Status::Approved, Status::Revoked],
    ),
    (Some(Status::Revoked), &[Status::Requested]),
    (Some(Status::Rejected), &[Status::Requested]),
];

pub fn transition_allowed(from: Option<Status>, to: Status) -> bool {
    TRANSITIONS
        .iter()
        .any(|(f, tos)| *f == from && tos.contains(&to))
}

/// The allowed steps, for people: "allowed: requested → approved or rejected; ...".
pub fn transitions_help() -> String {
    let steps: Vec<String> = TRANSITIONS
        .iter()
        .filter_map(|(from, tos)| {
            let names: Vec<&str> = tos.iter().map(|t| t.as_str()).collect();
            from.map(|f| format!("{} → {}", f.as_str(), names.join(" or ")))
        })
        .collect();
    format!("allowed: {}", steps.join("; "))
}

pub fn normalize_host(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// Whether `name` is the zone apex or below it.
pub fn in_zone(name: &str, domain: &str) -> bool {
    let name = normalize_host(name);
    let domain = normalize_host(domain);
    name == domain || name.ends_with(&format!(".{domain}"))
}

pub fn allowed_external(target: &str, allow: &[String]) -> bool {
    let t = normalize_host(target);
    allow.iter().any(|a| {
        let a = normalize_host(a);
        match a.strip_prefix("*.").or_else(|| a.strip_prefix('.')) {
            Some(suffix) => t.ends_with(&format!(".{suffix}")),
            None => t == a,
        }
    })
}

/// Why a host name is not valid, if it is not.
pub fn hostname_problem(name: &str) -> Option<String> {
    let name = name.strip_suffix('.').unwrap_or(name);
    if name.is_empty() || name.len() > 253 {
        return Some("a host name has 1 to 253 characters".into());
    }
    name.split('.')
        .find_map(|part| part_problem(part, true).map(|why| format!("`{}` {why}", shown(part))))
}

/// Why a registry label (possibly nested, `a.dinkes`) is not valid, if it is not.
pub fn label_problem(label: &str, domain: &str) -> Option<String> {
    if label.len() + 1 + domain.len() > 253 {
        return Some(format!(
            "`{}` is longer than 253 characters",
            shown(&format!("{label}.{domain}"))
        ));
    }
    label.split('.').find_map(|part| {
        part_problem(part, false).map(|why| {
            if label.contains('.') {
                format!("`{}` {why}", shown(part))
            } else {
                why
            }
        })
    })
}

fn part_problem(part: &str, allow_upper: bool) -> Option<String> {
    if part.is_empty() {
        return Some("is empty".into());
    }
    if part.len() > 63 {
        return Some(format!("has {} characters; at most 63", part.len()));
    }
    if !allow_upper && part.chars().any(|c| c.is_ascii_uppercase()) {
        return Some("must be lowercase".into());
    }
    if let Some(c) = part
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
    {
        return Some(format!(
            "contains `{}`; only letters, digits and hyphens are allowed",
            c.escape_debug()
        ));
    }
    if part.starts_with('-') || part.ends_with('-') {
        return Some("starts or ends with a hyphen".into());
    }
    if part.get(2..4) == Some("--") {
        let lower = part.to_ascii_lowercase();
        let valid = lower.starts_with("xn--") && idna::domain_to_unicode(&lower).1.is_ok();
        if !valid {
            return Some("has `--` in third and fourth place, which is kept for internationalised (xn--) names".into());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_is_written_from_the_table() {
        assert_eq!(
            transitions_help(),
            "allowed: requested → approved or rejected; approved → suspended or revoked; suspended → approved or revoked; revoked → requested; rejected → requested"
        );
        assert!(transition_allowed(None, Status::Requested));
        assert!(!transition_allowed(
            Some(Status::Requested),
            Status::Suspended
        ));
    }

    #[test]
    fn label_syntax() {
        let d = "contohkab.go.id";
        assert_eq!(label_problem("dinkes", d), None);
        assert_eq!(label_problem("kec-sukajaya", d), None);
        assert_eq!(label_problem("xn--bcher-kva", d), None);
        assert!(label_problem("Dinkes", d).unwrap().contains("lowercase"));
        assert!(label_problem("-dinkes", d).is_some());
        assert!(label_problem("dinkes-", d).is_some());
        assert!(label_problem("din_kes", d).unwrap().contains('_'));
        assert!(label_problem("ab--cd", d).is_some());
        assert!(label_problem("xn--zz-invalid-punycode-!", d).is_some());
        assert!(label_problem(&"a".repeat(64), d).unwrap().contains("63"));
        assert!(label_problem(
            &[
                "a".repeat(63),
                "b".repeat(63),
                "c".repeat(63),
                "d".repeat(50)
            ]
            .join("."),
            d
        )
        .unwrap()
        .contains("253"));
        assert_eq!(label_problem("peta.dinkes", d), None);
        assert!(label_problem("peta..dinkes", d).is_some());
    }

    #[test]
    fn transitions() {
        use Status::*;
        assert!(transition_allowed(None, Requested));
        assert!(!transition_allowed(None, Approved));
        assert!(transition_allowed(Some(Suspended), Approved));
        assert!(!transition_allowed(Some(Revoked), Approved));
        assert!(transition_allowed(Some(Revoked), Requested));
        assert!(!transition_allowed(Some(Approved), Approved));
    }

    #[test]
    fn cname_allow_takes_names_and_suffixes() {
        let allow = vec![
            "cdn.example.net".to_string(),
            "*.hosting.example".to_string(),
        ];
        assert!(allowed_external("cdn.example.net.", &allow));
        assert!(allowed_external("a.hosting.example", &allow));
        assert!(!allowed_external("hosting.example", &allow));
        assert!(!allowed_external("evil.example", &allow));
    }
}
