//! The files of one site gathered at their paths: the theme's static files first, then
//! the site's own files, its rendered pages and the portal's open data. Two files at one
//! path are a collision, reported with both sources, except that a site's `_static/`
//! file replaces the theme's. The folder of fingerprinted files ([`ASSET_DIR`]) holds
//! those only: anything else placed there is refused, since the web server tells
//! browsers to keep what is there for a year.
//!
//! It must not render or read anything: it only places files already made.

use super::{Body, OutputFile, StaticFile};
use crate::finding::{Code, Finding};
use crate::generated::ASSET_DIR;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The files placed so far, by path, with the source each came from (for the message
/// of a collision).
pub(super) struct Placed<'a> {
    files: BTreeMap<String, (OutputFile, PathBuf)>,
    label: &'a str,
}

impl<'a> Placed<'a> {
    /// The theme's static files, which anything of the site may replace.
    pub(super) fn with_theme(
        label: &'a str,
        statics: &BTreeMap<String, StaticFile>,
        findings: &mut Vec<Finding>,
    ) -> Self {
        let mut files = BTreeMap::new();
        for (path, file) in statics {
            let origin = match file {
                StaticFile::Disk(s) => s.origin(),
                StaticFile::Embedded(_) => PathBuf::from("(theme)"),
            };
            if let Some(f) = reserved(path, &origin, label) {
                findings.push(f);
                continue;
            }
            let body = match file {
                StaticFile::Embedded(bytes) => Body::Embedded(bytes),
                StaticFile::Disk(p) => Body::Copy(p.clone()),
            };
            files.insert(
                path.clone(),
                (
                    OutputFile {
                        path: path.clone(),
                        body,
                    },
                    PathBuf::from("(theme)"),
                ),
            );
        }
        Placed { files, label }
    }

    /// Places a file from `origin`; a file already at its path stays, and the two are a
    /// finding, unless this one `overrides` it.
    pub(super) fn place(
        &mut self,
        file: OutputFile,
        origin: PathBuf,
        overrides: bool,
        findings: &mut Vec<Finding>,
    ) {
        if let Some(f) = reserved(&file.path, &origin, self.label) {
            findings.push(f);
            return;
        }
        if let Some((_, other)) = self.files.get(&file.path) {
            if !overrides {
                findings.push(
                    Finding::new(
                        Code::ContentPathCollision,
                        crate::msg!(
                            "path-collision",
                            one = other.display().to_string(),
                            other = origin.display().to_string(),
                            path = file.path.as_str()
                        ),
                    )
                    // A made file's origin is `(name)`: the finding goes to the real one.
                    .file(if origin.to_string_lossy().starts_with('(') {
                        other
                    } else {
                        &origin
                    })
                    .site(self.label)
                    .help(crate::msg!("path-collision-help")),
                );
                return;
            }
        }
        self.files.insert(file.path.clone(), (file, origin));
    }

    /// The fingerprinted copies of the theme's files (the only files of [`ASSET_DIR`]).
    pub(super) fn place_fingerprinted(&mut self, files: Vec<OutputFile>) {
        for file in files {
            let origin = PathBuf::from("(theme)");
            self.files.insert(file.path.clone(), (file, origin));
        }
    }

    /// The files, in the order of their paths.
    pub(super) fn into_files(self) -> Vec<OutputFile> {
        self.files.into_values().map(|(f, _)| f).collect()
    }
}

/// The finding for a file other than a fingerprinted copy that would land in
/// [`ASSET_DIR`], if `path` is there.
fn reserved(path: &str, origin: &Path, label: &str) -> Option<Finding> {
    let inside = path
        .split('/')
        .next()
        .is_some_and(|first| first.eq_ignore_ascii_case(ASSET_DIR));
    inside.then(|| {
        Finding::new(
            Code::ContentPathCollision,
            crate::msg!(
                "asset-dir-reserved",
                file = origin.display().to_string(),
                path = path,
                dir = ASSET_DIR
            ),
        )
        .file(origin)
        .site(label)
        .help(crate::msg!("asset-dir-reserved-help", dir = ASSET_DIR))
    })
}
