//! Publishing to `user@host:/path` with the system's `ssh` and `rsync` (every Dinas
//! server has both): the steps of [`super`] as short shell scripts run on the server
//! (`sh -s`, the script on stdin, so nothing is quoted through a remote shell), the copy
//! by `rsync --checksum --link-dest` (unchanged files become hard links of the live
//! release), and the check by a second rsync, a `--checksum --dry-run` that must find
//! nothing to change.
//!
//! SSH runs with `BatchMode=yes` (never a password prompt, so never a password on a
//! command line) and `StrictHostKeyChecking=yes`, the host key checked against
//! `known_hosts`; `--ssh-option` takes only what [`super::ssh_option`] allows. It must
//! never run a command on the server built from unchecked text: the path is checked by
//! [`super::parse_dest`], release ids by [`super::releases`]. How a script or a copy
//! reaches the server is `command`'s.

mod command;

use super::releases::{self, CURRENT, NEXT_LINK_PREFIX, PARTIAL_PREFIX, RELEASES};
use super::{checkpoint, ready::Ready, Options, Outcome};
use crate::error::Error;
use crate::integrity::manifest::{RegencyManifest, REGENCY_FILE, SIGNATURE_SUFFIX};
use command::{reg_files, stat};
use std::path::PathBuf;

/// How to reach the server.
#[derive(Debug, Clone, Default)]
pub struct SshOptions {
    /// The private key (`ssh -i`); else ssh's own defaults and agent.
    pub key: Option<PathBuf>,
    /// The known_hosts file holding the server's host key; else ssh's own.
    pub known_hosts: Option<PathBuf>,
    /// More `ssh -o` options, as [`super::ssh_option::parse`] accepted them.
    pub options: Vec<super::ssh_option::SshOption>,
}

/// A destination on a server.
pub struct Remote {
    host: String,
    path: String,
    ssh: Vec<String>,
}

