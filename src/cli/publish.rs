//! `laman publish`: a finished build onto the web server as a new release, or
//! `--rollback` to the one before.

use clap::Args;
use laman::error::Error;
use laman::publish::{self, releases, ssh::SshOptions, Dest};
use laman::registry::fqdn_in;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct PublishArgs {
    #[arg(long, value_name = "DIR|USER@HOST:PATH", value_parser = publish::parse_dest)]
    to: Dest,
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    #[arg(long = "site", value_name = "LABEL", conflicts_with = "rollback")]
    sites: Vec<String>,
    #[arg(long, value_name = "N", default_value_t = releases::DEFAULT_KEEP as u64,
          value_parser = clap::value_parser!(u64).range(1..=1000))]
    keep: u64,
    #[arg(long, conflicts_with = "rollback")]
    dry_run: bool,
    #[arg(long)]
    rollback: bool,
    #[arg(long, value_name = "FILE")]
    ssh_key: Option<PathBuf>,
    #[arg(long, value_name = "FILE")]
    known_hosts: Option<PathBuf>,
    // Only the options publish::ssh_option accepts (Port, ConnectTimeout, LogLevel, ...).
    #[arg(long = "ssh-option", value_name = "OPTION", value_parser = publish::ssh_option::parse)]
    ssh_options: Vec<publish::ssh_option::SshOption>,
}

/// `laman publish`.
pub fn publish(root: &Path, args: PublishArgs) -> Result<ExitCode, Error> {
    let ssh = SshOptions {
        key: args.ssh_key,
        known_hosts: args.known_hosts,
        options: args.ssh_options,
    };
    if args.rollback {
        let (was, now) = publish::rollback(&args.to, &ssh)?;
        eprintln!(
            "{}",
            laman::msg!(
                "cli-rolled-back",
                now = now.to_string(),
                was = was.to_string()
            )
        );
        return Ok(ExitCode::SUCCESS);
    }
    let started = std::time::Instant::now();
    let out = args.out.unwrap_or_else(|| root.join("public"));
    let ready = publish::ready::ready(root, &out)?;
    let domain = &ready.manifest.regency;
    let sites = args.sites.iter().map(|l| fqdn_in(domain, l)).collect();
    // The only clock read of a publish: the release's time.
    let id = releases::release_id(jiff::Timestamp::now(), &ready.manifest_bytes);
    let options = publish::Options {
        sites,
        keep: args.keep as usize,
        dry_run: args.dry_run,
        ssh,
    };
    let o = publish::publish(&args.to, &ready, &id, &options)?;
    let over_ssh = matches!(args.to, Dest::Ssh { .. });
    tell(&o, over_ssh, started.elapsed());
    Ok(ExitCode::SUCCESS)
}

/// Says on stderr what the publish did: already live, or the release made, what it
/// copied and checked, and what was pruned.
fn tell(o: &publish::Outcome, over_ssh: bool, took: std::time::Duration) {
    if o.already_live {
        eprintln!(
            "{}",
            laman::msg!(
                "cli-already-live",
                release = o.previous.clone().unwrap_or_default()
            )
        );
        return;
    }
    let linked = o.files.saturating_sub(o.copied);
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    eprintln!(
        "{}",
        laman::msg!(
            "cli-published",
            dry = yes_no(o.dry_run),
            release = o.release.to_string(),
            first = yes_no(o.previous.is_none()),
            files = o.files,
            copied = o.copied,
            linked = linked,
            previous = o.previous.clone().unwrap_or_default(),
            bytes = o.bytes,
            ssh = yes_no(over_ssh),
            seconds = format!("{:.2}", took.as_secs_f64())
        )
    );
    if !o.dry_run {
        // Locally the manifests and signatures are what the other files are checked
        // against, so they are not counted among the checked; rsync checks them too.
        eprintln!(
            "{}",
            laman::msg!(
                "cli-published-checked",
                files = o.verified,
                others = o.files.saturating_sub(o.verified),
                release = o.release.to_string()
            )
        );
    }
    if !o.pruned.is_empty() {
        eprintln!(
            "{}",
            laman::msg!("cli-pruned", releases = o.pruned.join(", "))
        );
    }
}
