//! The build pipeline, stage by stage: registry → content → resolved model → render →
//! publish. `laman build` and `laman check` both run it; `check` stops before writing.

use crate::content::{self, LoadOptions, SiteContent};
use crate::error::{Error, Result};
use crate::finding::{self, Finding};
use crate::integrity::seal::Seal;
use crate::output::{self, Publish};
use crate::registry::{Registry, PORTAL_LABEL};
use crate::render::{self, RenderOptions};
use crate::search;
use crate::sign::Signer;
use crate::site::{Model, UrlStyle};
use crate::stamp;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The stages a run reports as it starts each, for a progress line. Their words are
/// here and nowhere else (English for now, like every message, until the Indonesian
/// interface comes).
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
    /// is published even when others failed.
    Build {
        out: PathBuf,
        keep_going: bool,
        /// The key that signs the manifests (`--sign-key`).
        signer: Option<std::sync::Arc<crate::sign::Signer>>,
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

/// The labels of the sites with an error finding, and whether any error concerns no
/// site in particular (which stops the whole build from publishing).
fn failures(findings: &[Finding]) -> (BTreeSet<&str>, bool) {
    let sites = findings
        .iter()
        .filter(|f| f.is_error())
        .filter_map(|f| f.site.as_deref())
        .collect();
    let global = findings.iter().any(|f| f.is_error() && f.site.is_none());
    (sites, global)
}

/// What a run found and did.
#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub sites: usize,
    pub pages: usize,
    /// Labels of the sites whose new output was swapped in.
    pub published: Vec<String>,
    /// Labels of the sites that failed and kept their previous output.
    pub held_back: Vec<String>,
    /// Nothing changed since the last clean build: nothing was written.
    pub unchanged: bool,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }
}

/// Content already read, by site label, for a preview server to reuse: a rebuild reads
/// again only the sites whose entries were removed.
#[derive(Default)]
pub struct ContentCache {
    sites: std::sync::Mutex<std::collections::HashMap<String, Loaded>>,
}

/// A site's content as read, with the findings of reading it.
type Loaded = (Arc<SiteContent>, Vec<Finding>);

impl ContentCache {
    /// Forget one site's content (its files changed).
    pub fn invalidate(&self, label: &str) {
        self.sites.lock().unwrap().remove(label);
    }

    /// Forget everything.
    pub fn clear(&self) {
        self.sites.lock().unwrap().clear();
    }
}

/// The rendered sites of one run, before anything is written.
pub struct Produced {
    pub model: Model,
    pub outputs: Vec<render::SiteOutput>,
    pub findings: Vec<Finding>,
}

