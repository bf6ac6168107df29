//! The build pipeline, stage by stage, one file a stage: [`read`] the registry and the
//! content → [`check`] what only the whole regency shows → [`render`] → [`assess`] the
//! findings → [`search`] index → [`install`] (swap the staging folder into `--out`) →
//! [`warm`] stamp for the next build. `laman build` runs them all; `laman check`, the
//! preview server and the report stop after rendering ([`produce`]).
//!
//! This module says in which order the stages run and nothing else: each stage's rules
//! live in its file. It prints nothing and reads no clock (the caller passes today).

mod assess;
mod cache;
mod check;
mod incr;
mod install;
mod read;
mod render;
mod search;
mod warm;

pub use cache::dir_of as cache_dir;
pub use read::ContentCache;

use crate::error::{Error, Result};
use crate::finding::{self, Finding};
use crate::registry::PORTAL_LABEL;
use crate::render::RenderOptions;
use crate::site::{Model, UrlStyle};
use std::path::PathBuf;

/// The stages a run reports as it starts each, for a progress line. Their words come
/// from the catalogues (`stage-*`), in the run's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    ReadRegistry,
    ReadContent,
    Render,
    Write,
    Unchanged,
}

impl Stage {
    /// What the stage is doing, in the run's language.
    pub fn as_str(self) -> String {
        crate::msg!(match self {
            Stage::ReadRegistry => "stage-read-registry",
            Stage::ReadContent => "stage-read-content",
            Stage::Render => "stage-render",
            Stage::Write => "stage-write",
            Stage::Unchanged => "stage-unchanged",
        })
    }
}

/// What a run is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// `laman check`: everything a build does but writing.
    Check,
    /// `laman build`: write into `out`; with `keep_going`, each site that built cleanly
    /// is swapped in even when others failed.
    Build {
        out: PathBuf,
        keep_going: bool,
        /// The key that signs the manifests (`--sign-key`).
        signer: Option<std::sync::Arc<crate::sign::Signer>>,
        /// `--no-cache`: a cold build, whatever the stamp and the cache say.
        no_cache: bool,
    },
    /// `laman serve`: render into memory for the preview server. A selected site that no
    /// longer exists is not an error there: the server renders everything instead.
    Preview,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub mode: Mode,
    /// Build only these sites (labels; `portal` for the portal). Empty: all.
    pub sites: Vec<String>,
    pub drafts: bool,
    /// Today's date, for the registry's date rules (given by the caller: the core reads
    /// no clock).
    pub today: jiff::civil::Date,
}

impl Options {
    /// Whether this run renders the site `label` (all sites when none was named).
    pub fn selects(&self, label: &str) -> bool {
        self.sites.is_empty() || self.sites.iter().any(|s| s == label)
    }
}

/// What a run found and did.
#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub sites: usize,
    pub pages: usize,
    /// Labels of the sites whose new output was installed into `--out` (`"published"` in
    /// the JSON report and the summary, the word the operators know).
    pub installed: Vec<String>,
    /// Labels of the sites that failed and kept their previous output.
    pub held_back: Vec<String>,
    /// Nothing changed since the last clean build: nothing was written.
    pub unchanged: bool,
    /// An incremental build: the sites whose pages were rendered (the others kept
    /// their output). None for a cold build, which renders every site.
    pub rendered: Option<Vec<String>>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.findings.iter().filter(|f| f.is_warning()).count()
    }

    /// Notices: no problem, the state of something (a site prepared before its decree).
    pub fn notices(&self) -> usize {
        self.findings.len() - self.errors() - self.warnings()
    }
}

/// How a build renders (and `check`, and the report, which weighs the pages a build
/// would put live): real addresses, minified.
pub const BUILT: RenderOptions = RenderOptions {
    serve: false,
    minify: true,
};

/// The rendered sites of one run, before anything is written.
pub struct Produced {
    pub model: Model,
    pub outputs: Vec<crate::render::SiteOutput>,
    pub findings: Vec<Finding>,
    /// What the next incremental build needs.
    pub across: crate::render::Across,
}

/// Reads the registry and content and renders the selected sites into memory (handing
/// each clean one to `sink` as soon as it is rendered); refused when the registry cannot
/// be used (its findings say why). `cache` is the preview's content already read.
pub fn produce(
    options: &Options,
    style: UrlStyle,
    render_options: RenderOptions,
    cache: Option<&ContentCache>,
    sink: Option<&dyn crate::render::Sink>,
    progress: &(dyn Fn(&str) + Sync),
) -> Result<Produced> {
    let how = How {
        style,
        render_options,
        sink,
        progress,
    };
    let produced = produce_planned(options, &how, cache, None)?;
    Ok(produced.expect("a run without a plan is always produced"))
}

/// How a run renders and where its sites go.
struct How<'a> {
    style: UrlStyle,
    render_options: RenderOptions,
    sink: Option<&'a dyn crate::render::Sink>,
    progress: &'a (dyn Fn(&str) + Sync),
}

