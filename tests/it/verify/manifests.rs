//! The manifest a build writes: the same for the same build, every published file in it,
//! the regency's kept whole by a one-site build, and signing never skipped.

use super::*;

#[test]
fn the_manifest_is_deterministic_and_lists_every_published_file() {
    let root = fixture("contoh");
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    for out in [&a, &b] {
        let built = laman(root.path(), &["build", "--out", out.to_str().unwrap()]);
        assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    }
    assert_eq!(
        read(a.join("laman-manifest.json")),
        read(b.join("laman-manifest.json"))
    );
    let site = a.join(format!("dinkes.{DOMAIN}"));
    let manifest: serde_json::Value =
        serde_json::from_str(&read(site.join(".well-known/laman-manifest.json"))).unwrap();
    let listed: Vec<String> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    let on_disk: Vec<String> = walkdir::WalkDir::new(&site)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(&site)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|p| !p.starts_with(".well-known/laman-manifest"))
        .collect();
    let mut sorted = on_disk.clone();
    sorted.sort();
    assert_eq!(listed, sorted);
    assert!(
        !site.join(".well-known/laman-manifest.json.sig").exists(),
        "unsigned without a key"
    );
}

#[test]
fn a_site_build_keeps_the_regency_manifest_whole_and_signing_is_never_skipped() {
    let root = fixture("contoh");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let sites = |out: &Path| -> Vec<String> {
        let m: serde_json::Value =
            serde_json::from_str(&read(out.join("laman-manifest.json"))).unwrap();
        m["sites"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["site"].as_str().unwrap().to_string())
            .collect()
    };
    let build = |extra: &[&str]| {
        let mut args = vec!["build", "--out", out.to_str().unwrap()];
        args.extend(extra);
        let built = laman(root.path(), &args);
        assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
        built
    };
    build(&[]);
    let whole = sites(&out);
    assert_eq!(whole.len(), 3, "{whole:?}");
    let page = root.path().join("content/dinkes/_index.md");
    write(&page, &format!("{}\nBaris baru.\n", read(&page)));
    build(&["--site", "dinkes"]);
    assert_eq!(sites(&out), whole, "a --site build lists every site still");
    let regency = read(out.join("laman-manifest.json"));
    let dinkes = read(out.join(format!("dinkes.{DOMAIN}/.well-known/laman-manifest.json")));
    let digest = |text: &str| -> String {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        v["digest"].as_str().unwrap().to_string()
    };
    assert!(
        regency.contains(&digest(&dinkes)),
        "the new dinkes manifest is in it"
    );

    // Nothing changed, but now a key is given: the build is not skipped, it signs.
    let key = tmp.path().join("k.pem");
    let made = laman(root.path(), &["keygen", key.to_str().unwrap()]);
    let registry = root.path().join("domains.toml");
    write(
        &registry,
        &format!(
            "{}\n[integrity]\npublic_key = \"{}\"\n",
            read(&registry),
            stdout(&made).trim()
        ),
    );
    build(&[]);
    let built = build(&["--sign-key", key.to_str().unwrap()]);
    assert!(
        !stderr(&built).contains("nothing changed"),
        "{}",
        stderr(&built)
    );
    assert!(out.join("laman-manifest.json.sig").is_file());
    assert!(out
        .join(format!(
            "dinkes.{DOMAIN}/.well-known/laman-manifest.json.sig"
        ))
        .is_file());
    let again = build(&["--sign-key", key.to_str().unwrap()]);
    assert!(
        stderr(&again).contains("nothing changed"),
        "{}",
        stderr(&again)
    );
    let unsigned = build(&[]);
    assert!(!stderr(&unsigned).contains("nothing changed"));
    assert!(
        !out.join("laman-manifest.json.sig").exists(),
        "an unsigned build leaves no stale signature"
    );
}
