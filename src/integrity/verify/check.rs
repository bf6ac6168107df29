//! One registered name checked on its server: a suspended name must answer 503 (the
//! notice), a revoked one not at all, and a built one must serve the manifest expected
//! of it, signed by the registry's key, before its files are compared ([`super::site`]).
//!
//! It reports findings; it must not change anything on the server.

use super::fetch::{self, Client};
use super::{signature_finding, site, Expect, Report, Spam, Target, MANIFEST_CAP, SIGNATURE_CAP};
use crate::finding::{Code, Finding};
use crate::integrity::manifest::{site_signature_path, SiteManifest, SITE_PATH};
use crate::sign::PublicKey;

/// One name's check.
pub(super) struct Check<'a> {
    pub client: &'a Client,
    pub target: &'a Target,
    pub key: Option<&'a PublicKey>,
    pub local: Option<&'a (SiteManifest, Vec<u8>)>,
    pub local_mode: bool,
    pub spam: &'a Spam<'a>,
    pub concurrency: usize,
}

impl Check<'_> {
    fn finding(&self, code: Code, message: String) -> Finding {
        Finding::new(code, message).site(&self.target.label)
    }

    pub async fn run(&self, report: &mut Report) {
        match self.target.expect {
            Expect::Built => self.built(report).await,
            Expect::Suspended => self.suspended(report).await,
            Expect::Revoked => self.revoked(report).await,
        }
    }

    async fn suspended(&self, report: &mut Report) {
        let url = format!("https://{}/", self.target.fqdn);
        match self.client.get(&url, SIGNATURE_CAP * 4).await {
            Err(why) => report.push(self.finding(
                Code::VerifyUnreachable,
                crate::msg!("verify-suspended-silent", url = url.as_str(), why = why),
            )),
            Ok(a) if a.status != 503 => report.push(
                self.finding(
                    Code::VerifyUnexpected,
                    crate::msg!(
                        "verify-suspended-answers",
                        url = url.as_str(),
                        status = a.status.to_string()
                    ),
                )
                .help(crate::msg!("verify-suspended-help")),
            ),
            Ok(_) => {}
        }
    }

    async fn revoked(&self, report: &mut Report) {
        let url = format!("https://{}/", self.target.fqdn);
        if let Ok(a) = self.client.get(&url, SIGNATURE_CAP).await {
            report.push(
                self.finding(
                    Code::VerifyUnexpected,
                    crate::msg!(
                        "verify-revoked-answers",
                        url = url.as_str(),
                        status = a.status.to_string()
                    ),
                )
                .help(crate::msg!("verify-revoked-help")),
            );
        }
    }

    async fn built(&self, report: &mut Report) {
        let fqdn = &self.target.fqdn;
        let url = format!("https://{fqdn}/{SITE_PATH}");
        let deployed = match self.client.get(&url, MANIFEST_CAP).await {
            Err(why) => {
                let f = self.finding(
                    Code::VerifyUnreachable,
                    crate::msg!(
                        "verify-site-unreachable",
                        fqdn = fqdn.to_string(),
                        why = why
                    ),
                );
                return report.push(f.help(crate::msg!("verify-site-unreachable-help")));
            }
            Ok(a) if a.status == 200 && a.body.is_some() => a.body,
            Ok(a) => {
                report.push(self.no_manifest(&url, &a));
                None
            }
        };
        let Some(expected) = self.expected(&url, deployed, report).await else {
            return;
        };
        site::SiteCheck {
            client: self.client,
            label: &self.target.label,
            fqdn,
            expected: &expected,
            spam: self.spam,
            concurrency: self.concurrency,
        }
        .run(report)
        .await;
    }

    fn no_manifest(&self, url: &str, answer: &fetch::Answer) -> Finding {
        let help = crate::msg!("verify-manifest-help");
        let (code, why, help) = match (answer.status, &answer.location) {
            (300..=399, Some(to)) => (
                Code::VerifyUnreachable,
                crate::msg!("verify-redirects", to = crate::text::clipped(to)),
                help,
            ),
            (200, _) => (Code::VerifyChanged, crate::msg!("verify-too-large"), help),
            (404 | 410, _) => (Code::VerifyMissing, crate::msg!("verify-not-there"), help),
            // What nginx answers for a suspended name: a site restored in the registry
            // whose server still runs the configuration from its suspension.
            (503, _) => (
                Code::VerifyUnreachable,
                crate::msg!("verify-answers", status = "503".to_string()),
                crate::msg!("verify-approved-503-help"),
            ),
            (status, _) => (
                Code::VerifyUnreachable,
                crate::msg!("verify-answers", status = status.to_string()),
                help,
            ),
        };
        self.finding(code, crate::msg!("verify-manifest", url = url, why = why))
            .help(help)
    }

    /// The manifest to compare with: the local one (and the deployed one must be the
    /// same bytes), or the deployed one. Its signature is checked against the registry.
    async fn expected(
        &self,
        url: &str,
        deployed: Option<Vec<u8>>,
        report: &mut Report,
    ) -> Option<SiteManifest> {
        let signed = self.signed(url, deployed.as_deref(), report).await;
        if self.local_mode {
            return self.against_local(url, deployed.as_deref(), signed, report);
        }
        let bytes = deployed?;
        match SiteManifest::parse(&bytes) {
            Ok(m) if m.site.eq_ignore_ascii_case(&self.target.fqdn) => Some(m),
            Ok(m) => {
                let why = crate::msg!("verify-other-site", site = crate::text::clipped(&m.site));
                report.push(self.finding(
                    Code::VerifyChanged,
                    crate::msg!("verify-manifest", url = url, why = why),
                ));
                None
            }
            Err(e) => {
                report.push(self.finding(
                    Code::VerifyChanged,
                    crate::msg!("verify-manifest-error", url = url, reason = e.to_string()),
                ));
                None
            }
        }
    }

    /// Whether the registry's key vouches for the served manifest; a finding when it
    /// does not.
    async fn signed(&self, url: &str, deployed: Option<&[u8]>, report: &mut Report) -> bool {
        let (Some(key), Some(bytes)) = (self.key, deployed) else {
            return false;
        };
        let sig_url = format!("https://{}/{}", self.target.fqdn, site_signature_path());
        let sig = match self.client.get(&sig_url, SIGNATURE_CAP).await {
            Ok(a) if a.status == 200 => a.body,
            _ => None,
        };
        let problem = signature_finding(key, bytes, sig, url, Some(&self.target.label));
        let signed = problem.is_none();
        report.findings.extend(problem);
        signed
    }

    /// With a local manifest: it, when the server serves the same bytes; otherwise what
    /// is actually live, and a finding that says which build that is.
    fn against_local(
        &self,
        url: &str,
        deployed: Option<&[u8]>,
        signed: bool,
        report: &mut Report,
    ) -> Option<SiteManifest> {
        let Some((manifest, bytes)) = self.local else {
            report.push(
                self.finding(
                    Code::VerifyMissing,
                    crate::msg!("verify-build-no-manifest", fqdn = self.target.fqdn.as_str()),
                )
                .help(crate::msg!("verify-build-no-manifest-help")),
            );
            return None;
        };
        let Some(served) = deployed.filter(|d| *d != bytes.as_slice()) else {
            return Some(manifest.clone());
        };
        // The server serves another build than the one given: compared with what is
        // actually live (its own manifest), and said which, so that a legitimate
        // rollback is not taken for tampering, nor tampering for a rollback.
        let served = SiteManifest::parse(served)
            .ok()
            .filter(|m| m.site.eq_ignore_ascii_case(&self.target.fqdn));
        let (said, manifest) = match served {
            Some(m) if signed => (
                self.finding(
                    Code::VerifyOtherBuild,
                    crate::msg!("verify-other-build-signed", url = url),
                )
                .help(crate::msg!("verify-other-build-signed-help")),
                m,
            ),
            Some(m) => (
                self.finding(
                    Code::VerifyChanged,
                    crate::msg!("verify-other-build-unsigned", url = url),
                )
                .help(crate::msg!("verify-other-build-unsigned-help")),
                m,
            ),
            None => (
                self.finding(
                    Code::VerifyChanged,
                    crate::msg!("verify-manifest-differs", url = url),
                )
                .help(crate::msg!("verify-manifest-differs-help")),
                manifest.clone(),
            ),
        };
        report.push(said);
        Some(manifest)
    }
}
