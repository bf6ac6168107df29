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

mod http;
mod watch;

use crate::build::{self, Mode};
use crate::error::{Error, Result};
use crate::finding::Finding;
use crate::registry::PORTAL_LABEL;
use crate::render::escape_html as escape;
use crate::render::{Body, RenderOptions, SiteOutput};
use crate::site::UrlStyle;
use std::borrow::Cow;
use std::collections::HashMap;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
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
        Error::Usage(format!(
            "cannot listen on {addr}: {e} (choose another --port)"
        ))
    })?;
    let port = listener
        .local_addr()
        .map_err(Error::io(format!("cannot listen on {addr}")))?
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
    let (watching, changes) = watch::start(&options.root).map_err(Error::io(format!(
        "cannot watch {}",
        options.root.display()
    )))?;
    // Announced only once changes are watched: an edit made after this line is seen.
    eprintln!(
        "laman serve: http://localhost:{port}/ (the portal) and http://<label>.localhost:{port}/ (each site); Ctrl+C stops"
    );
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

/// Builds into memory and swaps the result in. `only`: render that site (and the
/// portal) again and keep the others' pages.
fn rebuild(state: &State, only: Option<&str>) -> Result<Rebuilt> {
    let started = Instant::now();
    match only {
        Some(label) => state.cache.invalidate(label),
        None => state.cache.clear(),
    }
    let mut sites = Vec::new();
    if let Some(label) = only {
        sites.push(label.to_string());
        if label != PORTAL_LABEL {
            sites.push(PORTAL_LABEL.to_string());
        }
    }
    let options = build::Options {
        root: state.root.clone(),
        mode: Mode::Preview,
        sites,
        drafts: true,
        today: state.today,
    };
    let produced = build::produce(
        &options,
        UrlStyle::Preview { port: state.port },
        RenderOptions {
            serve: true,
            minify: false,
        },
        Some(&state.cache),
        None,
        &|_| {},
    );
    let produced = match produced {
        // A site that no longer exists (deleted, or no longer approved) rendered
        // nothing: render everything, so that its pages go too.
        Ok(p) if only.is_some_and(|l| !p.outputs.iter().any(|o| o.label == l)) => {
            return rebuild(state, None)
        }
        Err(Error::Refused(findings)) => Err(findings),
        other => Ok(other?),
    };
    let mut snapshot = state.snapshot.write().unwrap();
    let (count, pages) = match produced {
        Err(findings) => {
            // The registry cannot be read: keep the last good sites under the overlay.
            snapshot.findings = findings;
            (0, 0)
        }
        Ok(produced) => {
            *state.domain.write().unwrap() =
                produced.model.registry.regency.domain.to_ascii_lowercase();
            let pages = produced.outputs.iter().map(|o| o.pages).sum();
            let count = produced.outputs.len();
            if only.is_none() {
                // Sites that are no longer published disappear on a full build.
                snapshot.sites.clear();
            }
            for SiteOutput { label, files, .. } in produced.outputs {
                snapshot
                    .sites
                    .insert(label, files.into_iter().map(|f| (f.path, f.body)).collect());
            }
            // The findings of the sites rendered now, and the last ones of the others.
            let rendered = |f: &Finding| f.site.as_deref().is_none_or(|s| options.selects(s));
            let mut findings: Vec<Finding> =
                produced.findings.into_iter().filter(rendered).collect();
            findings.extend(snapshot.findings.iter().filter(|f| !rendered(f)).cloned());
            crate::finding::sort(&mut findings);
            snapshot.findings = findings;
            (count, pages)
        }
    };
    let rebuilt = Rebuilt {
        sites: count,
        pages,
        errors: snapshot.findings.iter().filter(|f| f.is_error()).count(),
        took: started.elapsed(),
    };
    drop(snapshot);
    *state.generation.lock().unwrap() += 1;
    state.changed.notify_all();
    Ok(rebuilt)
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

/// What to send back for a request, owned, so that no lock is held while it is sent.
struct Answer {
    status: u16,
    content_type: Cow<'static, str>,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn new(status: u16, content_type: impl Into<Cow<'static, str>>, body: Vec<u8>) -> Answer {
        Answer {
            status,
            content_type: content_type.into(),
            headers: Vec::new(),
            body,
        }
    }
}

