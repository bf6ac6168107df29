//! Config injection (issue 10, point 3): whatever a user writes into `domains.toml`,
//! `_site.toml` or the arguments of `laman domains nginx`, it either gives a finding (or
//! exit 2 for an argument) or produces a zone that the real `named-checkzone` loads with
//! exactly the expected records and an nginx configuration that the real `nginx -t`
//! accepts with exactly the expected `server_name`s and `location`s. Property tests with
//! arbitrary strings, then one regression test per reproduction of the issue.
//!
//! Every child process runs with a deadline and is killed when it passes it.

mod common;
use common::*;
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

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

fn tool(name: &str) -> Option<PathBuf> {
    ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]
        .iter()
        .map(|d| Path::new(d).join(name))
        .find(|p| p.is_file())
}

/// nginx, named-checkzone and a self-signed certificate, made once; None (skipped, with a
/// message) when the tools are missing outside CI.
struct Tools {
    nginx: PathBuf,
    checkzone: PathBuf,
    cert: PathBuf,
    key: PathBuf,
    _dir: tempfile::TempDir,
}

fn tools() -> Option<&'static Tools> {
    static TOOLS: OnceLock<Option<Tools>> = OnceLock::new();
    TOOLS
        .get_or_init(|| {
            let (Some(nginx), Some(checkzone), Some(openssl)) =
                (tool("nginx"), tool("named-checkzone"), tool("openssl"))
            else {
                assert!(
                    std::env::var_os("CI").is_none(),
                    "nginx, named-checkzone and openssl must be installed in CI"
                );
                eprintln!("nginx, named-checkzone or openssl missing: skipped (scripts/test installs them)");
                return None;
            };
            let dir = tempfile::tempdir().unwrap();
            let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
            let mut cmd = Command::new(openssl);
            cmd.args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"])
                .args(["-subj", "/CN=contohkab.go.id", "-keyout"])
                .arg(&key)
                .arg("-out")
                .arg(&cert);
            assert_eq!(run(cmd).code, Some(0), "openssl");
            Some(Tools {
                nginx,
                checkzone,
                cert,
                key,
                _dir: dir,
            })
        })
        .as_ref()
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
        use toml_edit::{value, Array, DocumentMut, InlineTable, Item, Table, Value};
        let v = |f: &str| Value::from(self.get(f));
        let array = |f: &str| Value::Array(Array::from_iter([self.get(f)]));
        let date = |d: &str| Value::from(d.parse::<toml_edit::Datetime>().unwrap());
        let inline = |pairs: Vec<(&str, Value)>| {
            let mut t = InlineTable::new();
            for (k, v) in pairs {
                t.insert(k, v);
            }
            Value::InlineTable(t)
        };
        let mut doc = DocumentMut::new();
        let mut regency = Table::new();
        regency["name"] = value(v("regency.name"));
        regency["domain"] = value(v("regency.domain"));
        regency["dinas"] = value(v("regency.dinas"));
        regency["approver"] = value("bupati");
        doc["regency"] = Item::Table(regency);
        let mut hosting = Table::new();
        hosting["ipv4"] = value(array("hosting.ipv4"));
        hosting["ipv6"] = value(array("hosting.ipv6"));
        hosting["nameservers"] = value(Array::from_iter([
            self.get("hosting.nameserver"),
            "ns.example.net",
        ]));
        hosting["cname_allow"] = value(array("hosting.cname_allow"));
        let mut glue = InlineTable::new();
        glue.insert(self.get("hosting.glue.name"), array("hosting.glue.address"));
        hosting["glue"] = value(glue);
        doc["hosting"] = Item::Table(hosting);
        let mut portal = Table::new();
        portal["title"] = value(v("portal.title"));
        portal["records"] = value(inline(vec![("A", array("portal.A"))]));
        doc["portal"] = Item::Table(portal);

        let history = |steps: Vec<Value>| Value::Array(Array::from_iter(steps));
        let step = |d: &str, action: &str, extra: Vec<(&str, Value)>| {
            let mut pairs = vec![("date", date(d)), ("action", Value::from(action))];
            pairs.extend(extra);
            inline(pairs)
        };
        let mut site = Table::new();
        site["label"] = value(v("site.label"));
        site["owner"] = value(v("site.owner"));
        site["kind"] = value("site");
        site["status"] = value("approved");
        site["contact"] = value(v("site.contact"));
        site["purpose"] = value(v("site.purpose"));
        site["requested"] = value(date("2024-01-05"));
        site["decree"] = value(inline(vec![
            ("number", v("site.decree")),
            ("date", date("2024-01-15")),
        ]));
        site["records"] = value(inline(vec![
            ("A", array("site.A")),
            ("AAAA", array("site.AAAA")),
        ]));
        site["history"] = value(history(vec![
            step("2024-01-05", "requested", vec![]),
            step(
                "2024-01-15",
                "approved",
                vec![("decree", v("site.history.decree"))],
            ),
        ]));
        let mut service = Table::new();
        service["label"] = value("peta");
        service["owner"] = value("Dinas Kesehatan");
        service["kind"] = value("service");
        service["status"] = value("approved");
        service["contact"] = value("peta@contohkab.go.id");
        service["decree"] = value(inline(vec![
            ("number", Value::from("1/2024")),
            ("date", date("2024-01-15")),
        ]));
        service["records"] = value(inline(vec![("CNAME", v("service.CNAME"))]));
        let mut suspended = Table::new();
        suspended["label"] = value("dishub");
        suspended["owner"] = value(v("suspended.owner"));
        suspended["kind"] = value("site");
        suspended["status"] = value("suspended");
        suspended["contact"] = value("dishub@contohkab.go.id");
        suspended["decree"] = value(inline(vec![
            ("number", Value::from("2/2024")),
            ("date", date("2024-01-15")),
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
                vec![("reason", v("suspended.reason"))],
            ),
        ]));
        let mut entries = toml_edit::ArrayOfTables::new();
        entries.push(site);
        entries.push(service);
        entries.push(suspended);
        doc["subdomain"] = Item::ArrayOfTables(entries);
        doc.to_string()
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

