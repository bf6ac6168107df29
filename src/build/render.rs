//! The render stage as the build runs it: every selected site rendered, and handed to
//! the sink only when nothing read before rendering has an error for it.
//!
//! How a page is rendered is [`crate::render`]'s; this file only guards the sink.

use super::cache::SiteEntry;
use super::check::{self, Checked};
use super::incr::Plan;
use super::Options;
use crate::error::Result;
use crate::finding::Finding;
use crate::render::{self, Across, Carried, RenderOptions, Scope, Sink, SiteOutput, Taken};
use crate::site::Model;
use std::collections::BTreeSet;

/// Renders the selected sites (their findings go to `findings`, errors of sites that are
/// not live as warnings); each clean, live site goes to `sink` as soon as it is
/// rendered. With a `plan` (an incremental build), what the other sites showed and found
/// at the last build is taken from its cache.
pub(super) fn sites(
    options: &Options,
    model: &Model,
    checked: &Checked,
    (render_options, sink): (RenderOptions, Option<&dyn Sink>),
    plan: Option<&Plan>,
    findings: &mut Vec<Finding>,
) -> Result<(Vec<SiteOutput>, Across)> {
    let selected = |label: &str| options.selects(label);
    // What failed before rendering, read once here; what failed in rendering is read
    // with everything else when the run is assessed.
    let (mut failed, global) = check::failures(findings);
    failed.extend(&checked.unpublished);
    let guarded = sink.map(|inner| Guarded {
        inner,
        failed,
        global,
    });
    let others: Vec<&SiteEntry> = match plan {
        Some(plan) => plan
            .cache
            .sites
            .iter()
            .filter(|(label, _)| !plan.selected.contains(*label))
            .map(|(_, entry)| entry)
            .collect(),
        None => Vec::new(),
    };
    let carried = plan.map(|plan| Carried {
        faithful: plan
            .cache
            .faithful
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect(),
        ..carried(&others)
    });
    let scope = Scope {
        selected: &selected,
        carried: carried.as_ref(),
    };
    let (outputs, rendered, across) = render::render(
        &options.root,
        model,
        &checked.catalogue,
        scope,
        render_options,
        guarded.as_ref().map(|g| g as &dyn Sink),
    )?;
    findings.extend(rendered);
    for entry in others {
        findings.extend(entry.marks.findings.iter().chain(&entry.findings).cloned());
    }
    check::as_warnings(findings, &checked.unpublished);
    Ok((outputs, across))
}

/// What the sites an incremental build does not render showed the others.
fn carried(others: &[&SiteEntry]) -> Carried {
    let mut carried = Carried::default();
    for entry in others {
        let marks = &entry.marks;
        carried.ids.extend(
            marks
                .ids
                .iter()
                .map(|(url, ids)| (url.clone(), ids.clone())),
        );
        carried.known.extend(marks.known.iter().cloned());
    }
    carried
}

/// A sink that takes only sites without an error found before rendering (in the
/// registry or the site's content) and that go live.
struct Guarded<'a> {
    inner: &'a dyn Sink,
    failed: BTreeSet<&'a str>,
    global: bool,
}

impl Sink for Guarded<'_> {
    fn take(&self, taken: Taken<'_>) -> Result<bool> {
        if self.global || self.failed.contains(taken.output.label.as_str()) {
            return Ok(false);
        }
        self.inner.take(taken)
    }
}
