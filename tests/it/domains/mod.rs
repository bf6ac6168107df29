//! The registry's rules, its workflow commands, and the zone: each rule has a failing
//! case (one change to the clean fixture) and the clean fixture passes them all.

use crate::common;
use common::*;
use std::path::Path;

mod commands;
mod dates;
mod workflow;
mod zone;

/// Applies `from → to` to the fixture's domains.toml, runs `laman domains check`, and
/// checks that `code` is reported, as an error or warning of the right exit status, on a
/// line of the entry (or table) that was changed.
fn rule(from: &str, to: &str, code: &str) -> serde_json::Value {
    let root = fixture("contoh");
    let text = read(root.path().join("domains.toml"));
    let at = text
        .find(from)
        .unwrap_or_else(|| panic!("fixture lacks {from:?}"));
    let text = text.replacen(from, to, 1);
    write(root.path().join("domains.toml"), &text);
    let out = laman(root.path(), &["domains", "check", "--format", "json"]);
    let all = findings(&out);
    let hit = all
        .iter()
        .find(|f| f["code"] == code)
        .unwrap_or_else(|| panic!("no {code}: {all:#?}"));
    assert_eq!(hit["file"], "domains.toml");
    // The reported line and the change lie in the same table: no table header between.
    let changed = text[..at].matches('\n').count() + 1;
    let reported = hit["line"].as_u64().unwrap() as usize;
    let lines: Vec<&str> = text.lines().collect();
    let (lo, hi) = (changed.min(reported), changed.max(reported));
    let headers = lines[lo..hi.saturating_sub(1).max(lo)]
        .iter()
        .filter(|l| l.starts_with('['))
        .count();
    assert_eq!(
        headers, 0,
        "{code} reported on line {reported}, change on line {changed}"
    );
    if hit["severity"] == "error" {
        assert_eq!(out.status.code(), Some(1), "{all:#?}");
    } else if all.iter().all(|f| f["severity"] == "warning") {
        assert_eq!(out.status.code(), Some(0), "{all:#?}");
    }
    hit.clone()
}

/// Today as the CLI sees it (decrees may not be later, requests are dated today).
fn today() -> String {
    jiff::Zoned::now().date().to_string()
}

