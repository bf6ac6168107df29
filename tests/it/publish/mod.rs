//! `laman publish`: releases of the bundled example in a local folder and over SSH to an
//! OpenSSH server on 127.0.0.1, hard links for what did not change, rollback, publishes
//! killed half-way, nginx serving `current`, and every bad input refused.

use crate::common;
use crate::publish_support;
use common::*;
use publish_support::sshd;
use publish_support::*;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

mod switch;

#[test]
fn the_example_is_published_to_a_folder_and_current_names_it() {
    let (root, dest) = built_example();
    let out = publish(root.path(), &["--to", s(dest.path())]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let live = live_release(dest.path());
    assert_same_tree(&root.path().join("public"), &live);
    assert!(stderr(&out).contains("checked"), "{}", stderr(&out));
    let current = std::fs::read_link(dest.path().join("current")).unwrap();
    assert!(current.is_relative(), "{current:?}");
}

#[test]
fn a_one_page_change_links_every_unchanged_file_to_the_previous_release() {
    let (root, dest) = built_example();
    assert_ok(&publish(root.path(), &["--to", s(dest.path())]));
    let first = live_release(dest.path());
    change_a_page(root.path());
    assert_ok(&laman(root.path(), &["build"]));
    wait_a_second();
    let out = publish(root.path(), &["--to", s(dest.path())]);
    assert_ok(&out);
    let second = live_release(dest.path());
    assert_ne!(first, second);
    let (mut linked, mut new) = (0, Vec::new());
    for entry in walkdir::WalkDir::new(&second).min_depth(1) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(&second).unwrap();
        let old = std::fs::metadata(first.join(rel));
        if old.is_ok_and(|o| o.ino() == entry.metadata().unwrap().ino()) {
            linked += 1;
        } else {
            new.push(rel.to_string_lossy().into_owned());
        }
    }
    // The changed page, and the manifests listing it; nothing else takes space.
    assert!(
        new.iter().any(|p| p.ends_with("profil/index.html")),
        "{new:?}"
    );
    assert!(
        new.len() <= 6,
        "only the changed page and its manifests are new: {new:?}"
    );
    assert!(linked > 200, "{linked} files linked");
}

