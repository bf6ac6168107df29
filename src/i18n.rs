//! The language laman speaks to its users: every message a person reads (findings and
//! their hints, progress, summaries, `--help`, refusals) comes from the Fluent catalogues
//! in `locales/<lang>/*.ftl`, embedded in the binary, through [`msg!`](crate::msg).
//!
//! The language is decided once, at start-up, by the command line ([`set`] with the
//! result of [`choose`]); a library stage never decides it and never reads the
//! environment. Until it is set (the library's own tests, another program using the
//! library) laman speaks English. Plural forms come from Fluent's selectors and the CLDR
//! plural rules, numbers are grouped by the bundle's formatter hook as the language
//! writes them (10,000 / 10.000). Finding codes, JSON keys and flags never pass through
//! here: they do not change with the language. This module prints nothing.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::types::FluentNumber;
use fluent_bundle::{FluentResource, FluentValue};
use include_dir::{include_dir, Dir};
use std::sync::OnceLock;

pub use fluent_bundle::FluentArgs;

/// The catalogues, one folder a language, embedded so that the binary needs no files.
static LOCALES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/locales");

/// A language laman speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English: the default, and what a developer or a CI log elsewhere reads.
    En,
    /// Bahasa Indonesia: what an OPD editor and the Dinas read.
    Id,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Id];

    /// The language's code, also the name of its folder under `locales/`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Id => "id",
        }
    }

    /// `id`/`en`, or a locale name that starts with one (`id_ID.UTF-8`, `en-GB`).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase();
        let primary = tag.split(['_', '-', '.', '@']).next().unwrap_or("");
        match primary {
            "id" | "in" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// The language a run speaks: `--lang`, else `LAMAN_LANG`, else the locale (`LC_ALL`,
/// then `LC_MESSAGES`, then `LANG`, the first one set, as POSIX reads them: Indonesian
/// when it is an Indonesian locale), else English. `env` reads a variable; passed in so
/// that the rule is tested without touching the process's environment.
pub fn choose(flag: Option<Lang>, env: impl Fn(&str) -> Option<String>) -> Lang {
    if let Some(lang) = flag {
        return lang;
    }
    let set = |name: &str| env(name).filter(|v| !v.trim().is_empty());
    if let Some(value) = set("LAMAN_LANG") {
        return Lang::from_tag(&value).unwrap_or(Lang::En);
    }
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| set(name))
        .and_then(|locale| Lang::from_tag(&locale))
        .filter(|lang| *lang == Lang::Id)
        .unwrap_or(Lang::En)
}

static CURRENT: OnceLock<Lang> = OnceLock::new();

/// Fixes the language of this run; called once by the command line before anything is
/// printed. A second call changes nothing.
pub fn set(lang: Lang) {
    let _ = CURRENT.set(lang);
}

/// The language of this run (English until [`set`]).
pub fn lang() -> Lang {
    CURRENT.get().copied().unwrap_or(Lang::En)
}

/// The message `key` in the run's language, with `args` put in its placeables. A key the
/// language lacks falls back to English, and one English lacks shows as the key itself:
/// a missing text is a bug the catalogue test catches, never a reason to stop.
pub fn text(key: &str, args: Option<&FluentArgs>) -> String {
    text_in(lang(), key, args)
}

/// [`text`] in a given language (for tests and for output that is always in one).
pub fn text_in(lang: Lang, key: &str, args: Option<&FluentArgs>) -> String {
    format(bundle(lang), key, args)
        .or_else(|| format(bundle(Lang::En), key, args))
        .unwrap_or_else(|| key.to_string())
}

/// Whether the catalogue of `lang` has `key` (for the help texts, whose keys are made
/// from the command's path).
pub fn has(lang: Lang, key: &str) -> bool {
    bundle(lang).has_message(key)
}

/// A value for a placeable: text, or a number that Fluent selects plural forms by.
pub fn arg<'a>(value: impl Into<FluentValue<'a>>) -> FluentValue<'a> {
    value.into()
}

fn format(
    bundle: &FluentBundle<FluentResource>,
    key: &str,
    args: Option<&FluentArgs>,
) -> Option<String> {
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned(),
    )
}

