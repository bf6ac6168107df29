//! Compiles `#[needs]` (and so the tests that use it) again when what it looked for may
//! have changed: `PATH`, `CI`, a folder on `PATH` (a package installed) or the judges'
//! npm packages. Nothing else: it prints no `cfg` and no variable.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-env-changed=PATH");
    println!("cargo:rerun-if-env-changed=CI");
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").expect("run by Cargo");
    let project = Path::new(&manifest).join("../..");
    let project = project.canonicalize().unwrap_or(project);
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            // Cargo reads a watched folder whole: never the project (its target/).
            if dir.is_absolute()
                && dir.is_dir()
                && !dir.starts_with(&project)
                && !project.starts_with(&dir)
            {
                println!("cargo:rerun-if-changed={}", dir.display());
            }
        }
    }
    let judges = project.join("tests/judges");
    let stamp = judges.join("node_modules/.package-lock.json");
    // npm rewrites the stamp on every install; without node_modules the folder is small.
    let watched = if stamp.is_file() { stamp } else { judges };
    println!("cargo:rerun-if-changed={}", watched.display());
}
