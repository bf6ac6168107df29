//! The one output path of the command line: stdout through a locked handle (a reader
//! that went away ends laman quietly), findings as text on stderr or as one JSON
//! document on stdout, progress only for people, and the exit-status rule.

use super::Format;
use laman::build::Report;
use laman::error::Error;
use laman::finding::Finding;
use std::io::IsTerminal;
use std::process::ExitCode;

/// Writes to standard output through the locked handle. A reader that has gone away
/// (`laman domains list | head -1`) is no error: laman stops quietly with status 0, as
/// ripgrep does; any other failure to write ends it with status 2.
pub fn write_stdout(text: std::fmt::Arguments) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_fmt(text).and_then(|()| stdout.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!(
            "{}",
            laman::msg!("cli-write-stdout", reason = e.to_string())
        );
        std::process::exit(2);
    }
}

macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::output::write_stdout(format_args!($($arg)*)) };
}

macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::output::write_stdout(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// An error with the whole chain of its causes: what was tried, and why each step failed.
pub fn chain(failure: &Error) -> String {
    let mut message = failure.to_string();
    let mut cause = std::error::Error::source(failure);
    while let Some(inner) = cause {
        let text = inner.to_string();
        if !message.contains(&text) {
            message.push_str(&format!(": {text}"));
        }
        cause = inner.source();
    }
    message
}

/// Progress is for people: on a terminal, in text mode, never in CI.
pub fn shows_progress(format: Format) -> bool {
    format == Format::Text && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none()
}

/// Shows the stage on a terminal (never in CI or with --format json).
pub fn with_progress<T>(format: Format, work: impl FnOnce(&(dyn Fn(&str) + Sync)) -> T) -> T {
    if !shows_progress(format) {
        return work(&|_| {});
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    let result = work(&|stage| bar.set_message(stage.to_string()));
    bar.finish_and_clear();
    result
}

/// Prints the findings and the summary; returns 1 if any finding is an error.
pub fn finish(report: &Report, format: Format, summary: &str) -> ExitCode {
    match format {
        Format::Text => {
            for finding in &report.findings {
                eprintln!("{finding}\n");
            }
            let mut counts = laman::msg!(
                "summary-counts",
                errors = report.errors(),
                warnings = report.warnings()
            );
            if report.notices() > 0 {
                counts += &laman::msg!("summary-notices", notices = report.notices());
            }
            eprintln!("{summary} ({counts})");
        }
        Format::Json => outln!("{}", json(report)),
    }
    exit_status(report)
}

/// Findings alone, with a summary line.
pub fn print_findings(findings: &[Finding], format: Format, summary: &str) -> ExitCode {
    let report = Report {
        findings: findings.to_vec(),
        ..Default::default()
    };
    finish(&report, format, summary)
}

/// Findings as `format` asks: text with `summary`, or one JSON document whose summary
/// holds the error and warning counts and the command's own `counts`. 1 if any finding is
/// an error.
pub fn print_findings_with(
    findings: &[Finding],
    format: Format,
    summary: &str,
    counts: serde_json::Value,
) -> ExitCode {
    if format == Format::Text {
        return print_findings(findings, format, summary);
    }
    let errors = findings.iter().filter(|f| f.is_error()).count();
    let warnings = findings.iter().filter(|f| f.is_warning()).count();
    let notices = findings.len() - errors - warnings;
    let mut totals =
        serde_json::json!({ "errors": errors, "warnings": warnings, "notices": notices });
    if let (Some(totals), serde_json::Value::Object(counts)) = (totals.as_object_mut(), counts) {
        totals.extend(counts);
    }
    outln!(
        "{}",
        serde_json::json!({ "findings": findings, "summary": totals })
    );
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// How a command ends when it could not go on: the findings that refused it are printed
/// with `summary` (exit 1); any other error goes up (exit 2).
pub fn refused(e: Error, format: Format, summary: &str) -> Result<ExitCode, Error> {
    match e {
        Error::Refused(findings) => Ok(print_findings(&findings, format, summary)),
        e => Err(e),
    }
}

/// 1 if any finding is an error, else 0.
pub fn exit_status(report: &Report) -> ExitCode {
    if report.errors() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The JSON document of a report: `{"findings": [...], "summary": {...}}`.
pub fn json(report: &Report) -> serde_json::Value {
    let mut json = serde_json::json!({
        "findings": report.findings,
        "summary": {
            "errors": report.errors(),
            "warnings": report.warnings(),
            "notices": report.notices(),
            "sites": report.sites,
            "pages": report.pages,
            "published": report.installed,
            "held_back": report.held_back,
        }
    });
    // Only an incremental build names the sites it rendered (a cold one renders all).
    if let Some(rendered) = &report.rendered {
        json["summary"]["rendered"] = serde_json::json!(rendered);
    }
    json
}