/// The `.ftl` files of a language, in name order.
pub fn sources(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let mut files: Vec<_> = LOCALES
        .get_dir(lang.code())
        .map(|dir| {
            dir.files()
                .filter(|f| f.path().extension().is_some_and(|e| e == "ftl"))
                .filter_map(|f| Some((f.path().to_str()?, f.contents_utf8()?)))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; 2] =
        [OnceLock::new(), OnceLock::new()];
    let slot = match lang {
        Lang::En => &BUNDLES[0],
        Lang::Id => &BUNDLES[1],
    };
    slot.get_or_init(|| load(lang))
}

/// One language's bundle. The catalogue is part of the program and tested whole, so an
/// entry that does not parse is left out rather than stopping a run.
fn load(lang: Lang) -> FluentBundle<FluentResource> {
    let id = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Isolation marks (U+2068/U+2069) around placeables would show escaped on a terminal
    // and in JSON: every text here is left-to-right.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match lang {
        Lang::En => |v, _| grouped(v, ','),
        Lang::Id => |v, _| grouped(v, '.'),
    }));
    for (_, source) in sources(lang) {
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

/// A whole number of five digits or more with the language's thousands separator
/// (`12,500` in English, `12.500` in Indonesian); other values as Fluent writes them.
fn grouped(value: &FluentValue, separator: char) -> Option<String> {
    let FluentValue::Number(FluentNumber { value, options }) = value else {
        return None;
    };
    if !options.use_grouping || value.fract() != 0.0 || value.abs() < 10_000.0 || value.abs() > 1e15
    {
        return None;
    }
    let digits = format!("{}", value.abs() as u64);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if *value < 0.0 {
        out.push('-');
    }
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(d);
    }
    Some(out)
}

