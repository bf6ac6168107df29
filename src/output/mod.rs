//! The build's sink: writes site outputs into a fresh folder next to `--out`, then
//! installs it (swaps it in), so that readers of `--out` see the old tree or the new one
//! and never a mix.
//!
//! A whole build replaces `--out` at once. A build of chosen sites (`--site`, or
//! `--keep-going` after some sites failed) swaps only site folders, leaving every other
//! site's previous output exactly as it was.
//!
//! Because it replaces `--out` whole, the sink must never be pointed at anything but its
//! own output: [`guard()`] refuses an `--out` that is, holds or lies inside the regency's
//! inputs, and a folder laman did not write (it recognises its own by [`MARKER`]). This
//! module never decides which sites go in, only where and how they land.

mod guard;

pub use guard::guard;

use crate::integrity::manifest::{Entry, HashingWriter, SiteManifest, REGENCY_FILE};
use crate::integrity::seal::{self, Seal};
use crate::render::{Body, SiteOutput};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// An I/O failure with the path it concerns.
#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub error: io::Error,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.error)
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

fn at(path: &Path) -> impl Fn(io::Error) -> WriteError + '_ {
    move |error| WriteError {
        path: path.to_path_buf(),
        error,
    }
}

/// The file laman writes at the top of every output folder, by which it recognises a
/// folder it may replace. Web servers serve `OUT/<fqdn>/`, so it is never served.
pub const MARKER: &str = ".laman-output";

const MARKER_TEXT: &str =
    "Folder ini ditulis oleh `laman build` dan diganti utuh pada setiap build.\n\
Jangan simpan berkas lain di sini.\n\
This folder is written by `laman build` and replaced whole on every build.\n";

/// How [`Staging::finish`] installs the staging folder in `--out`.
pub enum Install<'a> {
    /// `--out` becomes exactly these sites, plus the previous output of the sites named
    /// in `keep` (sites that failed under `--keep-going`).
    Whole { keep: &'a [String] },
    /// Only these sites' folders are replaced; all else in `--out` stays.
    Sites,
}

/// A fresh folder beside `out` that sites are written into as they are rendered (so a
/// build never holds every page in memory), then sealed with their manifests and swapped
/// in by [`Staging::finish`], or removed when dropped unfinished.
pub struct Staging {
    dir: tempfile::TempDir,
    out: PathBuf,
    /// Every file written, by site: what the site's manifest lists.
    written: Mutex<BTreeMap<String, Vec<Entry>>>,
    /// An exclusive lock on the staging folder for as long as the build lives: what
    /// tells a later build that this folder is not left over from a dead one.
    _alive: std::fs::File,
}

impl Staging {
    pub fn new(out: &Path) -> Result<Staging, WriteError> {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(at(&parent))?;
        let name = out
            .file_name()
            .map_or("public".into(), |n| n.to_string_lossy().into_owned());
        let prefix = format!(".{name}.new-");
        remove_dead_staging(&parent, &prefix);
        let dir = tempfile::Builder::new()
            .prefix(&prefix)
            .tempdir_in(&parent)
            .map_err(at(&parent))?;
        let alive = std::fs::File::open(dir.path()).map_err(at(dir.path()))?;
        alive.try_lock().map_err(|e| WriteError {
            path: dir.path().to_path_buf(),
            error: e.into(),
        })?;
        std::fs::write(dir.path().join(MARKER), MARKER_TEXT).map_err(at(dir.path()))?;
        Ok(Staging {
            dir,
            out: out.to_path_buf(),
            written: Mutex::default(),
            _alive: alive,
        })
    }

    /// Writes one site's files into the staging folder; a second call for the same site
    /// adds files to it.
    pub fn write(&self, site: &SiteOutput) -> Result<(), WriteError> {
        let entries = write_site(&self.dir.path().join(&site.fqdn), site)?;
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        written
            .entry(site.fqdn.clone())
            .or_default()
            .extend(entries);
        Ok(())
    }

