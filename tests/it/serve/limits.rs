//! What the preview server bounds: bad arguments (exit 2), request heads in size and time,
//! connections, file descriptors, a stalled reader, and event streams, each with a limit
//! of its own while pages stay answered.

use super::*;

#[test]
fn bad_arguments_exit_2() {
    let missing = Command::new(env!("CARGO_BIN_EXE_laman"))
        .args(["serve", "--root", "/no/such/regency"])
        .output_in_time();
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("domains.toml"));
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let root = fixture("contoh");
    let busy = Command::new(env!("CARGO_BIN_EXE_laman"))
        .args(["serve", "--port", &port, "--root"])
        .arg(root.path())
        .output_in_time();
    assert_eq!(busy.status.code(), Some(2));
    assert!(stderr(&busy).contains("--port"));
    let bad_bind = Command::new(env!("CARGO_BIN_EXE_laman"))
        .args(["serve", "--bind", "localhost:80"])
        .output_in_time();
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