/// The answer to a GET or HEAD of a page, from the built sites held in memory.
fn answer(state: &State, request: &http::Request) -> Answer {
    let label = site_of(&request.host, &state.domain.read().unwrap());
    let snapshot = state.snapshot.read().unwrap();
    let site = label.as_deref().and_then(|l| snapshot.sites.get(l));
    let Some(path) = http::clean_path(&request.path) else {
        return not_found(site, &snapshot.findings);
    };
    let Some(site) = site else {
        let body = overlay_page(
            &snapshot.findings,
            &format!("Tidak ada situs untuk alamat {}", request.host),
        );
        return Answer::new(404, "text/html; charset=utf-8", body.into_bytes());
    };
    let key = path.trim_start_matches('/');
    let (key, body) = if let Some(b) = site.get(key) {
        (key.to_string(), b)
    } else if key.is_empty() || key.ends_with('/') {
        let index = format!("{key}index.html");
        match site.get(&index) {
            Some(b) => (index, b),
            None => return not_found(Some(site), &snapshot.findings),
        }
    } else if site.contains_key(&format!("{key}/index.html")) {
        // From the key, not the path as sent: `//profil` must not become `//profil/`,
        // which a browser reads as the host `profil`.
        let mut moved = Answer::new(301, "text/plain; charset=utf-8", Vec::new());
        moved.headers.push(("Location", format!("/{key}/")));
        return moved;
    } else {
        return not_found(Some(site), &snapshot.findings);
    };
    let Ok(bytes) = read_body(body) else {
        return not_found(Some(site), &snapshot.findings);
    };
    let kind = http::content_type(&key);
    if kind.starts_with("text/html") {
        Answer::new(200, kind, decorate(&bytes, &snapshot.findings))
    } else {
        Answer::new(200, kind, bytes)
    }
}

fn read_body(body: &Body) -> std::io::Result<Vec<u8>> {
    match body {
        Body::Bytes(b) => Ok(b.clone()),
        Body::Embedded(b) => Ok(b.to_vec()),
        Body::Copy(source) => source.read(),
    }
}

fn not_found(site: Option<&HashMap<String, Body>>, findings: &[Finding]) -> Answer {
    let page = site
        .and_then(|s| s.get("404.html"))
        .and_then(|b| read_body(b).ok())
        .map(|b| decorate(&b, findings))
        .unwrap_or_else(|| overlay_page(findings, "Halaman tidak ditemukan").into_bytes());
    Answer::new(404, "text/html; charset=utf-8", page)
}

/// The label a Host header names: `localhost` (or the bare domain) is the portal,
/// `<label>.localhost` (or `<label>.<domain>`) a site.
fn site_of(host: &str, domain: &str) -> Option<String> {
    if host == "localhost"
        || host == "127.0.0.1"
        || host == "[::1]"
        || (!domain.is_empty() && host == domain)
    {
        return Some(PORTAL_LABEL.to_string());
    }
    host.strip_suffix(".localhost")
        .or_else(|| {
            (!domain.is_empty())
                .then(|| host.strip_suffix(&format!(".{domain}")))
                .flatten()
        })
        .map(str::to_string)
}

/// An HTML page with the reload script, and the overlay while there are errors.
fn decorate(html: &[u8], findings: &[Finding]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let mut extra = String::new();
    if findings.iter().any(|f| f.is_error()) {
        extra.push_str(&overlay(findings));
    }
    extra.push_str(RELOAD_SCRIPT);
    match text.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

/// The error overlay: every error finding with where it is and what to do.
fn overlay(findings: &[Finding]) -> String {
    let errors: Vec<&Finding> = findings.iter().filter(|f| f.is_error()).collect();
    let mut html = String::from(
        "<div id=\"laman-overlay\" role=\"alert\" style=\"position:fixed;inset:0;overflow:auto;z-index:99999;background:rgba(20,20,20,.94);color:#fff;font:16px/1.5 system-ui,sans-serif;padding:2rem\">",
    );
    html.push_str(&format!(
        "<h2 style=\"color:#ffb4a9;margin-top:0\">Ada {} kesalahan; halaman belum bisa diterbitkan</h2><ol>",
        errors.len()
    ));
    for f in errors {
        let place = match (&f.file, f.line) {
            (Some(file), Some(line)) => format!("{}:{line}", file.display()),
            (Some(file), None) => file.display().to_string(),
            _ => String::new(),
        };
        html.push_str(&format!(
            "<li style=\"margin-bottom:1rem\"><code style=\"color:#ffd479\">{}</code> <strong>{}</strong><br>{}",
            escape(f.code.as_str()),
            escape(&place),
            escape(&f.message)
        ));
        if let Some(help) = &f.help {
            html.push_str(&format!(
                "<br><em>Yang perlu dilakukan:</em> {}",
                escape(help)
            ));
        }
        html.push_str("</li>");
    }
    html.push_str("</ol><p>Halaman ini dimuat ulang sendiri setelah berkas diperbaiki.</p></div>");
    html
}

/// A page of its own for when there is no page to put the overlay on.
fn overlay_page(findings: &[Finding], title: &str) -> String {
    format!(
        "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>{t}</title></head><body><main><h1>{t}</h1></main>{}{RELOAD_SCRIPT}</body></html>",
        if findings.iter().any(|f| f.is_error()) { overlay(findings) } else { String::new() },
        t = escape(title)
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_map_to_sites() {
        assert_eq!(
            site_of("localhost", "contohkab.go.id").as_deref(),
            Some("portal")
        );
        assert_eq!(
            site_of("dinkes.localhost", "contohkab.go.id").as_deref(),
            Some("dinkes")
        );
        assert_eq!(
            site_of("dinkes.contohkab.go.id", "contohkab.go.id").as_deref(),
            Some("dinkes")
        );
        assert_eq!(site_of("example.org", "contohkab.go.id"), None);
    }
}
