//! The generated nginx configuration, tried on a real nginx on 127.0.0.1: `nginx -t`,
//! then pages of several sites fetched by name, with curl.

use crate::common;
use common::nginx::{certificates, tools, Nginx};
use common::*;
use std::path::Path;
use std::process::Command;

struct Fetched {
    status: u16,
    headers: String,
    body: String,
    curl_exit: i32,
}

fn fetch(curl: &Path, scheme: &str, host: &str, port: u16, path: &str) -> Fetched {
    let out = Command::new(curl)
        .args(["-sk", "--max-time", "5", "-D", "-", "--resolve"])
        .arg(format!("{host}:{port}:127.0.0.1"))
        .arg(format!("{scheme}://{host}:{port}{path}"))
        .output_in_time();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (headers, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = headers
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Fetched {
        status,
        headers: headers.to_ascii_lowercase(),
        body: body.to_string(),
        curl_exit: out.status.code().unwrap_or(-1),
    }
}

#[needs("nginx", "openssl", "curl")]
#[test]
fn nginx_accepts_the_config_and_serves_each_site_by_name() {
    let (nginx, openssl, curl) = tools();
    let root = fixture("contoh");
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let public = t.join("public");
    let out = laman(root.path(), &["build", "--out", public.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    certificates(&openssl, t, "contohkab.go.id");
    let server = Nginx::start(&nginx, root.path(), &public, t);
    let (http, https) = (server.http, server.https);
    let site_conf = server.site_conf();
    assert!(site_conf.contains("server_tokens off;"));
    assert!(
        !site_conf.contains("pasar.contohkab.go.id"),
        "requested names get no server"
    );

    pages_carry_the_security_headers(&curl, https);
    the_search_index_is_the_portals_and_sent_compressed(&curl, https);
    other_names_and_plain_http_are_redirected_or_refused(&curl, http, https);
}

/// A site's page and the portal's directory: served, with every security header and
/// without nginx's version.
fn pages_carry_the_security_headers(curl: &Path, https: u16) {
    let page = fetch(
        curl,
        "https",
        "dinkes.contohkab.go.id",
        https,
        "/profil/visi-misi/",
    );
    assert_eq!(page.status, 200, "{}", page.headers);
    assert!(page.body.contains("Visi dan Misi"));
    for header in [
        "content-security-policy: default-src 'self'",
        "x-content-type-options: nosniff",
        "referrer-policy:",
        "permissions-policy:",
        "strict-transport-security: max-age=",
    ] {
        assert!(
            page.headers.contains(header),
            "missing {header}: {}",
            page.headers
        );
    }
    assert!(
        !page.headers.contains("server: nginx/"),
        "server_tokens off"
    );

    let portal = fetch(curl, "https", "contohkab.go.id", https, "/direktori/");
    assert_eq!(portal.status, 200);
    assert!(portal.body.contains("Direktori"));
    assert!(!portal
        .headers
        .to_ascii_lowercase()
        .contains("access-control-allow-origin"));
}

/// The regency's search index is read by every site's /cari/ page: exactly one header
/// more there, the security headers stay, and it is the portal's only.
fn the_search_index_is_the_portals_and_sent_compressed(curl: &Path, https: u16) {
    let index = fetch(curl, "https", "contohkab.go.id", https, "/_cari/indeks.js");
    let headers = index.headers.to_ascii_lowercase();
    assert_eq!(index.status, 200, "{}", index.headers);
    assert!(
        headers.contains("access-control-allow-origin: *\r\n"),
        "{headers}"
    );
    assert!(headers.contains("content-security-policy:"), "{headers}");
    assert!(headers.contains("strict-transport-security:"), "{headers}");
    assert!(!headers.contains("access-control-allow-credentials"));
    // The index (JSON and one script) is sent compressed to a browser that accepts it.
    let compressed = Command::new(curl)
        .args([
            "-sk",
            "--max-time",
            "5",
            "--compressed",
            "-D",
            "-",
            "-o",
            "/dev/null",
        ])
        .arg("--resolve")
        .arg(format!("contohkab.go.id:{https}:127.0.0.1"))
        .arg(format!("https://contohkab.go.id:{https}/_cari/indeks.js"))
        .output_in_time();
    let compressed = String::from_utf8_lossy(&compressed.stdout).to_ascii_lowercase();
    assert!(
        compressed.contains("content-encoding: gzip"),
        "{compressed}"
    );
    let search = fetch(curl, "https", "dinkes.contohkab.go.id", https, "/cari/");
    assert_eq!(search.status, 200);
    let csp = search.headers.to_ascii_lowercase();
    assert!(
        csp.contains("script-src 'self' https://contohkab.go.id;"),
        "{csp}"
    );
    assert!(!csp.contains("access-control-allow-origin"));
    assert_eq!(
        fetch(
            curl,
            "https",
            "dinkes.contohkab.go.id",
            https,
            "/_cari/indeks.js"
        )
        .status,
        404,
        "the index is the portal's only"
    );
    assert_eq!(
        fetch(curl, "https", "disdik.contohkab.go.id", https, "/").status,
        200
    );
}

/// A missing page, `www.`, plain http, a suspended name and one not approved.
fn other_names_and_plain_http_are_redirected_or_refused(curl: &Path, http: u16, https: u16) {
    let missing = fetch(
        curl,
        "https",
        "dinkes.contohkab.go.id",
        https,
        "/tidak/ada/",
    );
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Halaman tidak ditemukan"),
        "the site's own 404 page"
    );

    let www = fetch(curl, "https", "www.contohkab.go.id", https, "/berita/");
    assert_eq!(www.status, 301);
    assert!(
        www.headers
            .contains("location: https://contohkab.go.id/berita/"),
        "{}",
        www.headers
    );

    let plain = fetch(curl, "http", "dinkes.contohkab.go.id", http, "/profil/");
    assert_eq!(plain.status, 301);
    assert!(
        plain
            .headers
            .contains("location: https://dinkes.contohkab.go.id"),
        "{}",
        plain.headers
    );

    let suspended = fetch(curl, "https", "dishub.contohkab.go.id", https, "/");
    assert_eq!(suspended.status, 503);
    assert!(suspended.body.contains("ditangguhkan"));

    let requested = fetch(curl, "https", "pasar.contohkab.go.id", https, "/");
    assert_eq!(
        requested.status, 0,
        "no page for a name that is not approved"
    );
    assert_ne!(requested.curl_exit, 0);
    let requested_http = fetch(curl, "http", "pasar.contohkab.go.id", http, "/");
    assert_eq!(
        requested_http.status, 0,
        "the http default server closes the connection"
    );
}

#[test]
fn nginx_config_is_refused_while_the_registry_has_errors() {
    let root = fixture("contoh");
    let text = read(root.path().join("domains.toml")).replacen(
        "A = [\"203.0.113.12\"]",
        "A = [\"8.8.8.8\"]",
        1,
    );
    write(root.path().join("domains.toml"), &text);
    let out = laman(
        root.path(),
        &["domains", "nginx", "--webroot", "/srv/public"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    assert!(stderr(&out).contains("registry.record.outside-datacenter"));
}

/// Each kind of file with its cache policy, and the security headers with every one:
/// a location that adds a header of its own drops the server's in nginx.
fn assert_cached(f: &Fetched, policy: &str) {
    let want = format!("cache-control: {policy}\r\n");
    // The last header has no line end after the split of head and body.
    let headers = format!("{}\r\n", f.headers);
    assert!(headers.contains(&want), "want {want:?}: {}", f.headers);
    assert_eq!(
        f.headers.matches("cache-control:").count(),
        1,
        "{}",
        f.headers
    );
    for header in [
        "content-security-policy: default-src 'self'",
        "x-content-type-options: nosniff",
        "referrer-policy:",
        "permissions-policy:",
        "strict-transport-security: max-age=",
    ] {
        assert!(
            f.headers.contains(header),
            "missing {header}: {}",
            f.headers
        );
    }
}

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

#[needs("nginx", "openssl", "curl")]
#[test]
fn nginx_keeps_fingerprinted_files_a_year_and_asks_again_for_pages() {
    let (nginx, openssl, curl) = tools();
    let root = fixture("contoh");
    write(
        root.path().join("content/dinkes/_static/berkas/surat.pdf"),
        "%PDF-1.4 surat",
    );
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let public = t.join("public");
    let out = laman(root.path(), &["build", "--out", public.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    certificates(&openssl, t, "contohkab.go.id");
    let server = Nginx::start(&nginx, root.path(), &public, t);
    let https = server.https;
    let get = |host: &str, path: &str| fetch(&curl, "https", host, https, path);
    let dinkes = "dinkes.contohkab.go.id";

    let page = get(dinkes, "/profil/visi-misi/");
    assert_eq!(page.status, 200);
    assert_cached(&page, "no-cache");
    assert!(
        page.headers.contains("etag:"),
        "a revalidation is a 304: {}",
        page.headers
    );
    let css = page
        .body
        .split("href=")
        .filter_map(|s| s.split([' ', '>']).next())
        .find(|h| h.contains("/_aset/style."))
        .expect("the page links the fingerprinted stylesheet")
        .trim_matches('"')
        .trim_start_matches("https://dinkes.contohkab.go.id")
        .to_string();
    let style = get(dinkes, &css);
    assert_eq!(style.status, 200, "{css}");
    assert!(style.headers.contains("content-type: text/css"));
    assert_cached(&style, IMMUTABLE);

    for (host, path) in [
        (dinkes, "/"),
        (dinkes, "/atom.xml"),
        (dinkes, "/sitemap.xml"),
        (dinkes, "/robots.txt"),
        ("contohkab.go.id", "/layanan.json"),
        ("contohkab.go.id", "/_cari/indeks.js"),
        ("contohkab.go.id", "/_cari/indeks.json"),
    ] {
        let f = get(host, path);
        assert_eq!(f.status, 200, "{host}{path}");
        assert_cached(&f, "no-cache");
    }
    let chunk = std::fs::read_dir(public.join("contohkab.go.id/_cari"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.starts_with("kata-"))
        .unwrap();
    let index = get("contohkab.go.id", &format!("/_cari/{chunk}"));
    assert_eq!(index.status, 200);
    assert_cached(&index, IMMUTABLE);
    assert!(index.headers.contains("access-control-allow-origin: *"));

    // An editor's file keeps its name: an hour, then asked again.
    let pdf = get(dinkes, "/berkas/surat.pdf");
    assert_eq!(pdf.status, 200);
    assert_cached(&pdf, "public, max-age=3600");

    // A missing fingerprinted file is not kept for a year.
    let missing = get(dinkes, "/_aset/style.0000000000000000.css");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Halaman tidak ditemukan"));
    assert_cached(&missing, "no-cache");
}

/// Issue 26, point 1: a query alias whose value is one of a `map` block's own
/// parameters (`default`, `include`, `hostnames`, `volatile`) is a value like any
/// other on a real nginx: `nginx -t` accepts the configuration and each redirects to
/// its page, in any case (nginx's `map` ignores case, as WordPress does), while other
/// values are left to the page.
#[needs("nginx", "openssl", "curl")]
#[test]
fn query_aliases_named_like_map_parameters_redirect_on_a_real_nginx() {
    let (nginx, openssl, curl) = tools();
    let root = fixture("contoh");
    let aliases = [
        "/?p=default",
        "/?p=include",
        "/?tag=hostnames",
        "/?cat=volatile",
        "/?page_id=12",
    ];
    let list: Vec<String> = aliases.iter().map(|a| format!("{a:?}")).collect();
    write(
        root.path().join("content/dinkes/lama.md"),
        &format!(
            "+++\ntitle = \"Lama\"\naliases = [{}]\n+++\n\nIsi.\n",
            list.join(", ")
        ),
    );
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    certificates(&openssl, t, "contohkab.go.id");
    let server = Nginx::start(&nginx, root.path(), &t.join("public"), t);
    let conf = server.site_conf();
    assert!(conf.contains("\"\\\\default\" \"/lama/\";"), "{conf}");
    let host = "dinkes.contohkab.go.id";
    for query in [
        "p=default",
        "p=DEFAULT",
        "p=include",
        "tag=hostnames",
        "cat=Volatile",
        "page_id=12",
    ] {
        let r = fetch(&curl, "https", host, server.https, &format!("/?{query}"));
        assert_eq!(r.status, 301, "{query}: {}", r.headers);
        assert!(
            r.headers
                .contains(&format!("location: https://{host}/lama/\r\n")),
            "{query}: {}",
            r.headers
        );
    }
    // Only the values written redirect: none is read as a pattern or a parameter.
    for query in ["p=~x", "p=x", "p=other", "tag=default", "p=12"] {
        let r = fetch(&curl, "https", host, server.https, &format!("/?{query}"));
        assert_ne!(r.status, 301, "{query}: {}", r.headers);
        assert_eq!(r.curl_exit, 0);
    }
}
