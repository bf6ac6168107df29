//! The `laman` command line: one small file per command, each parsing its arguments,
//! calling one library function and printing through [`output`].
//!
//! Exit status: 0 when nothing of error severity was found, 1 when something was, 2 when
//! the command could not run (bad arguments, unreadable root, I/O failure). Findings are
//! printed once, here, as text on stderr or as one JSON document on stdout. No rule of
//! the domain lives here: what a command decides is library code.

#[macro_use]
mod output;
mod build;
mod dns;
mod domains;
mod import;
mod init;
mod lang;
mod new;
mod publish;
mod report;
mod serve;
mod verify;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use laman::error::Error;
use laman::msg;
use output::print_findings;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "laman",
    version,
    about = "Builds a regency's portal and OPD sites from markdown, and keeps its subdomain registry"
)]
struct Cli {
    /// The regency repository (holding domains.toml and content/).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// The date to judge by instead of today (YYYY-MM-DD): the age of PPID information,
    /// decree dates and reviews are counted from it, so a run can be repeated exactly.
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<jiff::civil::Date>,
    /// The language of messages and help: id (Bahasa Indonesia) or en. Default: the
    /// LAMAN_LANG variable, else the locale (LC_ALL, LC_MESSAGES, LANG), else English.
    #[arg(long, global = true, value_name = "LANG", value_parser = ["id", "en"])]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the portal and every approved OPD site into --out (default: ROOT/public).
    Build(build::BuildArgs),
    /// Check everything build checks; write nothing.
    Check(build::CheckArgs),
    /// The registry of subdomains (domains.toml): check, list, edit, and generate the
    /// DNS zone and the nginx configuration.
    #[command(subcommand)]
    Domains(domains::Domains),
    /// Preview every site at http://localhost:PORT/ and http://<label>.localhost:PORT/,
    /// rebuilt and reloaded as files change (public/ is not touched).
    Serve(serve::ServeArgs),
    /// Live DNS compared with the registry.
    #[command(subcommand)]
    Dns(dns::Dns),
    /// The Dinas's periodic report: for every OPD site its freshness, completeness,
    /// findings, registry status and an explained score (HTML to print, JSON, CSV).
    Report(report::ReportArgs),
    /// Compare the live sites with what was built: every file's SHA-256 against the
    /// signed manifest, unexpected files, security headers, gambling spam.
    Verify(verify::VerifyArgs),
    /// Make an Ed25519 key pair for signing the build's manifests (--sign-key).
    Keygen(build::KeygenArgs),
    /// Put a finished build on the web server as a new release and switch `current` to
    /// it atomically; or --rollback to the release before.
    Publish(publish::PublishArgs),
    /// Write a new regency repository: domains.toml, the portal's draft pages, README
    /// and CI files.
    Init(init::InitArgs),
    /// Write the draft pages of something new in the registry.
    #[command(subcommand)]
    New(new::New),
    /// Bring an existing site's content in (a WordPress export).
    #[command(subcommand)]
    Import(import::Import),
}

/// How a command prints what it found.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Args)]
pub struct FormatArg {
    /// How to print findings and the summary.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The language first: --help and the parse's own errors are already in it.
    lang::decide(&args);
    let cli = lang::localize(Cli::command())
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches))
        .unwrap_or_else(|e| lang::fail(e));
    // Read by lang::decide before parsing; clap only checks and documents it.
    let _ = cli.lang;
    let root = cli.root;
    if let Some(date) = cli.as_of {
        AS_OF.get_or_init(|| date);
    }
    let result = match cli.command {
        Command::Build(args) => build::build(&root, args),
        Command::Check(args) => build::check(&root, args),
        Command::Domains(command) => domains::run(&root, command),
        Command::Dns(dns::Dns::Check(args)) => dns::check(&root, args),
        Command::Serve(args) => serve::serve(&root, args),
        Command::Report(args) => report::report(&root, args),
        Command::Keygen(args) => build::keygen(args),
        Command::Verify(args) => verify::verify(&root, args),
        Command::Publish(args) => publish::publish(&root, args),
        Command::Init(args) => init::init(args),
        Command::New(command) => new::run(&root, command),
        Command::Import(command) => import::run(&root, command),
    };
    match result {
        Ok(code) => code,
        Err(Error::Refused(findings)) => {
            print_findings(&findings, Format::Text, &msg!("summary-stopped"))
        }
        Err(failure) => {
            eprintln!("laman: {}", output::chain(&failure));
            ExitCode::from(2)
        }
    }
}

/// `--as-of`, set once when the command line is read.
static AS_OF: std::sync::OnceLock<jiff::civil::Date> = std::sync::OnceLock::new();

/// The date every command judges by: `--as-of`, else the date where the machine is (the
/// regency's, WIB, unless the system says otherwise). The only place laman reads the
/// clock; the library is always given the date.
fn today() -> jiff::civil::Date {
    *AS_OF.get_or_init(|| jiff::Zoned::now().date())
}

fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    text.parse()
        .map_err(|_| msg!("cli-not-a-date", text = text))
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    /// Every command and every argument says in one line what it is for.
    #[test]
    fn every_command_and_argument_has_help() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if id != "help" && id != "version" && arg.get_help().is_none() {
                    missing.push(format!("{path} {id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                let name = format!("{path} {}", sub.get_name());
                if sub.get_about().is_none() {
                    missing.push(format!("{name} (the command itself)"));
                }
                walk(sub, &name, missing);
            }
        }
        Cli::command().debug_assert();
        let mut missing = Vec::new();
        walk(&Cli::command(), "laman", &mut missing);
        assert!(missing.is_empty(), "without help: {missing:#?}");
    }
}
