//! Links: the host an address points at, the hosts a page may link to without a
//! warning (`*.go.id`, the regency's domain, `[integrity] link_hosts`), and the
//! addresses written in markdown.
//!
//! It must not fetch anything: hosts are compared as written.

/// Where links may go without a warning.
#[derive(Debug, Clone, Default)]
pub(super) struct Allowed {
    /// Hosts allowed exactly.
    exact: Vec<String>,
    /// Suffixes (`.go.id`, `.sukamajukab.go.id`): any host ending so.
    suffixes: Vec<String>,
}

impl Allowed {
    pub(super) fn new(link_hosts: &[String], regency_domain: &str) -> Allowed {
        let mut allowed = Allowed {
            exact: vec!["go.id".to_string()],
            suffixes: vec![".go.id".to_string()],
        };
        let regency = normal(regency_domain);
        if !regency.is_empty() {
            allowed.suffixes.push(format!(".{regency}"));
            allowed.exact.push(regency);
        }
        for entry in link_hosts {
            let entry = entry.trim();
            match entry.strip_prefix("*.") {
                Some(suffix) if !normal(suffix).is_empty() => {
                    allowed.suffixes.push(format!(".{}", normal(suffix)))
                }
                Some(_) => {}
                None if !normal(entry).is_empty() => allowed.exact.push(normal(entry)),
                None => {}
            }
        }
        allowed
    }

    pub(super) fn allows(&self, host: &str) -> bool {
        let host = normal(host);
        self.exact.contains(&host) || self.suffixes.iter().any(|s| host.ends_with(s))
    }
}

/// A host as compared: lower case, without a final dot.
fn normal(host: &str) -> String {
    host.trim().trim_end_matches('.').to_lowercase()
}

/// The host of an absolute (`http(s)://`, or `http:host` as browsers read it) or
/// protocol-relative (`//host`) address; `None` for a relative address, another scheme
/// (`mailto:`) or no host.
pub(super) fn host_of(address: &str) -> Option<String> {
    // Browsers drop tabs and line breaks inside addresses, and spaces around them.
    let cleaned: String = address
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(2048)
        .collect();
    let lower = cleaned.to_ascii_lowercase();
    let rest = if let Some(r) = lower.strip_prefix("https:") {
        r
    } else if let Some(r) = lower.strip_prefix("http:") {
        r
    } else if lower.starts_with("//") || lower.starts_with("\\\\") || lower.starts_with("/\\") {
        &lower
    } else {
        return None;
    };
    let rest = rest.trim_start_matches(['/', '\\']);
    let authority = rest.split(['/', '\\', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = if host_port.starts_with('[') {
        host_port.split(']').next().map(|h| format!("{h}]"))?
    } else {
        host_port.split(':').next().unwrap_or("").to_string()
    };
    let host = host.trim_end_matches('.').to_string();
    (!host.is_empty()).then_some(host)
}

/// The hosts of the addresses written in markdown (or any text): `http://` and
/// `https://` anywhere, `//host` after `(`, `<`, `=` or a quote. With the byte offset of
/// each address; at most [`super::MAX_HITS`] addresses a text.
pub(super) fn hosts_in_text(text: &str) -> Vec<(usize, String)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("//").map(|i| i + from) {
        from = i + 2;
        let start = if i >= 6 && bytes[i - 6..i].eq_ignore_ascii_case(b"https:") {
            i - 6
        } else if i >= 5 && bytes[i - 5..i].eq_ignore_ascii_case(b"http:") {
            i - 5
        } else if i > 0 && matches!(bytes[i - 1], b'(' | b'<' | b'=' | b'"' | b'\'') {
            i
        } else {
            continue;
        };
        let end = text[i + 2..]
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | '"' | '\'' | '<' | ']'))
            .map_or(text.len(), |e| e + i + 2);
        if let Some(host) = host_of(&text[start..end]).filter(|h| h.contains('.')) {
            found.push((start, host));
            if found.len() >= super::MAX_HITS {
                break;
            }
        }
        from = end.max(from);
    }
    found
}
