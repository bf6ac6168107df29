//! The search stage: the regency's index, written beside the portal's pages when this
//! build installs the portal (which holds the index).
//!
//! Each site's part of the index ([`search::Part`]) is made as soon as the site is
//! rendered, on the rendering thread ([`Gather`]): its pages' texts are written into the
//! portal's staging folder at once and dropped, and only its stems are kept, so a build
//! never holds the regency's text. Once the run is assessed, [`index_portal`] drops the
//! parts of the sites that failed and joins the others into the index.
//!
//! The index always describes what `--out` serves once the build is installed: the pages
//! of the sites this build installs, plus (for a `--site` build that includes the
//! portal) the pages the other sites already have in `--out`, whose text is read back
//! from there ([`read_back`]), or (for an incremental build) the parts the build cache
//! kept, with their texts' folders copied from `--out`. How entries and index files are
//! made is [`crate::search`]'s; this is the only place that reads the installed output.

use super::assess::Assessed;
use super::cache::{self, SiteEntry};
use super::Options;
use crate::error::{Error, Result};
use crate::generated::INDEX_DIR;
use crate::integrity::manifest::{self, Entry};
use crate::output::Staging;
use crate::registry::PORTAL_LABEL;
use crate::render::{OutputFile, SiteOutput, Taken};
use crate::search::{self, Part, SiteText};
use crate::site::{Model, Site};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The parts of the index of the sites rendered so far, their texts already written.
#[derive(Default)]
pub(super) struct Gather {
    /// Each site's part, by label.
    parts: Mutex<BTreeMap<String, Part>>,
}

impl Gather {
    /// Makes the part of a rendered site (none for a site not published), its texts
    /// written into the portal's folder of `staging`.
    pub fn take(&self, taken: Taken<'_>, staging: &Staging) -> Result<()> {
        let texts = search::site_text(taken.output);
        if let Some(part) = part_of(taken.model, taken.site, texts, staging)? {
            let mut parts = self.parts.lock().unwrap_or_else(|e| e.into_inner());
            parts.insert(taken.site.label.clone(), part);
        }
        Ok(())
    }
}

/// The part of `site` from the text of its pages, its texts written into the portal's
/// folder of `staging`; none when no page of it is indexed.
fn part_of(model: &Model, site: &Site, texts: SiteText, staging: &Staging) -> Result<Option<Part>> {
    let entries = search::site_entries(site, texts);
    let portal = portal_fqdn(model);
    search::part(&entries, |files| write(staging, &portal, files))
}

fn portal_fqdn(model: &Model) -> String {
    model.registry.fqdn(PORTAL_LABEL)
}

fn write(staging: &Staging, portal: &str, files: Vec<OutputFile>) -> Result<()> {
    staging
        .write(&SiteOutput {
            label: PORTAL_LABEL.to_string(),
            fqdn: portal.to_string(),
            files,
            pages: 0,
        })
        .map_err(Error::io(crate::msg!("build-cannot-write")))
}

