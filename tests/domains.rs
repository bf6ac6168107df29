//! The registry's rules, its workflow commands, and the zone: each rule has a failing
//! case (one change to the clean fixture) and the clean fixture passes them all.

mod common;
use common::*;
use std::path::Path;

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

// ---- workflow commands ----

fn edit(root: &Path, args: &[&str]) -> std::process::Output {
    laman(root, &[&["domains"], args].concat())
}

#[test]
fn request_approve_suspend_revoke_keep_comments_and_append_history() {
    let root = fixture("contoh");
    let path = root.path().join("domains.toml");
    let out = edit(
        root.path(),
        &[
            "request",
            "dispar",
            "--owner",
            "Dinas Pariwisata",
            "--contact",
            "dispar@contohkab.go.id",
            "--kind",
            "service",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = edit(
        root.path(),
        &[
            "approve",
            "dispar",
            "--decree",
            "100/009/KPTS/2026",
            "--date",
            &today(),
            "--a",
            "203.0.113.40",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = read(&path);
    assert!(
        text.starts_with("# Registry of the test regency"),
        "comments kept"
    );
    assert!(text.contains(&format!(
        "decree = {{ number = \"100/009/KPTS/2026\", date = {} }}",
        today()
    )));
    assert!(text.contains("action = \"approved\", decree = \"100/009/KPTS/2026\""));
    let out = edit(
        root.path(),
        &["suspend", "dinkes", "--reason", "Konten tidak diperbarui"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = edit(
        root.path(),
        &[
            "revoke",
            "dinkes",
            "--decree",
            "100/010/KPTS/2026",
            "--date",
            &today(),
            "--reason",
            "Dibubarkan",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = read(&path);
    let dinkes =
        &text[text.find("label = \"dinkes\"").unwrap()..text.find("label = \"disdik\"").unwrap()];
    assert!(dinkes.contains("status = \"revoked\""));
    for action in ["requested", "approved", "suspended", "revoked"] {
        assert!(
            dinkes.contains(&format!("action = \"{action}\"")),
            "{dinkes}"
        );
    }
    let check = laman(root.path(), &["domains", "check", "--format", "json"]);
    assert!(
        !codes(&check)
            .iter()
            .any(|c| c.starts_with("registry.history")),
        "{:#?}",
        findings(&check)
    );
}

#[test]
fn edits_that_cannot_be_made_leave_the_file_byte_identical() {
    let root = fixture("contoh");
    let path = root.path().join("domains.toml");
    let before = std::fs::read(&path).unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "approve",
                "dinas-hantu",
                "--decree",
                "1",
                "--date",
                "2026-01-01",
            ],
            "registry.edit.unknown",
        ),
        (
            &[
                "request",
                "dinkes",
                "--owner",
                "X",
                "--contact",
                "x@contohkab.go.id",
            ],
            "registry.edit.exists",
        ),
        (
            &[
                "request",
                "Bad_Label",
                "--owner",
                "X",
                "--contact",
                "x@contohkab.go.id",
            ],
            "registry.label.syntax",
        ),
        (
            &[
                "approve",
                "pasar",
                "--decree",
                "1",
                "--date",
                "2026-13-01",
                "--a",
                "203.0.113.41",
            ],
            "registry.edit.value",
        ),
        (
            &[
                "approve",
                "pasar",
                "--decree",
                "1",
                "--date",
                "2026-10-05",
                "--a",
                "300.1.1.1",
            ],
            "registry.edit.value",
        ),
        (
            &[
                "approve",
                "pasar",
                "--decree",
                "1",
                "--date",
                "2026-10-05",
                "--a",
                "192.0.2.1",
            ],
            "registry.record.outside-datacenter",
        ),
        (
            &[
                "approve",
                "pasar",
                "--decree",
                "1",
                "--date",
                "2099-01-01",
                "--a",
                "203.0.113.41",
            ],
            "registry.decree.date",
        ),
        (
            &["suspend", "pasar", "--reason", "x"],
            "registry.edit.transition",
        ),
    ];
    for (args, code) in cases {
        let out = edit(root.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(code),
            "{args:?} should say {code}: {}",
            stderr(&out)
        );
        assert_eq!(
            before,
            std::fs::read(&path).unwrap(),
            "{args:?} changed the file"
        );
    }
}

#[test]
fn revoked_subdomain_must_be_requested_again_before_approval() {
    let root = fixture("contoh");
    assert_eq!(
        edit(
            root.path(),
            &[
                "revoke",
                "disdik",
                "--decree",
                "9",
                "--date",
                "2026-03-01",
                "--reason",
                "x"
            ]
        )
        .status
        .code(),
        Some(0)
    );
    let out = edit(
        root.path(),
        &[
            "approve",
            "disdik",
            "--decree",
            "10",
            "--date",
            "2026-03-02",
            "--a",
            "203.0.113.12",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("requested again"));
    assert_eq!(
        edit(
            root.path(),
            &[
                "request",
                "disdik",
                "--owner",
                "Dinas Pendidikan",
                "--contact",
                "disdik@contohkab.go.id"
            ]
        )
        .status
        .code(),
        Some(0)
    );
    let out = edit(
        root.path(),
        &[
            "approve",
            "disdik",
            "--decree",
            "10",
            "--date",
            &today(),
            "--a",
            "203.0.113.12",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn list_filters_by_status_and_speaks_json() {
    let root = fixture("contoh");
    let out = laman(
        root.path(),
        &[
            "domains", "list", "--status", "approved", "--format", "json",
        ],
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let labels: Vec<_> = doc["subdomains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["dinkes", "disdik", "lpse"]);
    let text = stdout(&laman(root.path(), &["domains", "list"]));
    assert!(text.contains("pasar.contohkab.go.id") && text.contains("requested"));
}

/// The Dinas types the status word it reads in Indonesian output: `--status disetujui`
/// lists what `--status approved` lists (and `--kind situs` is `--kind site`).
#[test]
fn list_takes_the_indonesian_status_words_it_shows() {
    let root = fixture("contoh");
    for (english, indonesian) in [
        ("approved", "disetujui"),
        ("requested", "diajukan"),
        ("suspended", "ditangguhkan"),
        ("revoked", "dicabut"),
        ("rejected", "ditolak"),
    ] {
        let a = laman(root.path(), &["domains", "list", "--status", english]);
        let b = laman(root.path(), &["domains", "list", "--status", indonesian]);
        assert_eq!(b.status.code(), Some(0), "{indonesian}: {}", stderr(&b));
        assert_eq!(stdout(&a), stdout(&b), "{indonesian}");
    }
    let wrong = laman(root.path(), &["domains", "list", "--status", "disetujuii"]);
    assert_eq!(wrong.status.code(), Some(2));
}

// ---- zone ----

fn named_checkzone(zone: &str, domain: &str) {
    let Ok(bin) = which("named-checkzone") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "named-checkzone is missing in CI"
        );
        eprintln!("named-checkzone not installed; skipped (scripts/test installs it)");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("zone");
    std::fs::write(&file, zone).unwrap();
    let out = std::process::Command::new(bin)
        .arg(domain)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "named-checkzone: {}{}\n{zone}",
        stdout(&out),
        stderr(&out)
    );
}

fn which(name: &str) -> Result<std::path::PathBuf, ()> {
    std::env::var("PATH")
        .unwrap_or_default()
        .split(':')
        .chain(["/usr/sbin", "/usr/bin"])
        .map(|d| Path::new(d).join(name))
        .find(|p| p.is_file())
        .ok_or(())
}

#[test]
fn zone_passes_named_checkzone_and_holds_only_approved_names() {
    let (root, domain) = (fixture("contoh"), "contohkab.go.id");
    let out = laman(root.path(), &["domains", "zone"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let zone = stdout(&out);
    named_checkzone(&zone, domain);
    assert!(zone.contains("dinkes\tIN\tA\t203.0.113.11"));
    assert!(zone.contains("lpse\tIN\tA\t203.0.113.20"));
    // A suspended name stays, at the portal's address (the Dinas's notice), never at
    // its own records.
    let portal = zone
        .lines()
        .find(|l| l.starts_with("@\tIN\tA\t"))
        .unwrap()
        .trim_start_matches("@\tIN\tA\t");
    assert!(zone.contains(&format!("dishub\tIN\tA\t{portal}")), "{zone}");
    assert_eq!(zone.matches("dishub\t").count(), 1, "{zone}");
    assert!(
        !zone.contains("pasar"),
        "requested names are not in the zone"
    );
    assert_eq!(
        zone,
        stdout(&laman(root.path(), &["domains", "zone"])),
        "deterministic"
    );
    let repo = laman(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["domains", "zone", "--serial", "2026112501"],
    );
    assert_eq!(repo.status.code(), Some(0));
    named_checkzone(&stdout(&repo), "sukamajukab.go.id");
    assert!(stdout(&repo).contains("( 2026112501 "));
}

#[test]
fn zone_serial_rises_with_each_workflow_step_even_back_dated() {
    let root = fixture("contoh");
    let serial = |root: &Path| {
        let z = stdout(&laman(root, &["domains", "zone"]));
        z.split("( ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse::<u64>()
            .unwrap()
    };
    let first = serial(root.path());
    assert_eq!(
        edit(
            root.path(),
            &[
                "revoke",
                "disdik",
                "--decree",
                "9",
                "--date",
                "2025-03-01",
                "--reason",
                "x"
            ]
        )
        .status
        .code(),
        Some(0)
    );
    let second = serial(root.path());
    assert!(second > first, "{second} > {first}");
    assert_eq!(
        edit(root.path(), &["suspend", "dinkes", "--reason", "x"])
            .status
            .code(),
        Some(0)
    );
    assert!(serial(root.path()) > second);
}

#[test]
fn zone_is_refused_while_the_registry_has_errors_or_lacks_glue() {
    let root = fixture("contoh");
    let text = read(root.path().join("domains.toml")).replacen(
        "glue = { \"ns1.contohkab.go.id\" = [\"203.0.113.2\"], ",
        "glue = { ",
        1,
    );
    write(root.path().join("domains.toml"), &text);
    let out = laman(root.path(), &["domains", "zone"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    assert!(stderr(&out).contains("registry.nameserver.glue"));
}

#[test]
fn hosting_range_that_is_not_a_network() {
    let hit = rule(
        "ipv4 = [\"203.0.113.0/26\"]",
        "ipv4 = [\"203.0.113.0/33\"]",
        "registry.hosting.invalid",
    );
    assert!(
        hit["message"].as_str().unwrap().contains("203.0.113.0/33"),
        "{hit}"
    );
}

#[test]
fn cname_to_a_name_the_zone_will_not_hold() {
    // lb is in the zone's domain but no approved entry: the generated zone lacks it.
    let hit = rule(
        "records = { A = [\"203.0.113.12\"] }",
        "records = { CNAME = \"lb.contohkab.go.id\" }",
        "registry.record.cname-dangling",
    );
    assert!(
        hit["message"]
            .as_str()
            .unwrap()
            .contains("lb.contohkab.go.id"),
        "{hit}"
    );
    // A suspended entry is not in the zone either.
    let hit = rule(
        "records = { A = [\"203.0.113.12\"] }",
        "records = { CNAME = \"dishub.contohkab.go.id\" }",
        "registry.record.cname-dangling",
    );
    assert_eq!(hit["site"], "disdik");
    // An approved name, the apex and www are fine.
    for target in [
        "dinkes.contohkab.go.id",
        "contohkab.go.id",
        "www.contohkab.go.id",
    ] {
        let root = fixture("contoh");
        let text = read(root.path().join("domains.toml")).replacen(
            "records = { A = [\"203.0.113.12\"] }",
            &format!("records = {{ CNAME = \"{target}\" }}"),
            1,
        );
        write(root.path().join("domains.toml"), &text);
        let out = laman(root.path(), &["domains", "check", "--format", "json"]);
        assert!(
            !codes(&out).contains(&"registry.record.cname-dangling".to_string()),
            "{target}: {:#?}",
            findings(&out)
        );
    }
}

#[test]
fn list_writes_hostile_fields_escaped_on_one_line() {
    let root = fixture("contoh");
    let path = root.path().join("domains.toml");
    let text = read(&path).replacen(
        "owner = \"Dinas Kesehatan\"",
        "owner = \"Dinas\\u001b[2J Kesehatan\\nbaris palsu\"",
        1,
    );
    assert!(
        text.contains("\\u001b"),
        "the fixture has the owner to replace"
    );
    std::fs::write(&path, text).unwrap();
    let out = laman(root.path(), &["domains", "list"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let listing = stdout(&out);
    assert!(!listing.contains('\u{1b}'), "{listing:?}");
    let line = listing.lines().find(|l| l.contains("dinkes")).unwrap();
    assert!(
        line.contains("Dinas\\u{1b}[2J Kesehatan\\u{a}baris palsu"),
        "{line}"
    );
    assert_eq!(listing.lines().count(), 5, "one line per entry: {listing}");
}

#[test]
fn a_reader_that_goes_away_ends_laman_quietly() {
    // `laman domains list | head -1`: the pipe is closed before laman writes.
    let root = fixture("contoh");
    for args in [
        &["domains", "list"][..],
        &["domains", "list", "--format", "json"],
        &["domains", "zone"],
        &["check", "--format", "json"],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_laman"))
            .args(args)
            .arg("--root")
            .arg(root.path())
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    }
}

#[test]
fn root_is_taken_before_or_after_the_command() {
    let root = fixture("contoh");
    let r = root.path().to_str().unwrap();
    let bin = env!("CARGO_BIN_EXE_laman");
    let before = std::process::Command::new(bin)
        .args(["--root", r, "domains", "zone"])
        .output()
        .unwrap();
    let after = std::process::Command::new(bin)
        .args(["domains", "zone", "--root", r])
        .output()
        .unwrap();
    assert_eq!(before.status.code(), Some(0), "{}", stderr(&before));
    assert_eq!(before.stdout, after.stdout);
    assert!(stdout(&before).contains("$ORIGIN contohkab.go.id."));
}

#[test]
fn edits_keep_every_comment_and_put_new_keys_where_entries_have_them() {
    let root = fixture("contoh");
    let path = root.path().join("domains.toml");
    // A comment on every line of pasar's entry.
    let text = read(&path);
    let at = text.find("label = \"pasar\"").unwrap();
    let (head, entry) = text.split_at(at);
    let commented: String = entry
        .lines()
        .enumerate()
        .map(|(i, line)| {
            if line.trim().is_empty() {
                format!("{line}\n")
            } else {
                format!("{line}  # catatan {i}\n")
            }
        })
        .collect();
    std::fs::write(&path, format!("{head}{commented}")).unwrap();
    write(
        root.path().join("content/pasar/_index.md"),
        "+++\ntitle = \"Pasar\"\n+++\n",
    );
    let comments = commented.matches("# catatan").count();
    let run = |args: &[&str]| {
        let out = edit(root.path(), args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    };
    run(&[
        "approve",
        "pasar",
        "--decree",
        "100/020/KPTS/2026",
        "--date",
        &today(),
        "--a",
        "203.0.113.30",
    ]);
    run(&["suspend", "pasar", "--reason", "Perbaikan isi"]);
    run(&[
        "approve",
        "pasar",
        "--decree",
        "100/021/KPTS/2026",
        "--date",
        &today(),
    ]);
    let after = read(&path);
    let entry = &after[after.find("label = \"pasar\"").unwrap()..];
    assert_eq!(
        entry.matches("# catatan").count(),
        comments,
        "a comment was lost:\n{entry}"
    );
    assert!(
        entry.contains("status = \"approved\"  # catatan 3"),
        "the status line keeps its comment:\n{entry}"
    );
    let (decree, records, history) = (
        entry.find("decree = {").unwrap(),
        entry.find("records = {").unwrap(),
        entry.find("history = [").unwrap(),
    );
    assert!(
        decree < history && records < history,
        "decree and records come before history, as in the other entries:\n{entry}"
    );
    let check = laman(root.path(), &["domains", "check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

// ---- the workflow's real dates and words (issue 25, point 4) ----

/// A new regency from `laman init` (not the example), with what a Dinas adds after the
/// subdomain section comment: a report table and the regency's other records.
fn new_regency() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_laman"))
        .args([
            "init",
            "ujikab",
            "--name",
            "Kabupaten Uji",
            "--domain",
            "ujikab.go.id",
        ])
        .current_dir(dir.path())
        .env("LAMAN_LANG", "en")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let path = dir.path().join("ujikab/domains.toml");
    let text = read(&path)
        + "\n# Integritas situs.\n[integrity]\nspam_terms = [\"slot\"]\n\n[[record]]\nname = \"@\"\ntype = \"TXT\"\nvalue = \"google-site-verification=abc123\"\n";
    write(&path, &text);
    dir
}

#[test]
fn an_empty_registry_says_so_and_the_first_entry_goes_under_the_subdomain_comment() {
    let dir = new_regency();
    let root = dir.path().join("ujikab");
    let out = laman(&root, &["domains", "list"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).is_empty());
    assert!(
        stderr(&out).contains("no subdomain yet"),
        "{}",
        stderr(&out)
    );
    let out = laman(&root, &["--lang", "id", "domains", "list"]);
    assert!(
        stderr(&out).contains("belum memuat subdomain"),
        "{}",
        stderr(&out)
    );

    let out = edit(
        &root,
        &[
            "request",
            "dinkes",
            "--owner",
            "Dinas Kesehatan",
            "--contact",
            "dinkes@ujikab.go.id",
            "--date",
            "2026-11-20",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = read(root.join("domains.toml"));
    let comment = text.find("# ---- Subdomain perangkat daerah ----").unwrap();
    let entry = text.find("[[subdomain]]").unwrap();
    let report = text.find("# Integritas situs.\n[integrity]").unwrap();
    let record = text.find("google-site-verification").unwrap();
    assert!(
        comment < entry && entry < report && report < record,
        "{text}"
    );
    assert!(text.contains("requested = 2026-11-20\n"), "{text}");
    assert!(text.contains("history = [ { date = 2026-11-20, action = \"requested\" } ]"));

    // The next entry follows it, still before [integrity].
    let out = edit(
        &root,
        &[
            "request",
            "dinsos",
            "--owner",
            "Dinas Sosial",
            "--contact",
            "dinsos@ujikab.go.id",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = read(root.join("domains.toml"));
    let dinsos = text.find("label = \"dinsos\"").unwrap();
    assert!(text.find("label = \"dinkes\"").unwrap() < dinsos);
    assert!(dinsos < text.find("[integrity]").unwrap(), "{text}");
    let out = laman(&root, &["domains", "list", "--status", "revoked"]);
    assert!(
        stderr(&out).contains("no subdomain is revoked"),
        "{}",
        stderr(&out)
    );

    // As `laman init` writes it, the section comment ends the file: the entry follows it.
    let path = root.join("domains.toml");
    let text = read(&path);
    let cut = text.find("\n[[subdomain]]").unwrap();
    write(&path, &text[..cut + 1]);
    let out = edit(
        &root,
        &[
            "request",
            "dinkes",
            "--owner",
            "Dinas Kesehatan",
            "--contact",
            "dinkes@ujikab.go.id",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = read(&path);
    let comment = text.find("# ---- Subdomain perangkat daerah ----").unwrap();
    let entry = text.find("[[subdomain]]").unwrap();
    assert!(comment < entry, "{text}");
    assert!(text.ends_with("\" } ]\n"), "{text}");
}

#[test]
fn letters_decrees_and_reviews_take_their_own_dates() {
    let root = fixture("contoh");
    let path = root.path().join("domains.toml");
    // The letter of last week, approved by yesterday's decree.
    let day = |n: i64| (jiff::Zoned::now().date() - jiff::Span::new().days(n)).to_string();
    let out = edit(
        root.path(),
        &[
            "request",
            "dpkp",
            "--owner",
            "Dinas Perumahan",
            "--contact",
            "dpkp@contohkab.go.id",
            "--kind",
            "service",
            "--date",
            &day(7),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = edit(
        root.path(),
        &[
            "approve",
            "dpkp",
            "--decree",
            "555/018/KPTS/2026",
            "--date",
            &day(1),
            "--a",
            "203.0.113.41",
            "--review",
            "2030-01-31",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = read(&path);
    assert!(text.contains(&format!("requested = {}", day(7))), "{text}");
    assert!(text.contains("review = 2030-01-31"), "{text}");

    // An emergency suspension, then its decree-backed revocation.
    let out = edit(
        root.path(),
        &[
            "suspend",
            "dpkp",
            "--reason",
            "Konten judi daring",
            "--decree",
            "555/019/KPTS/2026",
            "--date",
            &day(0),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(read(&path).contains(&format!(
        "{{ date = {}, action = \"suspended\", decree = \"555/019/KPTS/2026\", reason = \"Konten judi daring\" }}",
        day(0)
    )));
    let out = edit(
        root.path(),
        &["suspend", "lpse", "--reason", "x", "--decree", "1/2026"],
    );
    assert_eq!(out.status.code(), Some(2), "--decree needs --date");
    let out = edit(
        root.path(),
        &[
            "revoke",
            "dpkp",
            "--decree",
            "555/020/KPTS/2026",
            "--date",
            &day(0),
            "--reason",
            "Digabung",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let list = stdout(&laman(
        root.path(),
        &["domains", "list", "--status", "revoked"],
    ));
    assert!(
        list.contains(&format!("revoked: 555/020/KPTS/2026 ({})", day(0))),
        "{list}"
    );
    let list = stdout(&laman(root.path(), &["--lang", "id", "domains", "list"]));
    assert!(
        list.contains("dicabut: 555/020/KPTS/2026") && list.contains(" disetujui "),
        "{list}"
    );
    assert!(!list.contains(" approved "), "{list}");

    // Dates in the future are refused, the file unchanged.
    let before = read(&path);
    let out = edit(
        root.path(),
        &[
            "request",
            "dpkp2",
            "--owner",
            "X",
            "--contact",
            "x@contohkab.go.id",
            "--date",
            "2999-01-01",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("in the future"));
    assert_eq!(read(&path), before);
}

#[test]
fn decree_numbers_follow_the_guide_and_labels_get_a_did_you_mean() {
    let root = fixture("contoh");
    let path = root.path().join("domains.toml");
    let before = read(&path);
    let out = edit(
        root.path(),
        &[
            "revoke",
            "lpse",
            "--decree",
            "SK 555/018",
            "--date",
            &today(),
            "--reason",
            "x",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("`555/018`"), "{}", stderr(&out));
    assert!(stderr(&out).contains("error[registry.edit.value]"));
    assert_eq!(read(&path), before);
    // The same number written by hand is a finding with its line.
    let f = rule(
        "number = \"100/001/KPTS/2024\"",
        "number = \"SK 100/001/KPTS/2024\"",
        "registry.field.invalid",
    );
    assert!(f["message"].as_str().unwrap().contains("space"), "{f}");

    let out = edit(root.path(), &["suspend", "dinkse", "--reason", "x"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("did you mean `dinkes`?"),
        "{}",
        stderr(&out)
    );
    let out = laman(
        root.path(),
        &[
            "--lang", "id", "domains", "suspend", "dinkse", "--reason", "x",
        ],
    );
    assert!(
        stderr(&out).contains("Maksud Anda `dinkes`?"),
        "{}",
        stderr(&out)
    );
    // Indonesian messages say the status in Indonesian.
    let out = laman(
        root.path(),
        &[
            "--lang",
            "id",
            "domains",
            "revoke",
            "pasar",
            "--decree",
            "1/2026",
            "--date",
            &today(),
            "--reason",
            "x",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.contains("diajukan") || text.contains("dicabut"),
        "{text}"
    );
    assert!(
        !text.contains("requested") && !text.contains("revoked,"),
        "{text}"
    );
}
