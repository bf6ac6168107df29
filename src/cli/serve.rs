//! `laman serve`: the preview server; runs until stopped.

use super::today;
use clap::Args;
use laman::error::Error;
use std::path::Path;
use std::process::ExitCode;

#[derive(Args)]
pub struct ServeArgs {
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    bind: std::net::IpAddr,
    #[arg(long, default_value_t = 1111)]
    port: u16,
}

pub fn serve(root: &Path, args: ServeArgs) -> Result<ExitCode, Error> {
    if !root.join("domains.toml").is_file() {
        return Err(Error::Usage(laman::msg!(
            "cli-serve-no-registry",
            root = root.display().to_string()
        )));
    }
    let options = laman::serve::Options {
        root: std::fs::canonicalize(root)
            .map_err(|e| Error::Usage(format!("{}: {e}", root.display())))?,
        bind: args.bind,
        port: args.port,
        today: today(),
    };
    laman::serve::run(options, &|done, findings| {
        for finding in findings {
            eprintln!("{finding}\n");
        }
        eprintln!(
            "{}",
            laman::msg!(
                "summary-serve",
                sites = done.sites,
                pages = done.pages,
                ms = done.took.as_millis() as u64,
                errors = done.errors
            )
        );
    })?;
    Ok(ExitCode::SUCCESS)
}
