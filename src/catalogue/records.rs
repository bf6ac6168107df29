//! The open-data shape of the catalogue and of the Daftar Informasi Publik: what
//! `/layanan.json`, `/layanan.csv` and `/informasi-publik.json` on the portal hold, what
//! the catalogue page's template reads, and what the Dinas's report reads.
//!
//! Field names are Indonesian and stable (documented in docs/content.md, "Open data");
//! fields may be added, never renamed. No dates other than the content's own, so the same
//! content gives the same bytes on any day.

use super::{Catalogue, InfoEntry, ServiceEntry};
use crate::content::service::Cost;
use crate::site::{Model, Site};
use serde::Serialize;
use std::collections::BTreeMap;

/// The version of the open-data shape.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct Opd {
    pub label: String,
    pub nama: String,
    pub url: String,
}

impl Opd {
    pub fn of(site: &Site) -> Opd {
        Opd {
            label: site.label.clone(),
            nama: site.title.clone(),
            url: site.url.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Topik {
    pub kode: String,
    pub nama: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Waktu {
    /// As written: `14 hari kerja setelah perekaman`.
    pub teks: String,
    pub jumlah_min: u32,
    pub jumlah_maks: u32,
    /// `menit`, `jam`, `hari kerja`, `hari` or `bulan`.
    pub satuan: &'static str,
    /// The longest time in minutes, to sort and compare (a working day is 7/5 days).
    pub menit_maks: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Biaya {
    pub gratis: bool,
    /// One line: `Gratis`, `Rp50.000`, `Gratis – Rp50.000`.
    pub teks: String,
    /// The amount when there is one (rupiah).
    pub jumlah: Option<u64>,
    pub rincian: Vec<Rincian>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Rincian {
    pub uraian: String,
    /// Rupiah; 0 is free.
    pub tarif: u64,
    pub satuan: Option<String>,
    pub keterangan: Option<String>,
}

/// One service of the catalogue.
#[derive(Debug, Clone, Serialize)]
pub struct Layanan {
    pub nama: String,
    pub url: String,
    pub deskripsi: Option<String>,
    pub opd: Opd,
    pub topik: Topik,
    pub waktu: Option<Waktu>,
    pub biaya: Option<Biaya>,
    /// Every component written, by key, as markdown items as the OPD wrote them.
    pub komponen: BTreeMap<&'static str, Vec<String>>,
    /// The keys of the components not written (see docs/content.md).
    pub komponen_kurang: Vec<&'static str>,
    /// The page's `updated` date, else its `date`.
    pub diperbarui: Option<String>,
}

impl Layanan {
    pub fn of(e: &ServiceEntry, catalogue: &Catalogue) -> Layanan {
        let s = e.service;
        let meta = &e.page.doc.meta;
        Layanan {
            nama: meta.title.clone(),
            url: e.site.url_of(&e.page.path),
            deskripsi: meta.description.clone(),
            opd: Opd::of(e.site),
            topik: catalogue.topic_of(s),
            waktu: s.time.as_ref().map(|d| Waktu {
                teks: s
                    .part("waktu")
                    .map_or_else(|| d.text(), |p| p.text.items().join(" ")),
                jumlah_min: d.min,
                jumlah_maks: d.max,
                satuan: d.unit.as_str(),
                menit_maks: d.max_minutes(),
            }),
            biaya: s.cost.as_ref().map(|c| Biaya {
                gratis: c.is_free(),
                teks: c.text(),
                jumlah: match c {
                    Cost::Amount(n) => Some(*n),
                    _ => None,
                },
                rincian: match c {
                    Cost::Items(items) => items
                        .iter()
                        .map(|i| Rincian {
                            uraian: i.what.clone(),
                            tarif: i.amount.unwrap_or(0),
                            satuan: i.per.clone(),
                            keterangan: i.note.clone(),
                        })
                        .collect(),
                    _ => Vec::new(),
                },
            }),
            komponen: s
                .parts
                .iter()
                .map(|p| {
                    let items = p.text.items();
                    let items = items.iter().map(|i| catalogue.absolute(e.site, i));
                    (p.key, items.collect())
                })
                .collect(),
            komponen_kurang: s.missing.clone(),
            diperbarui: meta.updated_when.or(meta.when).map(|w| w.date.to_string()),
        }
    }

    /// The product in one line, for lists.
    pub fn produk(&self) -> String {
        self.komponen
            .get("produk")
            .map(|p| p.join("; "))
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Kabupaten {
    pub nama: String,
    pub domain: String,
}

impl Kabupaten {
    pub fn of(model: &Model) -> Kabupaten {
        Kabupaten {
            nama: model.registry.regency.name.clone(),
            domain: model.registry.regency.domain.clone(),
        }
    }
}

/// `/layanan.json`.
#[derive(Debug, Serialize)]
pub struct KatalogJson {
    pub versi: u32,
    pub kabupaten: Kabupaten,
    /// The catalogue page.
    pub katalog: String,
    pub jumlah: usize,
    pub layanan: Vec<Layanan>,
}

/// One piece of public information.
#[derive(Debug, Clone, Serialize)]
pub struct Informasi {
    pub judul: String,
    pub klasifikasi: &'static str,
    pub opd: Opd,
    pub penanggung_jawab: String,
    pub ringkasan: Option<String>,
    pub diperbarui: Option<String>,
    pub bentuk: Option<String>,
    pub retensi: Option<String>,
    /// Where to read it (absolute), when given.
    pub tautan: Option<String>,
    /// The page that declares it.
    pub halaman: String,
    pub dasar_hukum: Option<String>,
    pub uji_konsekuensi: Option<String>,
}

impl Informasi {
    pub fn of(e: &InfoEntry) -> Informasi {
        let i = e.item;
        Informasi {
            judul: i.title.clone(),
            klasifikasi: i.class.as_str(),
            opd: Opd::of(e.site),
            penanggung_jawab: i.unit.clone().unwrap_or_else(|| e.site.owner.clone()),
            ringkasan: i.summary.clone(),
            diperbarui: i.renewed.map(|d| d.to_string()),
            bentuk: i.form.clone(),
            retensi: i.retention.clone(),
            tautan: e.link.clone().and_then(Result::ok),
            halaman: e.site.url_of(e.path),
            dasar_hukum: i.legal_ground.clone(),
            uji_konsekuensi: i.consequence_test.clone(),
        }
    }
}

/// `/informasi-publik.json`.
#[derive(Debug, Serialize)]
pub struct InformasiJson {
    pub versi: u32,
    pub kabupaten: Kabupaten,
    pub jumlah: usize,
    pub informasi: Vec<Informasi>,
}

/// The portal's open-data files: `(path, bytes)`.
pub fn open_data(model: &Model, catalogue: &Catalogue, portal: &Site) -> Vec<(String, Vec<u8>)> {
    let layanan: Vec<Layanan> = catalogue
        .published_services()
        .map(|e| Layanan::of(e, catalogue))
        .collect();
    let informasi: Vec<Informasi> = catalogue.info_of(None).map(Informasi::of).collect();
    let katalog = KatalogJson {
        versi: VERSION,
        kabupaten: Kabupaten::of(model),
        katalog: portal.url_of(&catalogue.path),
        jumlah: layanan.len(),
        layanan,
    };
    let csv = csv_of(&katalog.layanan);
    let info = InformasiJson {
        versi: VERSION,
        kabupaten: Kabupaten::of(model),
        jumlah: informasi.len(),
        informasi,
    };
    let [katalog_json, katalog_csv, info_json] = crate::generated::OPEN_DATA;
    vec![
        (katalog_json.into(), json(&katalog)),
        (katalog_csv.into(), csv),
        (info_json.into(), json(&info)),
    ]
}

fn json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("records serialise");
    bytes.push(b'\n');
    bytes
}

/// The CSV columns, in order.
pub const CSV_COLUMNS: [&str; 9] = [
    "opd",
    "layanan",
    "topik",
    "waktu",
    "waktu_menit_maks",
    "biaya",
    "gratis",
    "produk",
    "url",
];

/// A CSV cell that no spreadsheet takes as a formula: text starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a leading `'`, so that an OPD's text can never
/// run in the Dinas's spreadsheet (CSV injection).
pub fn spreadsheet_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The catalogue as CSV for spreadsheets: one row per service, each text cell
/// [`spreadsheet_safe`].
fn csv_of(services: &[Layanan]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let cell = spreadsheet_safe;
    w.write_record(CSV_COLUMNS).expect("writes to memory");
    for l in services {
        let row = [
            cell(&l.opd.nama),
            cell(&l.nama),
            cell(&l.topik.nama),
            cell(l.waktu.as_ref().map_or("", |w| w.teks.as_str())),
            l.waktu
                .as_ref()
                .map_or(String::new(), |w| w.menit_maks.to_string()),
            cell(l.biaya.as_ref().map_or("", |b| b.teks.as_str())),
            l.biaya.as_ref().map_or(String::new(), |b| {
                if b.gratis { "ya" } else { "tidak" }.into()
            }),
            cell(&l.produk()),
            cell(&l.url),
        ];
        w.write_record(&row).expect("writes to memory");
    }
    w.into_inner().expect("writes to memory")
}
