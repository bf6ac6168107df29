//! `build --out` never destroys an input or a folder laman did not write: a refused
//! `--out` exits 2 and leaves every file (the root, its neighbours, the output) as it was.

use crate::common;
use common::*;
use std::path::Path;

/// Runs `laman build --out OUT` (OUT taken as given) from `cwd`.
fn build_into(root: &Path, out: &Path) -> std::process::Output {
    laman(root, &["build", "--out", out.to_str().unwrap()])
}

/// A regency root inside a parent folder that also holds an unrelated file, so that
/// every refusal can be checked against the whole parent.
fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let parent = tempfile::tempdir().unwrap();
    let root = parent.path().join("regency");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/contoh"),
        &root,
    );
    write(root.join("themes/kab/templates/.keep"), "");
    write(root.join(".git/HEAD"), "ref: refs/heads/main\n");
    write(parent.path().join("catatan.txt"), "milik orang lain\n");
    (parent, root)
}

/// Builds into `out`, expects exit 2 with `why` in the message and no file changed
/// anywhere under the parent folder.
fn refused(parent: &Path, root: &Path, out: &Path, why: &str) {
    let before = snapshot(parent);
    let dirs_before = dirs(parent);
    let run = build_into(root, out);
    assert_eq!(
        run.status.code(),
        Some(2),
        "--out {}: {}",
        out.display(),
        stderr(&run)
    );
    let message = stderr(&run);
    assert!(
        message.contains("refusing to write the output"),
        "{message}"
    );
    assert!(message.contains(why), "expected `{why}` in: {message}");
    assert_eq!(
        before,
        snapshot(parent),
        "--out {} changed files",
        out.display()
    );
    assert_eq!(
        dirs_before,
        dirs(parent),
        "--out {} left folders",
        out.display()
    );
}

fn dirs(dir: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.into_path())
        .collect()
}

#[test]
fn the_root_and_its_ancestors_are_refused() {
    let (parent, root) = setup();
    refused(parent.path(), &root, &root, "the regency root itself");
    refused(
        parent.path(),
        &root,
        &root.join("."),
        "the regency root itself",
    );
    refused(
        parent.path(),
        &root,
        &root.join("public/.."),
        "the regency root itself",
    );
    refused(
        parent.path(),
        &root,
        parent.path(),
        "it holds the regency root",
    );
    refused(
        parent.path(),
        &root,
        Path::new("/"),
        "it holds the regency root",
    );
}

#[test]
fn inputs_and_folders_inside_them_are_refused() {
    let (parent, root) = setup();
    for (out, why) in [
        ("content", "input `content`"),
        ("content/dinkes", "input `content`"),
        ("content/dinkes/public", "input `content`"),
        ("content/baru/sekali", "input `content`"),
        ("public/../content", "input `content`"),
        ("domains.toml", "input `domains.toml`"),
        ("domains.toml/public", "input `domains.toml`"),
        ("themes", "input `themes`"),
        ("themes/kab/static", "input `themes`"),
        (".git", "input `.git`"),
        (".git/public", "input `.git`"),
    ] {
        refused(parent.path(), &root, &root.join(out), why);
    }
}

#[test]
fn a_link_to_an_input_is_refused_as_the_input() {
    let (parent, root) = setup();
    std::os::unix::fs::symlink(root.join("content"), parent.path().join("keluaran")).unwrap();
    refused(
        parent.path(),
        &root,
        &parent.path().join("keluaran"),
        "input `content`",
    );
    refused(
        parent.path(),
        &root,
        &parent.path().join("keluaran/dinkes"),
        "input `content`",
    );
    // A link elsewhere would be replaced by a folder, leaving its target stale.
    std::fs::create_dir(parent.path().join("www")).unwrap();
    std::os::unix::fs::symlink(parent.path().join("www"), parent.path().join("situs")).unwrap();
    refused(
        parent.path(),
        &root,
        &parent.path().join("situs"),
        "symbolic link",
    );
}

#[test]
fn files_and_foreign_folders_are_refused() {
    let (parent, root) = setup();
    refused(
        parent.path(),
        &root,
        &parent.path().join("catatan.txt"),
        "it is a file",
    );
    write(parent.path().join("dokumen/laporan.docx"), "penting");
    refused(
        parent.path(),
        &root,
        &parent.path().join("dokumen"),
        "laman did not write (it holds `laporan.docx`",
    );
    // A single --site build also replaces folders inside --out: the same rule holds.
    let before = snapshot(parent.path());
    let run = laman(
        &root,
        &[
            "build",
            "--site",
            "dinkes",
            "--out",
            parent.path().join("dokumen").to_str().unwrap(),
        ],
    );
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert_eq!(before, snapshot(parent.path()));
}

#[test]
fn new_empty_and_own_folders_are_accepted() {
    let (parent, root) = setup();
    // Absent, nested under absent folders.
    let out = parent.path().join("keluaran/baru");
    let run = build_into(&root, &out);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(out.join(".laman-output").is_file());
    assert!(out.join("contohkab.go.id/index.html").is_file());
    // Its own output, built again (cold: a changed page) and by --site.
    write(
        root.join("content/dinkes/_index.md"),
        "+++\ntitle = \"Dinkes baru\"\n+++\nIsi baru\n",
    );
    let again = build_into(&root, &out);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    let site = laman(
        &root,
        &["build", "--site", "dinkes", "--out", out.to_str().unwrap()],
    );
    assert_eq!(site.status.code(), Some(0), "{}", stderr(&site));
    assert!(out.join(".laman-output").is_file());
    // An empty folder.
    let empty = parent.path().join("kosong");
    std::fs::create_dir(&empty).unwrap();
    let run = build_into(&root, &empty);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    // The default, ROOT/public, inside the root but in no input.
    let run = laman(&root, &["build"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(root.join("public/.laman-output").is_file());
}

#[test]
fn output_written_before_the_marker_existed_is_recognised() {
    let (parent, root) = setup();
    let out = parent.path().join("public");
    assert_eq!(build_into(&root, &out).status.code(), Some(0));
    std::fs::remove_file(out.join(".laman-output")).unwrap();
    let run = build_into(&root, &out);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(out.join(".laman-output").is_file());
    // One stray file among the site folders makes it foreign again.
    std::fs::remove_file(out.join(".laman-output")).unwrap();
    write(out.join("catatan.txt"), "x");
    refused(parent.path(), &root, &out, "it holds `catatan.txt`");
}

#[test]
fn staging_folders_of_dead_builds_are_removed_and_live_ones_kept() {
    let (parent, root) = setup();
    let out = root.join("public");
    let dead = root.join(".public.new-Mati01");
    write(dead.join("contohkab.go.id/index.html"), "setengah");
    let live = root.join(".public.new-Hidup2");
    write(live.join("contohkab.go.id/index.html"), "sedang ditulis");
    let running = std::fs::File::open(&live).unwrap();
    running.lock().unwrap();
    let run = build_into(&root, &out);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(!dead.exists(), "a dead build's staging folder is removed");
    assert!(
        live.join("contohkab.go.id/index.html").is_file(),
        "a running build's is kept"
    );
    drop(running);
    let staging: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".new-"))
        .collect();
    assert_eq!(
        staging,
        vec![".public.new-Hidup2"],
        "nothing else is left beside --out"
    );
    drop(parent);
}
