//! The standard of a public service: the `[layanan]` table of a page's front matter.
//!
//! UU 25/2009 (Pasal 21) and PermenPANRB 15/2014 name six service-delivery components and
//! eight management components; this reads them, with the time and the cost also as data
//! (to compare and sort) and the catalogue's topic. Reading checks what one file can
//! show: a missing component, a cost or time that does not parse, an unknown field.
//! Whether the topic is one the regency knows needs the portal's settings and is checked
//! when the catalogue is assembled ([`crate::catalogue`]); markdown in the components is
//! rendered with the page. Nothing here reads files or a clock.

use super::locate::Block;
use crate::finding::{closest, Code, Finding};
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

/// A unit of time a service is completed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Minutes,
    Hours,
    WorkingDays,
    Days,
    Months,
}

impl Unit {
    /// As written in Indonesian, and in the catalogue's open data.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Minutes => "menit",
            Unit::Hours => "jam",
            Unit::WorkingDays => "hari kerja",
            Unit::Days => "hari",
            Unit::Months => "bulan",
        }
    }

    /// Minutes in one unit, to compare times written in different units: a working day
    /// counts as the calendar time it spans on average (five in seven days).
    fn minutes(self) -> u64 {
        match self {
            Unit::Minutes => 1,
            Unit::Hours => 60,
            Unit::WorkingDays => 24 * 60 * 7 / 5,
            Unit::Days => 24 * 60,
            Unit::Months => 30 * 24 * 60,
        }
    }

    /// The unit a text starts with, how many of it the word means (a week is seven
    /// days), and the rest of the text.
    fn parse_prefix(text: &str) -> Option<(Unit, u32, &str)> {
        const WORDS: [(&str, Unit, u32); 7] = [
            ("hari kerja", Unit::WorkingDays, 1),
            ("hari kalender", Unit::Days, 1),
            ("hari", Unit::Days, 1),
            ("jam", Unit::Hours, 1),
            ("menit", Unit::Minutes, 1),
            ("minggu", Unit::Days, 7),
            ("bulan", Unit::Months, 1),
        ];
        WORDS.iter().find_map(|&(word, unit, factor)| {
            let rest = strip_prefix_ignore_case(text, word)?;
            let whole_word = !rest.starts_with(|c: char| c.is_alphanumeric());
            whole_word.then_some((unit, factor, rest))
        })
    }
}

/// How long a service takes: `min`..=`max` units (equal when one number is written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duration {
    pub min: u32,
    pub max: u32,
    pub unit: Unit,
    /// Words after the time (`setelah perekaman`).
    pub note: Option<String>,
}

impl Duration {
    /// The longest the service may take, in minutes: the catalogue sorts by it.
    pub fn max_minutes(&self) -> u64 {
        u64::from(self.max) * self.unit.minutes()
    }

    /// `14 hari kerja`, `1-3 hari kerja`.
    pub fn text(&self) -> String {
        let unit = self.unit.as_str();
        if self.min == self.max {
            format!("{} {unit}", self.min)
        } else {
            format!("{}-{} {unit}", self.min, self.max)
        }
    }

    /// Reads `14 hari kerja`, `1-3 hari kerja`, `1 x 24 jam`, `30 menit setelah ...`;
    /// `2 minggu` is read as 14 days.
    pub fn parse(text: &str) -> Option<Duration> {
        let text = text.trim();
        let (first, rest) = leading_number(text)?;
        let rest = rest.trim_start();
        let (min, max, rest) = if let Some(after) = rest
            .strip_prefix('-')
            .or_else(|| rest.strip_prefix('–'))
            .or_else(|| strip_prefix_ignore_case(rest, "sampai"))
            .or_else(|| strip_prefix_ignore_case(rest, "s.d."))
        {
            let (second, rest) = leading_number(after.trim_start())?;
            (first, second, rest)
        } else if let Some(after) = rest.strip_prefix(['x', 'X', '×']) {
            let (second, rest) = leading_number(after.trim_start())?;
            let n = first.checked_mul(second)?;
            (n, n, rest)
        } else {
            (first, first, rest)
        };
        if max < min {
            return None;
        }
        let (unit, factor, rest) = Unit::parse_prefix(rest.trim_start())?;
        let (min, max) = (min.checked_mul(factor)?, max.checked_mul(factor)?);
        let note = rest
            .trim_start_matches([',', ' ', '('])
            .trim_end_matches(')');
        Some(Duration {
            min,
            max,
            unit,
            note: (!note.trim().is_empty()).then(|| note.trim().to_string()),
        })
    }
}

fn leading_number(text: &str) -> Option<(u32, &str)> {
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let n = text[..end].parse::<u32>().ok()?;
    (n <= 100_000).then_some((n, &text[end..]))
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// What a service costs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cost {
    Free,
    /// Whole rupiah.
    Amount(u64),
    Items(Vec<CostItem>),
}

