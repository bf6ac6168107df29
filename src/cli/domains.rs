//! `laman domains ...`: the Dinas's registry work: check, list, the workflow edits, and
//! the zone and nginx configuration made from the registry.

use super::output::{exit_status, print_findings, refused};
use super::{today, Format, FormatArg};
use clap::{Args, Subcommand, ValueEnum};
use laman::build::Report;
use laman::error::Error;
use laman::finding::Printable;
use laman::hosting::{self, NginxRequest};
use laman::msg;
use laman::registry::edit::Action;
use laman::registry::{Kind, Status};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum Domains {
    Check(FormatArg),
    List {
        #[command(flatten)]
        format: FormatArg,
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
    },
    Request(RequestArgs),
    Approve(ApproveArgs),
    Suspend(SuspendArgs),
    Revoke(RevokeArgs),
    Reject(ReasonArgs),
    Zone {
        #[arg(long)]
        serial: Option<u32>,
    },
    Nginx(NginxArgs),
}

#[derive(Args)]
pub struct RequestArgs {
    label: String,
    #[arg(long)]
    owner: String,
    #[arg(long)]
    contact: String,
    #[arg(long, value_enum, default_value_t = KindArg::Site)]
    kind: KindArg,
    #[arg(long)]
    purpose: Option<String>,
    #[arg(long)]
    date: Option<String>,
}

#[derive(Args)]
pub struct ApproveArgs {
    label: String,
    #[arg(long)]
    decree: String,
    #[arg(long)]
    date: String,
    #[arg(long = "a", value_name = "IPV4")]
    a: Vec<String>,
    #[arg(long = "aaaa", value_name = "IPV6")]
    aaaa: Vec<String>,
    #[arg(long, value_name = "HOST")]
    cname: Option<String>,
    #[arg(long, value_name = "DATE")]
    review: Option<String>,
}

#[derive(Args)]
pub struct SuspendArgs {
    label: String,
    #[arg(long)]
    reason: String,
    #[arg(long, requires = "date")]
    decree: Option<String>,
    #[arg(long)]
    date: Option<String>,
}

#[derive(Args)]
pub struct ReasonArgs {
    label: String,
    #[arg(long)]
    reason: String,
}

#[derive(Args)]
pub struct RevokeArgs {
    label: String,
    #[arg(long)]
    decree: String,
    #[arg(long)]
    date: String,
    #[arg(long)]
    reason: String,
}

#[derive(Args)]
pub struct NginxArgs {
    #[arg(long, value_name = "DIR")]
    webroot: PathBuf,
    #[arg(long, value_name = "FILE")]
    cert: Option<PathBuf>,
    #[arg(long, value_name = "FILE")]
    key: Option<PathBuf>,
    #[arg(long, default_value = "80")]
    http: String,
    #[arg(long, default_value = "443")]
    https: String,
}

/// A status as the registry writes it, or as `domains list` shows it in Indonesian
/// (`--status ditangguhkan`): the Dinas types the word it reads.
#[derive(Clone, Copy, ValueEnum)]
pub enum StatusArg {
    #[value(alias = "diajukan")]
    Requested,
    #[value(alias = "disetujui")]
    Approved,
    #[value(alias = "ditangguhkan")]
    Suspended,
    #[value(alias = "dicabut")]
    Revoked,
    #[value(alias = "ditolak")]
    Rejected,
}

/// A kind as the registry writes it, or as the report shows it in Indonesian.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    #[value(alias = "situs")]
    Site,
    #[value(alias = "layanan")]
    Service,
    #[value(alias = "aplikasi")]
    App,
}

impl From<KindArg> for Kind {
    fn from(kind: KindArg) -> Kind {
        match kind {
            KindArg::Site => Kind::Site,
            KindArg::Service => Kind::Service,
            KindArg::App => Kind::App,
        }
    }
}

impl From<StatusArg> for Status {
    fn from(status: StatusArg) -> Status {
        match status {
            StatusArg::Requested => Status::Requested,
            StatusArg::Approved => Status::Approved,
            StatusArg::Suspended => Status::Suspended,
            StatusArg::Revoked => Status::Revoked,
            StatusArg::Rejected => Status::Rejected,
        }
    }
}

pub fn run(root: &Path, command: Domains) -> Result<ExitCode, Error> {
    let action = match command {
        Domains::Check(format) => return check(root, format.format),
        Domains::List { format, status } => return list(root, format.format, status),
        Domains::Zone { serial } => return zone(root, serial),
        Domains::Nginx(args) => return nginx(root, args),
        Domains::Request(a) => Action::Request {
            label: a.label,
            owner: a.owner,
            contact: a.contact,
            kind: a.kind.into(),
            purpose: a.purpose,
            date: a.date,
        },
        Domains::Approve(a) => Action::Approve {
            label: a.label,
            decree: a.decree,
            date: a.date,
            a: a.a,
            aaaa: a.aaaa,
            cname: a.cname,
            review: a.review,
        },
        Domains::Suspend(a) => Action::Suspend {
            label: a.label,
            reason: a.reason,
            decree: a.decree,
            date: a.date,
        },
        Domains::Revoke(a) => Action::Revoke {
            label: a.label,
            decree: a.decree,
            date: a.date,
            reason: a.reason,
        },
        Domains::Reject(a) => Action::Reject {
            label: a.label,
            reason: a.reason,
        },
    };
    edit(root, &action)
}

