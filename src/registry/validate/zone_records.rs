//! `[[record]]`: the regency's other records, each by the grammar of its type
//! ([`crate::registry::record`]), and where it may stand: addresses and aliases only on
//! names no subdomain holds (nor under one, nor `www`, the apex or an in-zone
//! nameserver), nothing beside a CNAME, addresses inside the data center, aliases
//! inside the zone or allowed, no record twice.
//!
//! [`apex`] is separate: what the apex lacks (mail, SPF, DMARC, CAA) is a warning that
//! `laman domains check` gives, not a rule every command enforces.
//!
//! Works on the parsed registry and [`Ranges`]; it must not read files or DNS.

use super::hosting::Ranges;
use super::records::TTL_RANGE;
use super::Validator;
use crate::finding::{Code, Finding};
use crate::msg;
use crate::registry::grammar::{text_problem, NAME_MAX};
use crate::registry::hostname::{allowed_external, in_zone, normalize_host};
use crate::registry::record::{name_problem, Data, ZoneRecord};
use crate::registry::{Registry, Status};
use crate::text::printable;
use std::collections::{BTreeMap, BTreeSet, HashSet};

impl Validator<'_> {
    pub(super) fn zone_records(&mut self, ranges: &Ranges) {
        let domain = normalize_host(&self.reg.regency.domain);
        let taken = address_names(self.reg, &domain);
        let cnames = cname_names(self.reg, &domain);
        // Names holding any record, and which of them hold a [[record]] CNAME.
        let mut holders: BTreeMap<String, usize> = BTreeMap::new();
        for r in &self.reg.zone_records {
            *holders.entry(r.fqdn(&domain)).or_default() += 1;
        }
        let mut seen = HashSet::new();
        for r in &self.reg.zone_records {
            let who = who(r);
            let mut found = Vec::new();
            if let Some(why) = name_problem(&r.name, &domain) {
                found.push(invalid(&who, why));
            } else {
                match r.data() {
                    Err(why) => found.push(invalid(&who, why)),
                    Ok(data) => {
                        let fqdn = r.fqdn(&domain);
                        self.placement(
                            r, &data, &fqdn, &domain, &taken, &cnames, &holders, &mut found,
                        );
                        self.target(&data, &domain, ranges, &who, &mut found);
                        if !seen.insert((fqdn, data)) {
                            found.push(Finding::new(
                                Code::RegistryRecordDuplicate,
                                msg!("zrecord-duplicate", who = who.as_str()),
                            ));
                        }
                    }
                }
            }
            if let Some(ttl) = r.ttl.filter(|t| !TTL_RANGE.contains(t)) {
                found.push(
                    Finding::new(
                        Code::RegistryRecordTtl,
                        msg!(
                            "record-ttl",
                            who = who.as_str(),
                            ttl = ttl.to_string(),
                            min = TTL_RANGE.start().to_string(),
                            max = TTL_RANGE.end().to_string()
                        ),
                    )
                    .help(msg!("record-ttl-help")),
                );
            }
            if let Some(why) = r.comment.as_deref().and_then(|c| text_problem(c, NAME_MAX)) {
                found.push(
                    Finding::new(
                        Code::RegistryFieldInvalid,
                        msg!("zrecord-comment", who = who.as_str(), why = why),
                    )
                    .help(crate::registry::grammar::help()),
                );
            }
            for f in found {
                self.push_global(f.line(r.line));
            }
        }
    }

    /// Where the record stands: addresses and aliases only on free names, nothing
    /// beside a CNAME.
    #[allow(clippy::too_many_arguments)]
    fn placement(
        &self,
        r: &ZoneRecord,
        data: &Data,
        fqdn: &str,
        domain: &str,
        taken: &BTreeMap<String, String>,
        cnames: &BTreeSet<String>,
        holders: &BTreeMap<String, usize>,
        found: &mut Vec<Finding>,
    ) {
        let who = who(r);
        let addressing = matches!(data, Data::A(_) | Data::Aaaa(_) | Data::Cname(_));
        if addressing {
            let apex = (fqdn == domain).then(|| "[portal]".to_string());
            let holder = apex.or_else(|| {
                taken
                    .iter()
                    .find(|(name, _)| fqdn == name.as_str() || fqdn.ends_with(&format!(".{name}")))
                    .map(|(_, whose)| whose.clone())
            });
            if let Some(whose) = holder {
                found.push(
                    Finding::new(
                        Code::RegistryRecordCollision,
                        msg!(
                            "zrecord-collision",
                            who = who.as_str(),
                            whose = whose.as_str()
                        ),
                    )
                    .help(msg!("zrecord-collision-help")),
                );
                return;
            }
        }
        let beside_cname = cnames.contains(fqdn)
            || (matches!(data, Data::Cname(_)) && holders.get(fqdn).copied().unwrap_or(0) > 1);
        if beside_cname {
            found.push(
                Finding::new(
                    Code::RegistryRecordCnameConflict,
                    msg!("zrecord-beside-cname", who = who.as_str()),
                )
                .help(msg!("record-cname-conflict-help")),
            );
        }
    }

    /// Where the record points: addresses inside the data center, aliases inside the
    /// zone or allowed by the Dinas.
    fn target(
        &self,
        data: &Data,
        domain: &str,
        ranges: &Ranges,
        who: &str,
        found: &mut Vec<Finding>,
    ) {
        let (inside, ip, family) = match data {
            Data::A(ip) => (ranges.contains_v4(*ip), ip.to_string(), "ipv4"),
            Data::Aaaa(ip) => (ranges.contains_v6(*ip), ip.to_string(), "ipv6"),
            Data::Cname(target) => {
                if !in_zone(target, domain)
                    && !allowed_external(target, &self.reg.hosting.cname_allow)
                {
                    found.push(
                        Finding::new(
                            Code::RegistryRecordCnameExternal,
                            msg!(
                                "record-cname-external",
                                who = who,
                                target = target.as_str(),
                                domain = domain
                            ),
                        )
                        .help(msg!("record-cname-external-help")),
                    );
                }
                return;
            }
            _ => return,
        };
        if !inside {
            found.push(
                Finding::new(
                    Code::RegistryRecordOutsideDatacenter,
                    msg!("record-outside", who = who, ip = ip),
                )
                .help(msg!("zrecord-outside-help", family = family)),
            );
        }
    }
}

