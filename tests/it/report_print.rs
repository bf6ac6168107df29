//! The report as the Bupati gets it: `laman report` on the `laporan` fixture, printed to an
//! A4 PDF by headless Chromium and read back with `pdftotext`. Every reason the JSON
//! report holds (what a site lacks, why each part of its score is not full, every
//! finding, a suspension's reason) must be on paper, in plain Indonesian words, with the
//! signature block filled from `[report]`.
//!
//! Chromium and poppler-utils are real tools (scripts/test installs them). Without them
//! the test is reported as ignored, not passed; in CI it runs and fails (`#[needs]`).

use crate::common;
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const AS_OF: &str = "2026-11-26";
const CHROMIUM: &str = "/usr/bin/chromium";

/// Runs `laman report` in Indonesian, as the Dinas does.
fn laman_id(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new("timeout")
        .arg("120")
        .arg(env!("CARGO_BIN_EXE_laman"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env_remove("CI")
        .env("LAMAN_LANG", "id")
        .output_in_time()
}

/// Prints `html` to `pdf` as a person would with Chromium's "Save as PDF", without the
/// browser's own header and footer; within a time limit, in a profile of its own.
fn print(html: &Path, pdf: &Path, profile: &Path) -> Result<(), String> {
    let out = Command::new("timeout")
        .args(["-k", "10", "120", CHROMIUM])
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .map_err(|e| format!("chromium: {e}"))?;
    if !pdf.is_file() {
        return Err(format!(
            "chromium wrote no PDF ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(())
}

/// What `tool ARGS... FILE [-]` writes (`-`: its output to standard output).
fn tool_output(tool: &str, args: &[&str], file: &Path) -> Result<String, String> {
    let out = Command::new("timeout")
        .arg("60")
        .arg(tool)
        .args(args)
        .arg(file)
        .args((tool == "pdftotext").then_some("-"))
        .output()
        .map_err(|e| format!("{tool}: {e}"))?;
    if !out.status.success() {
        return Err(format!("{tool}: {}", String::from_utf8_lossy(&out.stderr)));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Text as compared: without any white space (a line of the page may wrap anywhere) and
/// with the ligatures a PDF may keep spelt out.
fn squeeze(text: &str) -> String {
    text.replace('\u{fb01}', "fi")
        .replace('\u{fb02}', "fl")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{ad}')
        .collect()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// Every reason the report gives, as (what it is, its text): what must be on paper.
fn reasons(report: &Value) -> Vec<(String, String)> {
    let mut want = Vec::new();
    let mut add = |what: String, text: &str| {
        if !text.trim().is_empty() {
            want.push((what, text.to_string()));
        }
    };
    for s in report["situs"].as_array().unwrap() {
        let label = s["label"].as_str().unwrap();
        add(format!("{label}: name"), s["nama"].as_str().unwrap());
        if let Some(reason) = s["registri"]["alasan"].as_str() {
            add(format!("{label}: registry reason"), reason);
        }
        let Some(parts) = s["skor"]["bagian"].as_array() else {
            continue;
        };
        for p in parts {
            add(
                format!("{label}: why {} is not full", p["bagian"]),
                p["catatan"].as_str().unwrap(),
            );
        }
        let k = &s["kelengkapan"];
        for reason in strings(&k["alasan"]) {
            add(format!("{label}: why incomplete"), &reason);
        }
        for page in strings(&k["halaman_kurang"]) {
            add(format!("{label}: missing page"), &page);
        }
        for title in strings(&k["informasi_basi"]) {
            add(format!("{label}: stale information"), &title);
        }
        for service in k["layanan_tidak_lengkap"].as_array().unwrap() {
            add(
                format!("{label}: incomplete service"),
                service["nama"].as_str().unwrap(),
            );
        }
        for f in s["kesehatan"]["temuan"].as_array().unwrap() {
            add(
                format!("{label}: finding {}", f["code"]),
                f["message"].as_str().unwrap(),
            );
        }
        for h in s["kesehatan"]["halaman_berat"].as_array().unwrap() {
            add(format!("{label}: heavy page"), h["url"].as_str().unwrap());
        }
    }
    for f in report["temuan_registri"].as_array().unwrap() {
        add(
            format!("registry finding {}", f["code"]),
            f["message"].as_str().unwrap(),
        );
    }
    want
}

/// The words the Bupati reads instead of codes: each finding code's plain name, the
/// statuses of the entries that are not built, and the signature block.
fn plain_words(report: &Value) -> Vec<(String, String)> {
    let mut words = Vec::new();
    for s in report["situs"].as_array().unwrap() {
        for code in s["kesehatan"]["per_kode"]
            .as_object()
            .into_iter()
            .flat_map(|m| m.keys())
        {
            let name = laman::finding::Code::ALL
                .iter()
                .find(|c| c.as_str() == code)
                .unwrap()
                .name_in(laman::i18n::Lang::Id);
            words.push((format!("the name of {code}"), name));
        }
    }
    for text in [
        "ditangguhkan",
        "diajukan",
        "menunggu keputusan 60 hari",
        "tidak lengkap: belum ada halaman",
        "tidak diperbarui: tidak ada berita",
        "Dra. Siti Aminah, M.Si.",
        "NIP 19700101 199001 2 001",
        "Contoh, 26 November 2026",
    ] {
        words.push(("words of the document".into(), text.into()));
    }
    words
}

#[needs("chromium", "pdftotext", "pdfinfo")]
#[test]
fn the_printed_report_carries_every_reason() -> Result<(), String> {
    let root = fixture("laporan");
    let r = root.path();
    let json = laman_id(
        r,
        &[
            "report", "--as-of", AS_OF, "--format", "json", "--output", "-",
        ],
    );
    assert_eq!(json.status.code(), Some(0), "{}", stderr(&json));
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    let html: PathBuf = r.join("laporan.html");
    let out = laman_id(
        r,
        &[
            "report",
            "--as-of",
            AS_OF,
            "--output",
            html.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let pdf = r.join("laporan.pdf");
    print(&html, &pdf, &r.join("chromium-profile"))?;
    let info = tool_output("pdfinfo", &[], &pdf)?;
    assert!(
        info.lines()
            .any(|l| l.starts_with("Page size:") && l.contains("(A4)")),
        "not A4:\n{info}"
    );
    // -raw: in the order the page draws it, so a table cell's wrapped lines stay together.
    let text = tool_output("pdftotext", &["-raw", "-enc", "UTF-8"], &pdf)?;
    let paper = squeeze(&text);

    let mut want = reasons(&report);
    assert!(
        want.len() > 20,
        "the fixture gives reasons to print: {want:?}"
    );
    want.extend(plain_words(&report));
    let missing: Vec<String> = want
        .iter()
        .filter(|(_, text)| !paper.contains(&squeeze(text)))
        .map(|(what, text)| format!("{what}: {text:?}"))
        .collect();
    assert!(
        missing.is_empty(),
        "not on paper:\n{}\n\nthe PDF's text:\n{text}",
        missing.join("\n")
    );
    // Statuses and kinds are words, and the CLI's word for an error is the document's.
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .collect();
    for english in ["suspended", "requested", "approved", "galat"] {
        assert!(!words.contains(&english), "{english} on paper:\n{text}");
    }
    Ok(())
}
