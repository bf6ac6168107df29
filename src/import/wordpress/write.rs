//! Writing an import: everything goes first into a hidden staging folder beside the
//! site's (`content/.laman-import-*`, which the build never reads), then in.
//!
//! - A new site: the staging folder is renamed to `content/<label>` in one step, so the
//!   site appears whole or not at all; a failure leaves nothing (the staging folder is
//!   removed; one left by a killed process is hidden and harmless).
//! - Over an earlier import (`--force`): each file is renamed into place (each whole),
//!   but only over a file the earlier import wrote and nobody changed since; a file it
//!   did not write, or that was edited, is kept and listed. Files of the earlier
//!   import that this one no longer writes are removed if unchanged. What the import
//!   wrote, with each file's BLAKE3, is kept in `content/<label>/.laman-import.json`.
//!
//! It must not write outside `content/`: paths are the plan's (slugs, `/`-separated,
//! no `..`), and a folder on the way that is a symbolic link is refused.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The record of what an import wrote, inside the site's folder (hidden: never built).
pub const MANIFEST: &str = ".laman-import.json";

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// Path inside the site folder → BLAKE3 of the bytes written.
    pub files: BTreeMap<String, String>,
}

impl Manifest {
    /// The manifest of an earlier import; empty when there is none or it is not one.
    pub fn read(folder: &Path) -> Manifest {
        let path = folder.join(MANIFEST);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
            return Manifest::default();
        }
        std::fs::read(&path)
            .ok()
            .filter(|b| b.len() < 64 * 1024 * 1024)
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }
}

/// The staging folder and what was put in it.
pub struct Staging {
    dir: tempfile::TempDir,
    written: Mutex<BTreeMap<String, String>>,
}

impl Staging {
    pub fn new(root: &Path) -> Result<Staging> {
        let content = root.join("content");
        std::fs::create_dir_all(&content)
            .map_err(Error::io(super::report::write_failed(&content)))?;
        let dir = tempfile::Builder::new()
            .prefix(".laman-import-")
            .tempdir_in(&content)
            .map_err(Error::io(super::report::write_failed(&content)))?;
        Ok(Staging {
            dir,
            written: Mutex::new(BTreeMap::new()),
        })
    }

    fn target(&self, rel: &str) -> Result<PathBuf> {
        let safe = !rel.is_empty()
            && rel
                .split('/')
                .all(|s| !s.is_empty() && s != "." && s != ".." && !s.contains('\\'));
        if !safe {
            return Err(Error::Usage(format!("internal: refused path `{rel}`")));
        }
        let path = self.dir.path().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(Error::io(super::report::write_failed(parent)))?;
        }
        Ok(path)
    }

    /// Writes a file of the site.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.target(rel)?;
        std::fs::write(&path, bytes).map_err(Error::io(super::report::write_failed(&path)))?;
        self.record(rel, blake3::hash(bytes).to_hex().to_string());
        Ok(())
    }

    /// Copies a file into the site (an upload into a bundle).
    pub fn copy(&self, from: &Path, rel: &str) -> Result<()> {
        let path = self.target(rel)?;
        std::fs::copy(from, &path).map_err(Error::io(super::report::write_failed(&path)))?;
        let hash = hash_file(&path).map_err(Error::io(super::report::write_failed(&path)))?;
        self.record(rel, hash);
        Ok(())
    }

    fn record(&self, rel: &str, hash: String) {
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_string(), hash);
    }

    /// Moves the staged files into `folder`; returns the files kept as they were
    /// (relative to the folder).
    pub fn commit(self, folder: &Path, exists: bool) -> Result<Vec<String>> {
        let written = self.written.into_inner().unwrap_or_else(|e| e.into_inner());
        if !exists {
            let manifest = Manifest { files: written };
            write_manifest(&self.dir.path().join(MANIFEST), &manifest)?;
            let staged = self.dir.keep();
            return std::fs::rename(&staged, folder)
                .inspect_err(|_| {
                    let _ = std::fs::remove_dir_all(&staged);
                })
                .map(|()| Vec::new())
                .map_err(Error::io(super::report::write_failed(folder)));
        }
        let old = Manifest::read(folder);
        let mut kept = Vec::new();
        let mut manifest = Manifest::default();
        for (rel, hash) in &written {
            let target = folder.join(rel);
            let ours = old.files.get(rel);
            let present = std::fs::symlink_metadata(&target).is_ok();
            if present && (ours.is_none() || ours != hash_file(&target).ok().as_ref()) {
                kept.push(rel.clone());
                continue;
            }
            no_links(folder, rel)?;
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(Error::io(super::report::write_failed(parent)))?;
            }
            std::fs::rename(self.dir.path().join(rel), &target)
                .map_err(Error::io(super::report::write_failed(&target)))?;
            manifest.files.insert(rel.clone(), hash.clone());
        }
        for (rel, hash) in &old.files {
            if written.contains_key(rel) {
                continue;
            }
            let target = folder.join(rel);
            if no_links(folder, rel).is_ok() && hash_file(&target).ok().as_ref() == Some(hash) {
                let _ = std::fs::remove_file(&target);
            }
        }
        write_manifest(&folder.join(MANIFEST), &manifest)?;
        Ok(kept)
    }
}

/// Refuses a path whose folders inside the site folder include a symbolic link.
fn no_links(folder: &Path, rel: &str) -> Result<()> {
    let mut at = folder.to_path_buf();
    for segment in rel.split('/') {
        at.push(segment);
        if std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Error::Usage(super::report::link_refused(&at)));
        }
    }
    Ok(())
}

fn write_manifest(path: &Path, manifest: &Manifest) -> Result<()> {
    let bytes = serde_json::to_vec_pretty(manifest).unwrap_or_default();
    crate::atomic::write(path, &bytes).map_err(Error::io(super::report::write_failed(path)))
}

fn hash_file(path: &Path) -> std::io::Result<String> {
    let file = std::fs::File::open(path)?;
    let mut hasher = blake3::Hasher::new();
    hasher.update_reader(file)?;
    Ok(hasher.finalize().to_hex().to_string())
}
