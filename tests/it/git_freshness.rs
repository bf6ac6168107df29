//! `laman::git::last_changes` on real repositories made with the git CLI in a temporary
//! folder: exact dates, first-parent merges, shallow clones, subfolders, no repository.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use jiff::civil::{date, Date};
use laman::git::last_changes;

use crate::common;
use common::git_at;

fn git(dir: &Path, args: &[&str]) -> String {
    git_at(dir, "2020-01-01T00:00:00+0000", args)
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn commit_all(dir: &Path, when: &str, message: &str) {
    git_at(dir, when, &["add", "-A"]);
    git_at(dir, when, &["commit", "-q", "-m", message]);
}

fn new_repo() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    git(tmp.path(), &["init", "-q"]);
    tmp
}

fn sites(labels: &[&str]) -> Vec<(String, PathBuf)> {
    labels
        .iter()
        .map(|l| (l.to_string(), PathBuf::from("content").join(l)))
        .collect()
}

fn map(entries: &[(&str, Date)]) -> BTreeMap<String, Date> {
    entries.iter().map(|(l, d)| (l.to_string(), *d)).collect()
}

#[test]
fn two_sites_changed_at_different_dates_get_their_exact_dates() {
    let repo = new_repo();
    let r = repo.path();
    write(r, "domains.toml", "# registry\n");
    write(r, "content/dinkes/index.md", "# Dinas Kesehatan\n");
    commit_all(r, "2023-05-10T09:00:00+0700", "dinkes");
    write(r, "content/disdik/index.md", "# Dinas Pendidikan\n");
    // 01:30 at +07:00 is still the previous day in UTC: the date is the commit's own.
    commit_all(r, "2024-03-01T01:30:00+0700", "disdik");
    write(r, "domains.toml", "# registry, edited\n");
    commit_all(r, "2024-06-01T10:00:00+0700", "registry only");

    let got = last_changes(r, &sites(&["dinkes", "disdik"])).unwrap();
    assert_eq!(
        got,
        map(&[("dinkes", date(2023, 5, 10)), ("disdik", date(2024, 3, 1))])
    );
}

#[test]
fn a_commit_touching_one_site_dates_only_that_site() {
    let repo = new_repo();
    let r = repo.path();
    write(r, "content/dinkes/index.md", "a\n");
    write(r, "content/disdik/index.md", "b\n");
    write(r, "content/disdik/profil/index.md", "c\n");
    commit_all(r, "2022-01-03T08:00:00-0500", "both");
    // A change deep below the folder counts.
    write(r, "content/disdik/profil/index.md", "c, updated\n");
    commit_all(r, "2022-07-04T08:00:00+0000", "disdik profile");
    // A site whose name starts like another's is another site.
    write(r, "content/dinkes-lama/index.md", "old\n");
    commit_all(r, "2022-09-09T08:00:00+0000", "dinkes-lama");

    let got = last_changes(r, &sites(&["dinkes", "disdik"])).unwrap();
    assert_eq!(
        got,
        map(&[("dinkes", date(2022, 1, 3)), ("disdik", date(2022, 7, 4))])
    );
}

#[test]
fn a_merge_dates_the_work_of_its_branch_on_the_day_it_was_merged() {
    let repo = new_repo();
    let r = repo.path();
    write(r, "content/dinkes/index.md", "a\n");
    write(r, "content/disdik/index.md", "b\n");
    write(r, "content/dishub/index.md", "c\n");
    commit_all(r, "2021-01-01T12:00:00+0700", "start");
    git(r, &["checkout", "-q", "-b", "draft"]);
    write(r, "content/dinkes/index.md", "a, drafted\n");
    commit_all(r, "2021-02-01T12:00:00+0700", "draft dinkes");
    git(r, &["checkout", "-q", "main"]);
    write(r, "content/disdik/index.md", "b, on main\n");
    commit_all(r, "2021-03-01T12:00:00+0700", "disdik on main");
    git_at(
        r,
        "2021-04-01T12:00:00+0700",
        &["merge", "-q", "--no-ff", "-m", "merge draft", "draft"],
    );

    let got = last_changes(r, &sites(&["dinkes", "disdik", "dishub"])).unwrap();
    assert_eq!(
        got,
        map(&[
            // Went live with the merge, not when it was drafted on the side branch.
            ("dinkes", date(2021, 4, 1)),
            // The merge did not change it against main: main's own commit dates it.
            ("disdik", date(2021, 3, 1)),
            ("dishub", date(2021, 1, 1)),
        ])
    );
}

