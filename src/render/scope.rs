//! What a run renders ([`Scope`]), what the sites an incremental build does not render
//! showed the others at the last build ([`Carried`]), and what a run learns beside the
//! pages for the next incremental build ([`Across`]). It renders nothing itself.

use super::docs::{Headings, SiteDone};
use super::spam;
use super::SiteOutput;
use crate::finding::Finding;
use crate::integrity::spam::HitKind;
use crate::site::Site;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Which sites a run renders.
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    /// The sites whose markdown and pages are rendered.
    pub selected: &'a (dyn Fn(&str) -> bool + Sync),
    /// An incremental build: what the sites it does not render showed the others (their
    /// heading anchors are checked, what their markdown carries is known to the spam
    /// guard, every site's templates are compiled), so that the sites it renders come
    /// out as a whole build renders them.
    pub carried: Option<&'a Carried>,
}

/// What the sites not rendered by an incremental build showed the others at the last
/// build.
#[derive(Debug, Default)]
pub struct Carried {
    /// The heading ids of their sections and pages, by URL, sorted.
    pub ids: HashMap<String, Vec<String>>,
    /// What their markdown carries for the spam guard.
    pub known: Vec<HitKind>,
    /// The templates' minified verdicts the last build took (see [`Across::faithful`]).
    pub faithful: HashMap<String, bool>,
}

/// What the markdown of one rendered site shows the others, and what was found in it.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Marks {
    /// The heading ids of its sections and pages, by URL, sorted.
    pub ids: BTreeMap<String, Vec<String>>,
    /// What its markdown carries for the spam guard, sorted.
    pub known: Vec<HitKind>,
    /// The findings of its markdown (links, anchors, spam).
    pub findings: Vec<Finding>,
}

/// What a run learns beside the outputs, for the next incremental build.
#[derive(Debug, Default)]
pub struct Across {
    /// The findings of each rendered site's pages (templates and output), by label.
    pub page_findings: BTreeMap<String, Vec<Finding>>,
    /// The markdown of each rendered site, by label.
    pub marks: BTreeMap<String, Marks>,
    /// A digest of everything the markdown read carries for the spam guard (carried
    /// included): a rendered page is reported only for what no markdown carries.
    pub known: String,
    /// Whether each template's minified form renders what minifying each page would, as
    /// the run found (see [`super::theme::Templates::verdict_key`]): checking it renders
    /// a real page twice, which an incremental build need not do again.
    pub faithful: BTreeMap<String, bool>,
}

/// The digest of what the spam guard knows, the same whatever order it was found in.
pub(super) fn known_digest(known: &spam::Known) -> String {
    let sorted: BTreeSet<_> = known.iter().collect();
    blake3::hash(format!("{sorted:?}").as_bytes())
        .to_hex()
        .to_string()
}

/// The marks of each rendered site, from its headings, what its markdown carries
/// (`sets`, in the same order) and its markdown's findings (links to missing headings
/// included).
pub(super) fn marks(
    sites: Vec<(&Site, Headings, Vec<Finding>)>,
    sets: Vec<spam::Known>,
) -> BTreeMap<String, Marks> {
    sites
        .into_iter()
        .zip(sets)
        .map(|((site, headings, findings), set)| {
            let known: BTreeSet<HitKind> = set.into_iter().collect();
            let marks = Marks {
                ids: headings.ids.into_iter().collect(),
                known: known.into_iter().collect(),
                findings,
            };
            (site.label.clone(), marks)
        })
        .collect()
}

/// The spam guard's scan of the sources of the `chosen` sites: what they carry (with
/// what `scope` carries of the others), what each one's carries and the scan's findings
/// of each, in the order of `chosen`. Done before any site is rendered, so that every
/// rendered page is checked against all of it; it keeps nothing of the pages.
pub(super) fn scan(
    chosen: &[&Site],
    guard: &crate::integrity::spam::SpamGuard,
    scope: Scope,
) -> (spam::Known, Vec<spam::Known>, Vec<Vec<Finding>>) {
    let mut known = spam::Known::new();
    if let Some(carried) = scope.carried {
        known.extend(carried.known.iter().cloned());
    }
    let scanned: Vec<(Vec<Finding>, spam::Known)> = chosen
        .par_iter()
        .map(|site| spam::scan_site(guard, site))
        .collect();
    let mut sets = Vec::with_capacity(scanned.len());
    let mut found = Vec::with_capacity(scanned.len());
    for (f, carried) in scanned {
        known.extend(carried.iter().cloned());
        sets.push(carried);
        found.push(f);
    }
    (known, sets, found)
}

/// The outputs of the rendered sites, their findings in the order they always had (each
/// site's markdown with its links to missing headings, then each site's templates), and
/// what the next incremental build needs of them.
pub(super) fn gather(
    chosen: Vec<&Site>,
    done: Vec<SiteDone>,
    anchors: Vec<Vec<Finding>>,
    (known, sets): (spam::Known, Vec<spam::Known>),
    findings: &mut Vec<Finding>,
) -> (Vec<SiteOutput>, Across) {
    let mut sites = Vec::with_capacity(done.len());
    let mut outputs = Vec::with_capacity(done.len());
    for ((site, done), anchors) in chosen.into_iter().zip(done).zip(anchors) {
        let mut markdown = done.markdown;
        markdown.extend(anchors);
        findings.extend(markdown.iter().cloned());
        sites.push((site, done.headings, markdown));
        outputs.extend(done.output);
    }
    let mut across = Across {
        known: known_digest(&known),
        marks: marks(sites, sets),
        ..Across::default()
    };
    let mut rendered = Vec::with_capacity(outputs.len());
    for (out, fs) in outputs {
        findings.extend(fs.iter().cloned());
        across.page_findings.insert(out.label.clone(), fs);
        rendered.push(out);
    }
    (rendered, across)
}
