//! Public services and PPID information as structured content, through the real binary
//! on the `layanan` fixture: the portal's catalogue and its open data, service pages,
//! each Daftar Informasi Publik, and every kind of bad input.

use crate::common;
use common::*;
use serde_json::Value;
use std::path::Path;

mod refusals;

const AS_OF: &str = "2026-11-26";
const PORTAL: &str = "contohkab.go.id";

/// Builds the fixture (as of [`AS_OF`]) and returns it with the run's findings.
fn built() -> (tempfile::TempDir, Vec<Value>) {
    let root = fixture("layanan");
    let out = laman(
        root.path(),
        &["build", "--as-of", AS_OF, "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let found = findings(&out);
    (root, found)
}

fn public(root: &Path, path: &str) -> String {
    read(root.join("public").join(path))
}

fn json(root: &Path, path: &str) -> Value {
    serde_json::from_str(&public(root, path)).unwrap()
}

#[test]
fn the_catalogue_lists_every_service_of_every_approved_site() {
    let (root, _) = built();
    catalogue_json_lists_every_service(root.path());
    catalogue_csv_and_page_list_them_too(root.path());
}

/// `layanan.json`: every service of the approved sites, in order, with its figures.
fn catalogue_json_lists_every_service(root: &Path) {
    let data = json(root, &format!("{PORTAL}/layanan.json"));
    assert_eq!(data["versi"], 1);
    assert_eq!(data["katalog"], "https://contohkab.go.id/layanan/");
    let names: Vec<(&str, &str)> = data["layanan"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["opd"]["label"].as_str().unwrap(),
                l["nama"].as_str().unwrap(),
            )
        })
        .collect();
    // The suspended dishub's service is not there; sites in the model's order, then by
    // title.
    assert_eq!(
        names,
        vec![
            ("dinkes", "Ambulans Gawat Darurat"),
            ("dinkes", "Surat Izin Praktik Tenaga Kesehatan"),
            ("disdik", "Legalisasi Ijazah"),
            ("disdik", "Rekomendasi Sertifikat Tanah Sekolah"),
        ]
    );
    assert_eq!(data["jumlah"], 4);
    let sip = &data["layanan"][1];
    assert_eq!(
        sip["url"],
        "https://dinkes.contohkab.go.id/layanan/izin-praktik/"
    );
    assert_eq!(sip["topik"]["nama"], "Kesehatan");
    assert_eq!(sip["waktu"]["jumlah_min"], 1);
    assert_eq!(sip["waktu"]["jumlah_maks"], 3);
    assert_eq!(sip["waktu"]["satuan"], "hari kerja");
    assert_eq!(sip["biaya"]["gratis"], false);
    assert_eq!(sip["biaya"]["rincian"][0]["tarif"], 100_000);
    assert_eq!(sip["biaya"]["rincian"][1]["tarif"], 0);
    assert_eq!(
        sip["komponen"]["persyaratan"][1],
        "Surat rekomendasi organisasi profesi"
    );
    // `@` links are written out for readers outside the regency's sites.
    assert_eq!(
        sip["komponen"]["pengaduan"][0],
        "Surel dinkes@contohkab.go.id atau [PPID](https://dinkes.contohkab.go.id/ppid/)."
    );
    assert_eq!(sip["komponen_kurang"], serde_json::json!([]));
    assert_eq!(sip["diperbarui"], "2026-10-01");
    let ambulans = &data["layanan"][0];
    assert_eq!(
        ambulans["komponen_kurang"],
        serde_json::json!(["evaluasi_kinerja"])
    );
    assert_eq!(ambulans["waktu"]["menit_maks"], 30);
    assert_eq!(ambulans["biaya"]["gratis"], true);
    let legalisasi = &data["layanan"][2];
    assert_eq!(legalisasi["biaya"]["jumlah"], 5000);
    assert_eq!(legalisasi["biaya"]["teks"], "Rp5.000");
    assert_eq!(
        legalisasi["waktu"]["teks"],
        "1 hari kerja (sejak berkas lengkap)"
    );
    // A topic the regency added in the portal's settings.
    assert_eq!(
        data["layanan"][3]["topik"]["nama"],
        "Pertanahan dan Tata Ruang"
    );
    assert_eq!(data["layanan"][3]["waktu"]["jumlah_maks"], 14);
}

