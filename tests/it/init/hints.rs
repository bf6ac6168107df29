//! An editor's slip is answered with what was meant: a link to a misspelt page or site
//! names the page that exists, as a link the editor can paste.

use super::{approve, checked, init, request};
use crate::common::*;
use serde_json::Value;
use std::path::Path;

/// `dinkes`, requested, given its starter pages and approved.
fn approved_site(repo: &Path) {
    request(repo, "dinkes", "Dinas Kesehatan", true);
    approve(repo, "dinkes");
}

#[test]
fn a_link_to_a_misspelt_page_suggests_the_page_that_exists() {
    let (_tmp, repo, _) = init("sukamajukab.go.id");
    approved_site(&repo);
    write(
        repo.join("content/portal/berita/ppdb-2027.md"),
        "+++\ntitle = \"PPDB 2027\"\ndate = 2026-11-20\n+++\n\nPendaftaran.\n",
    );
    write(
        repo.join("content/dinkes/profil/sejarah.md"),
        "+++\ntitle = \"Sejarah\"\n+++\n\nSejak 1950.\n",
    );
    write(
        repo.join("content/portal/pengumuman.md"),
        "+++\ntitle = \"Pengumuman\"\n+++\n\n\
         Lihat [PPDB](@/berita/ppdb-2026.md), [jadwal](@portal/berita/ppdb-2026.md#jadwal),\n\
         [sejarah](@dinkes/profil/sejarh.md) dan [PPID](@dinks/ppid.md).\n",
    );
    let found = checked(&repo, "code", "help");
    let broken: Vec<&str> = found
        .iter()
        .filter(|(code, _)| code == "content.link.broken")
        .map(|(_, help)| help.as_str())
        .collect();
    assert_eq!(broken.len(), 4, "{found:?}");
    for near in [
        "`@/berita/ppdb-2027.md`",
        "`@/berita/ppdb-2027.md#jadwal`",
        "`@dinkes/profil/sejarah.md`",
        "`@dinkes/ppid.md`",
    ] {
        assert!(
            broken
                .iter()
                .any(|h| h.starts_with("did you mean") && h.contains(near)),
            "{near}: {broken:?}"
        );
    }
}

#[test]
fn a_link_to_nothing_near_gives_the_general_hint() {
    let (_tmp, repo, _) = init("sukamajukab.go.id");
    write(
        repo.join("content/portal/pengumuman.md"),
        "+++\ntitle = \"Pengumuman\"\n+++\n\nLihat [x](@/arsip/laporan-keuangan-tahunan.md).\n",
    );
    let found = checked(&repo, "code", "help");
    let (_, help) = found
        .iter()
        .find(|(code, _)| code == "content.link.broken")
        .expect("a broken link");
    assert!(!help.contains("did you mean"), "{help}");
}

#[test]
fn a_service_missing_components_is_one_finding_with_a_line_for_each() {
    let (_tmp, repo, _) = init("sukamajukab.go.id");
    write(
        repo.join("content/portal/layanan/izin-keramaian.md"),
        "+++\ntitle = \"Izin Keramaian\"\n\n[layanan]\ntopik = \"perizinan\"\n\
         prosedur = \"Datang ke loket\"\npersyaratan = [\"KTP\"]\nbiaya = \"Gratis\"\n\
         waktu = \"3 hari kerja\"\nproduk = \"Surat izin\"\n\
         pengaduan = \"Loket pengaduan\"\n+++\n\nIzin.\n",
    );
    let out = laman(&repo, &["check", "--format", "json"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<&Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "content.service.incomplete")
        .collect();
    // The eight management components missing: one warning, a line for each.
    assert_eq!(found.len(), 1, "{json}");
    assert_eq!(found[0]["severity"], "warning");
    let message = found[0]["message"].as_str().unwrap();
    let lines: Vec<&str> = message.lines().skip(1).collect();
    assert_eq!(lines.len(), 8, "{message}");
    for key in ["dasar_hukum", "sarana", "jaminan_keamanan"] {
        assert!(
            lines.iter().any(|l| l.contains(&format!("`{key}`"))),
            "{key}: {message}"
        );
    }
}
