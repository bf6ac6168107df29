//! The search stage: the regency's index, written beside the portal's pages when this
//! build installs the portal (which holds the index).
//!
//! The index always describes what `--out` serves once the build is installed: the pages
//! of the sites this build installs, their text collected as they were rendered, plus
//! (for a `--site` build that includes the portal) the pages the other sites already
//! have in `--out`, whose text is read back from there ([`read_back`]), or (for an
//! incremental build) taken from the build cache, which whole builds keep it in. How entries and
//! index files are made is [`crate::search`]'s; this is the only place that reads the
//! installed output.

use super::assess::Assessed;
use super::cache::{self, SiteEntry};
use super::Options;
use crate::error::{Error, Result};
use crate::output::Staging;
use crate::registry::PORTAL_LABEL;
use crate::render::SiteOutput;
use crate::search::{self, Collector, SiteText};
use std::collections::BTreeMap;
use std::path::Path;

/// Writes the search index into the portal's staging folder, when the portal is among
/// the sites to install and its pages were collected. The text of a site not rendered
/// comes from the build cache (`cached`: its digest by label) or else from `--out`. With
/// `keep`, each published site's text is kept in the cache folder: the digests by label.
pub(super) fn index_portal(
    options: &Options,
    out: &Path,
    assessed: &Assessed,
    (collected, staging): (Option<Collector>, &Staging),
    cached: Option<&BTreeMap<String, SiteEntry>>,
    keep: bool,
) -> Result<BTreeMap<String, String>> {
    let mut kept = BTreeMap::new();
    let (Some(collected), Some(model)) = (collected, assessed.model.as_ref()) else {
        return Ok(kept);
    };
    if !assessed.clean.iter().any(|o| o.label == PORTAL_LABEL) {
        return Ok(kept);
    }
    let mut sites = collected.into_sites();
    sites.retain(|label, _| !assessed.failed.contains(label));
    for site in model.published().filter(|s| !options.selects(&s.label)) {
        let digest = cached.and_then(|c| c.get(&site.label)?.text.clone());
        let text = match digest.and_then(|d| Some((cache::read_text(out, &d)?, d))) {
            Some((text, digest)) => {
                kept.insert(site.label.clone(), digest);
                text
            }
            None => read_back(&out.join(&site.fqdn), site),
        };
        sites.insert(site.label.clone(), text);
    }
    if keep {
        for site in model.published() {
            if kept.contains_key(&site.label) {
                continue;
            }
            let digest = sites.get(&site.label).map(|t| cache::write_text(out, t));
            if let Some(Ok(digest)) = digest {
                kept.insert(site.label.clone(), digest);
            }
        }
    } else {
        kept.clear();
    }
    let entries = search::entries(model, sites);
    let fqdn = model.registry.fqdn(PORTAL_LABEL);
    search::write_index(&entries, |files| {
        staging.write(&SiteOutput {
            label: PORTAL_LABEL.to_string(),
            fqdn: fqdn.clone(),
            files,
            pages: 0,
        })
    })
    .map_err(Error::io(crate::msg!("build-cannot-write")))?;
    Ok(kept)
}

/// The text of a site's pages as `--out` holds them (pages it lacks are left out).
///
/// Read from the HTML on purpose: a `--site` build renders only the chosen sites, and
/// the pages the other sites serve are exactly what `--out` holds, whatever build put
/// them there (the stamp is written only by whole builds, and keeping every site's text
/// in it would make each stamp as large as the index). So the index never lists a page
/// that is not served, nor misses one that is.
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
            Some((file, search::main_text(&String::from_utf8_lossy(&html))))
        })
        .collect()
}
