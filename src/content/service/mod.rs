//! The standard of a public service: the `[layanan]` table of a page's front matter.
//!
//! UU 25/2009 (Pasal 21) and PermenPANRB 15/2014 name six service-delivery components and
//! eight management components; this reads them, with the time and the cost also as data
//! (to compare and sort) and the catalogue's topic. Reading checks what one file can
//! show: a missing component, a cost or time that does not parse, an unknown field.
//! Whether the topic is one the regency knows needs the portal's settings and is checked
//! when the catalogue is assembled (`catalogue`); markdown in the components is
//! rendered with the page. Nothing here reads files or a clock.

mod cost;
mod incomplete;
mod time;

pub use cost::{Cost, CostItem};
pub use time::{Duration, Unit};

use super::locate::Block;
use crate::finding::{closest, Code, Finding};
use crate::msg;
use serde_json::Value;

/// Which half of the standard a component belongs to: the law requires every delivery
/// component; the management components are expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Delivery,
    Management,
}

/// One component of a service standard: its front-matter key and its heading.
#[derive(Debug)]
pub struct Component {
    pub key: &'static str,
    pub title: &'static str,
    pub group: Group,
}

const fn component(key: &'static str, title: &'static str, group: Group) -> Component {
    Component { key, title, group }
}

/// Every component, in the order of the law (delivery first).
pub const COMPONENTS: [Component; 14] = [
    component("persyaratan", "Persyaratan", Group::Delivery),
    component(
        "prosedur",
        "Sistem, Mekanisme, dan Prosedur",
        Group::Delivery,
    ),
    component("waktu", "Jangka Waktu Penyelesaian", Group::Delivery),
    component("biaya", "Biaya/Tarif", Group::Delivery),
    component("produk", "Produk Pelayanan", Group::Delivery),
    component(
        "pengaduan",
        "Penanganan Pengaduan, Saran, dan Masukan",
        Group::Delivery,
    ),
    component("dasar_hukum", "Dasar Hukum", Group::Management),
    component(
        "sarana",
        "Sarana, Prasarana, dan/atau Fasilitas",
        Group::Management,
    ),
    component(
        "kompetensi_pelaksana",
        "Kompetensi Pelaksana",
        Group::Management,
    ),
    component(
        "pengawasan_internal",
        "Pengawasan Internal",
        Group::Management,
    ),
    component("jumlah_pelaksana", "Jumlah Pelaksana", Group::Management),
    component("jaminan_pelayanan", "Jaminan Pelayanan", Group::Management),
    component(
        "jaminan_keamanan",
        "Jaminan Keamanan dan Keselamatan Pelayanan",
        Group::Management,
    ),
    component(
        "evaluasi_kinerja",
        "Evaluasi Kinerja Pelaksana",
        Group::Management,
    ),
];

/// The component with this key.
pub fn component_of(key: &str) -> Option<&'static Component> {
    COMPONENTS.iter().find(|c| c.key == key)
}

/// Markdown as an editor wrote it: one text, or a list of items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Prose(String),
    Items(Vec<String>),
}

impl Text {
    /// The markdown to render: a list becomes a bulleted (or numbered) markdown list.
    pub fn markdown(&self, numbered: bool) -> String {
        match self {
            Text::Prose(s) => s.clone(),
            Text::Items(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    // Continuation lines are indented so that a multi-line item stays one.
                    let item = item.trim().replace('\n', "\n   ");
                    if numbered {
                        format!("{}. {item}\n", i + 1)
                    } else {
                        format!("- {item}\n")
                    }
                })
                .collect(),
        }
    }

    /// The text as written, one string per item (for open data).
    pub fn items(&self) -> Vec<String> {
        match self {
            Text::Prose(s) => vec![s.trim().to_string()],
            Text::Items(items) => items.iter().map(|s| s.trim().to_string()).collect(),
        }
    }
}

