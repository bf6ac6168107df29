//! The little HTTP/1.1 the preview server needs, bounded in size and time, answering from
//! memory only; what it does and why it is not a crate's: `docs/preview-server.md`.

use std::borrow::Cow;
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// What a request asks for.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The path as sent (still percent-encoded), without the query.
    pub path: String,
    /// The Host header, lower-cased, without the port.
    pub host: String,
}

/// The longest request head accepted: a preview server has no reason for more.
const MAX_HEAD: usize = 16 * 1024;

/// How long a client may take to send its whole request head: a client that sends a
/// byte now and then must not hold a thread for ever.
pub const HEAD_DEADLINE: Duration = Duration::from_secs(5);

/// Why a request head was not read.
#[derive(Debug, PartialEq, Eq)]
pub enum HeadError {
    /// Longer than [`MAX_HEAD`] (answered 431).
    TooLarge,
    /// Not complete within [`HEAD_DEADLINE`] (answered 408).
    Timeout,
    /// Not HTTP/1.x, or the connection failed (answered 400).
    Malformed(String),
}

/// Reads a request head within [`HEAD_DEADLINE`] and [`MAX_HEAD`] bytes.
pub fn read_request(stream: &TcpStream) -> Result<Request, HeadError> {
    let deadline = Instant::now() + HEAD_DEADLINE;
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    let mut scanned = 0;
    let end = loop {
        if let Some(end) = head_end(&head, scanned) {
            break end;
        }
        scanned = head.len();
        if head.len() > MAX_HEAD {
            return Err(HeadError::TooLarge);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(HeadError::Timeout);
        }
        stream
            .set_read_timeout(Some(left))
            .map_err(|e| HeadError::Malformed(e.to_string()))?;
        match (&*stream).read(&mut chunk) {
            // A client that closes its side after the head (HTTP/1.0 style) has sent it.
            Ok(0) if head.is_empty() => return Err(HeadError::Malformed("no request".into())),
            Ok(0) => break head.len(),
            Ok(n) => head.extend_from_slice(&chunk[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return Err(HeadError::Timeout)
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(HeadError::Malformed(e.to_string())),
        }
    };
    if end > MAX_HEAD {
        return Err(HeadError::TooLarge);
    }
    parse_head(&head[..end]).map_err(HeadError::Malformed)
}

/// Where the head ends (just after its empty line), looking from byte `from` on, so that
/// a head that arrives a byte at a time is still scanned once.
fn head_end(bytes: &[u8], from: usize) -> Option<usize> {
    let from = from.saturating_sub(2);
    bytes[from..]
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .find_map(|(i, _)| match &bytes[from + i + 1..] {
            [b'\n', ..] => Some(from + i + 2),
            [b'\r', b'\n', ..] => Some(from + i + 3),
            _ => None,
        })
}

/// Parses a complete request head (bytes that are not UTF-8 are replaced).
fn parse_head(head: &[u8]) -> Result<Request, String> {
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let line = lines.next().unwrap_or_default();
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err("not an HTTP request line".into());
    };
    if !version.starts_with("HTTP/1.") {
        return Err("not HTTP/1.x".into());
    }
    let mut host = String::new();
    for header in lines {
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("host") {
                host = value.trim().to_ascii_lowercase();
            }
        }
    }
    // Absolute-form targets (`http://host/path`) carry the host themselves.
    let target = match target.strip_prefix("http://") {
        Some(rest) => {
            let (h, p) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            host = h.to_ascii_lowercase();
            if p.is_empty() {
                "/"
            } else {
                p
            }
        }
        None => target,
    };
    // Origin form only (`/path`): `*` and anything relative name no page.
    if !target.starts_with('/') {
        return Err("not a path".into());
    }
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h.to_string(),
        _ => host,
    };
    // An HTTP/1.0 client may send no Host at all: it asks the server's first site.
    let host = if host.is_empty() {
        "localhost".to_string()
    } else {
        host
    };
    let path = target.split(['?', '#']).next().unwrap_or("/").to_string();
    Ok(Request {
        method: method.to_string(),
        path,
        host: host.trim_end_matches('.').to_string(),
    })
}

/// Writes a whole response and closes the connection.
pub fn respond(
    mut stream: &TcpStream,
    status: u16,
    content_type: &str,
    extra_headers: &[(&str, &str)],
    body: &[u8],
    head_only: bool,
) {
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Error",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in extra_headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    if !head_only {
        let _ = stream.write_all(body);
    }
    let _ = stream.flush();
}

