//! What an existing site folder already holds, for `--force`: the addresses of its
//! pages, sections and aliases (those the import did not write), its news section,
//! catalogue folder and iframe hosts.

use super::write;
use crate::content::SiteDir;
use std::collections::BTreeMap;
use std::path::Path;

/// What an existing site folder already holds (for `--force`).
#[derive(Debug, Default)]
pub struct Existing {
    /// Addresses of its pages and sections and its aliases, as `/a/b/` or `/?p=1`.
    pub paths: BTreeMap<String, String>,
    /// The news section's folder name.
    pub news: String,
    pub iframe_hosts: Vec<String>,
    /// The portal's catalogue folder (its `[services] catalogue`), empty for the default.
    pub catalogue: String,
    /// Files of the folder (relative to it) that exist.
    pub has_home: bool,
    pub has_news: bool,
}

impl Existing {
    pub fn read(root: &Path, label: &str) -> Existing {
        let dir = SiteDir {
            label: label.to_string(),
            dir: Path::new("content").join(label),
            custom_code: true,
        };
        let (content, _) = crate::content::load_site(
            root,
            &dir,
            crate::content::LoadOptions {
                drafts: true,
                lazy: false,
            },
        );
        let mut paths = BTreeMap::new();
        // The import's own files are planned again: only what it did not write counts.
        let ours = write::Manifest::read(&root.join("content").join(label)).files;
        for doc in content.docs() {
            let rel = doc.rel.clone();
            if ours.contains_key(&rel) {
                continue;
            }
            for a in &doc.meta.aliases {
                paths.insert(a.address(), rel.clone());
            }
        }
        for s in content
            .sections
            .iter()
            .filter(|s| !ours.contains_key(&s.doc.rel))
        {
            paths.insert(s.path.clone(), s.doc.rel.clone());
        }
        for p in content
            .pages
            .iter()
            .filter(|p| !ours.contains_key(&p.doc.rel))
        {
            paths.insert(p.path.clone(), p.doc.rel.clone());
        }
        let news = content.config.news_section().to_string();
        let has = |rel: &str| content.docs().any(|d| d.rel == rel) && !ours.contains_key(rel);
        Existing {
            has_home: has("_index.md"),
            has_news: has(&format!("{news}/_index.md")),
            paths,
            news,
            iframe_hosts: content.config.embeds.iframe_hosts.clone(),
            catalogue: content.config.services.catalogue().to_string(),
        }
    }
}
