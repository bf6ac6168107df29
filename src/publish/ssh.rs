//! Publishing to `user@host:/path` with the system's `ssh` and `rsync` (every Dinas
//! server has both): the steps of [`super`] as short shell scripts run on the server
//! (`sh -s`, the script on stdin, so nothing is quoted through a remote shell), the copy
//! by `rsync --checksum --link-dest` (unchanged files become hard links of the live
//! release), and the check by a second rsync, a `--checksum --dry-run` that must find
//! nothing to change.
//!
//! SSH runs with `BatchMode=yes` (never a password prompt, so never a password on a
//! command line) and the host key checked against `known_hosts`; this module refuses an
//! option that turns the check off. It must never run a command on the server built from
//! unchecked text: the path is checked by [`super::parse_dest`], release ids by
//! [`super::releases`].

use super::releases::{self, CURRENT, NEXT_LINK_PREFIX, PARTIAL_PREFIX, RELEASES};
use super::{checkpoint, ready::Ready, Options, Outcome};
use crate::error::Error;
use crate::integrity::manifest::{RegencyManifest, REGENCY_FILE, SIGNATURE_SUFFIX};
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// How to reach the server.
#[derive(Debug, Clone, Default)]
pub struct SshOptions {
    /// The private key (`ssh -i`); else ssh's own defaults and agent.
    pub key: Option<PathBuf>,
    /// The known_hosts file holding the server's host key; else ssh's own.
    pub known_hosts: Option<PathBuf>,
    /// More `ssh -o` options (`Port=2222`, `ProxyJump=bastion`).
    pub options: Vec<String>,
}

/// A destination on a server.
pub struct Remote {
    host: String,
    path: String,
    ssh: Vec<String>,
}

impl Remote {
    pub fn new(host: &str, path: &str, options: &SshOptions) -> Result<Remote, Error> {
        let mut ssh: Vec<String> = [
            "-o",
            "BatchMode=yes",
            "-o",
            "ConnectTimeout=20",
            "-o",
            "ServerAliveInterval=15",
            "-o",
            "ServerAliveCountMax=4",
        ]
        .map(String::from)
        .to_vec();
        if let Some(key) = &options.key {
            ssh.extend([
                "-i".into(),
                text(key)?,
                "-o".into(),
                "IdentitiesOnly=yes".into(),
            ]);
        }
        if let Some(file) = &options.known_hosts {
            ssh.extend(["-o".into(), format!("UserKnownHostsFile={}", text(file)?)]);
        }
        for option in &options.options {
            let lower = option.to_ascii_lowercase().replace([' ', '\t'], "=");
            let unchecked = lower.starts_with("stricthostkeychecking=no")
                || lower.starts_with("stricthostkeychecking=off");
            if unchecked || option.contains('\'') || option.starts_with('-') {
                return Err(Error::Usage(crate::msg!(
                    "ssh-option-refused",
                    option = option.as_str()
                )));
            }
            ssh.extend(["-o".into(), option.clone()]);
        }
        Ok(Remote {
            host: host.into(),
            path: path.into(),
            ssh,
        })
    }

    /// Publishes `ready` as release `id` (see [`super`] for the steps).
    pub fn publish(&self, ready: &Ready, id: &str, options: &Options) -> Result<Outcome, Error> {
        let (all, live) = self.state(!options.dry_run)?;
        let partial = format!("{}/{RELEASES}/{PARTIAL_PREFIX}{id}", self.path);
        let mut outcome = if options.sites.is_empty() {
            let link = live
                .as_ref()
                .map(|l| format!("{}/{RELEASES}/{l}", self.path));
            let from = format!("{}/", text(&ready.out)?);
            self.sync(&from, &format!("{partial}/"), link, options.dry_run)?
        } else {
            self.copy_sites(ready, id, live.as_deref(), &options.sites, options.dry_run)?
        };
        outcome.release = id.into();
        outcome.previous = live;
        outcome.dry_run = options.dry_run;
        if options.dry_run {
            return Ok(outcome);
        }
        checkpoint("verified");
        self.run(&format!(
            "test ! -e {RELEASES}/{id} || {{ echo 'release {id} already exists; publish again' >&2; exit 1; }}\n\
             sync -f {RELEASES}/{PARTIAL_PREFIX}{id} 2>/dev/null || sync\n\
             mv -T {RELEASES}/{PARTIAL_PREFIX}{id} {RELEASES}/{id}"
        ))?;
        checkpoint("renamed");
        self.switch(id)?;
        let mut ids = all;
        ids.push(id.into());
        outcome.pruned = releases::to_prune(&releases::sorted(ids), options.keep, id);
        if !outcome.pruned.is_empty() {
            let list: Vec<String> = outcome
                .pruned
                .iter()
                .map(|r| format!("{RELEASES}/{r}"))
                .collect();
            self.run(&format!("rm -rf {}", list.join(" ")))?;
        }
        Ok(outcome)
    }

