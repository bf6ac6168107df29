//! The registry: `domains.toml`, the Dinas's record of the regency domain and of which
//! OPD holds which subdomain under which decree.
//!
//! This module reads the file into plain types and reports syntax and shape errors with
//! their line; [`validate`] holds the rules a well-shaped registry must still meet;
//! [`edit`] changes the file the way the Dinas's workflow does. It reads `domains.toml`
//! and nothing else: what the registry becomes for the DNS and web servers is
//! the `hosting` wing's, and it knows nothing of content, rendering or DNS queries.

pub mod edit;
pub mod grammar;
pub mod hostname;
mod raw;
pub mod record;
pub mod validate;

use crate::error::Error;
use crate::finding::{line_of, Code, Finding};
use jiff::civil::Date;
use raw::RawRegistry;
pub use record::ZoneRecord;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The file name of the registry inside a regency root.
pub const FILE_NAME: &str = "domains.toml";

/// The label under which the portal (the apex domain) is addressed in content and links.
pub const PORTAL_LABEL: &str = "portal";

#[derive(Debug, Clone)]
pub struct Registry {
    /// The registry file, relative to the regency root (for findings).
    pub file: PathBuf,
    pub regency: Regency,
    pub hosting: Hosting,
    pub portal: Portal,
    pub subdomains: Vec<Subdomain>,
    /// `[[record]]`: the regency's other DNS records (mail, SPF, DMARC, CAA...).
    pub zone_records: Vec<ZoneRecord>,
    /// Lines of the `[regency]`, `[hosting]` and `[portal]` tables, for findings.
    pub lines: TableLines,
    /// `[report]`: the settings of `laman report`.
    pub report: ReportSettings,
    /// `[integrity]`: the signing key and the spam guard's settings.
    pub integrity: IntegritySettings,
}

/// Where the tables and their free-text fields stand (1-based lines), for findings.
#[derive(Debug, Clone, Copy, Default)]
pub struct TableLines {
    pub regency: usize,
    pub hosting: usize,
    pub portal: usize,
    pub integrity: usize,
    /// `[regency] name`, `dinas` and `[portal] title`.
    pub name: usize,
    pub dinas: usize,
    pub title: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Regency {
    pub name: String,
    pub domain: String,
    pub dinas: String,
    pub approver: Approver,
    /// `contact`: the Dinas's e-mail address for citizens (shown on a suspended site's
    /// notice); optional.
    pub contact: Option<String>,
}

/// Who signs subdomain decrees: the regulations differ per regency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Approver {
    KepalaDinas,
    Bupati,
    Walikota,
    Gubernur,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Hosting {
    #[serde(default)]
    pub ipv4: Vec<String>,
    #[serde(default)]
    pub ipv6: Vec<String>,
    #[serde(default)]
    pub nameservers: Vec<String>,
    #[serde(default)]
    pub cname_allow: Vec<String>,
    /// Addresses of nameservers that lie inside the regency zone (`ns1.<domain>`): the
    /// zone must carry their A/AAAA records.
    #[serde(default)]
    pub glue: std::collections::BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Portal {
    pub title: String,
    #[serde(default)]
    pub records: Records,
    /// The portal may carry its own code (see [`Subdomain::custom_code`]).
    #[serde(default)]
    pub custom_code: bool,
}

/// The DNS records a name must have.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Records {
    #[serde(rename = "A", default, skip_serializing_if = "Vec::is_empty")]
    pub a: Vec<String>,
    #[serde(rename = "AAAA", default, skip_serializing_if = "Vec::is_empty")]
    pub aaaa: Vec<String>,
    #[serde(rename = "CNAME", default, skip_serializing_if = "Option::is_none")]
    pub cname: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// An OPD website built from `content/<label>`.
    Site,
    /// A public service hosted by the Dinas (procurement, licensing...).
    Service,
    /// An application of an OPD.
    App,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Site => "site",
            Kind::Service => "service",
            Kind::App => "app",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Requested,
    Approved,
    Suspended,
    Revoked,
    Rejected,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Requested => "requested",
            Status::Approved => "approved",
            Status::Suspended => "suspended",
            Status::Revoked => "revoked",
            Status::Rejected => "rejected",
        }
    }

    /// The status as a word of the run's language ("approved", "disetujui"), for prose;
    /// [`Status::as_str`] is what domains.toml and JSON hold.
    pub fn word(self) -> String {
        crate::msg!(match self {
            Status::Requested => "status-requested",
            Status::Approved => "status-approved",
            Status::Suspended => "status-suspended",
            Status::Revoked => "status-revoked",
            Status::Rejected => "status-rejected",
        })
    }
}

/// A decree (SK, Keputusan): what makes the use of a subdomain lawful.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decree {
    pub number: String,
    pub date: Date,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryEntry {
    pub date: Date,
    pub action: Status,
    pub decree: Option<String>,
    pub reason: Option<String>,
    /// The line of this entry in the registry file.
    #[serde(skip)]
    pub line: usize,
}

