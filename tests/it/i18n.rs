//! The language laman speaks: the same broken input checked in an Indonesian locale and
//! in the C locale gives the same finding codes, files and lines, with every message and
//! hint in Indonesian in the first and in English in the second; `--lang` and
//! `LAMAN_LANG` choose over the locale; `--help` and argument errors follow too.

use crate::common;
use common::*;
use std::path::Path;
use std::process::Output;

/// Runs `laman ARGS... --root ROOT` with exactly the language variables given (none of
/// the caller's), and a time limit.
fn run(root: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = std::process::Command::new("timeout");
    cmd.arg("60")
        .arg(env!("CARGO_BIN_EXE_laman"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env_remove("CI");
    for var in ["LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "LAMAN_LANG"] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied());
    cmd.output_in_time()
}

const ID: &[(&str, &str)] = &[("LANG", "id_ID.UTF-8")];
const C: &[(&str, &str)] = &[("LANG", "C")];

/// The contoh fixture with one mistake of each common kind an editor makes.
fn broken() -> tempfile::TempDir {
    let root = fixture("contoh");
    let r = root.path();
    let pages = [
        ("content/dinkes/berita/kabar-1.md", "+++\ntitle = \"Kabar\ndate = 2026-01-01\n+++\nIsi\n"),
        ("content/dinkes/berita/kabar-2.md", "+++\ntitle = \"Kabar dua\"\ntittle = \"salah\"\n+++\nIsi\n"),
        ("content/dinkes/berita/kabar-3.md", "+++\ndate = 2026-01-01\n+++\nTanpa judul\n"),
        ("content/dinkes/berita/kabar-4.md", "Tanpa bagian depan\n"),
        ("content/dinkes/berita/kabar-5.md", "+++\ntitle = \"Lima\"\ndate = \"kemarin\"\n+++\nIsi\n"),
        ("content/dinkes/berita/kabar-7.md", "+++\ntitle = \"Tujuh\"\ndraft = \"ya\"\n+++\nIsi\n"),
        (
            "content/disdik/_index.md",
            "+++\ntitle = \"Disdik\"\n+++\n[Visi](@/profil/visi-misii.md)\n\n<script>alert(1)</script>\n\n![](gambar.png)\n\n<a href=\"javascript:alert(1)\">x</a>\n",
        ),
        ("content/dinsoss/_index.md", "+++\ntitle = \"x\"\n+++\n"),
    ];
    for (file, text) in pages {
        write(r.join(file), text);
    }
    std::fs::write(
        r.join("content/dinkes/berita/kabar-6.md"),
        b"+++\ntitle = \"\xff\"\n+++\n",
    )
    .unwrap();
    root
}

/// The findings of a `--format json` run as (code, file, line, message, help).
type Row = (String, String, u64, String, String);

fn rows(out: &Output) -> Vec<Row> {
    findings(out)
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (
                s("code"),
                s("file"),
                f["line"].as_u64().unwrap_or(0),
                s("message"),
                s("help"),
            )
        })
        .collect()
}

/// Words that only an English message has.
fn looks_english(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .collect();
    ["the", "is", "not", "has", "no", "must", "write", "add"]
        .iter()
        .any(|w| words.iter().any(|x| x == w))
}

#[test]
fn an_indonesian_locale_gets_every_finding_in_indonesian_with_the_same_codes() {
    let root = broken();
    let id = run(root.path(), ID, &["check", "--format", "json"]);
    let en = run(root.path(), C, &["check", "--format", "json"]);
    assert_eq!(id.status.code(), Some(1), "{}", stderr(&id));
    assert_eq!(en.status.code(), Some(1), "{}", stderr(&en));
    let (id, en) = (rows(&id), rows(&en));
    assert!(id.len() >= 9, "{id:#?}");
    let place = |r: &Vec<Row>| {
        r.iter()
            .map(|(c, f, l, ..)| (c.clone(), f.clone(), *l))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        place(&id),
        place(&en),
        "codes, files and lines are the contract"
    );
    for ((code, file, _, message, help), (_, _, _, english, english_help)) in id.iter().zip(&en) {
        assert!(
            !message.is_empty() && message != english,
            "{code} {file}: {message}"
        );
        assert!(
            !looks_english(message),
            "{code} {file}: not Indonesian: {message}"
        );
        if !english_help.is_empty() {
            assert!(!help.is_empty() && help != english_help, "{code}: {help}");
        }
    }
    let messages: Vec<&str> = id.iter().map(|r| r.3.as_str()).collect();
    assert!(
        messages.contains(&"Judul halaman belum diisi."),
        "{messages:#?}"
    );
}

#[test]
fn the_text_output_and_its_summary_follow_the_language() {
    let root = broken();
    let id = stderr(&run(root.path(), ID, &["check"]));
    assert!(
        id.contains("kesalahan[content.frontmatter.field]: Judul halaman belum diisi."),
        "{id}"
    );
    assert!(id.contains("  saran: "), "{id}");
    assert!(id.contains("peringatan[content.image.alt]"), "{id}");
    assert!(id.contains("halaman sudah diperiksa ("), "{id}");
    let en = stderr(&run(root.path(), C, &["check"]));
    assert!(
        en.contains("error[content.frontmatter.field]: front matter: missing field `title`"),
        "{en}"
    );
    assert!(en.contains("  help: "), "{en}");
    assert!(
        en.contains("checked 3 sites, ") && en.contains(" errors, 2 warnings)"),
        "{en}"
    );
}

#[test]
fn the_flag_chooses_over_laman_lang_and_laman_lang_over_the_locale() {
    let root = broken();
    let said = |env: &[(&str, &str)], args: &[&str]| {
        let mut all = vec!["check"];
        all.extend_from_slice(args);
        stderr(&run(root.path(), env, &all))
    };
    let indonesian = |s: &str| s.contains("Judul halaman belum diisi.");
    assert!(indonesian(&said(C, &["--lang", "id"])));
    assert!(!indonesian(&said(ID, &["--lang=en"])));
    assert!(indonesian(&said(
        &[("LAMAN_LANG", "id"), ("LANG", "C")],
        &[]
    )));
    assert!(!indonesian(&said(
        &[("LAMAN_LANG", "en"), ("LANG", "id_ID.UTF-8")],
        &[]
    )));
    assert!(!indonesian(&said(
        &[("LC_ALL", "C"), ("LANG", "id_ID.UTF-8")],
        &[]
    )));
    assert!(indonesian(&said(&[("LC_MESSAGES", "id_ID.UTF-8")], &[])));
    assert!(
        !indonesian(&said(&[], &[])),
        "English when nothing says otherwise"
    );
}

#[test]
fn registry_mistakes_are_explained_in_both_languages_with_the_same_codes() {
    let root = fixture("contoh");
    let registry = root.path().join("domains.toml");
    let text = read(&registry)
        .replace("contact = \"dinkes@", "contact = \"dinkes@gmail.com\" # ")
        .replacen("label = \"dinkes\"", "label = \"Dinkes_\"", 1);
    write(&registry, &text);
    let id = run(root.path(), ID, &["domains", "check", "--format", "json"]);
    let en = run(root.path(), C, &["domains", "check", "--format", "json"]);
    assert_eq!(id.status.code(), Some(1), "{}", stderr(&id));
    assert_eq!(codes(&id), codes(&en));
    assert!(
        codes(&id).iter().any(|c| c == "registry.label.syntax"),
        "{:?}",
        codes(&id)
    );
    for ((code, _, _, message, _), (_, _, _, english, _)) in rows(&id).iter().zip(&rows(&en)) {
        assert_ne!(message, english, "{code}");
        assert!(!looks_english(message), "{code}: {message}");
    }
    // A workflow refusal, as the Dinas reads it.
    let refused = stderr(&run(
        root.path(),
        ID,
        &[
            "domains",
            "approve",
            "tidakada",
            "--decree",
            "1/2026",
            "--date",
            "2026-01-01",
        ],
    ));
    assert!(
        refused.contains("Tidak ada subdomain `tidakada` di domains.toml."),
        "{refused}"
    );
    assert!(refused.contains("domains.toml tidak diubah"), "{refused}");
}

#[test]
fn help_and_argument_errors_follow_the_language() {
    let root = fixture("contoh");
    let help = run(root.path(), ID, &["build", "--help"]);
    let help = stdout(&help);
    assert!(help.contains("Cara pakai: laman build"), "{help}");
    assert!(
        help.contains("Membangun portal dan setiap situs OPD"),
        "{help}"
    );
    assert!(
        help.contains("Sertakan halaman yang bertanda draft = true"),
        "{help}"
    );
    assert!(help.contains("Tampilkan bantuan"), "{help}");
    let english = stdout(&run(root.path(), C, &["build", "--help"]));
    assert!(english.contains("Usage: laman build"), "{english}");
    assert!(
        english.contains("Include pages marked draft = true"),
        "{english}"
    );

    let wrong = run(root.path(), ID, &["biuld"]);
    assert_eq!(wrong.status.code(), Some(2));
    let said = stderr(&wrong);
    assert!(
        said.contains("kesalahan: perintah 'biuld' tidak dikenal"),
        "{said}"
    );
    assert!(said.contains("'build'"), "{said}");
    let date = stderr(&run(root.path(), ID, &["check", "--as-of", "kemarin"]));
    assert!(date.contains("`kemarin` bukan tanggal"), "{date}");
    let english = stderr(&run(root.path(), C, &["check", "--as-of", "kemarin"]));
    assert!(english.contains("`kemarin` is not a date"), "{english}");
}

/// What a command says it was doing when it failed comes from the catalogues: no
/// literal text is given as the `what` of an I/O error or as a usage error.
#[test]
fn what_failed_is_never_literal_text() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut literal = Vec::new();
    for file in common::rust_source::rust_files(&src) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let squeezed: String = line.split_whitespace().collect();
            if ["Error::io(\"", "Error::Usage(\""]
                .iter()
                .any(|call| squeezed.contains(call))
            {
                literal.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        literal.is_empty(),
        "say it with msg!:\n{}",
        literal.join("\n")
    );
}
