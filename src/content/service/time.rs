//! The time a service takes (`waktu`): a number (or a range) and a unit as editors write
//! them (`14 hari kerja`, `1-3 hari kerja`, `1 x 24 jam`), kept comparable in minutes.
//! Reading only; the component's text is shown as written.

use super::{field, strip_prefix_ignore_case, Text};
use crate::finding::Finding;
use serde_json::Value;

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

/// `waktu`: a text such as `14 hari kerja`, or `{ jumlah, satuan, keterangan }`.
pub(super) fn read_time(
    value: &Value,
    line: usize,
    findings: &mut Vec<Finding>,
) -> Option<(Duration, Text)> {
    let bad = |findings: &mut Vec<Finding>, shown: &str| {
        findings.push(field(
            line,
            &crate::msg!("service-time", shown = shown),
            &crate::msg!("service-time-help"),
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
