//! `--ssh-option`: the few `ssh -o` options publishing needs, read as ssh reads them,
//! and nothing else.
//!
//! An allow-list, not a deny-list: ssh has many ways to turn its host-key check off
//! (`StrictHostKeyChecking` spelt `no`, `off`, `false`, `"no"`; `UserKnownHostsFile`
//! `/dev/null` or `none`; `KnownHostsCommand`) and to run a command on this machine
//! (`ProxyCommand`, `LocalCommand`, `PermitLocalCommand`, `Match exec`), and any list of
//! what to refuse misses one. Accepted: where the server is (`Port`, `AddressFamily`,
//! `HostKeyAlias`), how to log in (`IdentityFile`, `IdentitiesOnly`), which known_hosts
//! files hold its key (`UserKnownHostsFile`, regular files only), how long to wait
//! (`ConnectTimeout`, `ServerAliveInterval`, `ServerAliveCountMax`,
//! `ConnectionAttempts`), `Compression` and `LogLevel` (to see why a connection fails).
//! A jump host (`ProxyJump`) belongs in the CI user's `~/.ssh/config`, where its own host
//! key is checked by the same rules; on the command line ssh would not pass our options
//! on to it.
//!
//! Read as ssh reads an option line: the keyword in any case, then `=` or blanks, then
//! the arguments, each bare or in `"` or `'` quotes. Backslashes, `#`, control characters
//! and unbalanced quotes are refused rather than guessed at. What is accepted is written
//! back in one plain form (`Port=2222`) for ssh and rsync's `-e`. This module runs
//! nothing; it only reads text (and, for a known_hosts file, what kind of file it is).

use std::path::Path;

/// One accepted option: ssh's own spelling of the keyword, and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SshOption {
    pub keyword: &'static str,
    pub values: Vec<String>,
}

impl std::fmt::Display for SshOption {
    /// The form given to `ssh -o`: `Keyword=value`, an argument with a blank in `"`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let values: Vec<String> = self
            .values
            .iter()
            .map(|v| {
                if v.contains([' ', '\t']) {
                    format!("\"{v}\"")
                } else {
                    v.clone()
                }
            })
            .collect();
        write!(f, "{}={}", self.keyword, values.join(" "))
    }
}

/// What each accepted keyword takes.
#[derive(Clone, Copy)]
enum Takes {
    /// One whole number in this range.
    Number(u32, u32),
    /// One of these words (any case, written back in this case).
    Word(&'static [&'static str]),
    /// One path.
    Path,
    /// One or more known_hosts files: regular files (or not there yet), never a device.
    KnownHosts,
    /// One host name or alias.
    Name,
}

const YES_NO: &[&str] = &["yes", "no"];

/// The allow-list: ssh's spelling, and what it takes.
const ALLOWED: &[(&str, Takes)] = &[
    ("Port", Takes::Number(1, 65535)),
    ("ConnectTimeout", Takes::Number(1, 600)),
    ("ServerAliveInterval", Takes::Number(0, 3600)),
    ("ServerAliveCountMax", Takes::Number(1, 100)),
    ("ConnectionAttempts", Takes::Number(1, 10)),
    ("IdentityFile", Takes::Path),
    ("IdentitiesOnly", Takes::Word(YES_NO)),
    ("UserKnownHostsFile", Takes::KnownHosts),
    ("HostKeyAlias", Takes::Name),
    ("AddressFamily", Takes::Word(&["any", "inet", "inet6"])),
    ("Compression", Takes::Word(YES_NO)),
    (
        "LogLevel",
        Takes::Word(&[
            "QUIET", "FATAL", "ERROR", "INFO", "VERBOSE", "DEBUG", "DEBUG1", "DEBUG2", "DEBUG3",
        ]),
    ),
];

