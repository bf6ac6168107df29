//! Where a field is written in a front-matter block, for findings about it.
//!
//! Front matter is read into a JSON value (one model for TOML and YAML), which keeps no
//! positions; this finds them again in the text. It is a search, not a parser: it looks
//! for `key =`, `key:` and `[table]` lines, and for written values, in order, so it finds
//! the right line in the way editors write front matter and a nearby one otherwise. It
//! must never decide what a field means.

/// A front-matter block and the line of the file it starts on.
#[derive(Clone, Copy)]
pub struct Block<'a> {
    text: &'a str,
    /// The line of the file that holds the block's first line.
    first_line: usize,
}

impl<'a> Block<'a> {
    pub fn new(text: &'a str, first_line: usize) -> Self {
        Block { text, first_line }
    }

    /// The line of the file before the block (the opening fence): where a finding about
    /// the block as a whole goes.
    fn fence_line(&self) -> usize {
        self.first_line.saturating_sub(1).max(1)
    }

    /// The line of the file where a nested key is set: each part of `path` is searched
    /// from the line of the part before it. Numbers in the path are items of an array
    /// of tables (`[[ppid.informasi]]`). Falls back to the deepest part found.
    pub fn key(&self, path: &[&str]) -> usize {
        let mut from = 0;
        let mut found = None;
        let mut table = String::new();
        for part in path {
            let hit = match part.parse::<usize>() {
                Ok(n) => self.nth_header(&table, n, from),
                Err(_) => {
                    if !table.is_empty() {
                        table.push('.');
                    }
                    table.push_str(part);
                    self.key_from(part, &table, from)
                }
            };
            match hit {
                Some(i) => {
                    from = i;
                    found = Some(i);
                }
                None => break,
            }
        }
        found.map_or(self.fence_line(), |i| self.first_line + i)
    }

    /// The lines of the file of the first `count` items of the array at `path`, found in
    /// one pass: its `[[table]]` headers, else YAML's `- ` lines, else the lines of an
    /// inline array that open a table (`{`). An item not found gets the array's line.
    /// (Looking each item up on its own would read the block once per item.)
    pub fn items(&self, path: &[&str], count: usize) -> Vec<usize> {
        let array = self.key(path);
        let from = array.saturating_sub(self.first_line);
        let header = format!("[[{}]]", path.join("."));
        let find = |keep: &dyn Fn(&str) -> bool, skip: usize| -> Vec<usize> {
            self.text
                .lines()
                .enumerate()
                .skip(from + skip)
                .filter(|(_, l)| keep(l))
                .map(|(i, _)| self.first_line + i)
                .take(count)
                .collect()
        };
        let mut lines = find(&|l| l.trim() == header, 0);
        if lines.is_empty() {
            lines = find(&|l| l.trim_start().starts_with("- "), 1);
        }
        if lines.is_empty() {
            lines = find(&|l| l.trim_start().starts_with('{'), 1);
        }
        (0..count)
            .map(|n| lines.get(n).copied().unwrap_or(array))
            .collect()
    }

    /// The line of the file of the first line at or after `line` (a line of the file)
    /// that contains `needle`.
    pub fn text_after(&self, line: usize, needle: &str) -> Option<usize> {
        if needle.is_empty() {
            return None;
        }
        let start = line.saturating_sub(self.first_line);
        self.text
            .lines()
            .enumerate()
            .skip(start)
            .find(|(_, l)| l.contains(needle))
            .map(|(i, _)| self.first_line + i)
    }

    /// The index (0-based, in the block) of the line at or after `from` that sets `key`,
    /// or opens the table `[table]`, `[[table]]` or one inside it (TOML's header forms of
    /// a nested key).
    fn key_from(&self, key: &str, table: &str, from: usize) -> Option<usize> {
        self.text
            .lines()
            .enumerate()
            .skip(from)
            .find(|(_, line)| {
                let line = line.trim_start().trim_start_matches("- ");
                let line = line.trim_end();
                sets_key(line, key) || opens_table(line, table)
            })
            .map(|(i, _)| i)
    }

    /// The index of the `n`th (0-based) `[[table]]` header at or after `from`; for YAML
    /// or inline arrays, the `n`th `- ` item line.
    fn nth_header(&self, table: &str, n: usize, from: usize) -> Option<usize> {
        let header = format!("[[{table}]]");
        let lines = || self.text.lines().enumerate().skip(from);
        lines()
            .filter(|(_, l)| l.trim() == header)
            .nth(n)
            .or_else(|| {
                lines()
                    .skip(1)
                    .filter(|(_, l)| l.trim_start().starts_with("- "))
                    .nth(n)
            })
            .map(|(i, _)| i)
    }
}

/// Whether a line (without its indentation) sets `key`: `key = ...`, `"key" = ...` or
/// `key: ...`.
/// Whether `line` is the header of `table` (`[t]`, `[[t]]`) or of a table inside it
/// (`[t.x]`, `[[t.x]]`). Every page's lines are looked at so: nothing is allocated.
fn opens_table(line: &str, table: &str) -> bool {
    let (inner, close) = match line.strip_prefix("[[") {
        Some(inner) => (inner, "]]"),
        None => match line.strip_prefix('[') {
            Some(inner) => (inner, "]"),
            None => return false,
        },
    };
    inner
        .strip_prefix(table)
        .is_some_and(|rest| rest == close || rest.starts_with('.'))
}

fn sets_key(line: &str, key: &str) -> bool {
    let line = line.trim_start_matches(['"', '\'']);
    line.strip_prefix(key).is_some_and(|rest| {
        let rest = rest.trim_start_matches(['"', '\'']).trim_start();
        rest.starts_with('=') || rest.starts_with(':')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_keys_and_array_items_are_found_in_toml_and_yaml() {
        let toml = "title = \"A\"\n\n[layanan]\ntopik = \"x\"\nbiaya = \"murah\"\n\n[[ppid.informasi]]\njudul = \"a\"\n[[ppid.informasi]]\njudul = \"b\"\nklasifikasi = \"rahasia\"\n";
        let b = Block::new(toml, 2);
        assert_eq!(b.key(&["title"]), 2);
        assert_eq!(b.key(&["layanan"]), 4);
        assert_eq!(b.key(&["layanan", "biaya"]), 6);
        assert_eq!(b.key(&["ppid", "informasi", "1"]), 10);
        assert_eq!(b.key(&["ppid", "informasi", "1", "klasifikasi"]), 12);
        assert_eq!(b.key(&["nowhere"]), 1);
        for (line, opens) in [
            ("[layanan]", true),
            ("[[layanan]]", true),
            ("[layanan.biaya]", true),
            ("[[layanan.biaya]]", true),
            ("[layanan]]", false),
            ("[[layanan]", false),
            ("[layananx]", false),
            ("layanan", false),
        ] {
            assert_eq!(opens_table(line, "layanan"), opens, "{line}");
        }
        assert_eq!(b.text_after(9, "rahasia"), Some(12));

        let yaml = "title: A\nlayanan:\n  topik: x\n  biaya: murah\nppid:\n  informasi:\n    - judul: a\n    - judul: b\n      klasifikasi: rahasia\n";
        let b = Block::new(yaml, 2);
        assert_eq!(b.key(&["layanan", "biaya"]), 5);
        assert_eq!(b.key(&["ppid", "informasi", "1"]), 9);
        assert_eq!(b.key(&["ppid", "informasi", "1", "klasifikasi"]), 10);
    }
}