/// Reads the registry and content and renders the selected sites into memory; refused
/// when the registry cannot be used (its findings say why).
pub fn produce(
    options: &Options,
    style: UrlStyle,
    render_options: RenderOptions,
    cache: Option<&ContentCache>,
    sink: Option<&dyn render::Sink>,
    progress: &(dyn Fn(&str) + Sync),
) -> Result<Produced> {
    let root = options.root.as_path();
    progress(&Stage::ReadRegistry.as_str());
    let (registry, mut findings) = crate::registry::checked(root, options.today)?;
    // Before any page is rendered: a build that could not be signed is refused at once.
    if let Mode::Build {
        signer: Some(signer),
        ..
    } = &options.mode
    {
        registered_key(&registry, signer)?;
    }

    progress(&Stage::ReadContent.as_str());
    let (dirs, found) = content::discover(root, &registry).map_err(Error::io(crate::msg!(
        "build-cannot-list",
        dir = root.join("content").display().to_string()
    )))?;
    findings.extend(found);
    // A build may name only sites it publishes; `check` and the preview also those
    // prepared before their decree.
    let publishes = |label: &str| {
        label == PORTAL_LABEL
            || registry
                .subdomain(label)
                .is_some_and(|s| s.status == crate::registry::Status::Approved)
    };
    let building = matches!(options.mode, Mode::Build { .. });
    let known: BTreeSet<&str> = dirs
        .iter()
        .map(|d| d.label.as_str())
        .filter(|l| !building || publishes(l))
        .collect();
    let unknown = options.sites.iter().find(|s| !known.contains(s.as_str()));
    if let Some(unknown) = unknown.filter(|_| options.mode != Mode::Preview) {
        return Err(Error::Usage(crate::msg!(
            "build-unknown-site",
            site = unknown.as_str(),
            sites = known.iter().copied().collect::<Vec<_>>().join(", ")
        )));
    }
    let load = LoadOptions {
        drafts: options.drafts,
    };
    let loaded: Vec<Loaded> = dirs
        .par_iter()
        .map(|d| {
            let cached = cache.and_then(|c| c.sites.lock().unwrap().get(&d.label).cloned());
            cached.unwrap_or_else(|| {
                let (content, f) = content::load_site(root, d, load);
                let entry = (Arc::new(content), f);
                if let Some(c) = cache {
                    c.sites
                        .lock()
                        .unwrap()
                        .insert(d.label.clone(), entry.clone());
                }
                entry
            })
        })
        .collect();
    let mut contents = Vec::with_capacity(loaded.len());
    for (content, f) in loaded {
        findings.extend(f);
        contents.push(content);
    }
    let model = Model::new(registry, style, contents);
    let catalogue = crate::catalogue::Catalogue::assemble(&model);
    findings.extend(crate::catalogue::check(&model, &catalogue, options.today));
    let unpublished: BTreeSet<&str> = model
        .sites
        .iter()
        .filter(|s| !s.published())
        .map(|s| s.label.as_str())
        .collect();
    as_warnings(&mut findings, &unpublished);

    progress(&Stage::Render.as_str());
    let selected = |label: &str| options.selects(label);
    // A site goes to the sink only when it is published and nothing read so far has an
    // error for it.
    let (mut failed_before, global_before) = failures(&findings);
    failed_before.extend(&unpublished);
    let guarded = sink.map(|inner| Guarded {
        inner,
        failed: failed_before,
        global: global_before,
    });
    let (outputs, f) = render::render(
        root,
        &model,
        &catalogue,
        &selected,
        render_options,
        guarded.as_ref().map(|g| g as &dyn render::Sink),
    )?;
    findings.extend(f);
    as_warnings(&mut findings, &unpublished);
    finding::sort(&mut findings);
    Ok(Produced {
        model,
        outputs,
        findings,
    })
}

/// The findings of the content of sites that are not published, as warnings (same
/// codes): such a site is checked so that its OPD can prepare it, but nothing of it goes
/// live, so it never fails the run (exit status, `--keep-going` or not) for the rest of
/// the regency. Its problems become errors the day it is approved. A finding belongs to
/// the site it names, or to the file it is in (`content/<label>/...`).
fn as_warnings(findings: &mut [Finding], unpublished: &BTreeSet<&str>) {
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

/// A sink that takes only sites without an error found before rendering (in the
/// registry or the site's content).
struct Guarded<'a> {
    inner: &'a dyn render::Sink,
    failed: BTreeSet<&'a str>,
    global: bool,
}

impl render::Sink for Guarded<'_> {
    fn take(&self, site: &render::SiteOutput) -> Result<bool> {
        if self.global || self.failed.contains(site.label.as_str()) {
            return Ok(false);
        }
        self.inner.take(site)
    }
}

/// Runs the pipeline. `progress` hears the name of each stage as it starts.
///
/// `check` reads, resolves and renders, and reports. `build` does the same with a sink
/// that writes each clean site into a staging folder as soon as it is rendered, then
/// publishes (swaps the staging folder in) when the findings allow it, and records a
/// stamp so that the next build with nothing changed can skip everything.
pub fn run(options: &Options, progress: &(dyn Fn(&str) + Sync)) -> Result<Report> {
    let Mode::Build {
        out,
        keep_going,
        signer,
    } = &options.mode
    else {
        let produced = produce(options, UrlStyle::Https, BUILT, None, None, progress);
        return Ok(assess(options, produced)?.report);
    };
    // A missing root is reported by the registry stage, with its own message.
    if options.root.is_dir() {
        output::guard(&options.root, out).map_err(Error::Usage)?;
    }
    let signer = signer.as_deref();
    let warm = Warm::look(options, out);
    if let Some(report) = warm.unchanged(out, signer) {
        progress(&Stage::Unchanged.as_str());
        return Ok(report);
    }
    let mut staging = StagingSink::new(out, options.selects(PORTAL_LABEL));
    let produced = produce(
        options,
        UrlStyle::Https,
        BUILT,
        None,
        Some(&staging),
        progress,
    );
    let search = search_entries(options, out, &produced, &mut staging);
    let assessed = assess(options, produced)?;
    let report = if assessed.may_publish(*keep_going) {
        progress(&Stage::Write.as_str());
        index_portal(&assessed, search, &staging)?;
        let published = publish(options, &assessed, staging, signer)?;
        Report {
            published,
            ..assessed.report
        }
    } else {
        assessed.report
    };
    warm.record(out, &report);
    Ok(report)
}

