//! Helpers shared by the integration tests: fixture copies, the binary, tree snapshots.

pub mod child;
pub mod nginx;
pub mod rust_source;

pub use child::OutputInTime;
pub use laman_test_needs::needs;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

/// A fresh copy of `tests/fixtures/<name>` in a temporary folder.
pub fn fixture(name: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
        tmp.path(),
    );
    tmp
}

/// The tool `name` as found on `PATH`. A test that runs one is marked
/// `#[needs("name")]`, which ignores it when the tool is missing outside CI; so a missing
/// tool here means CI, or an ignored test run on purpose: either way the test fails.
pub fn tool(name: &str) -> PathBuf {
    std::env::var_os("PATH")
        .and_then(|path| {
            std::env::split_paths(&path)
                .map(|dir| dir.join(name))
                .find(|p| p.is_absolute() && p.is_file())
        })
        .unwrap_or_else(|| panic!("{name} is not on PATH (scripts/test installs it)"))
}

/// A fresh copy of the bundled example regency (`content/` and `domains.toml`).
pub fn example_copy() -> tempfile::TempDir {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = tempfile::tempdir().unwrap();
    copy_tree(&here.join("content"), &root.path().join("content"));
    std::fs::copy(here.join("domains.toml"), root.path().join("domains.toml")).unwrap();
    root
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs `laman ARGS... --root ROOT`, in English whatever the locale of the machine that
/// runs the tests (tests/it/i18n.rs runs the other language).
pub fn laman(root: &Path, args: &[&str]) -> Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_laman"));
    cmd.args(args)
        .arg("--root")
        .arg(root)
        .env_remove("CI")
        .env("LAMAN_LANG", "en");
    cmd.output_in_time()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every file below `dir` with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

pub fn read(path: impl AsRef<Path>) -> String {
    let path = path.as_ref();
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn write(path: impl AsRef<Path>, text: &str) {
    let path = path.as_ref();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Parses `--format json` output.
pub fn findings(out: &Output) -> Vec<serde_json::Value> {
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(out)));
    doc["findings"].as_array().unwrap().clone()
}

/// The codes of the findings of a `--format json` run.
pub fn codes(out: &Output) -> Vec<String> {
    findings(out)
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

/// Lets the site `label` carry its own code: `custom_code = true` on its registry entry
/// (`[portal]` for the portal).
pub fn allow_custom_code(root: &Path, label: &str) {
    let path = root.join("domains.toml");
    let text = read(&path);
    let anchor = if label == "portal" {
        "[portal]\n".to_string()
    } else {
        format!("label = \"{label}\"\n")
    };
    assert!(text.contains(&anchor), "no entry for {label}");
    write(
        &path,
        &text.replacen(&anchor, &format!("{anchor}custom_code = true\n"), 1),
    );
}

/// Builds the fixture `contoh` once (so there is a published tree), applies `spoil`,
/// builds again and checks what every refused build must do: exit 1, an error `code`
/// naming `file`, `public/` byte for byte as it was, and the text output naming the file.
/// Returns the fixture as spoiled and the finding.
pub fn refused_build(
    spoil: impl FnOnce(&Path),
    code: &str,
    file: &str,
) -> (tempfile::TempDir, serde_json::Value) {
    refused_build_of("contoh", spoil, code, file)
}

/// [`refused_build`] on the fixture `name`.
pub fn refused_build_of(
    name: &str,
    spoil: impl FnOnce(&Path),
    code: &str,
    file: &str,
) -> (tempfile::TempDir, serde_json::Value) {
    let root = fixture(name);
    assert_eq!(laman(root.path(), &["build"]).status.code(), Some(0));
    let before = snapshot(&root.path().join("public"));
    spoil(root.path());
    let out = laman(root.path(), &["build", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let all = findings(&out);
    let hit = all
        .iter()
        .find(|f| f["code"] == code && f["file"] == file)
        .unwrap_or_else(|| panic!("no {code} in {file}: {all:#?}"))
        .clone();
    assert_eq!(hit["severity"], "error");
    assert_eq!(
        before,
        snapshot(&root.path().join("public")),
        "a refused build changed public/"
    );
    let text = laman(root.path(), &["build"]);
    assert!(
        stderr(&text).contains(&format!("--> {file}")),
        "text output names the file: {}",
        stderr(&text)
    );
    (root, hit)
}

/// Runs git in `dir` isolated from the machine's and the user's configuration and from any
/// GIT_* variables of the process running the tests, with both dates set to `when`.
pub fn git_at(dir: &Path, when: &str, args: &[&str]) -> String {
    let home = dir.join(".."); // never read: GIT_CONFIG_GLOBAL points nowhere
    let output = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=Dinas Kominfo",
            "-c",
            "user.email=kominfo@example.go.id",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_DATE", when)
        .env("GIT_COMMITTER_DATE", when)
        .output_in_time();
    assert!(
        output.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The property tests' settings: `cases` generated inputs, no failure files, new cases on
/// every run here and the same cases in CI, so that a run there is reproducible (a
/// failing case is printed, shrunk, wherever it is found).
pub fn proptest_config(cases: u32, max_shrink_iters: u32) -> proptest::test_runner::Config {
    proptest::test_runner::Config {
        cases,
        failure_persistence: None,
        max_shrink_iters,
        rng_seed: if std::env::var_os("CI").is_some() {
            proptest::test_runner::RngSeed::Fixed(0x006c_616d_616e)
        } else {
            proptest::test_runner::RngSeed::Random
        },
        ..proptest::test_runner::Config::default()
    }
}
