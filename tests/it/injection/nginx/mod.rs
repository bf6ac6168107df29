//! Reading nginx configuration as nginx does: its directives, `server`s and
//! `location`s, and what each case must find in them; the property tests and the issue's
//! reproductions below use it.

use super::*;

mod properties;
mod reader;
mod reproductions;

use reader::{parse_nginx, servers, Node, Server};

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

/// The `location`s laman writes, as `parse_nginx` reads their heads.
struct Locations {
    root: Vec<String>,
    made: Vec<String>,
    assets: Vec<String>,
    not_found: Vec<String>,
    /// The portal's search index, read by every site's search page, and its files named
    /// by their hash, kept a year.
    index: Vec<String>,
    hashed: Vec<String>,
}

fn words(w: &[&str]) -> Vec<String> {
    w.iter().map(|s| s.to_string()).collect()
}

impl Locations {
    fn new() -> Locations {
        Locations {
            root: words(&["/"]),
            made: words(&["~", r"\.(?:html|xml|txt|json|csv)$"]),
            assets: words(&["^~", "/_aset/"]),
            not_found: words(&["=", "/404.html"]),
            index: words(&["^~", "/_cari/"]),
            hashed: words(&[
                "~",
                r"/(?:kata-[0-9a-f]{16}|teks-[0-9a-f]{16}/[0-9]+)\.json$",
            ]),
        }
    }

    /// A site's locations, in order.
    fn pages(&self) -> Vec<Vec<String>> {
        let l = self;
        vec![
            l.root.clone(),
            l.made.clone(),
            l.assets.clone(),
            l.not_found.clone(),
        ]
    }

    /// The portal's: a site's, and its search index.
    fn portal_pages(&self) -> Vec<Vec<String>> {
        let l = self;
        vec![
            l.root.clone(),
            l.made.clone(),
            l.assets.clone(),
            l.index.clone(),
            l.hashed.clone(),
            l.not_found.clone(),
        ]
    }
}

/// Checks an accepted configuration against what the registry, the iframe hosts and the
/// arguments say, then has nginx test it.
fn check_nginx(t: &Tools, v: &Values, hosts: &[String], a: &Args, conf: &str, bind_may_fail: bool) {
    let s = servers(conf);
    let l = Locations::new();
    check_cors_and_caches(&s, &l, conf);
    check_names_roots_and_listens(&s, &l, v, a, conf);
    check_csp_and_notice(&s, v, hosts);
    nginx_accepts(t, conf, bind_may_fail);
}

/// CORS only on the portal's search index; a year's caching only for names that carry a
/// hash (or a file asked for by its version), and then only for successful answers.
fn check_cors_and_caches(s: &[Server], l: &Locations, conf: &str) {
    let cors: Vec<&Vec<Vec<String>>> = s.iter().map(|s| &s.cors).collect();
    let allow = ["Access-Control-Allow-Origin", "*", "always"];
    let only_the_index = vec![
        [l.index.clone(), words(&allow)].concat(),
        [l.hashed.clone(), words(&allow)].concat(),
    ];
    for (i, c) in cors.iter().enumerate() {
        let want: &[Vec<String>] = if i == 4 { &only_the_index } else { &[] };
        assert_eq!(c.as_slice(), want, "{conf}");
    }
    let year = "public, max-age=31536000, immutable";
    let caches = |portal: bool| {
        let mut c = vec![
            // An hour, a year when asked for by version (the map below).
            [l.root.clone(), words(&["$laman_versioned_cache"])].concat(),
            [l.made.clone(), words(&["no-cache", "always"])].concat(),
            [l.assets.clone(), words(&[year])].concat(),
        ];
        if portal {
            c.push([l.index.clone(), words(&["no-cache", "always"])].concat());
            c.push([l.hashed.clone(), words(&[year])].concat());
        }
        c.push([l.not_found.clone(), words(&["no-cache", "always"])].concat());
        c
    };
    let map = "map $arg_v $laman_versioned_cache {\n    default \"public, max-age=3600\";\n    \"~^[0-9a-f]{16}$\" \"public, max-age=31536000, immutable\";\n}\n";
    assert_eq!(conf.matches(map).count(), 1, "{conf}");
    assert_eq!(s[4].caches, caches(true), "{conf}");
    assert_eq!(s[5].caches, caches(false), "{conf}");
}

/// The servers, their names and locations, webroots, certificates and `listen`s.
fn check_names_roots_and_listens(s: &[Server], l: &Locations, v: &Values, a: &Args, conf: &str) {
    let d = v.get("regency.domain").to_ascii_lowercase();
    let label = v.get("site.label").to_ascii_lowercase();
    let site = format!("{label}.{d}");
    let (peta, dishub, www) = (
        format!("peta.{d}"),
        format!("dishub.{d}"),
        format!("www.{d}"),
    );
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
        (names(&[&d]), l.portal_pages()),
        (names(&[&site]), l.pages()),
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
}

/// The site's CSP frames exactly the iframe hosts; the suspension notice holds the
/// owner and the Dinas escaped, and only its own markup.
fn check_csp_and_notice(s: &[Server], v: &Values, hosts: &[String]) {
    let frames: Vec<String> = hosts.iter().map(|h| format!("https://{h}")).collect();
    let csp = &s[5].csp[0];
    match csp.split_once("; frame-src ") {
        Some((_, list)) => assert_eq!(list.split(' ').collect::<Vec<_>>(), frames),
        None => assert!(frames.is_empty(), "{csp}"),
    }
    let notice = notice_of(&s[6]);
    // Escaped values hold no `<`: the tags are the page's own.
    assert_eq!(
        notice.matches('<').count(),
        NOTICE_TAGS,
        "the notice holds only its own markup: {notice}"
    );
    let owner = notice_escape(v.get("suspended.owner"));
    let dinas = notice_escape(v.get("regency.dinas"));
    let regency = notice_escape(v.get("regency.name"));
    for part in [
        format!("({owner}) untuk"),
        format!("keputusan {dinas}"),
        format!("<p>{regency}</p>"),
    ] {
        assert!(notice.contains(&part), "{part}: {notice}");
    }
}

/// How many tags the suspension notice has, whatever the registry holds.
const NOTICE_TAGS: usize = 50;

/// The suspension notice as nginx sends it: `return 503` of the `set` variables, in the
/// order the return names them, none holding a `$` nginx would read.
fn notice_of(server: &Server) -> String {
    let notice = &server.returns[0];
    assert_eq!(notice[0], "503");
    let mut page = String::new();
    let mut names = Vec::new();
    for (name, value) in &server.sets {
        assert!(!value.contains(['$', '\\']), "{value}");
        assert!(value.len() < 4000, "over nginx's parameter buffer");
        names.push(name.clone());
        page.push_str(value);
    }
    assert_eq!(
        notice[1],
        names.concat(),
        "the return names each part once, in order"
    );
    page
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
