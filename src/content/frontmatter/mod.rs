//! Front matter: the `+++` TOML or `---` YAML block at the top of every content file.
//!
//! Both formats are read into one [`FrontMatter`]; errors carry the line in the file
//! they concern. Unknown fields are errors so that a typo (`tittle`) is caught instead of
//! silently ignored; free fields belong under `extra`.

mod read;

use super::alias::{self, Alias};
use super::locate::Block;
use super::ppid::{self, Ppid};
use super::service::{self, Service};
use crate::finding::{Code, Finding};
use crate::msg;
use jiff::civil::Date;
use jiff::Timestamp;
use serde::Deserialize;

/// The fields a page or section may set. Section-only fields are ignored on pages.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub(crate) date: Option<String>,
    #[serde(default)]
    pub(crate) updated: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub template: Option<String>,
    #[serde(default)]
    pub weight: Option<i64>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub sort_by: Option<SortBy>,
    #[serde(default)]
    pub paginate_by: Option<usize>,
    #[serde(default)]
    pub in_menu: Option<bool>,
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// `[layanan]` as written; read into `service` after deserialising.
    #[serde(default, rename = "layanan")]
    pub(crate) raw_service: Option<serde_json::Value>,
    /// `[ppid]` as written; read into `public_info` after deserialising.
    #[serde(default, rename = "ppid")]
    pub(crate) raw_ppid: Option<serde_json::Value>,
    /// The service standard, when the page describes a public service.
    #[serde(skip)]
    pub service: Option<Box<Service>>,
    /// The public information the page declares for its PPID list.
    #[serde(skip)]
    pub public_info: Option<Box<Ppid>>,
    /// Parsed from `date` and `updated` after deserialising.
    #[serde(skip)]
    pub when: Option<When>,
    #[serde(skip)]
    pub updated_when: Option<When>,
    /// The line of the file where `template` is set (for findings about it).
    #[serde(skip)]
    pub template_line: usize,
    /// A reviewer's acknowledgment that the page may name gambling terms (an article
    /// about the fight against judi online): `[tinjauan_spam]`.
    #[serde(default)]
    pub tinjauan_spam: Option<SpamReview>,
    /// The line where `tinjauan_spam` is set.
    #[serde(skip)]
    pub spam_review_line: usize,
    /// `aliases` as written; read into `aliases` after deserialising.
    #[serde(default, rename = "aliases")]
    pub(crate) raw_aliases: Vec<String>,
    /// Old addresses that lead to this page (see [`super::alias`]).
    #[serde(skip)]
    pub aliases: Vec<Alias>,
    /// The line where `aliases` is set.
    #[serde(skip)]
    pub aliases_line: usize,
}

/// `[tinjauan_spam]`: who checked that the page's gambling terms are not spam, when,
/// and why. It lowers the page's term findings to warnings; it never hides them, and it
/// does not cover hidden text.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpamReview {
    /// The reviewer (name, and office where useful).
    pub oleh: String,
    /// The day of the review, as written (`2026-11-20`).
    pub tanggal: String,
    /// Why the terms belong on the page.
    #[serde(default)]
    pub alasan: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    Date,
    Weight,
    Title,
}

/// A date as written (`2026-11-20`, or a time with or without an offset).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct When {
    /// The instant, for sorting; a date without time is midnight UTC.
    pub instant: Timestamp,
    /// The calendar date as the editor wrote it, for display.
    pub date: Date,
}

impl When {
    pub fn parse(text: &str) -> Option<When> {
        let text = text.trim();
        if let Ok(ts) = text.parse::<Timestamp>() {
            // An explicit offset: keep the editor's calendar date, not UTC's.
            let date = text.get(..10)?.parse::<Date>().ok()?;
            return Some(When { instant: ts, date });
        }
        let dt = match text.parse::<jiff::civil::DateTime>() {
            Ok(dt) => dt,
            Err(_) => text
                .parse::<Date>()
                .ok()?
                .to_datetime(jiff::civil::Time::midnight()),
        };
        let instant = dt.to_zoned(jiff::tz::TimeZone::UTC).ok()?.timestamp();
        Some(When {
            instant,
            date: dt.date(),
        })
    }

