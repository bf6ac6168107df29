//! The `laman` command line: one short function per command, each calling the library.
//!
//! Exit status: 0 when nothing of error severity was found, 1 when something was, 2 when
//! the command could not run (bad arguments, unreadable root, I/O failure). Findings are
//! printed once, here, as text on stderr or as one JSON document on stdout.

use clap::{Args, Parser, Subcommand, ValueEnum};
use laman::build::{self, Mode, Report};
use laman::error::Error;
use laman::finding::Finding;
use laman::registry::validate;
use laman::registry::{Kind, Registry, Status};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Rendering thousands of pages on all cores allocates heavily; glibc's allocator spent a
/// third of a build's time in malloc and free (perf), mimalloc far less.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "laman",
    version,
    about = "Builds a regency's portal and OPD sites from markdown, and keeps its subdomain registry"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the portal and every approved OPD site into --out (default: ROOT/public).
    Build(BuildArgs),
    /// Check everything build checks; write nothing.
    Check(CheckArgs),
    /// The registry of subdomains (domains.toml): check, list, edit, and generate the
    /// DNS zone and the nginx configuration.
    #[command(subcommand)]
    Domains(Domains),
    /// Preview every site at http://localhost:PORT/ and http://<label>.localhost:PORT/,
    /// rebuilt and reloaded as files change (public/ is not touched).
    Serve(ServeArgs),
    /// Live DNS compared with the registry.
    #[command(subcommand)]
    Dns(Dns),
}

#[derive(Args)]
struct ServeArgs {
    /// The regency repository (holding domains.toml and content/).
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// The address to listen on: keep the default unless others must see the preview.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    bind: std::net::IpAddr,
    /// The port (0: any free port).
    #[arg(long, default_value_t = 1111)]
    port: u16,
}

#[derive(Subcommand)]
enum Dns {
    /// Ask the nameservers (or the system's resolver) about every registered name and
    /// compare the answers with domains.toml.
    Check(DnsCheckArgs),
}

#[derive(Args)]
struct DnsCheckArgs {
    #[command(flatten)]
    common: Common,
    /// Ask only this server (IP, IP:PORT or [IPv6]:PORT); may be repeated. Default: the
    /// system's resolver, and the registry's nameservers for the zone's own checks.
    #[arg(long = "nameserver", value_name = "IP[:PORT]", value_parser = laman::dns::parse_nameserver)]
    nameservers: Vec<std::net::SocketAddr>,
    /// How long one query may take, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 2000, value_parser = clap::value_parser!(u64).range(1..=60_000))]
    timeout: u64,
    /// How many names are looked up at the same time.
    #[arg(long, value_name = "N", default_value_t = 16, value_parser = clap::value_parser!(u64).range(1..=256))]
    concurrency: u64,
    /// Also transfer the zone (AXFR) and report names that are not in the registry.
    #[arg(long)]
    zone_transfer: bool,
}

