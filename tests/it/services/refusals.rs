//! What a service page or an information list refuses, each at its file and line.

use super::*;

#[test]
fn a_service_without_persyaratan_is_refused() {
    let hit = refused(
        SIP,
        |t| {
            t.replace("persyaratan = [\"STR yang masih berlaku\", \"Surat rekomendasi organisasi profesi\"]\n", "")
        },
        "content.service.incomplete",
        6,
    );
    assert!(hit["message"].as_str().unwrap().contains("persyaratan"));
    assert!(hit["help"].as_str().unwrap().contains("UU 25/2009"));
}

#[test]
fn a_cost_that_is_not_an_amount_is_refused() {
    let hit = refused(
        "content/disdik/layanan/legalisasi.md",
        |t| t.replace("biaya = 5000", "biaya = \"murah\""),
        "content.frontmatter.field",
        9,
    );
    assert!(hit["message"].as_str().unwrap().contains("murah"));
}

#[test]
fn a_time_that_is_not_a_time_is_refused() {
    refused(
        SIP,
        |t| t.replace("waktu = \"1-3 hari kerja\"", "waktu = \"secepatnya\""),
        "content.frontmatter.field",
        10,
    );
}

#[test]
fn an_unknown_topic_is_refused() {
    let hit = refused(
        SIP,
        |t| t.replace("topik = \"kesehatan\"", "topik = \"kesehatn\""),
        "content.frontmatter.field",
        7,
    );
    assert!(hit["help"]
        .as_str()
        .unwrap()
        .contains("did you mean `kesehatan`?"));
}

#[test]
fn an_unknown_classification_is_refused() {
    let hit = refused(
        "content/dinkes/ppid.md",
        |t| t.replace("klasifikasi = \"serta-merta\"", "klasifikasi = \"rahasia\""),
        "content.frontmatter.field",
        22,
    );
    assert!(hit["message"].as_str().unwrap().contains("rahasia"));
}

#[test]
fn exempt_information_without_its_legal_ground_is_refused() {
    refused(
        "content/dinkes/ppid.md",
        |t| t.replace("dasar_hukum = \"UU 14/2008 Pasal 17 huruf h\"\n", ""),
        "content.ppid.incomplete",
        24,
    );
}

#[test]
fn a_regency_list_outside_the_portal_and_catalogue_settings_outside_the_portal_are_refused() {
    refused(
        "content/dinkes/ppid.md",
        |t| t.replace("daftar = \"situs\"", "daftar = \"kabupaten\""),
        "content.frontmatter.field",
        5,
    );
    refused(
        "content/dinkes/_site.toml",
        |t| format!("{t}catalogue = \"layanan\"\n"),
        "content.site.config",
        3,
    );
}
