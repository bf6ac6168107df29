//! `laman verify`: the live sites against the build's manifests.

use super::output::{print_findings_with, refused, shows_progress};
use super::{today, FormatArg};
use clap::Args;
use laman::error::Error;
use laman::integrity::spam::SpamGuard;
use laman::integrity::verify::{self, Expected, Reach};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    format: FormatArg,
    #[arg(long = "site", value_name = "LABEL")]
    sites: Vec<String>,
    #[arg(long, value_name = "FILE", conflicts_with = "out")]
    manifest: Option<PathBuf>,
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    // curl's own order, HOST:PORT:ADDR, is read too (the help names only one).
    #[arg(long, value_name = "HOST:ADDR[:PORT]", value_parser = verify::parse_resolve)]
    resolve: Vec<(String, std::net::SocketAddr)>,
    #[arg(long, value_name = "FILE")]
    ca: Vec<PathBuf>,
    #[arg(long)]
    insecure_localhost: bool,
    #[arg(long)]
    allow_unsigned: bool,
    #[arg(long, value_name = "N", default_value_t = 16, value_parser = clap::value_parser!(u64).range(1..=256))]
    concurrency: u64,
    #[arg(long, value_name = "MS", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..=600_000))]
    timeout: u64,
}

/// The most a --ca file may weigh.
const MAX_CA_FILE: u64 = 1024 * 1024;

/// `laman verify`: fetch every site's files and compare them with the manifest.
pub fn verify(root: &Path, args: VerifyArgs) -> Result<ExitCode, Error> {
    let format = args.format.format;
    let registry = match laman::registry::checked(root, today()) {
        Ok((registry, findings)) if !findings.iter().any(|f| f.is_error()) => registry,
        Ok((_, findings)) => return Err(Error::Refused(findings)),
        Err(e) => {
            return refused(
                e,
                format,
                &laman::msg!("summary-registry-unreadable-verify"),
            )
        }
    };
    let mut ca_pem = Vec::new();
    for file in &args.ca {
        let too_big = std::fs::metadata(file).is_ok_and(|m| m.len() > MAX_CA_FILE);
        if too_big {
            return Err(Error::Usage(laman::msg!(
                "cli-ca-too-big",
                file = file.display().to_string()
            )));
        }
        ca_pem.push(std::fs::read(file).map_err(Error::io(laman::msg!(
            "cli-ca-unreadable",
            file = file.display().to_string()
        )))?);
    }
    let options = verify::Options {
        sites: args.sites,
        expected: match (args.manifest, args.out) {
            (Some(file), _) => Expected::Manifest(file),
            (None, Some(dir)) => Expected::Out(dir),
            (None, None) => Expected::Deployed,
        },
        reach: Reach {
            resolve: args.resolve,
            ca_pem,
            insecure: args.insecure_localhost,
            timeout: std::time::Duration::from_millis(args.timeout),
        },
        concurrency: args.concurrency as usize,
        allow_unsigned: args.allow_unsigned,
    };
    let guard = SpamGuard::of(&registry);
    let spam = |page: &str| verify::spam_found(&guard, page);
    let bar = indicatif::ProgressBar::hidden();
    if shows_progress(format) {
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        bar.set_style(
            indicatif::ProgressStyle::with_template(&format!(
                "{{spinner}} {} {{pos}}/{{len}} {{wide_bar}} {{elapsed}}",
                laman::msg!("progress-verify")
            ))
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
    }
    let report = verify::verify(&registry, &options, &spam, &|done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    });
    bar.finish_and_clear();
    let report = report?;
    let summary = laman::msg!(
        "summary-verify",
        sites = report.sites,
        domain = registry.regency.domain.as_str(),
        files = report.files
    );
    let counts = serde_json::json!({ "sites": report.sites, "files": report.files });
    Ok(print_findings_with(
        &report.findings,
        format,
        &summary,
        counts,
    ))
}
