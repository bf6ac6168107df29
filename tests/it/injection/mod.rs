//! Config injection (issue 10, point 3): whatever a user writes into `domains.toml`,
//! `_site.toml` or the arguments of `laman domains nginx`, it either gives a finding (or
//! exit 2 for an argument) or produces a zone that the real `named-checkzone` loads with
//! exactly the expected records and an nginx configuration that the real `nginx -t`
//! accepts with exactly the expected `server_name`s and `location`s. Property tests with
//! arbitrary strings, then one regression test per reproduction of the issue.
//!
//! Every child process runs with a deadline and is killed when it passes it.

use crate::common;
use common::nginx::two_free_ports;
use common::*;
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use toml_edit::{value, Array, DocumentMut, InlineTable, Item, Table, Value};

mod nginx;
mod records;

// ---- running programs without hanging ----

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `cmd` with its output in files (no pipe can fill up), killed after 20 s.
fn run(mut cmd: Command) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let (out, err) = (dir.path().join("out"), dir.path().join("err"));
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let read = |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
    let run = Run {
        code: status.and_then(|s| s.code()),
        stdout: read(&out),
        stderr: read(&err),
    };
    assert!(status.is_some(), "{cmd:?} did not finish in 20 s");
    run
}

fn laman_run(root: &Path, args: &[&str]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_laman"));
    cmd.args(args).arg("--root").arg(root).env_remove("CI");
    run(cmd)
}

/// nginx, named-checkzone and a self-signed certificate, made once
/// (`#[needs("nginx", "named-checkzone", "openssl")]` on the test).
struct Tools {
    nginx: PathBuf,
    checkzone: PathBuf,
    cert: PathBuf,
    key: PathBuf,
    _dir: tempfile::TempDir,
}

fn tools() -> &'static Tools {
    static TOOLS: OnceLock<Tools> = OnceLock::new();
    TOOLS.get_or_init(|| {
        let (nginx, checkzone, openssl) = (tool("nginx"), tool("named-checkzone"), tool("openssl"));
        let dir = tempfile::tempdir().unwrap();
        let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
        let mut cmd = Command::new(openssl);
        cmd.args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        ])
        .args(["-subj", "/CN=contohkab.go.id", "-keyout"])
        .arg(&key)
        .arg("-out")
        .arg(&cert);
        assert_eq!(run(cmd).code, Some(0), "openssl");
        Tools {
            nginx,
            checkzone,
            cert,
            key,
            _dir: dir,
        }
    })
}

// ---- the registry under test ----

const DOMAIN: &str = "contohkab.go.id";

/// Every string field of the registry, by name, with a clean value.
const FIELDS: &[(&str, &str)] = &[
    ("regency.name", "Kabupaten Contoh"),
    ("regency.domain", DOMAIN),
    ("regency.dinas", "Dinas Komunikasi dan Informatika"),
    ("hosting.ipv4", "203.0.113.0/26"),
    ("hosting.ipv6", "2001:db8:10::/48"),
    ("hosting.nameserver", "ns1.contohkab.go.id"),
    ("hosting.glue.name", "ns1.contohkab.go.id"),
    ("hosting.glue.address", "203.0.113.2"),
    ("hosting.cname_allow", "cdn.example.net"),
    ("portal.title", "Pemerintah Kabupaten Contoh"),
    ("portal.A", "203.0.113.10"),
    ("site.label", "dinkes"),
    ("site.owner", "Dinas Kesehatan"),
    ("site.contact", "dinkes@contohkab.go.id"),
    ("site.purpose", "Situs resmi Dinas Kesehatan"),
    ("site.decree", "555/031/KPTS/DISKOMINFO/2024"),
    ("site.A", "203.0.113.11"),
    ("site.AAAA", "2001:db8:10::11"),
    ("site.history.decree", "555/031/KPTS/DISKOMINFO/2024"),
    ("service.CNAME", "cdn.example.net"),
    ("suspended.owner", "Dinas Perhubungan"),
    ("suspended.reason", "Konten judi daring disisipkan"),
];

#[derive(Debug, Clone)]
struct Values(Vec<String>);

