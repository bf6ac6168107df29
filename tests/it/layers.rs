//! The layers of `src/` only look down: the imports between its top-level modules form no
//! circle, nor do those between the files of any one folder, and no module imports from
//! a floor above its own in the list of `src/lib.rs` (read from there, written once).
//!
//! It reads the source, not the compiled crate: every `crate::`, `super::`, `self::` and
//! `laman::` path outside comments and string literals, in `use` lines and inline alike
//! (`crate::msg!` counts as an import of the module that exports the macro). A folder's
//! `mod.rs` is the folder itself, not one of its files: its children may use it.

use crate::common::rust_source::{blanked, is_ident, rust_files};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One source file: its module path (`registry/validate/fields.rs` is
/// `["registry", "validate", "fields"]`; a `mod.rs` is its folder) and its text with
/// comments and literals blanked.
struct Source {
    file: String,
    module: Vec<String>,
    code: String,
}

/// Edges of one graph: from a node to the nodes it imports, with the files that do.
type Graph = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;

#[test]
fn the_top_level_modules_form_no_circle() {
    let sources = sources();
    let graph = graphs(&sources).remove("").unwrap_or_default();
    if let Some(circle) = circle(&graph) {
        panic!(
            "the top-level modules of src/ import in a circle:\n{}",
            shown(&graph, &circle)
        );
    }
}

#[test]
fn the_files_of_each_folder_form_no_circle() {
    let mut found = Vec::new();
    for (folder, graph) in graphs(&sources()) {
        if folder.is_empty() {
            continue;
        }
        if let Some(circle) = circle(&graph) {
            found.push(format!("in src/{folder}/:\n{}", shown(&graph, &circle)));
        }
    }
    assert!(
        found.is_empty(),
        "files import in a circle:\n{}",
        found.join("\n")
    );
}

/// The floors are those `src/lib.rs`'s module doc lists (the one place they are
/// written): every top-level module stands on exactly one, and none imports from a
/// floor above its own. So the ground floor and the registry (the floors below all
/// others) use nothing above them.
#[test]
fn every_module_stands_on_one_floor_and_imports_nothing_above_it() {
    let sources = sources();
    let graph = graphs(&sources).remove("").unwrap_or_default();
    let modules: BTreeSet<&str> = sources
        .iter()
        .filter_map(|s| s.module.first().map(String::as_str))
        .collect();
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let floors = floors(&lib, &modules);
    let floor_of = |m: &str| floors.iter().position(|f| f.contains(m));
    let mut found = Vec::new();
    for m in &modules {
        let on: Vec<_> = floors.iter().filter(|f| f.contains(*m)).collect();
        if on.len() != 1 {
            found.push(format!(
                "  {m} stands on {} floors of src/lib.rs's list",
                on.len()
            ));
        }
    }
    for (from, to) in &graph {
        for (module, files) in to {
            if let (Some(a), Some(b)) = (floor_of(from), floor_of(module)) {
                if b > a {
                    found.push(format!(
                        "  {from} (floor {}) -> {module} (floor {}) ({})",
                        a + 1,
                        b + 1,
                        joined(files)
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the layers of src/lib.rs do not hold:\n{}",
        found.join("\n")
    );
}

/// The numbered list of `src/lib.rs`'s module doc, as the top-level modules each item
/// quotes as code (`[`registry`]`, `` `runtime` ``, `` `src/cli/` ``).
fn floors(lib: &str, modules: &BTreeSet<&str>) -> Vec<BTreeSet<String>> {
    let mut floors: Vec<BTreeSet<String>> = Vec::new();
    for line in lib.lines().map_while(|l| l.strip_prefix("//!")) {
        let text = line.trim_start();
        let numbered = text
            .split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if numbered {
            floors.push(BTreeSet::new());
        } else if !line.starts_with("    ") {
            continue;
        }
        let Some(floor) = floors.last_mut() else {
            continue;
        };
        // Only what is quoted as code names a module; the prose around it may say
        // "registry" or "site" in passing.
        for quoted in text.split('`').skip(1).step_by(2) {
            let name = quoted.trim_start_matches("src/").trim_end_matches(['/']);
            let name = name.trim_end_matches(".rs");
            if modules.contains(name) {
                floor.insert(name.to_string());
            }
        }
    }
    floors
}

/// Every `.rs` file under `src/`.
fn sources() -> Vec<Source> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    rust_files(&src)
        .into_iter()
        .map(|path| {
            let rel = path
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&path).unwrap();
            Source {
                module: module_of(&rel),
                file: rel,
                code: blanked(&text),
            }
        })
        .collect()
}

fn module_of(rel: &str) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .trim_end_matches(".rs")
        .split('/')
        .map(String::from)
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// Every path a file names, made absolute (segments from the crate root). Inside an
/// inline `mod name { ... }`, `self` and `super` start from that module.
fn paths(source: &Source) -> Vec<Vec<String>> {
    let code: Vec<char> = source.code.chars().collect();
    let mut found = Vec::new();
    // The file's module, then one entry per inline module open at `i`, with the brace
    // depth inside it.
    let mut module = source.module.clone();
    let mut inline: Vec<usize> = Vec::new();
    let mut depth = 0;
    let mut i = 0;
    while i < code.len() {
        match code[i] {
            '{' => depth += 1,
            '}' => {
                if inline.last() == Some(&depth) {
                    inline.pop();
                    module.pop();
                }
                depth -= 1;
            }
            _ => {}
        }
        if !is_ident(code[i]) || (i > 0 && (is_ident(code[i - 1]) || code[i - 1] == ':')) {
            i += 1;
            continue;
        }
        let word = word_at(&code, i);
        i += word.chars().count();
        let root = match word.as_str() {
            "crate" | "laman" => Vec::new(),
            "super" => module[..module.len().saturating_sub(1)].to_vec(),
            "self" => module.clone(),
            "mod" => {
                let mut at = i;
                skip_space(&code, &mut at);
                let name = word_at(&code, at);
                at += name.chars().count();
                skip_space(&code, &mut at);
                if !name.is_empty() && code.get(at) == Some(&'{') {
                    module.push(name);
                    depth += 1;
                    inline.push(depth);
                    i = at + 1;
                }
                continue;
            }
            _ => continue,
        };
        if code[i..].starts_with(&[':', ':']) {
            tree(&code, &mut i, root, &mut found);
        }
    }
    found
}

fn word_at(code: &[char], at: usize) -> String {
    code[at..].iter().take_while(|&&c| is_ident(c)).collect()
}

/// Reads what follows a path's segment at `*at` (`::b::c`, `::{b, c::d}`, `::*`,
/// ` as x`), pushing every full path it names.
fn tree(code: &[char], at: &mut usize, mut path: Vec<String>, found: &mut Vec<Vec<String>>) {
    loop {
        if !code[*at..].starts_with(&[':', ':']) {
            found.push(path);
            return;
        }
        *at += 2;
        skip_space(code, at);
        if code.get(*at) == Some(&'{') {
            *at += 1;
            group(code, at, &path, found);
            return;
        }
        let word = word_at(code, *at);
        if word.is_empty() {
            found.push(path);
            return;
        }
        *at += word.chars().count();
        match word.as_str() {
            "super" => {
                path.pop();
            }
            "self" => {}
            _ => path.push(word),
        }
    }
}

/// The items of a `{...}` group, up to its closing brace.
fn group(code: &[char], at: &mut usize, path: &[String], found: &mut Vec<Vec<String>>) {
    loop {
        skip_space(code, at);
        match code.get(*at) {
            None => return,
            Some('}') => {
                *at += 1;
                return;
            }
            Some(',' | '*') => {
                found.push(path.to_vec());
                *at += 1;
            }
            Some(_) => {
                let word = word_at(code, *at);
                if word.is_empty() {
                    *at += 1;
                    continue;
                }
                *at += word.chars().count();
                let mut inner = path.to_vec();
                if word != "self" {
                    inner.push(word);
                }
                tree(code, at, inner, found);
                skip_space(code, at);
                if word_at(code, *at) == "as" {
                    *at += 2;
                    skip_space(code, at);
                    *at += word_at(code, *at).chars().count();
                }
            }
        }
    }
}

fn skip_space(code: &[char], at: &mut usize) {
    while code.get(*at).is_some_and(|c| c.is_whitespace()) {
        *at += 1;
    }
}

/// The macros a module exports at the crate's root (`#[macro_export] macro_rules! msg`
/// in `i18n.rs`): `crate::msg!` is an import of that module.
fn exported_macros(sources: &[Source]) -> BTreeMap<String, Vec<String>> {
    let mut macros = BTreeMap::new();
    for s in sources {
        for part in s.code.split("#[macro_export]").skip(1) {
            let rest = part.trim_start();
            if let Some(name) = rest.strip_prefix("macro_rules!") {
                let name = word_at(&name.trim_start().chars().collect::<Vec<_>>(), 0);
                macros.insert(name, s.module.clone());
            }
        }
    }
    macros
}

/// Per folder (`""` for `src/` itself, whose nodes are the top-level modules), the
/// graph of its files: `a -> b` when a file in `a` names a path into `b`, a sibling in
/// the same folder. Paths into the folder's own `mod.rs` are no edge.
fn graphs(sources: &[Source]) -> BTreeMap<String, Graph> {
    let modules: BTreeSet<Vec<String>> = sources.iter().map(|s| s.module.clone()).collect();
    let macros = exported_macros(sources);
    let mut graphs: BTreeMap<String, Graph> = BTreeMap::new();
    for s in sources {
        for mut path in paths(s) {
            if let Some(home) = path.first().and_then(|name| macros.get(name)) {
                path = home.clone();
            }
            let common = s
                .module
                .iter()
                .zip(&path)
                .take_while(|(a, b)| a == b)
                .count();
            let (Some(from), Some(to)) = (s.module.get(common), path.get(common)) else {
                continue;
            };
            // Only a module that exists is a node: `super::Registry` is an item of the
            // folder's `mod.rs`.
            let known = modules
                .iter()
                .any(|m| m.len() > common && m[..=common] == path[..=common]);
            if known {
                let folder = s.module[..common].join("/");
                let graph = graphs.entry(folder).or_default();
                let files = graph
                    .entry(from.clone())
                    .or_default()
                    .entry(to.clone())
                    .or_default();
                files.insert(s.file.clone());
            }
        }
    }
    graphs
}

/// A circle of the graph, if it has one: `[a, b, c]` for `a -> b -> c -> a`.
fn circle(graph: &Graph) -> Option<Vec<String>> {
    // Depth-first; a node met again while still on the path closes a circle.
    fn visit(
        node: &str,
        graph: &Graph,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            return Some(path[start..].to_vec());
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flat_map(BTreeMap::keys) {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

/// A circle as lines, `a -> b (the files that make the edge)`.
fn shown(graph: &Graph, circle: &[String]) -> String {
    let mut lines = Vec::new();
    for (i, from) in circle.iter().enumerate() {
        let to = &circle[(i + 1) % circle.len()];
        lines.push(format!("  {from} -> {to} ({})", joined(&graph[from][to])));
    }
    lines.join("\n")
}

fn joined(files: &BTreeSet<String>) -> String {
    files.iter().cloned().collect::<Vec<_>>().join(", ")
}
