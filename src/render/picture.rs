//! The picture a list shows beside a page (section lists, the latest news of a site's
//! home page and of the portal): the page's first markdown image, when it is a file the
//! site publishes, with its alt text and, when its header says, its width and height (so
//! the list does not jump as pictures load).
//!
//! An image from another host is never listed (a list makes no outside request), nor one
//! the site does not hold (no empty box). The file is the editor's: it is read through
//! [`crate::input`], bounded, once per render run whichever lists show it ([`Pictures`]),
//! and a header that makes no sense gives no size, never an error or a panic. It must not
//! render or write anything.

use crate::content::Asset;
use crate::markdown::FirstImage;
use crate::site::Site;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// How much of an image is read for its size: enough for a JPEG's frame header after
/// large EXIF data; never the whole of a large photo.
const HEADER_BYTES: u64 = 256 * 1024;

/// The largest side believed: anything larger is a broken or hostile header.
const MAX_SIDE: usize = 100_000;

/// A page's picture as a list shows it.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Picture {
    pub url: String,
    pub alt: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// What one render run learnt of each list picture's file (its size and version), so
/// that each file is read once however many lists show it: a section's, the site's
/// news on its home page and feed, the portal's front page. It lives as long as the run,
/// so the next run (of `laman serve`, after an edit) reads the files anew.
#[derive(Default)]
pub struct Pictures {
    /// By the file's path from the regency root. A file is read by the first thread to
    /// ask; any other asking meanwhile waits for it.
    files: Mutex<HashMap<PathBuf, Arc<OnceLock<Looked>>>>,
}

/// What one read of a picture's file gives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Looked {
    size: Option<(u32, u32)>,
    version: Option<String>,
}

impl Pictures {
    fn looked(&self, asset: &Asset) -> Looked {
        let cell = Arc::clone(
            self.files
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .entry(asset.origin.clone())
                .or_default(),
        );
        cell.get_or_init(|| look(asset)).clone()
    }
}

/// The picture of the page at `page_path` (`/berita/x/`) of `site`, from its first image.
pub fn picture(
    site: &Site,
    page_path: &str,
    image: Option<&FirstImage>,
    pictures: &Pictures,
) -> Option<Picture> {
    let image = image?;
    let path = site_path(page_path, &image.src)?;
    let asset = site
        .content
        .assets
        .iter()
        .find(|a| a.dest == path.trim_start_matches('/'))?;
    let Looked { size, version } = pictures.looked(asset);
    let url = site.url_of(&path);
    Some(Picture {
        url: match version {
            Some(v) => format!("{url}?v={v}"),
            None => url,
        },
        alt: image.alt.clone(),
        width: size.map(|(w, _)| w),
        height: size.map(|(_, h)| h),
    })
}

