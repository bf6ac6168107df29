//! What `laman report` refuses, with a clear message and exit status: a score under
//! `--fail-under`, bad input, settings that make no sense; and a registry with errors that
//! still gives a report.

use super::*;

#[test]
fn fail_under_fails_a_ci_job_and_names_the_sites() {
    let root = fixture("laporan");
    let out = report(root.path(), AS_OF, &["--output", "-", "--fail-under", "50"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("below --fail-under 50: bkd (44), disdik (37)"),
        "{}",
        stderr(&out)
    );
    let out = report(root.path(), AS_OF, &["--output", "-", "--fail-under", "30"]);
    assert_eq!(out.status.code(), Some(0));
}

/// Runs a report that must not run: exit 2, the message, and nothing written.
fn refused(root: &Path, args: &[&str], message: &str) {
    let before = snapshot(root);
    let out = report(root, AS_OF, args);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains(message), "{}", stderr(&out));
    assert_eq!(before, snapshot(root), "nothing written");
}

#[test]
fn bad_input_is_refused_with_a_clear_message() {
    let root = fixture("laporan");
    let r = root.path();
    let at = |name: &str| r.join(name).to_str().unwrap().to_string();
    let out = at("x.html");
    write(r.join("bukan.json"), "{\"findings\": []}");
    refused(
        r,
        &["--previous", &at("bukan.json"), "--output", &out],
        "is not a laman report",
    );
    write(r.join("bukan.txt"), "halo");
    refused(
        r,
        &["--previous", &at("bukan.txt"), "--output", &out],
        "is not JSON",
    );
    write(r.join("lama.json"), "{\"schema\": 2}");
    refused(
        r,
        &["--previous", &at("lama.json"), "--output", &out],
        "schema 2",
    );
    refused(
        r,
        &["--previous", &at("tidak-ada.json"), "--output", &out],
        "cannot read --previous",
    );
    // `laman check --format json` is not the DNS check's output.
    let check = laman(r, &["check", "--format", "json"]);
    write(r.join("check.json"), &stdout(&check));
    refused(
        r,
        &["--dns", &at("check.json"), "--output", &out],
        "holds a `content.",
    );
    refused(r, &["--format", "pdf"], "invalid value 'pdf'");
    refused(
        r,
        &["--output", &at("content/laporan.html")],
        "regency's own files",
    );
    refused(r, &["--output", &at("domains.toml")], "regency's own files");
    refused(r, &["--output", &at("content")], "is a folder");
    refused(
        r,
        &["--output", &at("tidak-ada/laporan.html")],
        "its folder does not exist",
    );
    let out = laman(r, &["report", "--as-of", "26-11-2026"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("YYYY-MM-DD"));
    // Written by renaming over the path: a link, a pipe or a device there is refused,
    // never replaced.
    std::os::unix::fs::symlink(r.join("domains.toml"), r.join("tautan.html")).unwrap();
    refused(r, &["--output", &at("tautan.html")], "not a regular file");
    let fifo = r.join("pipa");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    refused(r, &["--output", &at("pipa")], "not a regular file");
}

#[test]
fn report_settings_that_make_no_sense_are_refused() {
    for (settings, message) in [
        ("period_days = 0", "period_days = 0"),
        ("period = { dinkes = -3 }", "period.dinkes = -3"),
        (
            "period = { tidakada = 30 }",
            "`tidakada`, which has no entry",
        ),
        ("required = [\"../../etc/passwd\"]", "not an address path"),
        ("required = [\"KONTAK\"]", "not an address path"),
        ("required_portal = [\"\"]", "not an address path"),
    ] {
        let root = fixture("laporan");
        let path = root.path().join("domains.toml");
        let text = read(&path)
            .replace("period_days = 90\n", "")
            .replace("[report]\n", &format!("[report]\n{settings}\n"));
        write(&path, &text);
        let out = report(root.path(), AS_OF, &["--output", "-"]);
        assert_eq!(out.status.code(), Some(2), "{settings}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(message),
            "{settings}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn a_registry_with_errors_still_gives_a_report() {
    let root = fixture("laporan");
    let path = root.path().join("domains.toml");
    // An approved entry without its decree: an error of the registry's rules.
    write(
        &path,
        &read(&path).replace(
            "decree = { number = \"100/002/KPTS/2024\", date = 2024-02-10 }\n",
            "",
        ),
    );
    let r = json_report(root.path(), AS_OF, &[]);
    assert_eq!(r["ringkasan"]["situs_aktif"], 4);
    let disdik = site(&r, "disdik");
    assert_eq!(disdik["registri"]["keputusan"], Value::Null);
    assert_eq!(parts(disdik)[5], ("Registri dan DNS".into(), 0));
}
