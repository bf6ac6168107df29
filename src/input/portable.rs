//! Elsewhere than on Unix: no link is followed at all (checked before opening, so with
//! a gap).
//!
//! The same rules as the Unix side where they can be kept; it must not follow a link.

use super::{names, outside, Area, Found, Walk};
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

fn no_links(area: &Area, rel: &Path) -> io::Result<PathBuf> {
    let mut path = area.root.clone();
    for name in names(&area.dir)?.into_iter().chain(names(rel)?) {
        path.push(name);
        if std::fs::symlink_metadata(&path)?.file_type().is_symlink() {
            return Err(outside(crate::msg!(
                "input-link",
                path = path.display().to_string()
            )));
        }
    }
    Ok(path)
}

/// What an area keeps of its folder: its path, checked.
pub type Opened = PathBuf;

pub fn open_area(area: &Area) -> io::Result<PathBuf> {
    no_links(area, Path::new(""))
}

pub fn open(area: &Area, rel: &str) -> io::Result<File> {
    File::open(no_links(area, Path::new(rel))?)
}

pub fn walk(
    area: &Area,
    sub: &str,
    keep: &dyn Fn(&str) -> bool,
    walk: &mut Walk,
) -> io::Result<()> {
    let start = no_links(area, Path::new(sub))?;
    let base = open_area(area)?;
    let walker = walkdir::WalkDir::new(&start)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || keep(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = entry.map_err(io::Error::other)?;
        let rel = entry.path().strip_prefix(&base).unwrap_or(entry.path());
        let rel: Vec<_> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect();
        let rel = rel.join("/");
        if entry.file_type().is_symlink() {
            let e = outside(crate::msg!("input-link", path = rel.as_str()));
            walk.findings.push(super::finding(&e, &area.dir.join(&rel)));
        } else if entry.file_type().is_file() {
            let meta = entry.metadata().map_err(io::Error::other)?;
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            walk.files.push(Found {
                rel,
                len: meta.len(),
                modified,
            });
        }
    }
    Ok(())
}
