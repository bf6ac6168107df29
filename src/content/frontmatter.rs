//! Front matter: the `+++` TOML or `---` YAML block at the top of every content file.
//!
//! Both formats are read into one [`FrontMatter`]; errors carry the line in the file
//! they concern. Unknown fields are errors so that a typo (`tittle`) is caught instead of
//! silently ignored; free fields belong under `extra`.

use super::alias::{self, Alias};
use super::locate::Block;
use super::ppid::{self, Ppid};
use super::service::{self, Service};
use crate::finding::{line_of, Code, Finding};
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
    let (format, block, block_line, body, body_line) = split(text)?;
    bounded(block, block_line)?;
    let value = match format {
        Format::Toml => toml_value(block, block_line)?,
        Format::Yaml => yaml_value(block, block_line)?,
    };
    let located = Block::new(block, block_line);
    let mut meta: FrontMatter = serde_path_to_error::deserialize(value).map_err(|e| {
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
                match crate::finding::closest(field, expected.iter().copied()) {
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
    })?;
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
    let mut problems = Vec::new();
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

/// The largest front matter read: far beyond any page's (a few hundred bytes), small
/// enough that no parser spends long on it.
pub const MAX_FRONT_MATTER: usize = 256 * 1024;

/// The deepest nesting of lists and tables front matter may have. The YAML parser's
/// time grows with the square of the depth (200,000 levels took minutes), and no page
/// needs more than a few.
pub const MAX_NESTING: usize = 32;

/// Refuses front matter that is too large or nested too deep, before any parser sees it,
/// with the line where the limit was passed. Nesting counts `[`/`{` outside strings and
/// comments, YAML's indented blocks and `- ` items on one line. Strings are taken to end
/// with their line: a string spanning lines is rare, and it can only make the count
/// smaller.
fn bounded(block: &str, block_line: usize) -> Result<(), Problem> {
    if block.len() > MAX_FRONT_MATTER {
        return Err(Finding::new(
            Code::ContentLimit,
            msg!(
                "fm-too-large",
                size = block.len() / 1024,
                max = MAX_FRONT_MATTER / 1024
            ),
        )
        .line(block_line)
        .help(msg!("fm-too-large-help")));
    }
    let too_deep = |line: usize| {
        Err(
            Finding::new(Code::ContentLimit, msg!("fm-too-deep", max = MAX_NESTING))
                .line(block_line + line)
                .help(msg!("fm-too-deep-help")),
        )
    };
    let mut brackets = 0usize;
    let mut indents: Vec<usize> = Vec::new();
    for (n, line) in block.lines().enumerate() {
        let content = line.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        while indents.last().is_some_and(|&top| top >= indent) {
            indents.pop();
        }
        indents.push(indent);
        let mut dashes = 0;
        let mut rest = content;
        while let Some(after) = rest.strip_prefix("- ") {
            dashes += 1;
            rest = after.trim_start_matches(' ');
        }
        if indents.len() + dashes > MAX_NESTING {
            return too_deep(n);
        }
        let mut quote = None;
        let mut escaped = false;
        for c in rest.chars() {
            match (quote, c) {
                (Some('"'), '\\') if !escaped => {
                    escaped = true;
                    continue;
                }
                (Some(q), c) if c == q && !escaped => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '[' | '{') => {
                    brackets += 1;
                    if brackets > MAX_NESTING {
                        return too_deep(n);
                    }
                }
                (None, ']' | '}') => brackets = brackets.saturating_sub(1),
                (None, _) => {}
            }
            escaped = false;
        }
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum Format {
    Toml,
    Yaml,
}

/// Returns the format, the block, the line the block starts on, the body and its line.
fn split(text: &str) -> Result<(Format, &str, usize, &str, usize), Problem> {
    let (format, fence) = if text.starts_with("+++") {
        (Format::Toml, "+++")
    } else if text.starts_with("---") {
        (Format::Yaml, "---")
    } else {
        return Err(Finding::new(Code::ContentFrontmatterParse, msg!("fm-none"))
            .line(1)
            .help(msg!("fm-none-help")));
    };
    let first_newline = match text.find('\n') {
        Some(i) if text[..i].trim_end() == fence => i,
        _ => {
            return Err(Finding::new(
                Code::ContentFrontmatterParse,
                msg!("fm-fence-alone", fence = fence),
            )
            .line(1))
        }
    };
    let rest = &text[first_newline + 1..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == fence {
            let block = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_line = line_of(text, first_newline + 1 + offset + line.len());
            return Ok((format, block, 2, body, body_line));
        }
        offset += line.len();
    }
    Err(Finding::new(
        Code::ContentFrontmatterParse,
        msg!("fm-unclosed", fence = fence),
    )
    .line(1)
    .help(msg!("fm-unclosed-help", fence = fence)))
}

fn toml_value(block: &str, block_line: usize) -> Result<serde_json::Value, Problem> {
    let table: toml::Table = toml::from_str(block).map_err(|e| {
        let line = e.span().map_or(0, |s| line_of(block, s.start) - 1);
        Finding::new(
            Code::ContentFrontmatterParse,
            msg!("fm-toml", detail = e.message().trim()),
        )
        .line(block_line + line)
        .help(toml_help(e.message()))
    })?;
    Ok(toml_to_json(toml::Value::Table(table)))
}

/// What to do about a TOML mistake, in the words of the most common ones: the parser's
/// own message names the syntax, which an editor does not read.
fn toml_help(message: &str) -> String {
    if message.contains("invalid basic string") || message.contains("unterminated") {
        msg!("fm-toml-quote-help")
    } else if message.contains("duplicate key") {
        msg!("fm-toml-duplicate-help")
    } else if message.contains("expected `=`") || message.contains("key with no value") {
        msg!("fm-toml-equals-help")
    } else {
        msg!("fm-toml-help")
    }
}

fn toml_to_json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => J::from(f),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            J::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

fn yaml_value(block: &str, block_line: usize) -> Result<serde_json::Value, Problem> {
    let value: serde_json::Value = serde_yaml_ng::from_str(block).map_err(|e| {
        let line = e.location().map_or(0, |l| l.line().saturating_sub(1));
        let message = e.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_string();
        Finding::new(
            Code::ContentFrontmatterParse,
            msg!("fm-yaml", detail = message.as_str()),
        )
        .line(block_line + line)
        .help(msg!("fm-yaml-help"))
    })?;
    Ok(match value {
        serde_json::Value::Null => serde_json::Value::Object(Default::default()),
        v => v,
    })
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
mod tests {
    use super::*;

    #[test]
    fn deep_or_huge_front_matter_is_refused_before_parsing() {
        let deep_flow = format!(
            "---\ntitle: x\na: {}1{}\n---\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let started = std::time::Instant::now();
        let e = parse(&deep_flow).unwrap_err();
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        assert_eq!((e.code, e.line), (Code::ContentLimit, Some(3)));
        assert!(e.message.contains("nests"), "{}", e.message);
        let deep_toml = format!(
            "+++\ntitle = \"x\"\na = {}1{}\n+++\n",
            "[".repeat(40),
            "]".repeat(40)
        );
        assert_eq!(parse(&deep_toml).unwrap_err().line, Some(3));
        let mut deep_block = String::from("---\ntitle: x\n");
        for depth in 0..40 {
            deep_block.push_str(&format!("{}k{depth}:\n", " ".repeat(depth)));
        }
        deep_block.push_str("---\n");
        assert!(parse(&deep_block).unwrap_err().message.contains("nests"));
        let dashes = format!("---\ntitle: x\nl:\n  {}x\n---\n", "- ".repeat(40));
        assert_eq!(parse(&dashes).unwrap_err().line, Some(4));
        let huge = format!("+++\ntitle = \"{}\"\n+++\n", "a".repeat(MAX_FRONT_MATTER));
        assert!(parse(&huge).unwrap_err().message.contains("KiB"));
        // Brackets in strings and comments, and ordinary depth, are fine.
        let fine = "+++\ntitle = \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\" # {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\ntags = [\"a\", \"b\"]\n[extra]\nx = { y = { z = [1, [2]] } }\n+++\n";
        assert!(parse(fine).is_ok(), "{:?}", parse(fine).err());
        let fine_yaml = "---\ntitle: \"Dinas Ke'sehatan [x\"\ntags:\n  - a\n  - b\nextra:\n  k:\n    - - 1\n---\n";
        assert!(parse(fine_yaml).is_ok(), "{:?}", parse(fine_yaml).err());
    }

    #[test]
    fn aliases_are_checked_with_their_line() {
        let ok = parse("+++\ntitle = \"A\"\naliases = [\"/lama/\", \"/?p=5\", \"/lama/\"]\n+++\n")
            .unwrap();
        assert_eq!(ok.meta.aliases.len(), 2);
        assert_eq!(ok.meta.aliases_line, 3);
        let bad = parse("+++\ntitle = \"A\"\n\naliases = [\"/a/../../etc/\"]\n+++\n").unwrap_err();
        assert_eq!(
            (bad.code, bad.line),
            (Code::ContentFrontmatterField, Some(4))
        );
        let many = format!(
            "+++\ntitle = \"A\"\naliases = [{}]\n+++\n",
            vec!["\"/a/\""; alias::MAX_ALIASES + 1].join(",")
        );
        assert!(parse(&many).unwrap_err().message.contains("at most"));
    }

    #[test]
    fn toml_front_matter_with_date_and_extra() {
        let text =
            "+++\ntitle = \"Rapat\"\ndate = 2026-11-20\n[extra]\nlokasi = \"Aula\"\n+++\n\nIsi\n";
        let p = parse(text).unwrap();
        assert_eq!(p.meta.title, "Rapat");
        assert_eq!(p.meta.when.unwrap().date, jiff::civil::date(2026, 11, 20));
        assert_eq!(p.meta.extra["lokasi"], "Aula");
        assert_eq!(p.body, "\nIsi\n");
        assert_eq!(p.body_line, 7);
    }

    #[test]
    fn yaml_front_matter_is_read_the_same() {
        let text = "---\ntitle: Rapat\ndate: 2026-11-20T08:30:00+07:00\ntags: [a, b]\n---\nIsi\n";
        let p = parse(text).unwrap();
        assert_eq!(p.meta.tags, vec!["a", "b"]);
        let when = p.meta.when.unwrap();
        assert_eq!(when.date, jiff::civil::date(2026, 11, 20));
        assert_eq!(when.rfc3339(), "2026-11-20T01:30:00Z");
    }

    #[test]
    fn missing_title_is_a_field_error() {
        let err = parse("+++\ndate = 2026-01-01\n+++\n").unwrap_err();
        assert_eq!(err.code, Code::ContentFrontmatterField);
        assert!(err.message.contains("title"), "{}", err.message);
    }

    #[test]
    fn unknown_field_names_its_line() {
        let err = parse("+++\ntitle = \"A\"\n\ntittle = \"B\"\n+++\n").unwrap_err();
        assert_eq!(err.code, Code::ContentFrontmatterField);
        assert_eq!(err.line, Some(4));
        assert!(err.message.contains("tittle"));
    }

    #[test]
    fn toml_syntax_error_names_its_line() {
        let err = parse("+++\ntitle = \"A\"\ndate = \n+++\n").unwrap_err();
        assert_eq!(err.code, Code::ContentFrontmatterParse);
        assert_eq!(err.line, Some(3));
    }

    #[test]
    fn yaml_syntax_error_names_its_line() {
        let err = parse("---\ntitle: A\ntags: [a, b\n---\n").unwrap_err();
        assert_eq!(err.code, Code::ContentFrontmatterParse);
        assert!(matches!(err.line, Some(3..=4)), "{:?}", err.line);
    }

    #[test]
    fn wrong_type_and_bad_date_name_their_lines() {
        let err = parse("+++\ntitle = \"A\"\nweight = \"x\"\n+++\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        let err = parse("+++\ntitle = \"A\"\ndate = \"kemarin\"\n+++\n").unwrap_err();
        assert_eq!(
            (err.code, err.line),
            (Code::ContentFrontmatterField, Some(3))
        );
    }

    #[test]
    fn unclosed_or_absent_front_matter_is_a_parse_error() {
        assert_eq!(
            parse("+++\ntitle = \"A\"\n").unwrap_err().code,
            Code::ContentFrontmatterParse
        );
        assert_eq!(
            parse("# Judul\n").unwrap_err().code,
            Code::ContentFrontmatterParse
        );
    }
}
