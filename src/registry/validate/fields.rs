//! The grammar of the registry's free text: names and titles, owners, purposes and
//! reasons, decree numbers, and contact addresses (which must be on the regency's
//! domain).
//!
//! Says whether a value may stand in the file (see [`crate::registry::grammar`]); it
//! must not judge what the value means for the entry's life or records.

use super::Validator;
use crate::finding::{Code, Finding};
use crate::msg;
use crate::registry::grammar::{
    self, decree_problem, email_problem, text_problem, NAME_MAX, TEXT_MAX,
};
use crate::registry::hostname::{hostname_problem, label_problem};
use crate::registry::Subdomain;
use crate::text::printable;

impl Validator<'_> {
    /// The free text of `[regency]` and `[portal]`.
    pub(super) fn texts(&mut self) {
        let reg = self.reg;
        for (what, value, line) in [
            ("[regency] name", &reg.regency.name, reg.lines.name),
            ("[regency] dinas", &reg.regency.dinas, reg.lines.dinas),
            ("[portal] title", &reg.portal.title, reg.lines.title),
        ] {
            if let Some(why) = text_problem(value, NAME_MAX) {
                self.push_global(field_invalid(what.to_string(), value, &why).line(line));
            }
        }
        // Shown to citizens on a suspended site's notice: an address or nothing.
        if let Some(contact) = &reg.regency.contact {
            if let Some(why) = email_problem(contact) {
                let example = format!("diskominfo@{}", reg.regency.domain);
                self.push_global(
                    field_invalid("[regency] contact".to_string(), contact, &why)
                        .line(reg.lines.regency)
                        .help(msg!("field-contact-help", example = example)),
                );
            }
        }
    }

    /// `[integrity]`: the public key parses, spam terms are one line of text, link hosts
    /// are host names or `*.` and a host name.
    pub(super) fn integrity(&mut self) {
        let (settings, line) = (&self.reg.integrity, self.reg.lines.integrity);
        let mut found = Vec::new();
        if let Some(key) = &settings.public_key {
            if let Err(e) = key.parse::<crate::sign::PublicKey>() {
                found.push(
                    Finding::new(Code::RegistryFieldInvalid, format!("[integrity] {e}"))
                        .help(msg!("registry-key-help")),
                );
            }
        }
        for term in &settings.spam_terms {
            if let Some(why) = text_problem(term, NAME_MAX)
                .or_else(|| term.trim().is_empty().then(|| msg!("grammar-empty")))
            {
                found.push(field_invalid(msg!("field-spam-term"), term, &why));
            }
        }
        for host in &settings.link_hosts {
            let bare = host.strip_prefix("*.").unwrap_or(host);
            if let Some(why) = hostname_problem(bare) {
                found.push(
                    field_invalid(msg!("field-link-host"), host, &why)
                        .help(msg!("field-link-host-help")),
                );
            }
        }
        for f in found {
            self.push_global(f.line(line));
        }
    }

    /// The grammar of an entry's free text, decree numbers and contact.
    pub(super) fn entry_fields(&mut self, sub: &Subdomain) {
        let mut found = Vec::new();
        let mut text = |what: String, value: &str, max: usize, line: usize| {
            if let Some(why) = text_problem(value, max) {
                found.push(field_invalid(what, value, &why).line(line));
            }
        };
        text("owner".into(), &sub.owner, NAME_MAX, sub.lines.owner);
        if let Some(purpose) = &sub.purpose {
            text("purpose".into(), purpose, TEXT_MAX, sub.lines.purpose);
        }
        for h in &sub.history {
            if let Some(reason) = &h.reason {
                text(msg!("field-history-reason"), reason, TEXT_MAX, h.line);
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
                    field_invalid(msg!("field-decree-number"), number, &why)
                        .line(line)
                        .help(msg!("field-decree-number-help")),
                );
            }
        }
        if let Some(why) = email_problem(&sub.contact) {
            found.push(
                field_invalid("contact".into(), &sub.contact, &why)
                    .line(sub.lines.contact)
                    .help(msg!(
                        "field-contact-help",
                        example = format!(
                            "{}@{}",
                            if label_problem(&sub.label, "x").is_none() {
                                sub.label.as_str()
                            } else {
                                "humas"
                            },
                            self.reg.regency.domain
                        )
                    )),
            );
        }
        for f in found {
            self.push(f, sub);
        }
    }

    pub(super) fn contact(&mut self, sub: &Subdomain) {
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
                    msg!(
                        "registry-contact-domain",
                        contact = sub.contact.as_str(),
                        domain = domain.as_str()
                    ),
                )
                .line(sub.lines.contact)
                .help(msg!(
                    "registry-contact-domain-help",
                    domain = domain.as_str()
                )),
                sub,
            );
        }
    }
}

/// A `registry.field.invalid` finding; the value is shown escaped.
fn field_invalid(what: String, value: &str, why: &str) -> Finding {
    Finding::new(
        Code::RegistryFieldInvalid,
        msg!(
            "field-invalid",
            what = what,
            value = printable(value),
            why = why
        ),
    )
    .help(grammar::help())
}
