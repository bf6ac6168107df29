//! `laman build` and `laman check`.

use super::output::{finish, with_progress};
use super::{today, FormatArg};
use clap::Args;
use laman::build::{self, Mode};
use laman::error::Error;
use laman::msg;
use laman::sign::Signer;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct BuildArgs {
    #[command(flatten)]
    format: FormatArg,
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    #[arg(long = "site", value_name = "LABEL")]
    sites: Vec<String>,
    #[arg(long)]
    drafts: bool,
    #[arg(long)]
    keep_going: bool,
    #[arg(long, value_name = "FILE")]
    sign_key: Option<PathBuf>,
    #[arg(long)]
    no_cache: bool,
}

#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    format: FormatArg,
    #[arg(long)]
    drafts: bool,
}

/// `laman build`: render every approved site and swap the result into place.
pub fn build(root: &Path, args: BuildArgs) -> Result<ExitCode, Error> {
    let format = args.format.format;
    let out = args.out.unwrap_or_else(|| root.join("public"));
    let signer = match &args.sign_key {
        Some(path) => Some(std::sync::Arc::new(
            Signer::from_file(path)
                .map_err(|e| Error::Usage(msg!("cli-sign-key", reason = e.to_string())))?,
        )),
        None => None,
    };
    let options = build::Options {
        root: root.to_path_buf(),
        mode: Mode::Build {
            out: out.clone(),
            keep_going: args.keep_going,
            signer,
            no_cache: args.no_cache,
        },
        sites: args.sites,
        drafts: args.drafts,
        today: today(),
    };
    let report = with_progress(format, |progress| build::run(&options, progress))?;
    let shown = out.display().to_string();
    let summary = if report.unchanged {
        msg!(
            "summary-build-unchanged",
            sites = report.installed.len(),
            pages = report.pages,
            out = shown
        )
    } else if report.installed.is_empty() {
        msg!("summary-build-nothing", out = shown)
    } else {
        let mut s = msg!(
            "summary-build-published",
            sites = report.installed.len(),
            pages = report.pages,
            out = shown
        );
        if !report.held_back.is_empty() {
            s.push_str(&msg!(
                "summary-build-held-back",
                sites = report.held_back.join(", ")
            ));
        }
        s
    };
    Ok(finish(&report, format, &summary))
}

/// `laman check`: everything `build` checks, without writing.
pub fn check(root: &Path, args: CheckArgs) -> Result<ExitCode, Error> {
    let format = args.format.format;
    let options = build::Options {
        root: root.to_path_buf(),
        mode: Mode::Check,
        sites: Vec::new(),
        drafts: args.drafts,
        today: today(),
    };
    let report = with_progress(format, |progress| build::run(&options, progress))?;
    let summary = msg!("summary-check", sites = report.sites, pages = report.pages);
    Ok(finish(&report, format, &summary))
}

#[derive(Args)]
pub struct KeygenArgs {
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

/// `laman keygen`: a new Ed25519 key pair for signing the manifests.
pub fn keygen(args: KeygenArgs) -> Result<ExitCode, Error> {
    let signer = Signer::generate()
        .map_err(|e| Error::Usage(msg!("cli-no-random", reason = e.to_string())))?;
    signer
        .write_pair(&args.file)
        .map_err(|e| Error::Usage(e.to_string()))?;
    let public = signer.public_key();
    let shown = args.file.display().to_string();
    println!("{public}");
    eprintln!(
        "{}",
        msg!("cli-keygen-done", file = shown, public = public.to_string())
    );
    Ok(ExitCode::SUCCESS)
}
