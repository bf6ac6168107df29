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
    /// Import a WordPress export (Tools → Export, a WXR file) into content/LABEL/:
    /// posts into the news section, pages as their tree, uploads beside them, old
    /// addresses as aliases; suspected gambling spam is listed, never imported.
    Wordpress(WordpressArgs),
}

#[derive(Args)]
pub struct WordpressArgs {
    /// The WXR file WordPress exported.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The site's label in domains.toml (requested or approved, of kind site; or portal).
    #[arg(long, value_name = "LABEL")]
    site: String,
    /// A copy of the old site's wp-content/uploads folder; referenced files are copied
    /// beside their pages (nothing is fetched from the internet).
    #[arg(long, value_name = "DIR")]
    uploads: Option<PathBuf>,
    /// Also import drafts, pending and scheduled posts, as draft = true.
    #[arg(long)]
    drafts: bool,
    /// Read, convert and report everything; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Import into an existing content/LABEL/: rewrites what an earlier import wrote,
    /// never deletes or overwrites any other file.
    #[arg(long)]
    force: bool,
    /// How to print the report.
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
