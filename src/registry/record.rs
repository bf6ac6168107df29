//! The regency's other DNS records, `[[record]]` in domains.toml: mail (MX), text (TXT:
//! SPF, DMARC, DKIM, site verification), certificate authority authorisation (CAA),
//! services (SRV), and addresses or aliases (A, AAAA, CNAME) of names no OPD holds
//! (`mail`, `webmail`).
//!
//! Each value is read by the grammar of its type into [`Data`], and only [`Data`] is
//! written into the zone ([`Data::presentation`]): a value that does not parse is
//! refused with the reason, never written as it was given, so no value can break out of
//! the master file's syntax. Host names in values are always fully qualified (a trailing
//! dot is optional, as everywhere in domains.toml): the classic zone mistake of
//! `mail.example.go.id` without its dot becoming `mail.example.go.id.example.go.id.`
//! cannot happen. TXT values are the text itself, without quotes: laman splits it into
//! strings of at most 255 bytes and escapes it.
//!
//! Pure: no I/O. It must not judge where a record may stand (beside a subdomain, a
//! CNAME, outside the data center): that is [`super::validate`]'s.

use super::grammar::forbidden_in_text;
use super::hostname::hostname_problem;
use crate::msg;
use crate::registry::hostname::normalize_host;
use crate::text::printable;
use std::fmt::Write;
use std::net::{Ipv4Addr, Ipv6Addr};

/// The types a `[[record]]` may have, in the order the zone writes them.
pub const TYPES: [&str; 7] = ["A", "AAAA", "CNAME", "MX", "TXT", "CAA", "SRV"];

/// The longest TXT text, in bytes: a 4096-bit DKIM key with room to spare, far below
/// what one DNS message can carry.
pub const TXT_MAX: usize = 2048;

/// One `[[record]]` table as read from the registry.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ZoneRecord {
    /// `@` or a name relative to the domain, as written.
    pub name: String,
    #[serde(rename = "type")]
    pub rtype: String,
    pub value: String,
    pub ttl: Option<u32>,
    pub comment: Option<String>,
    /// The line of the `[[record]]` header, for findings.
    #[serde(skip)]
    pub line: usize,
}

/// A record's value read by the grammar of its type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Data {
    A(Ipv4Addr),
    Aaaa(Ipv6Addr),
    /// The target, fully qualified, lowercase, without the trailing dot.
    Cname(String),
    /// Preference and exchange (`.` for a null MX, RFC 7505).
    Mx(u16, String),
    /// The text's bytes, whole: the zone splits them into strings.
    Txt(Vec<u8>),
    /// Flags, tag (lowercase), value.
    Caa(u8, String, String),
    /// Priority, weight, port, target (`.`: the service is not offered).
    Srv(u16, u16, u16, String),
}

impl ZoneRecord {
    /// The record type, upper case.
    pub fn kind(&self) -> String {
        // As written, like the name: a type with a blank, visible or not (U+0085), is
        // refused, never silently made into another.
        self.rtype.to_ascii_uppercase()
    }

    /// The name as the zone writes it: `@` or relative, lowercase.
    pub fn owner(&self) -> String {
        let name = self.name.trim_ascii().to_ascii_lowercase();
        if name.is_empty() {
            "@".into()
        } else {
            name
        }
    }

    /// The fully qualified name, lowercase, without the trailing dot.
    pub fn fqdn(&self, domain: &str) -> String {
        let domain = normalize_host(domain);
        match self.owner().as_str() {
            "@" => domain,
            rel => format!("{rel}.{domain}"),
        }
    }

    /// The value by the grammar of its type, or why it does not fit.
    pub fn data(&self) -> Result<Data, String> {
        parse(&self.kind(), &self.value)
    }
}

