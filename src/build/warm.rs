//! The last stage of a whole build: a stamp of what went in and what came out, so that
//! the next build with nothing changed can skip everything (see [`crate::stamp`]), and
//! the [`cache`] that lets the next build after a change inside some
//! sites' content render only those ([`super::incr`]).
//!
//! Only a cache: failing to write it costs the next build its shortcut, no more.

use super::cache::{self, Cache};
use super::{incr, Options, Produced, Report};
use crate::sign::Signer;
use crate::stamp;
use std::path::Path;

/// The warm-build shortcut (see [`stamp`]) for one whole build: the fingerprint of the
/// inputs, taken before they are read (so a change made during the build is never
/// mistaken for what was built), and the stamp the last clean build left.
pub(super) struct Warm {
    fingerprint: Option<(String, stamp::Hashes)>,
    previous: Option<stamp::Stamp>,
    /// `--drafts`, recorded so that `laman publish` can refuse a build showing drafts.
    drafts: bool,
    /// `--no-cache`: neither shortcut is taken (both are written for the next build).
    no_cache: bool,
    /// See [`stamp::environment`].
    environment: Option<String>,
}

impl Warm {
    pub fn look(options: &Options, out: &Path, no_cache: bool) -> Warm {
        let whole = options.sites.is_empty();
        let previous = whole.then(|| stamp::read(out)).flatten();
        let fingerprint = if whole && options.root.join(crate::registry::FILE_NAME).is_file() {
            let known = previous
                .as_ref()
                .zip(stamp::written_at(out))
                .map(|(p, at)| (&p.files, at));
            stamp::inputs(&options.root, options.drafts, options.today, known).ok()
        } else {
            None
        };
        let environment = fingerprint
            .as_ref()
            .and_then(|_| stamp::environment(options.drafts, options.today).ok());
        Warm {
            fingerprint,
            previous,
            drafts: options.drafts,
            no_cache,
            environment,
        }
    }

    /// The plan of an incremental build (see [`incr`]), when one may be made.
    pub fn plan(
        &self,
        options: &Options,
        out: &Path,
        signer: Option<&Signer>,
    ) -> Option<incr::Plan> {
        if self.no_cache {
            return None;
        }
        let ((inputs, files), stamp) = (self.fingerprint.as_ref()?, self.previous.as_ref()?);
        let previous = incr::Previous {
            stamp,
            inputs,
            files,
        };
        incr::plan(options, out, previous, signed_alike(out, signer))
    }

    /// What a cold whole build teaches the next one, when a stamp can be written for it.
    pub fn learned(&self, produced: &Produced) -> Option<Cache> {
        let environment = self.environment.clone()?;
        Some(incr::learned(produced, environment, &Default::default()))
    }

    /// The last build's report, when neither the inputs nor the output moved since, and
    /// the output is signed as this build would sign it.
    pub fn unchanged(&self, out: &Path, signer: Option<&Signer>) -> Option<Report> {
        if self.no_cache {
            return None;
        }
        let ((inputs, _), previous) = (self.fingerprint.as_ref()?, self.previous.as_ref()?);
        (signed_alike(out, signer)
            && previous.inputs == *inputs
            && stamp::outputs(out).is_ok_and(|o| o == previous.outputs))
        .then(|| Report {
            findings: previous.findings.clone(),
            sites: previous.sites,
            pages: previous.pages,
            installed: previous.installed.clone(),
            held_back: Vec::new(),
            unchanged: true,
            rendered: Some(Vec::new()),
        })
    }

    /// Records a clean, installed whole build for the next one: its cache (`learned`),
    /// then its stamp. `earlier` is `--out` as this build found it, when it changed it
    /// only by installing sites (see [`stamp::look`]). Only a cache: failing to write it
    /// costs the next build its shortcut, no more.
    pub fn record(
        self,
        out: &Path,
        report: &Report,
        (learned, earlier): (Option<Cache>, Option<&stamp::Outputs>),
    ) {
        let Some((inputs, files)) = self.fingerprint else {
            return;
        };
        if report.installed.is_empty() || report.errors() > 0 {
            return;
        }
        let written = learned.is_some_and(|learned| {
            let learned = Cache {
                inputs: inputs.clone(),
                ..learned
            };
            cache::write(out, &learned).is_ok()
        });
        if !written {
            cache::remove(out);
        }
        let _ = stamp::look(out, earlier).and_then(|outputs| {
            stamp::write(
                out,
                &stamp::Stamp {
                    inputs,
                    files,
                    outputs: outputs.digest,
                    findings: report.findings.clone(),
                    sites: report.sites,
                    pages: report.pages,
                    installed: report.installed.clone(),
                    drafts: self.drafts,
                },
            )
        });
    }
}

/// Whether `out` is signed as this build signs (by the same key, or not at all).
fn signed_alike(out: &Path, signer: Option<&Signer>) -> bool {
    crate::integrity::seal::signed_by(out) == signer.map(|s| s.public_key().to_string())
}
