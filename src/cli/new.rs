//! `laman new site LABEL`: the draft pages of an OPD site (or the portal); with
//! `--missing`, only those an existing site lacks (and, for the portal, the guides).

use clap::Subcommand;
use laman::error::Error;
use std::path::Path;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum New {
    Site {
        #[arg(value_name = "LABEL")]
        label: String,
        #[arg(long)]
        missing: bool,
    },
}

/// `laman new site`: what was written, and with `--missing` what was kept as it was.
pub fn run(root: &Path, command: New) -> Result<ExitCode, Error> {
    let New::Site { label, missing } = command;
    let written = laman::scaffold::new_site(root, &label, missing)?;
    let label = label.as_str();
    if !missing {
        for path in &written.added {
            eprintln!("  {path}");
        }
        let count = written.added.len();
        eprintln!(
            "{}",
            laman::msg!("cli-new-site-done", count = count, label = label)
        );
        return Ok(ExitCode::SUCCESS);
    }
    for path in &written.added {
        eprintln!(
            "  {}",
            laman::msg!("cli-new-site-added", path = path.as_str())
        );
    }
    for path in &written.guides_added {
        eprintln!(
            "  {}",
            laman::msg!("cli-new-site-guide-added", path = path.as_str())
        );
    }
    for path in written.kept.iter().chain(&written.guides_kept) {
        eprintln!(
            "  {}",
            laman::msg!("cli-new-site-kept", path = path.as_str())
        );
    }
    let (added, kept) = (written.added.len(), written.kept.len());
    eprintln!(
        "{}",
        laman::msg!(
            "cli-new-site-missing-done",
            added = added,
            kept = kept,
            label = label
        )
    );
    if !written.guides_added.is_empty() {
        let count = written.guides_added.len();
        eprintln!("{}", laman::msg!("cli-new-site-guides-done", count = count));
    }
    Ok(ExitCode::SUCCESS)
}
