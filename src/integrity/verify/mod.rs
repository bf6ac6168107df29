//! `laman verify`: the live sites compared with what was built.
//!
//! For each site the registry approves, the expected manifest comes from the build's
//! output (`--out`), a regency manifest (`--manifest`), or the server itself; it is
//! trusted only when signed by the registry's key (`[integrity] public_key`), never
//! because the server says so. Then every listed file is fetched and compared ([`site`]).
//! A suspended site must answer 503 (the notice); a revoked one must not answer.
//!
//! Bounded everywhere: at most `concurrency` requests at once, each with a deadline for
//! the whole exchange and a cap on what is read. It reports findings; it must not
//! change anything, here or on the server.

mod fetch;
mod site;

pub use fetch::{parse_resolve, Reach};

use crate::error::{Error, Result};
use crate::finding::{Code, Finding};
use crate::integrity::manifest::{
    site_signature_path, RegencyManifest, SiteManifest, REGENCY_FILE, SITE_PATH,
};
use crate::integrity::seal::signature_of;
use crate::registry::{Kind, Registry, Status, PORTAL_LABEL};
use crate::sign::PublicKey;
use fetch::Client;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The most a manifest may weigh (a 10,000-page site's is about 1.3 MB; the most files
/// a manifest may list take about 30 MB).
const MANIFEST_CAP: u64 = 32 * 1024 * 1024;
const SIGNATURE_CAP: u64 = 16 * 1024;

/// Where the expected manifests come from.
#[derive(Debug, Clone)]
pub enum Expected {
    /// The servers' own manifests (trusted through their signatures).
    Deployed,
    /// A build's output folder: `DIR/<fqdn>/.well-known/laman-manifest.json`.
    Out(PathBuf),
    /// A regency manifest file (`OUT/laman-manifest.json`), its signature beside it.
    Manifest(PathBuf),
}

#[derive(Debug, Clone)]
pub struct Options {
    /// Only these sites (labels, `portal`); empty: every one.
    pub sites: Vec<String>,
    pub expected: Expected,
    pub reach: Reach,
    pub concurrency: usize,
    /// With no `[integrity] public_key`: the Dinas's explicit choice to run anyway, which
    /// lowers `verify.unsigned` to a warning (it is still said on every run).
    pub allow_unsigned: bool,
}

/// Names the gambling spam in a page, one description a hit (empty: none).
pub type Spam<'a> = dyn Fn(&str) -> Vec<String> + Sync + 'a;

/// The spam `guard` finds in a served page, in words: its terms and what hides text
/// (links to other hosts alone are not spam on a live page: the build warned of them).
pub fn spam_found(guard: &crate::integrity::spam::SpamGuard, page: &str) -> Vec<String> {
    use crate::integrity::spam::HitKind;
    let mut said: Vec<String> = guard
        .scan_html(page)
        .into_iter()
        .filter_map(|hit| match hit.kind {
            HitKind::Term { term } => Some(crate::msg!("verify-spam-term", term = term)),
            HitKind::HiddenText { style } => Some(crate::msg!(
                "verify-spam-hidden",
                style = style,
                found = crate::text::clipped(&hit.found)
            )),
            HitKind::ExternalLink { .. } => None,
        })
        .collect();
    said.sort();
    said.dedup();
    said.truncate(8);
    said
}

/// What a verify found.
#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// Sites checked, and files compared.
    pub sites: usize,
    pub files: usize,
}

impl Report {
    fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }
}

/// What is expected of one registered name.
enum Expect {
    Built,
    Suspended,
    Revoked,
}

struct Target {
    label: String,
    fqdn: String,
    expect: Expect,
}

/// Checks the live sites. Blocking: it runs its own small tokio runtime. `progress`
/// hears (sites done, sites in all) as each site is finished.
pub fn verify(
    registry: &Registry,
    options: &Options,
    spam: &Spam,
    progress: &dyn Fn(usize, usize),
) -> Result<Report> {
    let targets = targets(registry, &options.sites)?;
    let key = match &registry.integrity.public_key {
        Some(k) => Some(
            k.parse::<PublicKey>()
                .map_err(|e| Error::Usage(e.to_string()))?,
        ),
        None => None,
    };
    let local = local_manifests(&options.expected, key.as_ref())?;
    let mut reach = options.reach.clone();
    reach.resolve = expand_wildcards(&reach.resolve, &targets);
    if reach.insecure {
        only_loopback(&reach.resolve, &targets)?;
    }
    let client = Client::new(&reach).map_err(Error::Usage)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(Error::io(crate::msg!("verify-http-client")))?;
    let mut report = Report::default();
    report.findings.extend(local.findings);
    if key.is_none() {
        report.push(unsigned_finding(&options.expected, options.allow_unsigned));
    }
    runtime.block_on(async {
        for (done, target) in targets.iter().enumerate() {
            progress(done, targets.len());
            report.sites += 1;
            let check = Check {
                client: &client,
                target,
                key: key.as_ref(),
                local: local.sites.get(&target.fqdn),
                local_mode: !matches!(options.expected, Expected::Deployed),
                spam,
                concurrency: options.concurrency.max(1),
            };
            check.run(&mut report).await;
        }
        progress(targets.len(), targets.len());
    });
    crate::finding::sort(&mut report.findings);
    Ok(report)
}