/// `layanan.csv` and the catalogue page: the same services, by topic and by OPD.
fn catalogue_csv_and_page_list_them_too(root: &Path) {
    let csv = public(root, &format!("{PORTAL}/layanan.csv"));
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(
        rows[0],
        "opd,layanan,topik,waktu,waktu_menit_maks,biaya,gratis,produk,url"
    );
    assert_eq!(rows.len(), 5);
    assert!(
        rows[3].starts_with("Dinas Pendidikan,Legalisasi Ijazah,Pendidikan,"),
        "{}",
        rows[3]
    );

    // The page: the regency's introduction, then every service by topic and by OPD.
    let page = public(root, &format!("{PORTAL}/layanan/index.html"));
    assert!(page.contains("Pengantar katalog dari Dinas Kominfo."));
    let topics = ["Kesehatan", "Pendidikan", "Pertanahan dan Tata Ruang"];
    let at: Vec<usize> = topics
        .iter()
        .map(|t| {
            page.find(&format!(">{t}</h3>"))
                .unwrap_or_else(|| panic!("{t}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "topics in order");
    assert!(page.contains("href=\"https://disdik.contohkab.go.id/layanan/legalisasi/\""));
    assert!(!page.contains("Uji KIR"));
    assert!(page.contains("4 layanan dari 2 perangkat daerah"));
}

#[test]
fn a_service_page_follows_the_standard() {
    let (root, _) = built();
    let page = public(
        root.path(),
        "dinkes.contohkab.go.id/layanan/izin-praktik/index.html",
    );
    // Components in the legal order, each under its own heading.
    let order = [
        "standar-persyaratan",
        "standar-prosedur",
        "standar-waktu",
        "standar-biaya",
        "standar-produk",
        "standar-pengaduan",
        "standar-dasar-hukum",
        "standar-sarana",
        "standar-kompetensi-pelaksana",
        "standar-pengawasan-internal",
        "standar-jumlah-pelaksana",
        "standar-jaminan-pelayanan",
        "standar-jaminan-keamanan",
        "standar-evaluasi-kinerja",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|id| {
            page.find(&format!("id=\"{id}\""))
                .unwrap_or_else(|| panic!("{id}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "legal order");
    // The summary box comes first; the procedure is numbered; cost items are listed.
    let summary = page.find("class=ringkas").unwrap();
    assert!(summary < at[0]);
    assert!(page.contains("<dd>1-3 hari kerja</dd>"));
    assert!(page.contains("<li>Retribusi SIP dokter: Rp100.000 per izin</li>"));
    assert!(page.contains("<ol>\n<li>Daftar daring</li>"));
    // The site's pledge, rendered as markdown.
    assert!(page.contains("<strong>standar pelayanan</strong>"));
    // JSON-LD that parses and names the service, its provider and area.
    let start = page.find("application/ld+json>").unwrap() + "application/ld+json>".len();
    let end = start + page[start..].find("</script>").unwrap();
    let ld: Value = serde_json::from_str(&page[start..end]).unwrap();
    assert_eq!(ld["@type"], "GovernmentService");
    assert_eq!(ld["name"], "Surat Izin Praktik Tenaga Kesehatan");
    assert_eq!(ld["provider"]["name"], "Dinas Kesehatan");
    assert_eq!(ld["areaServed"]["name"], "Kabupaten Contoh");
    // A service without a management component says so on the page.
    let ambulans = public(
        root.path(),
        "dinkes.contohkab.go.id/layanan/ambulans/index.html",
    );
    assert!(ambulans.contains("Belum dicantumkan: Evaluasi Kinerja Pelaksana."));
}

#[test]
fn each_site_and_the_portal_show_their_daftar_informasi_publik() {
    let (root, found) = built();
    let site = public(root.path(), "dinkes.contohkab.go.id/ppid/index.html");
    for text in [
        "<caption>Informasi berkala</caption>",
        "<caption>Informasi serta-merta</caption>",
        "<caption>Informasi yang dikecualikan</caption>",
        "<a href=\"https://dinkes.contohkab.go.id/layanan/izin-praktik/\">Rencana Strategis 2025-2029</a>",
        "<td>UU 14/2008 Pasal 17 huruf h</td>",
        "<time datetime=\"2026-07-15\">15 Juli 2026</time>",
    ] {
        assert!(site.contains(text), "{text}");
    }
    let portal = public(root.path(), &format!("{PORTAL}/ppid/index.html"));
    assert!(portal.contains("id=\"dip-dinkes\""));
    assert!(portal.contains("Profil Pemerintah Kabupaten Contoh"));
    assert!(portal.contains("Rekam medis pasien"));
    let data = json(root.path(), &format!("{PORTAL}/informasi-publik.json"));
    assert_eq!(data["jumlah"], 5);
    let titles: Vec<(&str, &str)> = data["informasi"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["opd"]["label"].as_str().unwrap(),
                i["klasifikasi"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        titles,
        vec![
            ("portal", "berkala"),
            ("dinkes", "berkala"),
            ("dinkes", "berkala"),
            ("dinkes", "serta-merta"),
            ("dinkes", "dikecualikan"),
        ]
    );
    assert_eq!(data["informasi"][3]["penanggung_jawab"], "Dinas Kesehatan");
    // The one item renewed more than six months before the date, with file and line.
    let stale: Vec<&Value> = found
        .iter()
        .filter(|f| f["code"] == "content.ppid.stale")
        .collect();
    assert_eq!(stale.len(), 1, "{found:#?}");
    assert_eq!(stale[0]["file"], "content/dinkes/ppid.md");
    assert_eq!(stale[0]["line"], 15);
    assert_eq!(stale[0]["severity"], "warning");
}

#[test]
fn stale_information_is_counted_from_as_of() {
    let root = fixture("layanan");
    let stale_on = |date: &str| {
        let out = laman(root.path(), &["check", "--as-of", date, "--format", "json"]);
        assert_eq!(out.status.code(), Some(0));
        codes(&out)
            .iter()
            .filter(|c| *c == "content.ppid.stale")
            .count()
    };
    assert_eq!(stale_on("2026-06-15"), 0);
    assert_eq!(stale_on("2026-06-16"), 1, "six months and a day");
    assert_eq!(
        stale_on("2027-03-02"),
        3,
        "the portal's and both dinkes items"
    );
    let out = laman(root.path(), &["check", "--as-of", "kemarin"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("YYYY-MM-DD"));
}

#[test]
fn a_missing_management_component_is_a_warning_and_the_site_is_published() {
    let (root, found) = built();
    let hit = found
        .iter()
        .find(|f| f["code"] == "content.service.incomplete")
        .unwrap();
    assert_eq!(hit["severity"], "warning");
    assert_eq!(hit["file"], "content/dinkes/layanan/ambulans.md");
    assert_eq!(hit["line"], 3);
    assert!(root
        .path()
        .join("public/dinkes.contohkab.go.id/layanan/ambulans/index.html")
        .exists());
}

#[test]
fn hostile_text_cannot_break_out_of_json_ld_or_csv() {
    let root = fixture("layanan");
    let path = root.path().join(SIP);
    let text = read(&path)
        .replace(
            "title = \"Surat Izin Praktik Tenaga Kesehatan\"",
            "title = \"SIP </script><script>alert(1)</script> =HYPERLINK(\\\"http://x\\\")\"",
        )
        .replace(
            "produk = \"Surat Izin Praktik (SIP)\"",
            "produk = \"=cmd|' /C calc'!A0\"",
        );
    write(&path, &text);
    let out = laman(root.path(), &["build", "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = public(
        root.path(),
        "dinkes.contohkab.go.id/layanan/izin-praktik/index.html",
    );
    let start = page.find("application/ld+json>").unwrap() + "application/ld+json>".len();
    let end = start + page[start..].find("</script>").unwrap();
    let ld: Value = serde_json::from_str(&page[start..end]).unwrap();
    assert_eq!(
        ld["name"],
        "SIP </script><script>alert(1)</script> =HYPERLINK(\"http://x\")"
    );
    assert!(!page.contains("<script>alert"));
    let csv = public(root.path(), &format!("{PORTAL}/layanan.csv"));
    let row = csv.lines().find(|l| l.contains("HYPERLINK")).unwrap();
    assert!(row.contains(",'=cmd|' /C calc'!A0,"), "{row}");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    for record in reader.records() {
        let record = record.unwrap();
        assert_eq!(record.len(), 9);
        for cell in record.iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell}");
        }
    }
}

#[test]
fn a_catalogue_path_without_a_section_is_made_by_laman() {
    let root = fixture("layanan");
    write(
        root.path().join("content/portal/_site.toml"),
        "[services]\ncatalogue = \"standar-pelayanan\"\n[services.topics]\npertanahan = \"Pertanahan\"\n",
    );
    let out = laman(root.path(), &["build", "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = public(
        root.path(),
        &format!("{PORTAL}/standar-pelayanan/index.html"),
    );
    assert!(page.contains("<h1>Katalog Layanan Publik</h1>"));
    assert!(page.contains("Legalisasi Ijazah"));
    let sitemap = public(root.path(), &format!("{PORTAL}/sitemap.xml"));
    assert!(sitemap.contains("https://contohkab.go.id/standar-pelayanan/"));
    // The old section stays an ordinary list.
    let old = public(root.path(), &format!("{PORTAL}/layanan/index.html"));
    assert!(!old.contains("layanan.json"));
}

#[test]
fn unsafe_html_in_a_component_names_the_components_line() {
    // The components are rendered together; each finding still names its own line.
    refused(
        SIP,
        |t| {
            t.replace(
                "jaminan_keamanan = \"Berkas dijaga kerahasiaannya\"",
                "jaminan_keamanan = \"Berkas <script>alert(1)</script> dijaga\"",
            )
        },
        "content.html.unsafe",
        23,
    );
    refused(
        SIP,
        |t| t.replace("\"Daftar daring\"", "\"Daftar di [sini](@/tidak-ada.md)\""),
        "content.link.broken",
        9,
    );
    // A component that writes the break between components itself is rendered alone,
    // and its line is still right.
    refused(
        SIP,
        |t| {
            t.replace(
                "sarana = \"Loket perizinan\"",
                "sarana = \"LAMANBAGIANd41f7c <img src=x onerror=alert(1)>\"",
            )
        },
        "content.html.unsafe",
        18,
    );
}

#[test]
fn the_catalogue_cannot_take_the_place_of_the_ppid_list_or_the_news() {
    refused(
        "content/portal/_site.toml",
        |_| "[services]\ncatalogue = \"ppid\"\n".to_string(),
        "content.site.config",
        2,
    );
}

#[test]
fn a_ppid_link_to_another_host_without_a_scheme_is_refused() {
    refused(
        "content/dinkes/ppid.md",
        |t| {
            t.replace(
                "tautan = \"@/layanan/izin-praktik.md\"",
                "tautan = \"//evil.example/x\"",
            )
        },
        "content.html.unsafe",
        7,
    );
}

/// A refused build of the fixture with `file` changed by `edit`; the finding.
fn refused(file: &str, edit: impl FnOnce(String) -> String, code: &str, line: u64) -> Value {
    let (_root, hit) = refused_build_of(
        "layanan",
        |r| {
            let path = r.join(file);
            write(&path, &edit(read(&path)));
        },
        code,
        file,
    );
    assert_eq!(hit["line"], line, "{hit}");
    hit
}

/// The fixture's service page that the refusals spoil.
const SIP: &str = "content/dinkes/layanan/izin-praktik.md";