    /// Puts into site `fqdn`, at each entry's path, the file at that path in `from` (a
    /// site folder of the installed output), as a hard link (a copy where the system
    /// refuses one), with the manifest entry the installed output's manifest has for it:
    /// a file a build does not change is neither read nor written again.
    pub fn link(&self, fqdn: &str, from: &Path, entries: Vec<Entry>) -> Result<(), WriteError> {
        use crate::integrity::manifest::plain_path;
        let site = self.dir.path().join(fqdn);
        if !plain_path(fqdn) {
            return Err(at(&site)(io::Error::from(io::ErrorKind::InvalidInput)));
        }
        // Entries come in folder order: each folder is made once.
        let mut made: Option<PathBuf> = None;
        for entry in &entries {
            let to = site.join(&entry.path);
            if !plain_path(&entry.path) {
                return Err(at(&to)(io::Error::from(io::ErrorKind::InvalidInput)));
            }
            if let Some(parent) = to.parent().filter(|p| made.as_deref() != Some(*p)) {
                std::fs::create_dir_all(parent).map_err(at(parent))?;
                made = Some(parent.to_path_buf());
            }
            let from = from.join(&entry.path);
            if std::fs::hard_link(&from, &to).is_err() {
                std::fs::copy(&from, &to).map_err(at(&to))?;
            }
        }
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        written.entry(fqdn.to_string()).or_default().extend(entries);
        Ok(())
    }

    /// Removes what was written under the folder `dir` of site `fqdn` (a `/`-separated
    /// path inside the site): the files and their manifest entries.
    pub fn forget(&self, fqdn: &str, dir: &str) -> Result<(), WriteError> {
        let path = self.dir.path().join(fqdn).join(dir);
        // Never anything outside the site's folder, whatever `dir` was made from.
        if !crate::integrity::manifest::plain_path(dir)
            || !crate::integrity::manifest::plain_path(fqdn)
        {
            return Err(at(&path)(io::Error::from(io::ErrorKind::InvalidInput)));
        }
        match std::fs::remove_dir_all(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(at(&path)(e)),
            _ => {}
        }
        let prefix = format!("{}/", dir.trim_end_matches('/'));
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(entries) = written.get_mut(fqdn) {
            entries.retain(|e| !e.path.starts_with(&prefix));
        }
        Ok(())
    }

    /// Puts the sites `fqdns` (written before) in place, as `how` says, each with its
    /// manifest, and the regency's manifest of every site the output then holds. Any
    /// other site folder in the staging folder is dropped. The previous trees are
    /// removed on a thread of their own ([`Cleanup`]).
    pub fn finish(self, fqdns: &[String], how: Install, seal: Seal) -> Result<Cleanup, WriteError> {
        let (staging, out) = (self.dir.path(), self.out.as_path());
        let mut written = self.written.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut sealed = Vec::new();
        for fqdn in fqdns {
            let dir = staging.join(fqdn);
            let files = written.remove(fqdn).unwrap_or_default();
            sealed.push(seal.site(&dir, fqdn, files).map_err(at(&dir))?);
        }
        for entry in std::fs::read_dir(staging).map_err(at(staging))? {
            let entry = entry.map_err(at(staging))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !fqdns.contains(&name) && name != MARKER {
                std::fs::remove_dir_all(entry.path()).map_err(at(&entry.path()))?;
            }
        }
        match how {
            Install::Whole { keep } => {
                for fqdn in keep {
                    let previous = out.join(fqdn);
                    if previous.is_dir() {
                        link_tree(&previous, &staging.join(fqdn))?;
                        sealed.extend(seal::read_site(&staging.join(fqdn)));
                    }
                }
                seal.regency(staging, sealed).map_err(at(staging))?;
                exchange(staging, out)?;
            }
            Install::Sites => {
                std::fs::create_dir_all(out).map_err(at(out))?;
                sealed.extend(other_sites(out, fqdns));
                seal.regency(staging, sealed).map_err(at(staging))?;
                let marker = out.join(MARKER);
                std::fs::rename(staging.join(MARKER), &marker).map_err(at(&marker))?;
                for fqdn in fqdns {
                    exchange(&staging.join(fqdn), &out.join(fqdn))?;
                }
                // The regency's manifest goes last, once the sites it lists are in place.
                for name in [
                    PathBuf::from(REGENCY_FILE),
                    seal::signature_of(Path::new(REGENCY_FILE)),
                ] {
                    let (from, to) = (staging.join(&name), out.join(&name));
                    match std::fs::rename(&from, &to) {
                        Err(e) if e.kind() == io::ErrorKind::NotFound => {
                            let _ = std::fs::remove_file(&to);
                        }
                        other => other.map_err(at(&to))?,
                    }
                }
            }
        }
        // The staging folder now holds the previous trees, if there were any.
        if staging.exists() {
            let (dir, alive) = (self.dir, self._alive);
            let removing = std::thread::spawn(move || {
                // Left behind (this process killed first), it is a dead build's staging
                // folder, which the next build removes.
                let _ = dir.close();
                drop(alive);
            });
            Ok(Cleanup(Some(removing)))
        } else {
            let _ = self.dir.keep();
            Ok(Cleanup(None))
        }
    }
}

