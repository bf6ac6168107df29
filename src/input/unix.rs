//! The Unix side of [`super`]: a path resolved one name at a time from an open folder
//! (`openat` with `O_NOFOLLOW`, link targets read with `readlinkat`), so the file handed
//! out is the one the walk checked, and an area's files listed the same way.
//!
//! It applies the rules on links the parent module states; it must not decide what a
//! file means, nor hand out a path to be opened again later (that would reopen the gap).

use super::{names, outside, Area, Found, Walk};
use rustix::fs::{self as rfs, AtFlags, FileType, Mode, OFlags, CWD};
use std::ffi::OsStr;
use std::fs::File;
use std::io;
use std::os::fd::OwnedFd;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

/// A device, pipe or socket: never read (a pipe would make a build wait forever).
fn not_a_file(shown: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        crate::msg!("input-not-regular", path = shown.display().to_string()),
    )
}

/// Links followed while resolving one path, at most (as the kernel's own limit).
const MAX_LINKS: usize = 40;

const DIR: OFlags = OFlags::RDONLY
    .union(OFlags::DIRECTORY)
    .union(OFlags::NOFOLLOW)
    .union(OFlags::CLOEXEC);

fn kind(at: &OwnedFd, name: &OsStr) -> io::Result<FileType> {
    let stat = rfs::statat(at, name, AtFlags::SYMLINK_NOFOLLOW)?;
    Ok(FileType::from_raw_mode(stat.st_mode))
}

/// Opens the folder `names` below `at` (shown as `base`), refusing every link on the
/// way.
fn open_dirs(at: OwnedFd, names: &[&OsStr], base: &Path) -> io::Result<OwnedFd> {
    let mut fd = at;
    let mut shown = base.to_path_buf();
    for name in names {
        shown.push(name);
        fd = match rfs::openat(&fd, *name, DIR, Mode::empty()) {
            Ok(next) => next,
            Err(e) => {
                if kind(&fd, name).is_ok_and(|k| k == FileType::Symlink) {
                    return Err(refused(&shown, "input-link-as-folder"));
                }
                return Err(e.into());
            }
        };
    }
    Ok(fd)
}

