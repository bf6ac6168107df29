//! `laman import wordpress FILE --site LABEL`: an OPD's WordPress export into
//! `content/<label>/`, with the import report.

use super::output::print_findings_with;
use super::Format;
use clap::{Args, Subcommand};
use laman::error::Error;
use laman::import::wordpress;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum Import {
    Wordpress(WordpressArgs),
}

#[derive(Args)]
pub struct WordpressArgs {
    #[arg(value_name = "FILE")]
    file: PathBuf,
    #[arg(long, value_name = "LABEL")]
    site: String,
    #[arg(long, value_name = "DIR")]
    uploads: Option<PathBuf>,
    #[arg(long)]
    drafts: bool,
    #[arg(long)]
    dry_run: bool,
    #[arg(long)]
    force: bool,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// `laman import wordpress`: exit 0 when the import completed (even with items listed),
/// 1 when nothing could be imported, 2 when the input could not be read.
pub fn run(root: &std::path::Path, command: Import) -> Result<ExitCode, Error> {
    let Import::Wordpress(args) = command;
    let options = wordpress::Options {
        file: args.file,
        label: args.site,
        uploads: args.uploads,
        drafts: args.drafts,
        dry_run: args.dry_run,
        force: args.force,
    };
    let report = wordpress::import(root, &options)?;
    Ok(print_findings_with(
        &report.findings,
        args.format,
        &report.text_summary(),
        report.json_summary(),
    ))
}