// ---- reading nginx configuration as nginx does ----

#[derive(Debug)]
enum Node {
    Directive(Vec<String>),
    Block(Vec<String>, Vec<Node>),
}

/// Splits nginx configuration into directives and blocks by nginx's own rules
/// (ngx_conf_read_token): `#` comments, `;`, `{`, `}`, single and double quotes with `\`
/// escapes (`\"`, `\'`, `\\` are the character, `\n`, `\r`, `\t` control characters).
fn parse_nginx(text: &str) -> Vec<Node> {
    fn block(chars: &mut std::iter::Peekable<std::str::Chars>, nested: bool) -> Vec<Node> {
        let mut nodes = Vec::new();
        let mut words: Vec<String> = Vec::new();
        loop {
            let Some(c) = chars.next() else {
                assert!(!nested && words.is_empty(), "unexpected end: {words:?}");
                return nodes;
            };
            match c {
                c if c.is_whitespace() => {}
                '#' if true => {
                    for c in chars.by_ref() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                ';' => nodes.push(Node::Directive(std::mem::take(&mut words))),
                '{' => {
                    let inner = block(chars, true);
                    nodes.push(Node::Block(std::mem::take(&mut words), inner));
                }
                '}' => {
                    assert!(nested && words.is_empty(), "unexpected }}: {words:?}");
                    return nodes;
                }
                '"' | '\'' => {
                    let mut word = String::new();
                    loop {
                        match chars.next().expect("unclosed quote") {
                            '\\' => match chars.next().expect("escape at end") {
                                q @ ('"' | '\'' | '\\') => word.push(q),
                                'n' => word.push('\n'),
                                'r' => word.push('\r'),
                                't' => word.push('\t'),
                                other => {
                                    word.push('\\');
                                    word.push(other);
                                }
                            },
                            q if q == c => break,
                            other => word.push(other),
                        }
                    }
                    words.push(word);
                }
                first => {
                    let mut word = String::from(first);
                    while let Some(&n) = chars.peek() {
                        if n.is_whitespace() || matches!(n, ';' | '{' | '}') {
                            break;
                        }
                        word.push(n);
                        chars.next();
                    }
                    words.push(word);
                }
            }
        }
    }
    block(&mut text.chars().peekable(), false)
}

/// One server block: its names, locations, roots, listen values, return values and
/// Content-Security-Policy, and every directive name it holds.
#[derive(Debug, Default, PartialEq)]
struct Server {
    names: Vec<String>,
    locations: Vec<Vec<String>>,
    roots: Vec<String>,
    listens: Vec<Vec<String>>,
    returns: Vec<Vec<String>>,
    csp: Vec<String>,
    certs: Vec<String>,
    /// `Access-Control-*` headers, with the location that adds them.
    cors: Vec<Vec<String>>,
    /// `Cache-Control` headers, with the location that adds them.
    caches: Vec<Vec<String>>,
}

const SERVER_DIRECTIVES: &[&str] = &[
    "listen",
    "server_name",
    "server_tokens",
    "return",
    "ssl_reject_handshake",
    "ssl_certificate",
    "ssl_certificate_key",
    "ssl_protocols",
    "add_header",
    "root",
    "index",
    "error_page",
    "default_type",
];
const LOCATION_DIRECTIVES: &[&str] = &[
    "try_files",
    "internal",
    "return",
    "add_header",
    "gzip",
    "gzip_types",
];

fn servers(text: &str) -> Vec<Server> {
    parse_nginx(text)
        .into_iter()
        .map(|node| {
            let Node::Block(head, body) = node else {
                panic!("a directive outside server {{ }}: {node:?}");
            };
            assert_eq!(head, ["server"]);
            let mut s = Server::default();
            for node in body {
                match node {
                    Node::Block(head, inner) => location(&mut s, &head, inner, 0),
                    Node::Directive(w) => {
                        assert!(SERVER_DIRECTIVES.contains(&w[0].as_str()), "{w:?}");
                        let rest = w[1..].to_vec();
                        match w[0].as_str() {
                            "server_name" => s.names = rest,
                            "root" => s.roots.push(rest.join(" ")),
                            "listen" => s.listens.push(rest),
                            "return" => s.returns.push(rest),
                            "ssl_certificate" | "ssl_certificate_key" => {
                                s.certs.push(rest.join(" "))
                            }
                            "add_header" if rest[0] == "Content-Security-Policy" => {
                                s.csp.push(rest[1].clone())
                            }
                            "add_header" if rest[0].starts_with("Access-Control-") => {
                                s.cors.push(rest)
                            }
                            _ => {}
                        }
                    }
                }
            }
            s
        })
        .collect()
}

/// The security headers every location that adds headers of its own must repeat: nginx
/// drops the server's `add_header`s there.
const SECURITY_HEADERS: &[&str] = &[
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "Strict-Transport-Security",
];

/// A location block (and the one location it may hold, at most one level down) into `s`.
fn location(s: &mut Server, head: &[String], inner: Vec<Node>, depth: usize) {
    assert_eq!(head[0], "location", "{head:?}");
    assert!(depth <= 1, "a location nested twice: {head:?}");
    s.locations.push(head[1..].to_vec());
    let mut added = Vec::new();
    let mut nested = Vec::new();
    for n in inner {
        let w = match n {
            Node::Directive(w) => w,
            Node::Block(h, i) => {
                nested.push((h, i));
                continue;
            }
        };
        assert!(LOCATION_DIRECTIVES.contains(&w[0].as_str()), "{w:?}");
        if w[0] == "return" {
            s.returns.push(w[1..].to_vec());
        }
        if w[0] == "add_header" {
            added.push(w[1].clone());
            if w[1].starts_with("Access-Control-") {
                s.cors.push([&head[1..], &w[1..]].concat());
            }
            if w[1] == "Cache-Control" {
                s.caches.push([&head[1..], &w[2..]].concat());
            }
        }
    }
    if !added.is_empty() {
        for h in SECURITY_HEADERS {
            assert!(added.iter().any(|a| a == h), "{h} missing in {head:?}");
        }
    }
    for (h, i) in nested {
        location(s, &h, i, depth + 1);
    }
}

/// `nginx -t` on the generated configuration, included in a minimal main file. With
/// `bind_may_fail`, a refused bind() (an address this machine does not have) is accepted
/// once nginx has said the syntax is ok.
fn nginx_accepts(t: &Tools, site_conf: &str, bind_may_fail: bool) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("laman.conf"), site_conf).unwrap();
    let conf = format!(
        "daemon off;\nmaster_process off;\nworker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\nevents {{ worker_connections 64; }}\nhttp {{\n  include /etc/nginx/mime.types;\n  access_log off;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n  fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n  include {d}/laman.conf;\n}}\n",
        d = d.display()
    );
    std::fs::write(d.join("nginx.conf"), conf).unwrap();
    let mut cmd = Command::new(&t.nginx);
    cmd.arg("-t")
        .arg("-c")
        .arg(d.join("nginx.conf"))
        .arg("-p")
        .arg(d);
    let out = run(cmd);
    let ok = out.code == Some(0)
        || (bind_may_fail && out.stderr.contains("syntax is ok") && out.stderr.contains("bind()"));
    assert!(ok, "nginx -t: {}\n{site_conf}", out.stderr);
}

