//! What a service costs (`biaya`): free, an amount in whole rupiah as editors write it
//! (`Rp 50.000`, `50000`), or a list of tariff items. Reading only; no currency but the
//! rupiah.

use super::{field, strip_prefix_ignore_case, Text};
use crate::finding::Finding;
use crate::msg;
use serde_json::Value;

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

    /// One line for a summary: `Gratis`, `Rp50.000`, or for a tariff the range from its
    /// lowest item to its highest (`Gratis – Rp25.000` when one item is free, as for BPJS
    /// members), each end with its unit (`Rp10.000 per m²`). A card shows this line; the
    /// service's page lists every item.
    pub fn text(&self) -> String {
        match self {
            _ if self.is_free() => "Gratis".to_string(),
            Cost::Amount(n) => rupiah(*n),
            Cost::Items(items) if items.len() == 1 => items[0].text(),
            Cost::Items(items) => {
                let key = |i: &&CostItem| i.amount.unwrap_or(0);
                let (Some(low), Some(high)) =
                    (items.iter().min_by_key(key), items.iter().max_by_key(key))
                else {
                    return "Gratis".to_string();
                };
                if low.amount == high.amount && low.per == high.per {
                    high.amount_text()
                } else {
                    format!("{} – {}", low.amount_text(), high.amount_text())
                }
            }
            Cost::Free => unreachable!("free is handled first"),
        }
    }

    /// The component's text as shown on the page.
    pub(super) fn as_text(&self) -> Text {
        match self {
            Cost::Items(items) => Text::Items(items.iter().map(CostItem::text).collect()),
            _ => Text::Prose(self.text()),
        }
    }
}

impl CostItem {
    /// `Gratis`, `Rp10.000` or `Rp10.000 per m²`: the amount with its unit, a free item
    /// with none (nothing is free per m²).
    fn amount_text(&self) -> String {
        match (self.amount, &self.per) {
            (None, _) => "Gratis".to_string(),
            (Some(n), None) => rupiah(n),
            (Some(n), Some(per)) => format!("{} {per}", rupiah(n)),
        }
    }

    /// `Retribusi: Rp10.000 per m² (Perda 1/2024)`.
    pub fn text(&self) -> String {
        let mut s = format!("{}: {}", self.what, self.amount_text());
        if let Some(note) = &self.note {
            s.push_str(&format!(" ({note})"));
        }
        s
    }
}

/// `Rp50.000`: the rupiah as Indonesian writes it, with dots between thousands.
fn rupiah(n: u64) -> String {
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
fn parse_rupiah(text: &str) -> Option<u64> {
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

/// `biaya`: `Gratis`, an amount, or a list of tariff items.
pub(super) fn read_cost(value: &Value, line: usize, findings: &mut Vec<Finding>) -> Option<Cost> {
    let bad = |findings: &mut Vec<Finding>, message: String| {
        findings.push(field(line, &message, &msg!("service-cost-help")));
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
            None => bad(findings, msg!("service-cost-amount", shown = value_text(v))),
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

/// A JSON value as a message quotes it: a string as it is, anything else as JSON.
fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        v => v.to_string(),
    }
}

fn read_cost_item(item: &Value) -> Result<CostItem, String> {
    let Some(t) = item.as_object() else {
        return Err(msg!("service-cost-item-table", shown = value_text(item)));
    };
    if let Some(k) = t
        .keys()
        .find(|k| !["uraian", "tarif", "satuan", "keterangan"].contains(&k.as_str()))
    {
        return Err(msg!("service-cost-item-field", key = k.as_str()));
    }
    let text = |k: &str| {
        t.get(k)
            .and_then(Value::as_str)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let what = text("uraian").ok_or_else(|| msg!("service-cost-item-what"))?;
    let tarif = t
        .get("tarif")
        .ok_or_else(|| msg!("service-cost-item-tarif", what = what.as_str()))?;
    let amount = amount(tarif).ok_or_else(|| {
        msg!(
            "service-cost-item-amount",
            what = what.as_str(),
            shown = value_text(tarif)
        )
    })?;
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

    fn item(what: &str, amount: Option<u64>, per: Option<&str>) -> CostItem {
        CostItem {
            what: what.into(),
            amount,
            per: per.map(Into::into),
            note: None,
        }
    }

    #[test]
    fn a_tariff_is_summed_up_as_the_range_from_its_lowest_item_to_its_highest() {
        let bpjs = Cost::Items(vec![
            item("Umum", Some(25_000), None),
            item("Peserta BPJS", None, None),
        ]);
        assert_eq!(bpjs.text(), "Gratis – Rp25.000");
        let three = Cost::Items(vec![
            item("Kecil", Some(50_000), None),
            item("Besar", Some(1_250_000), None),
            item("Sedang", Some(100_000), None),
        ]);
        assert_eq!(three.text(), "Rp50.000 – Rp1.250.000");
        let same = Cost::Items(vec![
            item("Baru", Some(10_000), None),
            item("Ganti", Some(10_000), None),
        ]);
        assert_eq!(same.text(), "Rp10.000");
        let units = Cost::Items(vec![
            item("Retribusi", Some(10_000), Some("per m²")),
            item("Salinan", None, Some("per lembar")),
        ]);
        assert_eq!(units.text(), "Gratis – Rp10.000 per m²");
        let free = Cost::Items(vec![item("A", None, None), item("B", None, None)]);
        assert_eq!(free.text(), "Gratis");
        assert_eq!(Cost::Items(vec![]).text(), "Gratis");
        assert_eq!(
            Cost::Items(vec![item("Salinan", Some(2_000), Some("per lembar"))]).text(),
            "Salinan: Rp2.000 per lembar"
        );
    }
}