/// The path in the site an image address names, from the page it is on: `foto.jpg` on
/// `/berita/x/` is `/berita/x/foto.jpg`, `../a.png` is `/berita/a.png`, `/logo.png` stays.
/// `None` for another host, a scheme, a fragment alone, or a path above the site's root.
fn site_path(page_path: &str, src: &str) -> Option<String> {
    let src = src.split(['?', '#']).next().unwrap_or_default();
    let scheme = src
        .find(':')
        .is_some_and(|colon| !src[..colon].contains('/'));
    if src.is_empty() || src.starts_with("//") || scheme || src.contains('\\') {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(src)
        .decode_utf8()
        .ok()?;
    let joined = match decoded.strip_prefix('/') {
        Some(rooted) => rooted.to_string(),
        None => format!("{}{decoded}", page_path.trim_start_matches('/')),
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    (!parts.is_empty()).then(|| format!("/{}", parts.join("/")))
}

/// The largest picture given a version in its address (larger files are linked as
/// they are).
const VERSIONED_BYTES: u64 = 64 << 20;

/// Reads an image file once: its first [`HEADER_BYTES`] give its width and height, and
/// the whole of it, up to [`VERSIONED_BYTES`], its version: 16 hex digits of the hash of
/// its bytes. A list's address of it ends in `?v=` and them, so that the web server may
/// let browsers keep it for a year (see `hosting::nginx`) while a new version of the
/// file, under the same name, is fetched anew. A file that cannot be read gives neither.
fn look(asset: &Asset) -> Looked {
    let Ok(file) = asset.source.open() else {
        return Looked::default();
    };
    let mut file = file.take(VERSIONED_BYTES + 1);
    let mut hasher = blake3::Hasher::new();
    let mut header = Vec::new();
    let mut chunk = vec![0; 64 * 1024];
    let mut read = 0;
    loop {
        match file.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => {
                let bytes = &chunk[..n];
                hasher.update(bytes);
                let room = HEADER_BYTES as usize - header.len();
                header.extend_from_slice(&bytes[..n.min(room)]);
                read += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return Looked::default(),
        }
    }
    Looked {
        size: size_of(&header, asset.dest.to_ascii_lowercase().ends_with(".svg")),
        version: (read <= VERSIONED_BYTES).then(|| hasher.finalize().to_hex()[..16].to_string()),
    }
}

/// The width and height an image's first bytes give, when they are believable.
fn size_of(header: &[u8], svg: bool) -> Option<(u32, u32)> {
    let (width, height) = if svg {
        svg_size(header)?
    } else {
        let size = std::panic::catch_unwind(|| imagesize::blob_size(header))
            .ok()?
            .ok()?;
        (size.width, size.height)
    };
    let believed = |side: usize| (1..=MAX_SIDE).contains(&side);
    (believed(width) && believed(height)).then_some((width as u32, height as u32))
}

/// An SVG's size from its root element: `width` and `height` in pixels (or without a
/// unit), else its `viewBox`.
fn svg_size(header: &[u8]) -> Option<(usize, usize)> {
    let text = String::from_utf8_lossy(header);
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let pixels = |value: &str| -> Option<usize> {
        let number: f64 = value
            .trim()
            .strip_suffix("px")
            .unwrap_or(value.trim())
            .parse()
            .ok()?;
        (number.is_finite() && number >= 1.0).then(|| number.round() as usize)
    };
    if let (Some(w), Some(h)) = (attribute(tag, "width"), attribute(tag, "height")) {
        if let (Some(w), Some(h)) = (pixels(w), pixels(h)) {
            return Some((w, h));
        }
    }
    let view: Vec<&str> = attribute(tag, "viewBox")?
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .collect();
    match view[..] {
        [_, _, w, h] => Some((pixels(w)?, pixels(h)?)),
        _ => None,
    }
}

/// The value of an attribute of a tag (`name="..."` or `name='...'`), the name standing
/// after white space (`stroke-width` is not `width`).
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let mut from = 0;
    while let Some(found) = tag[from..].find(name) {
        let at = from + found;
        from = at + name.len();
        let before = tag[..at].chars().next_back();
        let rest = tag[from..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let rest = rest.trim_start();
        let quote = rest.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        let value = &rest[1..];
        return value.find(quote).map(|end| &value[..end]);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_addresses_are_paths_of_the_site_or_nothing() {
        let page = "/berita/x/";
        assert_eq!(
            site_path(page, "foto.jpg").as_deref(),
            Some("/berita/x/foto.jpg")
        );
        assert_eq!(
            site_path(page, "./a/b.png?v=1#c").as_deref(),
            Some("/berita/x/a/b.png")
        );
        assert_eq!(
            site_path(page, "../a.png").as_deref(),
            Some("/berita/a.png")
        );
        assert_eq!(site_path(page, "/logo.png").as_deref(), Some("/logo.png"));
        assert_eq!(
            site_path(page, "foto%20baru.jpg").as_deref(),
            Some("/berita/x/foto baru.jpg")
        );
        for outside in [
            "https://contoh.org/a.png",
            "//contoh.org/a.png",
            "data:image/png;base64,AAAA",
            "javascript:alert(1)",
            "#",
            "",
            "../../../a.png",
            "..\\a.png",
            "%ff.png",
        ] {
            assert_eq!(site_path(page, outside), None, "{outside}");
        }
    }

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend(w.to_be_bytes());
        b.extend(h.to_be_bytes());
        b.extend([8, 2, 0, 0, 0]);
        b
    }

    /// The file `foto.png` of a site folder in `root`, as the content loader lists it.
    fn asset(root: &std::path::Path) -> Asset {
        let area = Arc::new(crate::input::Area::new(root, "content/dinkes"));
        let source = area.source("foto.png");
        Asset {
            origin: source.origin(),
            source,
            dest: "foto.png".into(),
        }
    }

    fn hash16(bytes: &[u8]) -> String {
        blake3::hash(bytes).to_hex()[..16].to_string()
    }

    #[test]
    fn one_read_gives_the_size_from_the_header_and_the_version_of_the_whole_file() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("content/dinkes");
        std::fs::create_dir_all(&dir).unwrap();
        // Longer than the header read for the size: the version still covers every byte.
        let mut bytes = png(480, 270);
        bytes.resize(HEADER_BYTES as usize * 3 / 2, 7);
        std::fs::write(dir.join("foto.png"), &bytes).unwrap();
        let looked = look(&asset(root.path()));
        assert_eq!(looked.size, Some((480, 270)));
        assert_eq!(looked.version, Some(hash16(&bytes)));
        bytes.push(8);
        std::fs::write(dir.join("foto.png"), &bytes).unwrap();
        assert_eq!(look(&asset(root.path())).version, Some(hash16(&bytes)));
    }

    #[test]
    fn a_file_is_read_once_a_run_and_anew_in_the_next() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("content/dinkes");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("foto.png"), png(480, 270)).unwrap();
        let run = Pictures::default();
        let first = run.looked(&asset(root.path()));
        assert_eq!(first.size, Some((480, 270)));
        std::fs::write(dir.join("foto.png"), png(640, 360)).unwrap();
        assert_eq!(run.looked(&asset(root.path())), first, "not read again");
        let next = Pictures::default().looked(&asset(root.path()));
        assert_eq!(next.size, Some((640, 360)));
        assert_ne!(next.version, first.version);
    }

    #[test]
    fn a_link_out_of_the_site_or_a_missing_file_gives_nothing() {
        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("rahasia.png"), png(480, 270)).unwrap();
        let dir = root.path().join("content/dinkes");
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(look(&asset(root.path())), Looked::default());
        std::os::unix::fs::symlink(outside.path().join("rahasia.png"), dir.join("foto.png"))
            .unwrap();
        assert_eq!(look(&asset(root.path())), Looked::default());
    }

    #[test]
    fn a_raster_size_is_read_from_its_header_and_nonsense_gives_none() {
        assert_eq!(size_of(&png(480, 270), false), Some((480, 270)));
        assert_eq!(size_of(&png(0, 270), false), None);
        assert_eq!(size_of(&png(u32::MAX, 1), false), None);
        assert_eq!(size_of(&png(480, 270)[..18], false), None);
        assert_eq!(size_of(b"GIF89a\x01", false), None);
        assert_eq!(size_of(b"\xff\xd8\xff\xe0\0\x10JFIF", false), None);
        assert_eq!(size_of(b"", false), None);
        assert_eq!(size_of(&[0xffu8; 4096], false), None);
    }

    #[test]
    fn an_svg_size_is_read_from_its_root_element_and_nonsense_gives_none() {
        let svg =
            |tag: &str| svg_size(format!("<?xml version=\"1.0\"?>{tag}<g/></svg>").as_bytes());
        assert_eq!(
            svg("<svg xmlns=\"x\" width=\"640\" height='360px'>"),
            Some((640, 360))
        );
        assert_eq!(
            svg("<svg stroke-width=\"2\" viewBox=\"0 0 800 450\">"),
            Some((800, 450))
        );
        assert_eq!(
            svg("<svg width=\"100%\" height=\"100%\" viewBox=\"0,0,40,30\">"),
            Some((40, 30))
        );
        assert_eq!(svg("<svg width=\"1e400\" height=\"NaN\">"), None);
        assert_eq!(svg("<svg viewBox=\"0 0 -5 3\">"), None);
        assert_eq!(svg("<svg width=\"5"), None);
        assert_eq!(svg_size(b"not an image"), None);
        assert_eq!(svg_size("<svg width=\"é\" viewBox='".as_bytes()), None);
    }
}
