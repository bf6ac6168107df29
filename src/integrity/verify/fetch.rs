//! The HTTP side of `verify`: one client (rustls, no redirects followed, no compression
//! asked for, so bytes compare with the build's), and one bounded GET.
//!
//! Every answer is hostile: a request has a deadline for the whole exchange, a body is
//! read only up to a cap given by the caller, and nothing of the answer is trusted
//! beyond its status, three security headers, its redirect target and its bytes.

use std::net::SocketAddr;
use std::time::Duration;

/// How to reach the sites.
#[derive(Debug, Clone, Default)]
pub struct Reach {
    /// Host names pointed at an address (`--resolve`); port 0 means 443.
    pub resolve: Vec<(String, SocketAddr)>,
    /// Extra trusted certificate authorities, PEM (`--ca`).
    pub ca_pem: Vec<Vec<u8>>,
    /// Accept any certificate (only ever for loopback addresses; the caller checks).
    pub insecure: bool,
    /// The deadline of one whole request.
    pub timeout: Duration,
}

/// The security headers `laman domains nginx` sets on every answer.
pub const SECURITY_HEADERS: [&str; 3] = [
    "content-security-policy",
    "strict-transport-security",
    "x-content-type-options",
];

/// What a server answered.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    /// Which of [`SECURITY_HEADERS`] were absent (or, for nosniff, wrong).
    pub missing_headers: Vec<&'static str>,
    /// Where a redirect points.
    pub location: Option<String>,
    /// The body, or None when it was longer than the cap (reading stopped there).
    pub body: Option<Vec<u8>>,
}

pub struct Client {
    http: reqwest::Client,
}

impl Client {
    pub fn new(reach: &Reach) -> Result<Client, String> {
        let mut builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(reach.timeout)
            .connect_timeout(reach.timeout)
            .user_agent(concat!("laman-verify/", env!("CARGO_PKG_VERSION")))
            .danger_accept_invalid_certs(reach.insecure);
        if !reach.resolve.is_empty() {
            // A host pointed at an address is meant to be reached directly.
            builder = builder.no_proxy();
        }
        for (host, addr) in &reach.resolve {
            builder = builder.resolve(host, *addr);
        }
        for pem in &reach.ca_pem {
            for cert in reqwest::Certificate::from_pem_bundle(pem)
                .map_err(|e| crate::msg!("verify-ca-pem", reason = e.to_string()))?
            {
                builder = builder.add_root_certificate(cert);
            }
        }
        let http = builder
            .build()
            .map_err(|e| crate::msg!("verify-https-client", reason = reason(&e)))?;
        Ok(Client { http })
    }

    /// GETs `url`, reading at most `cap` bytes of body. Err: why there was no answer.
    pub async fn get(&self, url: &str, cap: u64) -> Result<Answer, String> {
        let mut response = self.http.get(url).send().await.map_err(|e| reason(&e))?;
        let headers = response.headers();
        let missing_headers = SECURITY_HEADERS
            .into_iter()
            .filter(|name| match headers.get(*name) {
                None => true,
                Some(v) => {
                    *name == "x-content-type-options"
                        && !v.as_bytes().eq_ignore_ascii_case(b"nosniff")
                }
            })
            .collect();
        let location = headers
            .get(reqwest::header::LOCATION)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        let status = response.status().as_u16();
        let declared = response.content_length();
        let mut body = Vec::new();
        let whole = if declared.is_some_and(|n| n > cap) {
            false
        } else {
            loop {
                match response.chunk().await.map_err(|e| reason(&e))? {
                    None => break true,
                    Some(chunk) if body.len() as u64 + chunk.len() as u64 > cap => break false,
                    Some(chunk) => body.extend_from_slice(&chunk),
                }
            }
        };
        Ok(Answer {
            status,
            missing_headers,
            location,
            body: whole.then_some(body),
        })
    }
}

/// Why there was no answer, in the reader's language with its cause and what to do when
/// it is one laman knows (a TLS failure, a refused connection, a name that does not
/// resolve), else the innermost useful words of the error (reqwest's own top line only
/// says that sending failed).
fn reason(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        return crate::msg!("verify-timeout");
    }
    let mut words = Vec::new();
    let mut cause: Option<&dyn std::error::Error> = Some(error);
    while let Some(e) = cause {
        words.push(e.to_string());
        cause = e.source();
    }
    let innermost = words
        .iter()
        .rev()
        .find(|w| !w.starts_with("error sending request") && !w.is_empty())
        .cloned()
        .unwrap_or_else(|| error.to_string());
    explained(&words.join("\n")).unwrap_or(innermost)
}

