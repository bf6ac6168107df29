//! The build cache: what a whole build learned that the next build needs to render only
//! the sites whose content changed (see [`super::incr`]).
//!
//! It lives beside the output folder, as the stamp does, in `.<name of OUT>.laman-cache/`
//! (never inside `--out`, so never published): `build.json`, written atomically only
//! after a clean whole build was installed, with the stamp, and `part/<digest>.json`,
//! each published site's part of the search index (its stems and postings, and the name
//! of its texts' folder in the index: see [`crate::search::Part`]), which `build.json`
//! names by digest (so a part is used only when the cache that names it is). Deleting it
//! is always safe: the next build is then a cold one. It is ignored when laman's version
//! or executable, `--drafts` or the date changed, or when it was not written with the
//! stamp `--out` has. Its size is bounded by what a build reports and writes: per site a
//! digest, a page count, the findings of its markdown and pages, the heading ids of its
//! pages and the spam terms and hosts its markdown carries; and its part of the search
//! index, which the index holds anyway; and one verdict per template (whether its
//! minified form may stand in for minifying each page), named by a digest of the whole
//! set of templates so that it is taken again only for the very same ones. Every file is read without following a symbolic
//! link.

use crate::finding::Finding;
use crate::render::Marks;
use crate::search::Part;
use crate::stamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The name of the one file in the cache folder; its format is laman's own, versioned
/// by laman's version (a cache of another version is ignored).
const FILE: &str = "build.json";

/// The folder of the sites' parts of the search index, one file per site and version.
const PARTS: &str = "part";

/// What one whole build learned.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Cache {
    /// laman's version, which reads only a cache it wrote.
    pub version: String,
    /// See [`crate::stamp::environment`].
    pub environment: String,
    /// The fingerprint of the inputs, as the stamp written with this cache has it.
    pub inputs: String,
    /// What the markdown of the regency carries for the spam guard (a digest).
    pub known: String,
    /// Every site read, by label.
    pub sites: BTreeMap<String, SiteEntry>,
    /// The templates' minified verdicts (see [`crate::render::Across::faithful`]).
    #[serde(default)]
    pub faithful: BTreeMap<String, bool>,
}

impl Cache {
    /// Names the files of the sites' parts of the search index (digests by label).
    pub fn keep_parts(&mut self, parts: BTreeMap<String, String>) {
        for (label, digest) in parts {
            if let Some(entry) = self.sites.get_mut(&label) {
                entry.part = Some(digest);
            }
        }
    }
}

/// One site as the last build left it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct SiteEntry {
    /// The digest of what other sites render or check of it (see
    /// [`super::incr::interface`]).
    pub interface: String,
    /// The pages it rendered, when it had an output.
    pub pages: Option<usize>,
    /// The findings of its pages (templates and output), before the errors of a site
    /// that is not live were lowered to warnings.
    pub findings: Vec<Finding>,
    /// What its markdown shows the other sites, and the findings of its markdown.
    pub marks: Marks,
    /// The digest naming the file of its part of the search index (see
    /// [`write_part`]), when it is published and has pages there.
    #[serde(default)]
    pub part: Option<String>,
}

/// The cache folder of an output folder: beside it.
pub fn dir_of(out: &Path) -> PathBuf {
    stamp::beside(out, "laman-cache")
}

/// The cache of `out`, when there is a readable one that this laman wrote.
pub(super) fn read(out: &Path) -> Option<Cache> {
    let bytes = stamp::read_beside(&dir_of(out).join(FILE)).ok()?;
    let cache: Cache = serde_json::from_slice(&bytes).ok()?;
    (cache.version == env!("CARGO_PKG_VERSION")).then_some(cache)
}

/// Writes the cache (atomically). Only a cache: a failure costs the next build its
/// shortcut, so the caller ignores it.
pub(super) fn write(out: &Path, cache: &Cache) -> std::io::Result<()> {
    let dir = dir_of(out);
    std::fs::create_dir_all(&dir)?;
    let bytes = serde_json::to_vec(cache).map_err(std::io::Error::other)?;
    crate::atomic::write(&dir.join(FILE), &bytes)?;
    prune_parts(out, cache);
    // The folder of site texts that earlier versions kept (now the index's parts).
    let _ = std::fs::remove_dir_all(dir.join("text"));
    Ok(())
}

/// Writes a site's part of the search index into the cache folder, in a file named by
/// its digest, and returns the digest. Written before the cache that names it, so a
/// build that fails leaves only a file nothing names (removed by the next [`write()`]).
pub(super) fn write_part(out: &Path, part: &Part) -> std::io::Result<String> {
    let dir = dir_of(out).join(PARTS);
    std::fs::create_dir_all(&dir)?;
    let bytes = serde_json::to_vec(part).map_err(std::io::Error::other)?;
    let digest = blake3::hash(&bytes).to_hex().to_string();
    let path = dir.join(format!("{digest}.json"));
    if std::fs::symlink_metadata(&path).is_err() {
        crate::atomic::write(&path, &bytes)?;
    }
    Ok(digest)
}

/// The part the cache holds under `digest`, if it is whole.
/// A part whose folder name is not one the index makes is refused: what lies beside
/// `--out` may have been written by anyone, and the name becomes a path.
pub(super) fn read_part(out: &Path, digest: &str) -> Option<Part> {
    let hex = digest.len() == 64 && digest.bytes().all(|b| b.is_ascii_hexdigit());
    if !hex {
        return None;
    }
    let path = dir_of(out).join(PARTS).join(format!("{digest}.json"));
    let bytes = stamp::read_beside(&path).ok()?;
    let part: Part = (blake3::hash(&bytes).to_hex().as_str() == digest)
        .then(|| serde_json::from_slice(&bytes).ok())
        .flatten()?;
    part.well_formed().then_some(part)
}

/// Removes the part files that `cache` does not name.
fn prune_parts(out: &Path, cache: &Cache) {
    let named: std::collections::BTreeSet<String> = cache
        .sites
        .values()
        .filter_map(|e| e.part.as_ref().map(|d| format!("{d}.json")))
        .collect();
    let Ok(entries) = std::fs::read_dir(dir_of(out).join(PARTS)) else {
        return;
    };
    for entry in entries.flatten() {
        if !named.contains(entry.file_name().to_string_lossy().as_ref()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Removes the cache of `out` (a build that cannot leave a true one).
pub(super) fn remove(out: &Path) {
    let _ = std::fs::remove_file(dir_of(out).join(FILE));
}
