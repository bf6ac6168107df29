//! The bundled example regency (Kabupaten Sukamaju) builds as the README promises.

use crate::common;
use common::*;
use std::path::Path;

fn example() -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&repo.join("content"), &tmp.path().join("content"));
    std::fs::copy(repo.join("domains.toml"), tmp.path().join("domains.toml")).unwrap();
    tmp
}

#[test]
fn example_builds_every_approved_site_and_nothing_else() {
    let root = example();
    let out = laman(root.path(), &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let public = root.path().join("public");
    assert!(public.join("sukamajukab.go.id/index.html").is_file());
    for label in [
        "diskominfo",
        "dinkes",
        "disdik",
        "bappeda",
        "dukcapil",
        "dpmptsp",
        "dinsos",
        "pupr",
        "bkpsdm",
        "rsud",
        "kec-sukajaya",
    ] {
        let site = public.join(format!("{label}.sukamajukab.go.id"));
        for page in [
            "index.html",
            "profil/visi-misi/index.html",
            "berita/index.html",
            "layanan/index.html",
            "kontak/index.html",
            "ppid/index.html",
            "atom.xml",
        ] {
            assert!(site.join(page).is_file(), "{label}: {page}");
        }
    }
    for label in ["disparbud", "dishub", "pasar", "lpse", "simpeg"] {
        assert!(
            !public.join(format!("{label}.sukamajukab.go.id")).exists(),
            "{label} must not be published"
        );
    }
    // dishub suspended and pasar revoked are warnings; disparbud, still requested, is
    // being prepared before its decree: a notice.
    let warned: Vec<_> = stderr(&out)
        .matches("warning[content.unapproved]")
        .map(drop)
        .collect();
    assert_eq!(warned.len(), 2);
    assert_eq!(stderr(&out).matches("note[content.prepared]").count(), 1);
}

#[test]
fn example_service_pages_carry_the_service_standard() {
    let root = example();
    let out = laman(
        root.path(),
        &["build", "--as-of", "2026-11-26", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0));
    let public = root.path().join("public");
    let page = read(public.join("dukcapil.sukamajukab.go.id/layanan/akta-kelahiran/index.html"));
    // Every component of the standard under its heading, in the order of the law.
    let at: Vec<usize> = laman::content::service::COMPONENTS
        .iter()
        .map(|c| {
            page.find(&format!(">{}</h3>", c.title))
                .unwrap_or_else(|| panic!("{}", c.title))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]));
    // The portal's catalogue lists every service of every published site (23 services
    // in 11 OPD sites, and none of the suspended dishub).
    let data: serde_json::Value =
        serde_json::from_str(&read(public.join("sukamajukab.go.id/layanan.json"))).unwrap();
    let services = data["layanan"].as_array().unwrap();
    assert!(services.len() >= 20, "{}", services.len());
    assert!(services.iter().all(|l| l["opd"]["label"] != "dishub"));
    // The example shows each warning of structured content once, on purpose: one service
    // without a management component, one PPID item overdue for renewal.
    let warnings: Vec<String> = findings(&out)
        .iter()
        .filter(|f| f["code"] != "content.unapproved" && f["code"] != "content.prepared")
        .map(|f| {
            format!(
                "{} {}",
                f["code"].as_str().unwrap(),
                f["file"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        warnings,
        vec![
            "content.service.incomplete content/bkpsdm/layanan/izin-belajar.md",
            "content.ppid.stale content/kec-sukajaya/ppid.md",
        ]
    );
}

#[test]
fn example_check_json_has_no_errors() {
    let root = example();
    let out = laman(root.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["summary"]["errors"], 0);
    assert_eq!(doc["summary"]["sites"], 12);
}