/// The decoded path, or None when it tries to leave the site (`..`, backslashes, NUL,
/// bad percent-encoding, anything not UTF-8).
pub fn clean_path(raw: &str) -> Option<String> {
    // `percent-encoding` passes a `%` without two hex digits through as it is: refuse it.
    let well_formed = raw.split('%').skip(1).all(|rest| {
        rest.as_bytes()
            .get(..2)
            .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    });
    if !well_formed {
        return None;
    }
    let path = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?
        .into_owned();
    if !path.starts_with('/') || path.contains('\\') || path.contains('\0') {
        return None;
    }
    if path.split('/').any(|seg| seg == ".." || seg == ".") {
        return None;
    }
    // A second round of decoding must not reveal anything either (`%252e%252e`).
    if path.contains('%') && path != raw && clean_path(&path).is_none_or(|p| p != path) {
        return None;
    }
    Some(path)
}

/// The content type by file extension (`mime_guess`), with `charset=utf-8` on text.
pub fn content_type(path: &str) -> Cow<'static, str> {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    // Two answers kept from before mime_guess: XML (sitemaps) as application/xml rather
    // than text/xml, and WOFF as its registered font/woff.
    let kind = match ext.as_str() {
        "xml" => "application/xml",
        "woff" => "font/woff",
        ext => mime_guess::from_ext(ext)
            .first_raw()
            .unwrap_or("application/octet-stream"),
    };
    if kind.starts_with("text/") || kind == "application/xml" {
        Cow::Owned(format!("{kind}; charset=utf-8"))
    } else {
        Cow::Borrowed(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Requests whose path and headers hold any Unicode (the byte-level property test
    /// below covers any bytes): bounded, on its own thread, with a deadline.
    #[test]
    fn requests_of_any_unicode() {
        use crate::fuzz::{any_text, grammar, run};
        const PATH: &[&str] = &[
            "/",
            "%",
            "%2e",
            "%2F",
            "%25",
            "%c3%a9",
            "%ff",
            "..",
            ".",
            "\\",
            "?",
            "#",
            "é",
            "“",
            "\u{0}",
            " ",
            "HTTP/1.1",
            "\r\n",
            "\n",
            ":",
            "Host: ",
            "localhost",
        ];
        let strategy = (grammar(PATH, 12), any_text(40), any_text(40));
        run("preview request", strategy, |(path, name, value)| {
            let head = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n{name}: {value}\r\n\r\n");
            if let Ok(request) = parse_head(head.as_bytes()) {
                assert!(request.path.starts_with('/'), "{request:?}");
            }
            if let Some(clean) = clean_path(&path) {
                assert!(!clean.split('/').any(|s| s == ".."), "{clean:?}");
            }
        });
    }

    #[test]
    fn heads_end_at_the_first_empty_line_however_they_arrive() {
        let head = b"GET / HTTP/1.1\r\nHost: a\r\n\r\nbody";
        assert_eq!(head_end(head, 0), Some(head.len() - 4));
        for split in 0..head.len() {
            // As if the bytes up to `split` had been scanned already.
            let found = head_end(&head[..split], 0).or_else(|| head_end(head, split));
            assert_eq!(found, Some(head.len() - 4), "split at {split}");
        }
        assert_eq!(head_end(b"GET / HTTP/1.0\n\n", 0), Some(16));
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: a\r\n", 0), None);
        let request = parse_head(b"GET /profil HTTP/1.0\r\n\r\n").unwrap();
        assert_eq!(request.host, "localhost", "no Host: the portal");
    }

    #[test]
    fn traversal_in_any_form_is_refused() {
        for bad in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc",
            "/..%2f..%2fetc",
            "/a%5c..%5cb",
            "/a\\..\\b",
            "/%00",
            "/%252e%252e/x",
            "/%zz",
            "/%c0%ae%c0%ae/",
            "relative",
        ] {
            assert_eq!(clean_path(bad), None, "{bad}");
        }
        assert_eq!(
            clean_path("/berita/hari%20jadi/").as_deref(),
            Some("/berita/hari jadi/")
        );
        assert_eq!(clean_path("/").as_deref(), Some("/"));
    }

    #[test]
    fn content_types_keep_their_answers() {
        for (path, kind) in [
            ("index.html", "text/html; charset=utf-8"),
            ("a/gaya.CSS", "text/css; charset=utf-8"),
            ("app.js", "text/javascript; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("data.json", "application/json"),
            ("logo.svg", "image/svg+xml"),
            ("foto.png", "image/png"),
            ("foto.jpg", "image/jpeg"),
            ("foto.jpeg", "image/jpeg"),
            ("anim.gif", "image/gif"),
            ("foto.webp", "image/webp"),
            ("foto.avif", "image/avif"),
            ("favicon.ico", "image/x-icon"),
            ("perda.pdf", "application/pdf"),
            ("huruf.woff2", "font/woff2"),
            ("huruf.woff", "font/woff"),
            ("video.mp4", "video/mp4"),
            ("suara.mp3", "audio/mpeg"),
            ("tanpa-titik", "application/octet-stream"),
            ("arsip.zzz", "application/octet-stream"),
            ("folder.d/berkas", "application/octet-stream"),
        ] {
            assert_eq!(content_type(path), kind, "{path}");
        }
    }

    /// Bytes shaped like request heads, so that the parser's accepting paths are reached
    /// as often as its refusals: request lines from pieces that matter (methods, targets
    /// in every form, versions), headers, and stray bytes anywhere.
    fn head_like() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
        use proptest::prelude::*;
        let method = prop_oneof!["GET", "HEAD", "POST", "", "G\0T", "[A-Z]{1,8}"];
        let target = prop_oneof![
            "/[a-z0-9%./?#:@-]{0,24}",
            "http://[a-z.:0-9]{0,12}(/[a-z%./?#]{0,12})?",
            "https?://.{0,16}",
            "[*a-z%.?#]{0,8}",
            ".{0,16}",
        ];
        let version = prop_oneof!["HTTP/1.1", "HTTP/1.0", "HTTP/2", "", ".{0,8}"];
        let space = prop_oneof![" ", "  ", "\t", "", "\r", "\n"];
        let header = prop_oneof![
            "Host: [a-z0-9.:\\[\\]-]{0,20}",
            "[A-Za-z-]{0,10}:.{0,20}",
            ".{0,30}",
        ];
        let end = prop_oneof!["\r\n", "\n", "", "\r"];
        (
            method,
            space.clone(),
            target,
            space,
            version,
            proptest::collection::vec((header, end.clone()), 0..4),
            end,
            proptest::collection::vec(any::<u8>(), 0..4),
        )
            .prop_map(|(m, s1, t, s2, v, headers, e, junk)| {
                let mut head = format!("{m}{s1}{t}{s2}{v}\r\n");
                for (h, end) in headers {
                    head.push_str(&h);
                    head.push_str(&end);
                }
                head.push_str(&e);
                let mut bytes = head.into_bytes();
                bytes.extend(junk);
                bytes
            })
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(2000))]

        /// Whatever bytes arrive, the parser answers without panicking, and a request it
        /// accepts names a path inside the site's root; finding the end of the head a few
        /// bytes at a time finds the same end as finding it at once.
        #[test]
        fn the_head_parser_takes_any_bytes(
            bytes in proptest::prop_oneof![
                proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256),
                head_like(),
            ],
            step in 1usize..8,
        ) {
            let at_once = head_end(&bytes, 0);
            let mut scanned = 0;
            let mut piecewise = None;
            for len in (step..bytes.len() + step).step_by(step) {
                let len = len.min(bytes.len());
                if let Some(end) = head_end(&bytes[..len], scanned) {
                    piecewise = Some(end);
                    break;
                }
                scanned = len;
            }
            proptest::prop_assert_eq!(piecewise, at_once);
            let head = &bytes[..at_once.unwrap_or(bytes.len())];
            if let Ok(request) = parse_head(head) {
                proptest::prop_assert!(request.path.starts_with('/'), "{:?}", request);
                proptest::prop_assert!(!request.path.contains(['?', '#']), "{:?}", request);
                proptest::prop_assert!(!request.method.is_empty());
            }
        }

        /// Whatever a path says, what `clean_path` lets through stays inside the site.
        #[test]
        fn cleaned_paths_stay_inside_the_site(
            raw in proptest::prop_oneof![
                "/[a-z./%25cCeE0-9\\\\]{0,24}",
                ".{0,24}",
            ],
        ) {
            if let Some(path) = clean_path(&raw) {
                proptest::prop_assert!(path.starts_with('/'));
                proptest::prop_assert!(!path.contains(['\\', '\0']));
                proptest::prop_assert!(!path.split('/').any(|s| s == ".." || s == "."));
            }
        }
    }
}
