//! Template filters: Indonesian dates for people, RFC 3339 for machines.

use crate::content::When;
use jiff::civil::{Date, Weekday};
use std::collections::HashMap;
use tera::{Result, Value};

const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// `22 November 2026`; with `hari=true`, `Minggu, 22 November 2026`.
pub fn tanggal_of(date: Date, with_day: bool) -> String {
    let text = format!(
        "{} {} {}",
        date.day(),
        MONTHS[date.month() as usize - 1],
        date.year()
    );
    if !with_day {
        return text;
    }
    let day = match date.weekday() {
        Weekday::Monday => "Senin",
        Weekday::Tuesday => "Selasa",
        Weekday::Wednesday => "Rabu",
        Weekday::Thursday => "Kamis",
        Weekday::Friday => "Jumat",
        Weekday::Saturday => "Sabtu",
        Weekday::Sunday => "Minggu",
    };
    format!("{day}, {text}")
}

fn when_of(value: &Value, filter: &str) -> Result<When> {
    let text = value.as_str().ok_or_else(|| {
        tera::Error::msg(crate::msg!(
            "filter-date-string",
            filter = filter,
            value = value.to_string()
        ))
    })?;
    When::parse(text)
        .ok_or_else(|| tera::Error::msg(crate::msg!("filter-date", filter = filter, text = text)))
}

pub fn tanggal(value: &Value, args: &HashMap<String, Value>) -> Result<Value> {
    let with_day = args.get("hari").and_then(Value::as_bool).unwrap_or(false);
    Ok(Value::String(tanggal_of(
        when_of(value, "tanggal")?.date,
        with_day,
    )))
}

pub fn rfc3339(value: &Value, _: &HashMap<String, Value>) -> Result<Value> {
    Ok(Value::String(when_of(value, "rfc3339")?.rfc3339()))
}

pub fn register(tera: &mut tera::Tera) {
    tera.register_filter("tanggal", tanggal);
    tera.register_filter("rfc3339", rfc3339);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_in_indonesian() {
        let d = jiff::civil::date(2026, 11, 22);
        assert_eq!(tanggal_of(d, false), "22 November 2026");
        assert_eq!(tanggal_of(d, true), "Minggu, 22 November 2026");
        assert_eq!(
            tanggal_of(jiff::civil::date(2026, 1, 5), false),
            "5 Januari 2026"
        );
    }

    #[test]
    fn filters_accept_dates_and_times() {
        let args = HashMap::new();
        assert_eq!(
            tanggal(&Value::from("2026-08-17T09:00:00+07:00"), &args).unwrap(),
            "17 Agustus 2026"
        );
        assert_eq!(
            rfc3339(&Value::from("2026-08-17"), &args).unwrap(),
            "2026-08-17T00:00:00Z"
        );
        assert!(tanggal(&Value::from("besok"), &args).is_err());
    }
}