/// Two different free ports: both are held while the second is found, since the
/// system may hand out a port again as soon as it is released.
fn two_free_ports() -> (u16, u16) {
    let bind = || std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let (a, b) = (bind(), bind());
    (
        a.local_addr().unwrap().port(),
        b.local_addr().unwrap().port(),
    )
}

/// What `laman domains nginx` is run with.
struct Args {
    webroot: String,
    cert: String,
    key: String,
    http: String,
    https: String,
}

impl Args {
    fn local(t: &Tools) -> Args {
        let (http, https) = two_free_ports();
        Args {
            webroot: "/srv/laman/public".into(),
            cert: t.cert.to_string_lossy().into_owned(),
            key: t.key.to_string_lossy().into_owned(),
            http: format!("127.0.0.1:{http}"),
            https: format!("127.0.0.1:{https}"),
        }
    }

    fn nginx(&self, root: &Path) -> Run {
        laman_run(
            root,
            &[
                "domains",
                "nginx",
                "--webroot",
                &self.webroot,
                "--cert",
                &self.cert,
                "--key",
                &self.key,
                "--http",
                &self.http,
                "--https",
                &self.https,
            ],
        )
    }
}

/// The listen values a `--http`/`--https` argument must become.
fn listen_values(arg: &str, extra: &[&str]) -> Vec<Vec<String>> {
    let with = |v: String| {
        std::iter::once(v)
            .chain(extra.iter().map(|e| e.to_string()))
            .collect::<Vec<_>>()
    };
    match arg.parse::<u16>() {
        Ok(port) if arg.bytes().all(|b| b.is_ascii_digit()) => {
            vec![with(port.to_string()), with(format!("[::]:{port}"))]
        }
        _ => vec![with(
            arg.parse::<std::net::SocketAddr>().unwrap().to_string(),
        )],
    }
}

