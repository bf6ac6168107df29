//! `laman serve`: every site built into memory (never into `public/`), served at once
//! (the portal at `localhost:PORT`, each site at `<label>.localhost:PORT`), rebuilt when
//! a file changes, with open browsers told to reload over server-sent events.
//!
//! - Drafts are included and marked; links between sites point at the preview addresses.
//! - A build with errors never stops the server: the pages that could be built are
//!   served, and every HTML page carries an overlay with the findings (file, line, what
//!   to do) until they are fixed. When the registry itself cannot be read, the last good
//!   build stays up under the overlay.
//! - What a change rebuilds: a change inside `content/<label>/` renders that site (and
//!   the portal, which aggregates news) again, keeping the other sites' pages; a change
//!   to `domains.toml`, `themes/` or anything else renders everything. All content is
//!   read again each time, so links between sites are checked against the current tree.
//!
//! This file holds the server's state, its accept loop and the event streams;
//! `rebuild` builds into the snapshot, `pages` answers from it, `http` reads and
//! writes the wire, and `watch` says what changed. Nothing here writes a file.

mod http;
mod pages;
mod rebuild;
mod watch;

use crate::build;
use crate::error::{Error, Result};
use crate::finding::Finding;
use crate::render::Body;
use pages::answer;
use rebuild::rebuild;
use std::collections::HashMap;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Duration;

pub use http::clean_path;

pub struct Options {
    pub root: PathBuf,
    pub bind: std::net::IpAddr,
    pub port: u16,
    pub today: jiff::civil::Date,
}

/// The sites as last built, and what that build found.
#[derive(Default)]
struct Snapshot {
    /// By label (`portal` for the portal): path inside the site → body.
    sites: HashMap<String, HashMap<String, Body>>,
    findings: Vec<Finding>,
    /// The sites previewed that a build does not publish (their subdomain is not
    /// approved), with their status: every page of theirs carries a banner saying so.
    unpublished: HashMap<String, crate::registry::Status>,
}

/// Shared between the HTTP threads, the watcher and the event streams.
struct State {
    root: PathBuf,
    port: u16,
    today: jiff::civil::Date,
    snapshot: RwLock<Snapshot>,
    /// Bumped after every rebuild; event streams wait on it.
    generation: Mutex<u64>,
    changed: Condvar,
    /// The content of each site as last read.
    cache: build::ContentCache,
    /// The regency domain, to map `Host: <label>.<domain>` as well as `<label>.localhost`.
    domain: RwLock<String>,
}

/// What one rebuild did, for the terminal.
pub struct Rebuilt {
    pub sites: usize,
    pub pages: usize,
    pub errors: usize,
    pub took: Duration,
}

/// Starts the server and blocks. `report` hears about every rebuild and its findings.
pub fn run(options: Options, report: &(dyn Fn(&Rebuilt, &[Finding]) + Sync)) -> Result<()> {
    let addr = SocketAddr::new(options.bind, options.port);
    let listener = TcpListener::bind(addr).map_err(|e| {
        Error::Usage(crate::msg!(
            "serve-cannot-listen-port",
            addr = addr.to_string(),
            reason = e.to_string()
        ))
    })?;
    let port = listener
        .local_addr()
        .map_err(Error::io(crate::msg!(
            "serve-cannot-listen",
            addr = addr.to_string()
        )))?
        .port();
    let state = Arc::new(State {
        root: options.root.clone(),
        port,
        today: options.today,
        snapshot: RwLock::new(Snapshot::default()),
        generation: Mutex::new(0),
        changed: Condvar::new(),
        cache: build::ContentCache::default(),
        domain: RwLock::new(String::new()),
    });
    let first = rebuild(&state, None)?;
    report(&first, &state.snapshot.read().unwrap().findings);

    // The watcher thread: debounced changes → rebuild → reload event.
    let (watching, changes) = watch::start(&options.root).map_err(Error::io(crate::msg!(
        "serve-cannot-watch",
        root = options.root.display().to_string()
    )))?;
    // Announced only once changes are watched: an edit made after this line is seen.
    eprintln!("{}", crate::msg!("serve-started", port = port.to_string()));
    let watched = Arc::clone(&state);
    let report_ref: &(dyn Fn(&Rebuilt, &[Finding]) + Sync) = report;
    std::thread::scope(|scope| {
        scope.spawn(move || {
            while let Some(inputs) = changes.next() {
                let only = watch::affected_site(&inputs);
                match rebuild(&watched, only.as_deref()) {
                    Ok(done) => report_ref(&done, &watched.snapshot.read().unwrap().findings),
                    Err(e) => eprintln!("laman serve: {e}"),
                }
            }
        });
        accept(&listener, &state);
    });
    drop(watching);
    Ok(())
}