/// The names to check: the portal and every site-kind entry approved, suspended or
/// revoked (suspended and revoked names of any kind: the zone points them at the
/// Dinas's server, which must answer 503, or not at all).
fn targets(registry: &Registry, only: &[String]) -> Result<Vec<Target>> {
    let mut targets = vec![Target {
        label: PORTAL_LABEL.into(),
        fqdn: registry.regency.domain.clone(),
        expect: Expect::Built,
    }];
    for sub in &registry.subdomains {
        let expect = match (sub.status, sub.kind) {
            (Status::Approved, Kind::Site) => Expect::Built,
            (Status::Suspended, _) => Expect::Suspended,
            (Status::Revoked, _) => Expect::Revoked,
            _ => continue,
        };
        targets.push(Target {
            label: sub.label.clone(),
            fqdn: registry.fqdn(&sub.label),
            expect,
        });
    }
    if let Some(unknown) = only
        .iter()
        .find(|l| !targets.iter().any(|t| t.label == **l))
    {
        return Err(Error::Usage(crate::msg!(
            "verify-unknown-site",
            site = crate::text::clipped(unknown)
        )));
    }
    targets.retain(|t| only.is_empty() || only.contains(&t.label));
    Ok(targets)
}

/// `*` in `--resolve` stands for every name checked.
fn expand_wildcards(
    resolve: &[(String, std::net::SocketAddr)],
    targets: &[Target],
) -> Vec<(String, std::net::SocketAddr)> {
    let mut out = Vec::new();
    for (host, addr) in resolve {
        if host == "*" {
            out.extend(targets.iter().map(|t| (t.fqdn.clone(), *addr)));
        } else {
            out.push((host.clone(), *addr));
        }
    }
    out
}

/// `--insecure-localhost` is for a server on this machine: every name must be pointed
/// at a loopback address.
fn only_loopback(resolve: &[(String, std::net::SocketAddr)], targets: &[Target]) -> Result<()> {
    for t in targets {
        let local = resolve
            .iter()
            .filter(|(host, _)| host.eq_ignore_ascii_case(&t.fqdn))
            .all(|(_, addr)| addr.ip().is_loopback());
        let pointed = resolve.iter().any(|(h, _)| h.eq_ignore_ascii_case(&t.fqdn));
        if !(local && pointed) {
            return Err(Error::Usage(crate::msg!(
                "verify-insecure",
                fqdn = t.fqdn.as_str()
            )));
        }
    }
    Ok(())
}

/// `verify.unsigned`: without a registered key nothing vouches for a manifest, so a
/// server whose pages and manifest were both rewritten looks clean. Said on every run;
/// an error unless the Dinas chose `--allow-unsigned`.
fn unsigned_finding(expected: &Expected, allowed: bool) -> Finding {
    let against = match expected {
        Expected::Deployed => crate::msg!("verify-unsigned-deployed"),
        Expected::Out(dir) => crate::msg!("verify-unsigned-out", dir = dir.display().to_string()),
        Expected::Manifest(file) => {
            crate::msg!("verify-unsigned-out", dir = file.display().to_string())
        }
    };
    let f = Finding::new(
        Code::VerifyUnsigned,
        crate::msg!("verify-no-key", against = against),
    )
    .help(crate::msg!("verify-no-key-help"));
    if allowed {
        f.warning()
    } else {
        f
    }
}

/// The manifests read from disk, by site, and what reading them found.
#[derive(Default)]
struct Local {
    sites: BTreeMap<String, (SiteManifest, Vec<u8>)>,
    findings: Vec<Finding>,
}

