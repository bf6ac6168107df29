//! The build pipeline, stage by stage: registry → content → resolved model → render →
//! publish. `laman build` and `laman check` both run it; `check` stops before writing.

use crate::content::{self, LoadOptions, SiteContent};
use crate::finding::{self, Finding};
use crate::output::{self, Publish};
use crate::registry::{validate, Registry};
use crate::render::{self, RenderOptions};
use crate::site::{Model, UrlStyle};
use crate::stamp;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub out: PathBuf,
    /// Build only these sites (labels; `portal` for the portal). Empty: all.
    pub sites: Vec<String>,
    pub drafts: bool,
    pub keep_going: bool,
    /// False for `check`: everything but writing.
    pub write: bool,
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

/// Why a run could not happen at all (exit status 2).
#[derive(Debug)]
pub enum Failure {
    /// The arguments name something that is not there.
    Usage(String),
    /// Reading the root or writing the output failed.
    Io(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Usage(m) | Failure::Io(m) => f.write_str(m),
        }
    }
}

/// Reads the registry of a regency root. I/O problems are failures; a wrong file gives
/// findings.
pub fn load_registry(root: &Path) -> Result<Result<Registry, Vec<Finding>>, Failure> {
    if !root.is_dir() {
        return Err(Failure::Usage(format!(
            "the regency root `{}` is not a folder",
            root.display()
        )));
    }
    Registry::load(root).map_err(|e| {
        Failure::Io(format!(
            "cannot read {}: {e} (is `{}` a regency repository? give its folder with --root)",
            root.join(crate::registry::FILE_NAME).display(),
            root.display()
        ))
    })
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

/// Reads the registry and content and renders the selected sites into memory. Ok(Err)
/// when the registry cannot be read (its findings say why).
pub fn produce(
    options: &Options,
    style: UrlStyle,
    render_options: RenderOptions,
    cache: Option<&ContentCache>,
    sink: Option<render::Sink>,
    progress: &(dyn Fn(&str) + Sync),
) -> Result<Result<Produced, Vec<Finding>>, Failure> {
    let root = options.root.as_path();
    progress("membaca registri");
    let registry = match load_registry(root)? {
        Ok(r) => r,
        Err(findings) => return Ok(Err(findings)),
    };

    let has_content = |label: &str| root.join("content").join(label).is_dir();
    let mut findings = validate::validate(&registry, options.today, &has_content);

    progress("membaca konten");
    let (dirs, found) = content::discover(root, &registry).map_err(|e| {
        Failure::Io(format!(
            "cannot list {}: {e}",
            root.join("content").display()
        ))
    })?;
    findings.extend(found);
    let known: BTreeSet<&str> = dirs.iter().map(|d| d.label.as_str()).collect();
    if let Some(unknown) = options.sites.iter().find(|s| !known.contains(s.as_str())) {
        return Err(Failure::Usage(format!(
            "--site {unknown}: there is no approved site with content by that label; sites: {}",
            known.iter().copied().collect::<Vec<_>>().join(", ")
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

    progress("merender halaman");
    let selected = |label: &str| options.selects(label);
    // A site goes to the sink only when nothing read so far has an error for it.
    let (failed_before, global_before) = failures(&findings);
    let guarded = |site: &render::SiteOutput| {
        !global_before
            && !failed_before.contains(site.label.as_str())
            && sink.is_some_and(|sink| sink(site))
    };
    let (outputs, f) = render::render(
        root,
        &model,
        &selected,
        render_options,
        sink.is_some().then_some(&guarded as render::Sink),
    );
    findings.extend(f);
    finding::sort(&mut findings);
    Ok(Ok(Produced {
        model,
        outputs,
        findings,
    }))
}

/// Runs the pipeline. `progress` hears the name of each stage as it starts.
pub fn run(options: &Options, progress: &(dyn Fn(&str) + Sync)) -> Result<Report, Failure> {
    // A missing root is reported by the registry stage, with its own message.
    if options.write && options.root.is_dir() {
        output::guard(&options.root, &options.out).map_err(Failure::Usage)?;
    }
    // A whole build may skip everything when nothing changed (see `stamp`). The inputs
    // are fingerprinted before they are read, so a change made during the build is
    // never mistaken for what was built.
    let whole = options.write && options.sites.is_empty();
    let previous = whole.then(|| stamp::read(&options.out)).flatten();
    let fingerprint = if whole && options.root.join(crate::registry::FILE_NAME).is_file() {
        let known = previous
            .as_ref()
            .zip(stamp::written_at(&options.out))
            .map(|(p, at)| (&p.files, at));
        stamp::inputs(&options.root, options.drafts, options.today, known).ok()
    } else {
        None
    };
    if let (Some((inputs, _)), Some(previous)) = (&fingerprint, previous) {
        if previous.inputs == *inputs
            && stamp::outputs(&options.out).is_ok_and(|o| o == previous.outputs)
        {
            progress("tidak ada yang berubah");
            return Ok(Report {
                findings: previous.findings,
                sites: previous.sites,
                pages: previous.pages,
                published: previous.published,
                held_back: Vec::new(),
                unchanged: true,
            });
        }
    }
    // Every site that renders cleanly is written into a staging folder at once (the
    // folder is made on the first write), and swapped in at the end if the build may
    // publish; dropped unfinished, the folder removes itself.
    let staging = std::sync::OnceLock::new();
    let write_error = std::sync::Mutex::new(None::<String>);
    let sink = |site: &render::SiteOutput| -> bool {
        let written = staging
            .get_or_init(|| output::Staging::new(&options.out).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(String::clone)
            .and_then(|stage| stage.write(site).map_err(|e| e.to_string()));
        match written {
            Ok(()) => true,
            Err(e) => {
                write_error.lock().unwrap().get_or_insert(e);
                false
            }
        }
    };
    let produced = produce(
        options,
        UrlStyle::Https,
        RenderOptions {
            serve: false,
            minify: true,
        },
        None,
        options.write.then_some(&sink as render::Sink),
        progress,
    )?;
    let Produced {
        model,
        outputs,
        findings,
    } = match produced {
        Ok(p) => p,
        Err(findings) => {
            return Ok(Report {
                findings,
                ..Default::default()
            })
        }
    };
    let selected = |label: &str| options.selects(label);
    let (failed, global_error) = failures(&findings);
    let mut report = Report {
        sites: outputs.len(),
        pages: outputs.iter().map(|o| o.pages).sum(),
        ..Default::default()
    };
    let clean: Vec<_> = outputs
        .into_iter()
        .filter(|o| !failed.contains(o.label.as_str()))
        .collect();
    let wanted: Vec<&str> = model
        .sites
        .iter()
        .map(|s| s.label.as_str())
        .filter(|l| selected(l))
        .collect();
    report.held_back = wanted
        .iter()
        .filter(|l| !clean.iter().any(|o| o.label == **l))
        .map(|l| l.to_string())
        .collect();
    let any_error = global_error || !failed.is_empty() || !report.held_back.is_empty();

    if options.write && !global_error && (!any_error || options.keep_going) && !clean.is_empty() {
        progress("menulis keluaran");
        let keep: Vec<String> = report
            .held_back
            .iter()
            .map(|l| model.registry.fqdn(l))
            .collect();
        let how = if options.sites.is_empty() {
            Publish::Whole { keep: &keep }
        } else {
            Publish::Sites
        };
        // Every clean site went through the sink, so the staging folder holds them all
        // unless writing failed.
        let cannot =
            |e: &dyn std::fmt::Display| Failure::Io(format!("cannot write the output: {e}"));
        if let Some(e) = write_error.into_inner().unwrap() {
            return Err(cannot(&e));
        }
        let stage = match staging.into_inner() {
            Some(Ok(stage)) => stage,
            Some(Err(e)) => return Err(cannot(&e)),
            None => return Err(cannot(&"no site reached the staging folder")),
        };
        let fqdns: Vec<String> = clean.iter().map(|o| o.fqdn.clone()).collect();
        stage.finish(&fqdns, how).map_err(|e| cannot(&e))?;
        report.published = clean.iter().map(|o| o.label.clone()).collect();
    }
    report.findings = findings;
    if let (Some((inputs, files)), false) = (
        fingerprint,
        report.published.is_empty() || report.errors() > 0,
    ) {
        // Only a cache: failing to write it costs the next build its shortcut, no more.
        let _ = stamp::outputs(&options.out).and_then(|outputs| {
            stamp::write(
                &options.out,
                &stamp::Stamp {
                    inputs,
                    files,
                    outputs,
                    findings: report.findings.clone(),
                    sites: report.sites,
                    pages: report.pages,
                    published: report.published.clone(),
                },
            )
        });
    }
    Ok(report)
}
