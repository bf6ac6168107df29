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

mod check;
mod fetch;
mod local;
mod site;

pub use fetch::{parse_resolve, Reach};

use crate::error::{Error, Result};
use crate::finding::{Code, Finding};
use crate::registry::{Kind, Registry, Status, PORTAL_LABEL};
use crate::sign::PublicKey;
use check::Check;
use fetch::Client;
use local::local_manifests;
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

/// Checks the live sites. Blocking: it runs a runtime of its own (`crate::runtime`).
/// `progress` hears (sites done, sites in all) as each site is finished.
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
    let runtime = crate::runtime::new().map_err(Error::io(crate::msg!("verify-http-client")))?;
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
