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
pub mod model;
mod score;
pub mod table;

use crate::build::{self, Mode};
use crate::catalogue::{Catalogue, BERKALA_MONTHS};
use crate::content::ppid::Class;
use crate::error::{Error, Result};
use crate::finding::{Code, Finding};
use crate::registry::{ReportSettings, Status, PORTAL_LABEL};
use crate::render::{Body, SiteOutput};
use crate::site::{Model, Site, UrlStyle};
use jiff::civil::Date;
use jiff::ToSpan;
use model::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Days without news after which a site is stale: a quarter, as Solok's Perbup 17/2017
/// asks for a report every three months.
pub const DEFAULT_PERIOD_DAYS: i64 = 90;

/// The pages every OPD site must have unless the regency says otherwise: what the
/// regulations and the DESIGN's survey of OPD sites name (profile, organisation, duties,
/// contact, PPID).
pub const DEFAULT_REQUIRED: [&str; 5] = [
    "profil/visi-misi",
    "profil/struktur-organisasi",
    "profil/tugas-fungsi",
    "kontak",
    "ppid",
];

/// The pages the portal must have.
pub const DEFAULT_REQUIRED_PORTAL: [&str; 3] = ["profil", "kontak", "ppid"];

/// A page is heavy when it is more than this many times the site's median page, and
/// more than [`HEAVY_KIB`]: the judges' budget for a page with its style sheet is 50 KB.
const HEAVY_FACTOR: u64 = 3;
const HEAVY_KIB: u64 = 50;

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
    let period = settings.period_days.unwrap_or(DEFAULT_PERIOD_DAYS);
    if !(1..=3650).contains(&period) {
        return Err(Error::Usage(format!(
            "[report] period_days = {period} in domains.toml: give a number of days from 1 to 3650"
        )));
    }
    let catalogue = Catalogue::assemble(model);
    let commits = crate::git::last_changes(
        &options.root,
        &model
            .sites
            .iter()
            .map(|s| (s.label.clone(), s.content.dir.clone()))
            .collect::<Vec<_>>(),
    );
    let judge = Judge {
        model,
        catalogue: &catalogue,
        as_of: options.as_of,
        settings,
        commits: commits.as_ref(),
        findings: &produced.findings,
        dns: options.dns.as_deref(),
    };
    let mut sites: Vec<Situs> = model
        .sites
        .iter()
        .map(|site| {
            let output = produced.outputs.iter().find(|o| o.label == site.label);
            judge.site(site, output)
        })
        .collect();
    sites.extend(
        model
            .registry
            .subdomains
            .iter()
            .filter(|e| model.site(&e.label).is_none())
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
            tempat: settings.place.clone(),
            jabatan: settings.signer_title.clone(),
            nama: settings.signer.clone(),
            nip: settings.signer_id.clone(),
        },
        bobot: score::weights(),
    }
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
    if output.is_dir() {
        return Err(Error::Usage(format!(
            "--output {shown} is a folder; name a file, for example laporan.html"
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
        return Err(Error::Usage(format!(
            "--output {shown}: its folder does not exist"
        )));
    };
    let inputs = [
        root.join("domains.toml"),
        root.join("content"),
        root.join("themes"),
        root.join(".git"),
    ];
    if inputs.iter().any(|i| out.starts_with(i)) {
        return Err(Error::Usage(format!(
            "--output {shown} would write over the regency's own files (domains.toml, content/, themes/, .git); write the report elsewhere"
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
        Error::Usage(format!(
            "--dns {shown} is not what `laman dns check --format json` writes: {why}"
        ))
    };
    let bytes = compare::read_bounded(path, MAX_DNS_BYTES)
        .map_err(Error::io(format!("cannot read --dns {shown}")))?;
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
        return Err(not_it(format!("it holds a `{}` finding", f.code)));
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

/// Everything a site is judged by.
struct Judge<'a> {
    model: &'a Model,
    catalogue: &'a Catalogue<'a>,
    as_of: Date,
    settings: &'a ReportSettings,
    commits: Option<&'a BTreeMap<String, Date>>,
    findings: &'a [Finding],
    dns: Option<&'a [Finding]>,
}

impl Judge<'_> {
    /// A site that is built.
    fn site(&self, site: &Site, output: Option<&SiteOutput>) -> Situs {
        let kesegaran = self.freshness(site);
        let kelengkapan = self.completeness(site);
        let kesehatan = self.health(site, output);
        let registri = self.registry_of(&site.label);
        let dns = self.dns_of(&site.label);
        let skor = score::score(
            &kesegaran,
            &kelengkapan,
            &kesehatan,
            &registri,
            dns.as_deref(),
        );
        Situs {
            label: site.label.clone(),
            nama: site.title.clone(),
            url: Some(site.url.clone()),
            jenis: if site.is_portal() {
                "portal"
            } else {
                site.kind.as_str()
            }
            .to_string(),
            registri,
            kesegaran: Some(kesegaran),
            kelengkapan: Some(kelengkapan),
            kesehatan: Some(kesehatan),
            dns,
            skor: Some(skor),
            perubahan: None,
        }
    }

    /// A registry entry that is not built: one line.
    fn entry(&self, e: &crate::registry::Subdomain) -> Situs {
        Situs {
            label: e.label.clone(),
            nama: e.owner.clone(),
            url: None,
            jenis: e.kind.as_str().to_string(),
            registri: self.registry_of(&e.label),
            kesegaran: None,
            kelengkapan: None,
            kesehatan: None,
            dns: self.dns_of(&e.label),
            skor: None,
            perubahan: None,
        }
    }

    fn period_of(&self, label: &str) -> i64 {
        self.settings
            .period
            .get(label)
            .copied()
            .or(self.settings.period_days)
            .unwrap_or(DEFAULT_PERIOD_DAYS)
    }

    fn freshness(&self, site: &Site) -> Kesegaran {
        let c = &site.content;
        let dated = |m: &crate::content::FrontMatter| m.updated_when.or(m.when).map(|w| w.date);
        let newest_page = c
            .sections
            .iter()
            .map(|s| &s.doc)
            .chain(c.pages.iter().map(|p| &p.doc))
            .filter_map(|d| dated(&d.meta))
            .filter(|d| *d <= self.as_of)
            .max();
        let newest_news = c.news_section().and_then(|s| {
            c.sections[s]
                .pages
                .iter()
                .filter_map(|&i| c.pages[i].doc.meta.when.map(|w| w.date))
                .filter(|d| *d <= self.as_of)
                .max()
        });
        let commit = self.commits.and_then(|m| m.get(&site.label)).copied();
        let reference = newest_news.or(newest_page).or(commit);
        let days = reference.map(|d| days_between(d, self.as_of));
        let period = self.period_of(&site.label);
        Kesegaran {
            halaman_terbaru: newest_page.map(|d| d.to_string()),
            berita_terbaru: newest_news.map(|d| d.to_string()),
            komit_terakhir: commit.map(|d| d.to_string()),
            hari: days,
            periode_hari: period,
            basi: newest_news.is_none_or(|d| days_between(d, self.as_of) > period),
        }
    }

    fn completeness(&self, site: &Site) -> Kelengkapan {
        let c = &site.content;
        let required: Vec<String> = match (site.is_portal(), self.settings) {
            (true, s) => s
                .required_portal
                .clone()
                .unwrap_or_else(|| DEFAULT_REQUIRED_PORTAL.map(String::from).to_vec()),
            (false, s) => s
                .required
                .clone()
                .unwrap_or_else(|| DEFAULT_REQUIRED.map(String::from).to_vec()),
        };
        let has = |want: &str| {
            let want = format!("/{}/", want.trim_matches('/'));
            c.sections.iter().any(|s| s.path == want) || c.pages.iter().any(|p| p.path == want)
        };
        let missing: Vec<String> = required.iter().filter(|r| !has(r)).cloned().collect();
        let services: Vec<_> = self
            .catalogue
            .services
            .iter()
            .filter(|e| e.site.label == site.label)
            .collect();
        let incomplete: Vec<LayananKurang> = services
            .iter()
            .filter(|e| !e.service.missing.is_empty())
            .map(|e| LayananKurang {
                nama: e.page.doc.meta.title.clone(),
                url: site.url_of(&e.page.path),
                kurang: e.service.missing.iter().map(|k| k.to_string()).collect(),
            })
            .collect();
        let oldest = self
            .as_of
            .checked_sub(BERKALA_MONTHS.months())
            .unwrap_or(Date::MIN);
        let info: Vec<_> = self.catalogue.info_of(Some(&site.label)).collect();
        let stale: Vec<String> = info
            .iter()
            .filter(|e| e.item.class == Class::Berkala && e.item.renewed.is_none_or(|d| d < oldest))
            .map(|e| e.item.title.clone())
            .collect();
        let maklumat = c.config.services.maklumat.is_some();
        // The portal's services are the catalogue; it needs no pledge of its own.
        let wants_services = !site.is_portal();
        let tidak_lengkap = !missing.is_empty()
            || !incomplete.is_empty()
            || !stale.is_empty()
            || info.is_empty()
            || (wants_services && (services.is_empty() || !maklumat));
        Kelengkapan {
            halaman_kurang: missing,
            halaman_wajib: required.len(),
            layanan: services.len(),
            layanan_tidak_lengkap: incomplete,
            maklumat,
            informasi_publik: info.len(),
            informasi_basi: stale,
            tidak_lengkap,
        }
    }

    fn health(&self, site: &Site, output: Option<&SiteOutput>) -> Kesehatan {
        // The structured-content warnings are counted under completeness, and the
        // registry's findings (and a folder's publication status) in the registry part.
        let counted_elsewhere = [
            Code::ContentServiceIncomplete,
            Code::ContentPpidStale,
            Code::ContentUnapproved,
        ];
        let own: Vec<Finding> = self
            .findings
            .iter()
            .filter(|f| f.site.as_deref() == Some(site.label.as_str()))
            .filter(|f| !counted_elsewhere.contains(&f.code))
            .filter(|f| !f.code.as_str().starts_with("registry."))
            .cloned()
            .collect();
        let mut per_kode: BTreeMap<String, usize> = BTreeMap::new();
        for f in &own {
            *per_kode.entry(f.code.as_str().to_string()).or_default() += 1;
        }
        let count = |code: Code| own.iter().filter(|f| f.code == code).count();
        let heavy = output.map(|o| heavy_pages(site, o)).unwrap_or_default();
        let galat = own.iter().filter(|f| f.is_error()).count();
        Kesehatan {
            galat,
            peringatan: own.len() - galat,
            per_kode,
            tautan_rusak: count(Code::ContentLinkBroken),
            gambar_tanpa_alt: count(Code::ContentImageAlt),
            bermasalah: galat > 0 || !heavy.is_empty(),
            halaman_berat: heavy,
            temuan: own,
        }
    }

    fn registry_of(&self, label: &str) -> Registri {
        if label == PORTAL_LABEL {
            return Registri {
                status: "portal".into(),
                ..Registri::default()
            };
        }
        let Some(e) = self.model.registry.subdomain(label) else {
            return Registri::default();
        };
        let reason = match e.status {
            Status::Suspended | Status::Revoked | Status::Rejected => e
                .history
                .iter()
                .rev()
                .find(|h| h.action == e.status)
                .and_then(|h| h.reason.clone()),
            _ => None,
        };
        Registri {
            status: e.status.as_str().to_string(),
            keputusan: e.decree.as_ref().map(|d| Keputusan {
                nomor: d.number.clone(),
                tanggal: d.date.to_string(),
            }),
            tinjau: e.review.map(|d| d.to_string()),
            tinjau_lewat: e.review.is_some_and(|d| d < self.as_of),
            menunggu_hari: (e.status == Status::Requested)
                .then_some(e.requested)
                .flatten()
                .map(|d| days_between(d, self.as_of)),
            alasan: reason,
        }
    }

    fn dns_of(&self, label: &str) -> Option<Vec<Finding>> {
        let fqdn = self.model.registry.fqdn(label);
        self.dns.map(|all| {
            all.iter()
                .filter(|f| {
                    f.site.as_deref() == Some(label)
                        || (f.site.is_none() && mentions(&f.message, &fqdn))
                })
                .cloned()
                .collect()
        })
    }
}

/// Whether a message names `fqdn` as a whole name (not `x.dinkes...` for `dinkes...`).
fn mentions(message: &str, fqdn: &str) -> bool {
    message.match_indices(fqdn).any(|(i, _)| {
        let before = message[..i].chars().next_back();
        let after = message[i + fqdn.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
            && !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}

fn days_between(from: Date, to: Date) -> i64 {
    (to - from).get_days().into()
}

/// HTML pages more than [`HEAVY_FACTOR`] times the site's median and over [`HEAVY_KIB`].
fn heavy_pages(site: &Site, output: &SiteOutput) -> Vec<HalamanBerat> {
    let pages: Vec<(&str, u64)> = output
        .files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .filter_map(|f| match &f.body {
            Body::Bytes(b) => Some((f.path.as_str(), b.len() as u64)),
            _ => None,
        })
        .collect();
    let mut sizes: Vec<u64> = pages.iter().map(|(_, n)| *n).collect();
    sizes.sort_unstable();
    let Some(&median) = sizes.get(sizes.len() / 2) else {
        return Vec::new();
    };
    let mut heavy: Vec<HalamanBerat> = pages
        .iter()
        .filter(|(_, n)| *n > median * HEAVY_FACTOR && *n > HEAVY_KIB * 1024)
        .map(|(path, n)| HalamanBerat {
            url: site.url_of(path.trim_end_matches("index.html")),
            kib: n.div_ceil(1024),
        })
        .collect();
    heavy.sort_by(|a, b| b.kib.cmp(&a.kib).then_with(|| a.url.cmp(&b.url)));
    heavy
}
