//! Incremental builds: after a change inside some sites' content folders only, a whole
//! build renders the pages of those sites and of the portal (which aggregates every
//! site: regency news, the service catalogue, the directory, the search index) and keeps
//! every other site's output in `--out` as it is, with output, search index, manifests
//! and report byte-identical to a cold build of the same input.
//!
//! When it is taken, in order: the last whole build was clean and left its stamp and
//! [`cache`]; `--out` is exactly what it installed (nobody touched it) and is signed as
//! this build signs; laman, `--drafts` and the date are the same; every file that
//! changed (added, modified, removed) is under `content/<label>/` of a site already
//! known. Then all content is read as always (links between sites need every page), and
//! each changed site's [`interface`] (its settings, the paths and front matter of its
//! pages: everything other sites render of it) must be what the cache says. Only the
//! selected sites' markdown and pages are rendered; what the others' markdown showed
//! (heading anchors, the spam terms and hosts it carries) and found, and what their
//! pages found, comes from the cache; after rendering, the changed sites' heading
//! anchors and what the spam guard knows must be what they were ([`marks_hold`]). The
//! portal's news is chosen from every published site's front matter before rendering
//! (only those items' summaries are rendered), and the search index takes the other
//! sites' text from the cache (from `--out` where the cache lacks it). Anything else,
//! or any error in the build, makes it a cold build, as before.

use super::cache::{self, Cache, SiteEntry};
use super::{Options, Produced, Report};
use crate::registry::PORTAL_LABEL;
use crate::render::Across;
use crate::site::{Model, Site};
use crate::stamp::{self, Hashes};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// What an incremental build renders, and what the last build left for the others.
pub(super) struct Plan {
    /// The sites whose pages are rendered: the changed ones and the portal.
    pub selected: BTreeSet<String>,
    /// The sites whose content changed.
    pub changed: BTreeSet<String>,
    pub cache: Cache,
    /// See [`stamp::environment`].
    pub environment: String,
    /// `--out` as the plan found it (what the stamp says the last build installed).
    pub outputs: stamp::Outputs,
}

/// The inputs of an incremental build, from the warm stamp.
pub(super) struct Previous<'a> {
    pub stamp: &'a stamp::Stamp,
    pub inputs: &'a str,
    pub files: &'a Hashes,
}

/// The plan of an incremental build, when one is possible (see the module's doc).
pub(super) fn plan(
    options: &Options,
    out: &Path,
    previous: Previous,
    signed: bool,
) -> Option<Plan> {
    let Previous {
        stamp,
        inputs,
        files,
    } = previous;
    if !options.sites.is_empty() || !signed || inputs == stamp.inputs {
        return None;
    }
    let cache = cache::read(out)?;
    let environment = stamp::environment(options.drafts, options.today).ok()?;
    if cache.inputs != stamp.inputs || cache.environment != environment {
        return None;
    }
    let outputs = stamp::look(out, None).ok()?;
    if outputs.digest != stamp.outputs {
        return None;
    }
    let changed = changed_sites(&stamp.files, files)?;
    if changed.iter().any(|l| !cache.sites.contains_key(l)) {
        return None;
    }
    let mut selected = changed.clone();
    selected.insert(PORTAL_LABEL.to_string());
    Some(Plan {
        selected,
        changed,
        cache,
        environment,
        outputs,
    })
}

/// The labels of the sites whose content folder holds every file that differs between
/// two sets of input hashes; none when some change is outside a site's content folder.
fn changed_sites(before: &Hashes, now: &Hashes) -> Option<BTreeSet<String>> {
    let differs = now
        .iter()
        .filter(|(rel, entry)| before.get(*rel).map(|b| &b.2) != Some(&entry.2))
        .map(|(rel, _)| rel)
        .chain(before.keys().filter(|rel| !now.contains_key(*rel)));
    let mut labels = BTreeSet::new();
    for rel in differs {
        let mut parts = rel.splitn(3, '/');
        match (parts.next(), parts.next(), parts.next()) {
            (Some("content"), Some(label), Some(rest)) if !label.is_empty() && !rest.is_empty() => {
                labels.insert(label.to_string());
            }
            _ => return None,
        }
    }
    Some(labels)
}

/// The digest of what other sites render or check of a site: its settings, the paths,
/// places and front matter of its sections and pages, its files, templates and old
/// addresses. Not the markdown bodies, which only its own pages, the portal's news and
/// the search index show (the portal and the index are made anew by every incremental
/// build), and whose heading anchors, links and spam are read anew for every site.
pub(super) fn interface(site: &Site) -> String {
    let c = &site.content;
    let mut text = format!("{}\0{:?}\0", site.label, c.config);
    for s in &c.sections {
        let d = &s.doc;
        let _ = write!(text, "S{}\0{}\0{:?}\0", s.path, d.rel, d.meta);
        let _ = write!(text, "{:?}{:?}{:?}\0", s.parent, s.subsections, s.pages);
    }
    for p in &c.pages {
        let d = &p.doc;
        let _ = write!(
            text,
            "P{}\0{}\0{:?}\0{}\0",
            p.path, d.rel, d.meta, p.section
        );
    }
    for a in &c.assets {
        let _ = write!(text, "A{}\0{}\0", a.dest, a.origin.display());
    }
    for t in &c.templates {
        let _ = write!(text, "T{}\0{}\0", t.name, t.origin.display());
    }
    let _ = write!(text, "L{:?}", c.aliases);
    blake3::hash(text.as_bytes()).to_hex().to_string()
}

