//! The report as one HTML file the head of the Dinas can open, print on A4 and sign:
//! no external resource and no script; charts as inline SVG with a title and a text
//! equivalent; the table in three orders (score, name, days since the last update)
//! switched by links and `:target`, so it sorts without JavaScript.
//!
//! It is a document for the Bupati: every reason is on the printed page (the details of
//! each site are a section of their own, never folded away in `<details>`, which a
//! browser does not print), each row says why it is marked, and every finding code,
//! status and kind is in plain Indonesian words, the code following in small print.
//!
//! Drawing only: every figure comes from the [`Report`]; the template escapes every text
//! (site names and findings are written by others).

use super::model::{Report, Situs};
use crate::error::{Error, Result};
use crate::finding::{Code, Finding};
use crate::i18n::Lang;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

const TEMPLATE: &str = include_str!("laporan.html");

/// One bar of a chart: its label, the value shown, and its length in `0..=100`.
#[derive(Serialize)]
struct Bar {
    label: String,
    text: String,
    length: f64,
}

#[derive(Serialize)]
struct Chart {
    id: &'static str,
    title: String,
    /// The chart in words, for readers who cannot see it.
    summary: String,
    bars: Vec<Bar>,
    /// Where a reference line stands (`0..=100`), if any.
    mark: Option<f64>,
    height: usize,
}

const BAR_HEIGHT: usize = 22;

fn chart(
    id: &'static str,
    title: String,
    summary: String,
    bars: Vec<Bar>,
    mark: Option<f64>,
) -> Chart {
    Chart {
        id,
        title,
        summary,
        height: bars.len().max(1) * BAR_HEIGHT + 8,
        bars,
        mark,
    }
}

fn active(report: &Report) -> Vec<&Situs> {
    report.situs.iter().filter(|s| s.skor.is_some()).collect()
}

fn score(s: &Situs) -> u32 {
    s.skor.as_ref().map_or(0, |k| k.total)
}

fn charts(report: &Report) -> Vec<Chart> {
    vec![
        score_chart(report),
        days_chart(report),
        findings_chart(report),
    ]
}

/// Score per site, lowest first.
fn score_chart(report: &Report) -> Chart {
    let mut by_score = active(report);
    by_score.sort_by_key(|s| (score(s), s.label.clone()));
    let bars = by_score
        .iter()
        .map(|s| Bar {
            label: s.nama.clone(),
            text: score(s).to_string(),
            length: f64::from(score(s)),
        })
        .collect();
    let worst = by_score
        .iter()
        .take(3)
        .map(|s| format!("{} ({})", s.nama, score(s)))
        .collect::<Vec<_>>()
        .join(", ");
    chart(
        "grafik-skor",
        "Skor per situs".into(),
        format!("Skor 0 sampai 100, terendah di atas. Terendah: {worst}."),
        bars,
        None,
    )
}

/// Days since the last update, longest first, with the period marked. Days are drawn up
/// to three periods; longer (or unknown) runs off the scale.
fn days_chart(report: &Report) -> Chart {
    let period = report.periode_hari;
    let cap = (period * 3) as f64;
    let mut by_days = active(report);
    by_days.sort_by_key(|s| {
        let days = s.kesegaran.as_ref().and_then(|k| k.hari);
        (std::cmp::Reverse(days.unwrap_or(i64::MAX)), s.label.clone())
    });
    let bars = by_days
        .iter()
        .map(|s| {
            let d = s.kesegaran.as_ref().and_then(|k| k.hari);
            Bar {
                label: s.nama.clone(),
                text: d.map_or("tidak diketahui".into(), |d| format!("{d} hari")),
                length: d.map_or(100.0, |d| (d as f64 / cap * 100.0).min(100.0)),
            }
        })
        .collect();
    let stale: Vec<&str> = by_days
        .iter()
        .filter(|s| s.kesegaran.as_ref().is_some_and(|k| k.basi))
        .map(|s| s.nama.as_str())
        .collect();
    chart(
        "grafik-hari",
        format!("Hari sejak pembaruan terakhir (garis: periode {period} hari)"),
        if stale.is_empty() {
            "Semua situs memuat berita dalam periode.".into()
        } else {
            format!("Tanpa berita dalam periode: {}.", stale.join(", "))
        },
        bars,
        Some(period as f64 / cap * 100.0),
    )
}

/// Findings of every site by code, most first.
fn findings_chart(report: &Report) -> Chart {
    let mut codes: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &report.situs {
        for (code, n) in s.kesehatan.iter().flat_map(|h| &h.per_kode) {
            *codes.entry(code).or_default() += n;
        }
    }
    let mut codes: Vec<(&str, usize)> = codes.into_iter().collect();
    codes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let most = codes.first().map_or(1, |c| c.1).max(1);
    let bars = codes
        .iter()
        .map(|(code, n)| Bar {
            label: code_name(code),
            text: n.to_string(),
            length: *n as f64 / most as f64 * 100.0,
        })
        .collect();
    let summary = if codes.is_empty() {
        "Tidak ada temuan pemeriksaan.".to_string()
    } else {
        codes
            .iter()
            .map(|(c, n)| format!("{} ({c}): {n}", code_name(c)))
            .collect::<Vec<_>>()
            .join("; ")
            + "."
    };
    chart(
        "grafik-temuan",
        "Temuan pemeriksaan menurut jenisnya".into(),
        summary,
        bars,
        None,
    )
}

/// A finding code in the document's words ("Tautan rusak"); a code laman does not know
/// (from an older `--previous`) as itself.
fn code_name(code: &str) -> String {
    Code::ALL
        .iter()
        .find(|c| c.as_str() == code)
        .map_or_else(|| code.to_string(), |c| c.name_in(Lang::Id))
}