/// The previous trees an install swapped out, being removed while the build finishes
/// (a large regency's output is tens of thousands of files); dropping it waits until
/// they are gone.
#[must_use = "dropping it waits for the previous trees to be removed"]
pub struct Cleanup(Option<std::thread::JoinHandle<()>>);

impl Drop for Cleanup {
    fn drop(&mut self) {
        if let Some(removing) = self.0.take() {
            let _ = removing.join();
        }
    }
}

/// Removes the staging folders (`prefix*` in `parent`) that builds which died (killed,
/// out of memory, power lost) left behind. A folder whose lock can be taken belongs to
/// no running build; one still locked is a build in progress and is left alone. Only a
/// cleanup: whatever fails here fails quietly.
fn remove_dead_staging(parent: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let dead = entry.file_name().to_string_lossy().starts_with(prefix)
            && entry.file_type().is_ok_and(|t| t.is_dir())
            && std::fs::File::open(entry.path()).is_ok_and(|f| f.try_lock().is_ok());
        if dead {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The manifests of the site folders in `out` other than `fqdns`.
fn other_sites(out: &Path, fqdns: &[String]) -> Vec<SiteManifest> {
    let Ok(entries) = std::fs::read_dir(out) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| !fqdns.iter().any(|f| *f == *e.file_name().to_string_lossy()))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| seal::read_site(&e.path()))
        .collect()
}