/// Where the fields of an entry stand in the registry file (1-based lines), for findings.
#[derive(Debug, Clone, Copy, Default)]
pub struct EntryLines {
    pub entry: usize,
    pub label: usize,
    pub owner: usize,
    pub purpose: usize,
    pub contact: usize,
    pub requested: usize,
    pub decree: usize,
    pub records: usize,
    pub review: usize,
    pub history: usize,
}

/// One `[[subdomain]]` entry.
#[derive(Debug, Clone, Serialize)]
pub struct Subdomain {
    pub label: String,
    pub owner: String,
    pub kind: Kind,
    pub status: Status,
    pub contact: String,
    pub purpose: Option<String>,
    pub requested: Option<Date>,
    pub decree: Option<Decree>,
    pub records: Records,
    pub review: Option<Date>,
    pub history: Vec<HistoryEntry>,
    /// The Dinas lets this site carry its own code: templates in `_templates/` and files
    /// a browser runs (HTML, scripts, style sheets, SVG with script) in its content.
    pub custom_code: bool,
    /// The line of the entry's `[[subdomain]]` header in the registry file.
    #[serde(skip)]
    pub line: usize,
    #[serde(skip)]
    pub lines: EntryLines,
}

/// `[report]`: how `laman report` judges the sites; the Dinas's settings, all optional.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSettings {
    /// Days without news after which a site is stale (default 90, a quarter).
    pub period_days: Option<i64>,
    /// The period of particular sites, by label.
    #[serde(default)]
    pub period: std::collections::BTreeMap<String, i64>,
    /// Pages every OPD site must have, as their address paths (`profil/visi-misi`).
    pub required: Option<Vec<String>>,
    /// Pages the portal must have.
    pub required_portal: Option<Vec<String>>,
    /// The signature block of the printed report.
    pub place: Option<String>,
    pub signer: Option<String>,
    pub signer_title: Option<String>,
    pub signer_id: Option<String>,
}

/// `[integrity]`: what keeps the published sites honest, all optional. The public key
/// is here, in the registry the Dinas approves, so that `laman verify` trusts the
/// registry and never the server it checks.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IntegritySettings {
    /// The Ed25519 public key that signs every build's manifests, as `laman keygen`
    /// prints it (`ed25519:` and 32 bytes in base64).
    pub public_key: Option<String>,
    /// Gambling-spam terms this regency adds to laman's own list.
    #[serde(default)]
    pub spam_terms: Vec<String>,
    /// Hosts outside `*.go.id` that pages may link to without a warning (`bps.go.id` needs
    /// no entry; `*.ac.id` allows every host under `ac.id`).
    #[serde(default)]
    pub link_hosts: Vec<String>,
}

impl Registry {
    /// Reads `<root>/domains.toml`. A root that is not a folder is a usage error, a
    /// missing or unreadable file an I/O error (the program cannot run); a file that is read but wrong, or a `domains.toml` that is a
    /// link leaving the root, is refused with findings.
    pub fn load(root: &Path) -> crate::error::Result<Registry> {
        if !root.is_dir() {
            return Err(Error::Usage(crate::msg!(
                "domains-root-not-folder",
                root = root.display().to_string()
            )));
        }
        let cannot = || {
            crate::msg!(
                "registry-unreadable",
                file = root.join(FILE_NAME).display().to_string(),
                root = root.display().to_string()
            )
        };
        let bytes = match crate::input::Area::new(root, "").read(FILE_NAME) {
            Err(e) if crate::input::is_outside(&e) => {
                return Err(Error::refused(crate::input::finding(
                    &e,
                    Path::new(FILE_NAME),
                )))
            }
            other => other.map_err(Error::io(cannot()))?,
        };
        let text = String::from_utf8(bytes).map_err(Error::io(cannot()))?;
        Registry::parse(&text, Path::new(FILE_NAME)).map_err(Error::Refused)
    }