/// A TOML date.
fn toml_date(d: &str) -> Value {
    Value::from(d.parse::<toml_edit::Datetime>().unwrap())
}

/// An inline table of `pairs`, in order.
fn inline(pairs: Vec<(&str, Value)>) -> Value {
    let mut t = InlineTable::new();
    for (k, v) in pairs {
        t.insert(k, v);
    }
    Value::InlineTable(t)
}

/// A history of `steps`, each made by [`step`].
fn history(steps: Vec<Value>) -> Value {
    Value::Array(Array::from_iter(steps))
}

/// One step of a history: its date, its action and what else it records.
fn step(d: &str, action: &str, extra: Vec<(&str, Value)>) -> Value {
    let mut pairs = vec![("date", toml_date(d)), ("action", Value::from(action))];
    pairs.extend(extra);
    inline(pairs)
}

impl Values {
    fn clean() -> Values {
        Values(FIELDS.iter().map(|(_, v)| v.to_string()).collect())
    }

    fn with(field: &str, value: &str) -> Values {
        let mut v = Values::clean();
        let i = FIELDS.iter().position(|(n, _)| *n == field).unwrap();
        v.0[i] = value.to_string();
        v
    }

    fn get(&self, field: &str) -> &str {
        let i = FIELDS.iter().position(|(n, _)| *n == field).unwrap();
        &self.0[i]
    }

    /// domains.toml, built with toml_edit so that any string is representable.
    fn registry(&self) -> String {
        let mut doc = DocumentMut::new();
        self.head(&mut doc);
        let mut entries = toml_edit::ArrayOfTables::new();
        entries.push(self.approved_site());
        entries.push(self.service());
        entries.push(self.suspended_site());
        doc["subdomain"] = Item::ArrayOfTables(entries);
        doc.to_string()
    }

    /// The field `f` as a TOML string, and as an array of that one string.
    fn text(&self, f: &str) -> Value {
        Value::from(self.get(f))
    }

    fn list(&self, f: &str) -> Value {
        Value::Array(Array::from_iter([self.get(f)]))
    }

    /// `[regency]`, `[hosting]` and `[portal]`.
    fn head(&self, doc: &mut DocumentMut) {
        let mut regency = Table::new();
        regency["name"] = value(self.text("regency.name"));
        regency["domain"] = value(self.text("regency.domain"));
        regency["dinas"] = value(self.text("regency.dinas"));
        regency["approver"] = value("bupati");
        doc["regency"] = Item::Table(regency);
        let mut hosting = Table::new();
        hosting["ipv4"] = value(self.list("hosting.ipv4"));
        hosting["ipv6"] = value(self.list("hosting.ipv6"));
        hosting["nameservers"] = value(Array::from_iter([
            self.get("hosting.nameserver"),
            "ns.example.net",
        ]));
        hosting["cname_allow"] = value(self.list("hosting.cname_allow"));
        let mut glue = InlineTable::new();
        glue.insert(
            self.get("hosting.glue.name"),
            self.list("hosting.glue.address"),
        );
        hosting["glue"] = value(glue);
        doc["hosting"] = Item::Table(hosting);
        let mut portal = Table::new();
        portal["title"] = value(self.text("portal.title"));
        portal["records"] = value(inline(vec![("A", self.list("portal.A"))]));
        doc["portal"] = Item::Table(portal);
    }

    /// The approved site, `dinkes`.
    fn approved_site(&self) -> Table {
        let mut site = Table::new();
        site["label"] = value(self.text("site.label"));
        site["owner"] = value(self.text("site.owner"));
        site["kind"] = value("site");
        site["status"] = value("approved");
        site["contact"] = value(self.text("site.contact"));
        site["purpose"] = value(self.text("site.purpose"));
        site["requested"] = value(toml_date("2024-01-05"));
        site["decree"] = value(inline(vec![
            ("number", self.text("site.decree")),
            ("date", toml_date("2024-01-15")),
        ]));
        site["records"] = value(inline(vec![
            ("A", self.list("site.A")),
            ("AAAA", self.list("site.AAAA")),
        ]));
        site["history"] = value(history(vec![
            step("2024-01-05", "requested", vec![]),
            step(
                "2024-01-15",
                "approved",
                vec![("decree", self.text("site.history.decree"))],
            ),
        ]));
        site
    }

