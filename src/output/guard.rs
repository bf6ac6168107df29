//! The guard before any build writes: [`guard`] refuses an `--out` that a build must not
//! replace (the regency's inputs, or a folder laman did not write).
//!
//! It only looks; it never writes or removes anything.

use super::MARKER;
use crate::integrity::manifest::REGENCY_FILE;
use crate::integrity::seal;
use std::io;
use std::path::{Path, PathBuf};

/// Refuses an output folder that a build must not replace: `out` is the root or an
/// ancestor of it; `out` is, holds or lies inside one of the root's inputs
/// (`domains.toml`, `content/`, `themes/`, `.git`); `out` is a file or a symbolic link;
/// or `out` is a folder that is neither empty nor laman's own output. Paths are compared
/// after resolving symbolic links, so no spelling of a path (`..`, links) gets around it.
/// The message says what is wrong and what to do.
pub fn guard(root: &Path, out: &Path) -> Result<(), String> {
    let shown = out.display();
    let root = std::fs::canonicalize(root).map_err(|e| {
        crate::msg!(
            "out-root-unresolved",
            root = root.display().to_string(),
            reason = e.to_string()
        )
    })?;
    let resolved = resolve(out).map_err(|e| {
        crate::msg!(
            "out-unresolved",
            out = shown.to_string(),
            reason = e.to_string()
        )
    })?;
    let refuse = |why: String| {
        Err(crate::msg!(
            "out-refused",
            out = shown.to_string(),
            why = why
        ))
    };
    if root.starts_with(&resolved) {
        return refuse(if resolved == root {
            crate::msg!("out-is-root")
        } else {
            crate::msg!("out-holds-root", root = root.display().to_string())
        });
    }
    for input in [crate::registry::FILE_NAME, "content", "themes", ".git"] {
        let Ok(input) = std::fs::canonicalize(root.join(input)) else {
            continue;
        };
        let name = input.strip_prefix(&root).unwrap_or(&input).display();
        if resolved.starts_with(&input) {
            return refuse(crate::msg!("out-in-input", name = name.to_string()));
        }
        if input.starts_with(&resolved) {
            return refuse(crate::msg!("out-holds-input", name = name.to_string()));
        }
    }
    let meta = match std::fs::symlink_metadata(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(crate::msg!(
                "out-unreadable",
                out = shown.to_string(),
                reason = e.to_string()
            ))
        }
        Ok(meta) => meta,
    };
    if meta.file_type().is_symlink() {
        return refuse(crate::msg!(
            "out-is-link",
            target = resolved.display().to_string()
        ));
    }
    if !meta.is_dir() {
        return refuse(crate::msg!("out-is-file"));
    }
    let foreign = foreign_entry(out).map_err(|e| {
        crate::msg!(
            "out-unreadable",
            out = shown.to_string(),
            reason = e.to_string()
        )
    })?;
    match foreign {
        None => Ok(()),
        Some(name) => refuse(crate::msg!(
            "out-foreign",
            name = name.to_string(),
            marker = MARKER
        )),
    }
}

/// `path` with every symbolic link of its existing part resolved and `.`/`..` applied;
/// the part that does not exist yet (and so holds no link) is appended as written.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut resolved = PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::ParentDir => {
                resolved.pop();
            }
            std::path::Component::CurDir => {}
            other => {
                resolved.push(other);
                if let Ok(real) = std::fs::canonicalize(&resolved) {
                    resolved = real;
                }
            }
        }
    }
    Ok(resolved)
}

/// The first entry of an existing folder that shows laman did not write it, or None
/// when it is empty, carries [`MARKER`], or holds only site folders as laman wrote them
/// (each with its `404.html` and `sitemap.xml`) and the regency's manifest.
fn foreign_entry(dir: &Path) -> io::Result<Option<String>> {
    if dir.join(MARKER).is_file() {
        return Ok(None);
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name();
        if name == REGENCY_FILE || *name == *seal::signature_of(Path::new(REGENCY_FILE)) {
            continue;
        }
        let site = entry.file_type()?.is_dir()
            && path.join(crate::generated::NOT_FOUND).is_file()
            && path.join(crate::generated::SITEMAP).is_file();
        if !site {
            return Ok(Some(entry.file_name().to_string_lossy().into_owned()));
        }
    }
    Ok(None)
}
