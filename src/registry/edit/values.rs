//! The workflow's arguments as TOML values: refused when they are not what they claim
//! (an address of its family, a date, text the registry's grammar admits), else written
//! as the file holds them.

use crate::finding::{Code, Finding};
use crate::registry::grammar;
use jiff::civil::Date;
use toml_edit::{Array, InlineTable, Value};

/// Refuses `--a` and `--aaaa` values that are not addresses of their family.
pub(super) fn addresses(a: &[String], aaaa: &[String]) -> Result<(), Finding> {
    for ip in a {
        ip.parse::<std::net::Ipv4Addr>().map_err(|_| {
            Finding::new(
                Code::RegistryEditValue,
                crate::msg!("edit-not-ipv4", ip = ip.as_str()),
            )
        })?;
    }
    for ip in aaaa {
        ip.parse::<std::net::Ipv6Addr>().map_err(|_| {
            Finding::new(
                Code::RegistryEditValue,
                crate::msg!("edit-not-ipv6", ip = ip.as_str()),
            )
        })?;
    }
    Ok(())
}

/// The `records` of an approval, when it names any.
pub(super) fn records(a: &[String], aaaa: &[String], cname: Option<&str>) -> Option<InlineTable> {
    if a.is_empty() && aaaa.is_empty() && cname.is_none() {
        return None;
    }
    let mut r = InlineTable::new();
    if !a.is_empty() {
        r.insert(
            "A",
            Value::Array(a.iter().map(String::as_str).collect::<Array>()),
        );
    }
    if !aaaa.is_empty() {
        r.insert(
            "AAAA",
            Value::Array(aaaa.iter().map(String::as_str).collect::<Array>()),
        );
    }
    if let Some(c) = cname {
        r.insert("CNAME", Value::from(c));
    }
    Some(r)
}

pub(super) fn parse_date(text: &str) -> Result<Date, Finding> {
    text.parse::<Date>().map_err(|_| {
        Finding::new(
            Code::RegistryEditValue,
            crate::msg!("edit-not-date", text = text),
        )
        .help(crate::msg!("edit-not-date-help"))
    })
}

pub(super) fn toml_date(date: Date) -> Value {
    let d = toml_edit::Date {
        year: date.year() as u16,
        month: date.month() as u8,
        day: date.day() as u8,
    };
    Value::from(toml_edit::Datetime {
        date: Some(d),
        time: None,
        offset: None,
    })
}

/// Refuses a workflow argument that breaks the registry's grammar (see [`grammar`]).
pub(super) fn valid(what: &str, problem: Option<String>) -> Result<(), Finding> {
    match problem {
        None => Ok(()),
        Some(why) => Err(Finding::new(
            Code::RegistryEditValue,
            crate::msg!("edit-value", what = what, why = why),
        )
        .help(if what == "decree" {
            crate::msg!("grammar-decree-help")
        } else {
            grammar::help()
        })),
    }
}