/// The cause and step for an error's text (every layer's words: rustls's, the
/// resolver's, the system's), when laman knows it; the original words follow in
/// brackets for whoever looks further.
fn explained(text: &str) -> Option<String> {
    let key = if text.contains("UnrecognisedName") {
        "verify-tls-unrecognised-name"
    } else if text.contains("CaUsedAsEndEntity") {
        "verify-tls-ca-as-leaf"
    } else if text.contains("certificate not valid for name") || text.contains("NotValidForName") {
        "verify-tls-other-name"
    } else if text.contains("certificate expired") || text.contains("Expired") {
        "verify-tls-expired"
    } else if text.contains("certificate not valid yet") || text.contains("NotValidYet") {
        "verify-tls-not-yet"
    } else if text.contains("UnknownIssuer") {
        "verify-tls-unknown-issuer"
    } else if text.contains("Connection refused") {
        "verify-refused"
    } else if text.contains("dns error") || text.contains("failed to lookup address") {
        "verify-no-address"
    } else {
        return None;
    };
    let detail = text
        .lines()
        .rev()
        .find(|l| !l.starts_with("error sending request") && !l.is_empty())
        .unwrap_or_default();
    Some(format!(
        "{} [{}]",
        crate::msg!(key),
        crate::text::clipped(detail)
    ))
}

/// Parses `--resolve`: laman's `HOST:ADDR[:PORT]` or curl's own `HOST:PORT:ADDR`
/// (`[v6]` addresses in brackets; HOST may be `*`, every site checked). Where the text
/// could be read both ways (an IPv6 address without brackets whose first group is
/// digits) it is laman's: curl's order wants the brackets.
pub fn parse_resolve(text: &str) -> Result<(String, SocketAddr), String> {
    let bad = || crate::msg!("verify-bad-resolve", text = text);
    let (host, rest) = text.split_once(':').ok_or_else(bad)?;
    let host = host.trim().to_ascii_lowercase();
    let host_ok = host == "*" || crate::registry::hostname::hostname_problem(&host).is_none();
    if !host_ok {
        return Err(bad());
    }
    let ip = |t: &str| -> Option<std::net::IpAddr> {
        t.parse().ok().or_else(|| {
            t.strip_prefix('[')
                .and_then(|r| r.strip_suffix(']'))
                .and_then(|r| r.parse().ok())
        })
    };
    let curl = || -> Option<SocketAddr> {
        let (port, addr) = rest.split_once(':')?;
        let digits =
            !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit());
        let port: u16 = port.parse().ok().filter(|p| digits && *p != 0)?;
        Some(SocketAddr::new(ip(addr)?, port))
    };
    let addr = if let Some(ip) = ip(rest) {
        SocketAddr::new(ip, 0)
    } else if let Ok(addr) = rest.parse::<SocketAddr>() {
        addr
    } else if let Some(addr) = curl() {
        addr
    } else {
        return Err(bad());
    };
    Ok((host, addr))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tls_and_connection_failures_say_their_cause_and_step() {
        let said = |t: &str| explained(t).unwrap_or_default();
        assert!(said("received fatal alert: UnrecognisedName").contains("nginx"));
        assert!(
            said("invalid peer certificate: Other(OtherError(CaUsedAsEndEntity))").contains("--ca")
        );
        assert!(said("invalid peer certificate: certificate not valid for name \"a.go.id\"; certificate is only valid for b.go.id").contains("[invalid peer"));
        assert!(said("invalid peer certificate: UnknownIssuer").contains("--ca"));
        assert!(explained("something else").is_none());
    }

    #[test]
    fn resolve_takes_hosts_addresses_and_ports() {
        let ok = |t: &str| parse_resolve(t).unwrap();
        assert_eq!(
            ok("a.go.id:127.0.0.1").1,
            "127.0.0.1:0".parse::<SocketAddr>().unwrap()
        );
        assert_eq!(ok("A.go.id:127.0.0.1:8443").0, "a.go.id");
        assert_eq!(
            ok("*:[::1]:8443").1,
            "[::1]:8443".parse::<SocketAddr>().unwrap()
        );
        assert_eq!(
            ok("a.go.id:::1").1,
            "[::1]:0".parse::<SocketAddr>().unwrap()
        );
        assert_eq!(
            ok("a.go.id:[::1]").1,
            "[::1]:0".parse::<SocketAddr>().unwrap()
        );
        // curl's own order, HOST:PORT:ADDR.
        assert_eq!(
            ok("a.go.id:8443:127.0.0.1").1,
            "127.0.0.1:8443".parse::<SocketAddr>().unwrap()
        );
        assert_eq!(
            ok("*:443:[::1]").1,
            "[::1]:443".parse::<SocketAddr>().unwrap()
        );
        // Both readings possible: laman's (an IPv6 address, no port).
        assert_eq!(
            ok("a.go.id:2001:db8::1").1,
            "[2001:db8::1]:0".parse::<SocketAddr>().unwrap()
        );
        for bad in [
            "a.go.id:0:127.0.0.1",
            "a.go.id:99999:127.0.0.1",
            "a.go.id:+443:127.0.0.1",
            "a.go.id:443:localhost",
            "a.go.id:443:127.0.0.1,127.0.0.2",
            "",
            "a.go.id",
            "a.go.id:",
            "a.go.id:localhost",
            "a.go.id:127.0.0.1:99999",
            "a b:127.0.0.1",
            "a.go.id:[::1",
        ] {
            assert!(parse_resolve(bad).is_err(), "{bad}");
        }
    }
}