    /// `2026-11-20T00:00:00Z` style, for feeds and sitemaps.
    pub fn rfc3339(&self) -> String {
        self.instant.to_string()
    }
}

/// A content file split into its front matter and its markdown body.
#[derive(Debug)]
pub struct Parsed<'a> {
    pub meta: FrontMatter,
    pub body: &'a str,
    /// The line of the file on which the body starts.
    pub body_line: usize,
    /// Problems that do not stop the page from being read (an incomplete service
    /// standard, a PPID item without its legal ground).
    pub problems: Vec<Problem>,
}

/// A front-matter problem: a finding without its file (the caller adds it).
pub type Problem = Finding;

/// Splits and parses a content file. `text` must already be LF-normalised.
pub fn parse(text: &str) -> Result<Parsed<'_>, Problem> {
    let read::Raw {
        value,
        block,
        block_line,
        body,
        body_line,
    } = read::read(text)?;
    let located = Block::new(block, block_line);
    let (mut meta, mut problems) = deserialize(value, &located)?;
    if meta.title.trim().is_empty() {
        return Err(
            field_error(&located, "title", &msg!("fm-title-empty")).help(msg!("fm-title-help"))
        );
    }
    meta.when = parse_when(&meta.date, &located, "date")?;
    meta.updated_when = parse_when(&meta.updated, &located, "updated")?;
    meta.template_line = located.key(&["template"]);
    if let Some(review) = &meta.tinjauan_spam {
        check_review(review, &located)?;
        meta.spam_review_line = located.key(&["tinjauan_spam"]);
    }
    read_aliases(&mut meta, &located)?;
    if let Some(raw) = meta.raw_service.take() {
        let (s, found) = service::read(&raw, &located);
        meta.service = Some(Box::new(s));
        problems.extend(found);
    }
    if let Some(raw) = meta.raw_ppid.take() {
        let (p, found) = ppid::read(&raw, &located);
        meta.public_info = Some(Box::new(p));
        problems.extend(found);
    }
    Ok(Parsed {
        meta,
        body,
        body_line,
        problems,
    })
}

/// The front matter read into its fields. An unknown field (`tanggal` for `date`) is a
/// problem and is left out, so that the rest of the page is still read and every other
/// problem of the page is found in the same run; any other refusal stops the page.
fn deserialize(
    mut value: serde_json::Value,
    located: &Block,
) -> Result<(FrontMatter, Vec<Problem>), Problem> {
    let mut problems = Vec::new();
    loop {
        // From a reference: the common case, a page with no unknown field, copies nothing.
        match serde_path_to_error::deserialize::<_, FrontMatter>(&value) {
            Ok(meta) => return Ok((meta, problems)),
            Err(e) => {
                let problem = field_problem(&e, located);
                let unknown = e.inner().to_string().starts_with("unknown field");
                // Bounded: each turn removes one field of the finite value.
                if !unknown || !remove_at(&mut value, &e) || problems.len() > 64 {
                    // `judul` for `title` leaves `title` missing: the unknown field,
                    // first, is what to fix.
                    return Err(problems.into_iter().next().unwrap_or(problem));
                }
                problems.push(problem);
            }
        }
    }
}

/// Removes the unknown field serde named from `value`; false if it is not found.
fn remove_at(
    value: &mut serde_json::Value,
    e: &serde_path_to_error::Error<serde_json::Error>,
) -> bool {
    let path: Vec<String> = e.path().iter().map(|s| s.to_string()).collect();
    let Some((last, parents)) = path.split_last() else {
        return false;
    };
    let mut at = value;
    for key in parents {
        match at.get_mut(key.as_str()) {
            Some(inner) => at = inner,
            None => return false,
        }
    }
    at.as_object_mut()
        .is_some_and(|table| table.remove(last.as_str()).is_some())
}

/// The field an editor meant by an Indonesian word (`tanggal` for `date`): laman keeps
/// one name for each field (the English one every example, template and guide uses),
/// and names it in the hint.
fn meant(field: &str) -> Option<&'static str> {
    Some(match field.to_lowercase().as_str() {
        "judul" => "title",
        "tanggal" | "tgl" => "date",
        "diperbarui" | "tanggal_perbarui" | "pembaruan" => "updated",
        "ringkasan" | "deskripsi" | "keterangan" => "description",
        "draf" | "konsep" => "draft",
        "bobot" | "urutan" => "weight",
        "label" | "tag" | "kategori" => "tags",
        "templat" => "template",
        "alias" => "aliases",
        _ => return None,
    })
}

