//! The layout of a publishing destination, as pure rules: how a release is named, which
//! release `current` names, which one a rollback goes back to, which ones are pruned.
//!
//! ```text
//! DEST/releases/<id>/     one complete build output (the sites, laman-manifest.json)
//! DEST/releases/.partial-<id>/  a release being written; never named by `current`
//! DEST/current -> releases/<id>   the live release (a relative symbolic link)
//! ```
//!
//! A release id is the UTC time of the publish and the first 12 hexadecimal digits of
//! the SHA-256 of the regency manifest it holds: `20261126T073200Z-3f9a0c1b2d4e`. Ids
//! sort by time, and two releases of the same build are seen to be the same. This
//! module touches no file and reads no clock.

use crate::integrity::manifest::sha256_hex;

/// The folder holding every release.
pub const RELEASES: &str = "releases";
/// The symbolic link the web server serves through.
pub const CURRENT: &str = "current";
/// The name a release has while it is written.
pub const PARTIAL_PREFIX: &str = ".partial-";
/// The name a new `current` link has before it is renamed over the old one.
pub const NEXT_LINK_PREFIX: &str = ".current-";
/// How many releases are kept by default.
pub const DEFAULT_KEEP: usize = 5;

const TIME_LEN: usize = "20261126T073200Z".len();
const DIGEST_LEN: usize = 12;

/// The id of a release made at `now` of the build whose regency manifest is `manifest`.
pub fn release_id(now: jiff::Timestamp, manifest: &[u8]) -> String {
    format!(
        "{}-{}",
        now.strftime("%Y%m%dT%H%M%SZ"),
        &sha256_hex(manifest)[..DIGEST_LEN]
    )
}

/// Whether `name` is a release id (anything else in `releases/` is not laman's).
fn is_release_id(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() == TIME_LEN + 1 + DIGEST_LEN
        && b[..8].iter().all(u8::is_ascii_digit)
        && b[8] == b'T'
        && b[9..15].iter().all(u8::is_ascii_digit)
        && b[15] == b'Z'
        && b[16] == b'-'
        && b[17..]
            .iter()
            .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(c))
}

/// The release ids among `names`, oldest first.
pub fn sorted(names: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut ids: Vec<String> = names.into_iter().filter(|n| is_release_id(n)).collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The release a `current` link's target names (`releases/<id>`), if it names one.
pub fn release_of_link(target: &str) -> Option<String> {
    let id = target.trim_end_matches('/').strip_prefix("releases/")?;
    is_release_id(id).then(|| id.to_string())
}

/// The target a `current` link gets for release `id`.
pub fn link_target(id: &str) -> String {
    format!("{RELEASES}/{id}")
}

/// The release a rollback goes back to: the newest one older than `current`.
pub fn previous(releases: &[String], current: &str) -> Option<String> {
    releases
        .iter()
        .filter(|id| id.as_str() < current)
        .max()
        .cloned()
}

/// The releases to remove once `live` is current: all but the newest `keep` (the live
/// one always among those kept, and never removed).
pub fn to_prune(releases: &[String], keep: usize, live: &str) -> Vec<String> {
    let mut kept: Vec<&String> = releases.iter().rev().take(keep.max(1)).collect();
    if !kept.iter().any(|id| id.as_str() == live) {
        kept.pop();
    }
    releases
        .iter()
        .filter(|id| id.as_str() != live && !kept.contains(id))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("2026112{i}T000000Z-0123456789ab"))
            .collect()
    }

    #[test]
    fn an_id_is_the_time_and_the_manifest_digest() {
        let now: jiff::Timestamp = "2026-11-26T07:32:00Z".parse().unwrap();
        let id = release_id(now, b"{}");
        assert!(id.starts_with("20261126T073200Z-"), "{id}");
        assert!(is_release_id(&id));
        assert!(!is_release_id("current"));
        assert!(!is_release_id(".partial-20261126T073200Z-0123456789ab"));
    }

    #[test]
    fn rollback_goes_to_the_newest_older_release() {
        let all = ids(3);
        assert_eq!(previous(&all, &all[2]), Some(all[1].clone()));
        assert_eq!(previous(&all, &all[0]), None);
    }

    #[test]
    fn pruning_keeps_the_newest_and_the_live_one() {
        let all = ids(6);
        assert_eq!(to_prune(&all, 5, &all[5]), vec![all[0].clone()]);
        // Rolled back to the oldest: it stays, and one fewer of the newest is kept.
        let pruned = to_prune(&all, 2, &all[0]);
        assert_eq!(pruned, all[1..5].to_vec());
        assert_eq!(
            release_of_link("releases/20261120T000000Z-0123456789ab/"),
            Some(all[0].clone())
        );
    }
}
