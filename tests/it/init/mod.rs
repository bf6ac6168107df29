//! `laman init` (a new regency repository that builds and passes `domains check`, with CI
//! files that parse) and `laman new site` (an OPD site's draft pages, which the report
//! counts as not yet written).

use crate::common;
use common::*;
use serde_yaml_ng::Value;
use std::path::Path;
use std::process::{Command, Output};

mod hostile;
mod portal;

fn laman_here(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_laman"))
        .args(args)
        .current_dir(dir)
        .env_remove("CI")
        .output_in_time()
}

/// `laman init sukamaju ...` in a fresh folder; returns the folder and the repository.
fn init(domain: &str) -> (tempfile::TempDir, std::path::PathBuf, Output) {
    let tmp = tempfile::tempdir().unwrap();
    let args = [
        "init",
        "sukamaju",
        "--name",
        "Kabupaten Sukamaju",
        "--domain",
        domain,
    ];
    let out = laman_here(tmp.path(), &args);
    let repo = tmp.path().join("sukamaju");
    (tmp, repo, out)
}

/// Each finding of `laman check --format json` in `repo`, as its fields `a` and `b`.
fn checked(repo: &Path, a: &str, b: &str) -> Vec<(String, String)> {
    let out = laman(repo, &["check", "--format", "json"]);
    common::findings(&out)
        .iter()
        .map(|f| {
            let text = |k: &str| f[k].as_str().unwrap_or("").to_string();
            (text(a), text(b))
        })
        .collect()
}