    /// An approved service, `peta`, reached by a CNAME.
    fn service(&self) -> Table {
        let mut service = Table::new();
        service["label"] = value("peta");
        service["owner"] = value("Dinas Kesehatan");
        service["kind"] = value("service");
        service["status"] = value("approved");
        service["contact"] = value("peta@contohkab.go.id");
        service["decree"] = value(inline(vec![
            ("number", Value::from("1/2024")),
            ("date", toml_date("2024-01-15")),
        ]));
        service["records"] = value(inline(vec![("CNAME", self.text("service.CNAME"))]));
        service
    }

    /// The suspended site, `dishub`.
    fn suspended_site(&self) -> Table {
        let mut suspended = Table::new();
        suspended["label"] = value("dishub");
        suspended["owner"] = value(self.text("suspended.owner"));
        suspended["kind"] = value("site");
        suspended["status"] = value("suspended");
        suspended["contact"] = value("dishub@contohkab.go.id");
        suspended["decree"] = value(inline(vec![
            ("number", Value::from("2/2024")),
            ("date", toml_date("2024-01-15")),
        ]));
        suspended["records"] = value(inline(vec![(
            "A",
            Value::Array(Array::from_iter(["203.0.113.13"])),
        )]));
        suspended["history"] = value(history(vec![
            step("2024-01-05", "requested", vec![]),
            step(
                "2024-01-15",
                "approved",
                vec![("decree", Value::from("2/2024"))],
            ),
            step(
                "2024-03-01",
                "suspended",
                vec![("reason", self.text("suspended.reason"))],
            ),
        ]));
        suspended
    }

    /// A regency root holding this registry, `content/dinkes/` (the approved site) and
    /// its `_site.toml` with these iframe hosts.
    fn root(&self, iframe_hosts: &[String]) -> tempfile::TempDir {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("domains.toml"), self.registry()).unwrap();
        let site = root.path().join("content").join("dinkes");
        std::fs::create_dir_all(&site).unwrap();
        let mut doc = toml_edit::DocumentMut::new();
        let mut embeds = toml_edit::Table::new();
        embeds["iframe_hosts"] = toml_edit::value(toml_edit::Array::from_iter(iframe_hosts));
        doc["embeds"] = toml_edit::Item::Table(embeds);
        std::fs::write(site.join("_site.toml"), doc.to_string()).unwrap();
        root
    }

    /// The record set the zone must hold: (owner name, type, data), lowercase, absolute.
    fn expected_records(&self) -> BTreeSet<(String, String, String)> {
        let d = self.get("regency.domain").to_ascii_lowercase();
        let abs = |n: &str| format!("{}.", n.trim_end_matches('.').to_ascii_lowercase());
        let ip = |a: &str| a.parse::<std::net::IpAddr>().unwrap().to_string();
        let label = self.get("site.label").to_ascii_lowercase();
        let ns = self.get("hosting.nameserver");
        let mut set = BTreeSet::new();
        let mut add = |n: String, t: &str, data: String| {
            set.insert((n, t.to_string(), data));
        };
        for n in [ns, "ns.example.net"] {
            add(abs(&d), "NS", abs(n));
            let glue = self.get("hosting.glue.address");
            if n.trim_end_matches('.') == self.get("hosting.glue.name")
                && abs(n).ends_with(&format!(".{}", abs(&d)))
            {
                let t = if glue.contains(':') { "AAAA" } else { "A" };
                add(abs(n), t, ip(glue));
            }
        }
        add(abs(&d), "A", ip(self.get("portal.A")));
        add(abs(&format!("www.{d}")), "CNAME", abs(&d));
        add(abs(&format!("{label}.{d}")), "A", ip(self.get("site.A")));
        add(
            abs(&format!("{label}.{d}")),
            "AAAA",
            ip(self.get("site.AAAA")),
        );
        add(
            abs(&format!("peta.{d}")),
            "CNAME",
            abs(self.get("service.CNAME")),
        );
        // The suspended dishub points at the portal's address (the Dinas's notice).
        add(abs(&format!("dishub.{d}")), "A", ip(self.get("portal.A")));
        set
    }
}