#[test]
fn a_folder_never_committed_is_absent() {
    let repo = new_repo();
    let r = repo.path();
    write(r, "content/dinkes/index.md", "a\n");
    commit_all(r, "2021-01-01T12:00:00+0000", "start");
    // On disk but never committed.
    write(r, "content/baru/index.md", "new\n");
    let mut folders = sites(&["dinkes", "baru", "tidak-ada"]);
    // A folder that leaves the repository is never looked up.
    folders.push(("luar".into(), PathBuf::from("../../etc")));

    let got = last_changes(r, &folders).unwrap();
    assert_eq!(got, map(&[("dinkes", date(2021, 1, 1))]));
}

#[test]
fn a_repository_without_commits_gives_an_empty_map() {
    let repo = new_repo();
    write(repo.path(), "content/dinkes/index.md", "a\n");
    let got = last_changes(repo.path(), &sites(&["dinkes"])).unwrap();
    assert!(got.is_empty());
}

#[test]
fn a_root_outside_any_repository_gives_none() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "content/dinkes/index.md", "a\n");
    assert_eq!(last_changes(tmp.path(), &sites(&["dinkes"])), None);
    assert_eq!(
        last_changes(&tmp.path().join("missing"), &sites(&["dinkes"])),
        None
    );
}

#[test]
fn a_root_in_a_subfolder_of_the_work_tree_maps_its_folders() {
    let repo = new_repo();
    let r = repo.path();
    write(r, "README.md", "monorepo\n");
    write(r, "kab/domains.toml", "# registry\n");
    write(r, "kab/content/dinkes/index.md", "a\n");
    write(r, "kab/content/disdik/index.md", "b\n");
    // The same label at the repository's top must not be mistaken for the regency's.
    write(r, "content/dinkes/index.md", "not this one\n");
    commit_all(r, "2020-02-02T10:00:00+0000", "start");
    write(r, "kab/content/disdik/index.md", "b2\n");
    commit_all(r, "2020-08-08T10:00:00+0000", "disdik");
    write(r, "content/dinkes/index.md", "still not this one\n");
    commit_all(r, "2020-09-09T10:00:00+0000", "top-level");

    let got = last_changes(&r.join("kab"), &sites(&["dinkes", "disdik"])).unwrap();
    assert_eq!(
        got,
        map(&[("dinkes", date(2020, 2, 2)), ("disdik", date(2020, 8, 8))])
    );
    // Found upwards from a deeper folder too, with `.` and `..` taken lexically.
    let deeper = r.join("kab/content");
    let folders = vec![
        ("dinkes".to_string(), PathBuf::from("./dinkes")),
        ("disdik".to_string(), PathBuf::from("../content/disdik")),
    ];
    assert_eq!(last_changes(&deeper, &folders).unwrap(), got);
}

#[test]
fn a_shallow_clone_dates_what_its_oldest_commit_contains_by_that_commit() {
    let origin = new_repo();
    let o = origin.path();
    write(o, "content/dinkes/index.md", "a\n");
    write(o, "content/disdik/index.md", "b\n");
    commit_all(o, "2019-01-01T12:00:00+0000", "start");
    write(o, "content/dinkes/index.md", "a2\n");
    commit_all(o, "2019-06-01T12:00:00+0000", "dinkes");
    write(o, "README.md", "readme\n");
    commit_all(o, "2019-09-01T12:00:00+0000", "readme");

    let folders = sites(&["dinkes", "disdik", "baru"]);
    let full = last_changes(o, &folders).unwrap();
    assert_eq!(
        full,
        map(&[("dinkes", date(2019, 6, 1)), ("disdik", date(2019, 1, 1))])
    );

    let clones = tempfile::tempdir().unwrap();
    let url = format!("file://{}", o.display());
    for (depth, expected) in [
        // Only the newest commit: it dates everything it contains.
        (
            "1",
            map(&[("dinkes", date(2019, 9, 1)), ("disdik", date(2019, 9, 1))]),
        ),
        // Two commits: dinkes really changed in the older one; disdik, older still, gets
        // the boundary's date.
        (
            "2",
            map(&[("dinkes", date(2019, 6, 1)), ("disdik", date(2019, 6, 1))]),
        ),
    ] {
        let dest = clones.path().join(format!("depth-{depth}"));
        git(
            clones.path(),
            &[
                "clone",
                "-q",
                "--depth",
                depth,
                &url,
                dest.to_str().unwrap(),
            ],
        );
        assert!(dest.join(".git/shallow").is_file());
        assert_eq!(
            last_changes(&dest, &folders).unwrap(),
            expected,
            "depth {depth}"
        );
    }
}

