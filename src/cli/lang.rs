//! The language of the command line: chosen once, before the arguments are parsed (so
//! that `--help` and argument errors are already in it), then handed to the library
//! through [`laman::i18n::set`].
//!
//! The help texts of every command and argument, in English as in Indonesian, are
//! written once, in the catalogue (`locales/*/help.ftl`: `help-<command path>` and
//! `help-<command path>--<argument>`), and put on the clap command here at run time:
//! the clap structs of the commands carry no help text of their own. clap's own errors
//! are said again in Indonesian for the kinds that carry their details, and left to clap
//! otherwise. Nothing else is decided here.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};
use laman::i18n::{self, Lang};
use laman::msg;
use std::ffi::OsString;

/// `--lang` as written on the command line, read before clap parses it: the help and
/// the errors of the parse itself must already be in the chosen language.
pub fn flag(args: &[OsString]) -> Option<Lang> {
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if word == "--lang" {
            return words.next().and_then(|v| Lang::from_tag(&v));
        }
        if let Some(value) = word.strip_prefix("--lang=") {
            return Lang::from_tag(value);
        }
    }
    None
}

/// Decides the language of this run and tells the library.
pub fn decide(args: &[OsString]) -> Lang {
    let lang = i18n::choose(flag(args), |name| std::env::var(name).ok());
    i18n::set(lang);
    lang
}

/// The command with every about and help text from the catalogue, and (in Indonesian)
/// clap's headings, help and version flags in the same language.
pub fn localize(cmd: Command) -> Command {
    let mut cmd = walk(cmd, "laman", true);
    if i18n::lang() == Lang::En {
        return cmd;
    }
    // clap adds its `help` subcommand when the command is built: build it first, then
    // say what that subcommand does in the run's language too.
    cmd.build();
    help_subcommands(cmd)
}

/// Every `help` subcommand clap added, with its about in the run's language.
fn help_subcommands(mut cmd: Command) -> Command {
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subs {
        cmd = cmd.mut_subcommand(&sub, |s| {
            if sub == "help" {
                s.about(msg!("clap-help-command"))
            } else {
                help_subcommands(s)
            }
        });
    }
    cmd
}

/// clap's help layout with the usage heading in the run's language.
fn template() -> String {
    format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        msg!("clap-usage")
    )
}

/// The command at `path` (`laman-domains-approve`) and everything under it, with its
/// about and its arguments' help from the catalogue and, in Indonesian, clap's own words.
fn walk(mut cmd: Command, path: &str, top: bool) -> Command {
    let key = format!("help-{path}");
    if i18n::has(Lang::En, &key) {
        cmd = cmd.about(msg!(&key));
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        if let Some(text) = help_key(&key, &id) {
            let help = msg!(&text);
            cmd = cmd.mut_arg(&id, |a| with_help(a, help));
        }
    }
    if i18n::lang() != Lang::En {
        cmd = clap_words(cmd, top);
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subs {
        let sub_path = format!("{path}-{sub}");
        cmd = cmd.mut_subcommand(&sub, |s| walk(s, &sub_path, false));
    }
    cmd
}

/// The catalogue key of an argument's help: its command's own
/// (`help-<command path>--<argument>`), else the one every command shares
/// (`help--<argument>`).
fn help_key(command_key: &str, id: &str) -> Option<String> {
    let own = format!("{command_key}--{id}");
    let shared = format!("help--{id}");
    [own, shared].into_iter().find(|k| i18n::has(Lang::En, k))
}

/// An argument with its help; in Indonesian under an Indonesian heading, with clap's
/// "[default: ...]" and "[possible values: ...]" (which clap writes in English) said in
/// Indonesian instead.
fn with_help(arg: Arg, mut help: String) -> Arg {
    if i18n::lang() == Lang::En {
        return arg.help(help);
    }
    let heading = if arg.is_positional() {
        "clap-heading-arguments"
    } else {
        "clap-heading-options"
    };
    if !arg.get_action().takes_values() {
        return arg.help(help).help_heading(msg!(heading));
    }
    let choices: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !choices.is_empty() {
        let choices = msg!("clap-choices", values = choices.join(", "));
        help.push_str(&format!(" [{choices}]"));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() {
        let defaults = msg!("clap-default", value = defaults.join(", "));
        help.push_str(&format!(" [{defaults}]"));
    }
    arg.help(help)
        .hide_default_value(true)
        .hide_possible_values(true)
        .help_heading(msg!(heading))
}

/// A command with clap's own words in Indonesian: the help and (at the top) version
/// flags, the usage line and the headings.
fn clap_words(cmd: Command, top: bool) -> Command {
    let mut cmd = cmd.disable_help_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(msg!("clap-help-flag"))
            .help_heading(msg!("clap-heading-options")),
    );
    if top {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(msg!("clap-version-flag"))
                .help_heading(msg!("clap-heading-options")),
        );
    }
    cmd.help_template(template())
        .subcommand_help_heading(msg!("clap-heading-commands"))
}