/// Keywords refused for a reason of their own (lowercase): what they would do.
const CHECK_OFF: &[&str] = &[
    "stricthostkeychecking",
    "globalknownhostsfile",
    "knownhostscommand",
    "checkhostip",
    "verifyhostkeydns",
    "updatehostkeys",
    "batchmode",
];
const RUNS_COMMAND: &[&str] = &[
    "proxycommand",
    "localcommand",
    "permitlocalcommand",
    "proxyjump",
    "proxyusefdpass",
    "match",
    "include",
    "remotecommand",
    "sessiontype",
    "controlpath",
    "controlmaster",
    "controlpersist",
    "localforward",
    "remoteforward",
    "dynamicforward",
    "forwardagent",
    "forwardx11",
    "securitykeyprovider",
    "pkcs11provider",
    "identityagent",
    "sendenv",
    "setenv",
];

/// The keywords accepted, for messages.
pub fn accepted() -> String {
    ALLOWED
        .iter()
        .map(|(k, _)| *k)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads one `--ssh-option` (clap's value parser): the option, or why it is refused.
pub fn parse(text: &str) -> Result<SshOption, String> {
    let shown = crate::text::clipped(text);
    let refuse =
        |why: String| crate::msg!("ssh-option-refused", option = shown.as_str(), why = why);
    let (keyword, values) = split(text).map_err(refuse)?;
    let lower = keyword.to_ascii_lowercase();
    let Some((keyword, takes)) = ALLOWED
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(&keyword))
        .copied()
    else {
        let why = if CHECK_OFF.contains(&lower.as_str()) {
            crate::msg!("ssh-option-check-off")
        } else if RUNS_COMMAND.contains(&lower.as_str()) {
            crate::msg!("ssh-option-runs")
        } else {
            crate::msg!("ssh-option-unknown")
        };
        return Err(refuse(format!(
            "{why}; {}",
            crate::msg!("ssh-option-accepted", list = accepted())
        )));
    };
    let values = check_values(keyword, takes, values).map_err(refuse)?;
    Ok(SshOption { keyword, values })
}

/// The keyword and the arguments of an option line, unquoted.
fn split(text: &str) -> Result<(String, Vec<String>), String> {
    if text.chars().any(|c| c.is_control() && c != '\t') {
        return Err(crate::msg!("ssh-option-control"));
    }
    // ssh reads `\` as an escape (in quotes too) and `#` as a comment: refused anywhere.
    if text.contains(['\\', '#']) {
        return Err(crate::msg!("ssh-option-escape"));
    }
    let blank = |c: char| c == ' ' || c == '\t';
    let text = text.trim_start_matches(blank);
    let end = text
        .find(|c: char| blank(c) || c == '=')
        .unwrap_or(text.len());
    let (keyword, rest) = text.split_at(end);
    if keyword.is_empty() || !keyword.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(crate::msg!("ssh-option-form"));
    }
    // As ssh: blanks, at most one `=`, blanks.
    let rest = rest.trim_start_matches(blank);
    let rest = rest
        .strip_prefix('=')
        .unwrap_or(rest)
        .trim_start_matches(blank);
    let mut values = Vec::new();
    let mut chars = rest.chars().peekable();
    loop {
        while chars.next_if(|c| blank(*c)).is_some() {}
        if chars.peek().is_none() {
            break;
        }
        let mut value = String::new();
        while let Some(c) = chars.next_if(|c| !blank(*c)) {
            match c {
                '"' | '\'' => loop {
                    match chars.next() {
                        None => return Err(crate::msg!("ssh-option-quote")),
                        Some(q) if q == c => break,
                        Some(other) => value.push(other),
                    }
                },
                other => value.push(other),
            }
        }
        values.push(value);
    }
    if values.is_empty() {
        return Err(crate::msg!("ssh-option-no-value"));
    }
    Ok((keyword.to_string(), values))
}

