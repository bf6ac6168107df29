//! How one site is judged: its freshness, completeness, health and registry standing,
//! each from the build's findings, the catalogue and the registry, against the report's
//! date. It must not read files or the clock (the git dates are given to it), nor
//! compute the score (see `score`).

use super::model::*;
use super::{score, DEFAULT_PERIOD_DAYS, DEFAULT_REQUIRED, DEFAULT_REQUIRED_PORTAL};
use crate::catalogue::Catalogue;
use crate::finding::{Code, Finding};
use crate::registry::{ReportSettings, Status, PORTAL_LABEL};
use crate::render::{Body, SiteOutput};
use crate::site::{Model, Site};
use jiff::civil::Date;
use std::collections::BTreeMap;

/// A page is heavy when it is more than this many times the site's median page, and
/// more than [`HEAVY_KIB`]: the judges' budget for a page with its style sheet is 50 KB.
const HEAVY_FACTOR: u64 = 3;
const HEAVY_KIB: u64 = 50;

/// Everything a site is judged by.
pub(super) struct Judge<'a> {
    pub(super) model: &'a Model,
    pub(super) catalogue: &'a Catalogue<'a>,
    pub(super) as_of: Date,
    pub(super) settings: &'a ReportSettings,
    pub(super) commits: Option<&'a BTreeMap<String, Date>>,
    pub(super) findings: &'a [Finding],
    pub(super) dns: Option<&'a [Finding]>,
}

impl Judge<'_> {
    /// A site that is built.
    pub(super) fn site(&self, site: &Site, output: Option<&SiteOutput>) -> Situs {
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
    pub(super) fn entry(&self, e: &crate::registry::Subdomain) -> Situs {
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

    /// Whether the entry was approved (or requested) only after the report's date.
    pub(super) fn after_the_date(&self, e: &crate::registry::Subdomain) -> bool {
        self.registry_of(&e.label).sesudah_tanggal.is_some()
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
            .docs()
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

    /// The pages the site must have and lacks, and how many it must have.
    fn missing_pages(&self, site: &Site) -> (Vec<String>, usize) {
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
        let missing = required.iter().filter(|r| !has(r)).cloned().collect();
        (missing, required.len())
    }

    fn completeness(&self, site: &Site) -> Kelengkapan {
        let c = &site.content;
        let (missing, required) = self.missing_pages(site);
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
        let oldest = crate::catalogue::oldest_renewal(self.as_of);
        let info: Vec<_> = self.catalogue.info_of(Some(&site.label)).collect();
        let stale: Vec<String> = info
            .iter()
            .filter(|e| crate::catalogue::overdue(e.item, oldest))
            .map(|e| e.item.title.clone())
            .collect();
        let maklumat = c.config.services.maklumat.is_some();
        // The portal's services are the catalogue; it needs no pledge of its own.
        let wants_services = !site.is_portal();
        // Each reason is one phrase of the printed row; "tidak lengkap" is exactly "some
        // reason", so the row never says it without saying why.
        let mut alasan = Vec::new();
        if !missing.is_empty() {
            alasan.push(format!("belum ada halaman {}", missing.join(", ")));
        }
        if wants_services && services.is_empty() {
            alasan.push("belum ada layanan dengan standar pelayanan".to_string());
        }
        if !incomplete.is_empty() {
            alasan.push(format!(
                "{} dari {} layanan belum lengkap standarnya",
                incomplete.len(),
                services.len()
            ));
        }
        if wants_services && !maklumat {
            alasan.push("belum ada maklumat pelayanan".to_string());
        }
        if info.is_empty() {
            alasan.push("daftar informasi publik kosong".to_string());
        }
        if !stale.is_empty() {
            alasan.push(format!(
                "{} informasi berkala belum diperbarui dalam enam bulan",
                stale.len()
            ));
        }
        Kelengkapan {
            halaman_kurang: missing,
            halaman_wajib: required,
            layanan: services.len(),
            layanan_tidak_lengkap: incomplete,
            maklumat,
            informasi_publik: info.len(),
            informasi_basi: stale,
            tidak_lengkap: !alasan.is_empty(),
            alasan,
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
            peringatan: own.iter().filter(|f| f.is_warning()).count(),
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
        // A site suspended, revoked or rejected stands by the decision that made it so:
        // its reason and its own decree (if any), never the approval decree beside them.
        let decided = matches!(
            e.status,
            Status::Suspended | Status::Revoked | Status::Rejected
        );
        let decision = e
            .history
            .iter()
            .rev()
            .find(|h| decided && h.action == e.status);
        let reason = decision.and_then(|h| h.reason.clone());
        let decree = if decided {
            decision.and_then(|h| {
                h.decree.as_ref().map(|number| Keputusan {
                    nomor: number.clone(),
                    tanggal: h.date.to_string(),
                })
            })
        } else {
            e.decree.as_ref().map(|d| Keputusan {
                nomor: d.number.clone(),
                tanggal: d.date.to_string(),
            })
        };
        // A decision or request dated after the report's date did not exist on it.
        let later = match e.status {
            Status::Requested => e.requested.filter(|d| *d > self.as_of),
            _ => e
                .decree
                .as_ref()
                .map(|d| d.date)
                .filter(|d| *d > self.as_of),
        };
        Registri {
            status: e.status.as_str().to_string(),
            keputusan: decree,
            tinjau: e.review.map(|d| d.to_string()),
            tinjau_lewat: e.review.is_some_and(|d| d < self.as_of),
            menunggu_hari: (e.status == Status::Requested)
                .then_some(e.requested)
                .flatten()
                .filter(|d| *d <= self.as_of)
                .map(|d| days_between(d, self.as_of)),
            alasan: reason,
            sesudah_tanggal: later.map(|d| d.to_string()),
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
