//! The regency zone as an RFC 1035 master file: SOA, NS (with in-zone nameserver
//! addresses), the portal at the apex and `www`, and the records of approved subdomains
//! only. Deterministic: the same registry gives the same bytes.
//!
//! The serial, unless given, comes from the registry itself, so that the zone needs no
//! clock and no memory of earlier serials: the number of days from 2000-01-01 to the
//! latest date the registry records (a request, decree or history entry), times 10,000,
//! plus the number of history entries. Every workflow command adds a history entry, so
//! every change made through `laman domains` raises the serial, even one back-dated to
//! an older decree; a hand edit of records alone does not, which is what `--serial` is
//! for.
//!
//! Whatever the registry's checks let through, nothing breaks out of the master file's
//! syntax: free text appears only in `;` comments, kept to one line; names are written
//! only when they are host names, addresses only as parsed addresses; [`zone`] refuses
//! rather than write anything else.

use crate::registry::grammar::forbidden_in_text;
use crate::registry::hostname::{hostname_problem, in_zone, label_problem};
use crate::registry::record::name_problem;
use crate::registry::{Records, Registry, Status};
use crate::text::printable;
use std::fmt::Write;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Default TTL of the zone's records, seconds.
pub const DEFAULT_TTL: u32 = 3600;

/// The serial derived from the registry's own dates and history (see the module doc).
pub fn derived_serial(reg: &Registry) -> u32 {
    let dates = reg.subdomains.iter().flat_map(|s| {
        s.history
            .iter()
            .map(|h| h.date)
            .chain(s.requested)
            .chain(s.decree.as_ref().map(|d| d.date))
    });
    let days = dates
        .max()
        .and_then(|latest| {
            (latest - jiff::civil::date(2000, 1, 1))
                .get_days()
                .try_into()
                .ok()
        })
        .unwrap_or(0u32);
    let entries = reg
        .subdomains
        .iter()
        .map(|s| s.history.len())
        .sum::<usize>()
        .min(9_999) as u32;
    days.saturating_mul(10_000).saturating_add(entries).max(1)
}

/// Text for a `;` comment: one line, whatever it holds.
fn comment(text: &str) -> String {
    text.chars()
        .map(|c| if forbidden_in_text(c) { ' ' } else { c })
        .collect()
}

/// Why the registry holds a name or address the zone cannot carry as written: the
/// checks of [`crate::registry::validate`] refuse these first; this is the writer's own guard.
fn unwritable(reg: &Registry, domain: &str) -> Option<String> {
    let host = |what: &str, name: &str| {
        hostname_problem(name).map(|why| format!("{what} `{}`: {why}", printable(name)))
    };
    let address = |what: &str, a: &str, v6: bool| {
        let ok = if v6 {
            a.parse::<Ipv6Addr>().is_ok()
        } else {
            a.parse::<Ipv4Addr>().is_ok()
        };
        (!ok).then(|| format!("{what} `{}` is not an address", printable(a)))
    };
    let records = |what: &str, r: &Records| {
        r.a.iter()
            .find_map(|a| address(what, a, false))
            .or_else(|| r.aaaa.iter().find_map(|a| address(what, a, true)))
            .or_else(|| r.cname.as_deref().and_then(|c| host(what, c)))
    };
    host("the domain", domain)
        .or_else(|| {
            reg.hosting
                .nameservers
                .iter()
                .find_map(|n| host("nameserver", n))
        })
        .or_else(|| {
            reg.hosting.glue.values().flatten().find_map(|a| {
                (a.parse::<IpAddr>().is_err())
                    .then(|| format!("glue `{}` is not an address", printable(a)))
            })
        })
        .or_else(|| records("the portal", &reg.portal.records))
        .or_else(|| {
            reg.zone_records.iter().find_map(|r| {
                name_problem(&r.name, domain)
                    .or_else(|| r.data().err())
                    .map(|why| format!("[[record]] `{}`: {why}", printable(&r.name)))
            })
        })
        .or_else(|| {
            reg.subdomains
                .iter()
                .filter(|s| matches!(s.status, Status::Approved | Status::Suspended))
                .find_map(|s| {
                    let fqdn = format!("{}.{domain}", s.label.to_ascii_lowercase());
                    let nameserver = reg
                        .hosting
                        .nameservers
                        .iter()
                        .any(|n| n.trim_end_matches('.').eq_ignore_ascii_case(&fqdn));
                    label_problem(&s.label.to_ascii_lowercase(), domain)
                        .or_else(|| nameserver.then(|| "is a nameserver's name".to_string()))
                        .map(|why| format!("label `{}`: {why}", printable(&s.label)))
                        .or_else(|| records(&s.label, &s.records))
                })
        })
}

