//! `laman domains zone`: what named-checkzone loads, the serial, and what refuses a zone.

use super::*;

fn named_checkzone(zone: &str, domain: &str) {
    let bin = tool("named-checkzone");
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("zone");
    std::fs::write(&file, zone).unwrap();
    let out = std::process::Command::new(bin)
        .arg(domain)
        .arg(&file)
        .output_in_time();
    assert!(
        out.status.success(),
        "named-checkzone: {}{}\n{zone}",
        stdout(&out),
        stderr(&out)
    );
}

#[needs("named-checkzone")]
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
