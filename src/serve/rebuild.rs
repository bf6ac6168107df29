//! One rebuild of the preview: the sites built into memory with the preview's options,
//! then swapped into the snapshot the server answers from, and the event streams told.
//!
//! It must not write into `public/` or anywhere else, nor answer requests; a build
//! that is refused leaves the last good sites in place.

use super::{Rebuilt, Snapshot, State};
use crate::build::{self, Mode, Produced};
use crate::error::{Error, Result};
use crate::finding::Finding;
use crate::registry::PORTAL_LABEL;
use crate::render::{RenderOptions, SiteOutput};
use crate::site::UrlStyle;
use std::time::Instant;

/// Builds into memory and swaps the result in. `only`: render that site (and the
/// portal) again and keep the others' pages.
pub(super) fn rebuild(state: &State, only: Option<&str>) -> Result<Rebuilt> {
    let started = Instant::now();
    match only {
        Some(label) => state.cache.invalidate(label),
        None => state.cache.clear(),
    }
    let options = options(state, only);
    let produced = build::produce(
        &options,
        UrlStyle::Preview { port: state.port },
        RenderOptions {
            serve: true,
            minify: false,
        },
        Some(&state.cache),
        None,
        &|_| {},
    );
    let produced = match produced {
        // A site that no longer exists (deleted, or no longer approved) rendered
        // nothing: render everything, so that its pages go too.
        Ok(p) if only.is_some_and(|l| !p.outputs.iter().any(|o| o.label == l)) => {
            return rebuild(state, None)
        }
        Err(Error::Refused(findings)) => Err(findings),
        other => Ok(other?),
    };
    let mut snapshot = state.snapshot.write().unwrap();
    let (count, pages, model) = match produced {
        Err(findings) => {
            // The registry cannot be read: keep the last good sites under the overlay.
            snapshot.findings = findings;
            (0, 0, None)
        }
        Ok(produced) => swap_in(state, &mut snapshot, produced, &options),
    };
    let rebuilt = Rebuilt {
        sites: count,
        pages,
        errors: snapshot.findings.iter().filter(|f| f.is_error()).count(),
        took: started.elapsed(),
    };
    drop(snapshot);
    *state.generation.lock().unwrap() += 1;
    state.changed.notify_all();
    // The pages are served; the search index follows them a moment later.
    if let Some(model) = model {
        index(state, &model);
    }
    Ok(rebuilt)
}

/// The build's options: every site, or `only` and the portal (which aggregates news and
/// the catalogue). A change on the portal renders every site: its settings name the
/// catalogue's topics, which every service page and its findings show.
fn options(state: &State, only: Option<&str>) -> build::Options {
    let mut sites = Vec::new();
    if let Some(label) = only.filter(|&l| l != PORTAL_LABEL) {
        sites.push(label.to_string());
        sites.push(PORTAL_LABEL.to_string());
    }
    build::Options {
        root: state.root.clone(),
        mode: Mode::Preview,
        sites,
        drafts: true,
        today: state.today,
    }
}

/// Puts what was built into the snapshot; returns how many sites and pages it holds,
/// and the model, for the search index. The portal keeps its last index until then.
fn swap_in(
    state: &State,
    snapshot: &mut Snapshot,
    produced: Produced,
    options: &build::Options,
) -> (usize, usize, Option<crate::site::Model>) {
    let last_index: Vec<(String, crate::render::Body)> = snapshot
        .sites
        .get(PORTAL_LABEL)
        .map(|files| {
            let index = files.iter().filter(|(path, _)| is_index(path));
            index.map(|(p, b)| (p.clone(), b.clone())).collect()
        })
        .unwrap_or_default();
    *state.domain.write().unwrap() = produced.model.registry.regency.domain.to_ascii_lowercase();
    snapshot.unpublished = produced
        .model
        .sites
        .iter()
        .filter(|s| !s.published())
        .map(|s| (s.label.clone(), s.status))
        .collect();
    let count = produced.outputs.len();
    if options.sites.is_empty() {
        // Sites that are no longer published disappear on a full build.
        snapshot.sites.clear();
    }
    let pages = produced.outputs.iter().map(|o| o.pages).sum();
    for SiteOutput { label, files, .. } in produced.outputs {
        snapshot
            .sites
            .insert(label, files.into_iter().map(|f| (f.path, f.body)).collect());
    }
    if let Some(portal) = snapshot.sites.get_mut(PORTAL_LABEL) {
        if !portal.keys().any(|path| is_index(path)) {
            portal.extend(last_index);
        }
    }
    // The findings of the sites rendered now, and the last ones of the others.
    let rendered = |f: &Finding| f.site.as_deref().is_none_or(|s| options.selects(s));
    let mut findings: Vec<Finding> = produced.findings.into_iter().filter(rendered).collect();
    findings.extend(snapshot.findings.iter().filter(|f| !rendered(f)).cloned());
    crate::finding::sort(&mut findings);
    snapshot.findings = findings;
    (count, pages, Some(produced.model))
}

fn is_index(path: &str) -> bool {
    path.strip_prefix(crate::generated::INDEX_DIR)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// The regency's search index from every site the preview holds, put beside the
/// portal's pages (as a build writes it), built outside the snapshot's lock. Without
/// a portal there is nothing to put it in.
fn index(state: &State, model: &crate::site::Model) {
    let collector = crate::search::Collector::default();
    for (label, files) in &state.snapshot.read().unwrap().sites {
        collector.take_files(label, files.iter());
    }
    let entries = crate::search::entries(model, collector.into_sites());
    let files = crate::search::index(&entries);
    let mut snapshot = state.snapshot.write().unwrap();
    if let Some(portal) = snapshot.sites.get_mut(PORTAL_LABEL) {
        portal.retain(|path, _| !is_index(path));
        portal.extend(files.into_iter().map(|f| (f.path, f.body)));
    }
}
