//! The registry file as TOML says it: the raw tables `domains.toml` is read into, with
//! the spans of the fields findings point at, and their conversion into the checked
//! types of [`super`]. It must not judge the registry's rules (that is `validate`).

use super::*;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRegistry {
    pub(super) regency: RawRegency,
    #[serde(default)]
    pub(super) hosting: Hosting,
    pub(super) portal: RawPortal,
    #[serde(default)]
    pub(super) subdomain: Vec<Spanned<RawSubdomain>>,
    #[serde(default)]
    pub(super) record: Vec<Spanned<RawRecord>>,
    #[serde(default)]
    pub(super) report: ReportSettings,
    #[serde(default)]
    pub(super) integrity: IntegritySettings,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRegency {
    pub(super) name: Spanned<String>,
    pub(super) domain: String,
    pub(super) dinas: Spanned<String>,
    pub(super) approver: Approver,
    #[serde(default)]
    pub(super) contact: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPortal {
    pub(super) title: Spanned<String>,
    #[serde(default)]
    pub(super) records: Records,
    #[serde(default)]
    pub(super) custom_code: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSubdomain {
    pub(super) label: Spanned<String>,
    pub(super) owner: Spanned<String>,
    pub(super) kind: Kind,
    pub(super) status: Status,
    pub(super) contact: Spanned<String>,
    #[serde(default)]
    pub(super) purpose: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) requested: Option<Spanned<toml::value::Datetime>>,
    #[serde(default)]
    pub(super) decree: Option<Spanned<RawDecree>>,
    #[serde(default)]
    pub(super) records: Option<Spanned<Records>>,
    #[serde(default)]
    pub(super) review: Option<Spanned<toml::value::Datetime>>,
    #[serde(default)]
    pub(super) history: Option<Spanned<Vec<Spanned<RawHistory>>>>,
    #[serde(default)]
    pub(super) custom_code: bool,
}

/// One `[[record]]`: read as text; [`super::record`] judges the value by its type.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRecord {
    pub(super) name: String,
    #[serde(rename = "type")]
    pub(super) rtype: String,
    pub(super) value: String,
    #[serde(default)]
    pub(super) ttl: Option<u32>,
    #[serde(default)]
    pub(super) comment: Option<String>,
}

impl RawRecord {
    pub(super) fn into_record(self, line: usize) -> ZoneRecord {
        ZoneRecord {
            name: self.name,
            rtype: self.rtype,
            value: self.value,
            ttl: self.ttl,
            comment: self.comment,
            line,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDecree {
    pub(super) number: String,
    pub(super) date: Spanned<toml::value::Datetime>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHistory {
    pub(super) date: Spanned<toml::value::Datetime>,
    pub(super) action: Status,
    #[serde(default)]
    pub(super) decree: Option<String>,
    #[serde(default)]
    pub(super) reason: Option<String>,
}

impl RawSubdomain {
    pub(super) fn into_subdomain(self, text: &str, line: usize) -> Result<Subdomain, Finding> {
        let date = |d: Spanned<toml::value::Datetime>| plain_date(text, d);
        let at = |start: Option<usize>| start.map_or(line, |s| line_of(text, s));
        let lines = EntryLines {
            entry: line,
            label: at(Some(self.label.span().start)),
            owner: at(Some(self.owner.span().start)),
            purpose: at(self.purpose.as_ref().map(|p| p.span().start)),
            contact: at(Some(self.contact.span().start)),
            requested: at(self.requested.as_ref().map(|d| d.span().start)),
            decree: at(self.decree.as_ref().map(|d| d.span().start)),
            records: at(self.records.as_ref().map(|r| r.span().start)),
            review: at(self.review.as_ref().map(|d| d.span().start)),
            history: at(self.history.as_ref().map(|h| h.span().start)),
        };
        let decree = match self.decree.map(Spanned::into_inner) {
            Some(d) => Some(Decree {
                number: d.number,
                date: date(d.date)?,
            }),
            None => None,
        };
        let history = self
            .history
            .map(Spanned::into_inner)
            .unwrap_or_default()
            .into_iter()
            .map(|h| {
                let line = line_of(text, h.span().start);
                let h = h.into_inner();
                Ok(HistoryEntry {
                    date: date(h.date)?,
                    action: h.action,
                    decree: h.decree,
                    reason: h.reason,
                    line,
                })
            })
            .collect::<Result<_, Finding>>()?;
        Ok(Subdomain {
            label: self.label.into_inner(),
            owner: self.owner.into_inner(),
            kind: self.kind,
            status: self.status,
            contact: self.contact.into_inner(),
            purpose: self.purpose.map(Spanned::into_inner),
            requested: self.requested.map(date).transpose()?,
            decree,
            records: self.records.map(Spanned::into_inner).unwrap_or_default(),
            review: self.review.map(date).transpose()?,
            history,
            custom_code: self.custom_code,
            line,
            lines,
        })
    }
}

/// A registry date is a plain calendar date (`2024-01-15`), never a time.
fn plain_date(text: &str, value: Spanned<toml::value::Datetime>) -> Result<Date, Finding> {
    let line = line_of(text, value.span().start);
    let dt = value.into_inner();
    let bad = || {
        Finding::new(
            Code::RegistryParse,
            crate::msg!("registry-not-date", text = dt.to_string()),
        )
        .line(line)
        .help(crate::msg!("registry-not-date-help"))
    };
    match (dt.date, dt.time) {
        (Some(d), None) => Date::new(d.year as i16, d.month as i8, d.day as i8).map_err(|_| bad()),
        _ => Err(bad()),
    }
}
