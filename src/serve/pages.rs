//! The answers of the preview server: a page of the built sites held in memory, with
//! the reload script and, while there are errors, the overlay that lists them (and, on
//! a site that is not published, the banner that says so); a redirect to a folder's
//! index; or a 404 page.
//!
//! It reads the snapshot and makes an owned [`Answer`]; it must not write to the
//! connection (the caller does, once the snapshot's lock is let go) or build anything.

use super::overlay::{overlay, overlay_page};
use super::{http, State, RELOAD_SCRIPT};
use crate::finding::Finding;
use crate::html::escape;
use crate::registry::PORTAL_LABEL;
use crate::render::Body;
use std::borrow::Cow;
use std::collections::HashMap;

/// What to send back for a request, owned, so that no lock is held while it is sent.
pub(super) struct Answer {
    pub(super) status: u16,
    pub(super) content_type: Cow<'static, str>,
    pub(super) headers: Vec<(&'static str, String)>,
    pub(super) body: Vec<u8>,
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
pub(super) fn answer(state: &State, request: &http::Request) -> Answer {
    let label = site_of(&request.host, &state.domain.read().unwrap());
    let snapshot = state.snapshot.read().unwrap();
    let site = label.as_deref().and_then(|l| snapshot.sites.get(l));
    let banner = label
        .as_deref()
        .and_then(|l| Some((l, *snapshot.unpublished.get(l)?)))
        .map(|(l, status)| banner(l, status, &snapshot.findings));
    let page = Page {
        findings: &snapshot.findings,
        banner: banner.as_deref(),
    };
    let Some(path) = http::clean_path(&request.path) else {
        return not_found(site, &page);
    };
    let Some(site) = site else {
        let body = overlay_page(
            &snapshot.findings,
            &crate::msg!("overlay-no-site", host = request.host.as_str()),
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
            None => return not_found(Some(site), &page),
        }
    } else if site.contains_key(&format!("{key}/index.html")) {
        // From the key, not the path as sent: `//profil` must not become `//profil/`,
        // which a browser reads as the host `profil`.
        let mut moved = Answer::new(301, "text/plain; charset=utf-8", Vec::new());
        moved.headers.push(("Location", format!("/{key}/")));
        return moved;
    } else {
        return not_found(Some(site), &page);
    };
    let Ok(bytes) = read_body(body) else {
        return not_found(Some(site), &page);
    };
    let kind = http::content_type(&key);
    if key
        .strip_prefix(crate::generated::INDEX_DIR)
        .is_some_and(|rest| rest.starts_with('/'))
    {
        // The regency's index is read by every site's search page: other origins.
        let mut answer = Answer::new(200, kind, bytes);
        answer
            .headers
            .push(("Access-Control-Allow-Origin", "*".into()));
        return answer;
    }
    if kind.starts_with("text/html") {
        Answer::new(200, kind, decorate(&bytes, &page))
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

/// What the preview adds to a page of one site.
struct Page<'a> {
    findings: &'a [Finding],
    /// The banner of a site that is not published.
    banner: Option<&'a str>,
}

fn not_found(site: Option<&HashMap<String, Body>>, page: &Page) -> Answer {
    let body = site
        .and_then(|s| s.get(crate::generated::NOT_FOUND))
        .and_then(|b| read_body(b).ok())
        .map(|b| decorate(&b, page))
        .unwrap_or_else(|| {
            overlay_page(page.findings, &crate::msg!("overlay-not-found")).into_bytes()
        });
    Answer::new(404, "text/html; charset=utf-8", body)
}

/// The label a Host header names: `localhost` (or the bare domain) is the portal,
/// `<label>.localhost` (or `<label>.<domain>`) a site.
pub(super) fn site_of(host: &str, domain: &str) -> Option<String> {
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

/// An HTML page with the reload script, the overlay while there are errors, and the
/// banner of a site that is not published, first in the body (before the theme's skip
/// link: it is the first thing a reader of the preview must learn).
fn decorate(html: &[u8], page: &Page) -> Vec<u8> {
    let findings = page.findings;
    let mut text = String::from_utf8_lossy(html).into_owned();
    if let Some(banner) = page.banner {
        let at = text
            .find("<body")
            .and_then(|i| text[i..].find('>').map(|j| i + j + 1))
            .unwrap_or(0);
        text.insert_str(at, banner);
    }
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

/// The banner of a site that is not published: its status, that nothing of it is
/// public, and how many problems its content has (warnings until it is approved, then
/// errors), listed. A landmark of its own, in high contrast; not an alert (it is not
/// news on every page load).
fn banner(label: &str, status: crate::registry::Status, findings: &[Finding]) -> String {
    let problems: Vec<&Finding> = findings
        .iter()
        .filter(|f| {
            f.site.as_deref() == Some(label) && f.code.severity() == crate::finding::Severity::Error
        })
        .collect();
    let title = crate::msg!("preview-unpublished-title");
    let mut html = format!(
        "<aside id=\"laman-unpublished\" aria-labelledby=\"laman-unpublished-judul\" lang=\"{}\" style=\"display:block;margin:0;padding:1rem 1.25rem;background:#6b1d00;color:#fff;border-bottom:4px solid #ffb000;font:1rem/1.5 system-ui,sans-serif\"><p id=\"laman-unpublished-judul\" style=\"margin:0;font-weight:700;font-size:1.125rem\">{}</p><p style=\"margin:.25rem 0 0\">{}</p>",
        crate::i18n::lang().code(),
        escape(&title),
        escape(&crate::msg!(
            "preview-unpublished",
            label = label,
            status = status.as_str(),
            word = status.word(),
            problems = problems.len()
        ))
    );
    if !problems.is_empty() {
        html.push_str("<ul style=\"margin:.5rem 0 0\">");
        for f in problems {
            let place = f.place();
            html.push_str(&format!(
                "<li><code style=\"color:#ffe08a\">{}</code> {} {}</li>",
                escape(f.code.as_str()),
                escape(&place),
                super::overlay::with_code(&f.message)
            ));
        }
        html.push_str("</ul>");
    }
    html.push_str("</aside>");
    html
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