/// Prints a parse error (or the help and version clap answers with) and ends the run:
/// in English as clap writes it, in Indonesian rewritten for the kinds whose details
/// clap gives.
pub fn fail(error: clap::Error) -> ! {
    let passthrough = matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if passthrough || i18n::lang() == Lang::En {
        error.exit();
    }
    match said_again(&error) {
        Some(text) => {
            eprintln!("{text}");
            std::process::exit(2);
        }
        None => error.exit(),
    }
}

fn said_again(error: &clap::Error) -> Option<String> {
    let text = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(s)) => Some(s.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::StyledStrs(s)) => Some(
            s.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => None,
    };
    let arg = text(ContextKind::InvalidArg);
    let value = text(ContextKind::InvalidValue);
    let mut out = match error.kind() {
        ErrorKind::UnknownArgument => msg!("clap-unknown-argument", arg = arg?),
        ErrorKind::InvalidSubcommand => {
            msg!(
                "clap-unknown-command",
                command = text(ContextKind::InvalidSubcommand)?
            )
        }
        ErrorKind::InvalidValue => match text(ContextKind::ValidValue) {
            Some(valid) => msg!(
                "clap-invalid-choice",
                arg = arg?,
                value = value?,
                valid = valid
            ),
            None => msg!("clap-missing-value", arg = arg?),
        },
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(error)
                .map(|s| s.to_string())
                .unwrap_or_default();
            msg!(
                "clap-invalid-value",
                arg = arg?,
                value = value?,
                reason = reason
            )
        }
        ErrorKind::MissingRequiredArgument => msg!("clap-missing-argument", arg = arg?),
        ErrorKind::MissingSubcommand => msg!("clap-missing-command"),
        ErrorKind::ArgumentConflict => {
            let prior = text(ContextKind::PriorArg).unwrap_or_default();
            msg!("clap-conflict", arg = arg?, other = prior)
        }
        ErrorKind::NoEquals
        | ErrorKind::TooManyValues
        | ErrorKind::WrongNumberOfValues
        | ErrorKind::TooFewValues => msg!("clap-wrong-values", arg = arg?),
        _ => return None,
    };
    let suggested = text(ContextKind::SuggestedArg)
        .or_else(|| text(ContextKind::SuggestedSubcommand))
        .or_else(|| text(ContextKind::SuggestedValue));
    if let Some(s) = suggested {
        out.push_str(&format!(
            "\n\n  {}",
            msg!("clap-did-you-mean", suggestion = s)
        ));
    }
    if let Some(usage) = text(ContextKind::Usage) {
        let usage = usage.strip_prefix("Usage:").unwrap_or(&usage).trim();
        out.push_str(&format!("\n\n{} {usage}", msg!("clap-usage")));
    }
    out.push_str(&format!("\n\n{}", msg!("clap-try-help")));
    Some(format!("{} {out}", msg!("clap-error")))
}

