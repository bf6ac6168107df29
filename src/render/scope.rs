//! What a run renders ([`Scope`]), what the sites an incremental build does not render
//! showed the others at the last build ([`Carried`]), and what a run learns beside the
//! pages for the next incremental build ([`Across`]). It renders nothing itself.

use super::docs::Docs;
use super::spam;
use crate::finding::Finding;
use crate::integrity::spam::HitKind;
use crate::site::Model;
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
}

/// The digest of what the spam guard knows, the same whatever order it was found in.
pub(super) fn known_digest(known: &spam::Known) -> String {
    let sorted: BTreeSet<_> = known.iter().collect();
    blake3::hash(format!("{sorted:?}").as_bytes())
        .to_hex()
        .to_string()
}

/// The marks of each rendered site: `sets` (what its markdown carries) and `anchors`
/// (its links to missing headings) are in the order of `docs`.
pub(super) fn marks(
    docs: &[(&Site, Docs)],
    sets: Vec<spam::Known>,
    anchors: Vec<Vec<Finding>>,
) -> BTreeMap<String, Marks> {
    docs.iter()
        .zip(sets.into_iter().zip(anchors))
        .map(|((site, d), (set, anchors))| {
            let c = &site.content;
            let sections = c.sections.iter().map(|s| &s.path).zip(&d.sections);
            let pages = c.pages.iter().map(|p| &p.path).zip(&d.pages);
            let ids = sections
                .chain(pages)
                .map(|(path, r)| (site.url_of(path), r.ids.clone()))
                .collect();
            let known: BTreeSet<HitKind> = set.into_iter().collect();
            let mut findings = d.findings.clone();
            findings.extend(anchors);
            let marks = Marks {
                ids,
                known: known.into_iter().collect(),
                findings,
            };
            (site.label.clone(), marks)
        })
        .collect()
}

/// The markdown of the selected sites rendered and scanned by the spam guard, what the
/// markdown read carries (with what `scope` carries of the others), and what each
/// site's markdown carries, in the order of the sites.
pub(super) fn read_markdown<'m>(
    model: &'m Model,
    guard: &crate::integrity::spam::SpamGuard,
    scope: Scope,
) -> (Vec<(&'m Site, Docs)>, spam::Known, Vec<spam::Known>) {
    let mut known = spam::Known::new();
    if let Some(carried) = scope.carried {
        known.extend(carried.known.iter().cloned());
    }
    let mut sets = Vec::new();
    let docs = model
        .sites
        .par_iter()
        .filter(|s| (scope.selected)(&s.label))
        .map(|site| {
            let mut d = super::docs::render_markdown(model, site);
            let (found, carried) = spam::scan_site(guard, site);
            d.findings.extend(found);
            (site, d, carried)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|(site, d, carried)| {
            known.extend(carried.iter().cloned());
            sets.push(carried);
            (site, d)
        })
        .collect();
    (docs, known, sets)
}
