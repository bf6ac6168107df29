//! Judging what [`super::produce`] gave: the report, the sites that rendered without an
//! error, and whether the findings let the build be installed in `--out`. A registry
//! that cannot be used is reported here like any other finding.
//!
//! It writes nothing; [`super::install`] does, when this says it may.

use super::check::failures;
use super::{Options, Produced, Report};
use crate::error::{Error, Result};
use crate::render::SiteOutput;
use crate::site::Model;
use std::collections::BTreeSet;

/// What a run produced, judged.
pub(super) struct Assessed {
    pub report: Report,
    /// The live sites that rendered without an error, to install.
    pub clean: Vec<SiteOutput>,
    /// None when the registry could not be used.
    pub model: Option<Model>,
    /// The labels of the sites with an error.
    pub failed: BTreeSet<String>,
    /// An error concerns no site in particular: nothing may be installed.
    global_error: bool,
    /// Some selected site failed.
    any_error: bool,
}

impl Assessed {
    /// Whether the build may be installed: nothing failed, or (with `--keep-going`)
    /// nothing failed for the regency as a whole and some site is clean.
    pub fn may_install(&self, keep_going: bool) -> bool {
        !self.global_error && (!self.any_error || keep_going) && !self.clean.is_empty()
    }
}

/// Judges what `produce` gave: a registry that cannot be used is reported like any other
/// finding; sites with an error are held back.
pub(super) fn assess(options: &Options, produced: Result<Produced>) -> Result<Assessed> {
    let Produced {
        model,
        outputs,
        findings,
        ..
    } = match produced {
        Ok(p) => p,
        Err(Error::Refused(findings)) => {
            return Ok(Assessed {
                report: Report {
                    findings,
                    ..Default::default()
                },
                clean: Vec::new(),
                model: None,
                failed: BTreeSet::new(),
                global_error: true,
                any_error: true,
            })
        }
        Err(e) => return Err(e),
    };
    let (failed, global_error) = failures(&findings);
    let failed: BTreeSet<String> = failed.into_iter().map(String::from).collect();
    let live = |label: &str| model.site(label).is_some_and(crate::site::Site::published);
    // The sites and pages a build puts live (or would): a site not live is checked
    // too, but counted by its `content.unapproved` finding, not here.
    let counted: Vec<_> = outputs.iter().filter(|o| live(&o.label)).collect();
    let mut report = Report {
        sites: counted.len(),
        pages: counted.iter().map(|o| o.pages).sum(),
        ..Default::default()
    };
    // Never a site that is not live, whatever its findings.
    let clean: Vec<_> = outputs
        .into_iter()
        .filter(|o| !failed.contains(&o.label) && live(&o.label))
        .collect();
    report.held_back = model
        .published()
        .map(|s| s.label.as_str())
        .filter(|l| options.selects(l))
        .filter(|l| !clean.iter().any(|o| o.label == *l))
        .map(String::from)
        .collect();
    let any_error = global_error || !failed.is_empty() || !report.held_back.is_empty();
    report.findings = findings;
    Ok(Assessed {
        report,
        clean,
        model: Some(model),
        failed,
        global_error,
        any_error,
    })
}
