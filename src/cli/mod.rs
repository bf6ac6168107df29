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
#[command(name = "laman", version)]
struct Cli {
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<jiff::civil::Date>,
    #[arg(long, global = true, value_name = "LANG", value_parser = ["id", "en"])]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Build(build::BuildArgs),
    Check(build::CheckArgs),
    #[command(subcommand)]
    Domains(domains::Domains),
    Serve(serve::ServeArgs),
    #[command(subcommand)]
    Dns(dns::Dns),
    Report(report::ReportArgs),
    Verify(verify::VerifyArgs),
    Keygen(build::KeygenArgs),
    Publish(publish::PublishArgs),
    Init(init::InitArgs),
    #[command(subcommand)]
    New(new::New),
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
