//! Reading the regency repository: every file laman reads (the registry, content,
//! site settings, templates, static files, themes, and the warm-build fingerprint) is
//! listed and opened here, so that one rule holds everywhere: nothing outside the
//! repository is read, and each reader stays inside its [`Area`] (a site reads only
//! `content/<label>/`, a theme only `themes/<name>/`, the registry only the root).
//!
//! Symbolic links. The folders that lead to an area (`content/`, `content/<label>/`,
//! `themes/`, `themes/<name>/`) must not be links. Inside an area, a relative link to a
//! file that stays inside the area, and not inside a hidden folder such as `.git`, is
//! followed; every other link (absolute, leaving by `..`, a chain that ends outside, a
//! link to a folder, a dangling link) is refused as `content.path.outside`.
//!
//! No time-of-check gap: a path is resolved one name at a time from an open folder
//! (`openat` with `O_NOFOLLOW`, link targets read with `readlinkat`), and the file
//! handed out is the one opened by that walk. A link swapped in after the listing is
//! refused, never followed. Names starting with `.` are never listed.
//!
//! This module reads; what a file means is for the stages that call it.

use crate::finding::{Code, Finding};
use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// A folder below the regency root that one reader may read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    root: PathBuf,
    /// Relative to the root; empty for the root itself.
    dir: PathBuf,
    /// The area's folder once opened, shared by the clones of the area.
    opened: Opened,
}

/// An area's folder, opened once (on Unix) for every file read from it after: resolving
/// the root's path and the area's folders again for each of a large site's files cost
/// more than reading them. The folder stays the one first opened for the area's life.
#[derive(Clone, Default)]
struct Opened(Arc<std::sync::OnceLock<sys::Opened>>);

impl PartialEq for Opened {
    /// Areas are the same by their paths.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Opened {}

impl fmt::Debug for Opened {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Opened")
    }
}

/// A file of an area, to be opened when it is needed (copied to the output, served).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    area: Arc<Area>,
    /// Inside the area, with `/` separators.
    rel: String,
}

/// A file found by [`Area::walk`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Inside the area, with `/` separators.
    pub rel: String,
    pub len: u64,
    /// Modification time in nanoseconds since the epoch.
    pub modified: u128,
}

/// What a walk found: the files in sorted order, and what it refused.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<Found>,
    pub findings: Vec<Finding>,
}

/// The reason a path was refused: it would leave its area. Carried inside an
/// [`io::Error`], told apart by [`is_outside`].
#[derive(Debug)]
pub struct Outside(pub String);

impl fmt::Display for Outside {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Outside {}

fn outside(why: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::PermissionDenied, Outside(why.into()))
}

/// Whether an error is a refused path rather than a failed read.
pub fn is_outside(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<Outside>())
}

/// The finding for a file that could not be read: `content.path.outside` when it was
/// refused, `content.read` when reading failed.
pub fn finding(e: &io::Error, file: &Path) -> Finding {
    if is_outside(e) {
        Finding::new(
            Code::ContentPathOutside,
            crate::msg!("input-outside", reason = e.to_string()),
        )
        .file(file)
        .help(crate::msg!("input-outside-help"))
    } else {
        Finding::new(
            Code::ContentRead,
            crate::msg!("input-unreadable", reason = e.to_string()),
        )
        .file(file)
        .help(crate::msg!("input-unreadable-help"))
    }
}

/// Whether `name` is a plain folder name: not empty, no `/`, `\`, `..`, and not hidden.
pub fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', '\0', ':'])
        && Path::new(name).components().count() == 1
}

impl Area {
    /// The area `dir` (relative) below `root`.
    pub fn new(root: &Path, dir: impl Into<PathBuf>) -> Area {
        Area {
            root: root.to_path_buf(),
            dir: dir.into(),
            opened: Opened::default(),
        }
    }

    /// The area's folder, opened on first use (an error is not kept: the next use
    /// tries again).
    fn opened(&self) -> io::Result<&sys::Opened> {
        if let Some(opened) = self.opened.0.get() {
            return Ok(opened);
        }
        let opened = sys::open_area(self)?;
        Ok(self.opened.0.get_or_init(|| opened))
    }

