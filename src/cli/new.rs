//! `laman new site LABEL`: the draft pages of an approved OPD site.

use clap::Subcommand;
use laman::error::Error;
use std::path::Path;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum New {
    Site {
        #[arg(value_name = "LABEL")]
        label: String,
    },
}

/// `laman new site`.
pub fn run(root: &Path, command: New) -> Result<ExitCode, Error> {
    let New::Site { label } = command;
    let written = laman::scaffold::new_site(root, &label)?;
    for path in &written {
        eprintln!("  {path}");
    }
    eprintln!(
        "{}",
        laman::msg!(
            "cli-new-site-done",
            count = written.len(),
            label = label.as_str()
        )
    );
    Ok(ExitCode::SUCCESS)
}
