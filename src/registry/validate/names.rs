//! Names in the registry: the labels that are reserved or held twice or nested under
//! another's name (their syntax is [`crate::registry::hostname`]'s), and the host-name
//! comparisons (inside the zone, allowed outside it) the zone, nginx and `dns` share.
//!
//! Says whether a name is valid and where it points; it must not read records, dates
//! or statuses beyond what a nested label's parent needs.

use super::Validator;
use crate::finding::{Code, Finding};
use crate::msg;
use crate::registry::hostname::label_problem;
use crate::registry::{Status, Subdomain};
use crate::text::printable;
use std::collections::BTreeMap;

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

impl Validator<'_> {
    pub(super) fn label(&mut self, sub: &Subdomain, seen: &mut BTreeMap<String, usize>) {
        let line = sub.lines.label;
        let label = &sub.label;
        if let Some(why) = label_problem(label, &self.reg.regency.domain) {
            self.push(
                Finding::new(
                    Code::RegistryLabelSyntax,
                    msg!("label-syntax", label = printable(label), why = why),
                )
                .line(line)
                .help(msg!("label-syntax-help")),
                sub,
            );
        }
        let first = label.split('.').next().unwrap_or("").to_ascii_lowercase();
        if first.starts_with('_') || RESERVED.contains(&first.as_str()) {
            self.push(
                Finding::new(
                    Code::RegistryLabelReserved,
                    msg!("label-reserved", label = label.as_str()),
                )
                .line(line)
                .help(msg!("label-reserved-help")),
                sub,
            );
        }
        self.nameserver_clash(sub);
        let key = label.to_ascii_lowercase();
        if let Some(first_line) = seen.get(&key) {
            self.push(
                Finding::new(
                    Code::RegistryLabelDuplicate,
                    msg!(
                        "label-duplicate",
                        label = label.as_str(),
                        first = first_line.to_string()
                    ),
                )
                .line(line)
                .help(msg!("label-duplicate-help")),
                sub,
            );
        } else {
            seen.insert(key, line);
        }
        self.nested(sub);
    }

    /// A label whose name is one of the regency's nameservers.
    fn nameserver_clash(&mut self, sub: &Subdomain) {
        let (line, label) = (sub.lines.label, &sub.label);
        let domain = self.reg.regency.domain.trim_end_matches('.');
        let fqdn = format!("{label}.{domain}").to_ascii_lowercase();
        if let Some(ns) = self
            .reg
            .hosting
            .nameservers
            .iter()
            .find(|ns| ns.trim_end_matches('.').eq_ignore_ascii_case(&fqdn))
        {
            // The zone holds the nameserver's glue at this name: a CNAME there makes the
            // zone unloadable, an address mixes the site with the nameserver.
            self.push(
                Finding::new(
                    Code::RegistryLabelReserved,
                    msg!(
                        "label-nameserver",
                        label = label.as_str(),
                        ns = printable(ns)
                    ),
                )
                .line(line)
                .help(msg!("label-nameserver-help")),
                sub,
            );
        }
    }

    /// A nested label (`a.b`) whose parent is not an approved name of the same owner.
    fn nested(&mut self, sub: &Subdomain) {
        let Some((_, parent)) = sub.label.split_once('.') else {
            return;
        };
        let (line, label) = (sub.lines.label, &sub.label);
        let holder = self
            .reg
            .subdomains
            .iter()
            .find(|s| s.label.eq_ignore_ascii_case(parent));
        let why = match holder {
            None => Some(msg!("label-parent-unregistered", parent = parent)),
            Some(p) if p.status != Status::Approved => Some(msg!(
                "label-parent-status",
                parent = parent,
                status = p.status.as_str()
            )),
            Some(p) if p.owner != sub.owner => Some(msg!(
                "label-parent-owner",
                parent = parent,
                holder = p.owner.as_str(),
                owner = sub.owner.as_str()
            )),
            _ => None,
        };
        if let Some(why) = why {
            self.push(
                Finding::new(
                    Code::RegistryLabelNested,
                    msg!("label-nested", label = label.as_str(), why = why),
                )
                .line(line)
                .help(msg!("label-nested-help")),
                sub,
            );
        }
    }
}
