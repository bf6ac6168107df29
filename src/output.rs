//! The build's sink: writes site outputs into a fresh folder next to `--out`, then swaps
//! it in, so that readers of `--out` see the old tree or the new one and never a mix.
//!
//! A whole build replaces `--out` at once. A build of chosen sites (`--site`, or
//! `--keep-going` after some sites failed) swaps only site folders, leaving every other
//! site's previous output exactly as it was.

use crate::render::{Body, SiteOutput};
use rayon::prelude::*;
use std::io;
use std::path::{Path, PathBuf};

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

fn at(path: &Path) -> impl Fn(io::Error) -> WriteError + '_ {
    move |error| WriteError {
        path: path.to_path_buf(),
        error,
    }
}

/// What to put in place.
pub enum Publish<'a> {
    /// `--out` becomes exactly these sites, plus the previous output of the sites named
    /// in `keep` (sites that failed under `--keep-going`).
    Whole { keep: &'a [String] },
    /// Only these sites' folders are replaced; all else in `--out` stays.
    Sites,
}

/// A fresh folder beside `out` that sites are written into as they are rendered (so a
/// build never holds every page in memory), then swapped in by [`Staging::finish`], or
/// removed when dropped unfinished.
pub struct Staging {
    dir: tempfile::TempDir,
    out: PathBuf,
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
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.new-"))
            .tempdir_in(&parent)
            .map_err(at(&parent))?;
        Ok(Staging {
            dir,
            out: out.to_path_buf(),
        })
    }

    /// Writes one site into the staging folder.
    pub fn write(&self, site: &SiteOutput) -> Result<(), WriteError> {
        write_site(&self.dir.path().join(&site.fqdn), site)
    }

    /// Puts the sites `fqdns` (written before) in place, as `how` says. Any other site
    /// folder in the staging folder is dropped.
    pub fn finish(self, fqdns: &[String], how: Publish) -> Result<(), WriteError> {
        let (staging, out) = (self.dir.path(), self.out.as_path());
        for entry in std::fs::read_dir(staging).map_err(at(staging))? {
            let entry = entry.map_err(at(staging))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !fqdns.contains(&name) {
                std::fs::remove_dir_all(entry.path()).map_err(at(&entry.path()))?;
            }
        }
        match how {
            Publish::Whole { keep } => {
                for fqdn in keep {
                    let previous = out.join(fqdn);
                    if previous.is_dir() {
                        link_tree(&previous, &staging.join(fqdn))?;
                    }
                }
                exchange(staging, out)?;
            }
            Publish::Sites => {
                std::fs::create_dir_all(out).map_err(at(out))?;
                for fqdn in fqdns {
                    exchange(&staging.join(fqdn), &out.join(fqdn))?;
                }
            }
        }
        // The staging folder now holds the previous trees, if there were any.
        if staging.exists() {
            let parent = staging.parent().map(Path::to_path_buf).unwrap_or_default();
            self.dir.close().map_err(at(&parent))
        } else {
            let _ = self.dir.keep();
            Ok(())
        }
    }
}

fn write_site(dir: &Path, site: &SiteOutput) -> Result<(), WriteError> {
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
    site.files.par_iter().try_for_each(|file| {
        let path = dir.join(&file.path);
        match &file.body {
            Body::Bytes(bytes) => std::fs::write(&path, bytes).map_err(at(&path)),
            Body::Embedded(bytes) => std::fs::write(&path, bytes).map_err(at(&path)),
            Body::Copy(source) => {
                let origin = source.origin();
                let mut from = source.open().map_err(at(&origin))?;
                let mut to = std::fs::File::create(&path).map_err(at(&path))?;
                io::copy(&mut from, &mut to).map(drop).map_err(at(&path))
            }
        }
    })
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
    fn publish(out: &Path, sites: &[SiteOutput], how: Publish) -> Result<(), WriteError> {
        let staging = Staging::new(out)?;
        for site in sites {
            staging.write(site)?;
        }
        let fqdns: Vec<String> = sites.iter().map(|s| s.fqdn.clone()).collect();
        staging.finish(&fqdns, how)
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
    fn whole_publish_replaces_the_tree_and_leaves_no_staging() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        publish(
            &out,
            &[site("a.go.id", "1"), site("b.go.id", "1")],
            Publish::Whole { keep: &[] },
        )
        .unwrap();
        publish(&out, &[site("a.go.id", "2")], Publish::Whole { keep: &[] }).unwrap();
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
        publish(
            &out,
            &[site("a.go.id", "1"), site("b.go.id", "1")],
            Publish::Whole { keep: &[] },
        )
        .unwrap();
        publish(
            &out,
            &[site("a.go.id", "2")],
            Publish::Whole {
                keep: &["b.go.id".into()],
            },
        )
        .unwrap();
        assert_eq!(read(&out.join("a.go.id/a/index.html")), "2");
        assert_eq!(read(&out.join("b.go.id/a/index.html")), "1");
    }

    #[test]
    fn site_publish_touches_only_those_sites() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        publish(
            &out,
            &[site("a.go.id", "1"), site("b.go.id", "1")],
            Publish::Whole { keep: &[] },
        )
        .unwrap();
        publish(&out, &[site("b.go.id", "2")], Publish::Sites).unwrap();
        assert_eq!(read(&out.join("a.go.id/a/index.html")), "1");
        assert_eq!(read(&out.join("b.go.id/a/index.html")), "2");
    }
}