/// One line of a tariff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostItem {
    pub what: String,
    /// Whole rupiah; `None` is free.
    pub amount: Option<u64>,
    /// `per lembar`, `per m²`.
    pub per: Option<String>,
    pub note: Option<String>,
}

impl Cost {
    pub fn is_free(&self) -> bool {
        match self {
            Cost::Free => true,
            Cost::Amount(n) => *n == 0,
            Cost::Items(items) => items.iter().all(|i| i.amount.unwrap_or(0) == 0),
        }
    }

    /// One line for a summary: `Gratis`, `Rp50.000`, or the first item and a count.
    pub fn text(&self) -> String {
        match self {
            _ if self.is_free() => "Gratis".to_string(),
            Cost::Amount(n) => rupiah(*n),
            Cost::Items(items) if items.len() == 1 => items[0].text(),
            Cost::Items(items) => {
                let paid: Vec<u64> = items.iter().filter_map(|i| i.amount).collect();
                let low = paid.iter().min().copied().unwrap_or(0);
                let high = paid.iter().max().copied().unwrap_or(0);
                if low == high {
                    format!("{} ({} rincian)", rupiah(high), items.len())
                } else {
                    format!(
                        "{} - {} ({} rincian)",
                        rupiah(low),
                        rupiah(high),
                        items.len()
                    )
                }
            }
            Cost::Free => unreachable!("free is handled first"),
        }
    }

    /// The component's text as shown on the page.
    fn as_text(&self) -> Text {
        match self {
            Cost::Items(items) => Text::Items(items.iter().map(CostItem::text).collect()),
            _ => Text::Prose(self.text()),
        }
    }
}

impl CostItem {
    /// `Retribusi: Rp10.000 per m² (Perda 1/2024)`.
    pub fn text(&self) -> String {
        let mut s = format!(
            "{}: {}",
            self.what,
            self.amount.map_or_else(|| "Gratis".to_string(), rupiah)
        );
        if let Some(per) = &self.per {
            s.push(' ');
            s.push_str(per);
        }
        if let Some(note) = &self.note {
            s.push_str(&format!(" ({note})"));
        }
        s
    }
}

