//! The search step of a build: which sites' pages go into the regency index, and the
//! index files for the portal's staging folder.
//!
//! The index always describes what `--out` serves once the build is swapped in: the
//! pages of the sites published by this build, rendered now, plus (for a `--site`
//! build that includes the portal) the pages the other sites already have in `--out`,
//! whose text is read back from there. This is the only place that reads the
//! published output; it writes nothing itself.

use super::{entries, index, main_text, Collector, Entry, SiteText};
use crate::registry::PORTAL_LABEL;
use crate::render::{OutputFile, SiteOutput};
use crate::site::Model;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The entries of the published sites: those rendered by this build (their text in
/// `collected`) but the `failed` ones, and, when `selected` is not every site, every
/// other site of the model from its folder in `out`.
pub fn published_entries(
    model: &Model,
    collected: Collector,
    failed: &BTreeSet<&str>,
    selected: &dyn Fn(&str) -> bool,
    out: &Path,
) -> Vec<Entry> {
    let mut sites: BTreeMap<String, SiteText> = collected
        .into_sites()
        .into_iter()
        .filter(|(label, _)| !failed.contains(label.as_str()))
        .collect();
    for site in model.sites.iter().filter(|s| !selected(&s.label)) {
        sites.insert(site.label.clone(), read_back(&out.join(&site.fqdn), site));
    }
    entries(model, sites)
}

/// The text of a site's pages as `--out` holds them (pages it lacks are left out).
fn read_back(dir: &Path, site: &crate::site::Site) -> SiteText {
    let c = &site.content;
    let paths = c
        .sections
        .iter()
        .map(|s| &s.path)
        .chain(c.pages.iter().map(|p| &p.path));
    paths
        .filter_map(|path| {
            let file = format!("{}index.html", path.trim_start_matches('/'));
            let html = std::fs::read(dir.join(&file)).ok()?;
            Some((file, main_text(&String::from_utf8_lossy(&html))))
        })
        .collect()
}

/// The portal's index files as a site output to write beside the portal's pages.
pub fn portal_index(fqdn: String, entries: &[Entry]) -> SiteOutput {
    let files: Vec<OutputFile> = index(entries);
    SiteOutput {
        label: PORTAL_LABEL.to_string(),
        fqdn,
        files,
        pages: 0,
    }
}
