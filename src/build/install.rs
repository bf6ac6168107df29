//! The write stage: each clean site written into a staging folder beside `--out` as soon
//! as it is rendered, then the staging folder installed (swapped into `--out`) once the
//! findings allow it. How the swap is done safely is [`crate::output`]'s; this file says
//! which sites go in and which keep their previous output.
//!
//! (`laman publish`, which copies a built `--out` to the web servers, is another thing:
//! see [`crate::publish`].)

use super::assess::Assessed;
use super::search::Gather;
use super::{Options, Report};
use crate::error::{Error, Result};
use crate::integrity::seal::Seal;
use crate::output::{Cleanup, Install, Staging, WriteError};
use crate::render::{self, Taken};
use crate::sign::Signer;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The staging folder as the renderer's sink: made on the first site written, so that a
/// build that renders nothing cleanly creates nothing.
pub(super) struct StagingSink<'a> {
    out: &'a Path,
    /// Shared, so that every site offered after a failure to make the folder is refused
    /// with the same I/O error.
    staging: OnceLock<std::result::Result<Staging, Arc<WriteError>>>,
    /// Each site's part of the search index (when the portal is built).
    search: Option<Gather>,
}

impl<'a> StagingSink<'a> {
    /// A sink for a build into `out`; with `index`, it gathers the sites' parts of the
    /// search index.
    pub fn new(out: &'a Path, index: bool) -> Self {
        StagingSink {
            out,
            staging: OnceLock::new(),
            search: index.then(Gather::default),
        }
    }

    /// The staging folder with every site written, and the sites' parts of the index.
    pub fn into_parts(self) -> Result<(Staging, Option<Gather>)> {
        let cannot = || crate::msg!("build-cannot-write");
        match self.staging.into_inner() {
            Some(Ok(staging)) => Ok((staging, self.search)),
            Some(Err(e)) => Err(Error::io(cannot())(e)),
            None => Err(Error::io(cannot())(crate::msg!("build-no-staging"))),
        }
    }
}

impl render::Sink for StagingSink<'_> {
    fn take(&self, taken: Taken<'_>) -> Result<bool> {
        let cannot = || crate::msg!("build-cannot-write");
        let staging = self
            .staging
            .get_or_init(|| Staging::new(self.out).map_err(Arc::new))
            .as_ref()
            .map_err(|e| Error::io(cannot())(Arc::clone(e)))?;
        if let Some(search) = &self.search {
            search.take(taken, staging)?;
        }
        staging.write(taken.output).map_err(Error::io(cannot()))?;
        Ok(true)
    }
}

/// Installs the clean sites: the whole output, or only the chosen sites' folders. The
/// report names the sites installed; the previous output is being removed until the
/// [`Cleanup`] is dropped.
pub(super) fn install(
    options: &Options,
    assessed: Assessed,
    staging: Staging,
    signer: Option<&Signer>,
) -> Result<(Report, Cleanup)> {
    let Assessed {
        report,
        clean,
        model,
        ..
    } = assessed;
    let registry = model.as_ref().map(|m| &m.registry);
    let regency = registry.map_or("", |r| r.regency.domain.as_str());
    let keep: Vec<String> = match registry {
        Some(registry) => report.held_back.iter().map(|l| registry.fqdn(l)).collect(),
        None => Vec::new(),
    };
    let how = if options.sites.is_empty() {
        Install::Whole { keep: &keep }
    } else {
        Install::Sites
    };
    let fqdns: Vec<String> = clean.iter().map(|o| o.fqdn.clone()).collect();
    let cleanup = staging
        .finish(&fqdns, how, Seal { regency, signer })
        .map_err(Error::io(crate::msg!("build-cannot-write")))?;
    let report = Report {
        installed: clean.into_iter().map(|o| o.label).collect(),
        ..report
    };
    Ok((report, cleanup))
}
