//! Publishing to a folder on this machine (a web server's own disk, a mounted volume):
//! the steps of [`super`] done with the file system's own calls, unchanged files
//! hard-linked from the live release. It must never write outside the destination.

use super::releases::{self, CURRENT, NEXT_LINK_PREFIX, PARTIAL_PREFIX, RELEASES};
use super::{checkpoint, ready::Ready, Options, Outcome};
use crate::error::Error;
use crate::integrity::manifest::{sha256_hex, RegencyManifest, REGENCY_FILE, SIGNATURE_SUFFIX};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Publishes `ready` into `dest` as release `id` (see [`super`] for the steps).
pub fn publish(dest: &Path, ready: &Ready, id: &str, options: &Options) -> Result<Outcome, Error> {
    let shown = dest.display().to_string();
    let (all, live) = state(dest)?;
    let previous = live.as_ref().map(|id| dest.join(RELEASES).join(id));
    let mut outcome = Outcome {
        release: id.to_string(),
        previous: live.clone(),
        dry_run: options.dry_run,
        ..Outcome::default()
    };
    if let Some(live_dir) = &previous {
        if already_live(live_dir, ready, &options.sites) {
            outcome.already_live = true;
            return Ok(outcome);
        }
    }
    if options.dry_run {
        plan(
            ready,
            previous.as_deref(),
            &options.sites,
            None,
            &mut outcome,
        )?;
        return Ok(outcome);
    }
    let dir = dest.join(RELEASES);
    std::fs::create_dir_all(&dir).map_err(not_writable(&shown))?;
    let _lock = lock(dest)?;
    remove_partials(&dir, PARTIAL_PREFIX)?;
    remove_partials(dest, NEXT_LINK_PREFIX)?;
    let partial = dir.join(format!("{PARTIAL_PREFIX}{id}"));
    let manifest = plan(
        ready,
        previous.as_deref(),
        &options.sites,
        Some(&partial),
        &mut outcome,
    )?;
    checkpoint("copied");
    outcome.verified = verify(&partial, &manifest)?;
    checkpoint("verified");
    // On disk before it can be made live: a power cut must not leave `current` naming
    // files still in the page cache.
    std::fs::File::open(&partial)
        .and_then(|f| rustix::fs::syncfs(&f).map_err(std::io::Error::from))
        .map_err(Error::io(crate::msg!(
            "io-cannot-flush",
            path = partial.display().to_string()
        )))?;
    let final_dir = dir.join(id);
    if final_dir.exists() {
        return Err(Error::Usage(crate::msg!(
            "publish-same-second",
            path = final_dir.display().to_string()
        )));
    }
    std::fs::rename(&partial, &final_dir).map_err(Error::io(crate::msg!(
        "io-cannot-rename",
        path = partial.display().to_string()
    )))?;
    checkpoint("renamed");
    switch(dest, id)?;
    let mut ids = all;
    ids.push(id.to_string());
    let ids = releases::sorted(ids);
    for old in releases::to_prune(&ids, options.keep, id) {
        std::fs::remove_dir_all(dir.join(&old)).map_err(Error::io(crate::msg!(
            "io-cannot-remove",
            path = old.to_string()
        )))?;
        outcome.pruned.push(old);
    }
    Ok(outcome)
}

/// Points `current` at release `id` atomically: a new link, renamed over the old one.
fn switch(dest: &Path, id: &str) -> Result<(), Error> {
    let next = dest.join(format!("{NEXT_LINK_PREFIX}{id}"));
    let _ = std::fs::remove_file(&next);
    std::os::unix::fs::symlink(releases::link_target(id), &next).map_err(Error::io(
        crate::msg!("io-cannot-link", path = next.display().to_string()),
    ))?;
    checkpoint("linked");
    std::fs::rename(&next, dest.join(CURRENT)).map_err(Error::io(crate::msg!(
        "publish-cannot-switch",
        path = dest.join(CURRENT).display().to_string()
    )))?;
    checkpoint("switched");
    Ok(())
}

/// Makes the release before the live one live again.
pub fn rollback(dest: &Path) -> Result<(String, String), Error> {
    let _lock = if dest.is_dir() {
        Some(lock(dest)?)
    } else {
        None
    };
    let (all, live) = state(dest)?;
    let target = super::rollback_target(&all, live.as_deref(), &dest.display().to_string())?;
    switch(dest, &target)?;
    Ok((live.unwrap_or_default(), target))
}

/// Holds `DEST/.laman-publish.lock` (released when dropped, or when the process dies):
/// one publish or rollback at a time.
fn lock(dest: &Path) -> Result<std::fs::File, Error> {
    let path = dest.join(".laman-publish.lock");
    let file = std::fs::File::create(&path).map_err(not_writable(&dest.display().to_string()))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::Usage(crate::msg!(
            "publish-locked",
            dest = dest.display().to_string(),
            lock = path.display().to_string()
        ))),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::io(crate::msg!(
            "io-cannot-lock",
            path = path.display().to_string()
        ))(e)),
    }
}

