//! The manifest: what a site must serve, byte for byte.
//!
//! Every build writes, inside each site's folder, `/.well-known/laman-manifest.json`:
//! every published file's path, size and SHA-256, sorted by path, and a digest of the
//! whole list; and, at the top of the output folder (which no web server serves), the
//! regency's manifest holding every site's. Each may have a detached signature beside it
//! (`.sig`, see [`crate::sign`]). The bytes depend on nothing but the files, so the same
//! input gives the same manifest, and a signature made once vouches for it anywhere.
//!
//! A manifest read back (from a server, or a file) is hostile input: it is parsed
//! strictly, and every path in it must be a plain relative path of the site. This module
//! must not fetch or write anything.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Where a site's manifest is, relative to the site's root (and so its address path).
pub const SITE_PATH: &str = ".well-known/laman-manifest.json";
/// The regency's manifest, at the top of the output folder.
pub const REGENCY_FILE: &str = "laman-manifest.json";
/// What a signature file's name adds to the name of what it signs.
pub const SIGNATURE_SUFFIX: &str = ".sig";
/// The layout version; a reader refuses any other.
pub const VERSION: u32 = 1;
/// The most files a manifest read back may list (a 10,000-page site has about 11,000):
/// a hostile manifest cannot send `verify` after millions of addresses.
const MAX_FILES: usize = 200_000;

/// A site's manifest's signature, relative to the site's root.
pub fn site_signature_path() -> String {
    format!("{SITE_PATH}{SIGNATURE_SUFFIX}")
}

/// One published file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Relative to the site's root, `/`-separated: `berita/x/index.html`.
    pub path: String,
    pub size: u64,
    /// Lowercase hexadecimal.
    pub sha256: String,
}

impl Entry {
    pub fn of(path: String, bytes: &[u8]) -> Entry {
        Entry {
            path,
            size: bytes.len() as u64,
            sha256: hex(&Sha256::digest(bytes)),
        }
    }
}

/// One site's manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteManifest {
    pub version: u32,
    /// The site's domain name.
    pub site: String,
    /// `sha256:` and the hash of the file list (see [`SiteManifest::new`]).
    pub digest: String,
    pub files: Vec<Entry>,
}

/// The regency's manifest: every published site's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegencyManifest {
    pub version: u32,
    /// The regency's domain.
    pub regency: String,
    pub sites: Vec<SiteManifest>,
}

/// Why a manifest cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ManifestProblem {
    #[error("{}", crate::msg!("manifest-not-json", reason = .0.as_str()))]
    NotJson(String),
    #[error("{}", crate::msg!("manifest-version", found = .0.to_string(), ours = VERSION.to_string()))]
    Version(u32),
    #[error("{}", crate::msg!("manifest-bad-path", path = .0.as_str()))]
    BadPath(String),
    #[error("{}", crate::msg!("manifest-bad-hash", path = .0.as_str()))]
    BadHash(String),
    #[error("{}", crate::msg!("manifest-too-many", max = MAX_FILES.to_string()))]
    TooMany,
    #[error("{}", crate::msg!("manifest-digest"))]
    Digest,
    #[error("{}", crate::msg!("manifest-other-site", found = .found.as_str(), expected = .expected.as_str()))]
    OtherSite { found: String, expected: String },
}

impl SiteManifest {
    /// The manifest of `site` from its files in any order. The manifest and its signature
    /// are never listed (they cannot list themselves). The digest is the SHA-256 of the
    /// lines `<sha256> <size> <path>\n`, in path order.
    pub fn new(site: &str, mut files: Vec<Entry>) -> SiteManifest {
        let signature = site_signature_path();
        files.retain(|f| f.path != SITE_PATH && f.path != signature);
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files.dedup_by(|a, b| a.path == b.path);
        SiteManifest {
            version: VERSION,
            site: site.to_string(),
            digest: digest(&files),
            files,
        }
    }

    /// The manifest's bytes: one file a line, so that a diff of two builds reads well.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = String::with_capacity(64 + self.files.len() * 128);
        out.push_str(&format!(
            "{{\n  \"version\": {},\n  \"site\": {},\n  \"digest\": {},\n  \"files\": [",
            self.version,
            json(&self.site),
            json(&self.digest)
        ));
        for (i, f) in self.files.iter().enumerate() {
            out.push_str(if i == 0 { "\n    " } else { ",\n    " });
            out.push_str(&serde_json::to_string(f).unwrap_or_default());
        }
        out.push_str(if self.files.is_empty() {
            "]\n}\n"
        } else {
            "\n  ]\n}\n"
        });
        out.into_bytes()
    }

    /// Reads a manifest and checks that it is whole and well formed.
    pub fn parse(bytes: &[u8]) -> Result<SiteManifest, ManifestProblem> {
        let manifest: SiteManifest = of_this_version(bytes)?;
        manifest.well_formed()?;
        Ok(manifest)
    }

    fn well_formed(&self) -> Result<(), ManifestProblem> {
        if self.files.len() > MAX_FILES {
            return Err(ManifestProblem::TooMany);
        }
        for f in &self.files {
            if !plain_path(&f.path) {
                return Err(ManifestProblem::BadPath(crate::text::clipped(&f.path)));
            }
            let hex = f.sha256.len() == 64
                && f.sha256
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            if !hex {
                return Err(ManifestProblem::BadHash(crate::text::clipped(&f.path)));
            }
        }
        if digest(&self.files) != self.digest {
            return Err(ManifestProblem::Digest);
        }
        Ok(())
    }
}

