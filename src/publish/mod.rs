//! `laman publish`: a finished build output onto the web server as a new release, made
//! live by switching one symbolic link, and `--rollback` to the release before.
//!
//! The destination is a local folder or `user@host:/path` reached with the system's
//! `ssh` and `rsync` (see [`ssh`]). Either way the same steps, in this order, so that a
//! publish killed at any point leaves `current` naming a complete release:
//! 1. refuse an output `build` did not finish, or that is stale ([`ready`]);
//! 2. write the release into `releases/.partial-<id>/`, hard-linking every file whose
//!    content is the same in the live release (so a release costs what changed);
//! 3. check the copy against the build (a SHA-256 of every file locally, an rsync
//!    `--checksum` comparison over SSH); a copy that differs is never made live;
//! 4. rename it to `releases/<id>/`, make a new link `.current-<id>` and rename it over
//!    `current` (one `rename`: readers see the old release or the new, never neither);
//! 5. remove releases beyond the newest `--keep` (never the live one).
//!
//! It publishes only what a build wrote, never builds, and never deletes `current`.
//! One publish at a time per destination: CI serialises them (see the CI files).

pub mod local;
pub mod ready;
pub mod releases;
pub mod ssh;
pub mod ssh_option;

use crate::error::Error;
use std::path::PathBuf;

/// Where releases go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dest {
    Local(PathBuf),
    /// `user@host` (or `host`, or an alias of `~/.ssh/config`) and an absolute path.
    Ssh {
        host: String,
        path: String,
    },
}

/// Reads `--to`: `HOST:/PATH` or `USER@HOST:/PATH` is SSH (as for rsync and scp); any
/// other text is a local folder.
pub fn parse_dest(text: &str) -> Result<Dest, String> {
    let remote = text
        .split_once(':')
        .filter(|(host, _)| !host.is_empty() && !host.contains('/'));
    let Some((host, path)) = remote else {
        if text.is_empty() {
            return Err(crate::msg!("publish-to-empty"));
        }
        return Ok(Dest::Local(PathBuf::from(text)));
    };
    let host_ok = !host.starts_with('-')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-@".contains(c));
    if !host_ok {
        return Err(crate::msg!("publish-bad-host", host = host));
    }
    let path_ok = path.starts_with('/')
        && path.len() > 1
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._/-".contains(c))
        && !path.split('/').any(|part| part == "..");
    if !path_ok {
        return Err(crate::msg!("publish-bad-path", path = path, host = host));
    }
    Ok(Dest::Ssh {
        host: host.to_string(),
        path: path.trim_end_matches('/').to_string(),
    })
}

/// How to publish.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Site domain names to take from the build; empty: the whole build.
    pub sites: Vec<String>,
    /// How many releases to keep (at least 1).
    pub keep: usize,
    /// Say what would happen; write nothing.
    pub dry_run: bool,
    pub ssh: ssh::SshOptions,
}

/// What a publish did (or, with `dry_run`, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    pub release: String,
    /// The release that was live before, if any.
    pub previous: Option<String>,
    /// Files in the new release.
    pub files: usize,
    /// Of those, files written anew (the rest are hard links of the previous release).
    pub copied: usize,
    /// Bytes written anew (locally) or sent (rsync's "Total bytes sent").
    pub bytes: u64,
    /// Files whose content was checked against the build after the copy.
    pub verified: usize,
    pub pruned: Vec<String>,
    pub dry_run: bool,
    /// The live release already holds this build (the same regency manifest and
    /// signature): nothing was published, so a `--rollback` always changes what is live.
    pub already_live: bool,
}

/// Publishes `ready` to `dest` as release `id`.
pub fn publish(
    dest: &Dest,
    ready: &ready::Ready,
    id: &str,
    options: &Options,
) -> Result<Outcome, Error> {
    for site in &options.sites {
        let plain = site
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        if !plain || !ready.manifest.sites.iter().any(|s| &s.site == site) {
            return Err(Error::Usage(crate::msg!(
                "publish-site-not-built",
                site = site.as_str(),
                out = ready.out.display().to_string()
            )));
        }
    }
    match dest {
        Dest::Local(path) => local::publish(path, ready, id, options),
        Dest::Ssh { host, path } => {
            ssh::Remote::new(host, path, &options.ssh)?.publish(ready, id, options)
        }
    }
}