#[derive(Subcommand)]
enum Domains {
    /// Check the registry's rules (every problem, with its line).
    Check(Common),
    /// List the subdomains.
    List {
        #[command(flatten)]
        common: Common,
        /// Only those with this status.
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
    },
    /// Record an OPD's request for a subdomain.
    Request {
        label: String,
        #[arg(long)]
        owner: String,
        /// The official e-mail on the regency domain.
        #[arg(long)]
        contact: String,
        #[arg(long, value_enum, default_value_t = KindArg::Site)]
        kind: KindArg,
        #[arg(long)]
        purpose: Option<String>,
        #[command(flatten)]
        root: Root,
    },
    /// Approve a requested (or suspended) subdomain by decree.
    Approve {
        label: String,
        /// The decree's number.
        #[arg(long)]
        decree: String,
        /// The decree's date, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        #[arg(long = "a", value_name = "IPV4")]
        a: Vec<String>,
        #[arg(long = "aaaa", value_name = "IPV6")]
        aaaa: Vec<String>,
        #[arg(long, value_name = "HOST")]
        cname: Option<String>,
        #[command(flatten)]
        root: Root,
    },
    /// Suspend an approved subdomain (it is no longer published or resolved).
    Suspend {
        label: String,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        root: Root,
    },
    /// Revoke a subdomain by decree.
    Revoke {
        label: String,
        #[arg(long)]
        decree: String,
        #[arg(long)]
        date: String,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        root: Root,
    },
    /// Reject a request.
    Reject {
        label: String,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        root: Root,
    },
    /// Print the regency zone (RFC 1035 master file).
    Zone {
        /// The SOA serial [default: derived from the registry's latest dated change].
        #[arg(long)]
        serial: Option<u32>,
        #[command(flatten)]
        root: Root,
    },
    /// Print nginx server blocks for the portal and every approved site.
    Nginx {
        /// Where the built sites are (one folder per domain name).
        #[arg(long, value_name = "DIR")]
        webroot: PathBuf,
        /// Certificate for the apex and *.<domain> [default: /etc/ssl/laman/<domain>.crt].
        #[arg(long, value_name = "FILE")]
        cert: Option<PathBuf>,
        /// Its key [default: /etc/ssl/laman/<domain>.key].
        #[arg(long, value_name = "FILE")]
        key: Option<PathBuf>,
        /// Where plain http listens: a port or ADDRESS:PORT.
        #[arg(long, default_value = "80")]
        http: String,
        /// Where https listens: a port or ADDRESS:PORT.
        #[arg(long, default_value = "443")]
        https: String,
        #[command(flatten)]
        root: Root,
    },
}

