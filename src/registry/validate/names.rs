//! Names in the registry: the syntax of labels and host names, the labels that are
//! reserved or held twice or nested under another's name, and the host-name
//! comparisons (inside the zone, allowed outside it) the zone, nginx and `dns` share.
//!
//! Says whether a name is valid and where it points; it must not read records, dates
//! or statuses beyond what a nested label's parent needs.

use super::Validator;
use crate::finding::{Code, Finding};
use crate::registry::grammar::shown;
use crate::registry::{Status, Subdomain};
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
