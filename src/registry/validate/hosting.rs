//! The regency's own settings: its domain, and the `[hosting]` table (address
//! ranges, nameservers and their glue, the CNAME targets allowed outside the zone),
//! parsed into the [`Ranges`] the records are held to.
//!
//! Checks the settings once for the whole registry; it must not look at entries.

use super::Validator;
use crate::finding::{Code, Finding};
use crate::msg;
use crate::registry::hostname::{hostname_problem, in_zone};
use crate::registry::Registry;
use crate::text::printable;
use ipnet::{Ipv4Net, Ipv6Net};
use std::net::{Ipv4Addr, Ipv6Addr};

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

impl Validator<'_> {
    pub(super) fn regency(&mut self) {
        let domain = &self.reg.regency.domain;
        let line = self.reg.lines.regency;
        if hostname_problem(domain).is_some() {
            self.push_global(
                Finding::new(
                    Code::RegistryHostingInvalid,
                    msg!("regency-domain", domain = printable(domain)),
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
                Finding::new(
                    Code::RegistryDomainForm,
                    msg!("regency-domain-form", domain = domain.as_str()),
                )
                .line(line)
                .help(msg!("regency-domain-form-help")),
            );
        }
    }

    /// Checks `[hosting]`; the ranges returned are the ones that parse.
    pub(super) fn hosting(&mut self) -> Ranges {
        self.hosting_ranges();
        self.nameservers();
        self.cname_allow();
        self.glue();
        Ranges::of(self.reg)
    }

    /// A `registry.hosting.invalid` finding at the `[hosting]` table.
    fn hosting_invalid(&self, message: String) -> Finding {
        Finding::new(Code::RegistryHostingInvalid, message).line(self.reg.lines.hosting)
    }

    fn hosting_ranges(&mut self) {
        let h = &self.reg.hosting;
        let v4 = |r: &str| r.parse::<Ipv4Net>().is_ok();
        let v6 = |r: &str| r.parse::<Ipv6Net>().is_ok();
        self.unparsed_ranges(&h.ipv4, "IPv4", "203.0.113.0/26", v4);
        self.unparsed_ranges(&h.ipv6, "IPv6", "2001:db8:10::/48", v6);
    }

    fn unparsed_ranges(
        &mut self,
        ranges: &[String],
        family: &str,
        example: &str,
        parses: fn(&str) -> bool,
    ) {
        for r in ranges.iter().filter(|r| !parses(r)) {
            let message = msg!("hosting-range", range = printable(r), family = family);
            let f = self
                .hosting_invalid(message)
                .help(msg!("hosting-range-help", example = example));
            self.push_global(f);
        }
    }

    /// Each nameserver is a host name, and one inside the zone has glue.
    fn nameservers(&mut self) {
        let h = &self.reg.hosting;
        let domain = &self.reg.regency.domain;
        for ns in &h.nameservers {
            if let Some(why) = hostname_problem(ns) {
                let f =
                    self.hosting_invalid(msg!("hosting-nameserver", ns = printable(ns), why = why));
                self.push_global(f);
            } else if in_zone(ns, domain)
                && h.glue
                    .get(ns.trim_end_matches('.'))
                    .is_none_or(|a| a.is_empty())
            {
                self.push_global(
                    Finding::new(
                        Code::RegistryNameserverGlue,
                        msg!(
                            "hosting-glue-missing",
                            ns = ns.as_str(),
                            domain = domain.as_str()
                        ),
                    )
                    .line(self.reg.lines.hosting)
                    .help(msg!("hosting-glue-missing-help", ns = ns.as_str())),
                );
            }
        }
    }

    fn cname_allow(&mut self) {
        for allowed in &self.reg.hosting.cname_allow {
            let name = allowed
                .strip_prefix("*.")
                .or_else(|| allowed.strip_prefix('.'))
                .unwrap_or(allowed);
            if let Some(why) = hostname_problem(name) {
                let f = self
                    .hosting_invalid(msg!(
                        "hosting-cname-allow",
                        name = printable(allowed),
                        why = why
                    ))
                    .help(msg!("hosting-cname-allow-help"));
                self.push_global(f);
            }
        }
    }

    fn glue(&mut self) {
        for (ns, addrs) in &self.reg.hosting.glue {
            if let Some(why) = hostname_problem(ns) {
                let f =
                    self.hosting_invalid(msg!("hosting-glue-name", ns = printable(ns), why = why));
                self.push_global(f);
            }
            for a in addrs
                .iter()
                .filter(|a| a.parse::<std::net::IpAddr>().is_err())
            {
                let f = self.hosting_invalid(msg!(
                    "hosting-glue-address",
                    address = printable(a),
                    ns = printable(ns)
                ));
                self.push_global(f);
            }
        }
    }
}