/// Why a record name is not `@` or a name relative to the domain: labels of letters,
/// digits, `-` and `_` (`mail`, `_dmarc`, `selector1._domainkey`, `_sip._tls`), no
/// wildcard (every name in the zone is there by the Dinas's decision), not written as the
/// full name.
pub fn name_problem(name: &str, domain: &str) -> Option<String> {
    let domain = normalize_host(domain);
    let lower = name.to_ascii_lowercase();
    if lower == "@" {
        return None;
    }
    if lower.trim_end_matches('.') == domain
        || lower.ends_with(&format!(".{domain}"))
        || lower.ends_with(&format!(".{domain}."))
    {
        return Some(msg!("zrecord-name-full", name = printable(name)));
    }
    if lower.ends_with('.') {
        return Some(msg!("zrecord-name-dot", name = printable(name)));
    }
    if lower.len() + 1 + domain.len() > 253 {
        return Some(msg!("host-length"));
    }
    for part in lower.split('.') {
        if part == "*" {
            return Some(msg!("zrecord-name-wildcard"));
        }
        if part.is_empty() || part.len() > 63 {
            return Some(msg!("zrecord-name-label", name = printable(name)));
        }
        if let Some(c) = part
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_')))
        {
            return Some(msg!(
                "zrecord-name-char",
                name = printable(name),
                char = printable(&c.to_string())
            ));
        }
        if part.starts_with('-') || part.ends_with('-') {
            return Some(msg!("zrecord-name-label", name = printable(name)));
        }
    }
    None
}

/// Reads `value` by the grammar of record type `kind` (upper case).
pub fn parse(kind: &str, value: &str) -> Result<Data, String> {
    if kind != "TXT" {
        if let Some(c) = value.chars().find(|&c| forbidden_in_text(c)) {
            return Err(msg!(
                "grammar-control",
                char = format!("U+{:04X}", c as u32)
            ));
        }
    }
    let fields: Vec<&str> = value.split_ascii_whitespace().collect();
    let count = |n: usize, form: &str| {
        if fields.len() == n {
            Ok(())
        } else {
            Err(msg!("zrecord-form", kind = kind, form = form))
        }
    };
    match kind {
        "A" => {
            count(1, "203.0.113.25")?;
            fields[0].parse().map(Data::A).map_err(|_| {
                msg!(
                    "zrecord-not-address",
                    value = printable(value),
                    family = "IPv4"
                )
            })
        }
        "AAAA" => {
            count(1, "2001:db8:10::25")?;
            fields[0].parse().map(Data::Aaaa).map_err(|_| {
                msg!(
                    "zrecord-not-address",
                    value = printable(value),
                    family = "IPv6"
                )
            })
        }
        "CNAME" => {
            count(1, "mail.example.go.id.")?;
            host(fields[0], false).map(Data::Cname)
        }
        "MX" => {
            count(2, "10 mail.example.go.id.")?;
            Ok(Data::Mx(
                number(fields[0], u16::MAX)?,
                host(fields[1], true)?,
            ))
        }
        "SRV" => {
            count(4, "10 5 5060 sip.example.go.id.")?;
            Ok(Data::Srv(
                number(fields[0], u16::MAX)?,
                number(fields[1], u16::MAX)?,
                number(fields[2], u16::MAX)?,
                host(fields[3], true)?,
            ))
        }
        "CAA" => caa(value),
        "TXT" => txt(value),
        other => Err(msg!(
            "zrecord-type",
            kind = printable(other),
            types = TYPES.join(", ")
        )),
    }
}

/// A decimal number of at most `max`.
fn number<T: TryFrom<u64>>(text: &str, max: u16) -> Result<T, String> {
    let bad = || msg!("zrecord-number", value = printable(text), max = max);
    if text.is_empty() || text.len() > 5 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let n: u64 = text.parse().map_err(|_| bad())?;
    if n > u64::from(max) {
        return Err(bad());
    }
    T::try_from(n).map_err(|_| bad())
}

