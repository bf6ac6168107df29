//! One site's status never fails another (issue 25, points 1 and 3), on a regency other
//! than the example (`tests/fixtures/status`, Kabupaten Lembah Hijau): the portal and
//! disdik read dinkes every way one site reads another (markdown links, a `_site.toml`
//! footer link, a PPID `tautan`, the portal's news, the service catalogue and its open
//! data, the regency's PPID list, the OPD directory, the search index). For each status
//! dinkes may have, `laman build` publishes every other site, warns on each link with
//! `content.link.unpublished`, and nothing of dinkes reaches the output. A site that is
//! not approved is still checked, with its findings as warnings. (Its preview in
//! `laman serve` is tested in tests/it/serve/.)

use crate::common;
use common::*;
use std::path::Path;

const FQDN: &str = "dinkes.lembahhijaukab.go.id";

/// The fixture with dinkes at `status` (without its decree when it never had one), and
/// a footer link to dinkes in disdik's settings.
fn regency(status: &str) -> tempfile::TempDir {
    let dir = fixture("status");
    let path = dir.path().join("domains.toml");
    let text = read(&path);
    let (head, dinkes) = text.split_once("label = \"dinkes\"").unwrap();
    let mut dinkes = dinkes.replace("status = \"approved\"", &format!("status = \"{status}\""));
    if matches!(status, "requested" | "rejected") {
        dinkes = dinkes
            .lines()
            .filter(|l| !l.starts_with("decree"))
            .collect::<Vec<_>>()
            .join("\n");
    }
    write(&path, &format!("{head}label = \"dinkes\"{dinkes}\n"));
    write(
        dir.path().join("content/disdik/_site.toml"),
        "[links]\npengaduan = \"@dinkes/_index.md\"\n",
    );
    dir
}

fn build(root: &Path) -> std::process::Output {
    let out = root.join("public");
    laman(
        root,
        &["build", "--out", out.to_str().unwrap(), "--format", "json"],
    )
}

/// Every output file's text, by path under `public/`.
fn published(root: &Path) -> Vec<(String, String)> {
    snapshot(&root.join("public"))
        .into_iter()
        .map(|(p, b)| {
            (
                p.display().to_string(),
                String::from_utf8_lossy(&b).into_owned(),
            )
        })
        .collect()
}

fn file<'a>(files: &'a [(String, String)], path: &str) -> &'a str {
    files
        .iter()
        .find(|(p, _)| p == path)
        .map(|(_, t)| t.as_str())
        .unwrap_or_else(|| panic!("{path} not published"))
}

/// What dinkes gives the other sites when it is approved: each is looked for below.
const NEWS: &str = "Posyandu Balita Serentak";
const SERVICE: &str = "Imunisasi Dasar Lengkap";
const INFO: &str = "Rencana Strategis Dinas Kesehatan";

