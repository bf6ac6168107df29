//! The warm-build shortcut: a whole build whose inputs have not changed since the last
//! clean build, into an output folder nobody has touched since, writes nothing and
//! reports what that build reported.
//!
//! The inputs are every file a build reads (`domains.toml`, `content/`, `themes/`, by
//! path and content, hashed with BLAKE3), the options that change the output
//! (`--drafts`, today's date for the registry's date rules) and the laman executable
//! itself (path, size and modification time: a new laman renders anew). The output is
//! recognised by the path, size and modification time of every file in it. Both are kept
//! beside the output folder, in `.<name of OUT>.laman-stamp.json` (so the output tree
//! itself stays exactly what a cold build writes), written only after a build without
//! errors has been swapped in. Output is a pure function of the inputs, so skipping gives the very bytes
//! a cold build would write; a test holds the two side by side.

use crate::finding::Finding;
use serde::{Deserialize, Serialize};
use std::io;
use std::path::Path;

/// Where the stamp of an output folder is kept: beside it.
pub fn path_of(out: &Path) -> std::path::PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.laman-stamp.json"))
}

/// What a clean build leaves behind for the next one.
#[derive(Debug, Serialize, Deserialize)]
pub struct Stamp {
    pub inputs: String,
    pub outputs: String,
    pub findings: Vec<Finding>,
    pub sites: usize,
    pub pages: usize,
    pub published: Vec<String>,
}

/// The fingerprint of everything a build reads.
pub fn inputs(root: &Path, drafts: bool, today: jiff::civil::Date) -> io::Result<String> {
    let mut h = blake3::Hasher::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(format!("\0drafts={drafts}\0today={today}\0").as_bytes());
    if let Ok(exe) = std::env::current_exe() {
        let meta = std::fs::metadata(&exe)?;
        h.update(exe.to_string_lossy().as_bytes());
        h.update(&meta.len().to_le_bytes());
        h.update(format!("{:?}", meta.modified().ok()).as_bytes());
    }
    let mut files = Vec::new();
    for top in ["domains.toml", "content", "themes"] {
        let path = root.join(top);
        if !path.exists() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&path).follow_links(true) {
            let entry = entry.map_err(io::Error::other)?;
            if entry.file_type().is_file() {
                files.push(entry.into_path());
            }
        }
    }
    files.sort();
    // Hashing file by file in parallel, then the list in order: deterministic and fast.
    use rayon::prelude::*;
    let hashes: Vec<io::Result<blake3::Hash>> = files
        .par_iter()
        .map(|f| std::fs::read(f).map(|bytes| blake3::hash(&bytes)))
        .collect();
    for (file, hash) in files.iter().zip(hashes) {
        let rel = file.strip_prefix(root).unwrap_or(file);
        h.update(rel.to_string_lossy().as_bytes());
        h.update(b"\0");
        h.update(hash?.as_bytes());
    }
    Ok(h.finalize().to_hex().to_string())
}

/// The fingerprint of an output folder as it stands.
pub fn outputs(out: &Path) -> io::Result<String> {
    let mut h = blake3::Hasher::new();
    let mut n = 0usize;
    for entry in walkdir::WalkDir::new(out).sort_by_file_name() {
        let entry = entry.map_err(io::Error::other)?;
        let rel = entry.path().strip_prefix(out).unwrap_or(entry.path());
        let meta = entry.metadata().map_err(io::Error::other)?;
        h.update(rel.to_string_lossy().as_bytes());
        h.update(
            format!(
                "\0{}\0{}\0{:?}\0",
                meta.is_dir(),
                meta.len(),
                meta.modified().ok()
            )
            .as_bytes(),
        );
        n += 1;
    }
    h.update(&n.to_le_bytes());
    Ok(h.finalize().to_hex().to_string())
}

/// The stamp in `out`, if there is a readable one.
pub fn read(out: &Path) -> Option<Stamp> {
    let text = std::fs::read_to_string(path_of(out)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Writes the stamp (temporary file, then rename). A failure only costs the next build
/// its shortcut, so it is ignored by the caller.
pub fn write(out: &Path, stamp: &Stamp) -> io::Result<()> {
    let text = serde_json::to_string(stamp).map_err(io::Error::other)?;
    let path = path_of(out);
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}