/// One component as written, and the line of the file it is on.
#[derive(Debug, Clone)]
pub struct Part {
    pub key: &'static str,
    pub text: Text,
    pub line: usize,
}

pub(super) fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// A service standard as read from one page.
#[derive(Debug, Clone)]
pub struct Service {
    /// The topic as written; checked against the regency's list later.
    pub topic: Option<String>,
    pub topic_line: usize,
    /// The components written, in the order of [`COMPONENTS`].
    pub parts: Vec<Part>,
    /// The keys of the components not written, in the same order.
    pub missing: Vec<&'static str>,
    pub time: Option<Duration>,
    pub cost: Option<Cost>,
    /// The line of the `[layanan]` table.
    pub line: usize,
}

impl Service {
    pub fn part(&self, key: &str) -> Option<&Part> {
        self.parts.iter().find(|p| p.key == key)
    }
}

/// Reads the `[layanan]` table. Findings carry lines but no file (the caller adds it).
pub fn read(value: &Value, block: &Block) -> (Service, Vec<Finding>) {
    let mut findings = Vec::new();
    let line = block.key(&["layanan"]);
    let mut service = Service {
        topic: None,
        topic_line: line,
        parts: Vec::new(),
        missing: Vec::new(),
        time: None,
        cost: None,
        line,
    };
    let Some(table) = value.as_object() else {
        findings.push(field(
            line,
            &msg!("service-not-table"),
            &msg!("service-not-table-help"),
        ));
        return (service, findings);
    };
    unknown_fields(table, block, &mut findings);
    read_topic(table, block, &mut service, &mut findings);
    for c in &COMPONENTS {
        let at = block.key(&["layanan", c.key]);
        let text = table
            .get(c.key)
            .and_then(|v| read_component(c.key, v, at, &mut service, &mut findings));
        match text {
            Some(text) => service.parts.push(Part {
                key: c.key,
                text,
                line: at,
            }),
            None => service.missing.push(c.key),
        }
    }
    findings.extend(incomplete::missing_components(table, &service));
    (service, findings)
}

type Table = serde_json::Map<String, Value>;

/// A key of `[layanan]` that is neither a component nor the topic.
fn unknown_fields(table: &Table, block: &Block, findings: &mut Vec<Finding>) {
    for key in table.keys() {
        if key != "topik" && component_of(key).is_none() {
            let known: Vec<&str> = COMPONENTS.iter().map(|c| c.key).chain(["topik"]).collect();
            let help = match closest(key, known.iter().copied()) {
                Some(k) => msg!("did-you-mean", name = k),
                None => msg!("service-fields", fields = known.join(", ")),
            };
            findings.push(field(
                block.key(&["layanan", key]),
                &msg!("service-unknown-field", key = key.as_str()),
                &help,
            ));
        }
    }
}

/// `topik`, as written (whether the regency knows it is checked with the catalogue).
fn read_topic(table: &Table, block: &Block, service: &mut Service, findings: &mut Vec<Finding>) {
    match table.get("topik") {
        Some(Value::String(t)) if !t.trim().is_empty() => {
            service.topic = Some(t.trim().to_string());
            service.topic_line = block.key(&["layanan", "topik"]);
        }
        Some(_) => findings.push(field(
            block.key(&["layanan", "topik"]),
            &msg!("service-topic-word"),
            &msg!("service-topic-word-help"),
        )),
        None => findings.push(field(
            service.line,
            &msg!("service-topic-missing"),
            &msg!("service-topic-missing-help"),
        )),
    }
}