/// The area's folder, opened. The root itself is taken as given.
pub fn open_area(area: &Area) -> io::Result<OwnedFd> {
    let root = rfs::openat(
        CWD,
        &area.root,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    open_dirs(root, &names(&area.dir)?, Path::new(""))
}

/// What an area keeps of its folder: the folder, open.
pub type Opened = OwnedFd;

pub fn open(area: &Area, rel: &str) -> io::Result<File> {
    resolve(area.opened()?, rel, &area.dir.join(rel)).map(File::from)
}

/// Opens the regular file `rel` inside the folder `top`, one name at a time,
/// following only relative links that stay inside `top`.
fn resolve(top: &OwnedFd, rel: &str, shown: &Path) -> io::Result<OwnedFd> {
    // Names still to walk, the next one last.
    let mut pending: Vec<Vec<u8>> = rel
        .split('/')
        .rev()
        .map(|s| s.as_bytes().to_vec())
        .collect();
    // Folders entered below `top`.
    let mut dirs: Vec<OwnedFd> = Vec::new();
    let mut links = 0;
    while let Some(name) = pending.pop() {
        if !to_look_up(&name, &mut dirs, shown)? {
            continue;
        }
        let name = OsStr::from_bytes(&name);
        let at = dirs.last().unwrap_or(top);
        let more = pending.iter().any(|p| !matches!(p.as_slice(), b"" | b"."));
        let found = match kind(at, name) {
            Err(e) if links > 0 && e.kind() == io::ErrorKind::NotFound => {
                return Err(refused(shown, "input-link-dangling"));
            }
            found => found?,
        };
        match found {
            FileType::Symlink if more => {
                return Err(refused(shown, "input-link-through-folder"));
            }
            FileType::Symlink => {
                links += 1;
                let target = link_target(at, name, links, shown)?;
                pending.extend(target.split(|&b| b == b'/').rev().map(<[u8]>::to_vec));
            }
            FileType::Directory if more => {
                let fd = rfs::openat(at, name, DIR, Mode::empty())?;
                dirs.push(fd);
            }
            FileType::Directory => {
                return Err(refused(shown, "input-link-to-folder"));
            }
            FileType::RegularFile if !more => return open_regular(at, name, shown),
            FileType::RegularFile => return Err(io::Error::from(rustix::io::Errno::NOTDIR)),
            _ => return Err(not_a_file(shown)),
        }
    }
    Err(refused(shown, "input-no-file"))
}

/// The refusal of the path shown as `shown`, saying why.
/// A refused path; `why` is the catalogue key of the reason, which names the path.
fn refused(shown: &Path, why: &str) -> io::Error {
    outside(crate::msg!(why, path = shown.display().to_string()))
}

/// Whether `name` is one to look up in the current folder: empty names and `.` are
/// not, `..` goes back to the folder before (never above `top`), and a hidden name is
/// refused.
fn to_look_up(name: &[u8], dirs: &mut Vec<OwnedFd>, shown: &Path) -> io::Result<bool> {
    match name {
        b"" | b"." => Ok(false),
        b".." => match dirs.pop() {
            Some(_) => Ok(false),
            None => Err(refused(shown, "input-link-out")),
        },
        n if n.starts_with(b".") => Err(refused(shown, "input-link-hidden")),
        _ => Ok(true),
    }
}

/// The target of the link `name` in `at`, the `links`-th followed: relative, and not
/// past [`MAX_LINKS`].
fn link_target(at: &OwnedFd, name: &OsStr, links: usize, shown: &Path) -> io::Result<Vec<u8>> {
    if links > MAX_LINKS {
        return Err(refused(shown, "input-link-chain"));
    }
    let target = rfs::readlinkat(at, name, Vec::new())?.into_bytes();
    if target.starts_with(b"/") {
        return Err(outside(crate::msg!(
            "input-link-absolute",
            path = shown.display().to_string(),
            target = String::from_utf8_lossy(&target).into_owned()
        )));
    }
    Ok(target)
}

/// Opens the regular file `name` in `at`, checked again once open.
fn open_regular(at: &OwnedFd, name: &OsStr, shown: &Path) -> io::Result<OwnedFd> {
    let fd = rfs::openat(
        at,
        name,
        OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    // The name may have been swapped since it was looked at.
    if FileType::from_raw_mode(rfs::fstat(&fd)?.st_mode) != FileType::RegularFile {
        return Err(not_a_file(shown));
    }
    Ok(fd)
}

fn found(rel: String, stat: &rfs::Stat) -> Found {
    let modified = (stat.st_mtime as i128 * 1_000_000_000 + stat.st_mtime_nsec as i128).max(0);
    Found {
        rel,
        len: stat.st_size as u64,
        modified: modified as u128,
    }
}

pub fn walk(
    area: &Area,
    sub: &str,
    keep: &dyn Fn(&str) -> bool,
    walk: &mut Walk,
) -> io::Result<()> {
    let top = area.opened()?;
    let sub_path = Path::new(sub);
    let start = open_dirs(top.try_clone()?, &names(sub_path)?, &area.dir)?;
    let prefix = if sub.is_empty() {
        String::new()
    } else {
        format!("{}/", sub.trim_end_matches('/'))
    };
    walk_dir(area, top, start, &prefix, keep, walk);
    Ok(())
}

fn walk_dir(
    area: &Area,
    top: &OwnedFd,
    dir: OwnedFd,
    prefix: &str,
    keep: &dyn Fn(&str) -> bool,
    walk: &mut Walk,
) {
    let listed = rfs::Dir::read_from(&dir).and_then(|entries| {
        entries
            .map(|e| e.map(|e| e.file_name().to_bytes().to_vec()))
            .collect::<Result<Vec<_>, _>>()
    });
    let mut entries = match listed {
        Ok(entries) => entries,
        Err(e) => {
            let shown = area.dir.join(prefix.trim_end_matches('/'));
            walk.findings.push(super::finding(&e.into(), &shown));
            return;
        }
    };
    entries.sort();
    for raw in entries {
        if raw == b"." || raw == b".." {
            continue;
        }
        let name = String::from_utf8_lossy(&raw).into_owned();
        if !keep(&name) {
            continue;
        }
        let rel = format!("{prefix}{name}");
        let shown = area.dir.join(&rel);
        // Names become web addresses and are written in findings: they must be text.
        if std::str::from_utf8(&raw).is_err() {
            walk.findings.push(
                super::Finding::new(
                    super::Code::ContentRead,
                    crate::msg!(
                        "input-name-not-utf8",
                        name = name.escape_debug().to_string()
                    ),
                )
                .file(&shown)
                .help(crate::msg!("input-name-not-utf8-help")),
            );
            continue;
        }
        let os = OsStr::from_bytes(&raw);
        let result = rfs::statat(&dir, os, AtFlags::SYMLINK_NOFOLLOW)
            .map_err(io::Error::from)
            .and_then(|stat| match FileType::from_raw_mode(stat.st_mode) {
                FileType::Directory => {
                    let sub = rfs::openat(&dir, os, DIR, Mode::empty())?;
                    walk_dir(area, top, sub, &format!("{rel}/"), keep, walk);
                    Ok(None)
                }
                FileType::RegularFile => Ok(Some(found(rel.clone(), &stat))),
                FileType::Symlink => {
                    let fd = resolve(top, &rel, &shown)?;
                    Ok(Some(found(rel.clone(), &rfs::fstat(&fd)?)))
                }
                _ => Err(not_a_file(&shown)),
            });
        match result {
            Ok(Some(file)) => walk.files.push(file),
            Ok(None) => {}
            Err(e) => walk.findings.push(super::finding(&e, &shown)),
        }
    }
}
