//! The workflow commands (request, approve, suspend, revoke, list): what they write to
//! `domains.toml`, what they refuse, and the file byte for byte when they refuse.

use super::*;

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

/// Edits that cannot be made, as typed (no argument holds a space), and the code each
/// must give.
const CANNOT_BE_MADE: &[(&str, &str)] = &[
    (
        "approve dinas-hantu --decree 1 --date 2026-01-01",
        "registry.edit.unknown",
    ),
    (
        "request dinkes --owner X --contact x@contohkab.go.id",
        "registry.edit.exists",
    ),
    (
        "request Bad_Label --owner X --contact x@contohkab.go.id",
        "registry.label.syntax",
    ),
    (
        "approve pasar --decree 1 --date 2026-13-01 --a 203.0.113.41",
        "registry.edit.value",
    ),
    (
        "approve pasar --decree 1 --date 2026-10-05 --a 300.1.1.1",
        "registry.edit.value",
    ),
    (
        "approve pasar --decree 1 --date 2026-10-05 --a 192.0.2.1",
        "registry.record.outside-datacenter",
    ),
    (
        "approve pasar --decree 1 --date 2099-01-01 --a 203.0.113.41",
        "registry.decree.date",
    ),
    ("suspend pasar --reason x", "registry.edit.transition"),
];

#[test]
fn edits_that_cannot_be_made_leave_the_file_byte_identical() {
    let root = fixture("contoh");
    let path = root.path().join("domains.toml");
    let before = std::fs::read(&path).unwrap();
    for (typed, code) in CANNOT_BE_MADE {
        let args: Vec<&str> = typed.split(' ').collect();
        let out = edit(root.path(), &args);
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
