//! The last stage of a whole build: a stamp of what went in and what came out, so that
//! the next build with nothing changed can skip everything (see [`crate::stamp`]).
//!
//! Only a cache: it never decides what is built, and failing to write it costs the next
//! build its shortcut, no more.

use super::{Options, Report};
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
}

impl Warm {
    pub fn look(options: &Options, out: &Path) -> Warm {
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
        Warm {
            fingerprint,
            previous,
            drafts: options.drafts,
        }
    }

    /// The last build's report, when neither the inputs nor the output moved since, and
    /// the output is signed as this build would sign it.
    pub fn unchanged(&self, out: &Path, signer: Option<&Signer>) -> Option<Report> {
        let ((inputs, _), previous) = (self.fingerprint.as_ref()?, self.previous.as_ref()?);
        let signed_alike =
            crate::integrity::seal::signed_by(out) == signer.map(|s| s.public_key().to_string());
        (signed_alike
            && previous.inputs == *inputs
            && stamp::outputs(out).is_ok_and(|o| o == previous.outputs))
        .then(|| Report {
            findings: previous.findings.clone(),
            sites: previous.sites,
            pages: previous.pages,
            installed: previous.installed.clone(),
            held_back: Vec::new(),
            unchanged: true,
        })
    }

    /// Records a clean, installed whole build for the next one. Only a cache: failing to
    /// write it costs the next build its shortcut, no more.
    pub fn record(self, out: &Path, report: &Report) {
        let Some((inputs, files)) = self.fingerprint else {
            return;
        };
        if report.installed.is_empty() || report.errors() > 0 {
            return;
        }
        let _ = stamp::outputs(out).and_then(|outputs| {
            stamp::write(
                out,
                &stamp::Stamp {
                    inputs,
                    files,
                    outputs,
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