#[test]
fn clean_registry_passes_every_rule() {
    let root = fixture("contoh");
    let out = laman(root.path(), &["domains", "check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(findings(&out).is_empty(), "{:#?}", findings(&out));
    let repo = laman(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["domains", "check", "--format", "json"],
    );
    assert!(
        findings(&repo).is_empty(),
        "the example registry: {:#?}",
        findings(&repo)
    );
}

#[test]
fn label_with_uppercase_or_bad_characters() {
    rule(
        "label = \"disdik\"",
        "label = \"Dis_dik\"",
        "registry.label.syntax",
    );
}

#[test]
fn label_with_leading_hyphen() {
    rule(
        "label = \"disdik\"",
        "label = \"-disdik\"",
        "registry.label.syntax",
    );
}

#[test]
fn label_with_double_hyphen_that_is_not_idna() {
    rule(
        "label = \"disdik\"",
        "label = \"ab--disdik\"",
        "registry.label.syntax",
    );
}

#[test]
fn label_too_long() {
    rule(
        "label = \"disdik\"",
        &format!("label = \"{}\"", "d".repeat(64)),
        "registry.label.syntax",
    );
}

#[test]
fn reserved_labels() {
    for label in ["www", "mail", "ns3", "autodiscover", "_dmarc", "portal"] {
        rule(
            "label = \"disdik\"",
            &format!("label = \"{label}\""),
            "registry.label.reserved",
        );
    }
}

#[test]
fn duplicate_label_in_other_case() {
    let hit = rule(
        "label = \"disdik\"",
        "label = \"DINKES\"",
        "registry.label.duplicate",
    );
    assert!(hit["message"].as_str().unwrap().contains("first on line"));
}

#[test]
fn nested_label_held_by_another_owner() {
    rule(
        "label = \"disdik\"",
        "label = \"peta.dinkes\"",
        "registry.label.nested",
    );
}

#[test]
fn approved_without_decree() {
    rule(
        "decree = { number = \"100/002/KPTS/2024\", date = 2024-02-10 }\n",
        "\n",
        "registry.decree.missing",
    );
}

#[test]
fn decree_in_the_future() {
    rule(
        "date = 2024-02-10 }",
        "date = 2099-02-10 }",
        "registry.decree.date",
    );
}

#[test]
fn decree_before_the_request() {
    rule(
        "date = 2024-02-10 }",
        "date = 2024-01-10 }",
        "registry.decree.date",
    );
}

#[test]
fn status_that_disagrees_with_history() {
    rule(
        "status = \"approved\"\ncontact = \"dinkes",
        "status = \"suspended\"\ncontact = \"dinkes",
        "registry.history.mismatch",
    );
}

#[test]
fn impossible_transition_in_history() {
    rule(
        "{ date = 2024-01-05, action = \"requested\" },",
        "{ date = 2024-01-05, action = \"revoked\", decree = \"x\" },",
        "registry.history.transition",
    );
}

#[test]
fn contact_outside_the_regency_domain() {
    rule(
        "contact = \"disdik@contohkab.go.id\"",
        "contact = \"disdik.contoh@gmail.com\"",
        "registry.contact.domain",
    );
}

#[test]
fn free_text_decree_numbers_and_contacts_have_a_grammar() {
    for (from, to) in [
        (
            "owner = \"Dinas Pendidikan\"",
            "owner = \"Dinas Pendidikan\\n* IN A 198.51.100.1\"",
        ),
        (
            "name = \"Kabupaten Contoh\"",
            "name = \"Kabupaten\\tContoh\"",
        ),
        (
            "title = \"Pemerintah Kabupaten Contoh\"",
            "title = \"Pemerintah\\u202eKabupaten\"",
        ),
        ("\"100/002/KPTS/2024\"", "\"100/002/KPTS/2024; } server {\""),
        (
            "contact = \"disdik@contohkab.go.id\"",
            "contact = \"disdik@contohkab.go.id\\r\\nBcc: x@y.z\"",
        ),
    ] {
        let hit = rule(from, to, "registry.field.invalid");
        assert!(!hit["message"].as_str().unwrap().contains('\n'), "{hit}");
    }
}

#[test]
fn address_outside_the_data_center() {
    rule(
        "A = [\"203.0.113.12\"]",
        "A = [\"198.51.100.12\"]",
        "registry.record.outside-datacenter",
    );
}

#[test]
fn ipv6_outside_the_data_center() {
    rule(
        "A = [\"203.0.113.12\"]",
        "A = [\"203.0.113.12\"], AAAA = [\"2001:db8:99::1\"]",
        "registry.record.outside-datacenter",
    );
}

#[test]
fn invalid_address() {
    rule(
        "A = [\"203.0.113.12\"]",
        "A = [\"203.0.113.300\"]",
        "registry.record.invalid",
    );
}

#[test]
fn duplicate_address() {
    rule(
        "A = [\"203.0.113.12\"]",
        "A = [\"203.0.113.12\", \"203.0.113.12\"]",
        "registry.record.duplicate",
    );
}

#[test]
fn cname_outside_the_zone() {
    rule(
        "records = { A = [\"203.0.113.12\"] }",
        "records = { CNAME = \"disdik.github.io\" }",
        "registry.record.cname-external",
    );
}

#[test]
fn cname_outside_the_zone_that_the_dinas_allows() {
    let root = fixture("contoh");
    let text = read(root.path().join("domains.toml"))
        .replacen(
            "records = { A = [\"203.0.113.12\"] }",
            "records = { CNAME = \"cdn.example.net\" }",
            1,
        )
        .replacen("cname_allow = []", "cname_allow = [\"cdn.example.net\"]", 1);
    write(root.path().join("domains.toml"), &text);
    let out = laman(root.path(), &["domains", "check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn cname_beside_other_records() {
    rule(
        "records = { A = [\"203.0.113.12\"] }",
        "records = { A = [\"203.0.113.12\"], CNAME = \"dinkes.contohkab.go.id\" }",
        "registry.record.cname-conflict",
    );
}

#[test]
fn cname_at_the_apex() {
    rule(
        "records = { A = [\"203.0.113.10\"] }",
        "records = { CNAME = \"dinkes.contohkab.go.id\" }",
        "registry.record.cname-apex",
    );
}

#[test]
fn cname_chain_and_loop() {
    let root = fixture("contoh");
    let text = read(root.path().join("domains.toml"))
        .replacen(
            "records = { A = [\"203.0.113.12\"] }",
            "records = { CNAME = \"lpse.contohkab.go.id\" }",
            1,
        )
        .replacen(
            "records = { A = [\"203.0.113.20\"] }",
            "records = { CNAME = \"disdik.contohkab.go.id\" }",
            1,
        );
    write(root.path().join("domains.toml"), &text);
    let out = laman(root.path(), &["domains", "check", "--format", "json"]);
    assert_eq!(
        codes(&out)
            .iter()
            .filter(|c| *c == "registry.record.cname-chain")
            .count(),
        2,
        "{:#?}",
        findings(&out)
    );
}

#[test]
fn ttl_out_of_range() {
    rule(
        "A = [\"203.0.113.12\"]",
        "A = [\"203.0.113.12\"], ttl = 5",
        "registry.record.ttl",
    );
}

#[test]
fn approved_without_records() {
    rule(
        "records = { A = [\"203.0.113.12\"] }\n",
        "\n",
        "registry.record.missing",
    );
}

#[test]
fn approved_site_without_content() {
    let root = fixture("contoh");
    std::fs::remove_dir_all(root.path().join("content/disdik")).unwrap();
    let out = laman(root.path(), &["domains", "check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(codes(&out).contains(&"registry.content.missing".to_string()));
}

#[test]
fn review_date_passed_is_a_warning() {
    let hit = rule(
        "records = { A = [\"203.0.113.12\"] }",
        "records = { A = [\"203.0.113.12\"] }\nreview = 2020-01-01",
        "registry.review.overdue",
    );
    assert_eq!(hit["severity"], "warning");
}

#[test]
fn domain_not_of_the_go_id_form_is_a_warning() {
    let hit = rule(
        "domain = \"contohkab.go.id\"",
        "domain = \"contoh.example.com\"",
        "registry.domain.form",
    );
    assert_eq!(hit["severity"], "warning");
}

#[test]
fn in_zone_nameserver_without_address_is_a_warning() {
    rule(
        "glue = { \"ns1.contohkab.go.id\" = [\"203.0.113.2\"], ",
        "glue = { ",
        "registry.nameserver.glue",
    );
}

#[test]
fn registry_that_is_not_toml_names_line_and_column() {
    let root = fixture("contoh");
    let text = read(root.path().join("domains.toml")).replacen("[portal]", "[portal", 1);
    write(root.path().join("domains.toml"), &text);
    let out = laman(root.path(), &["domains", "check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("registry.parse") && err.contains("domains.toml:"),
        "{err}"
    );
}

#[test]
fn registry_errors_stop_the_build_and_keep_public() {
    let root = fixture("contoh");
    assert_eq!(laman(root.path(), &["build"]).status.code(), Some(0));
    let before = snapshot(&root.path().join("public"));
    let text = read(root.path().join("domains.toml")).replacen(
        "A = [\"203.0.113.12\"]",
        "A = [\"8.8.8.8\"]",
        1,
    );
    write(root.path().join("domains.toml"), &text);
    let out = laman(root.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(before, snapshot(&root.path().join("public")));
}

/// Runs `laman domains ARGS...`.
fn edit(root: &Path, args: &[&str]) -> std::process::Output {
    laman(root, &[&["domains"], args].concat())
}
