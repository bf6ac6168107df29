//! `laman report`: the Dinas's periodic report of every OPD site: how fresh it is, what
//! required pages and service standards it lacks, what the build finds broken, where its
//! subdomain stands in the registry (and in live DNS), and a score explained part by part.
//!
//! The report runs the same pipeline as `laman check` (nothing is written), then judges
//! each site against the date it is given (never the clock) and the regency's settings
//! (`[report]` in `domains.toml`). It must not decide anything a build would not: its
//! findings are the build's. Drawing it (HTML, CSV) is [`html`] and [`table`]'s business.

pub mod compare;
pub mod html;
mod judge;
pub mod model;
mod score;
pub mod table;

use crate::build::{self, Mode};
use crate::catalogue::Catalogue;
use crate::error::{Error, Result};
use crate::finding::Finding;
use crate::site::{Model, UrlStyle};
use jiff::civil::Date;
use model::*;
use std::path::{Path, PathBuf};

/// Days without news after which a site is stale: a quarter, as Solok's Perbup 17/2017
/// asks for a report every three months.
pub const DEFAULT_PERIOD_DAYS: i64 = 90;

/// The pages every OPD site must have unless the regency says otherwise (`[report]
/// required`): profile, organisation, duties, contact, PPID, the pages `laman new site`
/// writes and `docs/panduan-dinas.md` ("Laporan berkala") lists.
pub const DEFAULT_REQUIRED: [&str; 5] = [
    "profil/visi-misi",
    "profil/struktur-organisasi",
    "profil/tugas-fungsi",
    "kontak",
    "ppid",
];

/// The pages the portal must have.
pub const DEFAULT_REQUIRED_PORTAL: [&str; 3] = ["profil", "kontak", "ppid"];

/// What the report is asked for.
pub struct Options {
    pub root: PathBuf,
    pub as_of: Date,
    /// An earlier JSON report to compare with.
    pub previous: Option<Report>,
    /// The findings of `laman dns check --format json`, when given.
    pub dns: Option<Vec<Finding>>,
}

/// Runs the checks and judges every site.
pub fn assess(options: &Options, progress: &(dyn Fn(&str) + Sync)) -> Result<Report> {
    let run = build::Options {
        root: options.root.clone(),
        mode: Mode::Check,
        sites: Vec::new(),
        drafts: false,
        today: options.as_of,
    };
    let produced = build::produce(&run, UrlStyle::Https, build::BUILT, None, None, progress)?;
    let model = &produced.model;
    let settings = &model.registry.report;
    settings_problem(model).map_or(Ok(()), |why| {
        Err(Error::Usage(crate::msg!("report-settings", why = why)))
    })?;
    let period = settings.period_days.unwrap_or(DEFAULT_PERIOD_DAYS);
    let catalogue = Catalogue::assemble(model);
    let commits = crate::git::last_changes(
        &options.root,
        &model
            .published()
            .map(|s| (s.label.clone(), s.content.dir.clone()))
            .collect::<Vec<_>>(),
    );
    let judge = judge::Judge {
        model,
        catalogue: &catalogue,
        as_of: options.as_of,
        settings,
        commits: commits.as_ref(),
        findings: &produced.findings,
        dns: options.dns.as_deref(),
    };
    // A site not published is judged by its registry entry (its content is checked, not
    // published), and so is one approved after the report's date: that one was not on
    // the report's date, so it is listed with its decree's date, neither judged nor counted.
    let mut sites: Vec<Situs> = model
        .published()
        .map(|site| match model.registry.subdomain(&site.label) {
            Some(e) if judge.after_the_date(e) => judge.entry(e),
            _ => {
                let output = produced.outputs.iter().find(|o| o.label == site.label);
                judge.site(site, output)
            }
        })
        .collect();
    sites.extend(
        model
            .registry
            .subdomains
            .iter()
            .filter(|e| model.site(&e.label).is_none_or(|s| !s.published()))
            .map(|e| judge.entry(e)),
    );
    let mut report = frame(model, options, period, &produced.findings, sites);
    if let Some(previous) = &options.previous {
        compare::compare(&mut report, previous);
    }
    report.ringkasan = summary(&report);
    Ok(report)
}

/// The report around its sites: the regency, the date, the registry's own findings, the
/// signature block and the weights.
fn frame(
    model: &Model,
    options: &Options,
    period: i64,
    findings: &[Finding],
    sites: Vec<Situs>,
) -> Report {
    let settings = &model.registry.report;
    Report {
        schema: SCHEMA,
        kabupaten: Kabupaten {
            nama: model.registry.regency.name.clone(),
            domain: model.registry.regency.domain.clone(),
            dinas: model.registry.regency.dinas.clone(),
        },
        tanggal: options.as_of.to_string(),
        periode_hari: period,
        ringkasan: Ringkasan::default(),
        situs: sites,
        temuan_registri: findings
            .iter()
            .filter(|f| f.site.is_none() && f.code.as_str().starts_with("registry."))
            .cloned()
            .collect(),
        pembanding: None,
        penandatangan: Penandatangan {
            tempat: filled(&settings.place),
            jabatan: filled(&settings.signer_title),
            nama: filled(&settings.signer),
            nip: filled(&settings.signer_id),
        },
        bobot: score::weights(),
    }
}