/// `laman domains check`: every rule of the registry, with lines.
fn check(root: &Path, format: Format) -> Result<ExitCode, Error> {
    let (reg, mut findings) = match laman::registry::checked(root, today()) {
        Ok(checked) => checked,
        Err(e) => return refused(e, format, &msg!("summary-registry-unreadable")),
    };
    // What the apex lacks is this command's to say: a build does not need mail.
    findings.extend(laman::registry::validate::apex(&reg));
    laman::finding::sort(&mut findings);
    let allowed = reg.custom_code_sites();
    if format == Format::Json {
        let report = Report {
            findings,
            ..Default::default()
        };
        let mut by_status = serde_json::Map::new();
        for s in &reg.subdomains {
            let n = by_status.entry(s.status.as_str()).or_insert(0.into());
            *n = (n.as_u64().unwrap_or(0) + 1).into();
        }
        let doc = serde_json::json!({
            "findings": report.findings,
            "summary": {
                "errors": report.errors(),
                "warnings": report.warnings(),
                "subdomains": reg.subdomains.len(),
                "by_status": by_status,
            },
            "custom_code": allowed,
        });
        outln!("{doc}");
        return Ok(exit_status(&report));
    }
    if !allowed.is_empty() {
        eprintln!(
            "{}\n",
            msg!("domains-custom-code-note", sites = allowed.join(", "))
        );
    }
    let summary = msg!(
        "summary-domains-check",
        count = reg.subdomains.len(),
        domain = reg.regency.domain.as_str()
    );
    Ok(print_findings(&findings, format, &summary))
}

/// `laman domains list`: one line per subdomain, or JSON.
fn list(root: &Path, format: Format, status: Option<StatusArg>) -> Result<ExitCode, Error> {
    let reg = match laman::registry::Registry::load(root) {
        Ok(r) => r,
        Err(e) => return refused(e, format, &msg!("summary-registry-unreadable")),
    };
    let wanted = status.map(Status::from);
    let subs: Vec<_> = reg
        .subdomains
        .iter()
        .filter(|s| wanted.is_none_or(|w| s.status == w))
        .collect();
    if format == Format::Json {
        outln!(
            "{}",
            serde_json::json!({ "domain": reg.regency.domain, "subdomains": subs })
        );
        return Ok(ExitCode::SUCCESS);
    }
    if subs.is_empty() {
        // Nothing on stdout (a script reads no line), the reason on stderr.
        match wanted {
            _ if reg.subdomains.is_empty() => eprintln!("{}", msg!("domains-list-empty")),
            Some(w) => eprintln!("{}", msg!("domains-list-none", status = w.word())),
            None => {}
        }
        return Ok(ExitCode::SUCCESS);
    }
    let width = subs
        .iter()
        .map(|s| reg.fqdn(&s.label).len())
        .max()
        .unwrap_or(0);
    let words: Vec<String> = subs.iter().map(|s| s.status.word()).collect();
    let status_width = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
    for (s, word) in subs.iter().zip(&words) {
        let code = if s.custom_code { "  custom-code" } else { "" };
        // Fields come from a file anyone may have edited: never raw to a terminal.
        outln!(
            "{:<width$}  {:<status_width$}  {:<7}  {}  [{}]{code}",
            Printable::line(&reg.fqdn(&s.label)).to_string(),
            word,
            s.kind.as_str(),
            Printable::line(&s.owner),
            Printable::line(&decrees(s))
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The decrees an entry's line shows: the approval's, then, for a revoked or suspended
/// entry, the decree of that step when it had one.
fn decrees(s: &laman::registry::Subdomain) -> String {
    let approval = s
        .decree
        .as_ref()
        .map(|d| format!("{} ({})", d.number, d.date));
    let step = matches!(s.status, Status::Revoked | Status::Suspended)
        .then(|| s.history.iter().rev().find(|h| h.action == s.status))
        .flatten()
        .and_then(|h| {
            h.decree
                .as_ref()
                .map(|n| format!("{}: {n} ({})", s.status.word(), h.date))
        });
    let all: Vec<String> = approval.into_iter().chain(step).collect();
    if all.is_empty() {
        "-".to_string()
    } else {
        all.join("; ")
    }
}

/// `laman domains request|approve|suspend|revoke|reject`.
fn edit(root: &Path, action: &Action) -> Result<ExitCode, Error> {
    if !root.is_dir() {
        return Err(Error::Usage(msg!(
            "domains-root-not-folder",
            root = root.display().to_string()
        )));
    }
    let has_content = |label: &str| root.join("content").join(label).is_dir();
    match laman::registry::edit::apply(root, action, today(), &has_content) {
        Ok(applied) => {
            for w in &applied.warnings {
                eprintln!("{w}\n");
            }
            eprintln!("domains.toml: {}", applied.summary);
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => refused(e, Format::Text, &msg!("domains-unchanged")),
    }
}

/// `laman domains zone`: the zone file on stdout, refused while the registry has errors.
fn zone(root: &Path, serial: Option<u32>) -> Result<ExitCode, Error> {
    match hosting::zone_file(root, today(), serial) {
        Ok(zone) => {
            out!("{zone}");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => refused(e, Format::Text, &msg!("domains-no-zone")),
    }
}

/// `laman domains nginx`: server blocks on stdout, refused while the registry has errors.
fn nginx(root: &Path, args: NginxArgs) -> Result<ExitCode, Error> {
    let request = NginxRequest::parse(args.webroot, args.cert, args.key, &args.http, &args.https)?;
    match hosting::nginx_config(root, today(), &request) {
        Ok(config) => {
            out!("{config}");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => refused(e, Format::Text, &msg!("domains-no-nginx")),
    }
}
