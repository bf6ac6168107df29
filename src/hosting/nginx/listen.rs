//! Where nginx listens and which paths it may be given, as the operator writes them on
//! the command line (`--http`, `--https`, `--webroot`, `--cert`, `--key`): parsed and
//! refused here, before anything is read.

use crate::registry::grammar::forbidden_in_text;
use crate::text::printable;
use std::net::SocketAddr;
use std::path::Path;

/// Where a server listens: a port (on IPv4 and IPv6) or an address and port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listen {
    Port(u16),
    Addr(SocketAddr),
}

impl Listen {
    /// Whether two listen settings take the same address and port (a bare port listens
    /// on every address).
    pub fn overlaps(self, other: Listen) -> bool {
        match (self, other) {
            (Listen::Port(a), Listen::Port(b)) => a == b,
            (Listen::Port(p), Listen::Addr(s)) | (Listen::Addr(s), Listen::Port(p)) => {
                s.port() == p
            }
            (Listen::Addr(a), Listen::Addr(b)) => a == b,
        }
    }

    /// Parses `--http`/`--https`: a port 1-65535 (`443`) or an address and port
    /// (`127.0.0.1:8443`, `[::1]:8443`).
    pub fn parse(text: &str) -> Result<Listen, String> {
        let listen = if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
            text.parse().map(Listen::Port).ok()
        } else {
            text.parse().map(Listen::Addr).ok()
        };
        match listen {
            Some(l) if l.problem().is_none() => Ok(l),
            Some(l) => Err(format!(
                "`{}`: {}",
                printable(text),
                l.problem().unwrap_or_default()
            )),
            None => Err(crate::msg!("nginx-listen-form", value = printable(text))),
        }
    }

    pub(super) fn problem(self) -> Option<String> {
        match self {
            Listen::Port(0) => Some(crate::msg!("nginx-listen-port-zero")),
            Listen::Addr(a) if a.port() == 0 => Some(crate::msg!("nginx-listen-port-zero")),
            Listen::Addr(SocketAddr::V6(a)) if a.scope_id() != 0 || a.flowinfo() != 0 => {
                Some(crate::msg!("nginx-listen-zone"))
            }
            _ => None,
        }
    }
}

/// Why a path given to `--webroot`, `--cert` or `--key` cannot be written into the
/// configuration: it must be absolute, UTF-8, and free of control characters and of `$`
/// (nginx reads `$` as the start of a variable, even inside quotes).
pub fn path_problem(path: &Path) -> Option<String> {
    let Some(text) = path.to_str() else {
        return Some(crate::msg!("nginx-path-not-utf8"));
    };
    if !path.is_absolute() {
        return Some(crate::msg!("nginx-path-relative"));
    }
    if let Some(c) = text.chars().find(|&c| forbidden_in_text(c) || c == '$') {
        return Some(crate::msg!(
            "nginx-path-character",
            code = format!("U+{:04X}", c as u32)
        ));
    }
    None
}
