//! Fuzzing of the registry: `domains.toml` with one hostile change (and the zone and
//! nginx configuration written from what it accepts), and the label and host grammars.

use super::content::SITE_TOML;
use super::{grammar, run, splice, toml_string};
use proptest::prelude::*;
use std::path::Path;

const LABEL: &[&str] = &[
    "dinkes",
    "-",
    "--",
    "xn--",
    ".",
    "a",
    "1",
    "_",
    "www",
    "ns1",
    "mail",
    "portal",
    "*",
    "@",
    "ppid",
    "co",
    "xn--80ak6aa92e",
    "sukamajukab.go.id",
    "\u{0131}",
    "ß",
    "ǅ",
    "K",
];

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 5, 1)
}

/// The repository's own registry: a realistic base to change one thing in.
pub(super) const REGISTRY: &str = include_str!("../../domains.toml");

/// Every quoted value of [`REGISTRY`], in order (to replace the `n`th).
fn replace_nth_value(text: &str, n: usize, new: &str) -> String {
    let spans: Vec<(usize, usize)> = text
        .match_indices(" = \"")
        .filter_map(|(i, m)| {
            let from = i + m.len() - 1;
            text[from + 1..].find('"').map(|e| (from, from + 1 + e + 1))
        })
        .collect();
    match spans.get(n % spans.len().max(1)) {
        Some(&(from, to)) => format!("{}{new}{}", &text[..from], &text[to..]),
        None => text.to_string(),
    }
}

/// Parses a registry text; what parses is validated, and what has no error is written
/// into a zone and an nginx configuration.
pub(super) fn registry_through(text: &str) {
    use crate::hosting::{nginx, zone};
    use crate::registry::Registry;
    let Ok(reg) = Registry::parse(text, Path::new("domains.toml")) else {
        return;
    };
    let findings = crate::registry::validate::validate(&reg, today(), &|_| true);
    if findings.iter().any(|f| f.is_error()) {
        return;
    }
    let _ = zone::zone(&reg, zone::derived_serial(&reg));
    let empty = std::collections::BTreeMap::new();
    let aliases = std::collections::BTreeMap::new();
    let options = nginx::Options {
        webroot: Path::new("/srv/laman"),
        cert: Path::new("/etc/ssl/a.pem"),
        key: Path::new("/etc/ssl/a.key"),
        http: nginx::Listen::Port(80),
        https: nginx::Listen::Port(443),
        frame_hosts: &empty,
        aliases: &aliases,
        crest: Some(b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
    };
    let _ = nginx::config(&reg, &options);
}

#[test]
fn domains_toml_with_one_hostile_change() {
    let strategy =
        prop_oneof![
            // One value replaced by any (well-quoted) text: the validator's work.
            (any::<usize>(), grammar(LABEL, 6)).prop_map(|(n, v)| replace_nth_value(
                REGISTRY,
                n,
                &toml_string(&v)
            )),
            // Anything spliced in somewhere, or the file cut there: the parser's work.
            (any::<f64>(), grammar(SITE_TOML, 6), any::<bool>())
                .prop_map(|(at, piece, cut)| splice(REGISTRY, at.abs().fract(), &piece, cut)),
            grammar(SITE_TOML, 40),
        ];
    run("domains.toml", strategy, |text| registry_through(&text));
}

#[test]
fn label_and_host_grammars() {
    use crate::registry::grammar;
    use crate::registry::hostname::{hostname_problem, label_problem, normalize_host};
    run("label", grammar(LABEL, 8), |text| {
        let _ = label_problem(&text, "sukamajukab.go.id");
        let _ = hostname_problem(&text);
        let _ = normalize_host(&text);
        let _ = grammar::text_problem(&text, 80);
        let _ = grammar::decree_problem(&text);
        let _ = grammar::email_problem(&text);
        let _ = grammar::host_problem(&text);
        let _ = crate::text::printable(&text);
        let _ = crate::content::slugify(&text);
    });
}