fn check_values(keyword: &str, takes: Takes, values: Vec<String>) -> Result<Vec<String>, String> {
    let one = |values: &[String]| -> Result<String, String> {
        match values {
            [v] => Ok(v.clone()),
            _ => Err(crate::msg!("ssh-option-one-value", keyword = keyword)),
        }
    };
    // Every argument ends up inside `'...'` (rsync's -e) and `"..."` (blanks).
    if values
        .iter()
        .any(|v| v.is_empty() || v.contains(['\'', '"']))
    {
        return Err(crate::msg!("ssh-option-quote"));
    }
    match takes {
        Takes::Number(low, high) => {
            let v = one(&values)?;
            match v.parse::<u32>() {
                Ok(n) if (low..=high).contains(&n) && !v.starts_with('+') => {
                    Ok(vec![n.to_string()])
                }
                _ => Err(crate::msg!(
                    "ssh-option-number",
                    keyword = keyword,
                    low = low.to_string(),
                    high = high.to_string()
                )),
            }
        }
        Takes::Word(words) => {
            let v = one(&values)?;
            match words.iter().find(|w| w.eq_ignore_ascii_case(&v)) {
                Some(w) => Ok(vec![w.to_string()]),
                None => Err(crate::msg!(
                    "ssh-option-word",
                    keyword = keyword,
                    words = words.join(", ")
                )),
            }
        }
        Takes::Path => {
            let v = one(&values)?;
            // `none` is ssh's word for no file; a device is never a key.
            known_hosts_problem(&v)
                .map_err(|_| crate::msg!("ssh-option-path", keyword = keyword))?;
            Ok(vec![v])
        }
        Takes::KnownHosts => {
            for v in &values {
                known_hosts_problem(v)?;
            }
            Ok(values)
        }
        Takes::Name => {
            let v = one(&values)?;
            let plain = !v.starts_with('-')
                && !v.eq_ignore_ascii_case("none")
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-_:[]".contains(c));
            if !plain {
                return Err(crate::msg!("ssh-option-name", keyword = keyword));
            }
            Ok(vec![v])
        }
    }
}

