//! Reading nginx configuration as nginx does: its directives, `server`s and
//! `location`s, and what each case must find in them; the property tests and the issue's
//! reproductions below use it.

use super::*;

mod properties;
mod reproductions;

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