/// The zone text, or why it cannot be written (a name or address that is not one).
/// In-zone nameservers without addresses are the caller's to refuse
/// (`registry.nameserver.glue`); they are written without them here.
pub fn zone(reg: &Registry, serial: u32) -> Result<String, String> {
    let domain = reg
        .regency
        .domain
        .trim_end_matches('.')
        .to_ascii_lowercase();
    if let Some(why) = unwritable(reg, &domain) {
        return Err(why);
    }
    let mut z = String::new();
    write_head(&mut z, reg, &domain, serial);
    write_sites(&mut z, reg, &domain);
    write_other(&mut z, reg);
    Ok(z)
}

/// The comment naming the zone, `$ORIGIN` and `$TTL`, the SOA, the NS records and the
/// addresses of in-zone nameservers.
fn write_head(w: &mut String, reg: &Registry, domain: &str, serial: u32) {
    let _ = writeln!(
        w,
        "; Zone {domain} of {}, generated by laman from domains.toml.",
        comment(&reg.regency.name)
    );
    let _ = writeln!(
        w,
        "; Edit domains.toml, not this file: only approved subdomains appear here."
    );
    let _ = writeln!(w, "$ORIGIN {domain}.");
    let _ = writeln!(w, "$TTL {DEFAULT_TTL}");
    let primary = reg.hosting.nameservers.first().map_or_else(
        || format!("ns1.{domain}"),
        |n| n.trim_end_matches('.').to_string(),
    );
    let _ = writeln!(
        w,
        "@\tIN\tSOA\t{primary}. hostmaster.{domain}. ( {serial} 3600 900 1209600 300 )"
    );
    for ns in &reg.hosting.nameservers {
        let _ = writeln!(w, "@\tIN\tNS\t{}.", ns.trim_end_matches('.'));
    }
    for ns in reg
        .hosting
        .nameservers
        .iter()
        .filter(|n| in_zone(n, domain))
    {
        let name = relative(ns, domain);
        for addr in reg
            .hosting
            .glue
            .get(ns.trim_end_matches('.'))
            .into_iter()
            .flatten()
        {
            let (kind, addr) = match addr.parse::<IpAddr>() {
                Ok(IpAddr::V4(a)) => ("A", a.to_string()),
                Ok(IpAddr::V6(a)) => ("AAAA", a.to_string()),
                Err(_) => continue, // refused by `unwritable`
            };
            let _ = writeln!(w, "{name}\tIN\t{kind}\t{addr}");
        }
    }
}

/// The portal at the apex and `www`, then every approved subdomain, then every
/// suspended one.
fn write_sites(w: &mut String, reg: &Registry, domain: &str) {
    let _ = writeln!(w, "\n; {}", comment(&reg.portal.title));
    records(w, "@", &reg.portal.records);
    let _ = writeln!(w, "www\tIN\tCNAME\t{domain}.");
    for sub in reg
        .subdomains
        .iter()
        .filter(|s| s.status == Status::Approved)
    {
        let decree = sub.decree.as_ref().map_or(String::new(), |d| {
            format!(", decree {} of {}", d.number, d.date)
        });
        let _ = writeln!(w, "\n; {}", comment(&format!("{}{decree}", sub.owner)));
        records(w, &sub.label.to_ascii_lowercase(), &sub.records);
    }
    // A suspended name points at the Dinas's own web server (the portal's addresses),
    // never at the OPD's records, so that visitors see the notice nginx serves there.
    let notice = suspended_records(reg);
    for sub in reg
        .subdomains
        .iter()
        .filter(|s| s.status == Status::Suspended)
    {
        let _ = writeln!(
            w,
            "\n; {}: suspended, at the Dinas's web server",
            comment(&sub.owner)
        );
        records(w, &sub.label.to_ascii_lowercase(), &notice);
    }
}

/// The regency's other records (`[[record]]`), in the registry's order, each with its
/// comment. Only parsed data is written (see [`crate::registry::record`]); `unwritable` has
/// refused any record that does not parse.
fn write_other(w: &mut String, reg: &Registry) {
    if reg.zone_records.is_empty() {
        return;
    }
    let _ = writeln!(
        w,
        "\n; Other records of the regency ([[record]] in domains.toml)"
    );
    for r in &reg.zone_records {
        let Ok(data) = r.data() else { continue };
        if let Some(c) = &r.comment {
            let _ = writeln!(w, "; {}", comment(c));
        }
        let ttl = r.ttl.map_or(String::new(), |t| format!("{t}\t"));
        let _ = writeln!(
            w,
            "{}\t{ttl}IN\t{}\t{}",
            r.owner(),
            r.kind(),
            data.presentation()
        );
    }
}

/// The records of a suspended name: the portal's addresses (the Dinas's web server,
/// which answers with the suspension notice).
pub fn suspended_records(reg: &Registry) -> Records {
    Records {
        a: reg.portal.records.a.clone(),
        aaaa: reg.portal.records.aaaa.clone(),
        ..Records::default()
    }
}

