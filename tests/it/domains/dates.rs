//! The workflow's real dates and words (issue 25, point 4): a new regency's first entry,
//! letters, decrees and reviews on their own dates, decree numbers as the guide writes them.

use super::*;

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
        .output_in_time();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let path = dir.path().join("ujikab/domains.toml");
    let text = read(&path)
        + "\n# Integritas situs.\n[integrity]\nspam_terms = [\"slot\"]\n\n[[record]]\nname = \"@\"\ntype = \"TXT\"\nvalue = \"google-site-verification=abc123\"\n";
    write(&path, &text);
    dir
}

/// As `laman init` writes it, the section comment ends the file: the entry follows it.
fn an_entry_follows_the_comment_that_ends_the_file(root: &Path) {
    let path = root.join("domains.toml");
    let text = read(&path);
    let cut = text.find("\n[[subdomain]]").unwrap();
    write(&path, &text[..cut + 1]);
    let out = edit(
        root,
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

    an_entry_follows_the_comment_that_ends_the_file(&root);
}

/// An emergency suspension, then its decree-backed revocation, each on its decree's date
/// (`day(n)`: n days ago).
fn suspension_then_revocation_on_their_decrees_dates(root: &Path, day: &dyn Fn(i64) -> String) {
    let path = root.join("domains.toml");
    let out = edit(
        root,
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
        root,
        &["suspend", "lpse", "--reason", "x", "--decree", "1/2026"],
    );
    assert_eq!(out.status.code(), Some(2), "--decree needs --date");
    let out = edit(
        root,
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
    let list = stdout(&laman(root, &["domains", "list", "--status", "revoked"]));
    assert!(
        list.contains(&format!("revoked: 555/020/KPTS/2026 ({})", day(0))),
        "{list}"
    );
    let list = stdout(&laman(root, &["--lang", "id", "domains", "list"]));
    assert!(
        list.contains("dicabut: 555/020/KPTS/2026") && list.contains(" disetujui "),
        "{list}"
    );
    assert!(!list.contains(" approved "), "{list}");
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

    suspension_then_revocation_on_their_decrees_dates(root.path(), &day);

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