/// Checks an accepted configuration against what the registry, the iframe hosts and the
/// arguments say, then has nginx test it.
fn check_nginx(t: &Tools, v: &Values, hosts: &[String], a: &Args, conf: &str, bind_may_fail: bool) {
    let d = v.get("regency.domain").to_ascii_lowercase();
    let label = v.get("site.label").to_ascii_lowercase();
    let site = format!("{label}.{d}");
    let (peta, dishub, www) = (
        format!("peta.{d}"),
        format!("dishub.{d}"),
        format!("www.{d}"),
    );
    let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let (root, made, assets, not_found) = (
        words(&["/"]),
        words(&["~", r"\.(?:html|xml|txt|json|csv)$"]),
        words(&["^~", "/_aset/"]),
        words(&["=", "/404.html"]),
    );
    let pages = vec![
        root.clone(),
        made.clone(),
        assets.clone(),
        not_found.clone(),
    ];
    // The portal's search index, read by every site's search page; its files named by
    // their hash kept a year.
    let (index, hashed) = (
        words(&["^~", "/_cari/"]),
        words(&[
            "~",
            r"/(?:kata-[0-9a-f]{16}|teks-[0-9a-f]{16}/[0-9]+)\.json$",
        ]),
    );
    let portal_pages = vec![
        root.clone(),
        made.clone(),
        assets.clone(),
        index.clone(),
        hashed.clone(),
        not_found.clone(),
    ];
    let s = servers(conf);
    let cors: Vec<&Vec<Vec<String>>> = s.iter().map(|s| &s.cors).collect();
    let allow = ["Access-Control-Allow-Origin", "*", "always"];
    let only_the_index = vec![
        [index.clone(), words(&allow)].concat(),
        [hashed.clone(), words(&allow)].concat(),
    ];
    for (i, c) in cors.iter().enumerate() {
        let want: &[Vec<String>] = if i == 4 { &only_the_index } else { &[] };
        assert_eq!(c.as_slice(), want, "{conf}");
    }
    // A year only for names that carry a hash, and then only for successful answers.
    let year = "public, max-age=31536000, immutable";
    let caches = |portal: bool| {
        let mut c = vec![
            [root.clone(), words(&["public, max-age=3600"])].concat(),
            [made.clone(), words(&["no-cache", "always"])].concat(),
            [assets.clone(), words(&[year])].concat(),
        ];
        if portal {
            c.push([index.clone(), words(&["no-cache", "always"])].concat());
            c.push([hashed.clone(), words(&[year])].concat());
        }
        c.push([not_found.clone(), words(&["no-cache", "always"])].concat());
        c
    };
    assert_eq!(s[4].caches, caches(true), "{conf}");
    assert_eq!(s[5].caches, caches(false), "{conf}");
    let got: Vec<(Vec<String>, Vec<Vec<String>>)> = s
        .iter()
        .map(|s| (s.names.clone(), s.locations.clone()))
        .collect();
    let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    // `peta` is a service: not a static site, so not in the configuration.
    assert!(!conf.contains(&peta), "{conf}");
    let want = vec![
        (names(&["_"]), vec![]),
        (names(&["_"]), vec![]),
        (names(&[&d, &www, &site, &dishub]), vec![]),
        (names(&[&www]), vec![]),
        (names(&[&d]), portal_pages),
        (names(&[&site]), pages),
        (names(&[&dishub]), vec![vec!["/".to_string()]]),
    ];
    assert_eq!(got, want, "{conf}");
    let webroot = Path::new(&a.webroot);
    for (server, fqdn) in s[4..6].iter().zip([&d, &site]) {
        assert_eq!(
            server.roots,
            [webroot.join(fqdn).to_string_lossy()],
            "{conf}"
        );
    }
    for server in &s[3..] {
        assert_eq!(server.certs, [a.cert.as_str(), a.key.as_str()], "{conf}");
        assert_eq!(server.listens, listen_values(&a.https, &["ssl"]));
    }
    assert_eq!(s[0].listens, listen_values(&a.http, &["default_server"]));
    let frames: Vec<String> = hosts.iter().map(|h| format!("https://{h}")).collect();
    let csp = &s[5].csp[0];
    match csp.split_once("; frame-src ") {
        Some((_, list)) => assert_eq!(list.split(' ').collect::<Vec<_>>(), frames),
        None => assert!(frames.is_empty(), "{csp}"),
    }
    let notice = &s[6].returns[0];
    assert_eq!(notice[0], "503");
    let owner = notice_escape(v.get("suspended.owner"));
    let dinas = notice_escape(v.get("regency.dinas"));
    let shape = notice[1]
        .replacen(&format!("({owner})"), "(OWNER)", 1)
        .replacen(&format!("oleh {dinas}."), "oleh DINAS.", 1);
    assert_eq!(
        shape.matches('<').count(),
        18,
        "the notice holds only its own markup: {}",
        notice[1]
    );
    assert!(
        shape.contains("(OWNER) untuk") && shape.contains("oleh DINAS."),
        "{shape}"
    );
    nginx_accepts(t, conf, bind_may_fail);
}

/// The owner as the notice must hold it: HTML-escaped, with no `'`, `\` or `$` left.
fn notice_escape(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".into(),
            '>' => "&gt;".into(),
            '"' => "&quot;".into(),
            '\'' => "&#39;".into(),
            '\\' => "&#92;".into(),
            '$' => "&#36;".into(),
            c => c.to_string(),
        })
        .collect()
}

