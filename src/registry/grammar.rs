//! The grammar of every value of `domains.toml` that is not a label, an address or a
//! date: free text (names, titles, owners, purposes, reasons), decree numbers and
//! e-mail addresses. Each `*_problem` function says why a value does not fit, or
//! nothing when it does; [`super::validate`] turns the answers into findings and
//! [`super::edit`] refuses workflow arguments with them.
//!
//! The grammar keeps values inside the syntax they are later written into (zone comments,
//! nginx strings, HTML): no value holds a line break or another control character. The
//! writers still escape what they emit; this is the first of two walls, not the only one.
//! Pure: no I/O.

use super::hostname::hostname_problem;
use crate::text::printable;

/// The longest name, title or owner, in characters.
pub const NAME_MAX: usize = 200;
/// The longest purpose or reason, in characters.
pub const TEXT_MAX: usize = 500;
/// The longest decree number, in characters.
pub const DECREE_MAX: usize = 100;

/// What a finding about free text tells the user to do.
/// The rule of free text, for help lines.
pub fn help() -> String {
    crate::msg!("grammar-text-help")
}

/// Whether a character may not stand in free text: C0 and C1 controls (line breaks,
/// tab, NUL, DEL...), the Unicode line and paragraph separators, and the invisible
/// direction marks and overrides that make text read differently from what it holds.
pub fn forbidden_in_text(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}'
                | '\u{2029}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{061C}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// Why free text (a name, title, owner, purpose or reason) is not valid: it must hold
/// something besides spaces, at most `max` characters, and no control character.
pub fn text_problem(text: &str, max: usize) -> Option<String> {
    if text.trim().is_empty() {
        return Some(crate::msg!("grammar-empty"));
    }
    let count = text.chars().count();
    if count > max {
        return Some(crate::msg!("grammar-too-long", count = count, max = max));
    }
    text.chars()
        .find(|&c| forbidden_in_text(c))
        .map(|c| crate::msg!("grammar-control", char = format!("U+{:04X}", c as u32)))
}

/// Why a decree number is not valid. A decree number is ASCII letters and digits, with
/// `/`, `.`, `-` and `_` between them (`555/031/KPTS/DISKOMINFO/2026`,
/// `188.45/12/2024`), as the guide for the Dinas states; it starts and ends with a
/// letter or digit; at most 100 characters. No spaces: `SK 555/018` is the word "SK"
/// before the number, and one number written two ways would not match in `history`.
pub fn decree_problem(number: &str) -> Option<String> {
    if number.is_empty() {
        return Some(crate::msg!("grammar-empty"));
    }
    if number.len() > DECREE_MAX {
        return Some(crate::msg!(
            "grammar-too-long",
            count = number.chars().count(),
            max = DECREE_MAX
        ));
    }
    if number.contains(' ') {
        let bare = number
            .strip_prefix("SK ")
            .or_else(|| number.strip_prefix("sk "))
            .or_else(|| number.strip_prefix("Sk "))
            .map(str::trim)
            .filter(|rest| {
                !rest.is_empty() && !rest.contains(' ') && decree_problem(rest).is_none()
            });
        return Some(match bare {
            Some(rest) => crate::msg!("grammar-decree-space-sk", number = rest),
            None => crate::msg!("grammar-decree-space"),
        });
    }
    if let Some(c) = number
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-' | '_')))
    {
        return Some(crate::msg!("grammar-decree-char", char = shown_char(c)));
    }
    let edge = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if !edge(number.chars().next()) || !edge(number.chars().last()) {
        return Some(crate::msg!("grammar-decree-edge"));
    }
    None
}

/// Why an e-mail address is not valid: `local@host`, the local part of letters, digits
/// and `. _ % + -` (no dot at either end or twice in a row, at most 64 characters), the
/// host a host name of at least two labels, at most 254 characters in all.
pub fn email_problem(address: &str) -> Option<String> {
    if address.len() > 254 {
        return Some(crate::msg!("grammar-email-long"));
    }
    let Some((local, host)) = address.split_once('@') else {
        return Some(crate::msg!("grammar-email-no-at"));
    };
    if local.is_empty() || local.len() > 64 {
        return Some(crate::msg!("grammar-email-local"));
    }
    if let Some(c) = local
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')))
    {
        return Some(crate::msg!("grammar-email-char", char = shown_char(c)));
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Some(crate::msg!("grammar-email-dots"));
    }
    if host.ends_with('.') || !host.contains('.') {
        return Some(crate::msg!("grammar-email-domain", host = printable(host)));
    }
    hostname_problem(host).map(|why| crate::msg!("grammar-email-host", why = why))
}

