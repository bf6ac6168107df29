//! The syntax of host names and of the registry's labels (the parts of a name under the
//! regency's domain): at most 63 characters a part, letters, digits and inner hyphens,
//! and `xn--` only as valid punycode. The grammar of free text and the registry's rules
//! both ask it.
//!
//! Also the comparisons of host names the registry's rules, the zone, nginx and `dns`
//! share: the one normal form, inside the zone, allowed outside it.
//!
//! Pure: it says why a name is not valid, and nothing about where a name points.

use crate::msg;
use crate::text::printable;

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

/// A host name in the one form names are compared in: lowercase, no final dot.
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
