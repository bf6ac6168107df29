//! The Dinas's workflow on `domains.toml`: request, approve, suspend, revoke, reject.
//!
//! Every edit keeps the file's comments, order and layout (toml_edit), appends a history
//! entry, validates the result, and writes atomically (a temporary file renamed over
//! the registry). An edit is refused, leaving the file byte for byte as it was, when it
//! names an unknown label, makes an impossible transition, carries a bad value, would
//! add an error to the registry, or when the file changed while the edit was made.
//!
//! Concurrent edits are serialised by an advisory lock on the folder that holds the
//! registry, held from the read to the rename: two `laman domains` commands never both
//! report success with one edit lost. A hand edit made meanwhile (which takes no lock) is
//! still caught by comparing the file before the rename.
//!
//! This file reads, checks, locks and writes; the change to the document is
//! `document`'s.

mod document;
mod values;

use super::validate::{self, transition_allowed};
use super::{Kind, Registry, Status, FILE_NAME};
use crate::error::{Error, Result};
use crate::finding::{Code, Finding};
use jiff::civil::Date;
use std::collections::HashSet;
use std::path::Path;
use toml_edit::DocumentMut;

/// One step of the workflow.
#[derive(Debug, Clone)]
pub enum Action {
    Request {
        label: String,
        owner: String,
        contact: String,
        kind: Kind,
        purpose: Option<String>,
        /// The date of the OPD's letter (default: today).
        date: Option<String>,
    },
    Approve {
        label: String,
        decree: String,
        date: String,
        a: Vec<String>,
        aaaa: Vec<String>,
        cname: Option<String>,
        /// When the Dinas looks at the subdomain again.
        review: Option<String>,
    },
    Suspend {
        label: String,
        reason: String,
        /// The suspension's decree, when there is one, with its date.
        decree: Option<String>,
        /// The date of the suspension (the decree's, when there is one; default: today).
        date: Option<String>,
    },
    Revoke {
        label: String,
        decree: String,
        date: String,
        reason: String,
    },
    Reject {
        label: String,
        reason: String,
    },
}

impl Action {
    fn label(&self) -> &str {
        match self {
            Action::Request { label, .. }
            | Action::Approve { label, .. }
            | Action::Suspend { label, .. }
            | Action::Revoke { label, .. }
            | Action::Reject { label, .. } => label,
        }
    }

    fn status(&self) -> Status {
        match self {
            Action::Request { .. } => Status::Requested,
            Action::Approve { .. } => Status::Approved,
            Action::Suspend { .. } => Status::Suspended,
            Action::Revoke { .. } => Status::Revoked,
            Action::Reject { .. } => Status::Rejected,
        }
    }
}

/// What an accepted edit did: a sentence for people, and the warnings the new registry has.
#[derive(Debug)]
pub struct Applied {
    pub summary: String,
    pub warnings: Vec<Finding>,
}

/// Applies `action` to `<root>/domains.toml`; refused with the findings that say why, or
/// an I/O error when the file cannot be read or written.
pub fn apply(
    root: &Path,
    action: &Action,
    today: Date,
    has_content: &dyn Fn(&str) -> bool,
) -> Result<Applied> {
    let path = root.join(FILE_NAME);
    let _lock = lock(root)?;
    let original = crate::input::Area::new(root, "")
        .read(FILE_NAME)
        .map_err(Error::io(crate::msg!(
            "edit-cannot",
            file = path.display().to_string()
        )))?;
    let (before, mut doc) = parse(&original)?;
    let existing = step_allowed(&before, action)?;
    let summary = document::edit(&mut doc, existing, action, today)
        .map_err(|f| Error::refused(f.file(FILE_NAME)))?;
    let new_text = doc.to_string();
    let after = Registry::parse(&new_text, Path::new(FILE_NAME)).map_err(Error::Refused)?;
    let findings = no_error_added(&before, &after, today, has_content)?;
    commit(&path, &original, new_text.as_bytes())?;
    let warnings = findings
        .into_iter()
        .filter(|f| !f.is_error() && f.site.as_deref() == Some(action.label()))
        .collect();
    Ok(Applied { summary, warnings })
}

/// The registry as read before the edit: checked, and as a document to change.
fn parse(original: &[u8]) -> Result<(Registry, DocumentMut)> {
    let Ok(text) = std::str::from_utf8(original) else {
        return Err(refused(
            Code::RegistryParse,
            crate::msg!("edit-not-utf8"),
            &crate::msg!("read-not-utf8-help"),
        ));
    };
    let before = Registry::parse(text, Path::new(FILE_NAME)).map_err(Error::Refused)?;
    match text.parse() {
        Ok(doc) => Ok((before, doc)),
        Err(e) => Err(refused(
            Code::RegistryParse,
            e.to_string(),
            &crate::msg!("edit-syntax-help"),
        )),
    }
}