/// A fully qualified host name (`.` alone where `root` allows it: null MX, no SRV
/// service), lowercase, without the trailing dot.
fn host(text: &str, root: bool) -> Result<String, String> {
    if text == "." && root {
        return Ok(".".into());
    }
    if let Some(why) = hostname_problem(text) {
        return Err(msg!("zrecord-host", host = printable(text), why = why));
    }
    let name = normalize_host(text);
    if !name.contains('.') {
        return Err(msg!("zrecord-host-relative", host = printable(text)));
    }
    Ok(name)
}

/// `FLAGS TAG VALUE`: flags 0 to 255, a tag of letters and digits (`issue`,
/// `issuewild`, `iodef`), the value with or without its quotes, printable ASCII without
/// `"` or `\` inside.
fn caa(value: &str) -> Result<Data, String> {
    let form = "0 issue \"letsencrypt.org\"";
    let bad = || msg!("zrecord-form", kind = "CAA", form = form);
    let value = value.trim();
    let (flags, rest) = value.split_once(char::is_whitespace).ok_or_else(bad)?;
    let (tag, rest) = rest
        .trim_start()
        .split_once(char::is_whitespace)
        .ok_or_else(bad)?;
    let flags: u8 = number(flags, 255)?;
    if tag.is_empty() || tag.len() > 15 || !tag.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(msg!("zrecord-caa-tag", tag = printable(tag)));
    }
    let rest = rest.trim();
    let inner = match rest.strip_prefix('"') {
        Some(r) => r.strip_suffix('"').ok_or_else(bad)?,
        None => rest,
    };
    if let Some(c) = inner
        .chars()
        .find(|&c| !(c.is_ascii_graphic() || c == ' ') || c == '"' || c == '\\')
    {
        return Err(msg!("zrecord-caa-value", char = printable(&c.to_string())));
    }
    Ok(Data::Caa(
        flags,
        tag.to_ascii_lowercase(),
        inner.to_string(),
    ))
}

/// The text of a TXT record: anything but control characters, at most [`TXT_MAX`]
/// bytes, written without the quotes of a zone file (a value in quotes is refused: the
/// quotes would become part of the text, and an SPF record in quotes is no SPF record).
fn txt(value: &str) -> Result<Data, String> {
    if value.is_empty() {
        return Err(msg!("grammar-empty"));
    }
    if value.len() > 2 && value.starts_with('"') && value.ends_with('"') {
        return Err(msg!("zrecord-txt-quoted"));
    }
    if let Some(c) = value.chars().find(|&c| forbidden_in_text(c)) {
        return Err(msg!(
            "grammar-control",
            char = format!("U+{:04X}", c as u32)
        ));
    }
    if value.len() > TXT_MAX {
        return Err(msg!("grammar-too-long", count = value.len(), max = TXT_MAX));
    }
    Ok(Data::Txt(value.as_bytes().to_vec()))
}

impl Data {
    /// The record data as the zone's master file writes it (RFC 1035 section 5.1).
    /// Host names are written fully qualified; TXT text as quoted strings of at most 255
    /// bytes, `"` and `\` escaped and every byte outside printable ASCII as `\DDD`, so
    /// that no byte of a value is read as zone syntax.
    pub fn presentation(&self) -> String {
        let fq = |h: &str| {
            if h == "." {
                ".".to_string()
            } else {
                format!("{h}.")
            }
        };
        match self {
            Data::A(a) => a.to_string(),
            Data::Aaaa(a) => a.to_string(),
            Data::Cname(h) => fq(h),
            Data::Mx(p, h) => format!("{p} {}", fq(h)),
            Data::Srv(p, w, port, h) => format!("{p} {w} {port} {}", fq(h)),
            Data::Caa(f, tag, v) => format!("{f} {tag} \"{v}\""),
            Data::Txt(bytes) => bytes.chunks(255).map(quoted).collect::<Vec<_>>().join(" "),
        }
    }
}

