//! `laman report` through the real binary on the `laporan` fixture (as of 2026-11-26):
//! dinkes kept well, disdik stale and incomplete, bkd broken with its review overdue,
//! dishub suspended, pasar requested 60 days before. The figures are checked exactly.

use crate::common;
use common::*;
use serde_json::{json, Value};
use std::path::Path;

mod refused;

const AS_OF: &str = "2026-11-26";

/// Runs `laman report --as-of DATE ARGS...` in the fixture; the output.
fn report(root: &Path, date: &str, args: &[&str]) -> std::process::Output {
    let mut all = vec!["report", "--as-of", date];
    all.extend_from_slice(args);
    laman(root, &all)
}

fn json_report(root: &Path, date: &str, extra: &[&str]) -> Value {
    let mut args = vec!["--format", "json", "--output", "-"];
    args.extend_from_slice(extra);
    let out = report(root, date, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn report_html(root: &Path) -> std::process::Output {
    let out = report(root, AS_OF, &["--output", "-"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    out
}

fn site<'a>(r: &'a Value, label: &str) -> &'a Value {
    r["situs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["label"] == label)
        .unwrap_or_else(|| panic!("no {label}"))
}

fn parts(s: &Value) -> Vec<(String, u64)> {
    s["skor"]["bagian"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["bagian"].as_str().unwrap().to_string(),
                b["nilai"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_figures_of_every_site() {
    let root = fixture("laporan");
    let r = json_report(root.path(), AS_OF, &[]);
    assert_eq!(r["schema"], 1);
    assert_eq!(r["tanggal"], AS_OF);
    assert_eq!(
        r["ringkasan"],
        json!({
            "situs_aktif": 4, "entri_lain": 3, "basi": 2, "tidak_lengkap": 4,
            "bermasalah": 1, "skor_rata": 57.5, "skor_rata_sebelumnya": null,
            "makin_baik": [], "makin_buruk": [], "baru_basi": [], "baru_pulih": []
        })
    );
    let labels: Vec<&str> = r["situs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        ["portal", "bkd", "dinkes", "disdik", "lpse", "dishub", "pasar"]
    );

    dinkes_is_fresh_and_nearly_complete(site(&r, "dinkes"));
    disdik_and_bkd_lose_points_where_they_lack(&r);
    let pasar = site(&r, "pasar");
    assert_eq!(pasar["registri"]["status"], "requested");
    assert_eq!(pasar["registri"]["menunggu_hari"], 60);
    assert_eq!(pasar["skor"], Value::Null);
    let dishub = site(&r, "dishub");
    assert_eq!(
        dishub["registri"]["alasan"],
        "Situs memuat tautan judi daring"
    );
    // Suspended without a decree of its own: the approval decree is not shown beside
    // the suspension's reason.
    assert_eq!(dishub["registri"]["keputusan"], Value::Null);
    assert_eq!(site(&r, "lpse")["jenis"], "service");
    assert_eq!(r["penandatangan"]["nama"], "Dra. Siti Aminah, M.Si.");
    let weights: u64 = r["bobot"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["bobot"].as_u64().unwrap())
        .sum();
    assert_eq!(weights, 100);
}

/// dinkes: fresh, every required page, one service short of a component.
fn dinkes_is_fresh_and_nearly_complete(dinkes: &Value) {
    assert_eq!(
        dinkes["kesegaran"],
        json!({
            "halaman_terbaru": "2026-11-01", "berita_terbaru": "2026-11-01",
            "komit_terakhir": null, "hari": 25, "periode_hari": 90, "basi": false
        })
    );
    let k = &dinkes["kelengkapan"];
    assert_eq!(k["halaman_kurang"], json!([]));
    assert_eq!(k["layanan"], 2);
    assert_eq!(
        k["layanan_tidak_lengkap"][0]["nama"],
        "Ambulans Gawat Darurat"
    );
    assert_eq!(
        k["layanan_tidak_lengkap"][0]["kurang"],
        json!(["evaluasi_kinerja"])
    );
    assert_eq!(k["informasi_publik"], 4);
    assert_eq!(k["informasi_basi"], json!(["Laporan Kinerja 2024"]));
    assert_eq!(
        parts(dinkes),
        [
            ("Kesegaran".into(), 30),
            ("Halaman wajib".into(), 20),
            ("Standar pelayanan".into(), 9),
            ("Informasi publik".into(), 8),
            ("Kesehatan".into(), 20),
            ("Registri dan DNS".into(), 5),
        ]
    );
    assert_eq!(dinkes["skor"]["total"], 92);
}

/// disdik has nothing dated and lacks pages; bkd has findings and a review date passed.
fn disdik_and_bkd_lose_points_where_they_lack(r: &Value) {
    // Nothing dated at all: freshness unknown, not a crash.
    let disdik = site(r, "disdik");
    assert_eq!(disdik["kesegaran"]["hari"], Value::Null);
    assert_eq!(disdik["kesegaran"]["basi"], true);
    assert_eq!(
        disdik["kelengkapan"]["halaman_kurang"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    assert_eq!(disdik["kelengkapan"]["maklumat"], false);
    assert_eq!(disdik["skor"]["total"], 37);

    let bkd = site(r, "bkd");
    assert_eq!(bkd["kesehatan"]["galat"], 1);
    assert_eq!(bkd["kesehatan"]["tautan_rusak"], 1);
    assert_eq!(bkd["kesehatan"]["gambar_tanpa_alt"], 1);
    assert_eq!(bkd["kesehatan"]["bermasalah"], true);
    assert_eq!(
        bkd["kesehatan"]["per_kode"],
        json!({"content.image.alt": 1, "content.link.broken": 1})
    );
    assert_eq!(
        bkd["kesehatan"]["temuan"][0]["file"],
        "content/bkd/_index.md"
    );
    assert_eq!(bkd["registri"]["tinjau"], "2026-06-30");
    assert_eq!(bkd["registri"]["tinjau_lewat"], true);
    assert_eq!(parts(bkd)[4], ("Kesehatan".into(), 14));
    assert_eq!(parts(bkd)[5], ("Registri dan DNS".into(), 0));
    assert_eq!(bkd["skor"]["total"], 44);
}

#[test]
fn csv_has_one_row_per_site() {
    let root = fixture("laporan");
    let out = report(root.path(), AS_OF, &["--format", "csv", "--output", "-"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows.len(), 8);
    assert!(rows[0].starts_with("label,nama,jenis,status,skor,"));
    let disdik = rows.iter().find(|r| r.starts_with("disdik,")).unwrap();
    assert!(
        disdik.starts_with("disdik,Dinas Pendidikan,site,approved,37,,,ya,,,,profil/visi-misi; "),
        "{disdik}"
    );
    let pasar = rows.iter().find(|r| r.starts_with("pasar,")).unwrap();
    assert!(pasar.ends_with(",tidak,60"), "{pasar}");
}

#[test]
fn previous_shows_who_improved_and_who_recovered() {
    let root = fixture("laporan");
    let earlier = root.path().join("laporan-agustus.json");
    let out = report(
        root.path(),
        "2026-09-01",
        &["--format", "json", "--output", earlier.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let r = json_report(
        root.path(),
        AS_OF,
        &["--previous", earlier.to_str().unwrap()],
    );
    assert_eq!(r["pembanding"]["tanggal"], "2026-09-01");
    // On 1 September dinkes's newest news was from March and bkd had none yet.
    assert_eq!(r["ringkasan"]["baru_pulih"], json!(["bkd", "dinkes"]));
    assert_eq!(r["ringkasan"]["baru_basi"], json!([]));
    let dinkes = &site(&r, "dinkes")["perubahan"];
    assert_eq!(dinkes["baru_pulih"], true);
    assert!(dinkes["selisih"].as_i64().unwrap() > 0, "{dinkes}");
    assert!(r["ringkasan"]["makin_baik"]
        .as_array()
        .unwrap()
        .contains(&json!("dinkes")));
    assert!(r["ringkasan"]["skor_rata_sebelumnya"].is_number());
    // The HTML shows the comparison.
    let html = report(
        root.path(),
        AS_OF,
        &["--previous", earlier.to_str().unwrap(), "--output", "-"],
    );
    assert!(stdout(&html).contains("Kembali diperbarui: bkd, dinkes."));
}

#[test]
fn the_html_is_one_self_contained_printable_file() {
    let root = fixture("laporan");
    let file = root.path().join("laporan.html");
    let out = report(root.path(), AS_OF, &["--output", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("4 sites as of 2026-11-26: 2 stale"));
    let html = read(&file);
    for text in [
        "<title>Laporan Situs Perangkat Daerah Kabupaten Contoh per 26 November 2026</title>",
        "<article class=\"rincian\" id=\"rincian-disdik\"",
        "role=\"img\"",
        "<title id=\"grafik-skor-judul\">Skor per situs</title>",
        "@page{size:A4",
        "Dra. Siti Aminah, M.Si.",
        "NIP 19700101 199001 2 001",
        "menunggu keputusan 60 hari",
        "Situs memuat tautan judi daring",
        // Codes in words, the code in small print; statuses and kinds in words.
        "<strong>Tautan rusak</strong> <span class=\"kode\">content.link.broken</span>",
        "<td>ditangguhkan</td>",
        "<td>diajukan</td>",
        "<td>layanan</td>",
        "1 kesalahan, 1 peringatan",
        // Every "tidak lengkap" says why in its row.
        "<span class=\"buruk\">tidak lengkap</span>: belum ada halaman profil&#x2F;visi-misi",
    ] {
        assert!(html.contains(text), "{text}");
    }
    for english in [
        ">suspended<",
        ">requested<",
        ">site<",
        ">service<",
        "galat",
        "<details",
    ] {
        assert!(!html.contains(english), "{english}");
    }
    // A row marked incomplete always says why.
    for row in html
        .split("<tr>")
        .filter(|r| r.contains(">tidak lengkap</span>"))
    {
        assert!(
            row.contains(">tidak lengkap</span>: "),
            "no reason in the row: {row}"
        );
    }
    assert!(!html.contains("<script"));
    assert!(!html.contains("<link "), "no outside style sheet");
    assert!(!html.contains("src=\"http"), "no outside resource");
    // Worst first in the default order.
    let table = &html[html.find("id=\"urut-skor\"").unwrap()..];
    assert!(table.find("Dinas Pendidikan").unwrap() < table.find("Dinas Kesehatan").unwrap());
}

#[test]
fn dns_findings_are_shown_per_site() {
    let root = fixture("laporan");
    let dns = root.path().join("dns.json");
    write(
        &dns,
        &json!({
            "findings": [{
                "code": "dns.missing", "severity": "error",
                "message": "dinkes.contohkab.go.id has no A record", "help": null,
                "file": null, "line": null, "site": "dinkes"
            }],
            "summary": {"errors": 1, "warnings": 0}
        })
        .to_string(),
    );
    let r = json_report(root.path(), AS_OF, &["--dns", dns.to_str().unwrap()]);
    let dinkes = site(&r, "dinkes");
    assert_eq!(dinkes["dns"][0]["code"], "dns.missing");
    assert_eq!(parts(dinkes)[5], ("Registri dan DNS".into(), 0));
    assert_eq!(site(&r, "disdik")["dns"], json!([]));
}

#[test]
fn in_a_git_work_tree_the_last_commit_of_each_site_is_shown() {
    let root = fixture("laporan");
    let r = root.path();
    git_at(r, "2026-06-01T09:00:00+0700", &["init", "-q"]);
    git_at(r, "2026-06-01T09:00:00+0700", &["add", "-A"]);
    git_at(
        r,
        "2026-06-01T09:00:00+0700",
        &["commit", "-q", "-m", "awal"],
    );
    let page = r.join("content/dinkes/kontak.md");
    write(&page, &format!("{}Telepon 119.\n", read(&page)));
    git_at(
        r,
        "2026-11-20T08:00:00+0700",
        &["commit", "-qam", "kontak dinkes"],
    );
    let report = json_report(r, AS_OF, &[]);
    assert_eq!(
        site(&report, "dinkes")["kesegaran"]["komit_terakhir"],
        "2026-11-20"
    );
    assert_eq!(
        site(&report, "disdik")["kesegaran"]["komit_terakhir"],
        "2026-06-01"
    );
    // A site without news or dated pages is dated by its commit, and says so.
    let html = stdout(&report_html(r));
    assert!(
        html.contains("belum ada berita bertanggal; perubahan terakhir di git 1 Juni 2026 (178 hari lalu)<br><span class=\"buruk\">tidak diperbarui</span>: tidak ada berita"),
        "{html}"
    );
    assert!(!html.contains("tidak diketahui ("), "{html}");
    // Not a repository: unknown, and the report is written all the same.
    let plain = fixture("laporan");
    let report = json_report(plain.path(), AS_OF, &[]);
    assert_eq!(
        site(&report, "dinkes")["kesegaran"]["komit_terakhir"],
        Value::Null
    );
}

#[test]
fn a_site_approved_after_the_date_is_listed_not_judged() {
    let root = fixture("laporan");
    let registry = root.path().join("domains.toml");
    // dinkes's decree moved after the report's date: on that date it had none.
    let text = read(&registry).replace(
        "decree = { number = \"100/001/KPTS/2024\", date = 2024-01-15 }",
        "decree = { number = \"100/001/KPTS/2024\", date = 2026-11-20 }",
    );
    let text = text.replace(
        "{ date = 2024-01-15, action = \"approved\", decree = \"100/001/KPTS/2024\" }",
        "{ date = 2026-11-20, action = \"approved\", decree = \"100/001/KPTS/2024\" }",
    );
    write(&registry, &text);
    let r = json_report(root.path(), "2026-11-10", &[]);
    let dinkes = site(&r, "dinkes");
    assert_eq!(dinkes["registri"]["sesudah_tanggal"], "2026-11-20");
    assert!(dinkes["skor"].is_null(), "{dinkes}");
    assert_eq!(r["ringkasan"]["situs_aktif"], 3);
    // pasar was requested on 2026-09-27: before that date it waits no negative days.
    let r = json_report(root.path(), "2026-09-01", &[]);
    let pasar = site(&r, "pasar");
    assert_eq!(pasar["registri"]["sesudah_tanggal"], "2026-09-27");
    assert!(pasar["registri"]["menunggu_hari"].is_null());
    let out = report(root.path(), "2026-11-10", &["--output", "-"]);
    let html = stdout(&out);
    assert!(
        html.contains("disetujui <time datetime=\"2026-11-20\">20 November 2026</time>, sesudah tanggal laporan; tidak dinilai dan tidak dihitung"),
        "{html}"
    );
}

/// What others write (an owner, here) stays text: escaped in the HTML, never a formula in
/// the CSV.
#[test]
fn hostile_names_stay_text_in_html_and_csv() {
    let root = fixture("laporan");
    let registry = root.path().join("domains.toml");
    let hostile = r#"=HYPERLINK(\"http://x\") </td><script>x</script>"#;
    write(
        &registry,
        &read(&registry).replace(
            "owner = \"Layanan Pengadaan Secara Elektronik\"",
            &format!("owner = \"{hostile}\""),
        ),
    );
    let html = stdout(&report_html(root.path()));
    assert!(!html.contains("<script"), "{html}");
    assert!(
        html.contains("=HYPERLINK(&quot;http:&#x2F;&#x2F;x&quot;) &lt;&#x2F;td&gt;&lt;script&gt;")
    );
    let out = report(root.path(), AS_OF, &["--format", "csv", "--output", "-"]);
    let csv = stdout(&out);
    let lpse = csv.lines().find(|r| r.starts_with("lpse,")).unwrap();
    assert!(
        lpse.starts_with(
            r#"lpse,"'=HYPERLINK(""http://x"") </td><script>x</script>",service,approved,"#
        ),
        "{lpse}"
    );
}

/// A site revoked by a decree stands in the report by that decree and its reason, never by
/// the decree that once approved it.
#[test]
fn a_revoked_site_is_reported_with_its_revocation_decree() {
    let root = fixture("laporan");
    let out = laman(
        root.path(),
        &[
            "domains",
            "revoke",
            "dishub",
            "--decree",
            "555/099/KPTS/DISKOMINFO/2026",
            "--date",
            "2026-10-01",
            "--reason",
            "Dinas digabung",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let r = json_report(root.path(), AS_OF, &[]);
    let dishub = site(&r, "dishub");
    assert_eq!(dishub["registri"]["status"], "revoked");
    assert_eq!(dishub["registri"]["alasan"], "Dinas digabung");
    assert_eq!(
        dishub["registri"]["keputusan"]["nomor"],
        "555/099/KPTS/DISKOMINFO/2026"
    );
    assert_eq!(dishub["registri"]["keputusan"]["tanggal"], "2026-10-01");
    let html = String::from_utf8(report_html(root.path()).stdout).unwrap();
    assert!(html.contains("Dinas digabung (Keputusan 555/"), "{html}");
}