/// The entries of the regency's search index, when this build publishes the portal
/// (which holds the index): see [`search::published_entries`].
fn search_entries(
    options: &Options,
    out: &Path,
    produced: &Result<Produced>,
    staging: &mut StagingSink,
) -> Option<Vec<search::Entry>> {
    let produced = produced.as_ref().ok()?;
    let collected = std::mem::take(staging.search.as_mut()?);
    let (failed, _) = failures(&produced.findings);
    let selected = |label: &str| options.selects(label);
    let model = &produced.model;
    Some(search::published_entries(
        model, collected, &failed, &selected, out,
    ))
}

/// Writes the search index beside the portal's pages when the portal is published.
fn index_portal(
    assessed: &Assessed,
    entries: Option<Vec<search::Entry>>,
    staging: &StagingSink,
) -> Result<()> {
    let (Some(entries), Some(registry)) = (entries, assessed.registry.as_ref()) else {
        return Ok(());
    };
    if !assessed.clean.iter().any(|o| o.label == PORTAL_LABEL) {
        return Ok(());
    }
    let site = search::portal_index(registry.fqdn(PORTAL_LABEL), &entries);
    render::Sink::take(staging, &site).map(drop)
}

/// Rendering as `build` and `check` do it: real addresses, minified.
/// How a build renders (and `check`, and the report, which weighs the pages a build
/// would publish).
pub const BUILT: RenderOptions = RenderOptions {
    serve: false,
    minify: true,
};

/// What a run produced, judged: the report, the sites that rendered without an error,
/// and whether the findings let the build publish.
struct Assessed {
    report: Report,
    clean: Vec<render::SiteOutput>,
    registry: Option<Registry>,
    /// An error concerns no site in particular: nothing may be published.
    global_error: bool,
    /// Some selected site failed.
    any_error: bool,
}

impl Assessed {
    /// Whether the build may publish: nothing failed, or (with `--keep-going`) nothing
    /// failed for the regency as a whole and some site is clean.
    fn may_publish(&self, keep_going: bool) -> bool {
        !self.global_error && (!self.any_error || keep_going) && !self.clean.is_empty()
    }
}

/// Judges what `produce` gave: a registry that cannot be used is reported like any other
/// finding; sites with an error are held back.
fn assess(options: &Options, produced: Result<Produced>) -> Result<Assessed> {
    let Produced {
        model,
        outputs,
        findings,
    } = match produced {
        Ok(p) => p,
        Err(Error::Refused(findings)) => {
            return Ok(Assessed {
                report: Report {
                    findings,
                    ..Default::default()
                },
                clean: Vec::new(),
                registry: None,
                global_error: true,
                any_error: true,
            })
        }
        Err(e) => return Err(e),
    };
    let (failed, global_error) = failures(&findings);
    let published = |label: &str| model.site(label).is_some_and(crate::site::Site::published);
    // The sites and pages a build publishes (or would): a site not published is checked
    // too, but counted by its `content.unapproved` finding, not here.
    let counted: Vec<_> = outputs.iter().filter(|o| published(&o.label)).collect();
    let mut report = Report {
        sites: counted.len(),
        pages: counted.iter().map(|o| o.pages).sum(),
        ..Default::default()
    };
    // Never a site that is not published, whatever its findings.
    let clean: Vec<_> = outputs
        .into_iter()
        .filter(|o| !failed.contains(o.label.as_str()) && published(&o.label))
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
        registry: Some(model.registry),
        global_error,
        any_error,
    })
}

