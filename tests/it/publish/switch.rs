//! One release a build, one switch at a time: a build already live makes no second release,
//! a refused ssh option starts nothing, and over SSH a rollback and a release switch never
//! run at once; and the Indonesian summary.

use super::*;

#[test]
fn a_build_already_live_makes_no_second_release_so_one_rollback_changes_what_is_live() {
    let (root, dest) = built_example();
    let to = ["--to", s(dest.path())];
    let first = publish(root.path(), &to);
    assert_ok(&first);
    assert!(
        stderr(&first).contains("the first release"),
        "{}",
        stderr(&first)
    );
    let live = live_release(dest.path());
    wait_a_second();
    let again = publish(root.path(), &to);
    assert_ok(&again);
    assert!(
        stderr(&again).contains("already holds this build"),
        "{}",
        stderr(&again)
    );
    assert_eq!(live_release(dest.path()), live);
    let releases = || {
        std::fs::read_dir(dest.path().join("releases"))
            .unwrap()
            .count()
    };
    assert_eq!(releases(), 1, "no second release of the same build");
    // `--site` with the sites as they are live: nothing either.
    let site = publish(root.path(), &["--to", s(dest.path()), "--site", "dinkes"]);
    assert_ok(&site);
    assert!(stderr(&site).contains("already holds"), "{}", stderr(&site));
    assert_eq!(releases(), 1);
    // A changed build is published; one rollback brings the first back.
    change_a_page(root.path());
    assert_ok(&laman(root.path(), &["build"]));
    wait_a_second();
    let second = publish(root.path(), &to);
    assert_ok(&second);
    let said = stderr(&second);
    assert!(
        said.contains("unchanged and hard-linked from release"),
        "{said}"
    );
    assert!(said.contains("are the manifests and signatures"), "{said}");
    assert_ok(&publish(
        root.path(),
        &["--to", s(dest.path()), "--rollback"],
    ));
    assert_eq!(live_release(dest.path()), live);
}

#[test]
fn a_refused_ssh_option_starts_no_process_even_in_a_dry_run() {
    let (root, dest) = built_example();
    let mark = dest.path().join("ran");
    for option in [
        format!("ProxyCommand=touch {}", mark.display()),
        format!("proxycommand \"touch {}\"", mark.display()),
        format!("LocalCommand=touch {}", mark.display()),
        "StrictHostKeyChecking=false".into(),
        "StrictHostKeyChecking=\"no\"".into(),
        "UserKnownHostsFile=/dev/null".into(),
        "ProxyJump=bastion".into(),
    ] {
        let out = publish(
            root.path(),
            &[
                "--to",
                "deploy@127.0.0.1:/srv/laman",
                "--dry-run",
                "--ssh-option",
                &option,
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{option}: {}", stderr(&out));
        let said = stderr(&out);
        assert!(
            said.contains("accepted: Port") || said.contains("cannot hold the server's key"),
            "{said}"
        );
        assert!(!mark.exists(), "{option} ran a command");
    }
    let out = publish(
        root.path(),
        &[
            "--to",
            "deploy@127.0.0.1:/srv/laman",
            "--known-hosts",
            "/dev/null",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("/dev/null"), "{}", stderr(&out));
}

/// Until the server's lock is free again (the killed run's ssh session ends on its own).
fn until_ok(what: impl Fn() -> std::process::Output) -> std::process::Output {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let out = what();
        if out.status.success() || std::time::Instant::now() > deadline {
            return out;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

#[needs("sshd", "ssh", "ssh-keygen", "rsync")]
#[test]
fn over_ssh_a_rollback_and_a_release_switch_never_run_at_once() {
    let server = sshd::tools();
    let sshd = sshd::Sshd::start(&server);
    let (root, dest) = built_example();
    let args = sshd.args(dest.path(), "user_key");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let with = |more: &[&'static str]| {
        let mut all = args.clone();
        all.extend(more);
        all
    };
    assert_ok(&publish(root.path(), &args));
    let first = live_release(dest.path());
    // The same build again: no second release.
    let again = publish(root.path(), &args);
    assert_ok(&again);
    assert!(
        stderr(&again).contains("already holds"),
        "{}",
        stderr(&again)
    );
    change_a_page(root.path());
    assert_ok(&laman(root.path(), &["build"]));
    wait_a_second();
    assert_ok(&publish(root.path(), &args));
    let second = live_release(dest.path());
    assert_ne!(first, second);

    // A rollback stopped just before its switch holds the server's lock: a publish and
    // a second rollback are refused, and `current` stays on a complete release.
    let rolling = paused_at(root.path(), &with(&["--rollback"]), "linked");
    for more in [&[][..], &["--rollback"][..]] {
        let out = publish(root.path(), &with(more));
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("another publish or rollback"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(live_release(dest.path()), second);
    drop(rolling);
    assert_eq!(
        live_release(dest.path()),
        second,
        "killed before its switch"
    );
    // Then one rollback, once the killed one's session is gone: exactly one switch.
    assert_ok(&until_ok(|| publish(root.path(), &with(&["--rollback"]))));
    assert_eq!(live_release(dest.path()), first);

    // A release stopped between its rename and its switch: a rollback is refused.
    change_a_page(root.path());
    assert_ok(&laman(root.path(), &["build"]));
    wait_a_second();
    let publishing = paused_at(root.path(), &args, "renamed");
    let out = publish(root.path(), &with(&["--rollback"]));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("another publish"), "{}", stderr(&out));
    assert_eq!(live_release(dest.path()), first);
    drop(publishing);
    assert_eq!(live_release(dest.path()), first);
    // The next publish goes through and cleans up after the killed one.
    wait_a_second();
    assert_ok(&until_ok(|| publish(root.path(), &args)));
    let third = live_release(dest.path());
    assert!(read(third.join("dinkes.sukamajukab.go.id/profil/index.html")).contains(CHANGE));
    assert!(!dest.path().join("releases").read_dir().unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .starts_with(".partial-")));
}

#[test]
fn the_indonesian_summary_reads_naturally() {
    let (root, dest) = built_example();
    let id = |more: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_laman"))
            .args(["publish", "--to", s(dest.path())])
            .args(more)
            .arg("--root")
            .arg(root.path())
            .env_remove("CI")
            .env("LAMAN_LANG", "id")
            .output_in_time();
        assert_ok(&out);
        stderr(&out)
    };
    let first = id(&[]);
    assert!(first.contains("rilis pertama, "), "{first}");
    assert!(first.contains(" berkas disalin; "), "{first}");
    assert!(first.contains(" byte ditulis"), "{first}");
    for wrong in [
        "bita",
        "tidak ada rilis sebelumnya",
        "0 baru",
        "ditautkan (hard link) dari tidak",
    ] {
        assert!(!first.contains(wrong), "{wrong}: {first}");
    }
    assert!(
        first.contains("adalah manifest dan tanda tangan"),
        "{first}"
    );
    let again = id(&[]);
    assert!(again.contains("sudah berisi hasil build ini"), "{again}");
}
