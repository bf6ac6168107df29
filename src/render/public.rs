//! The template values of public services and PPID lists: a service page's standard
//! (`page.layanan`), the portal's catalogue (`katalog`) and a Daftar Informasi Publik
//! (`page.ppid` / `section.ppid`). Built from [`crate::catalogue`] and the rendered
//! markdown; documented in docs/templates.md.

use super::*;
use crate::catalogue::records::{Informasi, Opd, Topik};
use crate::content::ppid::{Class, Scope};
use crate::content::service::{component_of, Group, Service};
use crate::content::Doc;

/// The id of a component's heading on a service page (`#standar-persyaratan`): prefixed
/// so that it cannot meet an id of the page's body.
pub(super) fn component_id(key: &str) -> String {
    format!("standar-{}", key.replace('_', "-"))
}

/// A paragraph that stands between two components while they are rendered as one
/// document, and marks where to cut the HTML apart.
const PART_BREAK: &str = "LAMANBAGIANd41f7c";

/// Renders the components of a service page as markdown; returns `(key, html)` in the
/// legal order. Findings carry the file and the line each component is written on.
///
/// The components go through the markdown renderer as one document, cut apart after:
/// one parse and one sanitizer pass a page instead of fourteen (the sanitizer builds a
/// DOM each time, and that was most of the cost of service pages). Should the cut not
/// give one piece per component (a component that writes the break itself), each is
/// rendered on its own.
pub(super) fn render_parts(
    doc: &Doc,
    service: &Service,
    env: &markdown::Env,
    findings: &mut Vec<Finding>,
) -> Vec<(&'static str, String)> {
    let texts: Vec<String> = service
        .parts
        .iter()
        .map(|p| p.text.markdown(p.key == "prosedur"))
        .collect();
    let piece = |body: String, body_line: usize| Doc {
        file: doc.file.clone(),
        rel: doc.rel.clone(),
        body: body.into(),
        body_line,
        ..Doc::default()
    };
    if !texts.iter().any(|t| t.contains(PART_BREAK)) {
        // Each component's first line in the joined document.
        let mut starts = Vec::with_capacity(texts.len());
        let mut body = String::new();
        for text in &texts {
            starts.push(body.matches('\n').count() + 1);
            body.push_str(text.trim_end());
            body.push_str(&format!("\n\n{PART_BREAK}\n\n"));
        }
        let before = findings.len();
        let html = markdown::render(&piece(body, 1), env, findings).html;
        let cut: Vec<&str> = html.split(&format!("<p>{PART_BREAK}</p>")).collect();
        if cut.len() == texts.len() + 1 {
            for f in &mut findings[before..] {
                if let Some(line) = f.line {
                    let k = starts.partition_point(|&s| s <= line).saturating_sub(1);
                    f.line = Some(service.parts[k].line + line - starts[k]);
                }
            }
            return service
                .parts
                .iter()
                .zip(cut)
                .map(|(p, h)| (p.key, h.trim().to_string()))
                .collect();
        }
        findings.truncate(before);
    }
    service
        .parts
        .iter()
        .zip(texts)
        .map(|(p, text)| {
            (
                p.key,
                markdown::render(&piece(text, p.line), env, findings).html,
            )
        })
        .collect()
}

#[derive(Serialize)]
pub struct KomponenCtx {
    pub kunci: &'static str,
    pub id: String,
    pub judul: &'static str,
    /// A service-delivery component (the other eight are management components).
    pub penyampaian: bool,
    pub html: String,
}

#[derive(Serialize)]
pub struct LayananCtx {
    pub topik: Topik,
    /// One line each, for the summary box.
    pub waktu: Option<String>,
    pub biaya: Option<String>,
    pub gratis: bool,
    pub produk: Option<String>,
    pub komponen: Vec<KomponenCtx>,
    /// Headings of the components the standard lacks.
    pub kurang: Vec<&'static str>,
    /// The site's service pledge, as HTML.
    pub maklumat: Option<String>,
    /// schema.org `GovernmentService`, safe inside `<script type="application/ld+json">`.
    pub json_ld: String,
}