#[derive(Args)]
struct Root {
    /// The regency repository (holding domains.toml and content/).
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
enum StatusArg {
    Requested,
    Approved,
    Suspended,
    Revoked,
    Rejected,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum KindArg {
    Site,
    Service,
    App,
}

#[derive(Args)]
struct Common {
    /// The regency repository (holding domains.toml and content/).
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    common: Common,
    /// Where to write the sites, one folder per domain name [default: ROOT/public].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Build only this site (a label, or `portal`); may be repeated.
    #[arg(long = "site", value_name = "LABEL")]
    sites: Vec<String>,
    /// Include pages marked draft = true.
    #[arg(long)]
    drafts: bool,
    /// Publish every site that built cleanly even when others failed.
    #[arg(long)]
    keep_going: bool,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    common: Common,
    /// Check pages marked draft = true too.
    #[arg(long)]
    drafts: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// Writes to standard output through the locked handle. A reader that has gone away
/// (`laman domains list | head -1`) is no error: laman stops quietly with status 0, as
/// ripgrep does; any other failure to write ends it with status 2.
fn write_stdout(text: std::fmt::Arguments) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_fmt(text).and_then(|()| stdout.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("laman: cannot write to standard output: {e}");
        std::process::exit(2);
    }
}

macro_rules! out {
    ($($arg:tt)*) => { write_stdout(format_args!($($arg)*)) };
}

macro_rules! outln {
    ($($arg:tt)*) => { write_stdout(format_args!("{}\n", format_args!($($arg)*))) };
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => build(args),
        Command::Check(args) => check(args),
        Command::Domains(command) => domains(command),
        Command::Dns(Dns::Check(args)) => dns_check(args),
        Command::Serve(args) => serve(args),
    };
    match result {
        Ok(code) => code,
        Err(Error::Refused(findings)) => print_findings(&findings, Format::Text, "stopped"),
        Err(failure) => {
            // The whole chain of causes: what was tried, and why each step failed.
            let mut message = failure.to_string();
            let mut cause = std::error::Error::source(&failure);
            while let Some(inner) = cause {
                let text = inner.to_string();
                if !message.contains(&text) {
                    message.push_str(&format!(": {text}"));
                }
                cause = inner.source();
            }
            eprintln!("laman: {message}");
            ExitCode::from(2)
        }
    }
}

/// `laman build`: render every approved site and swap the result into place.
fn build(args: BuildArgs) -> Result<ExitCode, Error> {
    let out = args.out.unwrap_or_else(|| args.common.root.join("public"));
    let options = build::Options {
        root: args.common.root.clone(),
        mode: Mode::Build {
            out: out.clone(),
            keep_going: args.keep_going,
        },
        sites: args.sites,
        drafts: args.drafts,
        today: today(),
    };
    let report = with_progress(args.common.format, |progress| {
        build::run(&options, progress)
    })?;
    let summary = if report.unchanged {
        format!(
            "nothing changed since the last build: {} site(s), {} pages in {} are up to date",
            report.published.len(),
            report.pages,
            out.display()
        )
    } else if report.published.is_empty() {
        format!("nothing published; {} is unchanged", out.display())
    } else {
        let mut s = format!(
            "published {} site(s), {} pages into {}",
            report.published.len(),
            report.pages,
            out.display()
        );
        if !report.held_back.is_empty() {
            s.push_str(&format!(
                "; kept the previous output of: {}",
                report.held_back.join(", ")
            ));
        }
        s
    };
    Ok(finish(&report, args.common.format, &summary))
}

/// `laman check`: everything `build` checks, without writing.
fn check(args: CheckArgs) -> Result<ExitCode, Error> {
    let options = build::Options {
        root: args.common.root.clone(),
        mode: Mode::Check,
        sites: Vec::new(),
        drafts: args.drafts,
        today: today(),
    };
    let report = with_progress(args.common.format, |progress| {
        build::run(&options, progress)
    })?;
    let summary = format!("checked {} site(s), {} pages", report.sites, report.pages);
    Ok(finish(&report, args.common.format, &summary))
}

/// `laman domains ...`: the Dinas's registry work.
fn domains(command: Domains) -> Result<ExitCode, Error> {
    use laman::registry::edit::Action;
    let kind = |k: KindArg| match k {
        KindArg::Site => Kind::Site,
        KindArg::Service => Kind::Service,
        KindArg::App => Kind::App,
    };
    let (root, action) = match command {
        Domains::Check(common) => return domains_check(&common),
        Domains::List { common, status } => return domains_list(&common, status),
        Domains::Zone { serial, root } => return domains_zone(&root.root, serial),
        Domains::Nginx {
            webroot,
            cert,
            key,
            http,
            https,
            root,
        } => return domains_nginx(&root.root, &webroot, cert, key, &http, &https),
        Domains::Request {
            label,
            owner,
            contact,
            kind: k,
            purpose,
            root,
        } => (
            root,
            Action::Request {
                label,
                owner,
                contact,
                kind: kind(k),
                purpose,
            },
        ),
        Domains::Approve {
            label,
            decree,
            date,
            a,
            aaaa,
            cname,
            root,
        } => (
            root,
            Action::Approve {
                label,
                decree,
                date,
                a,
                aaaa,
                cname,
            },
        ),
        Domains::Suspend {
            label,
            reason,
            root,
        } => (root, Action::Suspend { label, reason }),
        Domains::Revoke {
            label,
            decree,
            date,
            reason,
            root,
        } => (
            root,
            Action::Revoke {
                label,
                decree,
                date,
                reason,
            },
        ),
        Domains::Reject {
            label,
            reason,
            root,
        } => (root, Action::Reject { label, reason }),
    };
    domains_edit(&root.root, &action)
}

/// Loads the registry and checks its rules: the registry with the findings of its
/// rules; refused when it cannot be used at all.
fn checked_registry(root: &std::path::Path) -> Result<(Registry, Vec<Finding>), Error> {
    let registry = build::load_registry(root)?;
    let has_content = |label: &str| root.join("content").join(label).is_dir();
    let findings = validate::validate(&registry, today(), &has_content);
    Ok((registry, findings))
}

/// How a command ends when it could not go on: the findings that refused it are printed
/// with `summary` (exit 1); any other error goes up (exit 2).
fn refused(e: Error, format: Format, summary: &str) -> Result<ExitCode, Error> {
    match e {
        Error::Refused(findings) => Ok(print_findings(&findings, format, summary)),
        e => Err(e),
    }
}

fn print_findings(findings: &[Finding], format: Format, summary: &str) -> ExitCode {
    let report = Report {
        findings: findings.to_vec(),
        ..Default::default()
    };
    finish(&report, format, summary)
}

/// `laman domains check`: every rule of the registry, with lines.
fn domains_check(common: &Common) -> Result<ExitCode, Error> {
    match checked_registry(&common.root) {
        Ok((reg, findings)) => {
            let summary = format!(
                "checked {} subdomain(s) of {}",
                reg.subdomains.len(),
                reg.regency.domain
            );
            let allowed = custom_code_sites(&reg);
            if common.format == Format::Json {
                let report = Report {
                    findings,
                    ..Default::default()
                };
                let mut doc = json(&report);
                doc["custom_code"] = serde_json::json!(allowed);
                outln!("{doc}");
                return Ok(exit_status(&report));
            }
            if !allowed.is_empty() {
                eprintln!(
                    "note: the Dinas allows own code (custom_code) on: {}\n",
                    allowed.join(", ")
                );
            }
            Ok(print_findings(&findings, common.format, &summary))
        }
        Err(e) => refused(e, common.format, "the registry could not be read"),
    }
}

/// The labels whose registry entry lets them carry their own code, portal first.
fn custom_code_sites(reg: &Registry) -> Vec<String> {
    let portal = reg
        .portal
        .custom_code
        .then(|| laman::registry::PORTAL_LABEL.to_string());
    portal
        .into_iter()
        .chain(
            reg.subdomains
                .iter()
                .filter(|s| s.custom_code)
                .map(|s| s.label.clone()),
        )
        .collect()
}

/// `laman domains list`: one line per subdomain, or JSON.
fn domains_list(common: &Common, status: Option<StatusArg>) -> Result<ExitCode, Error> {
    let reg = match build::load_registry(&common.root) {
        Ok(r) => r,
        Err(e) => return refused(e, common.format, "the registry could not be read"),
    };
    let wanted = status.map(|s| match s {
        StatusArg::Requested => Status::Requested,
        StatusArg::Approved => Status::Approved,
        StatusArg::Suspended => Status::Suspended,
        StatusArg::Revoked => Status::Revoked,
        StatusArg::Rejected => Status::Rejected,
    });
    let subs: Vec<_> = reg
        .subdomains
        .iter()
        .filter(|s| wanted.is_none_or(|w| s.status == w))
        .collect();
    match common.format {
        Format::Json => outln!(
            "{}",
            serde_json::json!({ "domain": reg.regency.domain, "subdomains": subs })
        ),
        Format::Text => {
            let width = subs
                .iter()
                .map(|s| reg.fqdn(&s.label).len())
                .max()
                .unwrap_or(0);
            for s in &subs {
                let decree = s
                    .decree
                    .as_ref()
                    .map_or("-".to_string(), |d| format!("{} ({})", d.number, d.date));
                // Fields come from a file anyone may have edited: never raw to a terminal.
                use laman::finding::Printable;
                let code = if s.custom_code { "  custom-code" } else { "" };
                outln!(
                    "{:<width$}  {:<9}  {:<7}  {}  [{}]{code}",
                    Printable::line(&reg.fqdn(&s.label)).to_string(),
                    s.status.as_str(),
                    s.kind.as_str(),
                    Printable::line(&s.owner),
                    Printable::line(&decree)
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `laman domains request|approve|suspend|revoke|reject`.
fn domains_edit(
    root: &std::path::Path,
    action: &laman::registry::edit::Action,
) -> Result<ExitCode, Error> {
    if !root.is_dir() {
        return Err(Error::Usage(format!(
            "the regency root `{}` is not a folder",
            root.display()
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
        Err(e) => refused(e, Format::Text, "domains.toml was not changed"),
    }
}

/// `laman domains zone`: the zone file on stdout, refused while the registry has errors.
fn domains_zone(root: &std::path::Path, serial: Option<u32>) -> Result<ExitCode, Error> {
    let (reg, mut findings) = match checked_registry(root) {
        Ok(ok) => ok,
        Err(e) => return refused(e, Format::Text, "no zone written"),
    };
    // In-zone nameservers without addresses make the zone itself invalid.
    for f in findings
        .iter_mut()
        .filter(|f| f.code == laman::finding::Code::RegistryNameserverGlue)
    {
        f.severity = laman::finding::Severity::Error;
    }
    if findings.iter().any(Finding::is_error) {
        return Ok(print_findings(&findings, Format::Text, "no zone written"));
    }
    let serial = serial.unwrap_or_else(|| laman::registry::zone::derived_serial(&reg));
    let zone = laman::registry::zone::zone(&reg, serial)
        .map_err(|why| Error::Usage(format!("no zone written: {why}")))?;
    out!("{zone}");
    Ok(ExitCode::SUCCESS)
}

/// `laman domains nginx`: server blocks on stdout, refused while the registry has errors.
fn domains_nginx(
    root: &std::path::Path,
    webroot: &std::path::Path,
    cert: Option<PathBuf>,
    key: Option<PathBuf>,
    http: &str,
    https: &str,
) -> Result<ExitCode, Error> {
    use laman::registry::nginx::{path_problem, Listen};
    let http = Listen::parse(http).map_err(|e| Error::Usage(format!("--http {e}")))?;
    let https = Listen::parse(https).map_err(|e| Error::Usage(format!("--https {e}")))?;
    let given = std::iter::once(("--webroot", webroot))
        .chain(cert.as_deref().map(|p| ("--cert", p)))
        .chain(key.as_deref().map(|p| ("--key", p)));
    for (what, path) in given {
        if let Some(why) = path_problem(path) {
            let shown = laman::registry::grammar::shown(&path.to_string_lossy());
            return Err(Error::Usage(format!("{what} `{shown}` {why}")));
        }
    }
    let (reg, findings) = match checked_registry(root) {
        Ok(ok) => ok,
        Err(e) => return refused(e, Format::Text, "no configuration written"),
    };
    if findings.iter().any(Finding::is_error) {
        return Ok(print_findings(
            &findings,
            Format::Text,
            "no configuration written",
        ));
    }
    let mut frame_hosts = std::collections::BTreeMap::new();
    let labels = std::iter::once(laman::registry::PORTAL_LABEL.to_string()).chain(
        reg.subdomains
            .iter()
            .filter(|s| s.status == Status::Approved)
            .map(|s| s.label.clone()),
    );
    for label in labels {
        let site = laman::input::Area::new(root, std::path::Path::new("content").join(&label));
        match laman::content::SiteConfig::read(&site) {
            Ok(cfg) => {
                frame_hosts.insert(label, cfg.embeds.iframe_hosts);
            }
            Err(f) => {
                return Ok(print_findings(
                    &[f],
                    Format::Text,
                    "no configuration written",
                ))
            }
        }
    }
    let ssl = PathBuf::from("/etc/ssl/laman");
    let cert = cert.unwrap_or_else(|| ssl.join(format!("{}.crt", reg.regency.domain)));
    let key = key.unwrap_or_else(|| ssl.join(format!("{}.key", reg.regency.domain)));
    let options = laman::registry::nginx::Options {
        webroot,
        cert: &cert,
        key: &key,
        http,
        https,
        frame_hosts: &frame_hosts,
    };
    let config = laman::registry::nginx::config(&reg, &options)
        .map_err(|why| Error::Usage(format!("no configuration written: {why}")))?;
    out!("{config}");
    Ok(ExitCode::SUCCESS)
}

/// `laman serve`: the preview server; runs until stopped.
fn serve(args: ServeArgs) -> Result<ExitCode, Error> {
    if !args.root.join("domains.toml").is_file() {
        return Err(Error::Usage(format!(
            "{} has no domains.toml: give the regency repository with --root",
            args.root.display()
        )));
    }
    let options = laman::serve::Options {
        root: std::fs::canonicalize(&args.root)
            .map_err(|e| Error::Usage(format!("{}: {e}", args.root.display())))?,
        bind: args.bind,
        port: args.port,
        today: today(),
    };
    laman::serve::run(options, &|done, findings| {
        for finding in findings {
            eprintln!("{finding}\n");
        }
        eprintln!(
            "built {} site(s), {} pages in {} ms ({} error(s))",
            done.sites,
            done.pages,
            done.took.as_millis(),
            done.errors
        );
    })?;
    Ok(ExitCode::SUCCESS)
}

/// `laman dns check`: live DNS against the registry. A registry with errors is reported
/// and still checked as far as it can be.
fn dns_check(args: DnsCheckArgs) -> Result<ExitCode, Error> {
    let (reg, mut findings) = match checked_registry(&args.common.root) {
        Ok(checked) => checked,
        Err(e) => {
            return refused(
                e,
                args.common.format,
                "the registry could not be read; nothing was checked",
            )
        }
    };
    let options = laman::dns::Options {
        nameservers: args.nameservers,
        timeout: std::time::Duration::from_millis(args.timeout),
        concurrency: args.concurrency as usize,
        zone_transfer: args.zone_transfer,
    };
    let bar = indicatif::ProgressBar::hidden();
    if shows_progress(args.common.format) {
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} DNS {pos}/{len} names {wide_bar}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
    }
    let outcome = laman::dns::check(&reg, &options, &|done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })
    .map_err(Error::io("cannot start the DNS client"))?;
    bar.finish_and_clear();
    findings.extend(outcome.findings);
    laman::finding::sort(&mut findings);
    if args.common.format == Format::Json {
        let errors = findings.iter().filter(|f| f.is_error()).count();
        let doc = serde_json::json!({
            "findings": findings.iter().map(finding_json).collect::<Vec<_>>(),
            "summary": {
                "errors": errors,
                "warnings": findings.len() - errors,
                "names": outcome.names,
                "nameservers": outcome.nameservers,
            }
        });
        outln!("{doc}");
        return Ok(if errors > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
    let summary = format!(
        "checked {} name(s) of {} against {} nameserver(s)",
        outcome.names, reg.regency.domain, outcome.nameservers
    );
    Ok(print_findings(&findings, args.common.format, &summary))
}

/// The date in the regency's part of the world (WIB, UTC+7, unless the system says
/// otherwise): the only place laman reads the clock.
fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

/// Progress is for people: on a terminal, in text mode, never in CI.
fn shows_progress(format: Format) -> bool {
    format == Format::Text && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none()
}

/// Shows the stage on a terminal (never in CI or with --format json).
fn with_progress<T>(format: Format, work: impl FnOnce(&(dyn Fn(&str) + Sync)) -> T) -> T {
    if !shows_progress(format) {
        return work(&|_| {});
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    let result = work(&|stage| bar.set_message(stage.to_string()));
    bar.finish_and_clear();
    result
}

/// One finding as DESIGN.md's JSON shows it (paths with `/` on every system).
fn finding_json(f: &Finding) -> serde_json::Value {
    serde_json::json!({
        "code": f.code,
        "severity": f.severity,
        "message": f.message,
        "help": f.help,
        "file": f.file.as_ref().map(|p| p.to_string_lossy().replace('\\', "/")),
        "line": f.line,
        "site": f.site,
    })
}

/// Prints the findings and the summary; returns 1 if any finding is an error.
fn finish(report: &Report, format: Format, summary: &str) -> ExitCode {
    match format {
        Format::Text => {
            for finding in &report.findings {
                eprintln!("{finding}\n");
            }
            eprintln!(
                "{summary} ({} error(s), {} warning(s))",
                report.errors(),
                report.warnings()
            );
        }
        Format::Json => outln!("{}", json(report)),
    }
    exit_status(report)
}

/// 1 if any finding is an error, else 0.
fn exit_status(report: &Report) -> ExitCode {
    if report.errors() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn json(report: &Report) -> serde_json::Value {
    serde_json::json!({
        "findings": report.findings.iter().map(finding_json).collect::<Vec<_>>(),
        "summary": {
            "errors": report.errors(),
            "warnings": report.warnings(),
            "sites": report.sites,
            "pages": report.pages,
            "published": report.published,
            "held_back": report.held_back,
        }
    })
}