/// `Rp50.000`: the rupiah as Indonesian writes it, with dots between thousands.
pub fn rupiah(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::from("Rp");
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Reads an amount as editors write it: `50000`, `50.000`, `Rp 50.000`, `Rp50.000,00`,
/// `Rp. 50.000,-`. `None` for anything else (`murah`, `50,5`, `-10`).
pub fn parse_rupiah(text: &str) -> Option<u64> {
    let mut s = text.trim();
    if let Some(rest) = strip_prefix_ignore_case(s, "rp") {
        s = rest.trim_start_matches('.').trim_start();
    }
    for tail in [",-", ",00", ",0"] {
        if let Some(rest) = s.strip_suffix(tail) {
            s = rest;
            break;
        }
    }
    let groups: Vec<&str> = s.split('.').collect();
    let well_grouped =
        groups.len() == 1 || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    if s.is_empty()
        || !well_grouped
        || !groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    groups.concat().parse().ok()
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

    /// Whether every delivery component is there.
    pub fn has_delivery(&self) -> bool {
        !self
            .missing
            .iter()
            .any(|k| component_of(k).is_some_and(|c| c.group == Group::Delivery))
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
            "`layanan` must be a table of the service's components",
            "write [layanan] on its own line, then the components (see docs/content.md)",
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
    findings.extend(missing_components(table, &service));
    (service, findings)
}

type Table = serde_json::Map<String, Value>;

/// A key of `[layanan]` that is neither a component nor the topic.
fn unknown_fields(table: &Table, block: &Block, findings: &mut Vec<Finding>) {
    for key in table.keys() {
        if key != "topik" && component_of(key).is_none() {
            let known: Vec<&str> = COMPONENTS.iter().map(|c| c.key).chain(["topik"]).collect();
            let help = match closest(key, known.iter().copied()) {
                Some(k) => format!("did you mean `{k}`?"),
                None => format!("the fields of [layanan] are: {}", known.join(", ")),
            };
            findings.push(field(
                block.key(&["layanan", key]),
                &format!("[layanan] has no field `{key}`"),
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
            "`topik` must be one word from the list of topics",
            "for example: topik = \"kependudukan\" (the list is in docs/content.md)",
        )),
        None => findings.push(field(
            service.line,
            "the service has no `topik`: the catalogue groups services by topic",
            "add topik = \"...\" to [layanan], for example topik = \"kesehatan\"",
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
        ("waktu", v) => read_time(v, at, findings).map(|(time, text)| {
            service.time = Some(time);
            text
        }),
        ("biaya", v) => read_cost(v, at, findings).map(|cost| {
            let text = cost.as_text();
            service.cost = Some(cost);
            text
        }),
        ("jumlah_pelaksana", Value::Number(n)) => match n.as_u64() {
            Some(n) => Some(Text::Prose(format!("{n} orang"))),
            None => {
                findings.push(field(
                    at,
                    "`jumlah_pelaksana` must be a whole number of people or a text",
                    "for example: jumlah_pelaksana = 6, or \"6 orang petugas loket\"",
                ));
                None
            }
        },
        (_, v) => read_text(key, v, at, findings),
    }
}

/// A finding for each component not written (or written empty): an error for a delivery
/// component, which the law requires, a warning for a management one.
fn missing_components(table: &Table, service: &Service) -> Vec<Finding> {
    let mut findings = Vec::new();
    for key in &service.missing {
        let c = component_of(key).expect("missing keys come from COMPONENTS");
        // A component written but unreadable already has its finding.
        if table.contains_key(c.key) && !is_empty(&table[c.key]) {
            continue;
        }
        let f = Finding::new(
            Code::ContentServiceIncomplete,
            format!(
                "the service standard has no `{}` ({})",
                c.key,
                c.title.to_lowercase()
            ),
        )
        .line(service.line);
        findings.push(match c.group {
            Group::Delivery => f.help(format!(
                "UU 25/2009 Pasal 21 requires it: add {} = \"...\" to [layanan]",
                c.key
            )),
            Group::Management => f.warning().help(format!(
                "PermenPANRB 15/2014 expects it: add {} = \"...\" to [layanan]",
                c.key
            )),
        });
    }
    findings
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

fn field(line: usize, message: &str, help: &str) -> Finding {
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
                    &format!("every item of `{key}` must be a non-empty text"),
                    "write the list as [\"first item\", \"second item\"]",
                ));
            }
            texts.map(Text::Items)
        }
        _ => {
            findings.push(field(
                line,
                &format!("`{key}` must be a text or a list of texts"),
                &format!("for example: {key} = \"...\" or {key} = [\"...\", \"...\"]"),
            ));
            None
        }
    }
}

const TIME_HELP: &str = "write a number and a unit: \"14 hari kerja\", \"1-3 hari kerja\", \"2 jam\", \"30 menit\", or { jumlah = 14, satuan = \"hari kerja\" }";

/// `waktu`: a text such as `14 hari kerja`, or `{ jumlah, satuan, keterangan }`.
fn read_time(value: &Value, line: usize, findings: &mut Vec<Finding>) -> Option<(Duration, Text)> {
    let bad = |findings: &mut Vec<Finding>, shown: &str| {
        findings.push(field(
            line,
            &format!("`waktu` is not a time: `{shown}`"),
            TIME_HELP,
        ));
        None
    };
    match value {
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => match Duration::parse(s) {
            Some(d) => Some((d, Text::Prose(s.trim().to_string()))),
            None => bad(findings, s),
        },
        Value::Object(t) => {
            let unknown = t
                .keys()
                .find(|k| !["jumlah", "satuan", "keterangan"].contains(&k.as_str()));
            if let Some(k) = unknown {
                return bad(findings, &format!("{k} = ..."));
            }
            let number = t.get("jumlah").and_then(Value::as_u64);
            let unit = t.get("satuan").and_then(Value::as_str);
            let note = t.get("keterangan").and_then(Value::as_str);
            let written = format!(
                "{} {}",
                number.map_or("?".to_string(), |n| n.to_string()),
                unit.unwrap_or("?")
            );
            let Some(mut d) = Duration::parse(&written).filter(|d| d.note.is_none()) else {
                return bad(findings, &written);
            };
            d.note = note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
            let text = match &d.note {
                Some(n) => format!("{} ({n})", d.text()),
                None => d.text(),
            };
            Some((d, Text::Prose(text)))
        }
        other => bad(findings, &other.to_string()),
    }
}

const COST_HELP: &str = "write \"Gratis\", an amount in rupiah (50000 or \"Rp 50.000\"), or a list of items: [{ uraian = \"...\", tarif = 50000 }]";

/// `biaya`: `Gratis`, an amount, or a list of tariff items.
fn read_cost(value: &Value, line: usize, findings: &mut Vec<Finding>) -> Option<Cost> {
    let bad = |findings: &mut Vec<Finding>, message: String| {
        findings.push(field(line, &message, COST_HELP));
        None
    };
    match value {
        Value::String(s) if s.trim().is_empty() => None,
        Value::Array(items) if items.is_empty() => None,
        Value::Array(items) => {
            let mut out = Vec::new();
            for item in items {
                match read_cost_item(item) {
                    Ok(i) => out.push(i),
                    Err(message) => return bad(findings, message),
                }
            }
            Some(Cost::Items(out))
        }
        v => match amount(v) {
            Some(None) => Some(Cost::Free),
            Some(Some(0)) => Some(Cost::Free),
            Some(Some(n)) => Some(Cost::Amount(n)),
            None => bad(
                findings,
                format!(
                    "`biaya` is neither an amount nor \"Gratis\": `{}`",
                    shown(v)
                ),
            ),
        },
    }
}

/// An amount: `Some(None)` is free, `Some(Some(n))` is n rupiah, `None` is not an amount.
fn amount(value: &Value) -> Option<Option<u64>> {
    match value {
        Value::String(s) => {
            let t = s.trim().to_lowercase();
            if t == "gratis" || t == "tidak dipungut biaya" {
                Some(None)
            } else {
                parse_rupiah(s).map(Some)
            }
        }
        Value::Number(n) => n.as_u64().map(Some),
        _ => None,
    }
}

fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        v => v.to_string(),
    }
}

