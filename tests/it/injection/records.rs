//! `[[record]]`: the regency's other records (issue 25, point 2). Every type laman writes,
//! with hard values, loads in `named-checkzone` as exactly what was given; a value that
//! would break out of its record is a finding at its line.

use super::*;

/// One clean `[[record]]` of each type laman writes: (name, type, value).
const OTHER_RECORDS: &[(&str, &str, &str)] = &[
    ("mail", "A", "203.0.113.30"),
    ("mail", "AAAA", "2001:db8:10::30"),
    ("webmail", "CNAME", "mail.contohkab.go.id."),
    ("@", "MX", "10 mail.contohkab.go.id."),
    ("@", "TXT", "v=spf1 mx -all"),
    ("@", "CAA", "0 issue \"letsencrypt.org\""),
    ("_sip._tls", "SRV", "10 5 5060 sip.contohkab.go.id."),
];

/// The text of a TXT record as `named-checkzone -D` prints it: quoted strings with `\X`
/// and `\DDD` escapes, joined.
fn txt_bytes(data: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut bytes = data.bytes().peekable();
    let mut inside = false;
    while let Some(b) = bytes.next() {
        match (b, inside) {
            (b'"', _) => inside = !inside,
            (b'\\', true) => {
                let first = bytes.next().unwrap();
                if first.is_ascii_digit() {
                    let digits = [first, bytes.next().unwrap(), bytes.next().unwrap()];
                    out.push(std::str::from_utf8(&digits).unwrap().parse::<u8>().unwrap());
                } else {
                    out.push(first);
                }
            }
            (_, true) => out.push(b),
            (_, false) => {}
        }
    }
    out
}

/// The words of record data, compared without case, quotes, trailing dots or leading
/// zeros.
fn words(data: &str) -> Vec<String> {
    data.split_whitespace()
        .map(|w| {
            let w = w
                .trim_matches('"')
                .trim_end_matches('.')
                .to_ascii_lowercase();
            match w.parse::<u64>() {
                Ok(n) if w.bytes().all(|b| b.is_ascii_digit()) => n.to_string(),
                _ => w,
            }
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// A clean registry with one `[[record]]` whose name, type, value or comment is `text`
/// (in place of the field, or after it): the zone is refused with a finding, or holds
/// the registry's records and exactly this one, at its name, with its type and value.
fn other_record_case(t: &Tools, base: usize, field: usize, text: &str, append: bool) {
    let v = Values::clean();
    let root = v.root(&[]);
    let (name, kind, value) = OTHER_RECORDS[base];
    let mut fields = [
        name.to_string(),
        kind.to_string(),
        value.to_string(),
        "Surel".to_string(),
    ];
    fields[field] = if append {
        format!("{}{text}", fields[field])
    } else {
        text.to_string()
    };
    let mut table = toml_edit::Table::new();
    for (key, f) in ["name", "type", "value", "comment"].iter().zip(&fields) {
        table.insert(key, toml_edit::value(f.as_str()));
    }
    let mut doc: toml_edit::DocumentMut = read(root.path().join("domains.toml")).parse().unwrap();
    let mut records = toml_edit::ArrayOfTables::new();
    records.push(table);
    doc.insert("record", toml_edit::Item::ArrayOfTables(records));
    write(root.path().join("domains.toml"), &doc.to_string());

    let zone = laman_run(root.path(), &["domains", "zone", "--serial", "1"]);
    match zone.code {
        Some(0) => {
            let loaded = loaded_records(t, &zone.stdout, DOMAIN);
            let expected = v.expected_records();
            assert!(loaded.is_superset(&expected), "{}", zone.stdout);
            let added: Vec<_> = loaded.difference(&expected).collect();
            assert_eq!(
                added.len(),
                1,
                "exactly the one record: {added:?}\n{}",
                zone.stdout
            );
            let (owner, rtype, data) = added[0];
            let [name, kind, value, _] = &fields;
            let fqdn = match name.as_str() {
                "@" => format!("{DOMAIN}."),
                rel => format!("{}.{DOMAIN}.", rel.to_ascii_lowercase()),
            };
            assert_eq!(owner, &fqdn);
            assert_eq!(rtype, &kind.to_ascii_uppercase());
            if rtype == "TXT" {
                assert_eq!(txt_bytes(data), value.to_ascii_lowercase().into_bytes());
            } else {
                assert_eq!(words(data), words(value), "{value:?}");
            }
        }
        Some(1) => {
            assert!(zone.stdout.is_empty());
            assert!(zone.stderr.contains("error["), "{}", zone.stderr);
        }
        other => panic!("zone: exit {other:?}: {}", zone.stderr),
    }
}

proptest! {
    #![proptest_config(config())]

    #[needs("nginx", "named-checkzone", "openssl")]
    #[test]
    fn any_record_field_gives_a_finding_or_exactly_that_record(
        base in 0..OTHER_RECORDS.len(),
        field in 0..4usize,
        text in hostile(),
        append in any::<bool>(),
    ) {
        let t = tools();
        other_record_case(t, base, field, &text, append);
    }
}

/// Every record type, with values that are hard to write (quotes, backslashes, `;`,
/// non-ASCII, a DKIM key longer than one string, a null MX), loads in `named-checkzone`
/// as exactly what was given; values that would break out are findings with their line.
#[needs("nginx", "named-checkzone", "openssl")]
#[test]
fn every_record_type_and_hard_values_pass_named_checkzone() {
    let t = tools();
    for (base, field, text) in [
        (
            4,
            2,
            "v=DKIM1; k=rsa; p=".to_string()
                + &"MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC".repeat(12),
        ),
        (
            4,
            2,
            "a \"quoted\" \\ back; slash é ( ) $ORIGIN @".to_string(),
        ),
        (3, 2, "0 .".to_string()),
        (
            5,
            2,
            "128 iodef \"mailto:csirt@contohkab.go.id\"".to_string(),
        ),
        (5, 2, "0 issuewild ;".to_string()),
    ] {
        other_record_case(t, base, field, &text, false);
    }
    for base in 0..OTHER_RECORDS.len() {
        other_record_case(t, base, 0, "", true);
    }
    let v = Values::clean();
    let root = v.root(&[]);
    let registry = read(root.path().join("domains.toml"))
        + "\n[[record]]\nname = \"@\"\ntype = \"TXT\"\nvalue = \"ok\\n@ IN NS evil.example.\"\n"
        + "\n[[record]]\nname = \"dinkes\"\ntype = \"A\"\nvalue = \"203.0.113.31\"\n"
        + "\n[[record]]\nname = \"www\"\ntype = \"MX\"\nvalue = \"10 mail.contohkab.go.id.\"\n"
        + "\n[[record]]\nname = \"mail.contohkab.go.id\"\ntype = \"A\"\nvalue = \"203.0.113.31\"\n"
        + "\n[[record]]\nname = \"@\"\ntype = \"NS\"\nvalue = \"ns.evil.example.\"\n";
    write(root.path().join("domains.toml"), &registry);
    let codes = codes_of(root.path());
    let base = registry.lines().count() - 25;
    for (code, line) in [
        ("registry.record.invalid", base + 2),
        ("registry.record.collision", base + 7),
        ("registry.record.cname-conflict", base + 12),
        ("registry.record.invalid", base + 17),
        ("registry.record.invalid", base + 22),
    ] {
        assert!(
            codes.contains(&format!("{code}:{line}")),
            "{code}:{line} in {codes:?}"
        );
    }
    let zone = laman_run(root.path(), &["domains", "zone"]);
    assert_eq!(zone.code, Some(1));
    assert!(zone.stdout.is_empty());
}