/// One component written at line `at`: its text, or `None` when it is empty or
/// unreadable (then with its finding). The time and the cost are also kept as data.
fn read_component(
    key: &str,
    value: &Value,
    at: usize,
    service: &mut Service,
    findings: &mut Vec<Finding>,
) -> Option<Text> {
    match (key, value) {
        ("waktu", v) => time::read_time(v, at, findings).map(|(time, text)| {
            service.time = Some(time);
            text
        }),
        ("biaya", v) => cost::read_cost(v, at, findings).map(|cost| {
            let text = cost.as_text();
            service.cost = Some(cost);
            text
        }),
        ("jumlah_pelaksana", Value::Number(n)) => match n.as_u64() {
            Some(n) => Some(Text::Prose(format!("{n} orang"))),
            None => {
                findings.push(field(
                    at,
                    &msg!("service-staff-count"),
                    &msg!("service-staff-count-help"),
                ));
                None
            }
        },
        (_, v) => read_text(key, v, at, findings),
    }
}

pub(super) fn field(line: usize, message: &str, help: &str) -> Finding {
    Finding::new(Code::ContentFrontmatterField, message)
        .line(line)
        .help(help)
}

/// A text or a list of texts; empty is missing (reported by the caller).
fn read_text(key: &str, value: &Value, line: usize, findings: &mut Vec<Finding>) -> Option<Text> {
    match value {
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => Some(Text::Prose(s.clone())),
        Value::Array(items) if items.is_empty() => None,
        Value::Array(items) => {
            let texts: Option<Vec<String>> = items
                .iter()
                .map(|v| {
                    v.as_str()
                        .filter(|s| !s.trim().is_empty())
                        .map(str::to_string)
                })
                .collect();
            if texts.is_none() {
                findings.push(field(
                    line,
                    &msg!("service-list-item", key = key),
                    &msg!("service-list-item-help"),
                ));
            }
            texts.map(Text::Items)
        }
        _ => {
            findings.push(field(
                line,
                &msg!("service-text", key = key),
                &msg!("service-text-help", key = key),
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `[layanan]` through the front-matter parser, as a page does.
    fn read_toml(layanan: &str) -> (Service, Vec<Finding>) {
        let file = format!("+++\ntitle = \"A\"\n[layanan]\n{layanan}+++\n");
        let parsed = crate::content::parse_front_matter(&file).unwrap();
        (*parsed.meta.service.unwrap(), parsed.problems)
    }

    const COMPLETE: &str = "topik = \"kependudukan\"\npersyaratan = [\"KK\"]\nprosedur = [\"Datang\", \"Rekam\"]\nwaktu = \"14 hari kerja setelah perekaman\"\nbiaya = \"Gratis\"\nproduk = \"KTP\"\npengaduan = \"Kotak saran\"\ndasar_hukum = \"UU 24/2013\"\nsarana = \"Loket\"\nkompetensi_pelaksana = \"Operator\"\npengawasan_internal = \"Kabid\"\njumlah_pelaksana = 6\njaminan_pelayanan = \"Maklumat\"\njaminan_keamanan = \"Aman\"\nevaluasi_kinerja = \"Survei\"\n";

    #[test]
    fn a_complete_service_has_every_part_in_the_legal_order() {
        let (s, f) = read_toml(COMPLETE);
        assert!(f.is_empty(), "{f:?}");
        let keys: Vec<&str> = s.parts.iter().map(|p| p.key).collect();
        let legal: Vec<&str> = COMPONENTS.iter().map(|c| c.key).collect();
        assert_eq!(keys, legal);
        assert_eq!(s.topic.as_deref(), Some("kependudukan"));
        assert_eq!(s.cost, Some(Cost::Free));
        let time = s.time.clone().unwrap();
        assert_eq!((time.max, time.unit), (14, Unit::WorkingDays));
        assert_eq!(time.note.as_deref(), Some("setelah perekaman"));
        assert_eq!(
            s.part("jumlah_pelaksana").unwrap().text,
            Text::Prose("6 orang".into())
        );
        assert_eq!(s.part("prosedur").unwrap().line, 6);
    }

    #[test]
    fn missing_components_are_one_finding_an_error_only_for_delivery_ones() {
        let text = COMPLETE
            .replace("persyaratan = [\"KK\"]\n", "")
            .replace("sarana = \"Loket\"\n", "sarana = []\n");
        let (s, f) = read_toml(&text);
        assert_eq!(s.missing, vec!["persyaratan", "sarana"]);
        // One finding, one line for each component missing; an error for persyaratan.
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].code, Code::ContentServiceIncomplete);
        assert!(f[0].is_error(), "{f:?}");
        let lines: Vec<&str> = f[0].message.lines().skip(1).map(str::trim).collect();
        assert_eq!(lines.len(), 2, "{}", f[0].message);
        assert!(lines[0].contains("`persyaratan`") && lines[1].contains("`sarana`"));
        assert_eq!(f[0].line, Some(3), "the line of [layanan]");
        // Management components alone: a warning.
        let (_, f) = read_toml(&COMPLETE.replace("sarana = \"Loket\"\n", ""));
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(!f[0].is_error() && f[0].message.contains("`sarana`"));
    }

    #[test]
    fn cost_and_time_that_do_not_parse_name_their_line() {
        let text = COMPLETE
            .replace("biaya = \"Gratis\"", "biaya = \"murah\"")
            .replace(
                "waktu = \"14 hari kerja setelah perekaman\"",
                "waktu = \"secepatnya\"",
            );
        let (s, f) = read_toml(&text);
        let codes: Vec<(Code, Option<usize>)> = f.iter().map(|f| (f.code, f.line)).collect();
        assert_eq!(
            codes,
            vec![
                (Code::ContentFrontmatterField, Some(7)),
                (Code::ContentFrontmatterField, Some(8)),
            ]
        );
        assert!(f[1].message.contains("murah"), "{}", f[1].message);
        // Unreadable is not also reported as missing.
        assert_eq!(s.missing, vec!["waktu", "biaya"]);
    }

    #[test]
    fn tariff_items_and_the_table_form_of_time() {
        let text = COMPLETE
            .replace(
                "biaya = \"Gratis\"",
                "biaya = [{ uraian = \"Retribusi\", tarif = \"Rp 10.000\", satuan = \"per m²\" }, { uraian = \"Salinan\", tarif = \"Gratis\" }]",
            )
            .replace(
                "waktu = \"14 hari kerja setelah perekaman\"",
                "waktu = { jumlah = 3, satuan = \"hari kerja\", keterangan = \"sejak berkas lengkap\" }",
            );
        let (s, f) = read_toml(&text);
        assert!(f.is_empty(), "{f:?}");
        let cost = s.cost.clone().unwrap();
        assert!(!cost.is_free());
        assert_eq!(
            s.part("biaya").unwrap().text,
            Text::Items(vec![
                "Retribusi: Rp10.000 per m²".into(),
                "Salinan: Gratis".into()
            ])
        );
        assert_eq!(cost.text(), "Gratis – Rp10.000 per m²");
        assert_eq!(
            s.part("waktu").unwrap().text,
            Text::Prose("3 hari kerja (sejak berkas lengkap)".into())
        );
        let (_, f) = read_toml(&COMPLETE.replace(
            "biaya = \"Gratis\"",
            "biaya = [{ uraian = \"x\", tarif = \"murah\" }]",
        ));
        assert!(f[0].message.contains("murah"), "{f:?}");
    }

    #[test]
    fn unknown_fields_and_a_missing_topic() {
        let text = COMPLETE
            .replace("topik = \"kependudukan\"\n", "")
            .replace("sarana", "saranna");
        let (_, f) = read_toml(&text);
        let messages: Vec<&str> = f.iter().map(|f| f.message.as_str()).collect();
        assert!(
            messages.iter().any(|m| m.contains("`saranna`")),
            "{messages:?}"
        );
        assert!(f
            .iter()
            .any(|f| f.help.as_deref() == Some("did you mean `sarana`?")));
        assert!(
            messages.iter().any(|m| m.contains("no `topik`")),
            "{messages:?}"
        );
    }
}