/// The event stream's path, and the script that listens to it (serve mode only).
const EVENTS: &str = "/__laman/events";
const RELOAD_SCRIPT: &str = "<script>(function(){var s=new EventSource('/__laman/events');s.addEventListener('reload',function(){location.reload()});})();</script>";

/// At most this many connections are served at once (each open page holds one for its
/// reload events); more are answered 503 at once.
const MAX_CONNECTIONS: usize = 256;

/// Accepts connections for ever, each on its own thread, at most [`MAX_CONNECTIONS`] at
/// once. A failing accept (out of file descriptors, say) is retried after a pause that
/// doubles up to a second, rather than at once in a loop that would take a whole core.
fn accept(listener: &std::net::TcpListener, state: &Arc<State>) {
    let active = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut pause = Duration::from_millis(10);
    loop {
        let stream = match listener.accept() {
            Ok((stream, _)) => stream,
            Err(e) => {
                if e.kind() != std::io::ErrorKind::Interrupted {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_secs(1));
                }
                continue;
            }
        };
        pause = Duration::from_millis(10);
        let _ = stream.set_write_timeout(Some(Duration::from_secs(10)));
        let slot = Slot::take(&active);
        if slot.is_none() {
            http::respond(
                &stream,
                503,
                "text/plain; charset=utf-8",
                &[("Retry-After", "1")],
                b"too many connections\n",
                false,
            );
            continue;
        }
        let state = Arc::clone(state);
        // A thread that cannot be made drops the connection (and the slot) instead of
        // ending the server.
        let _ = std::thread::Builder::new().spawn(move || {
            let _slot = slot;
            handle(&state, stream)
        });
    }
}

/// One of the [`MAX_CONNECTIONS`] places, given back when dropped.
struct Slot(Arc<std::sync::atomic::AtomicUsize>);

impl Slot {
    fn take(active: &Arc<std::sync::atomic::AtomicUsize>) -> Option<Slot> {
        use std::sync::atomic::Ordering;
        let taken = active.fetch_add(1, Ordering::AcqRel);
        let slot = Slot(Arc::clone(active));
        (taken < MAX_CONNECTIONS).then_some(slot)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::AcqRel);
    }
}

fn handle(state: &State, stream: TcpStream) {
    let request = match http::read_request(&stream) {
        Ok(r) => r,
        Err(e) => {
            let (status, body): (u16, &[u8]) = match e {
                http::HeadError::TooLarge => (431, b"request head too large\n"),
                http::HeadError::Timeout => (408, b"request head not received in time\n"),
                http::HeadError::Malformed(_) => (400, b"bad request\n"),
            };
            return http::respond(
                &stream,
                status,
                "text/plain; charset=utf-8",
                &[],
                body,
                false,
            );
        }
    };
    let head_only = request.method == "HEAD";
    if request.method != "GET" && !head_only {
        return http::respond(
            &stream,
            405,
            "text/plain; charset=utf-8",
            &[("Allow", "GET, HEAD")],
            b"only GET and HEAD\n",
            false,
        );
    }
    if request.path == EVENTS {
        return events(state, &stream, head_only);
    }
    // The answer is made under the snapshot's read lock and written after it is let go:
    // a browser that stalls reading must not hold up the next rebuild.
    let answer = answer(state, &request);
    let headers: Vec<(&str, &str)> = answer
        .headers
        .iter()
        .map(|(n, v)| (*n, v.as_str()))
        .collect();
    http::respond(
        &stream,
        answer.status,
        &answer.content_type,
        &headers,
        &answer.body,
        head_only,
    );
}

/// Server-sent events: `reload` after every rebuild; a comment every 15 s keeps the
/// connection open through proxies. Ends when the browser goes away.
fn events(state: &State, stream: &TcpStream, head_only: bool) {
    use std::io::Write;
    let mut out = stream;
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    if out.write_all(head.as_bytes()).is_err() || head_only {
        return;
    }
    let _ = out.write_all(b": laman\n\n");
    let _ = out.flush();
    let mut seen = *state.generation.lock().unwrap();
    loop {
        let guard = state.generation.lock().unwrap();
        let (guard, timeout) = state
            .changed
            .wait_timeout_while(guard, Duration::from_secs(15), |g| *g == seen)
            .unwrap();
        let now = *guard;
        drop(guard);
        let message = if timeout.timed_out() {
            ": keep-alive\n\n".to_string()
        } else {
            seen = now;
            format!("event: reload\ndata: {now}\n\n")
        };
        if out
            .write_all(message.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}