/// How a finding names a record: `[[record]] mail MX`.
fn who(r: &ZoneRecord) -> String {
    format!(
        "[[record]] {} {}",
        printable(r.name.trim()),
        printable(&r.kind())
    )
}

fn invalid(who: &str, why: String) -> Finding {
    Finding::new(
        Code::RegistryRecordInvalid,
        msg!("zrecord-invalid", who = who, why = why),
    )
    .help(msg!("zrecord-invalid-help"))
}

/// The names below the apex whose addresses are not the `[[record]]` tables' to give,
/// with who holds them: `www` (the portal), every subdomain whatever its status (and so
/// the names under it), the in-zone nameservers (their glue).
fn address_names(reg: &Registry, domain: &str) -> BTreeMap<String, String> {
    let mut taken = BTreeMap::new();
    taken.insert(format!("www.{domain}"), "[portal] (www)".to_string());
    for s in &reg.subdomains {
        taken
            .entry(format!("{}.{domain}", s.label.to_ascii_lowercase()))
            .or_insert_with(|| format!("[[subdomain]] {}", printable(&s.label)));
    }
    for ns in reg
        .hosting
        .nameservers
        .iter()
        .filter(|n| in_zone(n, domain))
    {
        taken
            .entry(normalize_host(ns))
            .or_insert_with(|| "[hosting] glue".to_string());
    }
    taken.remove(domain);
    taken
}

/// The names that hold a CNAME in the zone besides `[[record]]`: `www`, and every
/// approved subdomain with one.
fn cname_names(reg: &Registry, domain: &str) -> BTreeSet<String> {
    reg.subdomains
        .iter()
        .filter(|s| s.status == Status::Approved && s.records.cname.is_some())
        .map(|s| format!("{}.{domain}", s.label.to_ascii_lowercase()))
        .chain([format!("www.{domain}")])
        .collect()
}

/// What the apex lacks that every regency domain needs, as warnings: an MX (a null MX
/// `0 .` counts: it says there is no mail), an SPF record, a DMARC record at `_dmarc`, a
/// CAA record. Without them, the zone laman writes would drop the regency's mail and
/// leave anyone free to send as it or obtain certificates for it.
pub fn apex(reg: &Registry) -> Vec<Finding> {
    let domain = normalize_host(&reg.regency.domain);
    let dmarc = format!("_dmarc.{domain}");
    let has = |name: &str, kind: &str, prefix: Option<&str>| {
        reg.zone_records.iter().any(|r| {
            r.fqdn(&domain) == name
                && r.kind() == kind
                && match (prefix, r.data()) {
                    (None, Ok(_)) => true,
                    (Some(p), Ok(Data::Txt(text))) => {
                        text.len() >= p.len() && text[..p.len()].eq_ignore_ascii_case(p.as_bytes())
                    }
                    _ => false,
                }
        })
    };
    let d = domain.as_str();
    let lacks = [
        (
            !has(d, "MX", None),
            Code::RegistryApexMx,
            msg!("zrecord-apex-mx", domain = d),
            msg!("zrecord-apex-mx-help", domain = d),
        ),
        (
            !has(d, "TXT", Some("v=spf1")),
            Code::RegistryApexSpf,
            msg!("zrecord-apex-spf", domain = d),
            msg!("zrecord-apex-spf-help", domain = d),
        ),
        (
            !has(&dmarc, "TXT", Some("v=DMARC1")),
            Code::RegistryApexDmarc,
            msg!("zrecord-apex-dmarc", domain = d),
            msg!("zrecord-apex-dmarc-help", domain = d),
        ),
        (
            !has(d, "CAA", None),
            Code::RegistryApexCaa,
            msg!("zrecord-apex-caa", domain = d),
            msg!("zrecord-apex-caa-help", domain = d),
        ),
    ];
    lacks
        .into_iter()
        .filter(|(missing, ..)| *missing)
        .map(|(_, code, message, help)| {
            Finding::new(code, message)
                .file(&reg.file)
                .line(reg.lines.regency)
                .help(help)
        })
        .collect()
}