#[cfg(test)]
mod tests {
    use super::super::Cli;
    use super::*;
    use clap::CommandFactory;
    use std::collections::BTreeSet;

    fn args(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    /// The help keys of the command tree (`help-<command path>` for every command,
    /// `help-<command path>--<argument>` or the shared `help--<argument>` for every
    /// argument), each once.
    fn help_keys(lang: Lang) -> (Vec<String>, BTreeSet<String>) {
        fn walk(
            lang: Lang,
            cmd: &Command,
            path: &str,
            missing: &mut Vec<String>,
            used: &mut BTreeSet<String>,
        ) {
            let key = format!("help-{path}");
            if !i18n::has(lang, &key) {
                missing.push(key.clone());
            }
            used.insert(key.clone());
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                let own = format!("{key}--{id}");
                let shared = format!("help--{id}");
                if i18n::has(lang, &own) {
                    used.insert(own);
                } else if i18n::has(lang, &shared) {
                    used.insert(shared);
                } else if id != "help" && id != "version" {
                    missing.push(own);
                }
            }
            for sub in cmd.get_subcommands() {
                walk(
                    lang,
                    sub,
                    &format!("{path}-{}", sub.get_name()),
                    missing,
                    used,
                );
            }
        }
        let (mut missing, mut used) = (Vec::new(), BTreeSet::new());
        walk(lang, &Cli::command(), "laman", &mut missing, &mut used);
        (missing, used)
    }

    /// Every command, subcommand and argument has its help in both catalogues (the one
    /// source of help texts), and the catalogues hold no help text nothing shows.
    #[test]
    fn every_command_and_argument_has_its_help_in_both_catalogues_and_no_other() {
        Cli::command().debug_assert();
        for lang in Lang::ALL {
            let (missing, used) = help_keys(lang);
            assert!(
                missing.is_empty(),
                "no help text in the {} catalogue: {missing:#?}",
                lang.code()
            );
            let written: BTreeSet<String> = i18n::sources(lang)
                .into_iter()
                .flat_map(|(_, source)| source.lines())
                .filter_map(|line| line.split_once(" = ").map(|(key, _)| key.trim()))
                .filter(|key| key.starts_with("help-"))
                .map(str::to_string)
                .collect();
            let unused: Vec<&String> = written.difference(&used).collect();
            assert!(
                unused.is_empty(),
                "help texts in the {} catalogue that no command shows: {unused:#?}",
                lang.code()
            );
            assert!(used.len() > 100, "{} help keys", used.len());
        }
    }

    /// The Indonesian command passes clap's own checks (this process's language is set to
    /// Indonesian; no other test here depends on it).
    #[test]
    fn the_indonesian_command_is_a_valid_clap_command() {
        i18n::set(Lang::Id);
        let cmd = localize(Cli::command());
        cmd.clone().debug_assert();
        let help = cmd.clone().render_help().to_string();
        assert!(
            help.contains("Cara pakai:") && help.contains("Perintah:"),
            "{help}"
        );
        assert!(
            !help.contains("[default:") && help.contains("[bawaan:"),
            "{help}"
        );
        for sub in cmd.get_subcommands() {
            let mut sub = sub.clone();
            let text = sub.render_help().to_string();
            assert!(!text.contains("possible values"), "{text}");
        }
    }

    #[test]
    fn lang_flag_is_read_before_parsing_in_both_spellings() {
        assert_eq!(
            flag(&args(&["laman", "--lang", "id", "build"])),
            Some(Lang::Id)
        );
        assert_eq!(
            flag(&args(&["laman", "build", "--lang=en"])),
            Some(Lang::En)
        );
        assert_eq!(flag(&args(&["laman", "build"])), None);
        // After `--` it is an operand, not the flag.
        assert_eq!(flag(&args(&["laman", "--", "--lang", "id"])), None);
    }
}
