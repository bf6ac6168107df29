//! The registry commands as programs: hostile fields listed escaped on one line, a reader
//! that goes away, `--root` on either side of the command, edits that keep every comment.

use super::*;

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
        let mut pipe = child.stderr.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut said = String::new();
            let _ = std::io::Read::read_to_string(&mut pipe, &mut said);
            said
        });
        let status = common::child::wait_within(&mut child, common::child::RUN_LIMIT);
        let said = reader.join().unwrap();
        let status = status.unwrap_or_else(|| panic!("{args:?} still ran: {said}"));
        assert_eq!(status.code(), Some(0), "{args:?}: {said}");
        assert!(!said.contains("panicked"), "{said}");
    }
}

#[test]
fn root_is_taken_before_or_after_the_command() {
    let root = fixture("contoh");
    let r = root.path().to_str().unwrap();
    let bin = env!("CARGO_BIN_EXE_laman");
    let before = std::process::Command::new(bin)
        .args(["--root", r, "domains", "zone"])
        .output_in_time();
    let after = std::process::Command::new(bin)
        .args(["domains", "zone", "--root", r])
        .output_in_time();
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