/// A message in the run's language: `msg!("key")` or `msg!("key", name = value, ...)`,
/// where each value is text or a number.
#[macro_export]
macro_rules! msg {
    ($key:expr) => {
        $crate::i18n::text($key, None)
    };
    ($key:expr, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::FluentArgs::new();
        $( args.set(stringify!($name), $crate::i18n::arg($value)); )+
        $crate::i18n::text($key, Some(&args))
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn flag_then_laman_lang_then_locale_then_english() {
        assert_eq!(
            choose(Some(Lang::En), env(&[("LAMAN_LANG", "id")])),
            Lang::En
        );
        assert_eq!(
            choose(None, env(&[("LAMAN_LANG", "id"), ("LANG", "C")])),
            Lang::Id
        );
        assert_eq!(
            choose(None, env(&[("LAMAN_LANG", "en"), ("LANG", "id_ID.UTF-8")])),
            Lang::En
        );
        assert_eq!(choose(None, env(&[("LANG", "id_ID.UTF-8")])), Lang::Id);
        assert_eq!(
            choose(None, env(&[("LC_ALL", "C"), ("LANG", "id_ID.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            choose(None, env(&[("LC_MESSAGES", "id_ID"), ("LANG", "en_US")])),
            Lang::Id
        );
        assert_eq!(
            choose(None, env(&[("LC_ALL", ""), ("LANG", "id_ID")])),
            Lang::Id
        );
        assert_eq!(choose(None, env(&[("LANG", "fr_FR.UTF-8")])), Lang::En);
        assert_eq!(choose(None, env(&[("LANG", "C")])), Lang::En);
        assert_eq!(choose(None, env(&[])), Lang::En);
    }

    #[test]
    fn locale_names_are_read_by_their_language_part() {
        assert_eq!(Lang::from_tag("id_ID.UTF-8"), Some(Lang::Id));
        assert_eq!(Lang::from_tag("ID"), Some(Lang::Id));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        // "idiom" is not Indonesian, nor is Cyrillic "ru".
        assert_eq!(Lang::from_tag("idiom"), None);
        assert_eq!(Lang::from_tag("ru_RU"), None);
    }

    #[test]
    fn numbers_are_grouped_as_each_language_writes_them() {
        let n = |v: f64| FluentValue::from(v);
        assert_eq!(grouped(&n(12500.0), ','), Some("12,500".into()));
        assert_eq!(grouped(&n(1234567.0), '.'), Some("1.234.567".into()));
        assert_eq!(grouped(&n(-10000.0), '.'), Some("-10.000".into()));
        assert_eq!(grouped(&n(2026.0), '.'), None);
        assert_eq!(grouped(&n(1.5), ','), None);
    }

    #[test]
    fn plural_forms_and_numbers_come_from_the_catalogue() {
        let count = |n: usize| {
            let mut args = FluentArgs::new();
            args.set("errors", n);
            args.set("warnings", 0);
            args
        };
        assert_eq!(
            text_in(Lang::En, "summary-counts", Some(&count(1))),
            "1 error, 0 warnings"
        );
        assert_eq!(
            text_in(Lang::En, "summary-counts", Some(&count(12000))),
            "12,000 errors, 0 warnings"
        );
        assert_eq!(
            text_in(Lang::Id, "summary-counts", Some(&count(12000))),
            "12.000 kesalahan, 0 peringatan"
        );
    }

    /// The variables a pattern uses, in its text and in its selectors and variants.
    fn variables(pattern: &fluent_syntax::ast::Pattern<&str>, out: &mut Vec<String>) {
        use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
        fn inline(e: &InlineExpression<&str>, out: &mut Vec<String>) {
            match e {
                InlineExpression::VariableReference { id } => out.push(id.name.to_string()),
                InlineExpression::Placeable { expression } => expression_vars(expression, out),
                InlineExpression::FunctionReference { arguments, .. } => {
                    arguments.positional.iter().for_each(|a| inline(a, out));
                    arguments.named.iter().for_each(|a| inline(&a.value, out));
                }
                _ => {}
            }
        }
        fn expression_vars(e: &Expression<&str>, out: &mut Vec<String>) {
            match e {
                Expression::Inline(i) => inline(i, out),
                Expression::Select { selector, variants } => {
                    inline(selector, out);
                    for v in variants {
                        variables(&v.value, out);
                    }
                }
            }
        }
        for element in &pattern.elements {
            match element {
                PatternElement::TextElement { .. } => {}
                PatternElement::Placeable { expression } => expression_vars(expression, out),
            }
        }
    }

    /// Every message of a language: its key, its text as written, and its variables.
    fn catalogue(lang: Lang) -> std::collections::BTreeMap<String, (String, Vec<String>)> {
        use fluent_syntax::ast::Entry;
        let mut messages = std::collections::BTreeMap::new();
        for (file, source) in sources(lang) {
            let resource = fluent_syntax::parser::parse(source)
                .unwrap_or_else(|(_, errors)| panic!("{file} does not parse: {errors:?}"));
            for entry in resource.body {
                match entry {
                    Entry::Message(m) => {
                        let pattern = m
                            .value
                            .unwrap_or_else(|| panic!("{file}: {} has no value", m.id.name));
                        let mut vars = Vec::new();
                        variables(&pattern, &mut vars);
                        vars.sort();
                        vars.dedup();
                        let text = format!("{:?}", pattern.elements);
                        let key = m.id.name.to_string();
                        assert!(
                            messages.insert(key.clone(), (text, vars)).is_none(),
                            "{file}: {key} twice"
                        );
                    }
                    Entry::Junk { content } => panic!("{file}: cannot read {content:?}"),
                    _ => {}
                }
            }
        }
        messages
    }

    #[test]
    fn every_key_is_in_both_languages_with_the_same_placeholders() {
        let en = catalogue(Lang::En);
        let id = catalogue(Lang::Id);
        let only = |a: &std::collections::BTreeMap<String, _>,
                    b: &std::collections::BTreeMap<String, _>| {
            a.keys()
                .filter(|k| !b.contains_key(*k))
                .cloned()
                .collect::<Vec<String>>()
        };
        assert_eq!(
            only(&en, &id),
            Vec::<String>::new(),
            "keys missing in Indonesian"
        );
        assert_eq!(
            only(&id, &en),
            Vec::<String>::new(),
            "keys missing in English"
        );
        for (key, (_, vars)) in &en {
            assert_eq!(
                vars, &id[key].1,
                "{key}: the two languages use other placeholders"
            );
        }
        assert!(en.len() > 400, "the catalogue holds {} messages", en.len());
    }

    #[test]
    fn no_message_is_empty_in_either_language() {
        for lang in Lang::ALL {
            for (key, (_, vars)) in catalogue(lang) {
                let mut args = FluentArgs::new();
                for name in &vars {
                    args.set(name.as_str(), "x");
                }
                let text = text_in(lang, &key, Some(&args));
                assert!(!text.trim().is_empty(), "{key} is empty in {}", lang.code());
                assert!(
                    !text.contains("{$") && !text.contains("{ $"),
                    "{key}: {text}"
                );
            }
        }
    }

    /// Every key the code asks for (a string literal of the key's form in `src/`) is in
    /// the catalogue, and every key of the catalogue is asked for somewhere (the help
    /// texts, whose keys are made from the command's path, are checked by the CLI; the
    /// plain names of codes and kinds, made from the code, by `finding` and `report`).
    #[test]
    fn the_code_and_the_catalogue_name_the_same_keys() {
        let en = catalogue(Lang::En);
        let mut code = String::new();
        for entry in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")) {
            let entry = entry.unwrap();
            // This file names keys in its documentation and tests only.
            let here = entry.path().ends_with("i18n.rs");
            if entry.path().extension().is_some_and(|e| e == "rs") && !here {
                code.push_str(&std::fs::read_to_string(entry.path()).unwrap());
            }
        }
        let unused: Vec<&String> = en
            .keys()
            .filter(|k| {
                !["help-", "code-name-", "kind-"]
                    .iter()
                    .any(|p| k.starts_with(p))
            })
            .filter(|k| !code.contains(&format!("\"{k}\"")))
            .collect();
        assert!(unused.is_empty(), "keys no code asks for: {unused:?}");
        let mut asked = Vec::new();
        for piece in code.split("msg!(").skip(1) {
            if let Some(rest) = piece.trim_start().strip_prefix('"') {
                if let Some(end) = rest.find('"') {
                    asked.push(&rest[..end]);
                }
            }
        }
        assert!(asked.len() > 300, "found {} msg! calls", asked.len());
        let missing: Vec<&&str> = asked.iter().filter(|k| !en.contains_key(**k)).collect();
        assert!(missing.is_empty(), "keys not in the catalogue: {missing:?}");
    }

    #[test]
    fn a_missing_key_shows_itself_and_never_panics() {
        assert_eq!(text_in(Lang::Id, "no-such-key", None), "no-such-key");
    }
}
