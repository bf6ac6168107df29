//! The files a post links from `wp-content/uploads/`: which addresses are the old
//! site's uploads, where each is in the `--uploads` folder the Dinas copied, and the
//! name it gets in the page's bundle. Nothing is ever fetched from the internet.
//!
//! An address is hostile: only a path below `uploads/` of the old site's own hosts (or a
//! relative one) is looked up, percent-decoded, without `.`/`..` or hidden segments,
//! and the file found must lie inside the `--uploads` folder once links are resolved.
//! Only kinds of file a page may carry are copied (pictures, documents, audio, video):
//! a script, a page or an SVG (which can hold script) is listed instead, never copied
//! into a site where it would be `content.code.unapproved`.

use std::path::{Path, PathBuf};

/// Extensions copied into a bundle (lowercase).
const COPIED: &[&str] = &[
    "jpg", "jpeg", "png", "gif", "webp", "avif", "bmp", "tif", "tiff", "ico", "pdf", "doc", "docx",
    "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "txt", "csv", "zip", "rar", "7z",
    "mp3", "m4a", "ogg", "oga", "wav", "mp4", "m4v", "webm", "ogv", "mov",
];

/// The folder of uploads, resolved once.
#[derive(Debug, Clone)]
pub struct Uploads {
    root: PathBuf,
}

/// Why a referenced upload was not copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotCopied {
    /// Not in the uploads folder (or no folder was given).
    Missing,
    /// A kind of file that a site may not carry without the Dinas's leave.
    Kind,
}

impl Uploads {
    pub fn open(dir: &Path) -> std::io::Result<Uploads> {
        let root = dir.canonicalize()?;
        if !root.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotADirectory,
                "not a folder",
            ));
        }
        Ok(Uploads { root })
    }

    /// The file for a path below `uploads/` (`2024/03/foto.jpg`), trying the full-size
    /// original when a resized copy (`foto-300x200.jpg`) is not there.
    pub fn find(&self, rel: &str) -> Result<PathBuf, NotCopied> {
        if !copied_kind(rel) {
            return Err(NotCopied::Kind);
        }
        let candidates = std::iter::once(rel.to_string()).chain(original_of(rel));
        for candidate in candidates {
            if let Some(found) = self.inside(&candidate) {
                return Ok(found);
            }
        }
        Err(NotCopied::Missing)
    }

    fn inside(&self, rel: &str) -> Option<PathBuf> {
        let mut path = self.root.clone();
        for segment in rel.split('/') {
            if segment.is_empty() || segment.starts_with('.') || segment.contains('\\') {
                return None;
            }
            path.push(segment);
        }
        let real = path.canonicalize().ok()?;
        (real.starts_with(&self.root) && real.is_file()).then_some(real)
    }
}

fn copied_kind(rel: &str) -> bool {
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    ext.is_some_and(|e| COPIED.contains(&e.as_str()))
}

/// `foto-300x200.jpg` → `foto.jpg` (WordPress's resized copies).
fn original_of(rel: &str) -> Option<String> {
    let (stem, ext) = rel.rsplit_once('.')?;
    let (base, size) = stem.rsplit_once('-')?;
    let (w, h) = size.split_once('x')?;
    let digits = |s: &str| !s.is_empty() && s.len() <= 5 && s.bytes().all(|b| b.is_ascii_digit());
    (digits(w) && digits(h)).then(|| format!("{base}.{ext}"))
}

/// The path below `uploads/` that an address of the old site names, if it names one:
/// `https://dinkes.example.go.id/wp-content/uploads/2024/03/foto.jpg?ver=2` →
/// `2024/03/foto.jpg`. `hosts` are the old site's hosts, lowercase, without `www.`.
pub fn upload_path(url: &str, hosts: &[String]) -> Option<String> {
    let url = url.trim();
    let path = if let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| url.strip_prefix("//"))
    {
        let (host, path) = rest.split_at(rest.find('/')?);
        let host = host.to_ascii_lowercase();
        let host = host.split(':').next().unwrap_or("");
        let host = host.strip_prefix("www.").unwrap_or(host);
        if !hosts.iter().any(|h| h == host) {
            return None;
        }
        path
    } else if url.starts_with('/') {
        url
    } else {
        return None;
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    let (_, rel) = path.split_once("/wp-content/uploads/")?;
    let decoded = percent_encoding::percent_decode_str(rel)
        .decode_utf8()
        .ok()?
        .into_owned();
    let valid = !decoded.is_empty()
        && !decoded.chars().any(char::is_control)
        && decoded
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != ".." && !s.starts_with('.'));
    valid.then_some(decoded)
}

/// The name a file gets in a bundle: its name made an address (ASCII, lowercase), with
/// its extension.
pub fn bundle_name(rel: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    let mut stem = crate::content::slugify(stem);
    if stem.is_empty() {
        stem = "berkas".to_string();
    }
    let ext: String = ext
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    if ext.is_empty() {
        stem
    } else {
        format!("{stem}.{ext}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_old_sites_uploads_are_looked_up() {
        let hosts = vec!["dinkes.example.go.id".to_string()];
        assert_eq!(
            upload_path(
                "https://www.dinkes.example.go.id/wp-content/uploads/2024/03/Foto%20A.jpg?v=1",
                &hosts
            )
            .as_deref(),
            Some("2024/03/Foto A.jpg")
        );
        assert_eq!(
            upload_path("/wp-content/uploads/x.pdf", &hosts).as_deref(),
            Some("x.pdf")
        );
        for bad in [
            "https://evil.example/wp-content/uploads/x.jpg",
            "/wp-content/uploads/../../etc/passwd",
            "/wp-content/uploads/%2e%2e/x.jpg",
            "/wp-content/uploads/.htaccess",
            "/wp-content/uploads/a%0Ab.jpg",
            "foto.jpg",
            "javascript:alert(1)",
        ] {
            assert_eq!(upload_path(bad, &hosts), None, "{bad}");
        }
    }

    #[test]
    fn resized_copies_fall_back_to_the_original_and_names_are_addresses() {
        assert_eq!(
            original_of("2024/03/foto-300x200.jpg").as_deref(),
            Some("2024/03/foto.jpg")
        );
        assert_eq!(original_of("2024/03/foto-a.jpg"), None);
        assert_eq!(
            bundle_name("2024/03/Rapat Koordinasi (1).JPG"),
            "rapat-koordinasi-1.jpg"
        );
        assert!(!copied_kind("x/shell.php") && !copied_kind("x/a.svg") && copied_kind("a.PDF"));
    }
}
