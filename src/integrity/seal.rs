//! Writing the manifests (and their signatures) into an output tree, for the build's
//! sink, which calls it on its staging folder before the swap, so that the manifests go
//! live together with the files they describe.
//!
//! It writes only the manifest files named in [`super::manifest`]; it must not decide
//! which sites are published.

use super::manifest::{
    site_signature_path, Entry, RegencyManifest, SiteManifest, REGENCY_FILE, SIGNATURE_SUFFIX,
    SITE_PATH, VERSION,
};
use crate::sign::Signer;
use std::io;
use std::path::{Path, PathBuf};

/// What the manifests are written with: the regency's domain and the key, if any.
#[derive(Debug, Clone, Copy)]
pub struct Seal<'a> {
    pub regency: &'a str,
    pub signer: Option<&'a Signer>,
}

impl Seal<'_> {
    /// Writes the manifest of the site in `dir` (its domain `fqdn`, its files `files`),
    /// signed when there is a key; a stale signature is removed when there is none.
    pub fn site(&self, dir: &Path, fqdn: &str, files: Vec<Entry>) -> io::Result<SiteManifest> {
        let manifest = SiteManifest::new(fqdn, files);
        let path = dir.join(SITE_PATH);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        self.write_signed(
            &path,
            &dir.join(site_signature_path()),
            &manifest.to_bytes(),
        )?;
        Ok(manifest)
    }

    /// Writes the regency's manifest into `dir` (the top of an output tree).
    pub fn regency(&self, dir: &Path, mut sites: Vec<SiteManifest>) -> io::Result<()> {
        sites.sort_by(|a, b| a.site.cmp(&b.site));
        let manifest = RegencyManifest {
            version: VERSION,
            regency: self.regency.to_string(),
            sites,
        };
        let path = dir.join(REGENCY_FILE);
        self.write_signed(&path, &signature_of(&path), &manifest.to_bytes())
    }

    fn write_signed(&self, path: &Path, signature: &Path, bytes: &[u8]) -> io::Result<()> {
        std::fs::write(path, bytes)?;
        match self.signer {
            Some(signer) => std::fs::write(signature, signer.sign(bytes)),
            None => match std::fs::remove_file(signature) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            },
        }
    }
}

/// The signature file of `path`.
pub fn signature_of(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(SIGNATURE_SUFFIX);
    path.with_file_name(name)
}

/// The manifest of the site whose folder is `dir`, when it has a readable one (a site
/// written by an older laman has none).
pub fn read_site(dir: &Path) -> Option<SiteManifest> {
    let bytes = std::fs::read(dir.join(SITE_PATH)).ok()?;
    SiteManifest::parse(&bytes).ok()
}

/// The public key that signed the regency manifest in `out`, as its signature file says
/// (not checked), or None when it is unsigned or absent.
pub fn signed_by(out: &Path) -> Option<String> {
    let bytes = std::fs::read(signature_of(&out.join(REGENCY_FILE))).ok()?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    value.get("public_key")?.as_str().map(String::from)
}