/// One character-string of a master file, quoted and escaped.
fn quoted(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() + 2);
    s.push('"');
    for &b in bytes {
        match b {
            b'"' | b'\\' => {
                s.push('\\');
                s.push(b as char);
            }
            0x20..=0x7e => s.push(b as char),
            _ => {
                let _ = write!(s, "\\{b:03}");
            }
        }
    }
    s.push('"');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_type_reads_its_own_grammar() {
        let ok = [
            ("A", "203.0.113.25", "203.0.113.25"),
            ("AAAA", "2001:DB8:10::25", "2001:db8:10::25"),
            ("CNAME", "Mail.Example.Go.Id", "mail.example.go.id."),
            ("MX", "10 mail.example.go.id.", "10 mail.example.go.id."),
            ("MX", "0 .", "0 ."),
            (
                "SRV",
                "10 5 5060 sip.example.go.id",
                "10 5 5060 sip.example.go.id.",
            ),
            (
                "CAA",
                "0 issue \"letsencrypt.org\"",
                "0 issue \"letsencrypt.org\"",
            ),
            ("CAA", "128 ISSUEWILD ;", "128 issuewild \";\""),
            (
                "CAA",
                "0 iodef \"mailto:csirt@example.go.id\"",
                "0 iodef \"mailto:csirt@example.go.id\"",
            ),
            ("TXT", "v=spf1 mx -all", "\"v=spf1 mx -all\""),
            ("TXT", "a \"b\" \\c ;d", "\"a \\\"b\\\" \\\\c ;d\""),
            ("TXT", "Désa", "\"D\\195\\169sa\""),
        ];
        for (kind, value, written) in ok {
            let data = parse(kind, value).unwrap_or_else(|e| panic!("{kind} {value}: {e}"));
            assert_eq!(data.presentation(), written, "{kind} {value}");
        }
        let bad = [
            ("A", "203.0.113.256"),
            ("A", "203.0.113.1 203.0.113.2"),
            ("AAAA", "203.0.113.1"),
            ("CNAME", "mail"),
            ("CNAME", "mail.example.go.id\n@ IN NS evil."),
            ("MX", "mail.example.go.id."),
            ("MX", "65536 mail.example.go.id."),
            ("MX", "-1 mail.example.go.id."),
            ("MX", "10 mail"),
            ("MX", "10 mail.example.go.id. ; x"),
            ("SRV", "10 5 sip.example.go.id."),
            ("SRV", "10 5 70000 sip.example.go.id."),
            ("CAA", "0 issue \"a\"b\""),
            ("CAA", "0 issue \"a\\\"\""),
            ("CAA", "256 issue \"a\""),
            ("CAA", "0 is-sue \"a\""),
            ("CAA", "0 issue"),
            ("TXT", ""),
            ("TXT", "\"v=spf1 -all\""),
            ("TXT", "a\nb"),
            ("TXT", "a\u{202E}b"),
            ("NS", "ns.example.net."),
            ("PTR", "x."),
        ];
        for (kind, value) in bad {
            assert!(parse(kind, value).is_err(), "{kind} {value:?}");
        }
    }

    #[test]
    fn long_text_is_split_into_strings_of_255_bytes() {
        let text = "k=rsa; p=".to_string() + &"A".repeat(600);
        let written = parse("TXT", &text).unwrap().presentation();
        let strings: Vec<&str> = written.split("\" \"").collect();
        assert_eq!(strings.len(), 3, "{written}");
        assert_eq!(strings[0].len(), 256, "the opening quote and 255 bytes");
        assert!(parse("TXT", &"A".repeat(TXT_MAX + 1)).is_err());
    }

    #[test]
    fn names_are_relative() {
        for ok in [
            "@",
            "mail",
            "_dmarc",
            "selector1._domainkey",
            "_sip._tls",
            "MAIL",
        ] {
            assert_eq!(name_problem(ok, "example.go.id"), None, "{ok}");
        }
        for bad in [
            "",
            "*",
            "*.mail",
            "mail.",
            "mail.example.go.id",
            "example.go.id.",
            "ma il",
            "mail\n@",
            "-mail",
            "a..b",
            "mail;",
        ] {
            assert!(name_problem(bad, "example.go.id").is_some(), "{bad:?}");
        }
    }
}