impl SiteRenderer<'_> {
    /// `page.layanan` of a service page.
    pub(super) fn service_context(&self, page: usize) -> Option<LayananCtx> {
        let p = &self.site.content.pages[page];
        let service = p.doc.meta.service.as_deref()?;
        let entry = crate::catalogue::ServiceEntry {
            site: self.site,
            page: p,
            service,
        };
        let record = KatalogEntry::of(&entry, self.catalogue);
        let parts = &self.docs.pages[page].fields;
        let html = |key: &str| {
            parts
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, h)| h.clone())
        };
        let komponen = parts
            .iter()
            .filter_map(|(key, h)| {
                let c = component_of(key)?;
                Some(KomponenCtx {
                    kunci: c.key,
                    id: component_id(c.key),
                    judul: c.title,
                    penyampaian: c.group == Group::Delivery,
                    html: h.clone(),
                })
            })
            .collect();
        Some(LayananCtx {
            json_ld: json_ld(self.model, self.site, &record, p, service),
            waktu: record.waktu,
            biaya: record.biaya,
            gratis: record.gratis,
            produk: html("produk"),
            topik: record.topik,
            komponen,
            kurang: service
                .missing
                .iter()
                .filter_map(|k| component_of(k).map(|c| c.title))
                .collect(),
            maklumat: self.docs.maklumat.clone(),
        })
    }

    /// `ppid` of a page or section that declares public information or shows a list.
    pub(super) fn ppid_context(&self, doc: &Doc) -> Option<PpidCtx> {
        let ppid = doc.meta.public_info.as_deref()?;
        let site = self.site;
        let (scope, entries): (&str, Vec<&crate::catalogue::InfoEntry>) = match ppid.list {
            Some(Scope::Regency) if site.is_portal() => {
                ("kabupaten", self.catalogue.info_of(None).collect())
            }
            Some(_) => ("situs", self.catalogue.info_of(Some(&site.label)).collect()),
            None => (
                "halaman",
                self.catalogue
                    .info_of(Some(&site.label))
                    .filter(|e| std::ptr::eq(e.doc, doc))
                    .collect(),
            ),
        };
        let mut groups: Vec<PpidGroup> = Vec::new();
        for e in entries {
            let opd = (scope == "kabupaten").then(|| Opd::of(e.site));
            let same = groups.last().is_some_and(|g| {
                g.opd.as_ref().map(|o| &o.label) == opd.as_ref().map(|o| &o.label)
            });
            if !same {
                groups.push(PpidGroup {
                    opd,
                    kelas: Class::ALL
                        .iter()
                        .map(|c| PpidClass {
                            kode: c.as_str(),
                            judul: c.title(),
                            informasi: Vec::new(),
                        })
                        .collect(),
                });
            }
            let group = groups.last_mut().expect("pushed above");
            let class = Class::ALL
                .iter()
                .position(|c| *c == e.item.class)
                .expect("every class is listed");
            group.kelas[class].informasi.push(Informasi::of(e));
        }
        for g in &mut groups {
            g.kelas.retain(|c| !c.informasi.is_empty());
        }
        Some(PpidCtx {
            lingkup: scope,
            jumlah: groups
                .iter()
                .flat_map(|g| &g.kelas)
                .map(|c| c.informasi.len())
                .sum(),
            kelompok: groups,
        })
    }

    /// `katalog` of the portal's catalogue page; `intro` is the section's own text.
    pub(super) fn catalogue_context(&self, title: &str, intro: &str) -> KatalogCtx {
        let all: Vec<KatalogEntry> = self
            .catalogue
            .published_services()
            .map(|e| KatalogEntry::of(e, self.catalogue))
            .collect();
        let mut per_opd: Vec<OpdGroup> = Vec::new();
        for l in &all {
            match per_opd.last_mut() {
                Some(g) if g.opd.label == l.opd.label => g.layanan.push(l.clone()),
                _ => per_opd.push(OpdGroup {
                    opd: l.opd.clone(),
                    layanan: vec![l.clone()],
                }),
            }
        }
        let mut per_topik: BTreeMap<(String, String), Vec<KatalogEntry>> = BTreeMap::new();
        for l in &all {
            per_topik
                .entry((l.topik.nama.clone(), l.topik.kode.clone()))
                .or_default()
                .push(l.clone());
        }
        let per_topik = per_topik
            .into_iter()
            .map(|((nama, kode), mut layanan)| {
                layanan.sort_by(|a, b| a.nama.cmp(&b.nama).then(a.opd.label.cmp(&b.opd.label)));
                TopikGroup {
                    topik: Topik { kode, nama },
                    layanan,
                }
            })
            .collect();
        KatalogCtx {
            judul: title.to_string(),
            pengantar: intro.to_string(),
            jumlah: all.len(),
            gratis: all.iter().filter(|l| l.gratis).count(),
            per_opd,
            per_topik,
            json_url: self.site.url_of("/layanan.json"),
            csv_url: self.site.url_of("/layanan.csv"),
        }
    }
}

