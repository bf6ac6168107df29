//! Why a command did not do its work: the one error type of the library.
//!
//! Two kinds of "no": the command could not run at all ([`Error::Usage`], [`Error::Io`]:
//! exit status 2), or it ran and found problems that stop it ([`Error::Refused`], with
//! the findings that say which: exit status 1). Findings that do not stop a command
//! travel in its report instead. The source of an I/O failure is kept, never flattened
//! into a string. This module prints nothing.

use crate::finding::Finding;

/// The boxed cause of a failure that is not an [`std::io::Error`] (a resolver, a watcher).
pub type Cause = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The arguments name something that is not there or is not allowed.
    #[error("{0}")]
    Usage(String),
    /// Reading, writing or starting something failed; `what` says what was tried.
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: Cause,
    },
    /// The command ran and found problems that stop it.
    #[error("{}", crate::msg!("error-refused", count = .0.len()))]
    Refused(Vec<Finding>),
}

impl Error {
    /// For `map_err`: an I/O (or other) failure while doing `what`.
    pub fn io<E: Into<Cause>>(what: impl std::fmt::Display) -> impl FnOnce(E) -> Error {
        let what = what.to_string();
        move |source| Error::Io {
            what,
            source: source.into(),
        }
    }

    /// One finding that stops the command.
    pub fn refused(finding: Finding) -> Error {
        Error::Refused(vec![finding])
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