impl RegencyManifest {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = format!(
            "{{\n\"version\": {},\n\"regency\": {},\n\"sites\": [\n",
            self.version,
            json(&self.regency)
        )
        .into_bytes();
        for (i, site) in self.sites.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(b",\n");
            }
            let bytes = site.to_bytes();
            out.extend_from_slice(bytes.trim_ascii_end());
        }
        out.extend_from_slice(b"\n]\n}\n");
        out
    }

    pub fn parse(bytes: &[u8]) -> Result<RegencyManifest, ManifestProblem> {
        let manifest: RegencyManifest = of_this_version(bytes)?;
        for site in &manifest.sites {
            site.well_formed()?;
        }
        Ok(manifest)
    }
}

/// Reads JSON of this layout version: another version is named as such (so that the
/// message says to use another laman), anything else that does not fit is not a manifest.
fn of_this_version<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, ManifestProblem> {
    let not_json = |e: serde_json::Error| ManifestProblem::NotJson(e.to_string());
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(not_json)?;
    if let Some(v) = value.get("version").and_then(|v| v.as_u64()) {
        if v != u64::from(VERSION) {
            return Err(ManifestProblem::Version(v.min(u64::from(u32::MAX)) as u32));
        }
    }
    serde_json::from_value(value).map_err(not_json)
}

/// A path a site may serve: relative, `/`-separated, no empty, `.` or `..` part, no
/// backslash or control character.
pub fn plain_path(path: &str) -> bool {
    !path.is_empty()
        && path.len() <= 1024
        && !path.starts_with('/')
        && !path.chars().any(|c| c.is_control() || c == '\\')
        && path
            .split('/')
            .all(|p| !p.is_empty() && p != "." && p != "..")
}

fn digest(files: &[Entry]) -> String {
    let mut hash = Sha256::new();
    for f in files {
        hash.update(format!("{} {} {}\n", f.sha256, f.size, f.path).as_bytes());
    }
    format!("sha256:{}", hex(&hash.finalize()))
}

fn json(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// Lowercase hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Hashes what passes through it on the way to `inner`: the manifest entry of a file
/// copied by streaming, with no second read.
pub struct HashingWriter<W> {
    inner: W,
    hash: Sha256,
    size: u64,
}

impl<W: std::io::Write> HashingWriter<W> {
    pub fn new(inner: W) -> Self {
        HashingWriter {
            inner,
            hash: Sha256::new(),
            size: 0,
        }
    }

    /// The entry of what was written, under `path`.
    pub fn entry(self, path: String) -> Entry {
        Entry {
            path,
            size: self.size,
            sha256: hex(&self.hash.finalize()),
        }
    }
}

impl<W: std::io::Write> std::io::Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The sha256 of `bytes`, lowercase hexadecimal.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> SiteManifest {
        SiteManifest::new(
            "a.go.id",
            vec![
                Entry::of("b/index.html".into(), b"b"),
                Entry::of("index.html".into(), b"home"),
                Entry::of(SITE_PATH.into(), b"self"),
            ],
        )
    }

    #[test]
    fn a_manifest_is_sorted_leaves_itself_out_and_round_trips() {
        let m = sample();
        let paths: Vec<_> = m.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["b/index.html", "index.html"]);
        assert_eq!(SiteManifest::parse(&m.to_bytes()).unwrap(), m);
        let regency = RegencyManifest {
            version: VERSION,
            regency: "x.go.id".into(),
            sites: vec![m.clone(), SiteManifest::new("e.go.id", Vec::new())],
        };
        assert_eq!(
            RegencyManifest::parse(&regency.to_bytes()).unwrap(),
            regency
        );
    }

    #[test]
    fn the_same_files_give_the_same_bytes_in_any_order() {
        let mut files = sample().files;
        files.reverse();
        assert_eq!(
            SiteManifest::new("a.go.id", files).to_bytes(),
            sample().to_bytes()
        );
    }

    #[test]
    fn a_tampered_or_hostile_manifest_is_refused() {
        let text = String::from_utf8(sample().to_bytes()).unwrap();
        let changed = text.replacen("\"size\":1", "\"size\":2", 1);
        assert_eq!(
            SiteManifest::parse(changed.as_bytes()),
            Err(ManifestProblem::Digest)
        );
        let other = text.replace("\"version\": 1", "\"version\": 7");
        assert_eq!(
            SiteManifest::parse(other.as_bytes()),
            Err(ManifestProblem::Version(7))
        );
        assert!(matches!(
            SiteManifest::parse(b"<html>"),
            Err(ManifestProblem::NotJson(_))
        ));
        for bad in ["../etc/passwd", "/x", "a//b", "a\\b", "a/./b", ""] {
            let m = SiteManifest::new("a.go.id", vec![Entry::of(bad.into(), b"")]);
            assert!(
                matches!(
                    SiteManifest::parse(&m.to_bytes()),
                    Err(ManifestProblem::BadPath(_))
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn hashing_while_writing_gives_the_entry_of_the_bytes() {
        use std::io::Write;
        let mut w = HashingWriter::new(Vec::new());
        w.write_all(b"ho").unwrap();
        w.write_all(b"me").unwrap();
        assert_eq!(
            w.entry("index.html".into()),
            Entry::of("index.html".into(), b"home")
        );
    }
}