    /// Parses the registry text; `file` is the name findings carry.
    pub fn parse(text: &str, file: &Path) -> Result<Registry, Vec<Finding>> {
        let raw: RawRegistry = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
            vec![Finding::new(Code::RegistryParse, first_line(e.message()))
                .at(file, line)
                .help(crate::msg!("registry-parse-help"))]
        })?;
        let mut findings = Vec::new();
        let subdomains = raw
            .subdomain
            .into_iter()
            .filter_map(|entry| {
                let line = line_of(text, entry.span().start);
                match entry.into_inner().into_subdomain(text, line) {
                    Ok(sub) => Some(sub),
                    Err(finding) => {
                        findings.push(finding.file(file));
                        None
                    }
                }
            })
            .collect();
        if !findings.is_empty() {
            return Err(findings);
        }
        let zone_records = raw
            .record
            .into_iter()
            .map(|r| {
                let line = line_of(text, r.span().start);
                r.into_inner().into_record(line)
            })
            .collect();
        let header = |name: &str| {
            text.lines()
                .position(|l| l.trim_start().starts_with(&format!("[{name}]")))
                .map_or(1, |i| i + 1)
        };
        let at = |start: usize| line_of(text, start);
        let lines = TableLines {
            regency: header("regency"),
            hosting: header("hosting"),
            portal: header("portal"),
            integrity: header("integrity"),
            name: at(raw.regency.name.span().start),
            dinas: at(raw.regency.dinas.span().start),
            title: at(raw.portal.title.span().start),
        };
        Ok(Registry {
            file: file.to_path_buf(),
            regency: Regency {
                name: raw.regency.name.into_inner(),
                domain: raw.regency.domain,
                dinas: raw.regency.dinas.into_inner(),
                approver: raw.regency.approver,
                contact: raw.regency.contact,
            },
            hosting: raw.hosting,
            portal: Portal {
                title: raw.portal.title.into_inner(),
                records: raw.portal.records,
                custom_code: raw.portal.custom_code,
            },
            subdomains,
            zone_records,
            lines,
            report: raw.report,
            integrity: raw.integrity,
        })
    }

    /// The labels whose entry lets them carry their own code, the portal first.
    pub fn custom_code_sites(&self) -> Vec<String> {
        let portal = self.portal.custom_code.then(|| PORTAL_LABEL.to_string());
        portal
            .into_iter()
            .chain(
                self.subdomains
                    .iter()
                    .filter(|s| s.custom_code)
                    .map(|s| s.label.clone()),
            )
            .collect()
    }

    /// The entry with this label, compared without regard to case.
    pub fn subdomain(&self, label: &str) -> Option<&Subdomain> {
        self.subdomains
            .iter()
            .find(|s| s.label.eq_ignore_ascii_case(label))
    }

    /// The fully qualified name of a label (`portal` is the apex).
    pub fn fqdn(&self, label: &str) -> String {
        fqdn_in(&self.regency.domain, label)
    }

    /// Approved entries of the given kind, in file order.
    pub fn approved(&self, kind: Kind) -> impl Iterator<Item = &Subdomain> {
        self.subdomains
            .iter()
            .filter(move |s| s.status == Status::Approved && s.kind == kind)
    }
}

/// Reads the registry of a regency root and checks its rules: the registry with the
/// findings of its rules; refused when it cannot be read or parsed at all.
pub fn checked(root: &Path, today: Date) -> Result<(Registry, Vec<Finding>), Error> {
    let registry = Registry::load(root)?;
    let has_content = |label: &str| root.join("content").join(label).is_dir();
    let findings = validate::validate(&registry, today, &has_content);
    Ok((registry, findings))
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}

/// The fully qualified name of `label` under the regency's `domain` (`portal` is the
/// apex): the rule of [`Registry::fqdn`], for those who hold only the domain (a built
/// output's manifest).
pub fn fqdn_in(domain: &str, label: &str) -> String {
    if label == PORTAL_LABEL {
        domain.to_string()
    } else {
        format!("{label}.{domain}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
[regency]
name = "Kabupaten Contoh"
domain = "contohkab.go.id"
dinas = "Dinas Komunikasi dan Informatika Kabupaten Contoh"
approver = "bupati"

[portal]
title = "Pemerintah Kabupaten Contoh"

[[subdomain]]
label = "dinkes"
owner = "Dinas Kesehatan"
kind = "site"
status = "approved"
contact = "dinkes@contohkab.go.id"
decree = { number = "1/2024", date = 2024-01-15 }
records = { A = ["203.0.113.11"] }
"#;

    #[test]
    fn minimal_registry_parses_with_entry_lines() {
        let reg = Registry::parse(MINIMAL, Path::new("domains.toml")).unwrap();
        let sub = reg.subdomain("DINKES").unwrap();
        assert_eq!(sub.line, 11);
        assert_eq!(
            sub.decree.as_ref().unwrap().date,
            jiff::civil::date(2024, 1, 15)
        );
        assert_eq!(reg.fqdn("dinkes"), "dinkes.contohkab.go.id");
        assert_eq!(reg.fqdn(PORTAL_LABEL), "contohkab.go.id");
    }

    #[test]
    fn unknown_status_is_reported_at_its_line() {
        let text = MINIMAL.replace("status = \"approved\"", "status = \"aproved\"");
        let err = Registry::parse(&text, Path::new("domains.toml")).unwrap_err();
        assert_eq!(err[0].code, Code::RegistryParse);
        assert_eq!(err[0].line, Some(15));
        assert!(err[0].message.contains("aproved"), "{}", err[0].message);
    }

    #[test]
    fn a_time_where_a_date_belongs_is_an_error() {
        let text = MINIMAL.replace("date = 2024-01-15", "date = 2024-01-15T10:00:00");
        let err = Registry::parse(&text, Path::new("domains.toml")).unwrap_err();
        assert_eq!(err[0].line, Some(17));
    }

    #[test]
    fn syntax_error_names_the_line() {
        let text = MINIMAL.replace("owner = \"Dinas Kesehatan\"", "owner = \"Dinas Kesehatan");
        let err = Registry::parse(&text, Path::new("domains.toml")).unwrap_err();
        assert_eq!(err[0].line, Some(13));
    }
}
