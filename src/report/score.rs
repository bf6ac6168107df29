//! The score of a site, 0 to 100, from six parts with fixed weights. Each part says why
//! it is not full, so that an OPD sees what to fix; README "The periodic report" gives
//! the same rules in Indonesian words for the Dinas.

use super::model::*;
use crate::finding::Finding;

const FRESH: u32 = 30;
const PAGES: u32 = 20;
const SERVICES: u32 = 15;
const INFO: u32 = 10;
const HEALTH: u32 = 20;
const REGISTRY: u32 = 5;

/// The weights, for the report to show how it counts.
pub fn weights() -> Vec<Bobot> {
    [
        (
            "Kesegaran",
            FRESH,
            "penuh bila ada berita dalam periode; turun lurus hingga 0 pada dua kali periode; 0 bila tidak ada berita bertanggal",
        ),
        (
            "Halaman wajib",
            PAGES,
            "sebanding dengan halaman wajib yang ada",
        ),
        (
            "Standar pelayanan",
            SERVICES,
            "12 sebanding dengan layanan yang komponennya lengkap, 3 untuk maklumat pelayanan; 0 bila belum ada layanan (portal: penuh)",
        ),
        (
            "Informasi publik",
            INFO,
            "sebanding dengan informasi berkala yang diperbarui dalam enam bulan; 0 bila daftar informasi publik kosong",
        ),
        (
            "Kesehatan",
            HEALTH,
            "dikurangi 5 untuk setiap kesalahan dan 1 untuk setiap peringatan atau halaman yang terlalu berat",
        ),
        (
            "Registri dan DNS",
            REGISTRY,
            "penuh bila subdomain disetujui dengan keputusan, tidak lewat tanggal tinjau, dan tanpa temuan DNS",
        ),
    ]
    .into_iter()
    .map(|(bagian, bobot, cara)| Bobot {
        bagian: bagian.into(),
        bobot,
        cara: cara.into(),
    })
    .collect()
}

/// `weight × fraction`, rounded to the nearest point.
fn share(weight: u32, got: usize, of: usize) -> u32 {
    if of == 0 {
        return weight;
    }
    ((f64::from(weight) * got as f64 / of as f64).round() as u32).min(weight)
}

fn part(bagian: &str, nilai: u32, bobot: u32, catatan: String) -> BagianSkor {
    BagianSkor {
        bagian: bagian.into(),
        nilai,
        bobot,
        catatan: if nilai == bobot {
            String::new()
        } else {
            catatan
        },
    }
}

pub fn score(
    fresh: &Kesegaran,
    complete: &Kelengkapan,
    health: &Kesehatan,
    registry: &Registri,
    dns: Option<&[Finding]>,
) -> Skor {
    let portal = registry.status == "portal";
    let bagian = vec![
        freshness(fresh),
        pages(complete),
        services(complete, portal),
        information(complete),
        soundness(health),
        standing(registry, portal, dns.map_or(0, <[Finding]>::len)),
    ];
    Skor {
        total: bagian.iter().map(|b| b.nilai).sum(),
        bagian,
    }
}

/// Full with news within the period, falling in a straight line to 0 at twice it.
fn freshness(fresh: &Kesegaran) -> BagianSkor {
    let (points, note) = match (&fresh.berita_terbaru, fresh.hari) {
        (Some(date), Some(days)) => {
            let over = (days - fresh.periode_hari).max(0) as f64 / fresh.periode_hari as f64;
            (
                (f64::from(FRESH) * (1.0 - over).max(0.0)).round() as u32,
                format!(
                    "berita terakhir {}, {days} hari lalu (periode {} hari)",
                    date.parse::<jiff::civil::Date>()
                        .map_or_else(|_| date.clone(), |d| crate::render::tanggal_of(d, false)),
                    fresh.periode_hari
                ),
            )
        }
        _ => (0, "tidak ada berita bertanggal".to_string()),
    };
    part("Kesegaran", points, FRESH, note)
}

fn pages(complete: &Kelengkapan) -> BagianSkor {
    let present = complete.halaman_wajib - complete.halaman_kurang.len();
    part(
        "Halaman wajib",
        share(PAGES, present, complete.halaman_wajib),
        PAGES,
        format!("belum ada: {}", complete.halaman_kurang.join(", ")),
    )
}

/// 12 for complete standards, 3 for the pledge; the portal's services are the
/// catalogue, so it has nothing of its own to lose here.
fn services(complete: &Kelengkapan, portal: bool) -> BagianSkor {
    let (points, note) = if portal {
        (SERVICES, String::new())
    } else if complete.layanan == 0 {
        (0, "belum ada layanan dengan standar pelayanan".to_string())
    } else {
        let whole = complete.layanan - complete.layanan_tidak_lengkap.len();
        let points =
            share(SERVICES - 3, whole, complete.layanan) + if complete.maklumat { 3 } else { 0 };
        let mut notes = Vec::new();
        if !complete.layanan_tidak_lengkap.is_empty() {
            notes.push(format!(
                "{} dari {} layanan belum lengkap komponennya",
                complete.layanan_tidak_lengkap.len(),
                complete.layanan
            ));
        }
        if !complete.maklumat {
            notes.push("maklumat pelayanan belum ada".to_string());
        }
        (points, notes.join("; "))
    };
    part("Standar pelayanan", points, SERVICES, note)
}