/// Either the registry is refused with a finding (exit 1, nothing on stdout), or the zone
/// and the nginx configuration hold exactly what they must.
fn registry_case(t: &Tools, v: &Values, hosts: &[String]) {
    let root = v.root(hosts);
    let zone = laman_run(root.path(), &["domains", "zone", "--serial", "1"]);
    match zone.code {
        Some(0) => {
            let d = v.get("regency.domain").to_ascii_lowercase();
            assert_eq!(loaded_records(t, &zone.stdout, &d), v.expected_records());
        }
        Some(1) => {
            assert!(zone.stdout.is_empty());
            assert!(zone.stderr.contains("error["), "{}", zone.stderr);
        }
        other => panic!("zone: exit {other:?}: {}", zone.stderr),
    }
    let a = Args::local(t);
    let nginx = a.nginx(root.path());
    match nginx.code {
        Some(0) => {
            // The zone alone also refuses an in-zone nameserver without glue (the
            // zone could not carry it); nginx has no use for glue.
            let zone_only = zone
                .stderr
                .lines()
                .filter(|l| l.starts_with("error["))
                .all(|l| l.starts_with("error[registry.nameserver.glue]"));
            assert!(
                zone.code == Some(0) || zone_only,
                "nginx written for a refused registry: {}",
                zone.stderr
            );
            check_nginx(t, v, hosts, &a, &nginx.stdout, false);
        }
        Some(1) => {
            assert!(nginx.stdout.is_empty());
            assert!(nginx.stderr.contains("error["), "{}", nginx.stderr);
        }
        other => panic!("nginx: exit {other:?}: {}", nginx.stderr),
    }
}

// ---- strategies ----

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

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_registry_field_gives_a_finding_or_exactly_the_expected_zone_and_nginx(v in hostile_registry()) {
        let Some(t) = tools() else { return Ok(()) };
        registry_case(t, &v, &["www.openstreetmap.org".to_string()]);
    }

    #[test]
    fn any_iframe_host_gives_a_finding_or_exactly_the_expected_csp(
        hosts in prop::collection::vec(hostile(), 0..3)
    ) {
        let Some(t) = tools() else { return Ok(()) };
        registry_case(t, &Values::clean(), &hosts);
    }

    #[test]
    fn any_nginx_argument_exits_2_or_gives_exactly_the_expected_config(
        which in 0..5usize,
        text in prop_oneof![
            2 => hostile(),
            1 => "[0-9]{1,6}",
            1 => "(127\\.0\\.0\\.1|\\[::1\\]|0\\.0\\.0\\.0|203\\.0\\.113\\.5|\\[2001:db8::1\\]):[0-9]{1,5}",
        ],
    ) {
        let Some(t) = tools() else { return Ok(()) };
        let v = Values::clean();
        let root = v.root(&[]);
        let dir = tempfile::tempdir().unwrap();
        let mut a = Args::local(t);
        // Paths are made absolute inside the temporary folder, so that an accepted
        // certificate path can be given a real certificate for nginx to load.
        let in_dir = format!("{}/c{}", dir.path().display(), text.replace(['/', '\0'], "_"));
        match which {
            0 => a.webroot = if text.starts_with('/') { text.replace('\0', "") } else { in_dir },
            1 => a.cert = in_dir,
            2 => a.key = in_dir,
            3 => a.http = text.replace('\0', ""),
            _ => a.https = text.replace('\0', ""),
        }
        let out = a.nginx(root.path());
        match out.code {
            Some(0) => {
                for (path, real) in [(&a.cert, &t.cert), (&a.key, &t.key)] {
                    if !Path::new(path).exists() {
                        std::fs::copy(real, path).unwrap();
                    }
                }
                check_nginx(t, &v, &[], &a, &out.stdout, which >= 3);
            }
            Some(2) => {
                prop_assert!(out.stdout.is_empty());
                prop_assert!(out.stderr.contains("--"), "{}", out.stderr);
            }
            other => panic!("exit {other:?}: {}", out.stderr),
        }
    }
}

/// A page of the approved site with `alias` in its `aliases`: either the content's
/// rules refuse it (a finding, and the nginx configuration is the one without it), or
/// the configuration answers it with a 301 to the page; nginx accepts it either way.
fn alias_case(t: &Tools, alias: &str) {
    let v = Values::clean();
    let root = v.root(&[]);
    let label = v.get("site.label").to_ascii_lowercase();
    let site = root.path().join("content").join(v.get("site.label"));
    std::fs::write(site.join("_index.md"), "+++\ntitle = \"Beranda\"\n+++\n").unwrap();
    let page = |aliases: &str| {
        std::fs::write(
            site.join("lama.md"),
            format!("+++\ntitle = \"Lama\"\naliases = [{aliases}]\n+++\n\nIsi.\n"),
        )
        .unwrap()
    };
    let a = Args::local(t);
    page("");
    let baseline = a.nginx(root.path());
    assert_eq!(baseline.code, Some(0), "{}", baseline.stderr);
    page(&toml_edit::Value::from(alias).to_string());
    let out = a.nginx(root.path());
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    nginx_accepts(t, &out.stdout, false);
    let check = laman_run(root.path(), &["check", "--format", "json"]);
    let refused = check.stdout.contains("content.frontmatter.field")
        || check.stdout.contains("content.path.collision");
    let domain = v.get("regency.domain").to_ascii_lowercase();
    if refused {
        assert_eq!(
            out.stdout, baseline.stdout,
            "{alias:?} refused, yet in the config"
        );
    } else {
        let target = format!("return 301 https://{label}.{domain}");
        assert!(
            out.stdout.contains(&format!("{target}/lama/;")) || out.stdout.contains("\"/lama/\";"),
            "{alias:?} accepted but not redirected:\n{}",
            out.stdout
        );
        assert_eq!(
            out.stdout.matches("server {").count(),
            baseline.stdout.matches("server {").count()
        );
    }
}

