//! The language of the command line: chosen once, before the arguments are parsed (so
//! that `--help` and argument errors are already in it), then handed to the library
//! through [`laman::i18n::set`].
//!
//! The help texts of every command and argument come from the catalogue
//! (`help-<command path>` and `help-<command path>--<argument>`), applied to the clap
//! command at run time; clap's own errors are said again in Indonesian for the kinds
//! that carry their details, and left to clap otherwise. Nothing else is decided here.

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

fn walk(mut cmd: Command, path: &str, top: bool) -> Command {
    let key = format!("help-{path}");
    if i18n::has(Lang::En, &key) {
        cmd = cmd.about(msg!(&key)).long_about(None);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let own = format!("{key}--{id}");
        let shared = format!("help--{id}");
        let text = [own, shared].into_iter().find(|k| i18n::has(Lang::En, k));
        if let Some(text) = text {
            let help = msg!(&text);
            cmd = cmd.mut_arg(&id, |a| {
                let heading = if a.is_positional() {
                    "clap-heading-arguments"
                } else {
                    "clap-heading-options"
                };
                if i18n::lang() == Lang::En {
                    return a.help(help).long_help(None);
                }
                // clap writes "[default: ...]" and "[possible values: ...]" in English:
                // say them in the run's language instead.
                let mut help = help;
                let defaults: Vec<String> = a
                    .get_default_values()
                    .iter()
                    .map(|v| v.to_string_lossy().into_owned())
                    .collect();
                let choices: Vec<String> = a
                    .get_possible_values()
                    .iter()
                    .filter(|v| !v.is_hide_set())
                    .map(|v| v.get_name().to_string())
                    .collect();
                if !a.get_action().takes_values() {
                    return a.help(help).long_help(None).help_heading(msg!(heading));
                }
                if !choices.is_empty() {
                    help.push_str(&format!(
                        " [{}]",
                        msg!("clap-choices", values = choices.join(", "))
                    ));
                }
                if !defaults.is_empty() {
                    help.push_str(&format!(
                        " [{}]",
                        msg!("clap-default", value = defaults.join(", "))
                    ));
                }
                a.help(help)
                    .long_help(None)
                    .hide_default_value(true)
                    .hide_possible_values(true)
                    .help_heading(msg!(heading))
            });
        }
    }
    if i18n::lang() != Lang::En {
        cmd = cmd.disable_help_flag(true).arg(
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
        cmd = cmd
            .help_template(template())
            .subcommand_help_heading(msg!("clap-heading-commands"));
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
    use super::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    /// Every command and every argument has its help text in the catalogue (the same
    /// keys in both languages: the catalogue test checks that).
    #[test]
    fn every_command_and_argument_has_a_catalogue_help() {
        use clap::CommandFactory;
        fn walk(cmd: &Command, path: &str, missing: &mut Vec<String>) {
            let key = format!("help-{path}");
            if !i18n::has(Lang::En, &key) {
                missing.push(key.clone());
            }
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                let own = format!("{key}--{id}");
                if id != "help"
                    && id != "version"
                    && !i18n::has(Lang::En, &own)
                    && !i18n::has(Lang::En, &format!("help--{id}"))
                {
                    missing.push(own);
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &format!("{path}-{}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&super::super::Cli::command(), "laman", &mut missing);
        assert!(
            missing.is_empty(),
            "no help text in the catalogue: {missing:#?}"
        );
    }

    /// The Indonesian command passes clap's own checks (this process's language is set to
    /// Indonesian; no other test here depends on it).
    #[test]
    fn the_indonesian_command_is_a_valid_clap_command() {
        use clap::CommandFactory;
        i18n::set(Lang::Id);
        let cmd = localize(super::super::Cli::command());
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
