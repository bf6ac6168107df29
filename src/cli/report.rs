//! `laman report`: the Dinas's periodic report of every OPD site, as HTML (to print and
//! sign), JSON (for dashboards and the next report's `--previous`) or CSV.

use super::output::with_progress;
use super::{today, Format};
use clap::{Args, ValueEnum};
use laman::error::Error;
use laman::report::{self, model::Report};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Html,
    Json,
    Csv,
}

impl ReportFormat {
    fn extension(self) -> &'static str {
        match self {
            ReportFormat::Html => "html",
            ReportFormat::Json => "json",
            ReportFormat::Csv => "csv",
        }
    }
}

#[derive(Args)]
pub struct ReportArgs {
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    format: ReportFormat,
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[arg(long, value_name = "FILE.json")]
    previous: Option<PathBuf>,
    #[arg(long, value_name = "FILE.json")]
    dns: Option<PathBuf>,
    #[arg(long, value_name = "SCORE", value_parser = clap::value_parser!(u32).range(0..=100))]
    fail_under: Option<u32>,
}

pub fn report(root: &Path, args: ReportArgs) -> Result<ExitCode, Error> {
    let as_of = today();
    let output = args.output.unwrap_or_else(|| {
        PathBuf::from(format!("laporan-situs-{as_of}.{}", args.format.extension()))
    });
    let to_stdout = output.as_os_str() == "-";
    if !to_stdout {
        report::refuse_output(root, &output)?;
    }
    let previous = args
        .previous
        .as_deref()
        .map(report::compare::read)
        .transpose()?;
    let dns = args.dns.as_deref().map(report::read_dns).transpose()?;
    let options = report::Options {
        root: root.to_path_buf(),
        as_of,
        previous,
        dns,
    };
    let report: Report =
        with_progress(Format::Text, |progress| report::assess(&options, progress))?;
    let bytes = match args.format {
        ReportFormat::Html => report::html::html(&report)?.into_bytes(),
        ReportFormat::Json => report::json(&report),
        ReportFormat::Csv => report::table::csv(&report),
    };
    if to_stdout {
        out!("{}", String::from_utf8_lossy(&bytes));
    } else {
        laman::atomic::write(&output, &bytes).map_err(Error::io(laman::msg!(
            "cli-cannot-write",
            file = output.display().to_string()
        )))?;
    }
    if args.format == ReportFormat::Html && report.penandatangan.nama.is_none() {
        eprintln!("{}", laman::msg!("cli-report-unsigned"));
    }
    let r = &report.ringkasan;
    eprintln!(
        "{}{}",
        laman::msg!(
            "cli-report-done",
            sites = r.situs_aktif,
            date = as_of.to_string(),
            stale = r.basi,
            incomplete = r.tidak_lengkap,
            problems = r.bermasalah,
            score = r.skor_rata.to_string()
        ),
        if to_stdout {
            String::new()
        } else {
            laman::msg!("cli-report-written", file = output.display().to_string())
        }
    );
    let below: Vec<String> = args
        .fail_under
        .map(|bar| report.below(bar))
        .unwrap_or_default()
        .iter()
        .map(|s| format!("{} ({})", s.label, s.skor.as_ref().map_or(0, |k| k.total)))
        .collect();
    if below.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "{}",
            laman::msg!(
                "cli-report-below",
                bar = args.fail_under.unwrap_or_default(),
                sites = below.join(", ")
            )
        );
        Ok(ExitCode::from(1))
    }
}
