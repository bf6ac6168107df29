//! The `laman` command line: one short function per command, each calling the library.
//!
//! Exit status: 0 when nothing of error severity was found, 1 when something was, 2 when
//! the command could not run (bad arguments, unreadable root, I/O failure). Findings are
//! printed once, here, as text on stderr or as one JSON document on stdout.

use clap::{Args, Parser, Subcommand, ValueEnum};
use laman::build::{self, Failure, Report};
use laman::finding::Finding;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "laman",
    version,
    about = "Builds a regency's portal and OPD sites from markdown, and keeps its subdomain registry"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the portal and every approved OPD site into --out (default: ROOT/public).
    Build(BuildArgs),
    /// Check everything build checks; write nothing.
    Check(CheckArgs),
}

#[derive(Args)]
struct Common {
    /// The regency repository (holding domains.toml and content/).
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    common: Common,
    /// Where to write the sites, one folder per domain name [default: ROOT/public].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Build only this site (a label, or `portal`); may be repeated.
    #[arg(long = "site", value_name = "LABEL")]
    sites: Vec<String>,
    /// Include pages marked draft = true.
    #[arg(long)]
    drafts: bool,
    /// Publish every site that built cleanly even when others failed.
    #[arg(long)]
    keep_going: bool,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    common: Common,
    /// Check pages marked draft = true too.
    #[arg(long)]
    drafts: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => build(args),
        Command::Check(args) => check(args),
    };
    match result {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("laman: {failure}");
            ExitCode::from(2)
        }
    }
}

/// `laman build`: render every approved site and swap the result into place.
fn build(args: BuildArgs) -> Result<ExitCode, Failure> {
    let out = args.out.unwrap_or_else(|| args.common.root.join("public"));
    let options = build::Options {
        root: args.common.root.clone(),
        out: out.clone(),
        sites: args.sites,
        drafts: args.drafts,
        keep_going: args.keep_going,
        write: true,
    };
    let report = with_progress(args.common.format, |progress| {
        build::run(&options, progress)
    })?;
    let summary = if report.published.is_empty() {
        format!("nothing published; {} is unchanged", out.display())
    } else {
        let mut s = format!(
            "published {} site(s), {} pages into {}",
            report.published.len(),
            report.pages,
            out.display()
        );
        if !report.held_back.is_empty() {
            s.push_str(&format!(
                "; kept the previous output of: {}",
                report.held_back.join(", ")
            ));
        }
        s
    };
    Ok(finish(&report, args.common.format, &summary))
}

/// `laman check`: everything `build` checks, without writing.
fn check(args: CheckArgs) -> Result<ExitCode, Failure> {
    let options = build::Options {
        root: args.common.root.clone(),
        out: PathBuf::new(),
        sites: Vec::new(),
        drafts: args.drafts,
        keep_going: false,
        write: false,
    };
    let report = with_progress(args.common.format, |progress| {
        build::run(&options, progress)
    })?;
    let summary = format!("checked {} site(s), {} pages", report.sites, report.pages);
    Ok(finish(&report, args.common.format, &summary))
}

/// Shows the stage on a terminal (never in CI or with --format json).
fn with_progress<T>(format: Format, work: impl FnOnce(&(dyn Fn(&str) + Sync)) -> T) -> T {
    let show = format == Format::Text
        && std::io::stderr().is_terminal()
        && std::env::var_os("CI").is_none();
    if !show {
        return work(&|_| {});
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    let result = work(&|stage| bar.set_message(stage.to_string()));
    bar.finish_and_clear();
    result
}

/// Prints the findings and the summary; returns 1 if any finding is an error.
fn finish(report: &Report, format: Format, summary: &str) -> ExitCode {
    match format {
        Format::Text => {
            for finding in &report.findings {
                eprintln!("{finding}\n");
            }
            eprintln!(
                "{summary} ({} error(s), {} warning(s))",
                report.errors(),
                report.warnings()
            );
        }
        Format::Json => println!("{}", json(report)),
    }
    if report.errors() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn json(report: &Report) -> serde_json::Value {
    let finding = |f: &Finding| {
        serde_json::json!({
            "code": f.code,
            "severity": f.severity,
            "message": f.message,
            "help": f.help,
            "file": f.file.as_ref().map(|p| p.to_string_lossy().replace('\\', "/")),
            "line": f.line,
            "site": f.site,
        })
    };
    serde_json::json!({
        "findings": report.findings.iter().map(finding).collect::<Vec<_>>(),
        "summary": {
            "errors": report.errors(),
            "warnings": report.warnings(),
            "sites": report.sites,
            "pages": report.pages,
            "published": report.published,
            "held_back": report.held_back,
        }
    })
}
