//! What only the whole regency shows once every site is read: the generated catalogue's
//! rules, and which sites are not live (whose errors count as warnings). Also the one
//! reading of findings that says which sites failed.
//!
//! It reads no file and renders nothing.

use crate::catalogue::{self, Catalogue};
use crate::finding::{self, Finding};
use crate::site::Model;
use std::collections::BTreeSet;
use std::path::Path;

/// The regency-wide facts the later stages need.
pub(super) struct Checked<'a> {
    pub catalogue: Catalogue<'a>,
    /// The sites read but not live (not approved): checked, never put in place.
    pub unpublished: BTreeSet<&'a str>,
}

/// Assembles and checks the catalogue (its findings go to `findings`), and turns the
/// errors of sites that are not live into warnings.
pub(super) fn regency<'a>(
    model: &'a Model,
    today: jiff::civil::Date,
    findings: &mut Vec<Finding>,
) -> Checked<'a> {
    let catalogue = Catalogue::assemble(model);
    findings.extend(catalogue::check(model, &catalogue, today));
    let unpublished = model
        .sites
        .iter()
        .filter(|s| !s.published())
        .map(|s| s.label.as_str())
        .collect();
    as_warnings(findings, &unpublished);
    Checked {
        catalogue,
        unpublished,
    }
}

/// The findings of the content of sites that are not live, as warnings (same codes):
/// such a site is checked so that its OPD can prepare it, but nothing of it goes live,
/// so it never fails the run (exit status, `--keep-going` or not) for the rest of the
/// regency. Its problems become errors the day it is approved. A finding belongs to the
/// site it names, or to the file it is in (`content/<label>/...`).
pub(super) fn as_warnings(findings: &mut [Finding], unpublished: &BTreeSet<&str>) {
    if unpublished.is_empty() {
        return;
    }
    let content = Path::new("content");
    let of_unpublished = |f: &Finding| {
        let by_site = f.site.as_deref().is_some_and(|s| unpublished.contains(s));
        let by_file = f
            .file
            .as_deref()
            .and_then(|p| p.strip_prefix(content).ok())
            .is_some_and(|rest| {
                rest.components()
                    .next()
                    .is_some_and(|c| unpublished.contains(c.as_os_str().to_string_lossy().as_ref()))
            });
        by_site || by_file
    };
    for f in findings.iter_mut() {
        if f.is_error() && of_unpublished(f) {
            f.severity = finding::Severity::Warning;
        }
    }
}

/// The labels of the sites with an error finding, and whether any error concerns no
/// site in particular (which stops the whole build from being installed).
pub(super) fn failures(findings: &[Finding]) -> (BTreeSet<&str>, bool) {
    let sites = findings
        .iter()
        .filter(|f| f.is_error())
        .filter_map(|f| f.site.as_deref())
        .collect();
    let global = findings.iter().any(|f| f.is_error() && f.site.is_none());
    (sites, global)
}