/// Aliases that mix plausible old addresses with what breaks paths, nginx and HTML.
fn hostile_alias() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => "[a-z0-9-]{1,8}/".prop_map(|s| s),
        2 => prop::sample::select(vec![
            "?p=12", "?page_id=7", "?cat=3", "?tag=a;b", "?p=1&x=2", "?evil=1", "%2e%2e/",
            "%0a", "%e5%ad%a6/", "%ZZ", "%22", "%24host", "..", "./", "//", "#x", "\"",
            "'", ";", "{", "}", "$host", "\\", " ", "\n", "<x>", "index.html", "a.php",
            "\"; } server { location /x { alias /etc/; } #",
            "?p=default", "?tag=include", "?cat=hostnames", "?p=volatile", "?tag=Default",
            "default/", "include/", "@x/", "~/",
        ])
        .prop_map(str::to_string),
        1 => hostile(),
    ];
    prop::collection::vec(piece, 1..5).prop_map(|v| format!("/{}", v.concat()))
}

/// A query alias from the words that nginx's `map` reads as its own, in any case, and
/// plain values.
fn query_alias() -> impl Strategy<Value = String> {
    let name = prop::sample::select(vec!["p", "page_id", "cat", "tag", "m"]);
    let word = prop::sample::select(vec![
        "default",
        "include",
        "hostnames",
        "volatile",
        "12",
        "rapat",
        "x.y",
        "a-b_c",
    ]);
    (name, word, any::<bool>()).prop_map(|(n, w, upper)| {
        let w = if upper {
            w.to_ascii_uppercase()
        } else {
            w.to_string()
        };
        format!("/?{n}={w}")
    })
}

/// Pages of the approved site (`/lama0/`, `/lama1/`, ...), each with its aliases:
/// nginx accepts the configuration; each alias is one source value of its name's `map`,
/// leading to its page, unless one before it answers the same requests (the same value
/// in any case: nginx's `map` and WordPress ignore case), which on the same page is the
/// same address again and on another page a collision `laman check` reports.
fn query_aliases_case(t: &Tools, pages: &[Vec<String>]) {
    let v = Values::clean();
    let root = v.root(&[]);
    let site = root.path().join("content").join(v.get("site.label"));
    std::fs::write(site.join("_index.md"), "+++\ntitle = \"Beranda\"\n+++\n").unwrap();
    let mut kept: Vec<(String, String)> = Vec::new();
    let mut collisions = 0;
    for (i, aliases) in pages.iter().enumerate() {
        let list: Vec<String> = aliases
            .iter()
            .map(|a| toml_edit::Value::from(a.as_str()).to_string())
            .collect();
        std::fs::write(
            site.join(format!("lama{i}.md")),
            format!(
                "+++\ntitle = \"Lama\"\naliases = [{}]\n+++\n\nIsi.\n",
                list.join(", ")
            ),
        )
        .unwrap();
        let target = format!("/lama{i}/");
        for alias in aliases {
            match kept.iter().find(|(k, _)| k.eq_ignore_ascii_case(alias)) {
                Some((_, to)) if *to == target => {}
                Some(_) => collisions += 1,
                None => kept.push((alias.clone(), target.clone())),
            }
        }
    }
    let a = Args::local(t);
    let out = a.nginx(root.path());
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    nginx_accepts(t, &out.stdout, false);
    // The source values as nginx reads them: a leading `\` dropped, which every one
    // must have (else nginx may read it as a parameter or a pattern).
    let mut sources = Vec::new();
    for node in parse_nginx(&out.stdout) {
        if let Node::Block(head, body) = node {
            if head[0] == "map" {
                for n in body {
                    if let Node::Directive(w) = n {
                        if w[0] != "default" {
                            let name = head[1].trim_start_matches("$arg_");
                            let value = w[0].strip_prefix('\\').unwrap_or_else(|| {
                                panic!("a source value nginx may read as a parameter: {w:?}")
                            });
                            assert_eq!(w.len(), 2, "{w:?}");
                            sources.push((format!("/?{name}={value}"), w[1].clone()));
                        }
                    }
                }
            }
        }
    }
    sources.sort();
    kept.sort();
    assert_eq!(sources, kept, "{}", out.stdout);
    let check = laman_run(root.path(), &["check", "--format", "json"]);
    assert_eq!(
        check.stdout.matches("\"content.path.collision\"").count(),
        collisions,
        "{}",
        check.stdout
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..config() })]

    #[test]
    fn any_query_aliases_give_maps_nginx_reads_as_values(
        pages in prop::collection::vec(prop::collection::vec(query_alias(), 1..5), 1..3)
    ) {
        let Some(t) = tools() else { return Ok(()) };
        query_aliases_case(t, &pages);
    }
}

