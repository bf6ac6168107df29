//! How laman's commands reach the server: a script run by `sh -s` over `ssh` (on stdin,
//! so nothing is quoted through a remote shell), files copied by `rsync` over the same
//! `ssh`, and what their failures and `--stats` say.
//!
//! What the scripts do is [`super`]'s; this file only carries them.

use super::Remote;
use crate::error::Error;
use std::process::{Command, Stdio};

impl Remote {
    /// Runs `script` on the server in the destination folder.
    pub(super) fn run(&self, script: &str) -> Result<String, Error> {
        self.run_anywhere(&format!("cd '{}'\n{script}", self.path))
    }

    /// A shell on the server (`ssh ... -- HOST sh -s`) that reads its script on stdin,
    /// with every stream piped.
    pub(super) fn shell(&self) -> Result<std::process::Child, Error> {
        Command::new("ssh")
            .args(&self.ssh)
            .arg("--")
            .arg(&self.host)
            .arg("sh -s")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(Error::io(crate::msg!("ssh-cannot-run-ssh")))
    }

    /// Runs `script` on the server (`sh -s`, the script on stdin).
    pub(super) fn run_anywhere(&self, script: &str) -> Result<String, Error> {
        let full = format!("set -eu\numask 022\n{script}\n");
        let mut child = self.shell()?;
        if let Some(mut stdin) = child.stdin.take() {
            use std::io::Write;
            let _ = stdin.write_all(full.as_bytes());
        }
        let out = child.wait_with_output().map_err(self.no_answer())?;
        if !out.status.success() {
            return Err(self.failed("ssh", &out.stderr));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Runs rsync from `from` here to `to` on the server; returns its stdout.
    pub(super) fn rsync(&self, from: &str, to: &str, extra: &[String]) -> Result<String, Error> {
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

    /// For `map_err`: what ssh answered could not be read (waiting for it failed).
    pub(super) fn no_answer(&self) -> impl FnOnce(std::io::Error) -> Error {
        Error::io(crate::msg!(
            "ssh-no-answer",
            to = format!("{}:{}", self.host, self.path)
        ))
    }

    pub(super) fn failed(&self, program: &str, stderr: &[u8]) -> Error {
        let said = String::from_utf8_lossy(stderr).trim().to_string();
        // laman's own scripts on the server say what is wrong themselves.
        if let Some(own) = said.lines().find_map(|l| l.strip_prefix("laman: ")) {
            return Error::Usage(own.to_string());
        }
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

/// The regular files rsync's `--stats` counted (`Number of files: 400 (reg: 276, dir: 124)`).
pub(super) fn reg_files(stats: &str) -> usize {
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
pub(super) fn stat(stats: &str, label: &str) -> u64 {
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