/// `label` requested on 2026-01-10 for `owner` (contact `<label>@sukamajukab.go.id`)
/// and, with `pages`, given its starter pages by `laman new site`.
fn request(repo: &Path, label: &str, owner: &str, pages: bool) {
    let contact = format!("{label}@sukamajukab.go.id");
    let args = [
        "domains",
        "request",
        label,
        "--owner",
        owner,
        "--contact",
        &contact,
        "--date",
        "2026-01-10",
    ];
    assert_eq!(laman(repo, &args).status.code(), Some(0));
    if pages {
        let out = laman(repo, &["new", "site", label]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
}

/// `label` approved by a decree of 2026-01-15 (its A record at 192.0.2.11).
fn approve(repo: &Path, label: &str) {
    let args = [
        "domains",
        "approve",
        label,
        "--decree",
        "555/001/KPTS/2026",
        "--date",
        "2026-01-15",
        "--a",
        "192.0.2.11",
    ];
    let out = laman(repo, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn an_initialised_repository_builds_and_passes_domains_check() {
    let (_tmp, repo, out) = init("sukamajukab.go.id");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for file in [
        "domains.toml",
        ".gitignore",
        "README.md",
        "content/portal/_index.md",
    ] {
        assert!(repo.join(file).is_file(), "{file}");
    }
    assert!(read(repo.join("README.md")).contains("Untuk penulis konten"));
    assert!(read(repo.join(".gitignore")).contains("/public/"));
    let check = laman(&repo, &["domains", "check", "--format", "json"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(codes(&check).is_empty(), "{:?}", codes(&check));
    let build = laman(&repo, &["build"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    assert!(repo.join("public/sukamajukab.go.id/index.html").is_file());
    // The drafts are valid pages, and none of them is published.
    assert!(!repo.join("public/sukamajukab.go.id/kontak").exists());
    let drafts = laman(
        &repo,
        &["build", "--drafts", "--out", s(&repo.join("drafts"))],
    );
    assert_eq!(drafts.status.code(), Some(0), "{}", stderr(&drafts));
    assert!(repo
        .join("drafts/sukamajukab.go.id/ppid/index.html")
        .is_file());
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path().join("sukamaju/catatan.txt"), "milik orang lain");
    let args = [
        "init",
        "sukamaju",
        "--name",
        "Kabupaten Sukamaju",
        "--domain",
        "sukamajukab.go.id",
    ];
    let out = laman_here(tmp.path(), &args);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is not empty"), "{}", stderr(&out));
    assert!(!tmp.path().join("sukamaju/domains.toml").exists());
}

#[test]
fn init_refuses_a_domain_that_is_not_a_domain_and_writes_nothing() {
    for bad in ["sukamaju kab", "x_y.go.id", "sukamajukab..go.id"] {
        let (_tmp, repo, out) = init(bad);
        assert_eq!(out.status.code(), Some(1), "{bad}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("is not a domain name"),
            "{}",
            stderr(&out)
        );
        assert!(!repo.exists(), "{bad}: nothing is written");
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = laman_here(
        tmp.path(),
        &["init", "x", "--name", "Kab\nupaten", "--domain", "a.go.id"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn init_warns_when_the_domain_is_not_of_the_go_id_form() {
    let (_tmp, repo, out) = init("sukamaju.example.org");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("registry.domain.form"),
        "{}",
        stderr(&out)
    );
    assert!(repo.join("domains.toml").is_file());
}

/// Once dinkes is approved and built, the report counts each of its required pages as
/// missing: they are drafts, so not yet written.
fn the_report_counts_every_draft_page_as_missing(repo: &Path) {
    let approve = [
        "domains",
        "approve",
        "dinkes",
        "--decree",
        "555/001/KPTS/2026",
        "--date",
        "2030-01-15",
        "--a",
        "192.0.2.11",
    ];
    let out = laman(
        repo,
        &["--as-of", "2030-01-20"]
            .iter()
            .chain(&approve)
            .copied()
            .collect::<Vec<_>>(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        laman(repo, &["--as-of", "2030-01-20", "build"])
            .status
            .code(),
        Some(0)
    );
    let report = laman(
        repo,
        &[
            "--as-of",
            "2030-01-20",
            "report",
            "--format",
            "json",
            "--output",
            "-",
        ],
    );
    let doc: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    let dinkes = doc["situs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["label"] == "dinkes")
        .unwrap();
    let missing: Vec<&str> = dinkes["kelengkapan"]["halaman_kurang"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let required: Vec<&str> = laman::report::DEFAULT_REQUIRED.to_vec();
    assert_eq!(
        missing, required,
        "every required page is a draft, so not yet written"
    );
}

#[test]
fn a_new_site_gets_the_required_pages_as_drafts_the_report_counts_as_missing() {
    let (_tmp, repo, _) = init("sukamajukab.go.id");
    request(&repo, "dinkes", "Dinas Kesehatan", false);
    let out = laman(&repo, &["new", "site", "dinkes"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for page in [
        "profil/visi-misi.md",
        "profil/struktur-organisasi.md",
        "profil/tugas-fungsi.md",
        "kontak.md",
        "ppid.md",
    ] {
        assert!(
            read(repo.join("content/dinkes").join(page)).contains("draft = true"),
            "{page}"
        );
    }
    assert!(repo.join("content/dinkes/berita/_index.md").is_file());
    assert!(repo.join("content/dinkes/layanan/_index.md").is_file());
    the_report_counts_every_draft_page_as_missing(&repo);
    // Never over what exists.
    let again = laman(&repo, &["new", "site", "dinkes"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn new_site_refuses_a_label_not_in_the_registry_or_not_to_be_published() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(repo.join("domains.toml"), tmp.path().join("domains.toml")).unwrap();
    let cases = [
        ("tidakada", "not in the registry"),
        ("pasar", "revoked"),
        ("dishub", "suspended"),
        ("lpse", "not site"),
    ];
    for (label, said) in cases {
        let out = laman(tmp.path(), &["new", "site", label]);
        assert_eq!(out.status.code(), Some(2), "{label}");
        assert!(stderr(&out).contains(said), "{label}: {}", stderr(&out));
        assert!(!tmp.path().join("content").join(label).exists());
    }
}

// --- the CI files ------------------------------------------------------------------------

fn yaml(path: &Path) -> Value {
    serde_yaml_ng::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn text(v: &Value) -> String {
    serde_yaml_ng::to_string(v).unwrap()
}

#[test]
fn the_gitlab_pipeline_checks_merge_requests_and_publishes_main_only() {
    let (_tmp, repo, _) = init("sukamajukab.go.id");
    let ci = yaml(&repo.join(".gitlab-ci.yml"));
    assert!(text(&ci["workflow"]["rules"]).contains("merge_request_event"));
    assert!(text(&ci["check"]["script"]).contains("laman check --format json"));
    assert!(text(&ci["check"]["artifacts"]["paths"]).contains("laman-check.json"));
    let publish = &ci["publish"];
    assert!(text(&publish["rules"]).contains("$CI_COMMIT_BRANCH == \"main\""));
    assert_eq!(publish["resource_group"], Value::from("laman-publish"));
    let script = text(&publish["script"]);
    for want in [
        "laman build $sign",
        "--sign-key",
        "laman publish --to",
        "--known-hosts",
        "umask 077",
    ] {
        assert!(script.contains(want), "{want}: {script}");
    }
    assert!(text(&ci["default"]["before_script"]).contains("cargo install --locked --git"));
}

#[test]
fn the_actions_workflows_check_pull_requests_and_publish_main_only() {
    let (_tmp, repo, _) = init("sukamajukab.go.id");
    for file in [
        ".github/workflows/laman.yml",
        ".forgejo/workflows/laman.yml",
        ".gitea/workflows/laman.yml",
    ] {
        let wf = yaml(&repo.join(file));
        // YAML 1.1 reads a bare `on` as a boolean key in some parsers; ours keeps it.
        let on = &wf["on"];
        assert_eq!(
            on["push"]["branches"],
            serde_yaml_ng::from_str::<Value>("[main]").unwrap(),
            "{file}"
        );
        assert!(on.get("pull_request").is_some(), "{file}");
        let check = text(&wf["jobs"]["check"]);
        assert!(check.contains("laman check --format json"), "{file}");
        assert!(check.contains("upload-artifact"), "{file}");
        assert!(
            !check.contains("laman publish"),
            "{file}: a pull request is only checked"
        );
        let publish = &wf["jobs"]["publish"];
        assert_eq!(publish["needs"], Value::from("check"), "{file}");
        let cond = publish["if"].as_str().unwrap();
        assert!(
            cond.contains("refs/heads/main") && cond.contains("push"),
            "{file}"
        );
        let steps = text(&publish["steps"]);
        for want in [
            "secrets.LAMAN_SSH_KEY",
            "--sign-key",
            "laman publish --to",
            "umask 077",
        ] {
            assert!(steps.contains(want), "{file}: {want}");
        }
    }
    // The files kept in this repository are the ones init writes.
    let kept = Path::new(env!("CARGO_MANIFEST_DIR")).join("ci");
    assert_eq!(
        read(kept.join("gitlab-ci.yml")),
        read(repo.join(".gitlab-ci.yml"))
    );
    assert_eq!(
        read(kept.join("github-actions.yml")),
        read(repo.join(".github/workflows/laman.yml"))
    );
}

/// `init` writes the `[report]` section: the signer's title filled from the Dinas's name,
/// the rest blank for the Dinas to fill. The report then prints dotted lines to sign on
/// and says what to fill in; once filled, the signature block carries it.
#[test]
fn init_writes_a_report_template_for_the_signature_block() {
    let (_tmp, repo, out) = init("sukamajukab.go.id");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let registry = read(repo.join("domains.toml"));
    let table: toml::Table = registry.parse().unwrap();
    let report = table["report"].as_table().expect("a [report] table");
    assert_eq!(report["period_days"].as_integer(), Some(90));
    assert_eq!(
        report["signer_title"].as_str(),
        Some("Kepala Dinas Komunikasi dan Informatika Kabupaten Sukamaju")
    );
    for blank in ["place", "signer", "signer_id"] {
        assert_eq!(report[blank].as_str(), Some(""), "{blank}");
    }
    // Above the subdomain section, where `domains request` adds entries.
    assert!(registry.find("[report]").unwrap() < registry.find("---- Subdomain").unwrap());

    let args = ["--as-of", "2030-01-20", "report", "--output", "-"];
    let unsigned = laman(&repo, &args);
    assert_eq!(unsigned.status.code(), Some(0), "{}", stderr(&unsigned));
    assert!(
        stderr(&unsigned).contains("the signature block has no name"),
        "{}",
        stderr(&unsigned)
    );
    let html = stdout(&unsigned);
    let footer = &html[html.find("<footer").unwrap()..];
    assert!(footer.contains("Kepala Dinas Komunikasi dan Informatika Kabupaten Sukamaju"));
    assert!(footer.contains("(nama jelas)"), "{footer}");
    assert!(footer.contains("NIP <span class=\"isian\">"), "{footer}");

    let filled = registry
        .replace("place = \"\"", "place = \"Sukamaju\"")
        .replace("signer = \"\"", "signer = \"Dr. Rahmat Hidayat, M.Si.\"")
        .replace("signer_id = \"\"", "signer_id = \"19750505 200003 1 002\"");
    write(repo.join("domains.toml"), &filled);
    let signed = laman(&repo, &args);
    assert_eq!(signed.status.code(), Some(0), "{}", stderr(&signed));
    assert!(!stderr(&signed).contains("signature block"));
    let html = stdout(&signed);
    for text in [
        "Sukamaju, 20 Januari 2030",
        "<strong>Dr. Rahmat Hidayat, M.Si.</strong>",
        "NIP 19750505 200003 1 002",
    ] {
        assert!(html.contains(text), "{text}");
    }
}

mod hints;
mod missing;
mod starter;