/// Puts the clean sites in place: the whole output, or only the chosen sites' folders.
/// Returns the labels published.
fn publish(
    options: &Options,
    assessed: &Assessed,
    staging: StagingSink,
    signer: Option<&Signer>,
) -> Result<Vec<String>> {
    let Assessed {
        report,
        clean,
        registry,
        ..
    } = assessed;
    let regency = registry.as_ref().map_or("", |r| r.regency.domain.as_str());
    let keep: Vec<String> = match registry {
        Some(registry) => report.held_back.iter().map(|l| registry.fqdn(l)).collect(),
        None => Vec::new(),
    };
    let how = if options.sites.is_empty() {
        Publish::Whole { keep: &keep }
    } else {
        Publish::Sites
    };
    let fqdns: Vec<String> = clean.iter().map(|o| o.fqdn.clone()).collect();
    staging
        .into_staging()?
        .finish(&fqdns, how, Seal { regency, signer })
        .map_err(Error::io(crate::msg!("build-cannot-write")))?;
    Ok(clean.iter().map(|o| o.label.clone()).collect())
}

/// Refuses to sign with a key the registry does not name: `verify` trusts only the
/// registry's key, so such a signature would vouch for nothing.
fn registered_key(registry: &Registry, signer: &Signer) -> Result<()> {
    let key = signer.public_key().to_string();
    match &registry.integrity.public_key {
        // A registered key that does not parse says why (a missing prefix, say), not
        // that this key is another one.
        Some(registered) => match registered.parse::<crate::sign::PublicKey>() {
            Err(e) => Err(Error::Usage(format!("[integrity] {e}"))),
            Ok(k) if k == signer.public_key() => Ok(()),
            Ok(_) => Err(Error::Usage(crate::msg!(
                "build-sign-key-other",
                key = key.to_string(),
                registered = crate::text::clipped(registered)
            ))),
        },
        None => Err(Error::Usage(crate::msg!(
            "build-sign-key-none",
            key = key.to_string()
        ))),
    }
}

/// The staging folder as the renderer's sink: made on the first site written, so that a
/// build that renders nothing cleanly creates nothing.
struct StagingSink<'a> {
    out: &'a Path,
    staging: std::sync::OnceLock<std::result::Result<output::Staging, String>>,
    /// The text of each site written, for the search index (when the portal is built).
    search: Option<search::Collector>,
}

impl<'a> StagingSink<'a> {
    fn new(out: &'a Path, index: bool) -> Self {
        StagingSink {
            out,
            staging: std::sync::OnceLock::new(),
            search: index.then(search::Collector::default),
        }
    }

    /// The staging folder with every site written.
    fn into_staging(self) -> Result<output::Staging> {
        match self.staging.into_inner() {
            Some(Ok(stage)) => Ok(stage),
            Some(Err(e)) => Err(Error::io::<String>(crate::msg!("build-cannot-write"))(e)),
            None => Err(Error::io::<String>(crate::msg!("build-cannot-write"))(
                crate::msg!("build-no-staging"),
            )),
        }
    }
}

impl render::Sink for StagingSink<'_> {
    fn take(&self, site: &render::SiteOutput) -> Result<bool> {
        let cannot = Error::io::<String>(crate::msg!("build-cannot-write"));
        let stage = self
            .staging
            .get_or_init(|| output::Staging::new(self.out).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| cannot(e.clone()))?;
        if let Some(search) = &self.search {
            search.take(site);
        }
        stage
            .write(site)
            .map_err(Error::io(crate::msg!("build-cannot-write")))?;
        Ok(true)
    }
}

/// The warm-build shortcut (see [`stamp`]) for one whole build: the fingerprint of the
/// inputs, taken before they are read (so a change made during the build is never
/// mistaken for what was built), and the stamp the last clean build left.
struct Warm {
    fingerprint: Option<(String, stamp::Hashes)>,
    previous: Option<stamp::Stamp>,
    /// `--drafts`, recorded so that `publish` can refuse a build showing drafts.
    drafts: bool,
}

impl Warm {
    fn look(options: &Options, out: &Path) -> Warm {
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
    fn unchanged(&self, out: &Path, signer: Option<&Signer>) -> Option<Report> {
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
            published: previous.published.clone(),
            held_back: Vec::new(),
            unchanged: true,
        })
    }

    /// Records a clean, published whole build for the next one. Only a cache: failing to
    /// write it costs the next build its shortcut, no more.
    fn record(self, out: &Path, report: &Report) {
        let Some((inputs, files)) = self.fingerprint else {
            return;
        };
        if report.published.is_empty() || report.errors() > 0 {
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
                    published: report.published.clone(),
                    drafts: self.drafts,
                },
            )
        });
    }
}
