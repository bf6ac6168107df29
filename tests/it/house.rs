//! The house's sizes: no `.rs` file under `src/` or `tests/` longer than 500 lines and no
//! function longer than 80, so that each still reads in one sitting. A plain reader of
//! braces (strings, characters and comments skipped), not a parser: it must stay small
//! enough to trust, and it reports every offender with its file and line.

use crate::common::rust_source::{blanked, rust_files};
use std::path::Path;

const MAX_FILE_LINES: usize = 500;
const MAX_FN_LINES: usize = 80;

#[test]
fn no_file_over_500_lines_and_no_function_over_80() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut offenders = Vec::new();
    for file in ["src", "tests"]
        .iter()
        .flat_map(|d| rust_files(&root.join(d)))
    {
        let text = std::fs::read_to_string(&file).unwrap();
        let shown = file.strip_prefix(root).unwrap().display().to_string();
        let lines = text.lines().count();
        if lines > MAX_FILE_LINES {
            offenders.push(format!("{shown}: {lines} lines (at most {MAX_FILE_LINES})"));
        }
        for (line, name, length) in long_functions(&text) {
            offenders.push(format!(
                "{shown}:{line}: fn {name} is {length} lines (at most {MAX_FN_LINES})"
            ));
        }
    }
    assert!(offenders.is_empty(), "too long:\n{}", offenders.join("\n"));
}

/// The reader's own cases: what inside strings, characters and comments must not count.
#[test]
fn braces_in_strings_characters_and_comments_do_not_count() {
    let body = "    let _ = 1;\n".repeat(MAX_FN_LINES);
    let tricky = "fn tricky() {\n    let _ = \"}\"; let _ = '}'; let _ = r#\"}\"#; // }\n    \
                  /* } /* nested } */ } */ let _: &'static str = \"\\\"}\";\n";
    let text = format!("{tricky}{body}}}\nfn short() {{\n}}\n");
    let found = long_functions(&text);
    assert_eq!(found, vec![(1, "tricky".to_string(), MAX_FN_LINES + 4)]);
    assert!(long_functions("fn declared();\nfn next() {}\n").is_empty());
}

/// Each function longer than [`MAX_FN_LINES`]: its first line (from 1), name and length,
/// from the line of `fn` to the line of its closing brace.
fn long_functions(text: &str) -> Vec<(usize, String, usize)> {
    let lines = code_lines(text);
    let mut found = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let Some(name) = function_name(line) else {
            continue;
        };
        let mut depth = 0i32;
        let mut opened = false;
        for (end, code) in lines.iter().enumerate().skip(start) {
            for c in code.chars() {
                match c {
                    '{' => (depth, opened) = (depth + 1, true),
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            if !opened && code.trim_end().ends_with(';') {
                break;
            }
            if opened && depth <= 0 {
                let length = end - start + 1;
                if length > MAX_FN_LINES {
                    found.push((start + 1, name.to_string(), length));
                }
                break;
            }
        }
    }
    found
}

/// The name of the function a line of code begins, if it begins one.
fn function_name(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    if let Some(after) = rest.strip_prefix("pub") {
        rest = after.trim_start();
        if rest.starts_with('(') {
            rest = rest[rest.find(')')? + 1..].trim_start();
        }
    }
    for qualifier in ["const ", "async ", "unsafe "] {
        rest = rest.strip_prefix(qualifier).unwrap_or(rest).trim_start();
    }
    let rest = rest.strip_prefix("fn ")?.trim_start();
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// The text, line by line, with what strings, characters and comments hold blanked out.
fn code_lines(text: &str) -> Vec<String> {
    blanked(text).lines().map(str::to_string).collect()
}