    /// Copies `from` to `to` on the server (unchanged files linked from `link`), then
    /// checks the copy with a `--checksum --dry-run` that must find nothing to change.
    fn sync(
        &self,
        from: &str,
        to: &str,
        link: Option<String>,
        dry_run: bool,
    ) -> Result<Outcome, Error> {
        let link = link.map(|l| format!("--link-dest={l}"));
        let mut args = vec!["--stats".to_string()];
        if dry_run {
            args.push("--dry-run".into());
        }
        args.extend(link.clone());
        let stats = self.rsync(from, to, &args)?;
        let files = reg_files(&stats);
        let outcome = Outcome {
            files,
            copied: stat(&stats, "Number of regular files transferred:") as usize,
            bytes: stat(&stats, "Total bytes sent:"),
            verified: if dry_run { 0 } else { files },
            ..Outcome::default()
        };
        if dry_run {
            return Ok(outcome);
        }
        checkpoint("copied");
        let mut check = vec!["--dry-run".to_string(), "--itemize-changes".into()];
        check.extend(link);
        let differences = self.rsync(from, to, &check)?;
        if let Some(line) = differences.lines().find(|l| !l.trim().is_empty()) {
            return Err(Error::Usage(crate::msg!(
                "ssh-release-differs",
                to = format!("{}:{to}", self.host),
                line = line
            )));
        }
        Ok(outcome)
    }

    /// `--site`: the live release hard-linked (`cp -al`), the chosen sites replaced from
    /// the build, and the regency manifest made of both.
    fn copy_sites(
        &self,
        ready: &Ready,
        id: &str,
        live: Option<&str>,
        sites: &[String],
        dry_run: bool,
    ) -> Result<Outcome, Error> {
        let Some(live) = live else {
            return Err(super::no_live_release_for_sites());
        };
        let live_dir = format!("{}/{RELEASES}/{live}", self.path);
        let partial = format!("{}/{RELEASES}/{PARTIAL_PREFIX}{id}", self.path);
        if !dry_run {
            // Site names come from the build's manifest, which its parser checked.
            let sites_rm: Vec<String> = sites.iter().map(|s| format!("'{partial}/{s}'")).collect();
            self.run(&format!(
                "cp -al '{live_dir}/.' '{partial}/'\nrm -rf {} '{partial}/{REGENCY_FILE}' '{partial}/{REGENCY_FILE}{SIGNATURE_SUFFIX}'",
                sites_rm.join(" ")
            ))?;
        }
        let mut outcome = Outcome::default();
        for site in sites {
            let from = format!("{}/{site}/", text(&ready.out)?);
            let (to, link) = if dry_run {
                (format!("{live_dir}/{site}/"), None)
            } else {
                (
                    format!("{partial}/{site}/"),
                    Some(format!("{live_dir}/{site}")),
                )
            };
            let one = self.sync(&from, &to, link, dry_run)?;
            outcome.files += one.files;
            outcome.copied += one.copied;
            outcome.bytes += one.bytes;
            outcome.verified += one.verified;
        }
        let bytes = self.run(&format!("cat '{live_dir}/{REGENCY_FILE}'"))?;
        let live_manifest = RegencyManifest::parse(bytes.as_bytes())
            .map_err(|e| Error::Usage(format!("{}:{live_dir}/{REGENCY_FILE}: {e}", self.host)))?;
        let manifest = super::compose(live_manifest, &ready.manifest, sites).to_bytes();
        if !dry_run {
            let tmp = tempfile::tempdir().map_err(Error::io(crate::msg!("io-cannot-tempdir")))?;
            let file = tmp.path().join(REGENCY_FILE);
            std::fs::write(&file, &manifest).map_err(Error::io(crate::msg!(
                "io-cannot-write",
                path = file.display().to_string()
            )))?;
            self.rsync(&text(&file)?, &format!("{partial}/{REGENCY_FILE}"), &[])?;
        }
        outcome.files += 1;
        outcome.copied += 1;
        outcome.bytes += manifest.len() as u64;
        Ok(outcome)
    }

    /// Makes the release before the live one live again.
    pub fn rollback(&self) -> Result<(String, String), Error> {
        let (all, live) = self.state(false)?;
        let shown = format!("{}:{}", self.host, self.path);
        let target = super::rollback_target(&all, live.as_deref(), &shown)?;
        self.switch(&target)?;
        Ok((live.unwrap_or_default(), target))
    }

    /// Points `current` at release `id`: a new link renamed over the old (`mv -T`, one
    /// rename(2)).
    fn switch(&self, id: &str) -> Result<(), Error> {
        let next = format!("{NEXT_LINK_PREFIX}{id}");
        self.run(&format!(
            "rm -f {next}\nln -s {} {next}",
            releases::link_target(id)
        ))?;
        checkpoint("linked");
        self.run(&format!("mv -T {next} {CURRENT}"))?;
        checkpoint("switched");
        Ok(())
    }

