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

const REBUILD: &str = "run `laman build` (a whole build, without --site) and publish again";

/// Checks that `out` is a finished, fresh build of `root` (see the module docs).
pub fn ready(root: &Path, out: &Path) -> Result<Ready, Error> {
    let shown = out.display();
    if !out.join(MARKER).is_file() {
        return Err(Error::Usage(format!(
            "{shown} is not the output of a finished `laman build` (it has no {MARKER}); {REBUILD}"
        )));
    }
    let manifest_path = out.join(REGENCY_FILE);
    let manifest_bytes = std::fs::read(&manifest_path).map_err(|e| {
        Error::Usage(format!(
            "{}: cannot read the regency manifest ({e}); {REBUILD}",
            manifest_path.display()
        ))
    })?;
    let manifest = RegencyManifest::parse(&manifest_bytes)
        .map_err(|e| Error::Usage(format!("{}: {e}; {REBUILD}", manifest_path.display())))?;
    let Some(built) = stamp::read(out) else {
        return Err(Error::Usage(format!(
            "{shown} has no build stamp beside it ({}): only what a whole, clean `laman build` \
             wrote is published; {REBUILD}",
            stamp::path_of(out).display()
        )));
    };
    if built.drafts {
        return Err(Error::Usage(format!(
            "{shown} was built with --drafts: its draft pages must not go live; {REBUILD}"
        )));
    }
    let now = stamp::outputs(out).map_err(Error::io(format!("cannot read {shown}")))?;
    if now != built.outputs {
        return Err(Error::Usage(format!(
            "{shown} changed after the build that stamped it (a `--site` build, or a file \
             changed by hand); {REBUILD}"
        )));
    }
    let changed = changed_inputs(root, out, &built)?;
    if !changed.is_empty() {
        let more = if changed.len() > 5 { ", ..." } else { "" };
        return Err(Error::Usage(format!(
            "{shown} is stale: {} changed since it was built ({}{more}); {REBUILD}",
            if changed.len() == 1 {
                "1 input"
            } else {
                "inputs"
            },
            changed[..changed.len().min(5)].join(", ")
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
        return Err(Error::Usage(format!(
            "{} holds no {}: give the regency repository that was built with --root",
            root.display(),
            crate::registry::FILE_NAME
        )));
    }
    // Only the per-file hashes are compared, so the date and --drafts given are moot.
    let today = jiff::civil::date(2000, 1, 1);
    let known = stamp::written_at(out).map(|at| (&built.files, at));
    let (_, now) = stamp::inputs(root, false, today, known).map_err(Error::io(format!(
        "cannot read the inputs in {}",
        root.display()
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