    /// The area's folder, relative to the root (for findings).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether the area is there. Err (refused) when a link stands in the way.
    pub fn exists(&self) -> io::Result<bool> {
        // Opened here once, as every later read of the area finds it.
        match self.opened() {
            Ok(_) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Every file below `sub` (a folder inside the area; empty for all), as paths
    /// inside the area, in sorted order. `keep` is asked about each name below `sub`;
    /// a name it refuses (and everything below it) is skipped. Hidden names are always
    /// skipped. A missing `sub` is no file.
    pub fn walk(&self, sub: &str, keep: &dyn Fn(&str) -> bool) -> Walk {
        let mut walk = Walk::default();
        let keep = |name: &str| !name.starts_with('.') && keep(name);
        if let Err(e) = sys::walk(self, sub, &keep, &mut walk) {
            if e.kind() != io::ErrorKind::NotFound {
                walk.findings.push(finding(&e, &self.dir.join(sub)));
            }
        }
        walk
    }

    /// Opens a file of the area (see the module's rules for links).
    pub fn open(&self, rel: &str) -> io::Result<File> {
        sys::open(self, rel)
    }

    /// Reads a file of the area.
    pub fn read(&self, rel: &str) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.open(rel)?.read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    /// A file of the area, to be opened later.
    pub fn source(self: &Arc<Self>, rel: &str) -> Source {
        Source {
            area: Arc::clone(self),
            rel: rel.to_string(),
        }
    }
}

impl Source {
    /// The file, relative to the regency root (for findings).
    pub fn origin(&self) -> PathBuf {
        self.area.dir.join(&self.rel)
    }

    pub fn open(&self) -> io::Result<File> {
        self.area.open(&self.rel)
    }

    pub fn read(&self) -> io::Result<Vec<u8>> {
        self.area.read(&self.rel)
    }
}

/// The plain names of a relative path; anything else (`..`, `/`, a drive) is refused.
fn names(path: &Path) -> io::Result<Vec<&std::ffi::OsStr>> {
    path.components()
        .filter(|c| *c != Component::CurDir)
        .map(|c| match c {
            Component::Normal(n) => Ok(n),
            _ => Err(outside(crate::msg!(
                "input-not-inside",
                path = path.display().to_string()
            ))),
        })
        .collect()
}
#[cfg(unix)]
mod unix;
#[cfg(unix)]
use unix as sys;

#[cfg(not(unix))]
mod portable;
#[cfg(not(unix))]
use portable as sys;

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn tree() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("content/s");
        std::fs::create_dir_all(site.join("a/b")).unwrap();
        std::fs::create_dir_all(site.join(".git")).unwrap();
        std::fs::write(site.join("a/b/file.txt"), "inside").unwrap();
        std::fs::write(site.join(".git/config"), "secret").unwrap();
        std::fs::write(tmp.path().join("content/other.txt"), "other site").unwrap();
        tmp
    }

    fn refused(area: &Area, rel: &str) -> bool {
        area.read(rel).is_err_and(|e| is_outside(&e))
    }

    #[test]
    fn links_inside_the_area_are_followed_and_all_others_refused() {
        let tmp = tree();
        let site = tmp.path().join("content/s");
        symlink("a/b/file.txt", site.join("near")).unwrap();
        symlink("../b/file.txt", site.join("a/b/up")).unwrap();
        symlink("near", site.join("chain")).unwrap();
        symlink("/etc/passwd", site.join("abs")).unwrap();
        symlink("../other.txt", site.join("sibling")).unwrap();
        symlink("../../../../../../etc/passwd", site.join("a/escape")).unwrap();
        symlink(".git/config", site.join("git")).unwrap();
        symlink("a", site.join("folder")).unwrap();
        symlink("nowhere", site.join("dangling")).unwrap();
        symlink("loop", site.join("loop")).unwrap();
        let area = Area::new(tmp.path(), "content/s");
        for ok in ["near", "a/b/up", "chain", "a/b/file.txt"] {
            assert_eq!(area.read(ok).unwrap(), b"inside", "{ok}");
        }
        for bad in ["abs", "sibling", "a/escape", "git", "folder", "loop"] {
            assert!(refused(&area, bad), "{bad}");
        }
        assert!(area.read("dangling").is_err());
        assert!(refused(&area, "../other.txt"));
        assert!(refused(&area, "folder/b/file.txt"));
    }

    #[test]
    fn a_walk_lists_files_and_refuses_links_that_leave() {
        let tmp = tree();
        let site = tmp.path().join("content/s");
        symlink("a/b/file.txt", site.join("near")).unwrap();
        symlink("/etc", site.join("etc")).unwrap();
        symlink("nowhere", site.join("dangling")).unwrap();
        let walk = Area::new(tmp.path(), "content/s").walk("", &|_| true);
        let rels: Vec<_> = walk.files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["a/b/file.txt", "near"]);
        let files: Vec<_> = walk
            .findings
            .iter()
            .map(|f| f.file.clone().unwrap())
            .collect();
        assert_eq!(
            files,
            [Path::new("content/s/dangling"), Path::new("content/s/etc")]
        );
        assert!(walk
            .findings
            .iter()
            .all(|f| f.code == Code::ContentPathOutside));
    }

    #[test]
    fn an_area_reached_through_a_link_is_refused() {
        let tmp = tree();
        symlink("/etc", tmp.path().join("content/t")).unwrap();
        symlink("s", tmp.path().join("content/u")).unwrap();
        for dir in ["content/t", "content/u", "content/../content/s", "/etc"] {
            let area = Area::new(tmp.path(), dir);
            assert!(area.exists().is_err_and(|e| is_outside(&e)), "{dir}");
        }
        assert!(!Area::new(tmp.path(), "content/none").exists().unwrap());
    }

    #[test]
    fn plain_names() {
        for ok in ["pemda", "tema-2", "a_b"] {
            assert!(is_plain_name(ok), "{ok}");
        }
        for bad in ["", "/etc", "../x", "a/b", "..", ".", ".git", "a\\b", "C:x"] {
            assert!(!is_plain_name(bad), "{bad}");
        }
    }
}