fn information(complete: &Kelengkapan) -> BagianSkor {
    let (points, note) = if complete.informasi_publik == 0 {
        (0, "daftar informasi publik kosong".to_string())
    } else {
        let stale = complete.informasi_basi.len();
        (
            share(
                INFO,
                complete.informasi_publik - stale,
                complete.informasi_publik,
            ),
            format!("{stale} informasi berkala belum diperbarui dalam enam bulan"),
        )
    };
    part("Informasi publik", points, INFO, note)
}

fn soundness(health: &Kesehatan) -> BagianSkor {
    let penalty = 5 * health.galat + health.peringatan + health.halaman_berat.len();
    part(
        "Kesehatan",
        HEALTH.saturating_sub(penalty.min(HEALTH as usize) as u32),
        HEALTH,
        format!(
            "{} kesalahan, {} peringatan, {} halaman terlalu berat",
            health.galat,
            health.peringatan,
            health.halaman_berat.len()
        ),
    )
}

fn standing(registry: &Registri, portal: bool, dns_findings: usize) -> BagianSkor {
    let decided = portal || (registry.status == "approved" && registry.keputusan.is_some());
    let ok = decided && !registry.tinjau_lewat && dns_findings == 0;
    let note = if registry.tinjau_lewat {
        "tanggal tinjau sudah lewat".to_string()
    } else if dns_findings > 0 {
        format!("{dns_findings} temuan DNS")
    } else {
        "subdomain belum disetujui dengan keputusan".to_string()
    };
    part(
        "Registri dan DNS",
        if ok { REGISTRY } else { 0 },
        REGISTRY,
        note,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fresh(days: Option<i64>) -> Kesegaran {
        Kesegaran {
            halaman_terbaru: None,
            berita_terbaru: days.map(|_| "2026-01-01".into()),
            komit_terakhir: None,
            hari: days,
            periode_hari: 90,
            basi: days.is_none_or(|d| d > 90),
        }
    }

    fn complete() -> Kelengkapan {
        Kelengkapan {
            halaman_kurang: Vec::new(),
            halaman_wajib: 5,
            layanan: 2,
            layanan_tidak_lengkap: Vec::new(),
            maklumat: true,
            informasi_publik: 4,
            informasi_basi: Vec::new(),
            tidak_lengkap: false,
            alasan: Vec::new(),
        }
    }

    fn approved() -> Registri {
        Registri {
            status: "approved".into(),
            keputusan: Some(Keputusan {
                nomor: "1".into(),
                tanggal: "2026-01-01".into(),
            }),
            ..Registri::default()
        }
    }

    #[test]
    fn a_site_with_nothing_to_fix_scores_100_and_each_part_explains_its_loss() {
        let full = score(
            &fresh(Some(10)),
            &complete(),
            &Kesehatan::default(),
            &approved(),
            None,
        );
        assert_eq!(full.total, 100);
        assert!(full.bagian.iter().all(|b| b.catatan.is_empty()));
        let weights: u32 = weights().iter().map(|w| w.bobot).sum();
        assert_eq!(weights, 100);

        let mut c = complete();
        c.halaman_kurang = vec!["kontak".into()];
        c.maklumat = false;
        c.informasi_basi = vec!["Renstra".into()];
        let health = Kesehatan {
            galat: 1,
            peringatan: 2,
            ..Kesehatan::default()
        };
        let s = score(&fresh(Some(135)), &c, &health, &approved(), Some(&[]));
        let got: Vec<(&str, u32)> = s
            .bagian
            .iter()
            .map(|b| (b.bagian.as_str(), b.nilai))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Kesegaran", 15),
                ("Halaman wajib", 16),
                ("Standar pelayanan", 12),
                ("Informasi publik", 8),
                ("Kesehatan", 13),
                ("Registri dan DNS", 5),
            ]
        );
        assert_eq!(s.total, 69);
        assert_eq!(s.bagian[1].catatan, "belum ada: kontak");
        assert_eq!(
            s.bagian[0].catatan,
            "berita terakhir 1 Januari 2026, 135 hari lalu (periode 90 hari)"
        );
        let never = score(&fresh(None), &c, &health, &Registri::default(), None);
        assert_eq!(never.bagian[0].nilai, 0);
        assert_eq!(never.bagian[5].nilai, 0);
    }
}