#[test]
fn query_values_that_are_map_parameters_are_values() {
    let Some(t) = tools() else { return };
    let page = |aliases: &[&str]| aliases.iter().map(|a| a.to_string()).collect();
    query_aliases_case(
        t,
        &[
            page(&[
                "/?p=default",
                "/?p=include",
                "/?tag=hostnames",
                "/?cat=volatile",
                "/?p=DEFAULT",
                "/?p=12",
            ]),
            page(&["/?tag=Hostnames", "/?cat=volatile", "/?p=13"]),
        ],
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..config() })]

    #[test]
    fn any_alias_gives_a_finding_or_exactly_its_301(alias in hostile_alias()) {
        let Some(t) = tools() else { return Ok(()) };
        alias_case(t, &alias);
    }
}

#[test]
fn aliases_that_break_out_of_nginx_are_refused_and_plain_ones_redirect() {
    let Some(t) = tools() else { return };
    for alias in [
        "/2024/03/18/berita-lama/",
        "/?p=102",
        "/%e5%ad%a6%e6%a0%a1/",
        "/a\"; } server { location /x { alias /etc/; } #/",
        "/$host/",
        "/?p=1;return",
        "/../../etc/",
    ] {
        alias_case(t, alias);
    }
}

// ---- the reproductions of the issue ----

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

/// A value that adds records to the zone and servers to nginx is a finding on its line,
/// and neither the zone nor nginx is written.
fn refused(field: &str, value: &str) -> Vec<String> {
    let v = Values::with(field, value);
    let root = v.root(&[]);
    let codes = codes_of(root.path());
    let zone = laman_run(root.path(), &["domains", "zone"]);
    assert_eq!(zone.code, Some(1), "{}", zone.stdout);
    assert!(zone.stdout.is_empty());
    let nginx = laman_run(root.path(), &["domains", "nginx", "--webroot", "/srv/www"]);
    assert_eq!(nginx.code, Some(1), "{}", nginx.stdout);
    assert!(nginx.stdout.is_empty());
    codes
}

#[test]
fn owner_with_a_newline_is_a_finding_not_zone_records() {
    let codes = refused(
        "site.owner",
        "Dinas Kesehatan\n@ IN NS ns.evil.example.\n* IN A 198.51.100.1",
    );
    assert!(
        codes
            .iter()
            .any(|c| c.starts_with("registry.field.invalid:")),
        "{codes:?}"
    );
}

#[test]
fn regency_name_portal_title_and_decree_with_newlines_are_findings() {
    for (field, value) in [
        (
            "regency.name",
            "Kabupaten Contoh\n} server { listen 80; location / { alias /etc/; } }",
        ),
        ("portal.title", "Pemerintah\n* IN A 198.51.100.1"),
        ("site.decree", "555/031/KPTS/2024\n* IN A 198.51.100.1"),
        ("site.history.decree", "1/2024; } server { root /etc/; }"),
        ("suspended.reason", "judi\u{202e}"),
        (
            "site.contact",
            "dinkes@contohkab.go.id\nBcc: x@evil.example",
        ),
    ] {
        let codes = refused(field, value);
        assert!(
            codes
                .iter()
                .any(|c| c.starts_with("registry.field.invalid:")),
            "{field}: {codes:?}"
        );
    }
}

#[test]
fn owner_in_the_suspension_notice_is_html_escaped() {
    let Some(t) = tools() else { return };
    let v = Values::with(
        "suspended.owner",
        "<script>alert('x')</script> $host \\ Dinas \"Perhubungan\" & Co.",
    );
    let root = v.root(&[]);
    let a = Args::local(t);
    let out = a.nginx(root.path());
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let directives = out
        .stdout
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'));
    assert!(directives.clone().all(|l| !l.contains("<script>")));
    check_nginx(t, &v, &[], &a, &out.stdout, false);
}

#[test]
fn a_webroot_full_of_nginx_syntax_is_quoted_not_obeyed() {
    let Some(t) = tools() else { return };
    let v = Values::clean();
    let root = v.root(&[]);
    let mut a = Args::local(t);
    a.webroot = "/srv/www\"; } server { listen 8080; root /etc/; } #{}'".into();
    let out = a.nginx(root.path());
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    check_nginx(t, &v, &[], &a, &out.stdout, false);
}

#[test]
fn iframe_host_that_breaks_out_of_add_header_is_a_finding() {
    let root = Values::clean().root(&[
        "www.openstreetmap.org".into(),
        "maps.example\" always; location /x { alias /etc/; } add_header X \"".into(),
    ]);
    let nginx = laman_run(root.path(), &["domains", "nginx", "--webroot", "/srv/www"]);
    assert_eq!(nginx.code, Some(1));
    assert!(nginx.stdout.is_empty());
    assert!(
        nginx.stderr.contains("content.site.config") && nginx.stderr.contains("_site.toml:2"),
        "{}",
        nginx.stderr
    );
    let check = laman_run(root.path(), &["check", "--format", "json"]);
    assert!(
        check.stdout.contains("content.site.config"),
        "{}",
        check.stdout
    );
}

