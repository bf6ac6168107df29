//! `laman init`: a new regency repository.

use super::output::print_findings;
use super::{today, Format};
use clap::Args;
use laman::error::Error;
use laman::scaffold::{self, Regency};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct InitArgs {
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    #[arg(long, value_name = "NAME")]
    name: String,
    #[arg(long, value_name = "DOMAIN")]
    domain: String,
    #[arg(long, value_name = "NAME")]
    dinas: Option<String>,
    #[arg(long, value_name = "EMAIL")]
    contact: Option<String>,
}

/// `laman init`: write the repository, after its registry passed the registry's rules.
pub fn init(args: InitArgs) -> Result<ExitCode, Error> {
    let regency = Regency {
        name: &args.name,
        domain: &args.domain,
        dinas: args.dinas.as_deref(),
        contact: args.contact.as_deref(),
    };
    let warnings = scaffold::init(&args.dir, &regency, today())?;
    let summary = laman::msg!(
        "cli-init-done",
        name = args.name.as_str(),
        dir = args.dir.display().to_string()
    );
    Ok(print_findings(&warnings, Format::Text, &summary))
}