/// [`produce`], or with a `plan` an incremental build's: None when the changed sites no
/// longer show the others what they showed (a cold build must be made instead).
fn produce_planned(
    options: &Options,
    how: &How,
    cache: Option<&ContentCache>,
    plan: Option<&incr::Plan>,
) -> Result<Option<Produced>> {
    (how.progress)(&Stage::ReadRegistry.as_str());
    let (registry, mut findings) = read::registry(options)?;
    (how.progress)(&Stage::ReadContent.as_str());
    let contents = read::content(options, &registry, cache, &mut findings)?;
    let model = Model::new(registry, how.style, contents);
    if plan.is_some_and(|p| !incr::interfaces_hold(&model, p)) {
        return Ok(None);
    }
    let catalogue = check::regency(&model, options.today, &mut findings);
    (how.progress)(&Stage::Render.as_str());
    let (outputs, across) = render::sites(
        options,
        &model,
        &catalogue,
        (how.render_options, how.sink),
        plan,
        &mut findings,
    )?;
    finding::sort(&mut findings);
    Ok(Some(Produced {
        model,
        outputs,
        findings,
        across,
    }))
}

/// Runs the pipeline. `progress` hears the name of each stage as it starts.
///
/// `check` reads, resolves and renders, and reports. `build` does the same with a sink
/// that writes each clean site into a staging folder as soon as it is rendered, then
/// installs it (swaps the staging folder into `--out`) when the findings allow it, and
/// records a stamp so that the next build with nothing changed can skip everything, and
/// a cache so that the next build after a change inside some sites' content renders only
/// those sites and the portal ([`incr`]).
pub fn run(options: &Options, progress: &(dyn Fn(&str) + Sync)) -> Result<Report> {
    let Mode::Build {
        out,
        keep_going,
        signer,
        no_cache,
    } = &options.mode
    else {
        let produced = produce(options, UrlStyle::Https, BUILT, None, None, progress);
        return Ok(assess::assess(options, produced)?.report);
    };
    // A missing root is reported by the registry stage, with its own message.
    if options.root.is_dir() {
        crate::output::guard(&options.root, out).map_err(Error::Usage)?;
    }
    let signer = signer.as_deref();
    let warm = warm::Warm::look(options, out, *no_cache);
    if let Some(report) = warm.unchanged(out, signer) {
        progress(&Stage::Unchanged.as_str());
        return Ok(report);
    }
    if let Some(plan) = warm.plan(options, out, signer) {
        if let Some((report, learned, _cleanup)) = incremental(options, out, &plan, progress)? {
            warm.record(out, &report, (Some(learned), Some(&plan.outputs)));
            return Ok(report);
        }
    }
    let sink = install::StagingSink::new(out, options.selects(PORTAL_LABEL));
    let how = How {
        style: UrlStyle::Https,
        render_options: BUILT,
        sink: Some(&sink),
        progress,
    };
    let produced = produce_planned(options, &how, None, None).map(Option::unwrap);
    let mut learned = produced.as_ref().ok().and_then(|p| warm.learned(p));
    let assessed = assess::assess(options, produced)?;
    let mut _cleanup = None;
    let report = if assessed.may_install(*keep_going) {
        progress(&Stage::Write.as_str());
        let (staging, gathered) = sink.into_parts()?;
        let keep = learned.is_some() && options.sites.is_empty();
        let parts =
            search::index_portal(options, out, &assessed, (gathered, &staging), (None, keep))?;
        if let Some(learned) = &mut learned {
            learned.keep_parts(parts);
        }
        let (report, cleanup) = install::install(options, assessed, staging, signer)?;
        _cleanup = Some(cleanup);
        report
    } else {
        assessed.report
    };
    warm.record(out, &report, (learned, None));
    Ok(report)
}

/// An incremental build (see [`incr`]): the changed sites and the portal rendered and
/// installed as a `--site` build of them installs them, the report completed as a cold
/// build gives it. None when it cannot give what a cold build gives (an interface
/// changed, or something failed): nothing was installed, a cold build must follow.
fn incremental(
    options: &Options,
    out: &std::path::Path,
    plan: &incr::Plan,
    progress: &(dyn Fn(&str) + Sync),
) -> Result<Option<(Report, cache::Cache, crate::output::Cleanup)>> {
    let Mode::Build { signer, .. } = &options.mode else {
        return Ok(None);
    };
    let scoped = Options {
        sites: plan.selected.iter().cloned().collect(),
        ..options.clone()
    };
    let sink = install::StagingSink::new(out, true);
    let how = How {
        style: UrlStyle::Https,
        render_options: BUILT,
        sink: Some(&sink),
        progress,
    };
    let produced = match produce_planned(&scoped, &how, None, Some(plan)) {
        Ok(Some(p)) if incr::marks_hold(&p.across, plan) => p,
        _ => return Ok(None),
    };
    let mut learned = incr::learned(&produced, plan.environment.clone(), &plan.cache.sites);
    let whole = incr::Whole::of(&produced.model, plan);
    let assessed = assess::assess(&scoped, Ok(produced))?;
    if assessed.report.errors() > 0 || !assessed.may_install(false) {
        return Ok(None);
    }
    progress(&Stage::Write.as_str());
    let (staging, gathered) = sink.into_parts()?;
    let cached = Some(&plan.cache.sites);
    let parts = search::index_portal(
        &scoped,
        out,
        &assessed,
        (gathered, &staging),
        (cached, true),
    )?;
    learned.keep_parts(parts);
    let (report, cleanup) = install::install(&scoped, assessed, staging, signer.as_deref())?;
    Ok(Some((whole.complete(report), learned, cleanup)))
}
