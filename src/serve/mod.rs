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
//!   to `domains.toml`, `themes/` or anything else renders everything. The registry is
//!   read again each time, but content only where it changed: the changed site's, or
//!   every site's after a change outside `content/`; the others' comes from the content
//!   cache ([`build::ContentCache`]), unchanged on disk since, so links between sites are
//!   still checked against the current tree.
//!
//! This file holds the server's state, its accept loop and the event streams;
//! `rebuild` builds into the snapshot, `pages` answers from it (`overlay` is its error
//! panel), `http` reads and
//! writes the wire, and `watch` says what changed. Nothing here writes a file.

mod http;
mod overlay;
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
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

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
    /// The event streams open now (at most [`MAX_STREAMS`]).
    streams: Arc<AtomicUsize>,
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
        streams: Arc::default(),
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

/// At most this many connections are served at once; more are answered 503 at once.
/// An event stream gives its place back once it is one (see [`MAX_STREAMS`]).
const MAX_CONNECTIONS: usize = 256;

/// At most this many event streams are open at once, whatever else is served: each
/// open preview tab holds one, and a few editors have a few tabs each. A stream asked
/// for beyond them is told to try again later (`retry:`) and closed, so that streams
/// can never take the places that pages are answered from.
const MAX_STREAMS: usize = 16;

/// An event stream with no reload for this long is closed (the browser was told at the
/// start to come back a second after a close, `retry:`): a tab still open reconnects,
/// one long gone gives its place back.
const STREAM_IDLE: Duration = Duration::from_secs(5 * 60);

/// How often an idle stream gets a comment, which keeps it open through proxies and
/// shows a browser that has gone away.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Accepts connections for ever, each on its own thread, at most [`MAX_CONNECTIONS`] at
/// once. A failing accept (out of file descriptors, say) is retried after a pause that
/// doubles up to a second, rather than at once in a loop that would take a whole core.
fn accept(listener: &std::net::TcpListener, state: &Arc<State>) {
    let active = Arc::new(AtomicUsize::new(0));
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
        let Some(slot) = Slot::take(&active, MAX_CONNECTIONS) else {
            http::respond(
                &stream,
                503,
                "text/plain; charset=utf-8",
                &[("Retry-After", "1")],
                b"too many connections\n",
                false,
            );
            continue;
        };
        let state = Arc::clone(state);
        // A thread that cannot be made drops the connection (and the slot) instead of
        // ending the server.
        let _ = std::thread::Builder::new().spawn(move || handle(&state, stream, slot));
    }
}

/// One of a bounded number of places (connections, event streams), given back when
/// dropped.
struct Slot(Arc<AtomicUsize>);

