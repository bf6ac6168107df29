//! Whether a build output may be published: `build` finished it, nothing touched it
//! since, and it was built from the repository as it is now.
//!
//! An output is **ready** when all of these hold, and **stale** otherwise:
//! 1. it carries the `.laman-output` marker and a readable regency manifest
//!    (`OUT/laman-manifest.json`): a whole `build` finished it;
//! 2. the stamp beside it (`.<out>.laman-stamp.json`, written only after a whole build
//!    without errors was swapped in) is there, and the output folder is, file for file
//!    (path, size, modification time), what that build left: no `--site` build, no hand
//!    edit, no half-copied folder since;
//! 3. every input the build read (`domains.toml`, `content/`, `themes/`) has the same
//!    content (BLAKE3) as when it was built: no file added, removed or changed.
//!
//! 4. it was not built with `--drafts`.
//!
//! The date of that build is not compared: CI publishes the build it just made. This module reads and never writes.

use crate::error::Error;
use crate::integrity::manifest::{RegencyManifest, REGENCY_FILE};
use crate::output::MARKER;
use crate::stamp;
use std::path::{Path, PathBuf};

/// A build output that may be published.
#[derive(Debug)]
pub struct Ready {
    pub out: PathBuf,
    pub manifest: RegencyManifest,
    /// The regency manifest's bytes, as the build wrote them.
    pub manifest_bytes: Vec<u8>,
}

fn rebuild() -> String {
    crate::msg!("publish-rebuild")
}

/// Checks that `out` is a finished, fresh build of `root` (see the module docs).
pub fn ready(root: &Path, out: &Path) -> Result<Ready, Error> {
    let shown = out.display().to_string();
    if !out.join(MARKER).is_file() {
        return Err(Error::Usage(crate::msg!(
            "publish-not-output",
            out = shown.as_str(),
            marker = MARKER,
            rebuild = rebuild()
        )));
    }
    let manifest_path = out.join(REGENCY_FILE);
    let manifest_bytes = std::fs::read(&manifest_path).map_err(|e| {
        Error::Usage(crate::msg!(
            "publish-manifest-unreadable",
            file = manifest_path.display().to_string(),
            reason = e.to_string(),
            rebuild = rebuild()
        ))
    })?;
    let manifest = RegencyManifest::parse(&manifest_bytes)
        .map_err(|e| Error::Usage(format!("{}: {e}; {}", manifest_path.display(), rebuild())))?;
    let Some(built) = stamp::read(out) else {
        return Err(Error::Usage(crate::msg!(
            "publish-no-stamp",
            out = shown.as_str(),
            stamp = stamp::path_of(out).display().to_string(),
            rebuild = rebuild()
        )));
    };
    if built.drafts {
        return Err(Error::Usage(crate::msg!(
            "publish-drafts",
            out = shown.as_str(),
            rebuild = rebuild()
        )));
    }
    let now = stamp::outputs(out).map_err(Error::io(crate::msg!(
        "verify-cannot-read",
        file = shown.as_str()
    )))?;
    if now != built.outputs {
        return Err(Error::Usage(crate::msg!(
            "publish-changed",
            out = shown.as_str(),
            rebuild = rebuild()
        )));
    }
    let changed = changed_inputs(root, out, &built)?;
    if !changed.is_empty() {
        let more = if changed.len() > 5 { ", ..." } else { "" };
        return Err(Error::Usage(crate::msg!(
            "publish-stale",
            out = shown.as_str(),
            count = changed.len(),
            files = format!("{}{more}", changed[..changed.len().min(5)].join(", ")),
            rebuild = rebuild()
        )));
    }
    Ok(Ready {
        out: out.to_path_buf(),
        manifest,
        manifest_bytes,
    })
}

/// The inputs whose content is not what the stamped build read, by relative path.
fn changed_inputs(root: &Path, out: &Path, built: &stamp::Stamp) -> Result<Vec<String>, Error> {
    if !root.join(crate::registry::FILE_NAME).is_file() {
        return Err(Error::Usage(crate::msg!(
            "publish-no-registry",
            root = root.display().to_string(),
            file = crate::registry::FILE_NAME
        )));
    }
    // Only the per-file hashes are compared, so the date and --drafts given are moot.
    let today = jiff::civil::date(2000, 1, 1);
    let known = stamp::written_at(out).map(|at| (&built.files, at));
    let (_, now) = stamp::inputs(root, false, today, known).map_err(Error::io(crate::msg!(
        "publish-inputs-unreadable",
        root = root.display().to_string()
    )))?;
    let mut changed: Vec<String> = now
        .iter()
        .filter(|(rel, (_, _, hash))| built.files.get(*rel).is_none_or(|b| &b.2 != hash))
        .map(|(rel, _)| rel.clone())
        .collect();
    changed.extend(
        built
            .files
            .keys()
            .filter(|rel| !now.contains_key(*rel))
            .map(|rel| format!("{rel} (removed)")),
    );
    Ok(changed)
}