/// Why a host name, as it is written into configuration (an iframe host), is not valid:
/// lowercase letters, digits and hyphens in dot-separated labels (`www.openstreetmap.org`,
/// `xn--` labels for international names), no trailing dot, port, path or wildcard.
pub fn host_problem(host: &str) -> Option<String> {
    if host.chars().any(|c| c.is_ascii_uppercase()) {
        return Some(crate::msg!("grammar-host-lowercase"));
    }
    if host.ends_with('.') {
        return Some(crate::msg!("grammar-host-dot"));
    }
    hostname_problem(host)
}

fn shown_char(c: char) -> String {
    if c.is_ascii_graphic() || c == ' ' {
        format!("`{c}`")
    } else {
        format!("U+{:04X}", c as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_names_are_text_and_control_characters_are_not() {
        for ok in [
            "Dinas Kesehatan",
            "Dinas Perdagangan, Koperasi dan UKM",
            "Badan Kesatuan Bangsa & Politik (Kesbangpol)",
            "Kantor Camat Ma'rang / Kec. Sukajaya",
            "Dinas Pariwisata \"Wonderful\" Sukamaju",
            "Rumah Sakit Umum Daerah dr. Soedarsono — Sukamaju",
            "Désa Cikàrang",
        ] {
            assert_eq!(text_problem(ok, NAME_MAX), None, "{ok}");
        }
        for bad in [
            "",
            "   ",
            "Dinas\nKesehatan",
            "Dinas\rKesehatan",
            "Dinas\tKesehatan",
            "Dinas\u{7f}",
            "Dinas\u{85}",
            "Dinas\u{2028}",
            "Dinas\u{202E}natahesek",
            "Dinas\u{2066}",
            "\u{0}",
        ] {
            assert!(text_problem(bad, NAME_MAX).is_some(), "{bad:?}");
        }
        assert!(text_problem(&"a".repeat(201), NAME_MAX)
            .unwrap()
            .contains("200"));
    }

    #[test]
    fn decree_numbers() {
        for ok in [
            "555/031/KPTS/DISKOMINFO/2026",
            "555/019A/KPTS/DISKOMINFO/2024",
            "1/2024",
            "188.45/12/2024",
            "800_1-2",
        ] {
            assert_eq!(decree_problem(ok), None, "{ok}");
        }
        for bad in [
            "",
            "/2024",
            "2024/",
            "1/2024;",
            "1/2024\n",
            "1/2024 ",
            "1$2",
            "1{2}",
            "1\"2",
            "١٢",
            "SK Bupati No 12 Tahun 2024",
            "555 / 018",
        ] {
            assert!(decree_problem(bad).is_some(), "{bad:?}");
        }
        let hint = decree_problem("SK 555/018").unwrap();
        assert!(hint.contains("`555/018`"), "{hint}");
        assert!(!decree_problem("SK Bupati 12").unwrap().contains('`'));
        assert!(decree_problem(&"1".repeat(101)).is_some());
    }

    #[test]
    fn email_addresses() {
        for ok in [
            "dinkes@contohkab.go.id",
            "humas.dinkes+web@contohkab.go.id",
            "a_b-c%d@sub.contohkab.go.id",
        ] {
            assert_eq!(email_problem(ok), None, "{ok}");
        }
        for bad in [
            "dinkes",
            "@contohkab.go.id",
            "dinkes@",
            "dinkes@localhost",
            "din kes@contohkab.go.id",
            "dinkes@contohkab.go.id\nBcc: x@y.z",
            "\"d\"@contohkab.go.id",
            ".d@contohkab.go.id",
            "d..e@contohkab.go.id",
            "d@e@contohkab.go.id",
            "d@contohkab.go.id.",
            "d@conto_hkab.go.id",
        ] {
            assert!(email_problem(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn shown_values_cannot_break_a_terminal_line() {
        assert_eq!(printable("a\nb\u{1b}[2J"), "a\\nb\\u{1b}[2J");
        assert!(printable(&"x".repeat(100)).ends_with('…'));
    }
}
