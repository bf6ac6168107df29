//! The little HTTP/1.1 the preview server needs: one request per connection (GET and
//! HEAD only), and responses with a known length or an event stream. Nothing here
//! touches the file system: paths are looked up in the built sites held in memory.
//! Every request is bounded: its head in size ([`MAX_HEAD`]) and in time
//! ([`HEAD_DEADLINE`]), its response in time (a write timeout).

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
    parse_head(&String::from_utf8_lossy(&head[..end])).map_err(HeadError::Malformed)
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

/// Parses a complete request head.
fn parse_head(head: &str) -> Result<Request, String> {
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
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let path = String::from_utf8(out).ok()?;
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

/// The content type by file extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("xml") => "application/xml; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("ico") => "image/x-icon",
        Some("pdf") => "application/pdf",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("mp4") => "video/mp4",
        Some("mp3") => "audio/mpeg",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let request = parse_head("GET /profil HTTP/1.0\r\n\r\n").unwrap();
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
}