/// Writes the search index into the portal's staging folder, when the portal is among
/// the sites to install and its parts were gathered. The part of a site not rendered
/// comes from the build cache (`cached`: its entry by label), its texts from `--out`,
/// or else is made from the pages `--out` has. With `keep` (a whole build), the parts
/// are kept in the build cache: their digests by label.
pub(super) fn index_portal(
    options: &Options,
    out: &Path,
    assessed: &Assessed,
    (gathered, staging): (Option<Gather>, &Staging),
    (cached, keep): (Option<&BTreeMap<String, SiteEntry>>, bool),
) -> Result<BTreeMap<String, String>> {
    let (Some(gathered), Some(model)) = (gathered, assessed.model.as_ref()) else {
        return Ok(BTreeMap::new());
    };
    if !assessed.clean.iter().any(|o| o.label == PORTAL_LABEL) {
        return Ok(BTreeMap::new());
    }
    let mut parts = gathered
        .parts
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    let portal = portal_fqdn(model);
    for label in &assessed.failed {
        if let Some(part) = parts.remove(label) {
            staging
                .forget(&portal, &format!("{INDEX_DIR}/{}", part.teks))
                .map_err(Error::io(crate::msg!("build-cannot-write")))?;
        }
    }
    // Only a cache: a site whose part cannot be kept is indexed anew next time.
    let mut kept: BTreeMap<String, String> = match keep {
        true => parts
            .par_iter()
            .filter_map(|(label, part)| Some((label.clone(), cache::write_part(out, part).ok()?)))
            .collect(),
        false => BTreeMap::new(),
    };
    let installed = Installed::new(out, &portal);
    let others: Vec<&Site> = model
        .published()
        .filter(|s| !options.selects(&s.label))
        .collect();
    let found = others
        .par_iter()
        .map(|site| {
            let digest = cached.and_then(|c| c.get(&site.label)?.part.clone());
            let reused = match digest {
                Some(digest) => {
                    reuse(out, &digest, (staging, &portal), &installed)?.map(|part| (part, digest))
                }
                None => None,
            };
            Ok(match reused {
                Some((part, digest)) => (Some(part), Some(digest)),
                None => (
                    part_of(model, site, read_back(&out.join(&site.fqdn), site), staging)?,
                    None,
                ),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    for (site, (part, digest)) in others.into_iter().zip(found) {
        if let Some(digest) = digest {
            kept.insert(site.label.clone(), digest);
        }
        if let Some(part) = part {
            parts.insert(site.label.clone(), part);
        }
    }
    let ordered: Vec<Part> = model
        .published()
        .filter_map(|s| parts.remove(&s.label))
        .collect();
    search::finish(&ordered, |files| write(staging, &portal, files))?;
    if !keep {
        kept.clear();
    }
    Ok(kept)
}

/// The part the cache keeps under `digest`, its texts' folder linked from the portal's
/// index in `--out` into `staging` with the entries of the portal's manifest there; none
/// when either is missing or incomplete (then nothing of it stays in `staging`).
fn reuse(
    out: &Path,
    digest: &str,
    (staging, portal): (&Staging, &str),
    installed: &Installed,
) -> Result<Option<Part>> {
    let Some(part) = cache::read_part(out, digest) else {
        return Ok(None);
    };
    let Some(entries) = installed.get() else {
        return Ok(None);
    };
    let texts: Option<Vec<Entry>> = part
        .text_files()
        .map(|name| entries.get(&format!("{INDEX_DIR}/{name}")).cloned())
        .collect();
    let Some(texts) = texts else {
        return Ok(None);
    };
    staging
        .link(portal, &out.join(portal), texts)
        .map_err(Error::io(crate::msg!("build-cannot-write")))?;
    Ok(Some(part))
}

/// The files the portal's manifest in `--out` lists, by path, read once when first
/// needed: an incremental build takes from `--out` only what the stamp says is exactly
/// what the last build installed.
struct Installed {
    manifest: PathBuf,
    entries: std::sync::OnceLock<Option<BTreeMap<String, Entry>>>,
}

impl Installed {
    fn new(out: &Path, portal: &str) -> Self {
        Installed {
            manifest: out.join(portal).join(manifest::SITE_PATH),
            entries: std::sync::OnceLock::new(),
        }
    }

    fn get(&self) -> Option<&BTreeMap<String, Entry>> {
        self.entries
            .get_or_init(|| {
                let bytes = crate::stamp::read_beside(&self.manifest).ok()?;
                let manifest = manifest::SiteManifest::parse(&bytes).ok()?;
                Some(
                    manifest
                        .files
                        .into_iter()
                        .map(|e| (e.path.clone(), e))
                        .collect(),
                )
            })
            .as_ref()
    }
}

/// The text of a site's pages as `--out` holds them (pages it lacks are left out).
///
/// Read from the HTML on purpose: a `--site` build renders only the chosen sites, and
/// the pages the other sites serve are exactly what `--out` holds, whatever build put
/// them there (the stamp is written only by whole builds, and keeping every site's text
/// in it would make each stamp as large as the index). So the index never lists a page
/// that is not served, nor misses one that is.
fn read_back(dir: &Path, site: &Site) -> SiteText {
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
