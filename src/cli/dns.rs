//! `laman dns check`: live DNS against the registry. A registry with errors is reported
//! and still checked as far as it can be.

use super::output::{print_findings_with, refused, shows_progress};
use super::{today, FormatArg};
use clap::{Args, Subcommand};
use laman::error::Error;
use std::path::Path;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum Dns {
    Check(DnsCheckArgs),
}

#[derive(Args)]
pub struct DnsCheckArgs {
    #[command(flatten)]
    format: FormatArg,
    #[arg(long = "nameserver", value_name = "IP[:PORT]", value_parser = laman::dns::parse_nameserver)]
    nameservers: Vec<std::net::SocketAddr>,
    #[arg(long, value_name = "MS", default_value_t = 2000, value_parser = clap::value_parser!(u64).range(1..=60_000))]
    timeout: u64,
    #[arg(long, value_name = "N", default_value_t = 16, value_parser = clap::value_parser!(u64).range(1..=256))]
    concurrency: u64,
    #[arg(long)]
    zone_transfer: bool,
}

pub fn check(root: &Path, args: DnsCheckArgs) -> Result<ExitCode, Error> {
    let format = args.format.format;
    let (reg, mut findings) = match laman::registry::checked(root, today()) {
        Ok(checked) => checked,
        Err(e) => return refused(e, format, &laman::msg!("summary-registry-unreadable-dns")),
    };
    let options = laman::dns::Options {
        nameservers: args.nameservers,
        timeout: std::time::Duration::from_millis(args.timeout),
        concurrency: args.concurrency as usize,
        zone_transfer: args.zone_transfer,
    };
    let bar = indicatif::ProgressBar::hidden();
    if shows_progress(format) {
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        bar.set_style(
            indicatif::ProgressStyle::with_template(&format!(
                "{{spinner}} DNS {{pos}}/{{len}} {} {{wide_bar}}",
                laman::msg!("progress-names")
            ))
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
    }
    let outcome = laman::dns::check(&reg, &options, &|done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })
    .map_err(Error::io(laman::msg!("cli-dns-client")))?;
    bar.finish_and_clear();
    findings.extend(outcome.findings);
    laman::finding::sort(&mut findings);
    let summary = laman::msg!(
        "summary-dns",
        names = outcome.names,
        domain = reg.regency.domain.as_str(),
        nameservers = outcome.nameservers
    );
    let counts = serde_json::json!({ "names": outcome.names, "nameservers": outcome.nameservers });
    Ok(print_findings_with(&findings, format, &summary, counts))
}