/// A field serde refused, in an editor's words, at the line where it is set.
fn field_problem(e: &serde_path_to_error::Error<serde_json::Error>, located: &Block) -> Finding {
    let path: Vec<String> = e.path().iter().map(|s| s.to_string()).collect();
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    let line = located.key(&path);
    let message = e.inner().to_string();
    // serde names the fields between backticks: the one at fault, then (for an
    // unknown one) those expected.
    let named: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let (text, help) = match named.split_first() {
        Some((field, expected)) if message.starts_with("unknown field") => (
            msg!("fm-unknown-field", field = *field),
            match meant(field)
                .filter(|m| expected.contains(m))
                .or_else(|| crate::finding::closest(field, expected.iter().copied()))
            {
                Some(near) => msg!("fm-unknown-field-near", near = near),
                None => msg!("fm-unknown-field-help", fields = expected.join(", ")),
            },
        ),
        Some((&"title", _)) if message.starts_with("missing field") => {
            (msg!("fm-title-missing"), msg!("fm-title-help"))
        }
        Some((field, _)) if message.starts_with("missing field") => (
            msg!("fm-missing-field", field = *field),
            msg!("fm-fields-help"),
        ),
        _ if message.starts_with("invalid type") || message.starts_with("invalid value") => (
            msg!(
                "fm-field-type",
                field = path.join("."),
                detail = message.as_str()
            ),
            msg!("fm-field-type-help"),
        ),
        _ => (
            msg!("fm-field", detail = message.as_str()),
            msg!("fm-fields-help"),
        ),
    };
    Finding::new(Code::ContentFrontmatterField, text)
        .line(line)
        .help(help)
}

fn parse_when(text: &Option<String>, block: &Block, key: &str) -> Result<Option<When>, Problem> {
    let Some(text) = text else { return Ok(None) };
    When::parse(text).map(Some).ok_or_else(|| {
        field_error(
            block,
            key,
            &msg!("fm-not-a-date", key = key, text = text.as_str()),
        )
        .help(msg!("fm-date-help"))
    })
}

/// Checks every alias (see [`alias::Alias::parse`]) and their number.
fn read_aliases(meta: &mut FrontMatter, block: &Block) -> Result<(), Problem> {
    let raw = std::mem::take(&mut meta.raw_aliases);
    if raw.is_empty() {
        return Ok(());
    }
    meta.aliases_line = block.key(&["aliases"]);
    let help = msg!("alias-help");
    if raw.len() > alias::MAX_ALIASES {
        return Err(field_error(
            block,
            "aliases",
            &msg!(
                "alias-too-many",
                count = raw.len(),
                max = alias::MAX_ALIASES
            ),
        )
        .help(help));
    }
    for text in raw {
        let parsed = Alias::parse(&text).map_err(|why| {
            let alias = text.escape_default().to_string();
            field_error(
                block,
                "aliases",
                &msg!("alias-invalid", alias = alias, why = why),
            )
            .help(help.clone())
        })?;
        if !meta.aliases.contains(&parsed) {
            meta.aliases.push(parsed);
        }
    }
    Ok(())
}

/// A spam acknowledgment names its reviewer and a real date.
fn check_review(review: &SpamReview, block: &Block) -> Result<(), Problem> {
    let example = msg!("fm-review-help");
    if review.oleh.trim().is_empty() {
        return Err(
            field_error(block, "tinjauan_spam", &msg!("fm-review-no-reviewer")).help(example),
        );
    }
    if When::parse(&review.tanggal).is_none() {
        return Err(field_error(
            block,
            "tinjauan_spam",
            &msg!("fm-review-date", text = review.tanggal.as_str()),
        )
        .help(example));
    }
    Ok(())
}

fn field_error(block: &Block, key: &str, message: &str) -> Finding {
    Finding::new(Code::ContentFrontmatterField, message).line(block.key(&[key]))
}

#[cfg(test)]
mod tests;