/// The releases in `dest`, oldest first, and the one `current` names.
fn state(dest: &Path) -> Result<(Vec<String>, Option<String>), Error> {
    if dest.exists() && !dest.is_dir() {
        return Err(Error::Usage(crate::msg!(
            "publish-to-file",
            dest = dest.display().to_string()
        )));
    }
    let names = match std::fs::read_dir(dest.join(RELEASES)) {
        Ok(entries) => entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect(),
        Err(_) => Vec::new(),
    };
    let live = std::fs::read_link(dest.join(CURRENT))
        .ok()
        .and_then(|t| releases::release_of_link(&t.to_string_lossy()));
    Ok((releases::sorted(names), live))
}

fn not_writable(shown: &str) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |e| {
        Error::Usage(crate::msg!(
            "publish-not-writable",
            dest = shown,
            reason = e.to_string()
        ))
    }
}

/// Removes what a killed publish left: half-written releases, links never switched.
fn remove_partials(dir: &Path, prefix: &str) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(Error::io(crate::msg!(
        "io-cannot-list",
        path = dir.display().to_string()
    )))?;
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(prefix) {
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_dir {
                std::fs::remove_dir_all(entry.path())
            } else {
                std::fs::remove_file(entry.path())
            }
            .map_err(Error::io(format!(
                "cannot remove {}",
                entry.path().display()
            )))?;
        }
    }
    Ok(())
}

/// Lays out the release in `into` (or, without it, only counts): the build's sites, or
/// with `sites` those sites from the build and every other from the live release. Returns
/// the regency manifest the release holds.
fn plan(
    ready: &Ready,
    previous: Option<&Path>,
    sites: &[String],
    into: Option<&Path>,
    outcome: &mut Outcome,
) -> Result<RegencyManifest, Error> {
    if let Some(dir) = into {
        make_dir(dir)?;
    }
    if sites.is_empty() {
        place(&ready.out, previous, into, outcome, &|top| {
            top != crate::output::MARKER
        })?;
        return Ok(ready.manifest.clone());
    }
    let Some(previous) = previous else {
        return Err(super::no_live_release_for_sites());
    };
    let live = read_manifest(previous)?;
    let chosen = |top: &str| sites.iter().any(|s| s == top);
    place(previous, Some(previous), into, outcome, &|top| {
        !chosen(top) && !top.starts_with(REGENCY_FILE) && live.sites.iter().any(|s| s.site == top)
    })?;
    place(&ready.out, Some(previous), into, outcome, &|top| {
        chosen(top)
    })?;
    let manifest = super::compose(live, &ready.manifest, sites);
    if let Some(dir) = into {
        let bytes = manifest.to_bytes();
        write_file(&dir.join(REGENCY_FILE), &bytes)?;
        outcome.files += 1;
        outcome.copied += 1;
        outcome.bytes += bytes.len() as u64;
    }
    Ok(manifest)
}

/// Whether the release in `live_dir` already holds what publishing `ready` (the whole
/// build, or `sites` of it beside the live ones) would make.
fn already_live(live_dir: &Path, ready: &Ready, sites: &[String]) -> bool {
    let Ok(bytes) = std::fs::read(live_dir.join(REGENCY_FILE)) else {
        return false;
    };
    if sites.is_empty() {
        let signature =
            std::fs::read(live_dir.join(format!("{REGENCY_FILE}{SIGNATURE_SUFFIX}"))).ok();
        return super::holds(&bytes, signature.as_deref()) == super::build_holds(ready);
    }
    RegencyManifest::parse(&bytes)
        .is_ok_and(|live| super::compose(live.clone(), &ready.manifest, sites) == live)
}

fn read_manifest(release: &Path) -> Result<RegencyManifest, Error> {
    let path = release.join(REGENCY_FILE);
    let bytes = std::fs::read(&path).map_err(Error::io(crate::msg!(
        "io-cannot-read",
        path = path.display().to_string()
    )))?;
    RegencyManifest::parse(&bytes).map_err(|e| Error::Usage(format!("{}: {e}", path.display())))
}

