//! The old addresses of a site's pages (front matter `aliases`) as nginx answers them:
//! a `301` to the page, for a plain path at a `location`, for a query (`/?p=123`)
//! through a `map` at the `http` level.

use super::{map_source, quoted};
use crate::content::alias::SiteAlias;
use crate::text::printable;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Why an alias cannot be written as a location and a redirect: the content's checks
/// ([`crate::content::alias`]) refuse these first; this is the writer's own guard.
pub(super) fn alias_problem(a: &SiteAlias) -> Option<String> {
    let path_ok = a.alias.path.starts_with('/')
        && a.alias
            .path
            .chars()
            .all(|c| c == '/' || c.is_alphanumeric() || "-._~!*()+,=@&:".contains(c));
    let query_ok = a.alias.query.as_ref().is_none_or(|(name, value)| {
        crate::content::alias::QUERY_NAMES.contains(&name.as_str())
            && value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    });
    let target_ok = a.target.starts_with('/')
        && a.target
            .chars()
            .all(|c| c == '/' || c == '-' || c.is_ascii_alphanumeric());
    (!(path_ok && query_ok && target_ok)).then(|| {
        crate::msg!(
            "nginx-alias-problem",
            alias = printable(&a.alias.address()),
            file = a.file.display().to_string()
        )
    })
}

/// Per query name, the values and the paths they lead to.
type QueryTargets<'a> = BTreeMap<&'a str, Vec<(&'a str, &'a str)>>;

/// The `map` blocks of one site's query aliases (`/?p=123`), at the `http` level where
/// nginx wants them: for each path and query name, `$arg_<name>` to the page's path.
/// Returns, per path, the variables to test there. `n` numbers the site, so that every
/// variable's name is unique (and made of nothing the registry or content chose).
pub(super) fn alias_maps(
    c: &mut String,
    n: usize,
    aliases: &[SiteAlias],
) -> BTreeMap<String, Vec<String>> {
    let plain: std::collections::BTreeSet<&str> = aliases
        .iter()
        .filter(|a| a.alias.query.is_none())
        .map(|a| a.alias.path.as_str())
        .collect();
    // Per path (that no plain alias takes whole), per query name: value -> target.
    let mut by_path: BTreeMap<&str, QueryTargets> = BTreeMap::new();
    for a in aliases {
        if let Some((name, value)) = &a.alias.query {
            if !plain.contains(a.alias.path.as_str())
                && a.alias.path.strip_prefix('/') != Some(crate::generated::NOT_FOUND)
            {
                by_path
                    .entry(&a.alias.path)
                    .or_default()
                    .entry(name)
                    .or_default()
                    .push((value, &a.target));
            }
        }
    }
    let mut tests = BTreeMap::new();
    for (p, (path, names)) in by_path.into_iter().enumerate() {
        for (name, values) in names {
            let var = format!("$laman_alias_{n}_{p}_{name}");
            let _ = writeln!(c, "map $arg_{name} {var} {{\n    default \"\";");
            // nginx matches a map's source values without regard to case, and refuses
            // two that differ only in case: the first keeps it (the content's checks
            // report the second as a collision).
            let mut seen = std::collections::BTreeSet::new();
            for (value, target) in values {
                if seen.insert(value.to_ascii_lowercase()) {
                    let _ = writeln!(c, "    {} {};", map_source(value), quoted(target));
                }
            }
            let _ = writeln!(c, "}}");
            tests
                .entry(path.to_string())
                .or_insert_with(Vec::new)
                .push(var);
        }
    }
    if !tests.is_empty() {
        c.push('\n');
    }
    tests
}

/// The locations of one site's aliases: each plain path answers `301` to its page; a
/// path with query aliases tests its variables, then serves what is there.
pub(super) fn alias_locations(
    name: &str,
    aliases: &[SiteAlias],
    tests: &BTreeMap<String, Vec<String>>,
) -> String {
    let mut c = String::new();
    for a in aliases.iter().filter(|a| {
        a.alias.query.is_none()
            && a.alias.path.strip_prefix('/') != Some(crate::generated::NOT_FOUND)
    }) {
        let _ = writeln!(
            c,
            "    location = {} {{\n        return 301 https://{name}{};\n    }}",
            quoted(&a.alias.path),
            a.target
        );
    }
    for (path, vars) in tests {
        let _ = writeln!(c, "    location = {} {{", quoted(path));
        for var in vars {
            let _ = writeln!(
                c,
                "        if ({var}) {{\n            return 301 https://{name}{var};\n        }}"
            );
        }
        let _ = writeln!(c, "        try_files $uri $uri/ =404;\n    }}");
    }
    c
}
