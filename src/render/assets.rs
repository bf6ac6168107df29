//! Fingerprinted theme files: each static file of a site's theme (after the site's own
//! `_static/` overrides) gets a copy under [`ASSET_DIR`] whose name carries a hash of
//! its bytes (`_aset/style.3f9a1c2e4b5d6e7f.css`), and templates reach those copies
//! through one context variable, `assets` (`{{ assets["style.css"] }}`), so a theme
//! author never writes a hash.
//!
//! Why a folder and a hash in the name: a new version of a file gets a new address, so
//! the web server may let browsers keep every file under `/_aset/` for a year without
//! asking again (`Cache-Control: immutable`, see `hosting::nginx`); the folder
//! makes that rule one prefix no file of an editor can fall under (laman refuses any
//! other file there), and the hash in each name changes only the address of the file
//! that changed. The theme's files are still copied as they are too (`/style.css`):
//! `static/` is "copied as is" for files that need their names (`favicon.ico`,
//! `.well-known/`) and for templates written before `assets` existed.
//!
//! A stylesheet's relative references (`url(...)`, `@import`) are rewritten in its
//! fingerprinted copy: to the fingerprinted copy of the theme file they name (whose hash
//! is then part of the stylesheet's own hash, so a changed font changes the stylesheet's
//! address too), or else to the root-relative path they meant from the original place.
//!
//! It must not render templates or write files; it reads the theme's and the site's
//! static files (through [`crate::input`]) only to hash them.

use super::{Body, OutputFile, StaticFile};
use crate::content::Asset;
use crate::finding::Finding;
use crate::generated::ASSET_DIR;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

/// How many hex digits of the BLAKE3 hash a name carries: 64 bits, enough that two
/// versions of one file never share a name.
const HASH_DIGITS: usize = 16;

/// Files up to this size are held in memory and written from those bytes (so the name
/// and the bytes cannot disagree); a larger one is hashed as it is read and copied
/// again when written. Stylesheets larger than this are not rewritten.
const IN_MEMORY: u64 = 8 << 20;

/// The fingerprinted files of one site and the URL path of each theme file's copy.
#[derive(Debug, Default)]
pub struct Fingerprinted {
    /// Theme file (`style.css`, `fonts/a.woff2`) → its copy (`_aset/style.<hash>.css`).
    pub names: BTreeMap<String, String>,
    pub files: Vec<OutputFile>,
}

/// A theme file as the site publishes it: its body and, for findings, its source.
struct Effective {
    body: Body,
    origin: String,
}

/// The fingerprinted copies of the theme's static files, each replaced by the site's
/// `_static/` file of the same path when there is one (`site_static` is that folder).
pub fn fingerprint(
    theme: &BTreeMap<String, StaticFile>,
    site_assets: &[Asset],
    site_static: &Path,
    findings: &mut Vec<Finding>,
) -> Fingerprinted {
    let mut files: BTreeMap<String, Effective> = theme
        .iter()
        .map(|(path, file)| {
            let (body, origin) = match file {
                StaticFile::Embedded(bytes) => (Body::Embedded(bytes), "(theme)".to_string()),
                StaticFile::Disk(s) => (
                    Body::Copy(s.clone()),
                    s.origin().to_string_lossy().into_owned(),
                ),
            };
            (path.clone(), Effective { body, origin })
        })
        .collect();
    for asset in site_assets {
        if asset.origin.starts_with(site_static) {
            if let Some(e) = files.get_mut(&asset.dest) {
                e.body = Body::Copy(asset.source.clone());
                e.origin = asset.origin.to_string_lossy().into_owned();
            }
        }
    }
    let mut work = Work {
        files: &files,
        done: BTreeMap::new(),
        visiting: BTreeSet::new(),
        findings,
    };
    for path in files.keys() {
        work.make(path);
    }
    let mut out = Fingerprinted::default();
    for (path, made) in work.done {
        if let Some((name, body)) = made {
            out.files.push(OutputFile {
                path: name.clone(),
                body,
            });
            out.names.insert(path, name);
        }
    }
    out
}

/// The fingerprinting of one site's files: each made once, stylesheets after the files
/// they name.
struct Work<'a> {
    files: &'a BTreeMap<String, Effective>,
    /// Theme path → its copy's path and body (None: it could not be read).
    done: BTreeMap<String, Option<(String, Body)>>,
    /// Stylesheets being made, to break `@import` cycles.
    visiting: BTreeSet<String>,
    findings: &'a mut Vec<Finding>,
}