impl Remote {
    pub fn new(host: &str, path: &str, options: &SshOptions) -> Result<Remote, Error> {
        // ssh keeps the first value it reads of each option: what must hold comes
        // first, the Dinas's choices next, laman's defaults for the rest last.
        let mut ssh: Vec<String> = ["-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes"]
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
            let file = text(file)?;
            super::ssh_option::known_hosts_problem(&file).map_err(Error::Usage)?;
            ssh.extend(["-o".into(), format!("UserKnownHostsFile={file}")]);
        }
        for option in &options.options {
            // Built by `ssh_option::parse`, read back to be sure of it.
            let written = option.to_string();
            super::ssh_option::parse(&written).map_err(Error::Usage)?;
            ssh.extend(["-o".into(), written]);
        }
        ssh.extend(
            [
                "-o",
                "ConnectTimeout=20",
                "-o",
                "ServerAliveInterval=15",
                "-o",
                "ServerAliveCountMax=4",
            ]
            .map(String::from),
        );
        Ok(Remote {
            host: host.into(),
            path: path.into(),
            ssh,
        })
    }

    /// Publishes `ready` as release `id` (see [`super`] for the steps).
    pub fn publish(&self, ready: &Ready, id: &str, options: &Options) -> Result<Outcome, Error> {
        let _lock = if options.dry_run {
            None
        } else {
            self.lock(true)?
        };
        let State { all, live, holds } = self.state(!options.dry_run)?;
        let already_live = |previous: Option<String>| Outcome {
            release: id.into(),
            previous,
            dry_run: options.dry_run,
            already_live: true,
            ..Outcome::default()
        };
        if live.is_some() && options.sites.is_empty() && holds == Some(super::build_holds(ready)) {
            return Ok(already_live(live));
        }
        let partial = format!("{}/{RELEASES}/{PARTIAL_PREFIX}{id}", self.path);
        let mut outcome = if options.sites.is_empty() {
            let link = live
                .as_ref()
                .map(|l| format!("{}/{RELEASES}/{l}", self.path));
            let from = format!("{}/", text(&ready.out)?);
            self.sync(&from, &format!("{partial}/"), link, options.dry_run)?
        } else {
            match self.copy_sites(ready, id, live.as_deref(), &options.sites, options.dry_run)? {
                Some(outcome) => outcome,
                None => return Ok(already_live(live)),
            }
        };
        outcome.release = id.into();
        outcome.previous = live.clone();
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
        self.switch(id, live.as_deref())?;
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
    /// the build, and the regency manifest made of both. None: the live release already
    /// holds those sites as built.
    fn copy_sites(
        &self,
        ready: &Ready,
        id: &str,
        live: Option<&str>,
        sites: &[String],
        dry_run: bool,
    ) -> Result<Option<Outcome>, Error> {
        let Some(live) = live else {
            return Err(super::no_live_release_for_sites());
        };
        let live_dir = format!("{}/{RELEASES}/{live}", self.path);
        let partial = format!("{}/{RELEASES}/{PARTIAL_PREFIX}{id}", self.path);
        let bytes = self.run(&format!("cat '{live_dir}/{REGENCY_FILE}'"))?;
        let live_manifest = RegencyManifest::parse(bytes.as_bytes())
            .map_err(|e| Error::Usage(format!("{}:{live_dir}/{REGENCY_FILE}: {e}", self.host)))?;
        let composed = super::compose(live_manifest.clone(), &ready.manifest, sites);
        if composed == live_manifest {
            return Ok(None);
        }
        let manifest = composed.to_bytes();
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
        Ok(Some(outcome))
    }

    /// Makes the release before the live one live again.
    pub fn rollback(&self) -> Result<(String, String), Error> {
        let _lock = self.lock(false)?;
        let State { all, live, .. } = self.state(false)?;
        let shown = format!("{}:{}", self.host, self.path);
        let target = super::rollback_target(&all, live.as_deref(), &shown)?;
        self.switch(&target, live.as_deref())?;
        Ok((live.unwrap_or_default(), target))
    }

    /// Points `current` at release `id`: a new link renamed over the old (`mv -T`, one
    /// rename(2)), only while `current` still names `was` (what this run read): the lock
    /// keeps other laman runs out, this check anything else that moved it meanwhile.
    fn switch(&self, id: &str, was: Option<&str>) -> Result<(), Error> {
        let next = format!("{NEXT_LINK_PREFIX}{id}");
        self.run(&format!(
            "rm -f {next}\nln -s {} {next}",
            releases::link_target(id)
        ))?;
        checkpoint("linked");
        let expected = was.map(releases::link_target).unwrap_or_default();
        self.run(&format!(
            "test \"$(readlink {CURRENT} 2>/dev/null || true)\" = '{expected}' || \
             {{ rm -f {next}; echo 'laman: {}' >&2; exit 75; }}\n\
             mv -T {next} {CURRENT}",
            shell_text(&crate::msg!("ssh-current-moved"))
        ))?;
        checkpoint("switched");
        Ok(())
    }

    /// Holds `PATH/.laman-publish.lock` on the server (`flock`, the lock a local publish
    /// to that folder takes too) for as long as the returned session lives: one publish
    /// or rollback at a time. The session is an `ssh` whose remote end holds the lock and
    /// waits for its input to end; it ends when this process drops it or dies, and the
    /// server's lock with it, so a killed publish holds nothing. None: there is no folder
    /// (and so nothing to guard) and `create` is false.
    fn lock(&self, create: bool) -> Result<Option<Session>, Error> {
        let p = &self.path;
        let enter = if create {
            format!("mkdir -p '{p}'\ncd '{p}'")
        } else {
            format!("cd '{p}' 2>/dev/null || {{ echo unlocked; exit 0; }}")
        };
        let script = format!(
            "set -eu\n{enter}\n\
             command -v flock >/dev/null 2>&1 || {{ echo 'laman: {}' >&2; exit 69; }}\n\
             exec 9>>.laman-publish.lock\n\
             flock -n 9 || {{ echo 'laman: {}' >&2; exit 75; }}\n\
             echo locked\n\
             exec cat >/dev/null\n",
            shell_text(&crate::msg!("ssh-no-flock")),
            shell_text(&crate::msg!(
                "publish-locked",
                dest = format!("{}:{p}", self.host),
                lock = format!("{p}/.laman-publish.lock")
            )),
        );
        let mut child = self.shell()?;
        let mut stdin = child.stdin.take();
        if let Some(input) = stdin.as_mut() {
            use std::io::Write;
            let _ = input.write_all(script.as_bytes());
            let _ = input.flush();
        }
        let mut first = String::new();
        if let Some(out) = child.stdout.take() {
            use std::io::{BufRead, Read};
            let _ = std::io::BufReader::new(out.take(64)).read_line(&mut first);
        }
        match first.trim() {
            "locked" => Ok(Some(Session { child, stdin })),
            "unlocked" => {
                drop(stdin);
                let _ = child.wait();
                Ok(None)
            }
            _ => {
                drop(stdin);
                let out = child.wait_with_output().map_err(self.no_answer())?;
                Err(self.failed("ssh", &out.stderr))
            }
        }
    }

    /// The releases on the server, oldest first, the live one, and what it holds. With
    /// `prepare`, makes the folders and removes what killed publishes left half-written.
    fn state(&self, prepare: bool) -> Result<State, Error> {
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
        // `sha256sum` is coreutils'; without it the build is never taken as live.
        let listing = self.run_anywhere(&format!(
            "{setup}live=\"$(readlink {CURRENT} 2>/dev/null || true)\"\n\
             printf 'current=%s\\n' \"$live\"\n\
             if [ -n \"$live\" ]; then for f in {REGENCY_FILE} {REGENCY_FILE}{SIGNATURE_SUFFIX}; do\n\
               h=\"$(sha256sum 2>/dev/null <\"$live/$f\" | cut -c1-64 || true)\"\n\
               printf 'holds=%s\\n' \"$h\"\n\
             done; fi\n\
             ls -1A {RELEASES} 2>/dev/null || true"
        ))?;
        let mut lines = listing.lines();
        let live = lines
            .next()
            .and_then(|l| l.strip_prefix("current="))
            .and_then(releases::release_of_link);
        let mut sums = Vec::new();
        let mut rest = Vec::new();
        for line in lines {
            match line.strip_prefix("holds=") {
                Some(h) => sums.push(h.to_string()),
                None => rest.push(line.to_string()),
            }
        }
        let holds = match sums.as_slice() {
            [m, sig] if m.len() == 64 => Some((m.clone(), sig.clone())),
            _ => None,
        };
        Ok(State {
            all: releases::sorted(rest),
            live,
            holds,
        })
    }
}

/// What [`Remote::state`] found on the server.
struct State {
    /// Release ids, oldest first.
    all: Vec<String>,
    /// The one `current` names.
    live: Option<String>,
    /// What the live release holds (see [`super::holds`]), when it could be read.
    holds: Option<(String, String)>,
}

/// An `ssh` session holding the server's publish lock; dropping it lets go.
struct Session {
    child: std::process::Child,
    stdin: Option<std::process::ChildStdin>,
}

impl Drop for Session {
    fn drop(&mut self) {
        // End of input: the server's `cat` ends, and the lock with it.
        drop(self.stdin.take());
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while std::time::Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A message made safe to print from a server-side script inside `'...'`.
fn shell_text(message: &str) -> String {
    message.replace(['\'', '\n', '\\', '%'], " ")
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
