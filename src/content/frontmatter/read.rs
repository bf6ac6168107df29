//! From a content file's text to its front matter as one JSON value: the fences that
//! close the block, the limits checked before any parser sees it, and the TOML and YAML
//! parsers with their errors put into an editor's words.
//!
//! It knows no field: what the value must hold is the parent module's.

use super::Problem;
use crate::finding::{line_of, Code, Finding};
use crate::msg;

/// A content file's front matter read into one value, and where its parts are.
pub(super) struct Raw<'a> {
    pub value: serde_json::Value,
    pub block: &'a str,
    /// The line of the file on which the block starts.
    pub block_line: usize,
    pub body: &'a str,
    /// The line of the file on which the body starts.
    pub body_line: usize,
}

/// Splits a content file (already LF-normalised) at its fences and reads the block.
pub(super) fn read(text: &str) -> Result<Raw<'_>, Problem> {
    let (format, block, block_line, body, body_line) = split(text)?;
    bounded(block, block_line)?;
    let value = match format {
        Format::Toml => toml_value(block, block_line)?,
        Format::Yaml => yaml_value(block, block_line)?,
    };
    Ok(Raw {
        value,
        block,
        block_line,
        body,
        body_line,
    })
}

/// The largest front matter read: far beyond any page's (a few hundred bytes), small
/// enough that no parser spends long on it.
pub(super) const MAX_FRONT_MATTER: usize = 256 * 1024;

/// The deepest nesting of lists and tables front matter may have. The YAML parser's
/// time grows with the square of the depth (200,000 levels took minutes), and no page
/// needs more than a few.
const MAX_NESTING: usize = 32;

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