    /// The releases on the server, oldest first, and the live one. With `prepare`, makes
    /// the folders and removes what killed publishes left half-written.
    fn state(&self, prepare: bool) -> Result<(Vec<String>, Option<String>), Error> {
        let p = &self.path;
        // A dry run or a rollback makes nothing: a missing folder lists as empty.
        let setup = if prepare {
            format!(
                "mkdir -p '{p}/{RELEASES}'\ncd '{p}'\n\
                 rm -rf {RELEASES}/{PARTIAL_PREFIX}* {NEXT_LINK_PREFIX}*\n"
            )
        } else {
            format!("cd '{p}' 2>/dev/null || exit 0\n")
        };
        let listing = self.run_anywhere(&format!(
            "{setup}printf 'current=%s\\n' \"$(readlink {CURRENT} 2>/dev/null || true)\"\n\
             ls -1A {RELEASES} 2>/dev/null || true"
        ))?;
        let mut lines = listing.lines();
        let live = lines
            .next()
            .and_then(|l| l.strip_prefix("current="))
            .and_then(releases::release_of_link);
        Ok((releases::sorted(lines.map(String::from)), live))
    }

    /// Runs `script` on the server in the destination folder.
    fn run(&self, script: &str) -> Result<String, Error> {
        self.run_anywhere(&format!("cd '{}'\n{script}", self.path))
    }

    /// Runs `script` on the server (`sh -s`, the script on stdin).
    fn run_anywhere(&self, script: &str) -> Result<String, Error> {
        let full = format!("set -eu\numask 022\n{script}\n");
        let mut child = Command::new("ssh")
            .args(&self.ssh)
            .arg("--")
            .arg(&self.host)
            .arg("sh -s")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(Error::io(crate::msg!("ssh-cannot-run-ssh")))?;
        if let Some(mut stdin) = child.stdin.take() {
            use std::io::Write;
            let _ = stdin.write_all(full.as_bytes());
        }
        let out = child.wait_with_output().map_err(Error::io("ssh failed"))?;
        if !out.status.success() {
            return Err(self.failed("ssh", &out.stderr));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Runs rsync from `from` here to `to` on the server; returns its stdout.
    fn rsync(&self, from: &str, to: &str, extra: &[String]) -> Result<String, Error> {
        let shell = std::iter::once("ssh".to_string())
            .chain(self.ssh.iter().map(|a| format!("'{a}'")))
            .collect::<Vec<_>>()
            .join(" ");
        let out = Command::new("rsync")
            .args([
                "-rl",
                "--perms",
                "--chmod=D0755,F0644",
                "--checksum",
                "--delete",
            ])
            .args(["--timeout=120", "--exclude=/.laman-output", "-e", &shell])
            .args(extra)
            .arg("--")
            .arg(from)
            .arg(format!("{}:{to}", self.host))
            .stdin(Stdio::null())
            .output()
            .map_err(Error::io(crate::msg!("ssh-cannot-run-rsync")))?;
        if !out.status.success() {
            return Err(self.failed("rsync", &out.stderr));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    fn failed(&self, program: &str, stderr: &[u8]) -> Error {
        let said = String::from_utf8_lossy(stderr).trim().to_string();
        let hint = if said.contains("Host key verification failed") || said.contains("host key") {
            crate::msg!("ssh-hint-host-key")
        } else if said.contains("Permission denied") {
            crate::msg!("ssh-hint-denied")
        } else {
            crate::msg!("ssh-hint-other")
        };
        Error::Usage(format!(
            "{}\n{hint}",
            crate::msg!(
                "ssh-failed",
                program = program,
                to = format!("{}:{}", self.host, self.path),
                said = said
            )
        ))
    }
}

/// A path as text for a command line, refused when a shell or rsync's `-e` would split
/// or expand it.
fn text(path: &std::path::Path) -> Result<String, Error> {
    let s = path.to_string_lossy().into_owned();
    if s.contains(['\'', '\n']) {
        return Err(Error::Usage(crate::msg!(
            "ssh-path-quote",
            path = s.as_str()
        )));
    }
    Ok(s)
}

/// The regular files rsync's `--stats` counted (`Number of files: 400 (reg: 276, dir: 124)`).
fn reg_files(stats: &str) -> usize {
    stats
        .lines()
        .find_map(|l| l.trim().strip_prefix("Number of files:"))
        .and_then(|v| v.split_once("reg: "))
        .and_then(|(_, v)| v.split(", ").next())
        .and_then(|v| v.split(')').next())
        .and_then(|v| v.replace(',', "").trim().parse().ok())
        .unwrap_or(0)
}

/// A number from rsync's `--stats` (`Total bytes sent: 1,234`).
fn stat(stats: &str, label: &str) -> u64 {
    stats
        .lines()
        .find_map(|l| l.trim().strip_prefix(label))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.replace(',', "").parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn rsync_stats_are_read_with_thousands_separators() {
        let stats = "Number of files: 1,400 (reg: 1,276, dir: 124)\nTotal bytes sent: 26,559\n";
        assert_eq!(super::reg_files(stats), 1276);
        assert_eq!(super::stat(stats, "Total bytes sent:"), 26559);
    }
}