#[test]
fn nginx_arguments_that_break_out_exit_2() {
    let root = Values::clean().root(&[]);
    for args in [
        ["--webroot", "/srv/$host"],
        ["--webroot", "srv/www"],
        ["--http", "80; } server { listen 8080; root /etc/; } #"],
        ["--https", "443 ssl; location / { alias /etc/; }"],
        ["--http", "0"],
        ["--https", "65536"],
        ["--cert", "/etc/ssl/x.crt;\nssl_certificate_key /etc/shadow"],
        ["--key", "data:-----BEGIN"],
    ] {
        let mut all = vec!["domains", "nginx"];
        if args[0] != "--webroot" {
            all.extend(["--webroot", "/srv/www"]);
        }
        all.extend(args);
        let out = laman_run(root.path(), &all);
        assert_eq!(out.code, Some(2), "{args:?}: {}", out.stdout);
        assert!(out.stdout.is_empty());
        assert!(out.stderr.contains(args[0]), "{args:?}: {}", out.stderr);
    }
    // Plain http and https on one address and port: nginx would refuse the whole file.
    for (http, https) in [
        ("8080", "8080"),
        ("127.0.0.1:8443", "127.0.0.1:8443"),
        ("8443", "127.0.0.1:8443"),
    ] {
        let out = laman_run(
            root.path(),
            &[
                "domains",
                "nginx",
                "--webroot",
                "/srv/www",
                "--http",
                http,
                "--https",
                https,
            ],
        );
        assert_eq!(out.code, Some(2), "{http} {https}: {}", out.stdout);
        assert!(
            out.stderr.contains("the same address and port"),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn workflow_commands_refuse_values_that_break_the_grammar() {
    let root = fixture("contoh");
    let before = read(root.path().join("domains.toml"));
    for args in [
        vec![
            "request",
            "disparbud",
            "--owner",
            "Dinas\n* IN A 198.51.100.1",
            "--contact",
            "disparbud@contohkab.go.id",
        ],
        vec![
            "request",
            "disparbud",
            "--owner",
            "Dinas",
            "--contact",
            "a\nb@contohkab.go.id",
        ],
        vec![
            "request",
            "disparbud",
            "--owner",
            "Dinas",
            "--contact",
            "disparbud@contohkab.go.id",
            "--purpose",
            "x\u{2028}y",
        ],
        vec![
            "approve",
            "pasar",
            "--decree",
            "1/2026; } server {",
            "--date",
            "2026-01-01",
        ],
        vec!["suspend", "dinkes", "--reason", "a\tb"],
        vec![
            "revoke",
            "dinkes",
            "--decree",
            "1/2026\n",
            "--date",
            "2026-01-01",
            "--reason",
            "x",
        ],
    ] {
        let mut all = vec!["domains"];
        all.extend(args.iter().copied());
        let out = laman_run(root.path(), &all);
        assert_eq!(out.code, Some(1), "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("registry.edit.value"),
            "{args:?}: {}",
            out.stderr
        );
        assert_eq!(read(root.path().join("domains.toml")), before, "{args:?}");
    }
}

#[test]
fn the_clean_registry_gives_exactly_the_expected_zone_and_nginx() {
    let Some(t) = tools() else { return };
    registry_case(t, &Values::clean(), &["www.openstreetmap.org".to_string()]);
    let root = Values::clean().root(&[]);
    let zone = laman_run(root.path(), &["domains", "zone"]);
    assert_eq!(
        zone.code,
        Some(0),
        "the clean case is accepted: {}",
        zone.stderr
    );
}

/// Issue 26, point 1, in the zone: a site whose name is also an in-zone nameserver's
/// would put the site's records beside the nameserver's glue at one owner name (a CNAME
/// there makes the zone unloadable). The label is a finding; no zone is written.
#[test]
fn a_label_that_is_a_nameservers_name_is_a_finding_not_a_shared_owner_name() {
    let mut v = Values::with("hosting.nameserver", "dinkes.contohkab.go.id");
    let i = FIELDS
        .iter()
        .position(|(n, _)| *n == "hosting.glue.name")
        .unwrap();
    v.0[i] = "dinkes.contohkab.go.id".into();
    let root = v.root(&[]);
    let codes = codes_of(root.path());
    assert!(
        codes
            .iter()
            .any(|c| c.starts_with("registry.label.reserved:")),
        "{codes:?}"
    );
    let zone = laman_run(root.path(), &["domains", "zone"]);
    assert_eq!(zone.code, Some(1), "{}", zone.stdout);
    assert!(zone.stdout.is_empty());
}

// ---- [[record]]: the regency's other records (issue 25, point 2) ----

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

    #[test]
    fn any_record_field_gives_a_finding_or_exactly_that_record(
        base in 0..OTHER_RECORDS.len(),
        field in 0..4usize,
        text in hostile(),
        append in any::<bool>(),
    ) {
        let Some(t) = tools() else { return Ok(()) };
        other_record_case(t, base, field, &text, append);
    }
}

/// Every record type, with values that are hard to write (quotes, backslashes, `;`,
/// non-ASCII, a DKIM key longer than one string, a null MX), loads in `named-checkzone`
/// as exactly what was given; values that would break out are findings with their line.
#[test]
fn every_record_type_and_hard_values_pass_named_checkzone() {
    let Some(t) = tools() else { return };
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
