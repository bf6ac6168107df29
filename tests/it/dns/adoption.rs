//! Adopting laman's zone: the live zone's records that the registry lacks, listed by
//! `dns check` so that the Dinas sees what installing laman's zone would drop.

use super::*;

/// The regency's own other records, as `[[record]]` tables.
const OTHER_RECORDS: &str = r#"
[[record]]
name = "@"
type = "MX"
value = "10 mail.contohkab.go.id."

[[record]]
name = "mail"
type = "A"
value = "203.0.113.30"

[[record]]
name = "@"
type = "TXT"
value = "v=spf1 mx -all"

[[record]]
name = "_dmarc"
type = "TXT"
value = "v=DMARC1; p=quarantine; rua=mailto:dmarc@contohkab.go.id"

[[record]]
name = "@"
type = "CAA"
value = '0 issue "letsencrypt.org"'
"#;

/// The fixture's registry with [`OTHER_RECORDS`] added: its zone, which holds them and
/// which `dns check` finds the same as the registry, with a transfer or without.
fn zone_with_other_records(root: &Path) -> String {
    let mut registry = read(root.join("domains.toml"));
    registry.push_str(OTHER_RECORDS);
    write(root.join("domains.toml"), &registry);
    let zone = fixture_zone(root);
    assert!(
        zone.contains("@\tIN\tMX\t10 mail.contohkab.go.id.\n"),
        "{zone}"
    );
    assert!(
        zone.contains("_dmarc\tIN\tTXT\t\"v=DMARC1; p=quarantine;"),
        "{zone}"
    );

    // laman's own zone, with its [[record]] tables, is what the registry says.
    let same = serve(&[("contohkab.go.id", zone.clone())]);
    for extra in [&[][..], &["--zone-transfer"][..]] {
        let (out, findings) = dns_check(root, &[same], extra);
        assert!(findings.is_empty(), "{extra:?}: {findings:#?}");
        assert_eq!(out.status.code(), Some(0));
    }
    zone
}

/// Adopting laman's zone: the live zone has records the registry lacks (a backup MX,
/// a verification TXT, a DKIM key, a SIP service, a CAA, an alias), which `dns check`
/// lists so that the Dinas sees what installing laman's zone would drop: by zone
/// transfer where the server allows one, otherwise by asking for the common records.
#[test]
fn live_records_the_registry_lacks_are_listed_before_adoption() {
    let root = fixture("dns");
    let zone = zone_with_other_records(root.path());
    let live = zone
        + "@\tIN\tMX\t20 backup.example.net.\n"
        + "@\tIN\tTXT\t\"google-site-verification=abc123\"\n"
        + "@\tIN\tCAA\t0 issuewild \";\"\n"
        + "selector1._domainkey\tIN\tTXT\t\"v=DKIM1; k=rsa; \" \"p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC\"\n"
        + "_sip._tls\tIN\tSRV\t100 1 443 sip.example.net.\n"
        + "webmail\tIN\tCNAME\tmail.contohkab.go.id.\n"
        + "_acme-challenge\tIN\tTXT\t\"only-a-transfer-finds-this\"\n";
    let server = serve(&[("contohkab.go.id", live)]);
    let wanted = [
        "contohkab.go.id MX 20 backup.example.net.",
        "contohkab.go.id TXT \"google-site-verification=abc123\"",
        "contohkab.go.id CAA 0 issuewild \";\"",
        "selector1._domainkey.contohkab.go.id TXT \"v=DKIM1; k=rsa; p=MIGf",
        "_sip._tls.contohkab.go.id SRV 100 1 443 sip.example.net.",
    ];
    let messages = |findings: &[serde_json::Value], code: &str| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f["code"] == code)
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect()
    };

    // Without a transfer: the common names are asked; the alias is a record too.
    let (out, findings) = dns_check(root.path(), &[server], &[]);
    let found = messages(&findings, "dns.record.unregistered");
    assert_eq!(found.len(), wanted.len() + 1, "{findings:#?}");
    for w in wanted
        .iter()
        .chain(&["webmail.contohkab.go.id CNAME mail.contohkab.go.id."])
    {
        assert!(found.iter().any(|m| m.contains(w)), "{w}: {found:#?}");
    }
    assert!(!found.iter().any(|m| m.contains("_acme-challenge")));
    assert!(
        findings.iter().all(|f| f["severity"] == "warning"),
        "{findings:#?}"
    );
    assert_eq!(out.status.code(), Some(0), "warnings only");

    // With a transfer: every record, and the unregistered name as dns.unregistered.
    let (out, findings) = dns_check(root.path(), &[server], &["--zone-transfer"]);
    let found = messages(&findings, "dns.record.unregistered");
    assert_eq!(found.len(), wanted.len() + 1, "{findings:#?}");
    for w in wanted
        .iter()
        .chain(&["_acme-challenge.contohkab.go.id TXT"])
    {
        assert!(found.iter().any(|m| m.contains(w)), "{w}: {found:#?}");
    }
    assert_eq!(
        messages(&findings, "dns.unregistered"),
        vec!["webmail.contohkab.go.id is in the zone but not in the registry".to_string()]
    );
    assert_eq!(out.status.code(), Some(1));
    let help = findings
        .iter()
        .find(|f| f["code"] == "dns.record.unregistered")
        .unwrap()["help"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(help.contains("[[record]]"), "{help}");
}