impl Work<'_> {
    /// The copy's path of theme file `path`, made if it was not yet.
    fn make(&mut self, path: &str) -> Option<String> {
        if let Some(made) = self.done.get(path) {
            return made.as_ref().map(|(name, _)| name.clone());
        }
        let files = self.files;
        let effective = files.get(path)?;
        let made = match self.contents(path, effective) {
            Ok(Contents::Held(bytes)) => {
                let bytes = if is_css(path) {
                    self.visiting.insert(path.to_string());
                    let text = self.rewrite_css(path, &bytes);
                    self.visiting.remove(path);
                    text
                } else {
                    bytes
                };
                let name = hashed_name(path, blake3::hash(&bytes));
                let body = match &effective.body {
                    Body::Embedded(original) if *original == bytes.as_slice() => {
                        Body::Embedded(original)
                    }
                    _ => Body::Bytes(bytes),
                };
                Some((name, body))
            }
            Ok(Contents::Streamed(hash)) => Some((hashed_name(path, hash), effective.body.clone())),
            Err(e) => {
                self.findings
                    .push(crate::input::finding(&e, Path::new(&effective.origin)));
                None
            }
        };
        let name = made.as_ref().map(|(n, _)| n.clone());
        self.done.insert(path.to_string(), made);
        name
    }

    /// The bytes of a file, or only its hash when it is too large to hold.
    fn contents(&self, path: &str, e: &Effective) -> std::io::Result<Contents> {
        let held = |bytes: &[u8]| {
            if is_css(path) || bytes.len() as u64 <= IN_MEMORY {
                Contents::Held(bytes.to_vec())
            } else {
                Contents::Streamed(blake3::hash(bytes))
            }
        };
        let mut reader = match &e.body {
            Body::Embedded(bytes) => return Ok(held(bytes)),
            Body::Bytes(bytes) => return Ok(held(bytes)),
            Body::Copy(source) => source.open()?,
        };
        let mut held = Vec::new();
        (&mut reader).take(IN_MEMORY + 1).read_to_end(&mut held)?;
        if held.len() as u64 <= IN_MEMORY {
            return Ok(Contents::Held(held));
        }
        let mut hasher = blake3::Hasher::new();
        hasher.update(&held);
        std::io::copy(&mut reader, &mut hasher)?;
        Ok(Contents::Streamed(hasher.finalize()))
    }

    /// A stylesheet's bytes with its relative references pointing where they should from
    /// its copy's place (see the module's notes). Not UTF-8: left as it is.
    fn rewrite_css(&mut self, path: &str, bytes: &[u8]) -> Vec<u8> {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return bytes.to_vec();
        };
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        let rewritten = css::rewrite_references(text, &mut |reference| {
            let (target, suffix) = split_suffix(reference);
            let resolved = resolve(dir, target)?;
            let fingerprinted = if self.visiting.contains(&resolved) {
                None
            } else {
                self.make(&resolved)
            };
            // Root-relative: right from the copy's folder whatever the depth.
            Some(match fingerprinted {
                Some(name) => format!("/{name}{suffix}"),
                None => format!("/{resolved}{suffix}"),
            })
        });
        rewritten.into_bytes()
    }
}

enum Contents {
    Held(Vec<u8>),
    Streamed(blake3::Hash),
}

fn is_css(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|n| n.to_ascii_lowercase().ends_with(".css"))
}

/// `fonts/a.woff2` → `_aset/fonts/a.<hash>.woff2`; a name with no extension (or only a
/// leading dot) gets the hash at its end.
fn hashed_name(path: &str, hash: blake3::Hash) -> String {
    let hex = hash.to_hex();
    let short = &hex.as_str()[..HASH_DIGITS];
    let (dir, file) = match path.rsplit_once('/') {
        Some((d, f)) => (format!("{d}/"), f),
        None => (String::new(), path),
    };
    let named = match file.rfind('.') {
        Some(dot) if dot > 0 => format!("{}.{short}{}", &file[..dot], &file[dot..]),
        _ => format!("{file}.{short}"),
    };
    format!("{ASSET_DIR}/{dir}{named}")
}

/// A reference without its `?query` or `#fragment`, and that suffix.
fn split_suffix(reference: &str) -> (&str, &str) {
    match reference.find(['?', '#']) {
        Some(i) => reference.split_at(i),
        None => (reference, ""),
    }
}