#[test]
fn approved_dinkes_feeds_the_other_sites_every_way() {
    // The baseline that makes the tests below able to fail.
    let dir = regency("approved");
    let out = build(dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(codes(&out).iter().all(|c| !c.starts_with("content.link")));
    let files = published(dir.path());
    let portal = "lembahhijaukab.go.id";
    assert!(file(&files, &format!("{portal}/index.html")).contains(NEWS));
    assert!(file(&files, &format!("{portal}/layanan/index.html")).contains(SERVICE));
    assert!(file(&files, &format!("{portal}/layanan.json")).contains(SERVICE));
    assert!(file(&files, &format!("{portal}/ppid/index.html")).contains(INFO));
    assert!(file(&files, &format!("{portal}/informasi-publik.json")).contains(INFO));
    assert!(file(&files, &format!("{portal}/direktori/index.html")).contains(FQDN));
    assert!(files.iter().any(|(p, _)| p.starts_with(FQDN)));
    // A service of disdik links to dinkes in a component, written out in open data.
    assert!(file(&files, &format!("{portal}/layanan.json"))
        .contains(&format!("[puskesmas](https://{FQDN}/)")));
    assert!(file(&files, "disdik.lembahhijaukab.go.id/index.html")
        .contains(&format!("href=\"https://{FQDN}/berita/posyandu-balita/\"")));
}

#[test]
fn each_status_of_one_site_leaves_every_other_site_published() {
    for status in ["requested", "suspended", "revoked", "rejected"] {
        let dir = regency(status);
        let out = build(dir.path());
        let report = stdout(&out);
        assert_eq!(out.status.code(), Some(0), "{status}: {report}");
        let findings = findings(&out);
        assert!(
            findings
                .iter()
                .all(|f| f["severity"] == "warning" || f["code"] == "content.prepared"),
            "{status}: {report}"
        );
        assert!(
            !codes(&out).iter().any(|c| c == "content.link.broken"),
            "{status}: {report}"
        );
        links_to_dinkes_are_findings(status, &out);
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(doc["summary"]["errors"], 0, "{status}: {report}");
        nothing_of_dinkes_is_published(status, &published(dir.path()));
    }
}

/// Every way the portal and disdik link to dinkes, each at its own line, is a finding
/// that names the `status`.
fn links_to_dinkes_are_findings(status: &str, out: &std::process::Output) {
    let report = stdout(out);
    let findings = findings(out);
    let mut links: Vec<(String, u64)> = findings
        .iter()
        .filter(|f| f["code"] == "content.link.unpublished")
        .map(|f| {
            let message = f["message"].as_str().unwrap();
            assert!(message.contains(status), "{status}: {message}");
            assert!(!message.contains("did you mean"), "{message}");
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    links.sort();
    assert_eq!(
        links,
        [
            ("content/disdik/_index.md".to_string(), 5),
            ("content/disdik/_site.toml".to_string(), 2),
            ("content/disdik/berita/sekolah.md".to_string(), 6),
            ("content/disdik/layanan/beasiswa.md".to_string(), 5),
            ("content/portal/_index.md".to_string(), 5),
            ("content/portal/ppid/_index.md".to_string(), 13),
            ("content/portal/ppid/_index.md".to_string(), 19),
        ],
        "{status}: {report}"
    );
    // A site still requested is being prepared: a notice; any other status a warning.
    let said = if status == "requested" {
        "content.prepared"
    } else {
        "content.unapproved"
    };
    assert_eq!(codes(out).iter().filter(|c| *c == said).count(), 1);
    let other = if status == "requested" {
        "content.unapproved"
    } else {
        "content.prepared"
    };
    assert!(!codes(out).iter().any(|c| c == other), "{status}");
}

/// With dinkes not approved, its pages, news, services and information are nowhere in
/// the published `files`, and the links to it are what `status` calls for.
fn nothing_of_dinkes_is_published(status: &str, files: &[(String, String)]) {
    let portal = "lembahhijaukab.go.id";
    for site in [portal, "disdik.lembahhijaukab.go.id"] {
        assert!(
            files
                .iter()
                .any(|(p, _)| p == &format!("{site}/index.html")),
            "{status}: {site} not published"
        );
    }
    assert!(
        !files.iter().any(|(p, _)| p.starts_with(FQDN)),
        "{status}: dinkes was published"
    );
    let manifest = file(files, "laman-manifest.json");
    assert!(!manifest.contains(FQDN), "{status}: {manifest}");
    // Nothing of dinkes on another site: news, catalogue, open data, PPID list.
    for (path, text) in files {
        for what in [NEWS, SERVICE, INFO] {
            assert!(!text.contains(what), "{status}: {what} in {path}");
        }
    }
    assert!(!file(files, &format!("{portal}/direktori/index.html")).contains(FQDN));
    // No `@` link is left as written anywhere, open data included.
    for (path, text) in files {
        assert!(!text.contains("@dinkes"), "{status}: @dinkes in {path}");
    }
    let open_data = file(files, &format!("{portal}/layanan.json"));
    // The links: kept into a suspended site (it answers with the notice), plain
    // text otherwise.
    let disdik = file(files, "disdik.lembahhijaukab.go.id/index.html");
    let linked = files.iter().any(|(_, t)| t.contains(FQDN));
    if status == "suspended" {
        assert!(
            disdik.contains(&format!(
                "<a href=\"https://{FQDN}/berita/posyandu-balita/\">kabar posyandu</a>"
            )),
            "{disdik}"
        );
        assert!(file(
            files,
            "disdik.lembahhijaukab.go.id/berita/sekolah/index.html"
        )
        .contains(&format!(
            "href=\"https://{FQDN}/layanan/imunisasi/#standar-persyaratan\""
        )));
        assert!(open_data.contains(&format!("[puskesmas](https://{FQDN}/)")));
    } else {
        assert!(!linked, "{status}: a link to {FQDN} was written");
        assert!(
            open_data.contains("surat keterangan sehat dari puskesmas\""),
            "{open_data}"
        );
        assert!(disdik.contains("\nkabar posyandu.</p>"), "{disdik}");
    }
}

#[test]
fn the_search_index_holds_only_published_sites() {
    for (status, indexed) in [
        ("approved", true),
        ("suspended", false),
        ("requested", false),
    ] {
        let dir = regency(status);
        let options = laman::build::Options {
            root: dir.path().to_path_buf(),
            mode: laman::build::Mode::Preview,
            sites: Vec::new(),
            drafts: false,
            today: jiff::civil::date(2026, 11, 1),
        };
        let produced = laman::build::produce(
            &options,
            laman::site::UrlStyle::Https,
            laman::build::BUILT,
            None,
            None,
            &|_| {},
        )
        .unwrap_or_else(|_| panic!("{status}: refused"));
        // Every rendered site's pages, dinkes's too (the preview holds them).
        assert!(produced.outputs.iter().any(|o| o.label == "dinkes"));
        let collector = laman::search::Collector::default();
        for o in &produced.outputs {
            collector.take(o);
        }
        let entries = laman::search::entries(&produced.model, collector.into_sites());
        assert!(entries
            .iter()
            .any(|e| e.alamat == "disdik.lembahhijaukab.go.id"));
        assert_eq!(
            entries.iter().any(|e| e.alamat == FQDN),
            indexed,
            "{status}"
        );
    }
}

#[test]
fn a_site_prepared_before_its_decree_is_checked_with_the_same_codes() {
    let dir = regency("requested");
    let root = dir.path();
    // Mistakes an OPD makes while preparing: a misspelt field, a broken link.
    write(
        root.join("content/dinkes/profil.md"),
        "+++\ntitle = \"Profil\"\ntittle = \"Profil\"\n+++\nProfil.\n",
    );
    write(
        root.join("content/dinkes/kontak.md"),
        "+++\ntitle = \"Kontak\"\n+++\nLihat [misi](@/misi.md).\n",
    );
    let out = laman(root, &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let of_dinkes: Vec<(String, String)> = findings(&out)
        .iter()
        .filter(|f| f["site"] == "dinkes")
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        of_dinkes.contains(&("content.prepared".to_string(), "notice".to_string())),
        "{of_dinkes:?}"
    );
    for code in ["content.frontmatter.field", "content.link.broken"] {
        assert!(
            of_dinkes.contains(&(code.to_string(), "warning".to_string())),
            "{code}: {of_dinkes:?}"
        );
    }
    let text = laman(root, &["check"]);
    assert_eq!(text.status.code(), Some(0));
    assert!(
        stderr(&text).contains("content/dinkes/profil.md:3")
            && stderr(&text).contains("content/dinkes/kontak.md:4"),
        "{}",
        stderr(&text)
    );

    // The build publishes the others and nothing of dinkes; it cannot be named.
    let built = build(root);
    assert_eq!(built.status.code(), Some(0), "{}", stdout(&built));
    assert!(!root.join("public").join(FQDN).exists());
    let named = laman(root, &["build", "--site", "dinkes"]);
    assert_eq!(named.status.code(), Some(2), "{}", stderr(&named));

    // Approved, the same findings are errors of its own build.
    let path = root.join("domains.toml");
    let text = read(&path).replace("status = \"requested\"", "status = \"approved\"");
    write(
        &path,
        &text.replace(
            "requested = 2024-01-05\n",
            "requested = 2024-01-05\ndecree = { number = \"400/001/KPTS/2024\", date = 2024-01-15 }\n",
        ),
    );
    let out = laman(root, &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let errors: Vec<String> = findings(&out)
        .iter()
        .filter(|f| f["site"] == "dinkes" && f["severity"] == "error")
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect();
    assert!(
        errors.contains(&"content.frontmatter.field".to_string()),
        "{errors:?}"
    );
    assert!(
        errors.contains(&"content.link.broken".to_string()),
        "{errors:?}"
    );
}

#[test]
fn the_warnings_are_in_indonesian_with_indonesian_status_words() {
    for (status, word) in [
        ("requested", "diajukan"),
        ("suspended", "ditangguhkan"),
        ("revoked", "dicabut"),
        ("rejected", "ditolak"),
    ] {
        let dir = regency(status);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_laman"))
            .args(["check", "--root"])
            .arg(dir.path())
            .env_remove("CI")
            .env("LAMAN_LANG", "id")
            .output_in_time();
        let text = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{text}");
        assert!(
            text.contains(&format!(
                "menuju `dinkes`, yang subdomainnya berstatus {word} di domains.toml"
            )),
            "{status}: {text}"
        );
    }
}