fn local_manifests(expected: &Expected, key: Option<&PublicKey>) -> Result<Local> {
    let mut local = Local::default();
    match expected {
        Expected::Deployed => {}
        Expected::Manifest(file) => {
            let bytes = read_capped(file)?;
            let manifest = RegencyManifest::parse(&bytes)
                .map_err(|e| Error::Usage(format!("--manifest {}: {e}", file.display())))?;
            if let Some(key) = key {
                local.findings.extend(signature_finding(
                    key,
                    &bytes,
                    std::fs::read(signature_of(file)).ok(),
                    &file.display().to_string(),
                    None,
                ));
            }
            for site in manifest.sites {
                let bytes = site.to_bytes();
                local.sites.insert(site.site.clone(), (site, bytes));
            }
        }
        Expected::Out(dir) => {
            if !dir.join(REGENCY_FILE).is_file() {
                return Err(Error::Usage(crate::msg!(
                    "verify-out-no-manifest",
                    dir = dir.display().to_string(),
                    file = REGENCY_FILE
                )));
            }
            for entry in std::fs::read_dir(dir).map_err(Error::io(crate::msg!(
                "verify-cannot-read",
                file = dir.display().to_string()
            )))? {
                let Ok(entry) = entry else { continue };
                let path = entry.path().join(SITE_PATH);
                let Ok(bytes) = read_capped(&path) else {
                    continue;
                };
                let fqdn = entry.file_name().to_string_lossy().into_owned();
                let manifest = SiteManifest::parse(&bytes)
                    .map_err(|e| Error::Usage(format!("{}: {e}", path.display())))?;
                if let Some(key) = key {
                    let sig = std::fs::read(entry.path().join(site_signature_path())).ok();
                    let shown = path.display().to_string();
                    local
                        .findings
                        .extend(signature_finding(key, &bytes, sig, &shown, None));
                }
                local.sites.insert(fqdn, (manifest, bytes));
            }
        }
    }
    Ok(local)
}

fn read_capped(path: &std::path::Path) -> Result<Vec<u8>> {
    let cannot = || {
        Error::io(crate::msg!(
            "verify-cannot-read",
            file = path.display().to_string()
        ))
    };
    let meta = std::fs::metadata(path).map_err(cannot())?;
    if meta.len() > MANIFEST_CAP {
        return Err(Error::Usage(crate::msg!(
            "verify-manifest-large",
            file = path.display().to_string(),
            max = MANIFEST_CAP >> 20
        )));
    }
    std::fs::read(path).map_err(cannot())
}

/// A `verify.signature` finding when `signature` does not vouch for `bytes` by `key`.
fn signature_finding(
    key: &PublicKey,
    bytes: &[u8],
    signature: Option<Vec<u8>>,
    what: &str,
    site: Option<&str>,
) -> Option<Finding> {
    let problem = match signature {
        None => crate::msg!("verify-unsigned"),
        Some(sig) => key.check(bytes, &sig).err()?.to_string(),
    };
    let f = Finding::new(
        Code::VerifySignature,
        crate::msg!("verify-untrusted", what = what, problem = problem),
    )
    .help(crate::msg!("verify-untrusted-help"));
    Some(match site {
        Some(label) => f.site(label),
        None => f,
    })
}

/// One name's check.
struct Check<'a> {
    client: &'a Client,
    target: &'a Target,
    key: Option<&'a PublicKey>,
    local: Option<&'a (SiteManifest, Vec<u8>)>,
    local_mode: bool,
    spam: &'a Spam<'a>,
    concurrency: usize,
}

impl Check<'_> {
    fn finding(&self, code: Code, message: String) -> Finding {
        Finding::new(code, message).site(&self.target.label)
    }

    async fn run(&self, report: &mut Report) {
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
        // Whether the registry's key vouches for the served manifest.
        let mut signed = false;
        if let (Some(key), Some(bytes)) = (self.key, &deployed) {
            let sig_url = format!("https://{}/{}", self.target.fqdn, site_signature_path());
            let sig = match self.client.get(&sig_url, SIGNATURE_CAP).await {
                Ok(a) if a.status == 200 => a.body,
                _ => None,
            };
            let problem = signature_finding(key, bytes, sig, url, Some(&self.target.label));
            signed = problem.is_none();
            report.findings.extend(problem);
        }
        if self.local_mode {
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
            let Some(served) = deployed.as_ref().filter(|d| *d != bytes) else {
                return Some(manifest.clone());
            };
            // The server serves another build than the one given: compared with what is
            // actually live (its own manifest), and said which, so that a legitimate
            // rollback is not taken for tampering, nor tampering for a rollback.
            let served = SiteManifest::parse(served)
                .ok()
                .filter(|m| m.site.eq_ignore_ascii_case(&self.target.fqdn));
            return match served {
                Some(m) if signed => {
                    report.push(
                        self.finding(
                            Code::VerifyOtherBuild,
                            crate::msg!("verify-other-build-signed", url = url),
                        )
                        .help(crate::msg!("verify-other-build-signed-help")),
                    );
                    Some(m)
                }
                Some(m) => {
                    report.push(
                        self.finding(
                            Code::VerifyChanged,
                            crate::msg!("verify-other-build-unsigned", url = url),
                        )
                        .help(crate::msg!("verify-other-build-unsigned-help")),
                    );
                    Some(m)
                }
                None => {
                    report.push(
                        self.finding(
                            Code::VerifyChanged,
                            crate::msg!("verify-manifest-differs", url = url),
                        )
                        .help(crate::msg!("verify-manifest-differs-help")),
                    );
                    Some(manifest.clone())
                }
            };
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
}
