//! The Dinas's report as data: what `laman report --format json` writes (schema 1,
//! documented in README "The periodic report"), what the HTML and CSV are drawn from,
//! and what `--previous` reads back.
//!
//! Field names are Indonesian like the portal's open data; fields may be added, never
//! renamed (a rename is a new `schema`). Nothing here computes: see [`super::assess`].

use crate::finding::Finding;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The version of this shape.
pub const SCHEMA: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    pub schema: u32,
    pub kabupaten: Kabupaten,
    /// The date the report judges by (`--as-of`), `YYYY-MM-DD`.
    pub tanggal: String,
    /// A site is stale without news for this many days (the regency's default).
    pub periode_hari: i64,
    pub ringkasan: Ringkasan,
    /// Every site: the portal first, then the registry's entries by label.
    pub situs: Vec<Situs>,
    /// Findings of the registry that concern no one site.
    pub temuan_registri: Vec<Finding>,
    /// The earlier report compared with (`--previous`).
    pub pembanding: Option<Pembanding>,
    /// Who signs the printed report.
    pub penandatangan: Penandatangan,
    /// The weights of the score's parts, as used.
    pub bobot: Vec<Bobot>,
}

impl Report {
    /// The sites that score below `bar` (`--fail-under`).
    pub fn below(&self, bar: u32) -> Vec<&Situs> {
        self.situs
            .iter()
            .filter(|s| s.skor.as_ref().is_some_and(|k| k.total < bar))
            .collect()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Kabupaten {
    pub nama: String,
    pub domain: String,
    pub dinas: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Penandatangan {
    pub tempat: Option<String>,
    pub jabatan: Option<String>,
    pub nama: Option<String>,
    pub nip: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Bobot {
    pub bagian: String,
    pub bobot: u32,
    /// How the part is scored, in one sentence.
    pub cara: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Ringkasan {
    /// Sites that are built (the portal and approved OPD sites).
    pub situs_aktif: usize,
    /// Registry entries not built (requested, suspended, revoked, rejected; services and
    /// applications).
    pub entri_lain: usize,
    pub basi: usize,
    pub tidak_lengkap: usize,
    pub bermasalah: usize,
    /// The mean score of the active sites, one decimal.
    pub skor_rata: f64,
    /// Against `--previous`.
    pub skor_rata_sebelumnya: Option<f64>,
    pub makin_baik: Vec<String>,
    pub makin_buruk: Vec<String>,
    pub baru_basi: Vec<String>,
    pub baru_pulih: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pembanding {
    pub tanggal: String,
}

/// One site or registry entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Situs {
    pub label: String,
    pub nama: String,
    /// The address, for sites that are built.
    pub url: Option<String>,
    /// `portal`, `site`, `service` or `app` (codes; the HTML shows them in words).
    pub jenis: String,
    pub registri: Registri,
    /// Present for sites that are built.
    pub kesegaran: Option<Kesegaran>,
    pub kelengkapan: Option<Kelengkapan>,
    pub kesehatan: Option<Kesehatan>,
    /// The site's findings in the `--dns` file, when one was given.
    pub dns: Option<Vec<Finding>>,
    pub skor: Option<Skor>,
    pub perubahan: Option<Perubahan>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Registri {
    /// `approved`, `requested`, `suspended`, `revoked`, `rejected`; `portal` for the
    /// portal (codes; the HTML shows them in words).
    pub status: String,
    pub keputusan: Option<Keputusan>,
    /// The date by which the entry is to be reviewed, and whether that date has passed.
    pub tinjau: Option<String>,
    pub tinjau_lewat: bool,
    /// A request not yet decided: days since it was made.
    pub menunggu_hari: Option<i64>,
    /// Why the entry was suspended, revoked or rejected (its last history note).
    pub alasan: Option<String>,
    /// The date, after the report's, on which the entry was approved (its decree) or
    /// requested: on the report's date it did not stand so, so it is listed among the
    /// other entries with that date and not judged or counted.
    #[serde(default)]
    pub sesudah_tanggal: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Keputusan {
    pub nomor: String,
    pub tanggal: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Kesegaran {
    /// The newest `date`/`updated` of any page.
    pub halaman_terbaru: Option<String>,
    /// The newest news item.
    pub berita_terbaru: Option<String>,
    /// The last commit that touched `content/<label>/` (when the root is a git work tree).
    pub komit_terakhir: Option<String>,
    /// Days from the newest news item (else the newest page, else the last commit) to
    /// the report's date; null when nothing is dated.
    pub hari: Option<i64>,
    pub periode_hari: i64,
    /// No news within the period (or nothing dated at all).
    pub basi: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Kelengkapan {
    /// Required pages the site lacks (as written in the requirement: `profil/visi-misi`).
    pub halaman_kurang: Vec<String>,
    pub halaman_wajib: usize,
    pub layanan: usize,
    /// Services whose standard lacks components: name, address, missing keys.
    pub layanan_tidak_lengkap: Vec<LayananKurang>,
    /// Whether the site states its service pledge (`[services] maklumat`).
    pub maklumat: bool,
    pub informasi_publik: usize,
    /// *Berkala* PPID items overdue for renewal (titles).
    pub informasi_basi: Vec<String>,
    /// Anything of the above missing.
    pub tidak_lengkap: bool,
    /// What is missing, one short Indonesian phrase each (empty when complete): what the
    /// row of the printed report says beside "tidak lengkap".
    #[serde(default)]
    pub alasan: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LayananKurang {
    pub nama: String,
    pub url: String,
    pub kurang: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Kesehatan {
    pub galat: usize,
    pub peringatan: usize,
    /// Finding code → how many.
    pub per_kode: BTreeMap<String, usize>,
    pub tautan_rusak: usize,
    pub gambar_tanpa_alt: usize,
    /// Pages much heavier than the site's usual page (see README).
    pub halaman_berat: Vec<HalamanBerat>,
    pub temuan: Vec<Finding>,
    /// An error found, or a page too heavy.
    pub bermasalah: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HalamanBerat {
    pub url: String,
    pub kib: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Skor {
    pub total: u32,
    pub bagian: Vec<BagianSkor>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BagianSkor {
    pub bagian: String,
    pub nilai: u32,
    pub bobot: u32,
    /// Why it is not full, in one sentence; empty when it is.
    pub catatan: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Perubahan {
    pub skor_sebelumnya: Option<u32>,
    pub selisih: Option<i64>,
    pub baru_basi: bool,
    pub baru_pulih: bool,
}
