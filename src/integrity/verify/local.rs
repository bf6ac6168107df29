//! The expected manifests read from this machine: a build's output folder (`--out`) or a
//! regency manifest (`--manifest`), each signature checked against the registry's key.
//!
//! Reads files only; what the servers answer is [`super::check`]'s.

use super::{signature_finding, Expected, MANIFEST_CAP};
use crate::error::{Error, Result};
use crate::finding::Finding;
use crate::integrity::manifest::{
    site_signature_path, RegencyManifest, SiteManifest, REGENCY_FILE, SITE_PATH,
};
use crate::integrity::seal::signature_of;
use crate::sign::PublicKey;
use std::collections::BTreeMap;

/// The manifests read from disk, by site, and what reading them found.
#[derive(Default)]
pub(super) struct Local {
    pub sites: BTreeMap<String, (SiteManifest, Vec<u8>)>,
    pub findings: Vec<Finding>,
}

pub(super) fn local_manifests(expected: &Expected, key: Option<&PublicKey>) -> Result<Local> {
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
