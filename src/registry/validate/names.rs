//! Names in the registry: the syntax of labels and host names, the labels that are
//! reserved or held twice or nested under another's name, and the host-name
//! comparisons (inside the zone, allowed outside it) the zone, nginx and `dns` share.
//!
//! Says whether a name is valid and where it points; it must not read records, dates
//! or statuses beyond what a nested label's parent needs.

use super::Validator;
use crate::finding::{Code, Finding};
use crate::msg;
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
        if let Some((_, parent)) = label.split_once('.') {
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
        return Some(msg!("host-length"));
    }
    name.split('.')
        .find_map(|part| part_problem(part, true).map(|why| format!("`{}` {why}", printable(part))))
}

/// Why a registry label (possibly nested, `a.dinkes`) is not valid, if it is not.
pub fn label_problem(label: &str, domain: &str) -> Option<String> {
    if label.len() + 1 + domain.len() > 253 {
        return Some(msg!(
            "label-too-long",
            name = printable(&format!("{label}.{domain}"))
        ));
    }
    label.split('.').find_map(|part| {
        part_problem(part, false).map(|why| {
            if label.contains('.') {
                format!("`{}` {why}", printable(part))
            } else {
                why
            }
        })
    })
}

fn part_problem(part: &str, allow_upper: bool) -> Option<String> {
    if part.is_empty() {
        return Some(msg!("grammar-empty"));
    }
    if part.len() > 63 {
        return Some(msg!("grammar-too-long", count = part.len(), max = 63));
    }
    if !allow_upper && part.chars().any(|c| c.is_ascii_uppercase()) {
        return Some(msg!("grammar-host-lowercase"));
    }
    if let Some(c) = part
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
    {
        return Some(msg!("label-char", char = c.escape_debug().to_string()));
    }
    if part.starts_with('-') || part.ends_with('-') {
        return Some(msg!("label-hyphen"));
    }
    if part.get(2..4) == Some("--") {
        let lower = part.to_ascii_lowercase();
        let valid = lower.starts_with("xn--") && idna::domain_to_unicode(&lower).1.is_ok();
        if !valid {
            return Some(msg!("label-double-hyphen"));
        }
    }
    None
}
#[cfg(test)]
mod tests {
    use super::*;

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
