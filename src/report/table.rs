//! The report as CSV: one row per site or registry entry, for spreadsheets. Every text
//! cell is made [`spreadsheet_safe`]: site names and reasons are written by others.

use super::model::{Report, Situs};
use crate::catalogue::records::spreadsheet_safe;

/// The columns, in order (documented in README "The periodic report").
pub const COLUMNS: [&str; 24] = [
    "label",
    "nama",
    "jenis",
    "status",
    "skor",
    "skor_sebelumnya",
    "selisih",
    "basi",
    "hari_sejak_pembaruan",
    "berita_terbaru",
    "komit_terakhir",
    "halaman_kurang",
    "layanan",
    "layanan_tidak_lengkap",
    "maklumat",
    "informasi_publik",
    "informasi_basi",
    "galat",
    "peringatan",
    "tautan_rusak",
    "halaman_berat",
    "keputusan",
    "tinjau_lewat",
    "menunggu_hari",
];

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn yes(b: bool) -> String {
    if b { "ya" } else { "tidak" }.to_string()
}

fn row(s: &Situs) -> Vec<String> {
    let fresh = s.kesegaran.as_ref();
    let complete = s.kelengkapan.as_ref();
    let health = s.kesehatan.as_ref();
    let change = s.perubahan.as_ref();
    vec![
        spreadsheet_safe(&s.label),
        spreadsheet_safe(&s.nama),
        s.jenis.clone(),
        s.registri.status.clone(),
        opt(s.skor.as_ref().map(|k| k.total)),
        opt(change.and_then(|c| c.skor_sebelumnya)),
        opt(change.and_then(|c| c.selisih)),
        opt(fresh.map(|f| yes(f.basi))),
        opt(fresh.and_then(|f| f.hari)),
        opt(fresh.and_then(|f| f.berita_terbaru.clone())),
        opt(fresh.and_then(|f| f.komit_terakhir.clone())),
        spreadsheet_safe(
            &complete
                .map(|c| c.halaman_kurang.join("; "))
                .unwrap_or_default(),
        ),
        opt(complete.map(|c| c.layanan)),
        opt(complete.map(|c| c.layanan_tidak_lengkap.len())),
        opt(complete.map(|c| yes(c.maklumat))),
        opt(complete.map(|c| c.informasi_publik)),
        opt(complete.map(|c| c.informasi_basi.len())),
        opt(health.map(|h| h.galat)),
        opt(health.map(|h| h.peringatan)),
        opt(health.map(|h| h.tautan_rusak)),
        opt(health.map(|h| h.halaman_berat.len())),
        spreadsheet_safe(
            &s.registri
                .keputusan
                .as_ref()
                .map(|k| format!("{} ({})", k.nomor, k.tanggal))
                .unwrap_or_default(),
        ),
        yes(s.registri.tinjau_lewat),
        opt(s.registri.menunggu_hari),
    ]
}

/// The CSV bytes (UTF-8, CRLF line ends, a header row).
pub fn csv(report: &Report) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(COLUMNS).expect("writes to memory");
    for s in &report.situs {
        w.write_record(row(s)).expect("writes to memory");
    }
    w.into_inner().expect("writes to memory")
}
