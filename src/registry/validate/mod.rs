//! The rules a registry must meet beyond its shape: label syntax and reservations,
//! decrees and history, official contacts, and records that stay inside the Dinas data
//! center (in the manner of DNSControl's and octoDNS's validators).
//!
//! One file per kind of rule: `names`, `lifecycle` (decree and history),
//! `fields` (the grammar of free text and contacts), `hosting` (the regency's own
//! settings) and `records`; this file runs them in order over the registry.
//!
//! Pure: the date and which content folders exist are given by the caller. It reports;
//! it must not change the registry, nor read files, the clock or the network.

mod fields;
mod hosting;
mod lifecycle;
mod names;
mod records;
mod zone_records;

pub use hosting::Ranges;
pub use lifecycle::{transition_allowed, transitions_help, TRANSITIONS};
pub use names::RESERVED;
pub use records::TTL_RANGE;
pub use zone_records::apex;

use super::{Registry, Subdomain};
use crate::finding::Finding;
use jiff::civil::Date;
use std::collections::BTreeMap;

/// Checks the whole registry. `has_content(label)` tells whether `content/<label>` exists.
pub fn validate(reg: &Registry, today: Date, has_content: &dyn Fn(&str) -> bool) -> Vec<Finding> {
    let mut v = Validator {
        reg,
        findings: Vec::new(),
    };
    v.regency();
    v.texts();
    v.integrity();
    let ranges = v.hosting();
    v.portal(&ranges);
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for sub in &reg.subdomains {
        v.label(sub, &mut seen);
        v.decree(sub, today);
        v.history(sub);
        v.entry_fields(sub);
        v.contact(sub);
        v.records(sub, &ranges);
        v.content(sub, has_content);
        v.review(sub, today);
    }
    v.cname_chains();
    v.cname_targets();
    v.zone_records(&ranges);
    v.findings
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
}