/// A setting of the signature block, `None` when left blank (as `laman init` writes it,
/// for the Dinas to fill in): the printed report then leaves room to write it by hand.
fn filled(setting: &Option<String>) -> Option<String> {
    setting
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

/// What is wrong with the Dinas's `[report]` settings, if anything: periods outside 1 to
/// 3650 days, a period for a label the registry does not have, a required page that is
/// not an address path (lowercase words and `-`, separated by `/`).
fn settings_problem(model: &Model) -> Option<String> {
    let s = &model.registry.report;
    let days = |n: i64| (1..=3650).contains(&n);
    if let Some(n) = s.period_days.filter(|&n| !days(n)) {
        return Some(crate::msg!(
            "report-period",
            what = "period_days",
            n = n.to_string()
        ));
    }
    for (label, &n) in &s.period {
        if !days(n) {
            return Some(crate::msg!(
                "report-period",
                what = format!("period.{label}"),
                n = n.to_string()
            ));
        }
        if label != crate::registry::PORTAL_LABEL && model.registry.subdomain(label).is_none() {
            return Some(crate::msg!("report-period-label", label = label.as_str()));
        }
    }
    let is_path = |p: &str| {
        let p = p.trim_matches('/');
        !p.is_empty()
            && p.split('/')
                .all(|part| !part.is_empty() && crate::content::slugify(part) == part)
    };
    let required = s.required.iter().chain(&s.required_portal).flatten();
    if let Some(bad) = required.into_iter().find(|p| !is_path(p)) {
        return Some(crate::msg!("report-required", page = bad.as_str()));
    }
    None
}

/// The report as JSON (schema [`SCHEMA`]), with a final newline.
pub fn json(report: &Report) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(report).expect("the report serialises");
    bytes.push(b'\n');
    bytes
}

/// Refuses to write the report over the regency's own files: `domains.toml`, anything
/// in `content/` or `themes/`, or a folder.
pub fn refuse_output(root: &Path, output: &Path) -> Result<()> {
    let shown = output.display();
    // Written by renaming a new file over the path: a device, a pipe or a link there
    // would be replaced, not written to.
    if let Ok(meta) = std::fs::symlink_metadata(output) {
        if !meta.is_file() && !meta.is_dir() {
            return Err(Error::Usage(crate::msg!(
                "report-output-special",
                output = shown.to_string()
            )));
        }
    }
    if output.is_dir() {
        return Err(Error::Usage(crate::msg!(
            "report-output-folder",
            output = shown.to_string()
        )));
    }
    let resolve = |p: &Path| -> Option<PathBuf> {
        let parent = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Some(parent.canonicalize().ok()?.join(p.file_name()?))
    };
    let (Some(out), Ok(root)) = (resolve(output), root.canonicalize()) else {
        return Err(Error::Usage(crate::msg!(
            "report-output-no-folder",
            output = shown.to_string()
        )));
    };
    let inputs = [
        root.join("domains.toml"),
        root.join("content"),
        root.join("themes"),
        root.join(".git"),
    ];
    if inputs.iter().any(|i| out.starts_with(i)) {
        return Err(Error::Usage(crate::msg!(
            "report-output-input",
            output = shown.to_string()
        )));
    }
    Ok(())
}

/// The largest `--dns` file read.
const MAX_DNS_BYTES: u64 = 64 << 20;

/// Reads the findings of `laman dns check --format json`; anything else is refused.
pub fn read_dns(path: &Path) -> Result<Vec<Finding>> {
    let shown = path.display();
    let not_it = |why: String| {
        Error::Usage(crate::msg!(
            "report-dns-not-it",
            file = shown.to_string(),
            why = why
        ))
    };
    let bytes = compare::read_bounded(path, MAX_DNS_BYTES).map_err(Error::io(crate::msg!(
        "report-dns-unreadable",
        file = shown.to_string()
    )))?;
    #[derive(serde::Deserialize)]
    struct Check {
        findings: Vec<Finding>,
        #[allow(dead_code)]
        summary: serde_json::Value,
    }
    let check: Check = serde_json::from_slice(&bytes).map_err(|e| not_it(e.to_string()))?;
    if let Some(f) = check
        .findings
        .iter()
        .find(|f| !f.code.as_str().starts_with("dns.") && !f.code.as_str().starts_with("registry."))
    {
        return Err(not_it(crate::msg!(
            "report-dns-code",
            code = f.code.as_str()
        )));
    }
    Ok(check.findings)
}

fn summary(report: &Report) -> Ringkasan {
    let active: Vec<&Situs> = report.situs.iter().filter(|s| s.skor.is_some()).collect();
    let scores: Vec<u32> = active
        .iter()
        .filter_map(|s| s.skor.as_ref())
        .map(|s| s.total)
        .collect();
    let mean = |scores: &[u32]| {
        if scores.is_empty() {
            0.0
        } else {
            let sum: u32 = scores.iter().sum();
            (f64::from(sum) / scores.len() as f64 * 10.0).round() / 10.0
        }
    };
    let mut r = report.ringkasan.clone();
    r.situs_aktif = active.len();
    r.entri_lain = report.situs.len() - active.len();
    r.basi = active
        .iter()
        .filter(|s| s.kesegaran.as_ref().is_some_and(|k| k.basi))
        .count();
    r.tidak_lengkap = active
        .iter()
        .filter(|s| s.kelengkapan.as_ref().is_some_and(|k| k.tidak_lengkap))
        .count();
    r.bermasalah = active
        .iter()
        .filter(|s| s.kesehatan.as_ref().is_some_and(|k| k.bermasalah))
        .count();
    r.skor_rata = mean(&scores);
    r
}
