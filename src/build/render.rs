//! The render stage as the build runs it: every selected site rendered, and handed to
//! the sink only when nothing read before rendering has an error for it.
//!
//! How a page is rendered is [`crate::render`]'s; this file only guards the sink.

use super::cache::SiteEntry;
use super::check::{self, Checked};
use super::Options;
use crate::error::Result;
use crate::finding::Finding;
use crate::render::{self, Across, RenderOptions, Scope, Sink, SiteOutput};
use crate::site::Model;
use std::collections::{BTreeMap, BTreeSet};

/// Renders the selected sites (their findings go to `findings`, errors of sites that are
/// not live as warnings); each clean, live site goes to `sink` as soon as it is
/// rendered. With `only` (an incremental build), only those sites' pages are rendered,
/// the markdown of every site is read, and the page findings of the others are taken
/// from `carried` (what the last build found in their pages).
pub(super) fn sites(
    options: &Options,
    model: &Model,
    checked: &Checked,
    (render_options, sink): (RenderOptions, Option<&dyn Sink>),
    only: Option<&BTreeSet<String>>,
    carried: &BTreeMap<String, SiteEntry>,
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
    let scope = Scope {
        selected: &selected,
        markdown_of_all: only.is_some(),
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
    if let Some(only) = only {
        let others = carried.iter().filter(|(label, _)| !only.contains(*label));
        findings.extend(others.flat_map(|(_, e)| e.findings.iter().cloned()));
    }
    check::as_warnings(findings, &checked.unpublished);
    Ok((outputs, across))
}

/// A sink that takes only sites without an error found before rendering (in the
/// registry or the site's content) and that go live.
struct Guarded<'a> {
    inner: &'a dyn Sink,
    failed: BTreeSet<&'a str>,
    global: bool,
}

impl Sink for Guarded<'_> {
    fn take(&self, site: &SiteOutput) -> Result<bool> {
        if self.global || self.failed.contains(site.label.as_str()) {
            return Ok(false);
        }
        self.inner.take(site)
    }
}