#[test]
fn a_corrupt_repository_gives_none() {
    let repo = new_repo();
    let r = repo.path();
    write(r, "content/dinkes/index.md", "a\n");
    commit_all(r, "2021-01-01T12:00:00+0000", "start");
    write(r, "content/dinkes/index.md", "b\n");
    commit_all(r, "2021-02-01T12:00:00+0000", "second");
    // Replace the root commit's loose object with garbage.
    let root = git(r, &["rev-list", "--max-parents=0", "HEAD"]);
    let root = root.trim();
    let object = r.join(".git/objects").join(&root[..2]).join(&root[2..]);
    // git writes objects read-only; the folder is writable, so replace the file.
    std::fs::remove_file(&object).unwrap();
    std::fs::write(&object, b"not a zlib stream").unwrap();

    // dinkes is dated by the newer commit, but deciding that needs the broken one.
    assert_eq!(last_changes(r, &sites(&["dinkes"])), None);

    // HEAD naming nothing readable.
    write(r, ".git/HEAD", "garbage\n");
    assert_eq!(last_changes(r, &sites(&["dinkes"])), None);
}

/// The `git fast-import` input of `commits` commits, commit k at `when(k)`: it changes the
/// file of site k % `sites`, and every 100th commit also a shared file.
fn fast_import_stream(sites: usize, commits: usize, when: impl Fn(usize) -> i64) -> Vec<u8> {
    let mut stream = Vec::new();
    for k in 0..commits {
        let site = k % sites;
        let body = format!("# site {site}, revision {k}\n");
        writeln!(stream, "commit refs/heads/main").unwrap();
        writeln!(stream, "mark :{}", k + 1).unwrap();
        writeln!(
            stream,
            "committer Dinas Kominfo <kominfo@example.go.id> {} +0700",
            when(k)
        )
        .unwrap();
        writeln!(stream, "data 8\nrevision").unwrap();
        if k > 0 {
            writeln!(stream, "from :{k}").unwrap();
        }
        writeln!(
            stream,
            "M 100644 inline content/situs-{site:02}/index.md\ndata {}\n{body}",
            body.len()
        )
        .unwrap();
        if k % 100 == 0 {
            writeln!(stream, "M 100644 inline domains.toml\ndata 2\n{}\n", k % 10).unwrap();
        }
        writeln!(stream).unwrap();
    }
    stream
}

/// 2,000 commits over 40 sites. Made with `git fast-import` (one process, not 2,000).
/// The time is printed, not asserted: run with
/// `cargo test --release --test it -- --nocapture git_freshness::performance`.
#[test]
fn performance_2000_commits_40_sites() {
    const SITES: usize = 40;
    const COMMITS: usize = 2_000;
    let repo = new_repo();
    let r = repo.path();
    let start = 1_600_000_000_i64;
    let step = 6 * 3600; // a commit every six hours
    let when = |k: usize| start + step * k as i64;

    let stream = fast_import_stream(SITES, COMMITS, when);
    let mut child = Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(r)
        .stdin(Stdio::piped())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&stream).unwrap();
    assert!(child.wait().unwrap().success());
    git(r, &["checkout", "-q", "-f", "main"]);

    let folders: Vec<(String, PathBuf)> = (0..SITES)
        .map(|s| {
            (
                format!("situs-{s:02}"),
                PathBuf::from(format!("content/situs-{s:02}")),
            )
        })
        .collect();
    // A site the history never had makes the walk go all the way to the root commit.
    let mut with_missing = folders.clone();
    with_missing.push(("baru".into(), PathBuf::from("content/baru")));

    let begun = Instant::now();
    let got = last_changes(r, &with_missing).unwrap();
    let elapsed = begun.elapsed();
    eprintln!(
        "last_changes: {COMMITS} commits x {} folders in {elapsed:?}",
        with_missing.len()
    );

    let offset = jiff::tz::Offset::from_hours(7).unwrap();
    let expected: BTreeMap<String, Date> = folders
        .iter()
        .enumerate()
        .map(|(site, (label, _))| {
            let last = (0..COMMITS).rev().find(|k| k % SITES == site).unwrap();
            let instant = jiff::Timestamp::from_second(when(last)).unwrap();
            (label.clone(), offset.to_datetime(instant).date())
        })
        .collect();
    assert_eq!(got, expected);
}