/// Whether the registry allows the step: the label is known (or new, for a request)
/// and the transition is one of the lifecycle's. Ok with the entry's index, if it has one.
fn step_allowed(before: &Registry, action: &Action) -> Result<Option<usize>> {
    let label = action.label();
    let existing = before
        .subdomains
        .iter()
        .position(|s| s.label.eq_ignore_ascii_case(label));
    let current = existing.map(|i| &before.subdomains[i]);
    let to = action.status();
    match (current, action) {
        (None, Action::Request { .. }) => {}
        (None, _) => {
            let labels = before.subdomains.iter().map(|s| s.label.as_str());
            let help = match crate::finding::closest(label, labels) {
                Some(near) => crate::msg!("edit-unknown-near", label = near),
                None => crate::msg!("edit-unknown-help"),
            };
            return Err(refused(
                Code::RegistryEditUnknown,
                crate::msg!("edit-unknown", label = label),
                &help,
            ));
        }
        (Some(sub), Action::Request { .. })
            if !matches!(sub.status, Status::Revoked | Status::Rejected) =>
        {
            return Err(refused_at(
                sub.line,
                Code::RegistryEditExists,
                crate::msg!("edit-exists", label = label, status = sub.status.word()),
                &crate::msg!("edit-exists-help"),
            ))
        }
        (Some(sub), _) if !transition_allowed(Some(sub.status), to) => {
            let help = match (sub.status, to) {
                (Status::Revoked | Status::Rejected, Status::Approved) => {
                    crate::msg!("edit-transition-again")
                }
                _ => validate::transitions_help(),
            };
            return Err(refused_at(
                sub.line,
                Code::RegistryEditTransition,
                crate::msg!(
                    "edit-transition",
                    label = label,
                    status = sub.status.word(),
                    to = to.word()
                ),
                &help,
            ));
        }
        _ => {}
    }
    Ok(existing)
}

/// The findings of the registry after the edit, unless the edit added an error.
fn no_error_added(
    before: &Registry,
    after: &Registry,
    today: Date,
    has_content: &dyn Fn(&str) -> bool,
) -> Result<Vec<Finding>> {
    // Refuse only what this edit adds: an already imperfect registry must stay editable.
    let key = |f: &Finding| (f.code, f.site.clone(), f.message.clone());
    let old: HashSet<_> = validate::validate(before, today, has_content)
        .iter()
        .map(key)
        .collect();
    let findings = validate::validate(after, today, has_content);
    let added: Vec<Finding> = findings
        .iter()
        .filter(|f| f.is_error() && !old.contains(&key(f)))
        .cloned()
        .collect();
    if !added.is_empty() {
        return Err(Error::Refused(added));
    }
    Ok(findings)
}

fn refused(code: Code, message: String, help: &str) -> Error {
    Error::refused(Finding::new(code, message).file(FILE_NAME).help(help))
}

fn refused_at(line: usize, code: Code, message: String, help: &str) -> Error {
    Error::refused(Finding::new(code, message).at(FILE_NAME, line).help(help))
}

/// How long an edit waits for another edit to finish before it gives up.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// Takes the registry's lock: an exclusive advisory lock (`flock`) on the registry's
/// folder, released when the returned handle is dropped (or the process ends, however it
/// ends). The folder, not `domains.toml`, is locked because an edit replaces the file: a
/// lock on the old file would not exclude an edit that opened the new one. Waits while
/// another edit holds it, up to [`LOCK_WAIT`], then refuses with a conflict.
fn lock(folder: &Path) -> Result<std::fs::File> {
    let cannot = || crate::msg!("edit-cannot-lock", folder = folder.display().to_string());
    let handle = std::fs::File::open(folder).map_err(Error::io(cannot()))?;
    let started = std::time::Instant::now();
    loop {
        match handle.try_lock() {
            Ok(()) => return Ok(handle),
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(cannot())(e)),
            Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(Error::refused(
                    Finding::new(
                        Code::RegistryEditConflict,
                        crate::msg!("edit-locked", seconds = LOCK_WAIT.as_secs()),
                    )
                    .file(FILE_NAME)
                    .help(crate::msg!("edit-locked-help")),
                ))
            }
        }
    }
}

/// Replaces the registry with `new`, unless it no longer holds `original` (another
/// edit got there first: refusing loses neither).
pub fn commit(path: &Path, original: &[u8], new: &[u8]) -> Result<()> {
    let cannot = || crate::msg!("cli-cannot-write", file = path.display().to_string());
    let dir = path.parent().unwrap_or(Path::new(""));
    let name = path
        .file_name()
        .map_or(FILE_NAME.into(), |n| n.to_string_lossy());
    let now = crate::input::Area::new(dir, "")
        .read(&name)
        .map_err(Error::io(cannot()))?;
    if now != original {
        return Err(Error::refused(
            Finding::new(Code::RegistryEditConflict, crate::msg!("edit-changed"))
                .file(FILE_NAME)
                .help(crate::msg!("edit-changed-help")),
        ));
    }
    crate::atomic::write(path, new).map_err(Error::io(cannot()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_since_it_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "# read\n").unwrap();
        let original = std::fs::read(&path).unwrap();
        std::fs::write(&path, "# someone else's edit\n").unwrap();
        let Err(Error::Refused(refused)) = commit(&path, &original, b"# ours\n") else {
            panic!("a changed file is refused");
        };
        assert_eq!(refused[0].code, Code::RegistryEditConflict);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "# someone else's edit\n"
        );
        commit(&path, b"# someone else's edit\n", b"# ours\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "# ours\n");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }
}