/// The records `named-checkzone` loaded (SOA left out), as `expected_records` writes them.
fn loaded_records(t: &Tools, zone: &str, domain: &str) -> BTreeSet<(String, String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("zone");
    std::fs::write(&file, zone).unwrap();
    let mut cmd = Command::new(&t.checkzone);
    cmd.args(["-D", "-o", "-", "-q"]).arg(domain).arg(&file);
    let mut cmd_check = Command::new(&t.checkzone);
    cmd_check.arg(domain).arg(&file);
    let check = run(cmd_check);
    assert_eq!(
        check.code,
        Some(0),
        "named-checkzone refused the zone: {}{}\n{zone}",
        check.stdout,
        check.stderr
    );
    let dump = run(cmd);
    dump.stdout
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            // name ttl IN type data...
            (f.len() >= 5 && f[2] == "IN" && f[3] != "SOA").then(|| {
                (
                    f[0].to_ascii_lowercase(),
                    f[3].to_string(),
                    f[4..].join(" ").to_ascii_lowercase(),
                )
            })
        })
        .collect()
}

// ---- [[record]]: the regency's other records (issue 25, point 2) ----

// ---- strategies and findings, shared by the cases below ----

/// Words that a zone file or nginx reads as keywords where laman writes a value: the
/// master file's directives, its `@` and `*` owners, a class, types, a TTL and a
/// parenthesis; nginx's `map` parameters, its location modifiers, a server name's
/// special forms and `listen` flags.
const KEYWORDS: &[&str] = &[
    "$ORIGIN",
    "$TTL",
    "$INCLUDE",
    "$GENERATE",
    "@",
    "*",
    "IN",
    "in",
    "CH",
    "A",
    "NS",
    "SOA",
    "CNAME",
    "TXT",
    "3600",
    "1D",
    "(",
    ")",
    ";",
    "default",
    "include",
    "hostnames",
    "volatile",
    "~",
    "~*",
    "^~",
    "=",
    "_",
    "server",
    "if",
    "ssl",
    "default_server",
    "$hostname",
    "localhost",
];

/// Strings that mix plausible text with what breaks zone files, nginx and HTML.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-z0-9.-]{1,6}",
        3 => prop::sample::select(vec![
            "\n", "\r", "\t", "\u{0}", "\u{7f}", "\u{85}", "\u{2028}", "\u{202e}", "\u{feff}",
            "\"", "'", ";", "{", "}", "$", "\\", "#", "(", ")", "@", "*", " ", "<", ">", "&",
            "/", ":", ".", "é", "Dinas", "203.0.113.9", "2001:db8:10::9",
            "\n@ IN NS evil.example.\n", "\n* IN A 198.51.100.1\n",
            "\"; } server { location /x { alias /etc/; } #", "$host", "${x}",
            "</p><script>alert(1)</script>", "\\\"", "\\n", "' always; #",
        ])
        .prop_map(str::to_string),
        // Words each position's parser reads as its own (issue 26, point 1): the zone's
        // directives, owner names, classes and types; nginx's parameters and modifiers.
        2 => prop::sample::select(KEYWORDS.to_vec())
        .prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..6).prop_map(|v| v.concat())
}

/// One field of the registry replaced by a hostile string.
fn hostile_registry() -> impl Strategy<Value = Values> {
    (0..FIELDS.len(), hostile()).prop_map(|(i, s)| Values::with(FIELDS[i].0, &s))
}

fn config() -> ProptestConfig {
    proptest_config(64, 64)
}

/// `code:line` of each finding `domains check` gives on `root`.
fn codes_of(root: &Path) -> Vec<String> {
    let out = laman_run(root, &["domains", "check", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{}:{}", f["code"].as_str().unwrap(), f["line"]))
        .collect()
}