/// schema.org `GovernmentService` for a service page, as JSON that can stand inside a
/// `<script>` element: `<`, `>` and `&` are written as `\u003c` etc., so no text of the
/// page can close the element.
fn json_ld(
    model: &Model,
    site: &Site,
    l: &KatalogEntry,
    page: &crate::content::Page,
    service: &Service,
) -> String {
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": l.nama,
        "url": l.url,
        "serviceType": l.topik.nama,
        "provider": {
            "@type": "GovernmentOrganization",
            "name": site.owner,
            "url": site.url,
        },
        "areaServed": {
            "@type": "AdministrativeArea",
            "name": model.registry.regency.name,
        },
    });
    if let Some(d) = &page.doc.meta.description {
        value["description"] = d.as_str().into();
    }
    let price = match &service.cost {
        Some(c) if c.is_free() => Some(0),
        Some(crate::content::service::Cost::Amount(n)) => Some(*n),
        _ => None,
    };
    if let Some(price) = price {
        value["offers"] = serde_json::json!({
            "@type": "Offer",
            "price": price,
            "priceCurrency": "IDR",
        });
    }
    script_safe(&value.to_string())
}

/// JSON made safe to place inside an HTML `<script>` element.
pub(super) fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

#[derive(Serialize)]
pub struct PpidCtx {
    /// `halaman` (this page's items), `situs` (the site's) or `kabupaten` (every site's).
    pub lingkup: &'static str,
    pub jumlah: usize,
    pub kelompok: Vec<PpidGroup>,
}

#[derive(Serialize)]
pub struct PpidGroup {
    /// The OPD, in the regency-wide list.
    pub opd: Option<Opd>,
    pub kelas: Vec<PpidClass>,
}

#[derive(Serialize)]
pub struct PpidClass {
    pub kode: &'static str,
    pub judul: &'static str,
    pub informasi: Vec<Informasi>,
}

#[derive(Serialize)]
pub struct KatalogCtx {
    pub judul: String,
    /// The catalogue section's own text, as HTML.
    pub pengantar: String,
    pub jumlah: usize,
    pub gratis: usize,
    pub per_opd: Vec<OpdGroup>,
    pub per_topik: Vec<TopikGroup>,
    pub json_url: String,
    pub csv_url: String,
}

#[derive(Serialize)]
pub struct OpdGroup {
    pub opd: Opd,
    pub layanan: Vec<KatalogEntry>,
}

#[derive(Serialize)]
pub struct TopikGroup {
    pub topik: Topik,
    pub layanan: Vec<KatalogEntry>,
}

/// One service as the catalogue page lists it: what a citizen compares (time, cost)
/// and where to read the rest. Not the whole open-data record: the page lists every
/// service twice, and the components would make it (and its context) many times larger.
#[derive(Serialize, Clone)]
pub struct KatalogEntry {
    pub nama: String,
    pub url: String,
    pub opd: Opd,
    pub topik: Topik,
    pub waktu: Option<String>,
    pub biaya: Option<String>,
    pub gratis: bool,
}

impl KatalogEntry {
    fn of(e: &crate::catalogue::ServiceEntry, catalogue: &crate::catalogue::Catalogue) -> Self {
        let s = e.service;
        KatalogEntry {
            nama: e.page.doc.meta.title.clone(),
            url: e.site.url_of(&e.page.path),
            opd: Opd::of(e.site),
            topik: catalogue.topic_of(s),
            waktu: s.part("waktu").map(|p| p.text.items().join(" ")),
            biaya: s.cost.as_ref().map(|c| c.text()),
            gratis: s.cost.as_ref().is_some_and(|c| c.is_free()),
        }
    }
}