/// The site path (no leading slash) a relative reference from folder `dir` names, or
/// None when it is not a relative path (absolute, with a scheme, `data:`, only a
/// fragment, empty, or escaped text laman does not decode). `..` above the site's root
/// stays at the root, as browsers resolve it.
fn resolve(dir: &str, reference: &str) -> Option<String> {
    let scheme = reference
        .find(':')
        .is_some_and(|i| !reference[..i].contains('/'));
    if reference.is_empty() || reference.starts_with('/') || scheme || reference.contains('\\') {
        return None;
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in reference.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

mod css {
    //! The references of a stylesheet (`url(...)`, `@import "..."`), found with a small
    //! scanner that knows comments and strings, so that text inside them is not taken
    //! for a reference.

    /// `text` with each reference replaced by what `replace` gives (None: kept). A
    /// replacement is written in the form the reference had (quoted or not); one that
    /// would not fit that form is not used.
    pub(super) fn rewrite_references(
        text: &str,
        replace: &mut dyn FnMut(&str) -> Option<String>,
    ) -> String {
        let bytes = text.as_bytes();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        let mut copied = 0;
        let mut import_pending = false;
        while i < bytes.len() {
            let rest = &text[i..];
            if rest.starts_with("/*") {
                i += rest.find("*/").map_or(rest.len(), |e| e + 2);
            } else if bytes[i] == b'"' || bytes[i] == b'\'' {
                let (end, closed) = string_end(text, i);
                if import_pending && closed {
                    let inner = &text[i + 1..end - 1];
                    if let Some(new) = replace(inner).filter(|n| fits_quoted(n, bytes[i])) {
                        out.push_str(&text[copied..i + 1]);
                        out.push_str(&new);
                        copied = end - 1;
                    }
                }
                import_pending = false;
                i = end;
            } else if starts_with_ignore_case(rest, "@import") {
                import_pending = true;
                i += "@import".len();
            } else if starts_with_ignore_case(rest, "url(") && !ident_before(bytes, i) {
                import_pending = false;
                let open = i + 4;
                let mut j = open;
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < bytes.len() && (bytes[j] == b'"' || bytes[j] == b'\'') {
                    let (end, closed) = string_end(text, j);
                    if closed {
                        let inner = &text[j + 1..end - 1];
                        if let Some(new) = replace(inner).filter(|n| fits_quoted(n, bytes[j])) {
                            out.push_str(&text[copied..j + 1]);
                            out.push_str(&new);
                            copied = end - 1;
                        }
                    }
                    i = end;
                } else {
                    let end = text[j..].find(')').map_or(text.len(), |e| j + e);
                    let inner = text[j..end].trim_end();
                    if let Some(new) = replace(inner).filter(|n| fits_unquoted(n)) {
                        out.push_str(&text[copied..j]);
                        out.push_str(&new);
                        copied = j + inner.len();
                    }
                    i = end;
                }
            } else {
                if bytes[i] == b';' || bytes[i] == b'{' {
                    import_pending = false;
                }
                i += rest.chars().next().map_or(1, char::len_utf8);
            }
        }
        out.push_str(&text[copied..]);
        out
    }

    /// Just after the string that starts at `start`, and whether it was closed by its
    /// quote (an unclosed one ends at the end of its line or of the text).
    fn string_end(text: &str, start: usize) -> (usize, bool) {
        let bytes = text.as_bytes();
        let quote = bytes[start];
        let mut i = start + 1;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 2,
                b'\n' => return (i, false),
                b if b == quote => return (i + 1, true),
                _ => i += 1,
            }
        }
        (bytes.len(), false)
    }

    fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
        text.len() >= prefix.len()
            && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
    }

    /// Whether `url(` at `i` is the end of a longer name (`my-url(`), not a URL.
    fn ident_before(bytes: &[u8], i: usize) -> bool {
        i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || matches!(bytes[i - 1], b'-' | b'_'))
    }

    fn fits_quoted(new: &str, quote: u8) -> bool {
        !new.bytes().any(|b| b == quote || b == b'\\' || b == b'\n')
    }

    fn fits_unquoted(new: &str) -> bool {
        !new.bytes().any(|b| {
            b.is_ascii_whitespace()
                || b.is_ascii_control()
                || matches!(b, b'"' | b'\'' | b'(' | b')' | b'\\')
        })
    }
}

#[cfg(test)]
mod tests;