fn read_cost_item(item: &Value) -> Result<CostItem, String> {
    let Some(t) = item.as_object() else {
        return Err(format!(
            "each item of `biaya` must be a table {{ uraian = ..., tarif = ... }}, not `{}`",
            shown(item)
        ));
    };
    if let Some(k) = t
        .keys()
        .find(|k| !["uraian", "tarif", "satuan", "keterangan"].contains(&k.as_str()))
    {
        return Err(format!(
            "an item of `biaya` has the field `{k}`; the fields are uraian, tarif, satuan, keterangan"
        ));
    }
    let text = |k: &str| {
        t.get(k)
            .and_then(Value::as_str)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let what = text("uraian").ok_or("an item of `biaya` has no `uraian` (what is paid for)")?;
    let tarif = t
        .get("tarif")
        .ok_or(format!("the item `{what}` of `biaya` has no `tarif`"))?;
    let amount = amount(tarif).ok_or(format!(
        "the `tarif` of `{what}` is neither an amount nor \"Gratis\": `{}`",
        shown(tarif)
    ))?;
    Ok(CostItem {
        what,
        amount: amount.filter(|&n| n > 0),
        per: text("satuan"),
        note: text("keterangan"),
    })
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
    fn missing_delivery_is_an_error_and_missing_management_a_warning() {
        let text = COMPLETE
            .replace("persyaratan = [\"KK\"]\n", "")
            .replace("sarana = \"Loket\"\n", "sarana = []\n");
        let (s, f) = read_toml(&text);
        assert_eq!(s.missing, vec!["persyaratan", "sarana"]);
        assert!(!s.has_delivery());
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[0].code, Code::ContentServiceIncomplete);
        assert!(f[0].is_error() && f[0].message.contains("persyaratan"));
        assert!(!f[1].is_error() && f[1].message.contains("sarana"));
        assert_eq!(f[0].line, Some(3), "the line of [layanan]");
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
    fn amounts_are_read_as_editors_write_them() {
        for (text, n) in [
            ("50000", Some(50_000)),
            ("50.000", Some(50_000)),
            ("Rp 50.000", Some(50_000)),
            ("Rp50.000,00", Some(50_000)),
            ("Rp. 1.250.000,-", Some(1_250_000)),
            ("rp 0", Some(0)),
            ("murah", None),
            ("50,5", None),
            ("-10", None),
            ("5.0000", None),
            ("", None),
            ("Rp", None),
            ("99999999999999999999999", None),
        ] {
            assert_eq!(parse_rupiah(text), n, "{text}");
        }
        assert_eq!(rupiah(1_250_000), "Rp1.250.000");
        assert_eq!(rupiah(500), "Rp500");
    }

    #[test]
    fn times_are_read_in_every_unit() {
        let d = |t: &str| Duration::parse(t).map(|d| (d.min, d.max, d.unit));
        assert_eq!(d("30 menit"), Some((30, 30, Unit::Minutes)));
        assert_eq!(d("1-3 Hari Kerja"), Some((1, 3, Unit::WorkingDays)));
        assert_eq!(d("1 x 24 jam"), Some((24, 24, Unit::Hours)));
        assert_eq!(d("2 minggu"), Some((14, 14, Unit::Days)));
        assert_eq!(d("7 hari kalender"), Some((7, 7, Unit::Days)));
        assert_eq!(d("3 bulan"), Some((3, 3, Unit::Months)));
        assert_eq!(d("3 sampai 5 hari"), Some((3, 5, Unit::Days)));
        for bad in [
            "secepatnya",
            "14",
            "hari kerja",
            "5-3 hari",
            "14 harian",
            "99999999999 jam",
        ] {
            assert_eq!(d(bad), None, "{bad}");
        }
        assert!(
            Duration::parse("1 jam").unwrap().max_minutes()
                < Duration::parse("1 hari kerja").unwrap().max_minutes()
        );
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
        assert_eq!(cost.text(), "Rp10.000 (2 rincian)");
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
