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
//! errors has been swapped in. Output is a pure function of the inputs, so skipping
//! gives the very bytes a cold build would write; a test holds the two side by side.

use crate::finding::Finding;
use crate::input::{Area, Found};
use serde::{Deserialize, Serialize};
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

/// Where the stamp of an output folder is kept: beside it.
pub fn path_of(out: &Path) -> std::path::PathBuf {
    beside(out, "laman-stamp.json")
}

/// A hidden name beside the output folder, made from its name: `.<name of OUT>.<what>`
/// (never inside `--out`, so never published).
pub fn beside(out: &Path, what: &str) -> std::path::PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{what}"))
}

/// Reads a file that laman keeps beside the output folder, never through a symbolic
/// link (one planted there must not make a build read elsewhere).
pub fn read_beside(path: &Path) -> io::Result<Vec<u8>> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(path)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// What a clean build leaves behind for the next one.
#[derive(Debug, Serialize, Deserialize)]
pub struct Stamp {
    pub inputs: String,
    /// Per input file (relative path): size, modification time and content hash, so
    /// that the next build hashes again only files whose size or time moved.
    #[serde(default)]
    pub files: Hashes,
    pub outputs: String,
    pub findings: Vec<Finding>,
    pub sites: usize,
    pub pages: usize,
    /// The sites installed by that build (the key is the stamp's first name for them).
    #[serde(rename = "published")]
    pub installed: Vec<String>,
    /// Whether the build included drafts (`--drafts`): such an output is never published.
    #[serde(default)]
    pub drafts: bool,
}

/// One input file: size, modification time in ns, BLAKE3 of its content.
pub type FileHash = (u64, u128, String);

/// Input files by path relative to the root.
pub type Hashes = std::collections::BTreeMap<String, FileHash>;

/// Files modified this close to the stamp's writing are hashed again whatever their
/// time says (a change within the clock's resolution must not go unseen).
const RACY_NS: u128 = 2_000_000_000;

/// The fingerprint of everything a build reads, and the hash of each input file.
/// `known` holds the hashes of the last build: a file whose size and time match, and
/// that was not modified just before that build's stamp, is not read again.
pub fn inputs(
    root: &Path,
    drafts: bool,
    today: jiff::civil::Date,
    known: Option<(&Hashes, u128)>,
) -> io::Result<(String, Hashes)> {
    use rayon::prelude::*;
    let mut h = blake3::Hasher::new();
    h.update(environment(drafts, today)?.as_bytes());
    // Listed and read as a build reads them (see `input`): hidden files are no input,
    // and a link leaving the repository is never followed (that build fails anyway).
    let area = Area::new(root, "");
    let mut files = Vec::new();
    if let Ok(meta) = area
        .open(crate::registry::FILE_NAME)
        .and_then(|f| f.metadata())
    {
        files.push(Found {
            rel: crate::registry::FILE_NAME.to_string(),
            len: meta.len(),
            modified: mtime_ns(&meta),
        });
    }
    for top in ["content", "themes"] {
        let walk = area.walk(top, &|_| true);
        if let Some(f) = walk.findings.first() {
            return Err(io::Error::other(f.message.clone()));
        }
        files.extend(walk.files);
    }
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    // Hashing file by file in parallel, then the list in order: deterministic and fast.
    let hashed: Vec<io::Result<(String, FileHash)>> = files
        .into_par_iter()
        .map(|f| {
            let reuse = known.and_then(|(hashes, written)| {
                let (size, t, hash) = hashes.get(&f.rel)?;
                (*size == f.len && *t == f.modified && f.modified + RACY_NS < written)
                    .then(|| hash.clone())
            });
            let hash = match reuse {
                Some(hash) => hash,
                // Streamed through the hasher's own buffer: a cold build's hashing of
                // every input allocates nothing per file.
                None => blake3::Hasher::new()
                    .update_reader(area.open(&f.rel)?)?
                    .finalize()
                    .to_hex()
                    .to_string(),
            };
            Ok((f.rel, (f.len, f.modified, hash)))
        })
        .collect();
    let mut hashes = Hashes::new();
    for item in hashed {
        let (rel, entry) = item?;
        h.update(rel.as_bytes());
        h.update(b"\0");
        h.update(entry.2.as_bytes());
        hashes.insert(rel, entry);
    }
    Ok((h.finalize().to_hex().to_string(), hashes))
}