#[test]
fn rollback_brings_the_previous_release_back_and_refuses_when_there_is_none() {
    let (root, dest) = built_example();
    let to = ["--to", s(dest.path())];
    let none = publish(root.path(), &["--to", s(dest.path()), "--rollback"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(
        stderr(&none).contains("nothing to roll back"),
        "{}",
        stderr(&none)
    );
    assert_ok(&publish(root.path(), &to));
    let first = live_release(dest.path());
    let only = publish(root.path(), &["--to", s(dest.path()), "--rollback"]);
    assert_eq!(only.status.code(), Some(2), "{}", stderr(&only));
    assert!(
        stderr(&only).contains("no release older"),
        "{}",
        stderr(&only)
    );
    change_a_page(root.path());
    assert_ok(&laman(root.path(), &["build"]));
    wait_a_second();
    assert_ok(&publish(root.path(), &to));
    assert_ne!(live_release(dest.path()), first);
    assert_ok(&publish(
        root.path(),
        &["--to", s(dest.path()), "--rollback"],
    ));
    assert_eq!(live_release(dest.path()), first);
}

#[test]
fn only_the_newest_releases_are_kept() {
    let (root, dest) = built_example();
    for _ in 0..3 {
        // Each a new build: the same build again makes no release.
        change_a_page(root.path());
        assert_ok(&laman(root.path(), &["build"]));
        assert_ok(&publish(
            root.path(),
            &["--to", s(dest.path()), "--keep", "2"],
        ));
        wait_a_second();
    }
    let kept = std::fs::read_dir(dest.path().join("releases"))
        .unwrap()
        .count();
    assert_eq!(kept, 2);
}

#[test]
fn a_dry_run_writes_nothing() {
    let (root, dest) = built_example();
    let out = publish(root.path(), &["--to", s(dest.path()), "--dry-run"]);
    assert_ok(&out);
    assert!(stderr(&out).contains("would publish"), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(dest.path()).unwrap().count(), 0);
}

#[test]
fn a_site_is_published_beside_the_live_release_of_the_others() {
    let (root, dest) = built_example();
    assert_ok(&publish(root.path(), &["--to", s(dest.path())]));
    let first = live_release(dest.path());
    change_a_page(root.path());
    assert_ok(&laman(root.path(), &["build"]));
    wait_a_second();
    assert_ok(&publish(
        root.path(),
        &["--to", s(dest.path()), "--site", "dinkes"],
    ));
    let second = live_release(dest.path());
    let page = "dinkes.sukamajukab.go.id/profil/index.html";
    assert!(read(second.join(page)).contains(CHANGE));
    // The portal stays as it was live (its news list would have shown the change too).
    let portal = "sukamajukab.go.id/index.html";
    assert_eq!(
        std::fs::metadata(second.join(portal)).unwrap().ino(),
        std::fs::metadata(first.join(portal)).unwrap().ino()
    );
}

// --- bad input ---------------------------------------------------------------------------

#[test]
fn an_output_that_was_never_built_is_refused() {
    let (root, dest) = example();
    let out = publish(root.path(), &["--to", s(dest.path())]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("laman build"), "{}", stderr(&out));
}

#[test]
fn an_output_stale_against_its_stamp_is_refused() {
    let (root, dest) = built_example();
    change_a_page(root.path());
    let out = publish(root.path(), &["--to", s(dest.path())]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is stale"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("content/dinkes/profil"),
        "{}",
        stderr(&out)
    );
    assert!(!dest.path().join("current").exists());
}

#[test]
fn an_output_changed_after_its_build_is_refused() {
    let (root, dest) = built_example();
    write(
        root.path().join("public/sukamajukab.go.id/judi.html"),
        "slot gacor",
    );
    let out = publish(root.path(), &["--to", s(dest.path())]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("changed after the build"),
        "{}",
        stderr(&out)
    );
    // A build of one site changes the output the stamp describes too.
    std::fs::remove_file(root.path().join("public/sukamajukab.go.id/judi.html")).unwrap();
    assert_ok(&laman(root.path(), &["build", "--site", "dinkes"]));
    let out = publish(root.path(), &["--to", s(dest.path())]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn a_destination_that_cannot_be_written_is_refused() {
    let (root, dest) = built_example();
    let file = dest.path().join("a-file");
    write(&file, "not a folder");
    for to in [file.clone(), file.join("below")] {
        let out = publish(root.path(), &["--to", s(&to)]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains("laman:"), "{}", stderr(&out));
    }
    let bad = publish(root.path(), &["--to", "web:relative/path"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("absolute path"), "{}", stderr(&bad));
}

// --- interrupted publishes ---------------------------------------------------------------

#[test]
fn a_publish_killed_at_any_step_leaves_current_on_a_complete_release() {
    let (root, dest) = built_example();
    assert_ok(&publish(root.path(), &["--to", s(dest.path())]));
    change_a_page(root.path());
    assert_ok(&laman(root.path(), &["build"]));
    for point in ["copied", "verified", "renamed", "linked", "switched"] {
        wait_a_second();
        kill_at(root.path(), &["--to", s(dest.path())], point);
        assert_complete(dest.path());
    }
    for delay_ms in [5, 20, 40, 80] {
        wait_a_second();
        kill_after(root.path(), &["--to", s(dest.path())], delay_ms);
        assert_complete(dest.path());
    }
    // The next publish clears what the killed ones left and completes. A killed publish
    // may have finished its release within this second (a release id is the second and
    // the build), so the next one starts in a new second, as the refusal asks.
    wait_a_second();
    assert_ok(&publish(root.path(), &["--to", s(dest.path())]));
    assert_complete(dest.path());
    let left: Vec<_> = std::fs::read_dir(dest.path().join("releases"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// `current` resolves to a release whose every file matches its own manifest.
fn assert_complete(dest: &Path) {
    let live = live_release(dest);
    let manifest = std::fs::read(live.join("laman-manifest.json")).unwrap();
    let manifest = laman::integrity::manifest::RegencyManifest::parse(&manifest).unwrap();
    let checked = laman::publish::local::verify(&live, &manifest);
    assert!(checked.is_ok_and(|n| n > 200), "{}", live.display());
}

// --- over SSH ----------------------------------------------------------------------------

fn ssh_publish(
    root: &Path,
    sshd: &sshd::Sshd,
    dest: &Path,
    key: &str,
    more: &[&str],
) -> std::process::Output {
    let args = sshd.args(dest, key);
    let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
    all.extend(more);
    publish(root, &all)
}

#[needs("sshd", "ssh", "ssh-keygen", "rsync")]
#[test]
fn the_example_is_published_over_ssh_then_a_change_then_rolled_back() {
    let server = sshd::tools();
    let sshd = sshd::Sshd::start(&server);
    let (root, dest) = built_example();
    let dry = ssh_publish(root.path(), &sshd, dest.path(), "user_key", &["--dry-run"]);
    assert_eq!(
        dry.status.code(),
        Some(0),
        "{}\n{}",
        stderr(&dry),
        sshd.log()
    );
    assert!(stderr(&dry).contains("would publish"), "{}", stderr(&dry));
    assert_eq!(
        std::fs::read_dir(dest.path()).unwrap().count(),
        0,
        "a dry run writes nothing"
    );
    let out = ssh_publish(root.path(), &sshd, dest.path(), "user_key", &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}\n{}",
        stderr(&out),
        sshd.log()
    );
    let first = live_release(dest.path());
    assert_same_tree(&root.path().join("public"), &first);
    change_a_page(root.path());
    assert_ok(&laman(root.path(), &["build"]));
    wait_a_second();
    let out = ssh_publish(root.path(), &sshd, dest.path(), "user_key", &[]);
    assert_ok(&out);
    eprintln!("{}", stderr(&out));
    let second = live_release(dest.path());
    assert_same_tree(&root.path().join("public"), &second);
    let unchanged = "dinkes.sukamajukab.go.id/berita/index.html";
    let changed = "dinkes.sukamajukab.go.id/profil/index.html";
    let ino = |release: &Path, rel: &str| std::fs::metadata(release.join(rel)).unwrap().ino();
    assert_eq!(
        ino(&first, unchanged),
        ino(&second, unchanged),
        "rsync --link-dest links it"
    );
    assert_ne!(ino(&first, changed), ino(&second, changed));
    let out = ssh_publish(root.path(), &sshd, dest.path(), "user_key", &["--rollback"]);
    assert_ok(&out);
    assert_eq!(live_release(dest.path()), first);
    // Killed after the copy, before the rename: the live release stays as it was.
    wait_a_second();
    let args = sshd.args(dest.path(), "user_key");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    kill_at(root.path(), &args, "copied");
    assert_eq!(live_release(dest.path()), first);
    // One site from the build, every other as it is live.
    wait_a_second();
    let out = ssh_publish(
        root.path(),
        &sshd,
        dest.path(),
        "user_key",
        &["--site", "dinkes"],
    );
    assert_ok(&out);
    let third = live_release(dest.path());
    assert!(read(third.join(changed)).contains(CHANGE));
    let portal = "sukamajukab.go.id/index.html";
    assert_eq!(ino(&first, portal), ino(&third, portal));
    let manifest = std::fs::read(third.join("laman-manifest.json")).unwrap();
    let manifest = laman::integrity::manifest::RegencyManifest::parse(&manifest).unwrap();
    assert!(laman::publish::local::verify(&third, &manifest).is_ok());
}

#[needs("sshd", "ssh", "ssh-keygen", "rsync")]
#[test]
fn a_server_that_refuses_the_key_or_is_unknown_is_not_published_to() {
    let server = sshd::tools();
    let sshd = sshd::Sshd::start(&server);
    let (root, dest) = built_example();
    let out = ssh_publish(root.path(), &sshd, dest.path(), "wrong_key", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("refused the key"), "{}", stderr(&out));
    // An empty known_hosts: the host key is checked, so the connection is refused.
    let empty = dest.path().join("empty_known_hosts");
    write(&empty, "");
    let mut args = sshd.args(dest.path(), "user_key");
    args[5] = s(&empty).to_string();
    let all: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = publish(root.path(), &all);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("known_hosts"), "{}", stderr(&out));
    let out = ssh_publish(
        root.path(),
        &sshd,
        dest.path(),
        "user_key",
        &["--ssh-option", "StrictHostKeyChecking=no"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!dest.path().join("current").exists());
}

// --- served by nginx ---------------------------------------------------------------------

#[needs("nginx", "openssl", "curl")]
#[test]
fn nginx_serves_the_live_release_through_current_before_and_after() {
    let (nginx, openssl, curl) = common::nginx::tools();
    let (root, dest) = built_example();
    assert_ok(&publish(root.path(), &["--to", s(dest.path())]));
    let certs = tempfile::tempdir().unwrap();
    common::nginx::certificates(&openssl, certs.path(), "sukamajukab.go.id");
    let webroot = dest.path().join("current");
    let server = common::nginx::Nginx::start(&nginx, root.path(), &webroot, certs.path());
    let page = || {
        let out = std::process::Command::new(&curl)
            .args(["-sk", "--max-time", "5", "--resolve"])
            .arg(format!(
                "dinkes.sukamajukab.go.id:{}:127.0.0.1",
                server.https
            ))
            .arg(format!(
                "https://dinkes.sukamajukab.go.id:{}/profil/",
                server.https
            ))
            .output_in_time();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let before = page();
    assert!(
        before.contains("Profil") && !before.contains(CHANGE),
        "{before}"
    );
    change_a_page(root.path());
    assert_ok(&laman(root.path(), &["build"]));
    wait_a_second();
    assert_ok(&publish(root.path(), &["--to", s(dest.path())]));
    assert!(page().contains(CHANGE));
    assert_ok(&publish(
        root.path(),
        &["--to", s(dest.path()), "--rollback"],
    ));
    assert_eq!(page(), before);
}

#[test]
fn a_second_publish_to_the_same_folder_waits_for_none_and_is_refused() {
    let (root, dest) = built_example();
    let lock = std::fs::File::create(dest.path().join(".laman-publish.lock")).unwrap();
    lock.lock().unwrap();
    for args in [
        vec!["--to", s(dest.path())],
        vec!["--to", s(dest.path()), "--rollback"],
    ] {
        let out = publish(root.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains("another publish"), "{}", stderr(&out));
    }
    drop(lock);
    assert_ok(&publish(root.path(), &["--to", s(dest.path())]));
}

#[test]
fn a_build_with_drafts_is_refused() {
    let (root, dest) = example();
    assert_ok(&laman(root.path(), &["build", "--drafts"]));
    let out = publish(root.path(), &["--to", s(dest.path())]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--drafts"), "{}", stderr(&out));
}