/// Places every file below `from` whose top-level name `take` accepts: a hard link of
/// the same path in `previous` when the content is the same, else a copy.
fn place(
    from: &Path,
    previous: Option<&Path>,
    into: Option<&Path>,
    outcome: &mut Outcome,
    take: &dyn Fn(&str) -> bool,
) -> Result<(), Error> {
    let walk = walkdir::WalkDir::new(from).min_depth(1).sort_by_file_name();
    for entry in walk
        .into_iter()
        .filter_entry(|e| e.depth() > 1 || take(&e.file_name().to_string_lossy()))
    {
        let entry = entry.map_err(|e| {
            Error::io(crate::msg!(
                "io-cannot-read",
                path = from.display().to_string()
            ))(e)
        })?;
        let rel = entry.path().strip_prefix(from).unwrap_or(entry.path());
        if entry.file_type().is_dir() {
            if let Some(into) = into {
                make_dir(&into.join(rel))?;
            }
            continue;
        }
        if !entry.file_type().is_file() {
            return Err(Error::Usage(crate::msg!(
                "publish-not-plain",
                path = entry.path().display().to_string()
            )));
        }
        outcome.files += 1;
        let old = previous
            .map(|p| p.join(rel))
            .filter(|old| same(entry.path(), old));
        match (old, into) {
            (Some(old), Some(into)) => {
                std::fs::hard_link(&old, into.join(rel)).map_err(Error::io(crate::msg!(
                    "io-cannot-link",
                    path = old.display().to_string()
                )))?
            }
            (Some(_), None) => {}
            (None, into) => {
                outcome.copied += 1;
                outcome.bytes += entry.metadata().map_or(0, |m| m.len());
                if let Some(into) = into {
                    let to = into.join(rel);
                    std::fs::copy(entry.path(), &to).map_err(Error::io(crate::msg!(
                        "io-cannot-copy",
                        path = to.display().to_string()
                    )))?;
                    set_mode(&to, 0o644)?;
                }
            }
        }
    }
    Ok(())
}

/// Whether two files have the same content (the same inode, or equal bytes).
fn same(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::symlink_metadata(b)) else {
        return false;
    };
    if !mb.is_file() || ma.len() != mb.len() {
        return false;
    }
    if ma.dev() == mb.dev() && ma.ino() == mb.ino() {
        return true;
    }
    matches!((std::fs::read(a), std::fs::read(b)), (Ok(x), Ok(y)) if x == y)
}

fn make_dir(dir: &Path) -> Result<(), Error> {
    std::fs::create_dir(dir).map_err(Error::io(crate::msg!(
        "io-cannot-create",
        path = dir.display().to_string()
    )))?;
    set_mode(dir, 0o755)
}

fn set_mode(path: &Path, mode: u32) -> Result<(), Error> {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).map_err(Error::io(
        format!("cannot set the permissions of {}", path.display()),
    ))
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    std::fs::write(path, bytes).map_err(Error::io(crate::msg!(
        "io-cannot-write",
        path = path.display().to_string()
    )))?;
    set_mode(path, 0o644)
}

/// Checks every file of the release in `dir` against `manifest`: each listed file there
/// with its SHA-256, nothing else in a site's folder but its manifest and signature, no
/// folder that is not a listed site. Returns how many files were checked.
pub fn verify(dir: &Path, manifest: &RegencyManifest) -> Result<usize, Error> {
    let wrong = |what: String| {
        Error::Usage(crate::msg!(
            "publish-release-differs",
            dir = dir.display().to_string(),
            what = what
        ))
    };
    let mut checked = 0;
    let top = std::fs::read_dir(dir).map_err(Error::io(crate::msg!(
        "io-cannot-list",
        path = dir.display().to_string()
    )))?;
    for entry in top.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let listed = manifest.sites.iter().any(|s| s.site == name)
            || name == REGENCY_FILE
            || name == format!("{REGENCY_FILE}{SIGNATURE_SUFFIX}");
        if !listed {
            return Err(wrong(crate::msg!(
                "publish-differs-site",
                name = name.as_str()
            )));
        }
    }
    for site in &manifest.sites {
        let root = dir.join(&site.site);
        let mut expected: std::collections::BTreeMap<&str, &str> = site
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.sha256.as_str()))
            .collect();
        for entry in walkdir::WalkDir::new(&root).min_depth(1) {
            let entry = entry.map_err(|e| wrong(e.to_string()))?;
            if entry.file_type().is_dir() {
                continue;
            }
            let rel = entry.path().strip_prefix(&root).unwrap_or(entry.path());
            let rel = rel.to_string_lossy().replace('\\', "/");
            if rel == crate::integrity::manifest::SITE_PATH
                || rel == crate::integrity::manifest::site_signature_path()
            {
                continue;
            }
            let Some(hash) = expected.remove(rel.as_str()) else {
                return Err(wrong(crate::msg!(
                    "publish-differs-unlisted",
                    file = format!("{}/{rel}", site.site)
                )));
            };
            let bytes = std::fs::read(entry.path()).map_err(|e| wrong(e.to_string()))?;
            if sha256_hex(&bytes) != hash {
                return Err(wrong(crate::msg!(
                    "publish-differs-content",
                    file = format!("{}/{rel}", site.site)
                )));
            }
            checked += 1;
        }
        if let Some((missing, _)) = expected.into_iter().next() {
            return Err(wrong(crate::msg!(
                "publish-differs-missing",
                file = format!("{}/{missing}", site.site)
            )));
        }
    }
    Ok(checked)
}

/// The folder of the live release in `dest`, if there is one (for tests and the CLI).
pub fn live(dest: &Path) -> Option<PathBuf> {
    let (_, id) = state(dest).ok()?;
    id.map(|id| dest.join(RELEASES).join(id))
}