fn records(w: &mut String, name: &str, r: &Records) {
    let ttl = r.ttl.map_or(String::new(), |t| format!("{t}\t"));
    for a in r.a.iter().filter_map(|a| a.parse::<Ipv4Addr>().ok()) {
        let _ = writeln!(w, "{name}\t{ttl}IN\tA\t{a}");
    }
    for a in r.aaaa.iter().filter_map(|a| a.parse::<Ipv6Addr>().ok()) {
        let _ = writeln!(w, "{name}\t{ttl}IN\tAAAA\t{a}");
    }
    if let Some(c) = &r.cname {
        let _ = writeln!(
            w,
            "{name}\t{ttl}IN\tCNAME\t{}.",
            c.trim_end_matches('.').to_ascii_lowercase()
        );
    }
}

fn relative(name: &str, domain: &str) -> String {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    match name.strip_suffix(&format!(".{domain}")) {
        Some(rel) => rel.to_string(),
        None => "@".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const REG: &str = r#"
[regency]
name = "Kabupaten Contoh"
domain = "contohkab.go.id"
dinas = "Diskominfo"
approver = "bupati"
[hosting]
ipv4 = ["203.0.113.0/26"]
nameservers = ["ns1.contohkab.go.id", "ns.example.net"]
glue = { "ns1.contohkab.go.id" = ["203.0.113.2"] }
[portal]
title = "Pemerintah Kabupaten Contoh"
records = { A = ["203.0.113.10"] }
[[subdomain]]
label = "dinkes"
owner = "Dinas Kesehatan"
kind = "site"
status = "approved"
contact = "dinkes@contohkab.go.id"
decree = { number = "1/2024", date = 2024-01-15 }
records = { A = ["203.0.113.11"], ttl = 300 }
history = [ { date = 2024-01-05, action = "requested" }, { date = 2024-01-15, action = "approved", decree = "1/2024" } ]
[[subdomain]]
label = "pasar"
owner = "Dinas Perdagangan"
kind = "site"
status = "revoked"
contact = "pasar@contohkab.go.id"
decree = { number = "2/2024", date = 2024-01-15 }
records = { A = ["203.0.113.12"] }
history = [ { date = 2024-01-05, action = "requested" }, { date = 2024-01-15, action = "approved", decree = "2/2024" }, { date = 2024-03-01, action = "revoked", decree = "3/2024" } ]
"#;

    #[test]
    fn zone_has_soa_ns_glue_portal_and_only_approved_names() {
        let reg = Registry::parse(REG, Path::new("domains.toml")).unwrap();
        let z = zone(&reg, derived_serial(&reg)).unwrap();
        // 2024-03-01 is day 8826 after 2000-01-01; five history entries.
        assert!(
            z.contains("@\tIN\tSOA\tns1.contohkab.go.id. hostmaster.contohkab.go.id. ( 88260005 "),
            "{z}"
        );
        assert!(z.contains("@\tIN\tNS\tns.example.net."));
        assert!(z.contains("ns1\tIN\tA\t203.0.113.2"));
        assert!(z.contains("@\tIN\tA\t203.0.113.10"));
        assert!(z.contains("www\tIN\tCNAME\tcontohkab.go.id."));
        assert!(z.contains("dinkes\t300\tIN\tA\t203.0.113.11"));
        assert!(!z.contains("203.0.113.12"), "revoked names stay out");
    }

    /// The writer's own guard, with the registry's checks bypassed.
    #[test]
    fn free_text_stays_in_comments_and_bad_names_are_refused() {
        let hostile = REG
            .replace(
                "owner = \"Dinas Kesehatan\"",
                "owner = \"Dinkes\\n@ IN NS evil.example.\\r\\n* IN A 198.51.100.1\\u2028x\"",
            )
            .replace(
                "name = \"Kabupaten Contoh\"",
                "name = \"K\\n$ORIGIN evil.example.\"",
            )
            .replace(
                "number = \"1/2024\"",
                "number = \"1\\n* IN A 198.51.100.2\"",
            );
        let reg = Registry::parse(&hostile, Path::new("domains.toml")).unwrap();
        let z = zone(&reg, 1).unwrap();
        for line in z.lines() {
            let record = line.split(';').next().unwrap();
            assert!(
                !record.contains("evil") && !record.contains("198.51.100"),
                "{line:?}"
            );
        }
        assert_eq!(z.lines().filter(|l| l.starts_with(';')).count(), 4, "{z}");

        for (from, to) in [
            (
                "label = \"dinkes\"",
                "label = \"dinkes\\n* IN A 198.51.100.1\"",
            ),
            (
                "A = [\"203.0.113.11\"]",
                "A = [\"203.0.113.11\\n* IN A 198.51.100.1\"]",
            ),
            ("[\"203.0.113.2\"]", "[\"203.0.113.2 ; x\"]"),
            (
                "\"ns.example.net\"",
                "\"ns.example.net. \\n@ IN NS evil.example\"",
            ),
        ] {
            let reg = Registry::parse(&REG.replace(from, to), Path::new("domains.toml")).unwrap();
            assert!(zone(&reg, 1).is_err(), "{to}");
        }
    }
}