/// A word of the catalogue by `prefix` and a code the report holds (`status-approved`,
/// `kind-site`); what the catalogue lacks shows as the code.
fn word(prefix: &str, value: &str) -> String {
    let key = format!("{prefix}-{value}");
    if crate::i18n::has(Lang::Id, &key) {
        crate::i18n::text_in(Lang::Id, &key, None)
    } else {
        value.to_string()
    }
}

/// A Tera filter from a function of one text.
fn text_filter(
    f: fn(&str) -> String,
) -> impl Fn(&tera::Value, &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    move |value, _| match value.as_str() {
        Some(s) => Ok(tera::Value::from(f(s))),
        None => Err(tera::Error::msg("expects a text")),
    }
}

/// A decree number with a line-break opportunity after each `/`, so that a long number
/// (`555/015/KPTS/DISKOMINFO/2024`) wraps in a narrow column of the printed page instead
/// of widening it; escaped here, since its output is marked safe.
struct DecreeNumber;

impl tera::Filter for DecreeNumber {
    fn filter(
        &self,
        value: &tera::Value,
        _: &HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let text = value
            .as_str()
            .ok_or_else(|| tera::Error::msg("expects a text"))?;
        let parts: Vec<String> = text.split('/').map(tera::escape_html).collect();
        Ok(tera::Value::from(parts.join("/<wbr>")))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// The findings of one kind, for a site's details.
#[derive(Serialize)]
struct Group<'r> {
    code: &'r str,
    name: String,
    findings: Vec<&'r Finding>,
}

/// Findings grouped by code, in the order of their first appearance.
fn groups(findings: &[Finding]) -> Vec<Group<'_>> {
    let mut out: Vec<Group> = Vec::new();
    for f in findings {
        let code = f.code.as_str();
        match out.iter_mut().find(|g| g.code == code) {
            Some(g) => g.findings.push(f),
            None => out.push(Group {
                code,
                name: f.code.name_in(Lang::Id),
                findings: vec![f],
            }),
        }
    }
    out
}

/// What the details of each site show beyond the report's own fields: its findings and
/// DNS findings by kind, by label.
#[derive(Serialize)]
struct Details<'r> {
    findings: Vec<Group<'r>>,
    dns: Vec<Group<'r>>,
}

fn details(report: &Report) -> BTreeMap<&str, Details<'_>> {
    report
        .situs
        .iter()
        .map(|s| {
            let findings = s.kesehatan.as_ref().map_or(&[][..], |h| &h.temuan);
            let dns = s.dns.as_deref().unwrap_or_default();
            (
                s.label.as_str(),
                Details {
                    findings: groups(findings),
                    dns: groups(dns),
                },
            )
        })
        .collect()
}

/// The three orders of the table: labels of the active sites in each.
fn orders(report: &Report) -> BTreeMap<&'static str, Vec<usize>> {
    let active: Vec<usize> = (0..report.situs.len())
        .filter(|&i| report.situs[i].skor.is_some())
        .collect();
    let s = &report.situs;
    let mut by_score = active.clone();
    by_score.sort_by_key(|&i| (score(&s[i]), s[i].label.clone()));
    let mut by_name = active.clone();
    by_name.sort_by_key(|&i| s[i].nama.to_lowercase());
    let mut by_days = active;
    by_days.sort_by_key(|&i| {
        let d = s[i].kesegaran.as_ref().and_then(|k| k.hari);
        (std::cmp::Reverse(d.unwrap_or(i64::MAX)), s[i].label.clone())
    });
    BTreeMap::from([("skor", by_score), ("nama", by_name), ("hari", by_days)])
}

/// The report as a self-contained HTML document.
pub fn html(report: &Report) -> Result<String> {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html"]);
    crate::render::register_filters(&mut tera);
    tera.register_filter("kode", text_filter(code_name));
    tera.register_filter("status", text_filter(|s| word("status", s)));
    tera.register_filter("jenis", text_filter(|s| word("kind", s)));
    tera.register_filter("nomor", DecreeNumber);
    tera.add_raw_template("laporan.html", TEMPLATE)
        .map_err(|e| Error::Usage(format!("the report's template: {e}")))?;
    let mut ctx = tera::Context::new();
    ctx.insert("r", report);
    ctx.insert("grafik", &charts(report));
    ctx.insert("urutan", &orders(report));
    ctx.insert("rincian", &details(report));
    ctx.insert(
        "lain",
        &report
            .situs
            .iter()
            .filter(|s| s.skor.is_none())
            .collect::<Vec<_>>(),
    );
    tera.render("laporan.html", &ctx).map_err(|e| {
        let mut why = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            why.push_str(&format!(": {s}"));
            source = s.source();
        }
        Error::Usage(format!("the report could not be drawn: {why}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_statuses_are_words_and_decree_numbers_wrap_escaped() {
        let kinds = ["portal", "site", "service", "app"];
        let words: Vec<String> = kinds.iter().map(|k| word("kind", k)).collect();
        assert_eq!(words, ["portal", "situs", "layanan", "aplikasi"]);
        assert_eq!(word("status", "suspended"), "ditangguhkan");
        assert_eq!(word("status", "requested"), "diajukan");
        assert_eq!(word("status", "something-new"), "something-new");
        assert_eq!(code_name("content.link.broken"), "Tautan rusak");
        assert_eq!(code_name("no.such.code"), "no.such.code");
        let wrapped = tera::Filter::filter(
            &DecreeNumber,
            &tera::Value::from("555/<b>&/2026"),
            &HashMap::new(),
        )
        .unwrap();
        assert_eq!(wrapped, "555/<wbr>&lt;b&gt;&amp;/<wbr>2026");
    }
}