impl Slot {
    fn take(active: &Arc<AtomicUsize>, limit: usize) -> Option<Slot> {
        let taken = active.fetch_add(1, Ordering::AcqRel);
        let slot = Slot(Arc::clone(active));
        (taken < limit).then_some(slot)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Answers one request on `stream`, which holds `slot` (one of [`MAX_CONNECTIONS`]).
fn handle(state: &State, stream: TcpStream, slot: Slot) {
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
        return stream_events(state, &stream, &request.host, head_only, slot);
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

/// An event stream for `host`, if the preview serves a site there and a place among
/// [`MAX_STREAMS`] is free: the connection's place among [`MAX_CONNECTIONS`] is given
/// back first, so that open streams never hold up pages.
fn stream_events(state: &State, stream: &TcpStream, host: &str, head_only: bool, slot: Slot) {
    let served = pages::site_of(host, &state.domain.read().unwrap())
        .is_some_and(|label| state.snapshot.read().unwrap().sites.contains_key(&label));
    if !served {
        return http::respond(
            stream,
            404,
            "text/plain; charset=utf-8",
            &[],
            b"no site is previewed at this host\n",
            head_only,
        );
    }
    let Some(place) = Slot::take(&state.streams, MAX_STREAMS) else {
        // Told to come back in a while (an EventSource reconnects after `retry`
        // milliseconds; a 503 would make it give up for good).
        return http::respond(
            stream,
            200,
            "text/event-stream",
            &[("Cache-Control", "no-store")],
            b"retry: 10000\n\n",
            head_only,
        );
    };
    drop(slot);
    events(state, stream, head_only, STREAM_IDLE);
    drop(place);
}

/// Server-sent events: `reload` after every rebuild; a comment every [`KEEP_ALIVE`]
/// keeps the connection open through proxies. Ends when the browser goes away (seen
/// within [`POLL`]), or after `idle` with no reload (the browser was told to reconnect
/// a second after).
fn events(state: &State, stream: &TcpStream, head_only: bool, idle: Duration) {
    use std::io::Write;
    let mut out = stream;
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    if out.write_all(head.as_bytes()).is_err() || head_only {
        return;
    }
    let _ = out.write_all(b"retry: 1000\n: laman\n\n");
    let _ = out.flush();
    let mut seen = *state.generation.lock().unwrap();
    let mut quiet_since = Instant::now();
    let mut written = Instant::now();
    loop {
        let left = idle.saturating_sub(quiet_since.elapsed());
        if left.is_zero() {
            return;
        }
        let guard = state.generation.lock().unwrap();
        let (guard, timeout) = state
            .changed
            .wait_timeout_while(guard, POLL.min(left), |g| *g == seen)
            .unwrap();
        let now = *guard;
        drop(guard);
        let message = if !timeout.timed_out() {
            seen = now;
            quiet_since = Instant::now();
            format!("event: reload\ndata: {now}\n\n")
        } else if gone(stream) {
            return;
        } else if written.elapsed() >= KEEP_ALIVE {
            ": keep-alive\n\n".to_string()
        } else {
            continue;
        };
        if out
            .write_all(message.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
        written = Instant::now();
    }
}

/// How often a quiet stream looks whether its browser has gone away.
const POLL: Duration = Duration::from_secs(1);

/// Whether the other end has closed the connection (or it failed): looked at without
/// waiting and without taking anything it sent.
fn gone(stream: &TcpStream) -> bool {
    let mut byte = [0u8; 1];
    if stream.set_nonblocking(true).is_err() {
        return true;
    }
    let gone = match stream.peek(&mut byte) {
        Ok(n) => n == 0,
        Err(e) => e.kind() != std::io::ErrorKind::WouldBlock,
    };
    gone || stream.set_nonblocking(false).is_err()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn state() -> State {
        State {
            root: PathBuf::new(),
            port: 0,
            today: jiff::civil::date(2026, 1, 1),
            snapshot: RwLock::default(),
            generation: Mutex::new(0),
            changed: Condvar::new(),
            cache: build::ContentCache::default(),
            domain: RwLock::default(),
            streams: Arc::default(),
        }
    }

    /// A stream with no reload ends after its idle time, having told the browser to
    /// reconnect; a reload in between starts the idle time again.
    #[test]
    fn an_idle_stream_ends_and_a_reload_keeps_it_open() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        client
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let (server, _) = listener.accept().unwrap();
        let state = Arc::new(state());
        let serving = Arc::clone(&state);
        let started = Instant::now();
        let thread = std::thread::spawn(move || {
            events(&serving, &server, false, Duration::from_millis(600))
        });
        std::thread::sleep(Duration::from_millis(400));
        *state.generation.lock().unwrap() += 1;
        state.changed.notify_all();
        let mut text = String::new();
        client.read_to_string(&mut text).unwrap();
        let took = started.elapsed();
        thread.join().unwrap();
        assert!(text.contains("retry: 1000\n"), "{text}");
        assert!(text.contains("event: reload\ndata: 1\n\n"), "{text}");
        assert!(
            took >= Duration::from_millis(900) && took < Duration::from_secs(5),
            "{took:?}"
        );
    }

    #[test]
    fn slots_are_bounded_and_given_back() {
        let count = Arc::new(AtomicUsize::new(0));
        let held: Vec<Slot> = (0..3).filter_map(|_| Slot::take(&count, 3)).collect();
        assert_eq!(held.len(), 3);
        assert!(Slot::take(&count, 3).is_none());
        drop(held);
        assert_eq!(count.load(Ordering::Acquire), 0);
        assert!(Slot::take(&count, 3).is_some());
    }
}
