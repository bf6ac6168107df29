//! Rust source read as text by the house's own tests (`house`, `layers`): the `.rs`
//! files of a folder, and their code with comments and literals blanked out. A reader
//! of quotes and comment marks, not a parser: small enough to trust.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir` (none of `node_modules`), sorted.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| e.into_path())
        .filter(|p| !p.components().any(|c| c.as_os_str() == "node_modules"))
        .collect();
    files.sort();
    files
}

/// The text with comments (doc comments too), string and character literals replaced
/// by spaces, line breaks kept (so line numbers stay true): only code is left.
pub fn blanked(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let at = |k: usize| chars.get(i + k).copied().unwrap_or('\0');
        let end = if at(0) == '/' && at(1) == '/' {
            chars[i..]
                .iter()
                .position(|&c| c == '\n')
                .map_or(chars.len(), |n| i + n)
        } else if at(0) == '/' && at(1) == '*' {
            block_comment_end(&chars, i)
        } else if is_raw_string(&chars, i) {
            raw_string_end(&chars, i)
        } else if at(0) == '"' || (at(0) == '\'' && (at(1) == '\\' || at(2) == '\'')) {
            string_end(&chars, i)
        } else {
            out.push(at(0));
            i += 1;
            continue;
        };
        out.extend(
            chars[i..end]
                .iter()
                .map(|&c| if c == '\n' { '\n' } else { ' ' }),
        );
        i = end;
    }
    out
}

/// Whether a raw string (`r"`, `r#"`, `br#"`) starts at `i`; `r#type` is a raw
/// identifier.
fn is_raw_string(chars: &[char], i: usize) -> bool {
    let before = if i == 0 { ' ' } else { chars[i - 1] };
    let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
    chars[i] == 'r'
        && (!is_ident(before) || before == 'b')
        && chars.get(i + 1 + hashes) == Some(&'"')
}

/// A character of an identifier.
pub fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn block_comment_end(chars: &[char], mut i: usize) -> usize {
    let mut depth = 0;
    while i + 1 < chars.len() {
        match (chars[i], chars[i + 1]) {
            ('/', '*') => (depth, i) = (depth + 1, i + 2),
            ('*', '/') if depth == 1 => return i + 2,
            ('*', '/') => (depth, i) = (depth - 1, i + 2),
            _ => i += 1,
        }
    }
    chars.len()
}

/// The end of a string or character literal starting at `i` (its quote).
fn string_end(chars: &[char], i: usize) -> usize {
    let quote = chars[i];
    let mut j = i + 1;
    while j < chars.len() {
        match chars[j] {
            '\\' => j += 2,
            c if c == quote => return j + 1,
            _ => j += 1,
        }
    }
    chars.len()
}

fn raw_string_end(chars: &[char], i: usize) -> usize {
    let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
    let mut j = i + 1 + hashes + 1;
    while j < chars.len() {
        if chars[j] == '"'
            && chars[j + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == '#')
                .count()
                == hashes
        {
            return j + 1 + hashes;
        }
        j += 1;
    }
    chars.len()
}