/// Makes the release before the live one live again; returns (was live, now live).
pub fn rollback(dest: &Dest, ssh_options: &ssh::SshOptions) -> Result<(String, String), Error> {
    match dest {
        Dest::Local(path) => local::rollback(path),
        Dest::Ssh { host, path } => ssh::Remote::new(host, path, ssh_options)?.rollback(),
    }
}

/// The regency manifest of a `--site` release: the live one's sites, the chosen ones
/// (domain names) replaced by the build's.
pub fn compose(
    live: crate::integrity::manifest::RegencyManifest,
    built: &crate::integrity::manifest::RegencyManifest,
    sites: &[String],
) -> crate::integrity::manifest::RegencyManifest {
    let chosen = |site: &str| sites.iter().any(|s| s == site);
    let mut manifest = live;
    manifest.sites.retain(|s| !chosen(&s.site));
    manifest
        .sites
        .extend(built.sites.iter().filter(|s| chosen(&s.site)).cloned());
    manifest.sites.sort_by(|a, b| a.site.cmp(&b.site));
    manifest
}

/// What a release is known by, to tell whether a build is already live: the SHA-256 of
/// its regency manifest and of that manifest's signature (empty when there is none).
pub fn holds(manifest: &[u8], signature: Option<&[u8]>) -> (String, String) {
    use crate::integrity::manifest::sha256_hex;
    (
        sha256_hex(manifest),
        signature.map(sha256_hex).unwrap_or_default(),
    )
}

/// What the build in `ready` is known by (see [`holds`]).
pub fn build_holds(ready: &ready::Ready) -> (String, String) {
    use crate::integrity::manifest::{REGENCY_FILE, SIGNATURE_SUFFIX};
    let signature = std::fs::read(ready.out.join(format!("{REGENCY_FILE}{SIGNATURE_SUFFIX}"))).ok();
    holds(&ready.manifest_bytes, signature.as_deref())
}

fn no_live_release_for_sites() -> Error {
    Error::Usage(crate::msg!("publish-site-no-live"))
}

/// The release to go back to, or why there is none.
fn rollback_target(all: &[String], current: Option<&str>, shown: &str) -> Result<String, Error> {
    let Some(current) = current else {
        return Err(Error::Usage(crate::msg!("publish-no-live", to = shown)));
    };
    releases::previous(all, current).ok_or_else(|| {
        Error::Usage(crate::msg!(
            "publish-no-older",
            to = shown,
            current = current
        ))
    })
}

/// For tests of interrupted publishes: when `LAMAN_PUBLISH_PAUSE` names this point, says
/// so on stderr and waits to be killed. Points: `copied`, `verified`, `renamed`,
/// `linked`, `switched`.
fn checkpoint(point: &str) {
    if std::env::var("LAMAN_PUBLISH_PAUSE").is_ok_and(|p| p == point) {
        eprintln!("laman: paused at {point}");
        loop {
            std::thread::sleep(std::time::Duration::from_secs(1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_destination_is_a_folder_or_user_at_host_path() {
        assert_eq!(parse_dest("/srv/x"), Ok(Dest::Local("/srv/x".into())));
        assert_eq!(parse_dest("./a:b"), Ok(Dest::Local("./a:b".into())));
        assert_eq!(
            parse_dest("deploy@web1:/srv/laman/"),
            Ok(Dest::Ssh {
                host: "deploy@web1".into(),
                path: "/srv/laman".into()
            })
        );
        for bad in [
            "-oProxyCommand=x:/srv",
            "web:relative",
            "web:/srv/../etc",
            "web:/a b",
            "web:/$(x)",
        ] {
            assert!(parse_dest(bad).is_err(), "{bad}");
        }
    }
}