/// Why a known_hosts file (`--known-hosts`, `UserKnownHostsFile`) would not hold the
/// server's key: `none`, a device such as `/dev/null` (by any path), a name ssh would
/// expand into something else (`%`, `~user`). A file not there yet is fine: ssh then
/// knows no key and refuses the server, which is safe.
pub fn known_hosts_problem(path: &str) -> Result<(), String> {
    let refuse = || crate::msg!("ssh-known-hosts-refused", path = crate::text::clipped(path));
    if path.eq_ignore_ascii_case("none") || path.contains('%') || path.is_empty() {
        return Err(refuse());
    }
    let expanded = match path.strip_prefix('~') {
        None => path.to_string(),
        Some(rest) if rest.is_empty() || rest.starts_with('/') => {
            let home = std::env::var("HOME").map_err(|_| refuse())?;
            format!("{home}{rest}")
        }
        Some(_) => return Err(refuse()),
    };
    match std::fs::metadata(Path::new(&expanded)) {
        Ok(meta) if !meta.is_file() => Err(refuse()),
        _ if expanded.starts_with("/dev/") || expanded.starts_with("/proc/") => Err(refuse()),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ok(text: &str) -> String {
        parse(text)
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .to_string()
    }

    #[test]
    fn the_options_publishing_needs_are_read_as_ssh_reads_them() {
        assert_eq!(ok("Port=2222"), "Port=2222");
        assert_eq!(ok("port 2222"), "Port=2222");
        assert_eq!(ok("  PORT = \"2222\""), "Port=2222");
        assert_eq!(ok("connecttimeout\t'30'"), "ConnectTimeout=30");
        assert_eq!(ok("ServerAliveInterval=0"), "ServerAliveInterval=0");
        assert_eq!(ok("identitiesonly=YES"), "IdentitiesOnly=yes");
        assert_eq!(
            ok("IdentityFile=\"/home/ci/my key\""),
            "IdentityFile=\"/home/ci/my key\""
        );
        assert_eq!(
            ok("UserKnownHostsFile /etc/laman/known_hosts ~/.ssh/known_hosts"),
            "UserKnownHostsFile=/etc/laman/known_hosts ~/.ssh/known_hosts"
        );
        assert_eq!(
            ok("hostkeyalias=web1.sukamajukab.go.id"),
            "HostKeyAlias=web1.sukamajukab.go.id"
        );
        assert_eq!(ok("LogLevel=debug"), "LogLevel=DEBUG");
    }

    #[test]
    fn what_turns_the_host_key_check_off_or_runs_a_command_is_refused() {
        for bad in [
            "StrictHostKeyChecking=no",
            "StrictHostKeyChecking=false",
            "StrictHostKeyChecking=\"no\"",
            "stricthostkeychecking off",
            "StrictHostKeyChecking=accept-new",
            "UserKnownHostsFile=/dev/null",
            "userknownhostsfile '/dev/null'",
            "UserKnownHostsFile=/tmp/../dev/null",
            "UserKnownHostsFile=none",
            "UserKnownHostsFile=%d/../../dev/null",
            "UserKnownHostsFile=/etc",
            "UserKnownHostsFile ~/.ssh/known_hosts /dev/zero",
            "GlobalKnownHostsFile=/dev/null",
            "KnownHostsCommand=/bin/echo",
            "ProxyCommand=touch /tmp/owned",
            "proxycommand \"sh -c id\"",
            "LocalCommand=id",
            "PermitLocalCommand=yes",
            "ProxyJump=bastion",
            "BatchMode=no",
            "Match exec id",
            "Port=22 ProxyCommand=id",
            "Port=0",
            "Port=65536",
            "Port=+22",
            "Port=",
            "Port",
            "Port=\"22",
            "Port=2\\2",
            "Port=22 # comment",
            "Port=22\nProxyCommand=id",
            "-oProxyCommand=id",
            "=22",
            "HostKeyAlias=-oProxyCommand=id",
            "IdentityFile=it's",
            "IdentityFile=none",
            "Compression=maybe",
            "",
        ] {
            assert!(
                parse(bad).is_err(),
                "{bad:?} was accepted: {:?}",
                parse(bad)
            );
        }
        let e = parse("StrictHostKeyChecking=false").unwrap_err();
        assert!(
            e.contains("Port"),
            "the message lists what is accepted: {e}"
        );
    }

    /// Keywords and spellings of each kind the generators mix.
    fn keyword() -> impl Strategy<Value = String> {
        let known: Vec<String> = ALLOWED
            .iter()
            .map(|(k, _)| k.to_string())
            .chain(CHECK_OFF.iter().chain(RUNS_COMMAND).map(|k| k.to_string()))
            .collect();
        (proptest::sample::select(known), any::<u64>()).prop_map(|(k, seed)| {
            // Any mix of case, as ssh accepts.
            k.chars()
                .enumerate()
                .map(|(i, c)| {
                    if seed >> (i % 64) & 1 == 1 {
                        c.to_ascii_uppercase()
                    } else {
                        c.to_ascii_lowercase()
                    }
                })
                .collect()
        })
    }

    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("no".to_string()),
            Just("/dev/null".to_string()),
            Just("none".to_string()),
            Just("22".to_string()),
            Just("yes".to_string()),
            "[a-z0-9/ .~%=\"'#\\\\-]{0,16}",
            any::<String>(),
        ]
    }

    proptest! {
        /// Whatever the spelling: an option is accepted only when its keyword is on
        /// the allow-list, and what is given to ssh then reads back as the same option
        /// with a keyword on the list, a value with no quote, and no line break.
        #[test]
        fn only_allowed_keywords_pass_and_their_form_reads_back(
            k in keyword(),
            sep in prop_oneof![Just("="), Just(" "), Just(" = "), Just("\t")],
            v in value(),
            quote in prop_oneof![Just(""), Just("\""), Just("'")],
        ) {
            let text = format!("{k}{sep}{quote}{v}{quote}");
            if let Ok(option) = parse(&text) {
                prop_assert!(ALLOWED.iter().any(|(a, _)| *a == option.keyword));
                let lower = k.to_ascii_lowercase();
                prop_assert!(!CHECK_OFF.contains(&lower.as_str()));
                prop_assert!(!RUNS_COMMAND.contains(&lower.as_str()));
                let written = option.to_string();
                prop_assert!(!written.contains(['\'', '\n', '\\', '#']));
                prop_assert_eq!(parse(&written), Ok(option.clone()));
                for v in &option.values {
                    prop_assert!(v != "/dev/null" && !v.eq_ignore_ascii_case("none"));
                }
            }
        }

        /// Nothing panics, whatever the text.
        #[test]
        fn any_text_is_read_or_refused(text in any::<String>()) {
            let _ = parse(&text);
        }
    }
}
