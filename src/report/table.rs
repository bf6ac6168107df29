//! The report as CSV: one row per site or registry entry, for spreadsheets. Every text
//! cell, in every column, is made [`spreadsheet_safe`] (site names, owners and reasons
//! are written by others, and a spreadsheet runs a cell that starts with `=`, `+`, `-`
//! or `@` as a formula); only the numbers laman counts itself are written bare.

use super::model::{Report, Situs};
use crate::catalogue::records::spreadsheet_safe;

/// The columns, in order (documented in README "The periodic report").
const COLUMNS: [&str; 24] = [
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

/// One cell: a number laman counted (written as it is, so that a spreadsheet sums it and
/// a negative change stays a number) or text, which is made [`spreadsheet_safe`]
/// whatever it holds, since titles, owners, reasons and even dates come from files others
/// write.
enum Cell {
    Number(Option<i64>),
    Text(String),
}

fn num<T: TryInto<i64>>(v: Option<T>) -> Cell {
    Cell::Number(v.and_then(|v| v.try_into().ok()))
}

fn text(v: impl Into<String>) -> Cell {
    Cell::Text(v.into())
}

fn yes(b: bool) -> Cell {
    text(if b { "ya" } else { "tidak" })
}

impl Cell {
    fn written(self) -> String {
        match self {
            Cell::Number(n) => n.map(|n| n.to_string()).unwrap_or_default(),
            Cell::Text(t) => spreadsheet_safe(&t),
        }
    }
}

fn row(s: &Situs) -> Vec<String> {
    let fresh = s.kesegaran.as_ref();
    let complete = s.kelengkapan.as_ref();
    let health = s.kesehatan.as_ref();
    let change = s.perubahan.as_ref();
    let cells = [
        text(&s.label),
        text(&s.nama),
        text(&s.jenis),
        text(&s.registri.status),
        num(s.skor.as_ref().map(|k| k.total)),
        num(change.and_then(|c| c.skor_sebelumnya)),
        num(change.and_then(|c| c.selisih)),
        fresh.map_or(text(""), |f| yes(f.basi)),
        num(fresh.and_then(|f| f.hari)),
        text(
            fresh
                .and_then(|f| f.berita_terbaru.clone())
                .unwrap_or_default(),
        ),
        text(
            fresh
                .and_then(|f| f.komit_terakhir.clone())
                .unwrap_or_default(),
        ),
        text(
            complete
                .map(|c| c.halaman_kurang.join("; "))
                .unwrap_or_default(),
        ),
        num(complete.map(|c| c.layanan)),
        num(complete.map(|c| c.layanan_tidak_lengkap.len())),
        complete.map_or(text(""), |c| yes(c.maklumat)),
        num(complete.map(|c| c.informasi_publik)),
        num(complete.map(|c| c.informasi_basi.len())),
        num(health.map(|h| h.galat)),
        num(health.map(|h| h.peringatan)),
        num(health.map(|h| h.tautan_rusak)),
        num(health.map(|h| h.halaman_berat.len())),
        text(
            s.registri
                .keputusan
                .as_ref()
                .map(|k| format!("{} ({})", k.nomor, k.tanggal))
                .unwrap_or_default(),
        ),
        yes(s.registri.tinjau_lewat),
        num(s.registri.menunggu_hari),
    ];
    cells.into_iter().map(Cell::written).collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::*;
    use proptest::prelude::*;

    /// A text that a spreadsheet would run, or that looks like one: a dangerous first
    /// character (or a harmless one), then anything.
    fn hostile() -> impl Strategy<Value = String> {
        (
            prop::sample::select(vec!["=", "+", "-", "@", "\t", "\r", "", " ", "'"]),
            any::<String>(),
        )
            .prop_map(|(first, rest)| format!("{first}{rest}"))
    }

    /// A site whose every text field is one of `t`.
    fn situs(t: &[String], n: i64) -> Situs {
        Situs {
            label: t[0].clone(),
            nama: t[1].clone(),
            url: Some(t[2].clone()),
            jenis: t[3].clone(),
            registri: Registri {
                status: t[4].clone(),
                keputusan: Some(Keputusan {
                    nomor: t[5].clone(),
                    tanggal: t[6].clone(),
                }),
                tinjau: Some(t[7].clone()),
                tinjau_lewat: n % 2 == 0,
                menunggu_hari: Some(n),
                alasan: Some(t[8].clone()),
                sesudah_tanggal: None,
            },
            kesegaran: Some(Kesegaran {
                halaman_terbaru: Some(t[9].clone()),
                berita_terbaru: Some(t[10].clone()),
                komit_terakhir: Some(t[11].clone()),
                hari: Some(n),
                periode_hari: 90,
                basi: n > 90,
            }),
            kelengkapan: Some(Kelengkapan {
                halaman_kurang: vec![t[12].clone(), t[13].clone()],
                halaman_wajib: 5,
                layanan: 2,
                layanan_tidak_lengkap: Vec::new(),
                maklumat: false,
                informasi_publik: 3,
                informasi_basi: vec![t[14].clone()],
                tidak_lengkap: true,
                alasan: vec![t[15].clone()],
            }),
            kesehatan: Some(Kesehatan::default()),
            dns: None,
            skor: Some(Skor {
                total: 50,
                bagian: Vec::new(),
            }),
            perubahan: Some(Perubahan {
                skor_sebelumnya: Some(60),
                selisih: Some(n),
                baru_basi: false,
                baru_pulih: false,
            }),
        }
    }

    /// The columns laman fills with numbers it counted.
    const NUMBERS: [&str; 13] = [
        "skor",
        "skor_sebelumnya",
        "selisih",
        "hari_sejak_pembaruan",
        "layanan",
        "layanan_tidak_lengkap",
        "informasi_publik",
        "informasi_basi",
        "galat",
        "peringatan",
        "tautan_rusak",
        "halaman_berat",
        "menunggu_hari",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Every text cell of every column, read back as a spreadsheet reads the CSV,
        /// starts with nothing a spreadsheet runs and keeps what was given behind one
        /// quote at most; every number cell is a number.
        #[test]
        fn no_cell_is_a_formula(texts in prop::collection::vec(hostile(), 16), n in -400i64..400) {
            let report = Report {
                schema: SCHEMA,
                kabupaten: Kabupaten { nama: String::new(), domain: String::new(), dinas: String::new() },
                tanggal: "2026-11-26".into(),
                periode_hari: 90,
                ringkasan: Ringkasan::default(),
                situs: vec![situs(&texts, n)],
                temuan_registri: Vec::new(),
                pembanding: None,
                penandatangan: Penandatangan::default(),
                bobot: Vec::new(),
            };
            let bytes = csv(&report);
            let mut reader = ::csv::ReaderBuilder::new().from_reader(&bytes[..]);
            let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
            prop_assert_eq!(&header, &COLUMNS.map(String::from).to_vec());
            let rows: Vec<::csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
            prop_assert_eq!(rows.len(), 1);
            let mut texts_seen = 0;
            for (column, cell) in header.iter().zip(rows[0].iter()) {
                if NUMBERS.contains(&column.as_str()) {
                    prop_assert!(cell.is_empty() || cell.parse::<i64>().is_ok(), "{column}: {cell:?}");
                } else {
                    texts_seen += 1;
                    prop_assert!(
                        !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                        "{column}: {cell:?}"
                    );
                }
            }
            prop_assert_eq!(texts_seen, COLUMNS.len() - NUMBERS.len());
            for (i, given) in [(0, &texts[0]), (1, &texts[1]), (2, &texts[3]), (3, &texts[4])] {
                let cell = &rows[0][i];
                prop_assert!(cell == given || *cell == format!("'{given}"), "{i}: {cell:?}");
            }
        }
    }
}
