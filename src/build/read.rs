//! The first stages: the registry, checked (and the signing key held against it), then
//! every site's content, read in parallel or taken from the preview's cache.
//!
//! Reading only: nothing here resolves links between sites or renders.

use super::{Mode, Options};
use crate::content::{self, LoadOptions, SiteContent};
use crate::error::{Error, Result};
use crate::finding::Finding;
use crate::registry::{Registry, PORTAL_LABEL};
use crate::sign::Signer;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

/// Content already read, by site label, for a preview server to reuse: a rebuild reads
/// again only the sites whose entries were removed.
#[derive(Default)]
pub struct ContentCache {
    sites: Mutex<HashMap<String, Loaded>>,
}

/// A site's content as read, with the findings of reading it.
type Loaded = (Arc<SiteContent>, Vec<Finding>);

impl ContentCache {
    /// Forget one site's content (its files changed).
    pub fn invalidate(&self, label: &str) {
        self.sites.lock().unwrap().remove(label);
    }

    /// Forget everything.
    pub fn clear(&self) {
        self.sites.lock().unwrap().clear();
    }
}

/// The registry and its findings; refused when it cannot be used. A build that could
/// not be signed is refused here, before any page is rendered.
pub(super) fn registry(options: &Options) -> Result<(Registry, Vec<Finding>)> {
    let (registry, findings) = crate::registry::checked(&options.root, options.today)?;
    if let Mode::Build {
        signer: Some(signer),
        ..
    } = &options.mode
    {
        registered_key(&registry, signer)?;
    }
    Ok((registry, findings))
}

/// Refuses to sign with a key the registry does not name: `verify` trusts only the
/// registry's key, so such a signature would vouch for nothing.
fn registered_key(registry: &Registry, signer: &Signer) -> Result<()> {
    let key = signer.public_key().to_string();
    match &registry.integrity.public_key {
        // A registered key that does not parse says why (a missing prefix, say), not
        // that this key is another one.
        Some(registered) => match registered.parse::<crate::sign::PublicKey>() {
            Err(e) => Err(Error::Usage(format!("[integrity] {e}"))),
            Ok(k) if k == signer.public_key() => Ok(()),
            Ok(_) => Err(Error::Usage(crate::msg!(
                "build-sign-key-other",
                key = key.to_string(),
                registered = crate::text::clipped(registered)
            ))),
        },
        None => Err(Error::Usage(crate::msg!(
            "build-sign-key-none",
            key = key.to_string()
        ))),
    }
}

/// The content of every site folder (the findings of reading it go to `findings`), in
/// the order the folders were found. Refused when `--site` names a site there is none
/// of (outside the preview).
pub(super) fn content(
    options: &Options,
    registry: &Registry,
    cache: Option<&ContentCache>,
    findings: &mut Vec<Finding>,
) -> Result<Vec<Arc<SiteContent>>> {
    let root = options.root.as_path();
    let (dirs, found) = content::discover(root, registry).map_err(Error::io(crate::msg!(
        "build-cannot-list",
        dir = root.join("content").display().to_string()
    )))?;
    findings.extend(found);
    selectable(options, registry, &dirs)?;
    let load = LoadOptions {
        drafts: options.drafts,
        // A build renders each site once; the preview keeps what it read.
        lazy: matches!(options.mode, super::Mode::Build { .. }),
    };
    let loaded: Vec<Loaded> = dirs
        .par_iter()
        .map(|d| {
            let cached = cache.and_then(|c| c.sites.lock().unwrap().get(&d.label).cloned());
            cached.unwrap_or_else(|| {
                let (content, f) = content::load_site(root, d, load);
                let entry = (Arc::new(content), f);
                if let Some(c) = cache {
                    c.sites
                        .lock()
                        .unwrap()
                        .insert(d.label.clone(), entry.clone());
                }
                entry
            })
        })
        .collect();
    let mut contents = Vec::with_capacity(loaded.len());
    for (content, f) in loaded {
        findings.extend(f);
        contents.push(content);
    }
    Ok(contents)
}

/// Refuses a `--site` that names no site folder. A build may name only the portal and
/// approved sites (those that go live); `check` and the preview also those prepared
/// before their decree.
fn selectable(options: &Options, registry: &Registry, dirs: &[content::SiteDir]) -> Result<()> {
    let approved = |label: &str| {
        label == PORTAL_LABEL
            || registry
                .subdomain(label)
                .is_some_and(|s| s.status == crate::registry::Status::Approved)
    };
    let building = matches!(options.mode, Mode::Build { .. });
    let known: BTreeSet<&str> = dirs
        .iter()
        .map(|d| d.label.as_str())
        .filter(|l| !building || approved(l))
        .collect();
    let unknown = options.sites.iter().find(|s| !known.contains(s.as_str()));
    match unknown.filter(|_| options.mode != Mode::Preview) {
        Some(unknown) => Err(Error::Usage(crate::msg!(
            "build-unknown-site",
            site = unknown.as_str(),
            sites = known.iter().copied().collect::<Vec<_>>().join(", ")
        ))),
        None => Ok(()),
    }
}