/// Writes a site's files, returning their manifest entries (hashed as they are written).
fn write_site(dir: &Path, site: &SiteOutput) -> Result<Vec<Entry>, WriteError> {
    let mut dirs: Vec<PathBuf> = site
        .files
        .iter()
        .filter_map(|f| dir.join(&f.path).parent().map(Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        std::fs::create_dir_all(d).map_err(at(d))?;
    }
    site.files
        .par_iter()
        .map(|file| {
            let path = dir.join(&file.path);
            let bytes: &[u8] = match &file.body {
                Body::Bytes(bytes) => bytes,
                Body::Embedded(bytes) => bytes,
                Body::Copy(source) => {
                    let origin = source.origin();
                    let mut from = source.open().map_err(at(&origin))?;
                    let to = std::fs::File::create(&path).map_err(at(&path))?;
                    let mut to = HashingWriter::new(to);
                    io::copy(&mut from, &mut to).map_err(at(&path))?;
                    return Ok(to.entry(file.path.clone()));
                }
            };
            std::fs::write(&path, bytes).map_err(at(&path))?;
            Ok(Entry::of(file.path.clone(), bytes))
        })
        .collect()
}

/// Puts `new` at `old`'s place and `old`'s previous content at `new`'s place, atomically
/// where the system can (Linux `renameat2(RENAME_EXCHANGE)`).
fn exchange(new: &Path, old: &Path) -> Result<(), WriteError> {
    if std::fs::symlink_metadata(old).is_err() {
        return std::fs::rename(new, old).map_err(at(old));
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        if renameat_with(CWD, new, CWD, old, RenameFlags::EXCHANGE).is_ok() {
            return Ok(());
        }
    }
    // No atomic exchange here: two renames, with the old tree parked in between.
    let parked = new.with_extension("old");
    std::fs::rename(old, &parked).map_err(at(old))?;
    std::fs::rename(new, old).map_err(at(old))?;
    std::fs::rename(&parked, new).map_err(at(new))
}

/// Recreates `from` at `to` with hard links (a copy where links are impossible).
fn link_tree(from: &Path, to: &Path) -> Result<(), WriteError> {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(|e| WriteError {
            path: from.to_path_buf(),
            error: e.into(),
        })?;
        let rel = entry.path().strip_prefix(from).unwrap_or(entry.path());
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).map_err(at(&target))?;
        } else if std::fs::hard_link(entry.path(), &target).is_err() {
            std::fs::copy(entry.path(), &target).map_err(at(&target))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::OutputFile;

    /// Writes `sites` into a staging folder beside `out` and swaps it in.
    fn install(out: &Path, sites: &[SiteOutput], how: Install) -> Result<(), WriteError> {
        let staging = Staging::new(out)?;
        for site in sites {
            staging.write(site)?;
        }
        let fqdns: Vec<String> = sites.iter().map(|s| s.fqdn.clone()).collect();
        let seal = Seal {
            regency: "go.id",
            signer: None,
        };
        staging.finish(&fqdns, how, seal).map(drop)
    }

    fn site(fqdn: &str, text: &str) -> SiteOutput {
        SiteOutput {
            label: fqdn.into(),
            fqdn: fqdn.into(),
            pages: 1,
            files: vec![OutputFile {
                path: "a/index.html".into(),
                body: Body::Bytes(text.as_bytes().to_vec()),
            }],
        }
    }

    fn read(p: &Path) -> String {
        std::fs::read_to_string(p).unwrap()
    }

    #[test]
    fn whole_install_replaces_the_tree_and_leaves_no_staging() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        install(
            &out,
            &[site("a.go.id", "1"), site("b.go.id", "1")],
            Install::Whole { keep: &[] },
        )
        .unwrap();
        install(&out, &[site("a.go.id", "2")], Install::Whole { keep: &[] }).unwrap();
        assert_eq!(read(&out.join("a.go.id/a/index.html")), "2");
        assert!(!out.join("b.go.id").exists());
        let names: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec!["public"]);
    }

    #[test]
    fn kept_sites_keep_their_previous_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        install(
            &out,
            &[site("a.go.id", "1"), site("b.go.id", "1")],
            Install::Whole { keep: &[] },
        )
        .unwrap();
        install(
            &out,
            &[site("a.go.id", "2")],
            Install::Whole {
                keep: &["b.go.id".into()],
            },
        )
        .unwrap();
        assert_eq!(read(&out.join("a.go.id/a/index.html")), "2");
        assert_eq!(read(&out.join("b.go.id/a/index.html")), "1");
    }

    #[test]
    fn site_install_touches_only_those_sites() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        install(
            &out,
            &[site("a.go.id", "1"), site("b.go.id", "1")],
            Install::Whole { keep: &[] },
        )
        .unwrap();
        install(&out, &[site("b.go.id", "2")], Install::Sites).unwrap();
        assert_eq!(read(&out.join("a.go.id/a/index.html")), "1");
        assert_eq!(read(&out.join("b.go.id/a/index.html")), "2");
    }
}