/// Whether every changed site is still read and shows other sites what it showed.
pub(super) fn interfaces_hold(model: &Model, plan: &Plan) -> bool {
    let labels: BTreeSet<&str> = model.sites.iter().map(|s| s.label.as_str()).collect();
    let known: BTreeSet<&str> = plan.cache.sites.keys().map(String::as_str).collect();
    labels == known
        && plan.changed.iter().all(|label| {
            model
                .site(label)
                .is_some_and(|s| interface(s) == plan.cache.sites[label].interface)
        })
}

/// Whether the markdown of the changed sites still shows the others what it showed:
/// the same heading anchors, and the spam guard knowing the same terms and hosts.
pub(super) fn marks_hold(across: &Across, plan: &Plan) -> bool {
    across.known == plan.cache.known
        && plan.changed.iter().all(|label| {
            let before = &plan.cache.sites[label].marks;
            across
                .marks
                .get(label)
                .is_some_and(|now| now.ids == before.ids)
        })
}

/// What a build learned for the next one, taken from what it produced (before it is
/// judged and installed). `carried` holds the entries of the sites it did not render.
pub(super) fn learned(
    produced: &Produced,
    environment: String,
    carried: &BTreeMap<String, SiteEntry>,
) -> Cache {
    let across = &produced.across;
    let sites = produced
        .model
        .sites
        .iter()
        .map(|site| {
            let output = produced.outputs.iter().find(|o| o.label == site.label);
            let entry = match (output, carried.get(&site.label)) {
                (None, Some(kept)) => kept.clone(),
                _ => SiteEntry {
                    interface: interface(site),
                    pages: output.map(|o| o.pages),
                    findings: across
                        .page_findings
                        .get(&site.label)
                        .cloned()
                        .unwrap_or_default(),
                    marks: across.marks.get(&site.label).cloned().unwrap_or_default(),
                    part: None,
                },
            };
            (site.label.clone(), entry)
        })
        .collect();
    Cache {
        version: env!("CARGO_PKG_VERSION").to_string(),
        environment,
        inputs: String::new(),
        known: across.known.clone(),
        sites,
        faithful: across.faithful.clone(),
    }
}

/// What an incremental build's report lacks to be a cold build's: the sites it did not
/// render, counted and installed as a cold build without error counts and installs them
/// (every live site), and the sites it rendered, named.
pub(super) struct Whole {
    sites: usize,
    pages: usize,
    installed: Vec<String>,
    rendered: Vec<String>,
}

impl Whole {
    pub fn of(model: &Model, plan: &Plan) -> Whole {
        let kept: Vec<usize> = model
            .published()
            .filter(|s| !plan.selected.contains(&s.label))
            .filter_map(|s| plan.cache.sites.get(&s.label).and_then(|e| e.pages))
            .collect();
        Whole {
            sites: kept.len(),
            pages: kept.iter().sum(),
            installed: model.published().map(|s| s.label.clone()).collect(),
            rendered: model
                .sites
                .iter()
                .filter(|s| plan.selected.contains(&s.label))
                .map(|s| s.label.clone())
                .collect(),
        }
    }

    pub fn complete(self, report: Report) -> Report {
        Report {
            sites: report.sites + self.sites,
            pages: report.pages + self.pages,
            installed: self.installed,
            rendered: Some(self.rendered),
            ..report
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(files: &[(&str, &str)]) -> Hashes {
        files
            .iter()
            .map(|(rel, h)| (rel.to_string(), (1, 1, h.to_string())))
            .collect()
    }

    #[test]
    fn changes_inside_content_folders_name_their_sites() {
        let before = hashes(&[("content/a/x.md", "1"), ("content/b/y.md", "1")]);
        let now = hashes(&[("content/a/x.md", "2"), ("content/c/z.md", "1")]);
        let labels = changed_sites(&before, &now).unwrap();
        let want: BTreeSet<String> = ["a", "b", "c"].map(String::from).into();
        assert_eq!(labels, want);
    }

    #[test]
    fn any_change_outside_content_folders_is_a_cold_build() {
        let before = hashes(&[("domains.toml", "1"), ("content/a/x.md", "1")]);
        for now in [
            hashes(&[("domains.toml", "2"), ("content/a/x.md", "1")]),
            hashes(&[
                ("domains.toml", "1"),
                ("content/a/x.md", "1"),
                ("themes/t/a.css", "1"),
            ]),
            hashes(&[
                ("domains.toml", "1"),
                ("content/a/x.md", "1"),
                ("content/x.md", "1"),
            ]),
        ] {
            assert_eq!(changed_sites(&before, &now), None);
        }
    }
}
