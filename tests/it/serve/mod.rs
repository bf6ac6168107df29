//! `laman serve` as an editor meets it: the real binary on an ephemeral port, pages of
//! the portal and a site fetched by Host header, edits seen, reload events, the error
//! overlay, and requests that must fail.

use crate::common;
use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

mod guidance;
mod limits;
mod panel;

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `laman serve --port 0` and reads the port it announces.
fn start(root: &Path) -> Server {
    let mut command = Command::new(env!("CARGO_BIN_EXE_laman"));
    command.args(["serve", "--port", "0", "--root"]).arg(root);
    start_command(command)
}

/// Starts a command that runs `laman serve` and reads the port it announces.
fn start_command(mut command: Command) -> Server {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let announced = common::child::announced(
        &mut child,
        "laman serve: http://localhost:",
        common::child::START_LIMIT,
    );
    let port = announced.split('/').next().unwrap().parse().unwrap();
    Server { child, port }
}

struct Response {
    status: u16,
    head: String,
    body: String,
}

/// One raw HTTP/1.1 request (the path is sent exactly as given).
fn raw(port: u16, request: &str) -> Response {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    let _ = s.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    Response {
        status: head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0),
        head: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

fn get(port: u16, host: &str, path: &str) -> Response {
    raw(
        port,
        &format!("GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n"),
    )
}

/// Polls until `ok` holds for the page (bounded: 15 s).
fn wait_for(port: u16, host: &str, path: &str, ok: impl Fn(&Response) -> bool) -> Response {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let r = get(port, host, path);
        if ok(&r) || Instant::now() > deadline {
            return r;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serves_every_site_by_host_with_preview_links_and_drafts() {
    let root = fixture("contoh");
    let before = snapshot(root.path());
    let server = start(root.path());
    let portal = get(server.port, "localhost", "/");
    assert_eq!(portal.status, 200);
    assert!(portal
        .head
        .contains("content-type: text/html; charset=utf-8"));
    assert!(
        portal
            .body
            .contains(&format!("http://dinkes.localhost:{}/", server.port)),
        "links point at the preview"
    );
    assert!(!portal.body.contains("https://dinkes.contohkab.go.id"));
    assert!(portal.body.contains("/__laman/events"), "the reload script");

    let page = get(server.port, "dinkes.localhost", "/profil/visi-misi/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Visi dan Misi"));
    let draft = get(server.port, "dinkes.localhost", "/berita/draf-kabar/");
    assert_eq!(draft.status, 200, "drafts are shown");
    assert!(draft.body.contains("Draf"), "and marked");

    let css = get(server.port, "dinkes.localhost", "/style.css");
    assert_eq!(css.status, 200);
    assert!(css.head.contains("content-type: text/css"));
    // The fingerprinted copy the page links, under the same name as a build's.
    let linked = page
        .body
        .split("href=")
        .filter_map(|s| s.split([' ', '>']).next())
        .find(|h| h.contains("/_aset/style."))
        .expect("the page links the fingerprinted stylesheet")
        .trim_matches('"');
    let path = &linked[linked.find("/_aset/").unwrap()..];
    let copy = get(server.port, "dinkes.localhost", path);
    assert_eq!(copy.status, 200, "{path}");
    assert!(copy.head.contains("content-type: text/css"));
    assert_eq!(copy.body, css.body);
    let missing = get(server.port, "dinkes.localhost", "/tidak/ada/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Halaman tidak ditemukan"),
        "the site's own 404 page"
    );
    let redirect = get(server.port, "dinkes.localhost", "/profil");
    assert_eq!(redirect.status, 301);
    assert!(redirect.head.contains("location: /profil/"));
    // Suspended: previewed, under the banner that says it is not public.
    let suspended = get(server.port, "dishub.localhost", "/");
    assert_eq!(suspended.status, 200);
    assert!(suspended.body.contains("id=\"laman-unpublished\""));
    assert!(!page.body.contains("laman-unpublished"));
    assert!(!root.path().join("public").exists(), "serve writes nothing");
    drop(server);
    assert_eq!(snapshot(root.path()), before);
}

#[test]
fn an_edit_is_served_and_announced() {
    let root = fixture("contoh");
    let server = start(root.path());
    let mut events = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    events
        .write_all(
            format!(
                "GET /__laman/events HTTP/1.1\r\nHost: localhost:{}\r\n\r\n",
                server.port
            )
            .as_bytes(),
        )
        .unwrap();
    let mut events = BufReader::new(events);
    let mut line = String::new();
    events.read_line(&mut line).unwrap();
    assert!(line.starts_with("HTTP/1.1 200"), "{line}");
    std::thread::sleep(Duration::from_millis(200));

    let file = root.path().join("content/dinkes/profil/visi-misi.md");
    let text = read(&file).replace("Visi dan Misi", "Visi, Misi dan Nilai");
    write(&file, &text);
    let page = wait_for(server.port, "dinkes.localhost", "/profil/visi-misi/", |r| {
        r.body.contains("Visi, Misi dan Nilai")
    });
    assert!(
        page.body.contains("Visi, Misi dan Nilai"),
        "the edit is served"
    );

    let mut seen = String::new();
    while !seen.contains("event: reload") {
        line.clear();
        if events.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        seen.push_str(&line);
    }
    assert!(seen.contains("event: reload"), "{seen}");

    // A new page in another site, and a change to the registry, are picked up too.
    write(
        root.path().join("content/disdik/baru.md"),
        "+++\ntitle = \"Halaman Baru\"\n+++\nIsi.\n",
    );
    let new = wait_for(server.port, "disdik.localhost", "/baru/", |r| {
        r.status == 200
    });
    assert!(new.body.contains("Halaman Baru"));
}

#[test]
fn a_broken_edit_shows_the_error_and_a_fix_restores_the_page() {
    let root = fixture("contoh");
    let server = start(root.path());
    let file = root.path().join("content/dinkes/profil/visi-misi.md");
    let good = read(&file);
    write(&file, &good.replacen("+++", "+++\ntitle = ", 1));
    let broken = wait_for(server.port, "dinkes.localhost", "/", |r| {
        r.body.contains("laman-overlay")
    });
    assert!(
        broken.body.contains("laman-overlay"),
        "the overlay is shown"
    );
    assert!(broken.body.contains("content.frontmatter.parse"));
    assert!(
        broken.body.contains("content/dinkes/profil/visi-misi.md:"),
        "file and line"
    );
    assert_eq!(
        get(server.port, "localhost", "/").status,
        200,
        "the server keeps serving"
    );

    write(&file, &good);
    let fixed = wait_for(server.port, "dinkes.localhost", "/profil/visi-misi/", |r| {
        r.status == 200 && !r.body.contains("laman-overlay")
    });
    assert!(!fixed.body.contains("laman-overlay"));
    assert!(fixed.body.contains("Visi dan Misi"));

    // A registry that is not TOML: the last good sites stay up, under the overlay.
    let registry = read(root.path().join("domains.toml"));
    write(root.path().join("domains.toml"), "[regency\n");
    let r = wait_for(server.port, "dinkes.localhost", "/profil/visi-misi/", |r| {
        r.body.contains("registry.parse")
    });
    assert!(r.body.contains("registry.parse") && r.body.contains("Visi dan Misi"));
    write(root.path().join("domains.toml"), &registry);
    let r = wait_for(server.port, "dinkes.localhost", "/profil/visi-misi/", |r| {
        !r.body.contains("laman-overlay")
    });
    assert!(!r.body.contains("laman-overlay"));
}

#[test]
fn services_and_their_findings_are_live() {
    let root = fixture("layanan");
    let server = start(root.path());
    let catalogue = wait_for(server.port, "localhost", "/layanan/", |r| r.status == 200);
    assert!(
        catalogue.body.contains("Legalisasi Ijazah"),
        "{}",
        catalogue.body
    );
    let json = get(server.port, "localhost", "/layanan.json");
    assert!(
        json.body.contains("\"http://disdik.localhost:"),
        "preview addresses"
    );

    // A new service on a site appears in the portal's catalogue.
    let file = root.path().join("content/disdik/layanan/legalisasi.md");
    let good = read(&file);
    write(
        &file,
        &good.replace("Legalisasi Ijazah", "Legalisasi Ijazah dan Rapor"),
    );
    let r = wait_for(server.port, "localhost", "/layanan/", |r| {
        r.body.contains("Legalisasi Ijazah dan Rapor")
    });
    assert!(r.body.contains("Legalisasi Ijazah dan Rapor"));

    // A cost that is not an amount: the overlay names the file and line.
    write(&file, &good.replace("biaya = 5000", "biaya = \"murah\""));
    let broken = wait_for(server.port, "disdik.localhost", "/", |r| {
        r.body.contains("laman-overlay")
    });
    assert!(broken.body.contains("content.frontmatter.field"));
    assert!(broken
        .body
        .contains("content/disdik/layanan/legalisasi.md:9"));
    write(&file, &good);
    let fixed = wait_for(
        server.port,
        "disdik.localhost",
        "/layanan/legalisasi/",
        |r| r.status == 200 && !r.body.contains("laman-overlay"),
    );
    assert!(fixed.body.contains("standar-persyaratan"));

    // The portal's settings name the topics every site's service pages show.
    let settings = root.path().join("content/portal/_site.toml");
    write(
        &settings,
        &read(&settings).replace("Pertanahan dan Tata Ruang", "Agraria"),
    );
    let page = wait_for(
        server.port,
        "disdik.localhost",
        "/layanan/sertifikat-tanah-sekolah/",
        |r| r.body.contains("Standar pelayanan · Agraria"),
    );
    assert!(page.body.contains("Standar pelayanan · Agraria"));
}

#[test]
fn a_site_not_yet_approved_is_previewed_under_a_banner() {
    // tests/fixtures/status with dinkes requested (no decree yet) and a mistake in it.
    let root = fixture("status");
    let registry = root.path().join("domains.toml");
    let approved = read(&registry);
    let (head, dinkes) = approved.split_once("label = \"dinkes\"").unwrap();
    let requested = format!(
        "{head}label = \"dinkes\"{}",
        dinkes
            .replace("status = \"approved\"", "status = \"requested\"")
            .lines()
            .filter(|l| !l.starts_with("decree"))
            .map(|l| format!("{l}\n"))
            .collect::<String>()
    );
    write(&registry, &requested);
    write(
        root.path().join("content/dinkes/profil.md"),
        "+++\ntitle = \"Profil\"\ntittle = \"Profil\"\n+++\nProfil.\n",
    );
    let server = start(root.path());
    let home = wait_for(server.port, "dinkes.localhost", "/", |r| r.status == 200);
    assert_eq!(home.status, 200, "{}", home.body);
    // First in the body, a landmark with a heading-like label, not an alert.
    let body_at = home.body.find("<body").unwrap();
    let open = body_at + home.body[body_at..].find('>').unwrap() + 1;
    assert!(
        home.body[open..].starts_with(
            "<aside id=\"laman-unpublished\" aria-labelledby=\"laman-unpublished-judul\""
        ),
        "{}",
        &home.body[open..open + 200]
    );
    assert!(
        !home.body.contains("role=\"alert\""),
        "no overlay: nothing fails"
    );
    // The problem that would stop its build once approved, with its place.
    assert!(
        home.body.contains("content.frontmatter.field"),
        "{}",
        home.body
    );
    assert!(
        home.body.contains("content/dinkes/profil.md:3"),
        "{}",
        home.body
    );
    // Every page of the site has it, the 404 page too; the portal has none, and
    // neither links to dinkes nor shows its news.
    let page = get(server.port, "dinkes.localhost", "/berita/posyandu-balita/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("laman-unpublished"));
    let missing = get(server.port, "dinkes.localhost", "/tidak-ada/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("laman-unpublished"));
    let portal = get(server.port, "localhost", "/");
    assert_eq!(portal.status, 200);
    assert!(!portal.body.contains("laman-unpublished"));
    assert!(!portal.body.contains("dinkes.localhost"), "{}", portal.body);
    assert!(!portal.body.contains("Posyandu Balita Serentak"));

    // Approved while the server runs: the banner goes, the portal links to it.
    write(&registry, &approved);
    let live = wait_for(server.port, "dinkes.localhost", "/", |r| {
        r.status == 200 && !r.body.contains("laman-unpublished")
    });
    assert!(!live.body.contains("laman-unpublished"));
    let portal = wait_for(server.port, "localhost", "/", |r| {
        r.body.contains("http://dinkes.localhost:")
    });
    assert!(portal.body.contains("Posyandu Balita Serentak"));
}

#[test]
fn only_get_and_head_and_no_way_out_of_the_site() {
    let root = fixture("contoh");
    let secret = root.path().join("domains.toml");
    assert!(secret.is_file());
    let server = start(root.path());
    let p = server.port;
    for path in [
        "/../domains.toml",
        "/../../../../etc/passwd",
        "/%2e%2e/domains.toml",
        "/%2E%2E%2Fdomains.toml",
        "/..%2f..%2fdomains.toml",
        "/%252e%252e/domains.toml",
        "/..\\domains.toml",
        "/%5c..%5cdomains.toml",
        "/profil/..%00/x",
    ] {
        let r = raw(
            p,
            &format!("GET {path} HTTP/1.1\r\nHost: dinkes.localhost:{p}\r\n\r\n"),
        );
        assert_eq!(r.status, 404, "{path}");
        assert!(!r.body.contains("[regency]"), "{path}");
    }
    let post = raw(
        p,
        &format!("POST / HTTP/1.1\r\nHost: localhost:{p}\r\nContent-Length: 0\r\n\r\n"),
    );
    assert_eq!(post.status, 405);
    assert!(post.head.contains("allow: get, head"));
    let head = raw(
        p,
        &format!("HEAD / HTTP/1.1\r\nHost: localhost:{p}\r\n\r\n"),
    );
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(raw(p, "NONSENSE\r\n\r\n").status, 400);
    assert_eq!(get(p, "other.example.org", "/").status, 404);
}
