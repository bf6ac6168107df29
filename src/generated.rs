//! The addresses laman makes on a site by itself: the search page, the 404 page, the
//! feed, the sitemap and `robots.txt`, the folders of fingerprinted theme files, of the
//! search index and of `.well-known/`, the pages of a paginated section, and on the
//! portal the directory, the service catalogue and its open data. One list: the build
//! writes these files under the names defined here, and what content asks
//! for (an alias, a page the WordPress import names) keeps clear of them, so that no
//! page or redirect ever takes an address the build fills.
//!
//! It decides only whether an address is laman's own; it reads and writes nothing.

/// The search page of every site.
pub const SEARCH_PATH: &str = "/cari/";
/// The folder of the regency's search index inside the portal's folder (and so at
/// `https://<domain>/_cari/`). Its leading `_` keeps it apart from content, whose
/// folders cannot start with one.
pub const INDEX_DIR: &str = "_cari";
/// The script that queries the index, in [`INDEX_DIR`].
pub const INDEX_SCRIPT: &str = "indeks.js";
/// The folder of every site that holds the fingerprinted theme files, and only those.
pub const ASSET_DIR: &str = "_aset";
/// The portal's OPD directory (a page laman writes itself, so no content or setting
/// may claim the address).
pub const DIRECTORY_PATH: &str = "/direktori/";
/// The 404 page of every site.
pub const NOT_FOUND: &str = "404.html";
/// The sitemap and the crawler rules of every site.
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
/// The feed of a site's news section.
pub const FEED: &str = "atom.xml";
/// The portal's open data: the service catalogue and the list of public information.
pub const OPEN_DATA: [&str; 3] = ["layanan.json", "layanan.csv", "informasi-publik.json"];
/// The folder of a section's list pages after the first (`berita/halaman/2/`).
pub const PAGINATION_DIR: &str = "halaman";
/// The folder of files served from `/.well-known/` (the build's manifest).
const WELL_KNOWN: &str = ".well-known";

/// The first segments of addresses laman makes on a site (the portal, when `portal`,
/// with its catalogue at `catalogue`, `layanan` by default): no page may take these
/// folder names.
pub fn top_level(portal: bool, catalogue: &str) -> Vec<String> {
    let mut names: Vec<String> = [
        SEARCH_PATH.trim_matches('/'),
        PAGINATION_DIR,
        INDEX_DIR,
        ASSET_DIR,
        WELL_KNOWN,
        NOT_FOUND,
        "404",
        SITEMAP,
        ROBOTS,
        FEED,
        DIRECTORY_PATH.trim_matches('/'),
        OPEN_DATA[0],
    ]
    .map(String::from)
    .to_vec();
    if portal {
        names.push(catalogue.trim_matches('/').to_string());
        names.extend(OPEN_DATA[1..].iter().map(|n| n.to_string()));
    }
    names
}

/// Whether the address `path` (decoded, starting with `/`) is one laman makes on the
/// site, or lies in a folder it fills: the page or a file of one of [`top_level`]'s
/// names, or a section's list page (`/<section>/halaman/<n>/`). Case is ignored, as
/// on the file systems a build may be copied to.
pub fn is_generated(path: &str, portal: bool, catalogue: &str) -> bool {
    let lower = path.to_lowercase();
    let segments: Vec<&str> = lower
        .trim_start_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let Some(first) = segments.first() else {
        return false;
    };
    let first = first.trim_end_matches(".html");
    if top_level(portal, catalogue)
        .iter()
        .any(|n| n.eq_ignore_ascii_case(first) || n.trim_end_matches(".html") == first)
    {
        return true;
    }
    segments
        .windows(2)
        .any(|w| w[0] == PAGINATION_DIR && w[1].bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_build_s_own_addresses_are_generated() {
        for path in [
            "/cari/",
            "/cari",
            "/CARI/index.html",
            "/404.html",
            "/404/",
            "/sitemap.xml",
            "/robots.txt",
            "/atom.xml",
            "/_aset/style.css",
            "/_cari/x",
            "/.well-known/laman-manifest.json",
            "/berita/halaman/2/",
            "/halaman/3/",
            "/direktori/",
            "/layanan.json",
        ] {
            assert!(is_generated(path, false, "layanan"), "{path}");
        }
        for path in ["/layanan/", "/layanan.csv", "/informasi-publik.json"] {
            assert!(is_generated(path, true, "layanan"), "{path}");
            assert!(!is_generated(path, false, "layanan"), "{path}");
        }
        assert!(is_generated("/katalog/", true, "katalog"));
        for path in [
            "/",
            "/berita/cari-kerja/",
            "/carian/",
            "/berita/halaman-sekolah/",
            "/halaman-utama/",
            "/profil/halaman/",
            "/2024/03/cari/",
        ] {
            assert!(!is_generated(path, true, "layanan"), "{path}");
        }
    }
}