/// The fingerprint of what changes every page whatever the files say: laman's version and
/// executable (path, size, modification time), `--drafts` and today's date.
pub fn environment(drafts: bool, today: jiff::civil::Date) -> io::Result<String> {
    let mut h = blake3::Hasher::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(format!("\0drafts={drafts}\0today={today}\0").as_bytes());
    if let Ok(exe) = std::env::current_exe() {
        let meta = std::fs::metadata(&exe)?;
        h.update(exe.to_string_lossy().as_bytes());
        h.update(&meta.len().to_le_bytes());
        h.update(format!("{:?}", meta.modified().ok()).as_bytes());
    }
    Ok(h.finalize().to_hex().to_string())
}

fn mtime_ns(meta: &std::fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// When the stamp of `out` was written (ns since the epoch), if there is one.
pub fn written_at(out: &Path) -> Option<u128> {
    std::fs::metadata(path_of(out)).ok().map(|m| mtime_ns(&m))
}

/// The fingerprint of an output folder as it stands: the path, kind, size and
/// modification time of everything in it (links are not followed).
pub fn outputs(out: &Path) -> io::Result<String> {
    look(out, None).map(|o| o.digest)
}

/// What [`look`] saw of an output folder: its fingerprint, and each top folder's (a
/// site's) by name, with the folder's inode and time.
#[derive(Debug, Default, Clone)]
pub struct Outputs {
    pub digest: String,
    tops: std::collections::HashMap<Vec<u8>, Top>,
}

/// One top folder as [`look`] saw it.
#[derive(Debug, Clone, PartialEq)]
struct Top {
    inode: u64,
    line: Vec<u8>,
    digest: blake3::Hash,
    count: usize,
}

/// The fingerprint of an output folder (as [`outputs`]). A top folder that is still
/// the very folder `earlier` saw (same inode, same time: a build that installs a site
/// swaps in a new folder) is taken from there rather than walked again; only a build
/// that has just looked at the whole folder, and changed it only by installing sites,
/// may pass what it saw.
pub fn look(out: &Path, earlier: Option<&Outputs>) -> io::Result<Outputs> {
    use rayon::prelude::*;
    use rustix::fs::{Mode, OFlags};
    let dir = rustix::fs::open(
        out,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    let seen: Vec<io::Result<Seen>> = listed(&dir)?
        .into_par_iter()
        .map(|name| see_top(&dir, name, earlier))
        .collect();
    let mut h = blake3::Hasher::new();
    let mut count = 0;
    let mut tops = std::collections::HashMap::new();
    for item in seen {
        match item? {
            Seen::File(line) => {
                h.update(&line);
                count += 1;
            }
            Seen::Folder(name, top) => {
                h.update(&top.line);
                h.update(top.digest.as_bytes());
                count += 1 + top.count;
                tops.insert(name, top);
            }
        }
    }
    h.update(&count.to_le_bytes());
    Ok(Outputs {
        digest: h.finalize().to_hex().to_string(),
        tops,
    })
}

/// An entry at the top of the output folder, as [`look`] sees it.
enum Seen {
    File(Vec<u8>),
    Folder(Vec<u8>, Top),
}

fn see_top(
    dir: &std::os::fd::OwnedFd,
    name: Vec<u8>,
    earlier: Option<&Outputs>,
) -> io::Result<Seen> {
    use rustix::fs::{AtFlags, FileType, Mode, OFlags};
    let os = std::ffi::OsStr::from_bytes(&name);
    let stat = rustix::fs::statat(dir, os, AtFlags::SYMLINK_NOFOLLOW)?;
    let line = line_of(&String::from_utf8_lossy(&name), &stat);
    if FileType::from_raw_mode(stat.st_mode) != FileType::Directory {
        return Ok(Seen::File(line));
    }
    let before = earlier.and_then(|e| e.tops.get(&name));
    if let Some(top) = before.filter(|t| t.inode == stat.st_ino && t.line == line) {
        return Ok(Seen::Folder(name, top.clone()));
    }
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let sub = rustix::fs::openat(dir, os, flags, Mode::empty())?;
    let rel = format!("{}/", String::from_utf8_lossy(&name));
    let (digest, count) = describe(&sub, &rel)?;
    let top = Top {
        inode: stat.st_ino,
        line,
        digest,
        count,
    };
    Ok(Seen::Folder(name, top))
}

/// The names in the folder `dir`, sorted.
fn listed(dir: &std::os::fd::OwnedFd) -> io::Result<Vec<Vec<u8>>> {
    let mut names = Vec::new();
    for entry in rustix::fs::Dir::read_from(dir)? {
        let name = entry?.file_name().to_bytes().to_vec();
        if name != b"." && name != b".." {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

/// What the fingerprint takes of one entry at `path`.
fn line_of(path: &str, stat: &rustix::fs::Stat) -> Vec<u8> {
    let is_dir =
        rustix::fs::FileType::from_raw_mode(stat.st_mode) == rustix::fs::FileType::Directory;
    let modified = stat.st_mtime as i128 * 1_000_000_000 + stat.st_mtime_nsec as i128;
    format!("{path}\0{is_dir}\0{}\0{modified}\0", stat.st_size).into_bytes()
}

/// The digest of the folder `dir` (at `rel` inside the output): each entry's path, kind,
/// size and time in name order, each folder's own digest after it; and how many entries
/// that is. Each folder is listed and its entries looked at from its open handle, and
/// the entries are looked at in parallel: an output holds a folder per page.
fn describe(dir: &std::os::fd::OwnedFd, rel: &str) -> io::Result<(blake3::Hash, usize)> {
    use rayon::prelude::*;
    use rustix::fs::{AtFlags, FileType, Mode, OFlags};
    let described: Vec<io::Result<(Vec<u8>, usize)>> = listed(dir)?
        .par_iter()
        .map(|name| {
            let os = std::ffi::OsStr::from_bytes(name);
            let stat = rustix::fs::statat(dir, os, AtFlags::SYMLINK_NOFOLLOW)?;
            let is_dir = FileType::from_raw_mode(stat.st_mode) == FileType::Directory;
            let path = format!("{rel}{}", String::from_utf8_lossy(name));
            let mut text = line_of(&path, &stat);
            let mut count = 1;
            if is_dir {
                let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
                let sub = rustix::fs::openat(dir, os, flags, Mode::empty())?;
                let (inner, n) = describe(&sub, &format!("{path}/"))?;
                text.extend(inner.as_bytes());
                count += n;
            }
            Ok((text, count))
        })
        .collect();
    let mut h = blake3::Hasher::new();
    let mut count = 0;
    for d in described {
        let (text, n) = d?;
        h.update(&text);
        count += n;
    }
    Ok((h.finalize(), count))
}

/// The stamp in `out`, if there is a readable one.
pub fn read(out: &Path) -> Option<Stamp> {
    let text = String::from_utf8(read_beside(&path_of(out)).ok()?).ok()?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(out: &Path, site: &str, text: &str) {
        std::fs::create_dir_all(out.join(site).join("a")).unwrap();
        std::fs::write(out.join(site).join("a/index.html"), text).unwrap();
    }

    /// A top folder swapped for a new one is walked again, one still the same folder is
    /// taken from the earlier look: either way the fingerprint is a fresh look's.
    #[test]
    fn a_second_look_walks_again_only_the_folders_swapped_in() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        tree(&out, "a.go.id", "satu");
        tree(&out, "b.go.id", "dua");
        std::fs::write(out.join("laman-manifest.json"), "{}").unwrap();
        let first = look(&out, None).unwrap();
        assert_eq!(look(&out, Some(&first)).unwrap().digest, first.digest);

        // As an install swaps a site in: a new folder, made while the old one stood.
        tree(&tmp.path().join("new"), "b.go.id", "dua, diubah");
        std::fs::remove_dir_all(out.join("b.go.id")).unwrap();
        std::fs::rename(tmp.path().join("new/b.go.id"), out.join("b.go.id")).unwrap();
        let again = look(&out, Some(&first)).unwrap();
        assert_ne!(again.digest, first.digest);
        assert_eq!(again.digest, look(&out, None).unwrap().digest);
        assert_eq!(again.digest, outputs(&out).unwrap());
    }
}
