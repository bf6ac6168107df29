//! `laman serve` as an editor meets it: the real binary on an ephemeral port, pages of
//! the portal and a site fetched by Host header, edits seen, reload events, the error
//! overlay, and requests that must fail.

mod common;
use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

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
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let port = loop {
        let line = lines
            .next()
            .expect("serve ended before announcing its port")
            .unwrap();
        if let Some(rest) = line.strip_prefix("laman serve: http://localhost:") {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    // Keep draining stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
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

#[test]
fn bad_arguments_exit_2() {
    let missing = Command::new(env!("CARGO_BIN_EXE_laman"))
        .args(["serve", "--root", "/no/such/regency"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("domains.toml"));
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let root = fixture("contoh");
    let busy = Command::new(env!("CARGO_BIN_EXE_laman"))
        .args(["serve", "--port", &port, "--root"])
        .arg(root.path())
        .output()
        .unwrap();
    assert_eq!(busy.status.code(), Some(2));
    assert!(stderr(&busy).contains("--port"));
    let bad_bind = Command::new(env!("CARGO_BIN_EXE_laman"))
        .args(["serve", "--bind", "localhost:80"])
        .output()
        .unwrap();
    assert_eq!(bad_bind.status.code(), Some(2));
}

#[test]
fn request_heads_are_bounded_in_size_and_time() {
    let root = fixture("contoh");
    let server = start(root.path());
    let p = server.port;
    // Too long a head is refused, not cut and answered.
    let long = format!(
        "GET / HTTP/1.1\r\nHost: localhost:{p}\r\nX-Pad: {}\r\n\r\n",
        "a".repeat(17 * 1024)
    );
    assert_eq!(raw(p, &long).status, 431);
    // A head sent a byte every 200 ms is cut off at the deadline (5 s), not held for ever.
    let mut s = TcpStream::connect(("127.0.0.1", p)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut trickle = s.try_clone().unwrap();
    let started = Instant::now();
    let feeder = std::thread::spawn(move || {
        let _ = trickle
            .write_all(format!("GET / HTTP/1.1\r\nHost: localhost:{p}\r\nX-Slow: ").as_bytes());
        for _ in 0..100 {
            if trickle.write_all(b"a").is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    });
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let took = started.elapsed();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(
        took >= Duration::from_secs(4) && took < Duration::from_secs(12),
        "{took:?}"
    );
    drop(s);
    feeder.join().unwrap();
    // No Host (HTTP/1.0): the portal. A doubled slash never redirects to another host.
    let old = raw(p, "GET / HTTP/1.0\r\n\r\n");
    assert_eq!(old.status, 200, "{}", old.head);
    let redirect = get(p, "dinkes.localhost", "//profil");
    assert_eq!(redirect.status, 301);
    assert!(
        redirect.head.lines().any(|l| l == "location: /profil/"),
        "{}",
        redirect.head
    );
}

#[test]
fn connections_are_bounded() {
    let root = fixture("contoh");
    let server = start(root.path());
    let p = server.port;
    // 256 clients that connect and say nothing hold every place...
    let idle: Vec<TcpStream> = (0..256)
        .map(|_| TcpStream::connect(("127.0.0.1", p)).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let busy = get(p, "localhost", "/");
    assert_eq!(busy.status, 503, "{}", busy.head);
    // ...until the server gives up on them; then it serves again.
    drop(idle);
    let ok = wait_for(p, "localhost", "/", |r| r.status == 200);
    assert_eq!(ok.status, 200);
}

/// CPU time (user + system, in clock ticks) a process has used so far.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = read(format!("/proc/{pid}/stat"));
    let after_name = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = after_name.split(' ').collect();
    // utime and stime are fields 14 and 15 of stat; 12 and 13 after the name.
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
fn out_of_file_descriptors_the_server_waits_instead_of_spinning() {
    let root = fixture("contoh");
    // A server allowed 64 open files, and 100 clients: accept fails with EMFILE.
    let mut command = Command::new("sh");
    command
        .args([
            "-c",
            "ulimit -n 64 && exec \"$0\" serve --port 0 --root \"$1\"",
        ])
        .arg(env!("CARGO_BIN_EXE_laman"))
        .arg(root.path());
    let server = start_command(command);
    let port = server.port;
    let clients: Vec<TcpStream> = (0..100)
        .filter_map(|_| TcpStream::connect(("127.0.0.1", port)).ok())
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let pid = server.child.id();
    let before = cpu_ticks(pid);
    std::thread::sleep(Duration::from_millis(1500));
    let used = cpu_ticks(pid) - before;
    // A spinning accept loop takes a whole core: about 150 ticks in 1.5 s.
    assert!(
        used < 40,
        "the server used {used} ticks in 1.5 s while out of descriptors"
    );
    drop(clients);
    let ok = wait_for(port, "localhost", "/", |r| r.status == 200);
    assert_eq!(ok.status, 200);
}

#[test]
fn a_stalled_reader_does_not_hold_up_a_rebuild() {
    let root = fixture("contoh");
    // A large download that the client below never reads: the server's write blocks.
    let big: String = "Laporan tahunan. ".repeat(400_000);
    write(root.path().join("content/dinkes/_static/laporan.txt"), &big);
    let server = start(root.path());
    let p = server.port;
    let mut stalled = TcpStream::connect(("127.0.0.1", p)).unwrap();
    stalled
        .write_all(
            format!("GET /laporan.txt HTTP/1.1\r\nHost: dinkes.localhost:{p}\r\n\r\n").as_bytes(),
        )
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    // An edit is rebuilt and served while that download is stuck.
    let started = Instant::now();
    let file = root.path().join("content/dinkes/profil/visi-misi.md");
    write(&file, &read(&file).replace("Visi dan Misi", "Visi Baru"));
    let page = wait_for(p, "dinkes.localhost", "/profil/visi-misi/", |r| {
        r.body.contains("Visi Baru")
    });
    assert!(page.body.contains("Visi Baru"), "the edit is served");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the rebuild waited for the stalled reader: {:?}",
        started.elapsed()
    );
    drop(stalled);
}

/// Asks for an event stream for `host`.
fn open_stream(port: u16, host: &str) -> TcpStream {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let request = format!("GET /__laman/events HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n");
    s.write_all(request.as_bytes()).unwrap();
    s
}

/// Reads what the server sends on `s` until a message ends (`\n\n` after the head) or
/// the connection closes; returns it and whether the connection is still open.
fn first_message(s: &mut TcpStream) -> (String, bool) {
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 1024];
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if let Some((_, body)) = text.split_once("\r\n\r\n") {
            if body.contains("\n\n") {
                // Whether the server closed it after the message.
                s.set_read_timeout(Some(Duration::from_millis(300)))
                    .unwrap();
                let open = !matches!(s.read(&mut chunk), Ok(0));
                return (text, open);
            }
        }
        assert!(Instant::now() < deadline, "no message: {text}");
        match s.read(&mut chunk) {
            Ok(0) | Err(_) => return (text, false),
            Ok(n) => bytes.extend_from_slice(&chunk[..n]),
        }
    }
}

/// Issue 26, point 7: event streams have their own small limit, are accepted only for
/// the hosts the preview serves, and never take the places pages are answered from.
#[test]
fn event_streams_have_their_own_limit_and_pages_stay_answered() {
    let root = fixture("contoh");
    let server = start(root.path());
    let port = server.port;
    // 300 streams asked for a host the preview does not serve: each refused at once.
    let strangers: Vec<_> = (0..300)
        .map(|i| open_stream(port, &format!("x{i}.example")))
        .collect();
    let deadline = Instant::now() + Duration::from_secs(20);
    for mut s in strangers {
        let left = deadline.saturating_duration_since(Instant::now());
        s.set_read_timeout(Some(left.max(Duration::from_millis(1))))
            .unwrap();
        let mut bytes = Vec::new();
        let closed = s.read_to_end(&mut bytes).is_ok();
        let text = String::from_utf8_lossy(&bytes);
        assert!(closed, "a stream for a host not served is held: {text}");
        assert!(text.starts_with("HTTP/1.1 404"), "{text}");
    }
    // 300 streams for the portal: 16 held (MAX_STREAMS in src/serve/mod.rs), the rest
    // told to come back later and closed.
    let mut held = Vec::new();
    let mut refused = 0;
    let streams: Vec<_> = (0..300).map(|_| open_stream(port, "localhost")).collect();
    for mut s in streams {
        let (text, open) = first_message(&mut s);
        assert!(text.starts_with("HTTP/1.1 200"), "{text}");
        assert!(
            text.to_ascii_lowercase()
                .contains("content-type: text/event-stream"),
            "{text}"
        );
        if open {
            assert!(text.contains("retry: 1000\n"), "{text}");
            held.push(s);
        } else {
            assert!(text.ends_with("retry: 10000\n\n"), "{text}");
            refused += 1;
        }
    }
    assert_eq!((held.len(), refused), (16, 284));
    // Pages are answered while every stream is taken.
    for _ in 0..50 {
        assert_eq!(get(port, "localhost", "/").status, 200);
        assert_eq!(
            get(port, "dinkes.localhost", "/profil/visi-misi/").status,
            200
        );
    }
    // Streams closed by their browsers give their places back within seconds.
    drop(held);
    let deadline = Instant::now() + Duration::from_secs(10);
    let again = loop {
        let mut s = open_stream(port, "dinkes.localhost");
        let (text, open) = first_message(&mut s);
        if open || Instant::now() > deadline {
            break (text, open);
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(again.1, "no place given back: {}", again.0);
}
