//! One built site against its manifest: every listed file fetched and compared, the
//! security headers looked for, and what should not exist looked for (the sitemap's
//! and changed pages' links that the manifest does not list, and the paths spam
//! campaigns plant).
//!
//! It only compares and reports; where the expected manifest comes from, and whether it
//! is trusted, is decided before (see [`super`]).

use super::fetch::{Answer, Client, SECURITY_HEADERS};
use super::{Report, Spam};
use crate::finding::{Code, Finding};
use crate::integrity::manifest::{Entry, SiteManifest};
use futures_util::stream::{self, StreamExt};
use std::collections::{BTreeMap, BTreeSet};

/// Paths spam campaigns commonly plant, probed on every site (see the file's header).
const PLANTED: &str = include_str!("../../../data/spam-paths.txt");
/// What a listed file may grow by before reading stops (it is changed either way).
const MARGIN: u64 = 64 * 1024;
/// How much of an unexpected answer is read, to look for spam in it.
const UNEXPECTED_CAP: u64 = 2 * 1024 * 1024;
/// At most this many unlisted addresses are asked for, per site.
const MAX_PROBES: usize = 1000;
/// The address laman asks for to see the site's "not found" page (404.html, which nginx
/// serves only as the answer to a missing address).
const NOT_FOUND_PROBE: &str = "laman-verify-tidak-ada/";

pub(super) struct SiteCheck<'a> {
    pub client: &'a Client,
    pub label: &'a str,
    pub fqdn: &'a str,
    pub expected: &'a SiteManifest,
    pub spam: &'a Spam<'a>,
    pub concurrency: usize,
}

/// What the listed files showed, for the discovery step.
#[derive(Default)]
struct Seen {
    /// Pages whose bytes differ, with their bodies (their links are followed).
    changed_pages: Vec<(String, String)>,
    sitemap: Option<String>,
    /// Security header → how many answers lacked it, and the first such path.
    headers: BTreeMap<&'static str, (usize, String)>,
}

impl SiteCheck<'_> {
    pub(super) async fn run(&self, report: &mut Report) {
        let seen = self.files(report).await;
        self.headers(&seen, report);
        self.unexpected(&seen, report).await;
    }

    fn url(&self, path: &str) -> String {
        format!("https://{}/{}", self.fqdn, encode(path))
    }

    fn finding(&self, code: Code, message: String) -> Finding {
        Finding::new(code, message).site(self.label)
    }

    async fn files(&self, report: &mut Report) -> Seen {
        let answers: Vec<(&Entry, Result<Answer, String>)> =
            stream::iter(self.expected.files.iter())
                .map(|entry| async move {
                    let path = if entry.path == crate::generated::NOT_FOUND {
                        NOT_FOUND_PROBE
                    } else {
                        entry.path.as_str()
                    };
                    (
                        entry,
                        self.client
                            .get(&self.url(path), entry.size.saturating_add(MARGIN))
                            .await,
                    )
                })
                .buffer_unordered(self.concurrency)
                .collect()
                .await;
        let mut seen = Seen::default();
        for (entry, answer) in answers {
            report.files += 1;
            self.compare(entry, answer, &mut seen, report);
        }
        seen
    }

    fn compare(
        &self,
        entry: &Entry,
        answer: Result<Answer, String>,
        seen: &mut Seen,
        report: &mut Report,
    ) {
        let url = self.url(&entry.path);
        let answer = match answer {
            Ok(a) => a,
            Err(why) => {
                let f = self.finding(
                    Code::VerifyUnreachable,
                    crate::msg!("verify-fetch-failed", url = url.as_str(), why = why),
                );
                return report.push(f);
            }
        };
        let wanted = if entry.path == crate::generated::NOT_FOUND {
            404
        } else {
            200
        };
        if answer.status != wanted {
            return report.push(self.not_served(&url, &answer));
        }
        for header in &answer.missing_headers {
            let slot = seen
                .headers
                .entry(header)
                .or_insert((0, entry.path.clone()));
            slot.0 += 1;
        }
        let served = match &answer.body {
            Some(b) => crate::msg!("verify-served", bytes = b.len()),
            None => crate::msg!(
                "verify-served-more",
                bytes = entry.size.saturating_add(MARGIN)
            ),
        };
        let whole = answer.body.is_some();
        let body = answer.body.unwrap_or_default();
        let same = whole
            && body.len() as u64 == entry.size
            && crate::integrity::manifest::sha256_hex(&body) == entry.sha256;
        if same {
            if entry.path == crate::generated::SITEMAP {
                seen.sitemap = Some(String::from_utf8_lossy(&body).into_owned());
            }
            return;
        }
        report.push(
            self.finding(
                Code::VerifyChanged,
                crate::msg!(
                    "verify-file-changed",
                    url = url.as_str(),
                    served = served,
                    built = entry.size
                ),
            )
            .help(crate::msg!("verify-file-changed-help")),
        );
        let text = String::from_utf8_lossy(&body).into_owned();
        self.spam_in(&url, &text, report);
        if entry.path == crate::generated::SITEMAP {
            seen.sitemap = Some(text);
        } else if is_page(&entry.path) {
            seen.changed_pages.push((entry.path.clone(), text));
        }
    }

    /// `verify.missing`: a listed file answered with another status than it should.
    fn not_served(&self, url: &str, answer: &Answer) -> Finding {
        let to = answer
            .location
            .as_deref()
            .map(crate::text::clipped)
            .unwrap_or_default();
        let f = self.finding(
            Code::VerifyMissing,
            crate::msg!(
                "verify-file-missing",
                url = url,
                status = answer.status.to_string(),
                redirect = if to.is_empty() { "no" } else { "yes" },
                to = to
            ),
        );
        f.help(crate::msg!("verify-file-missing-help"))
    }

    fn spam_in(&self, url: &str, html: &str, report: &mut Report) {
        let hits = (self.spam)(html);
        if !hits.is_empty() {
            report.push(
                self.finding(
                    Code::VerifySpam,
                    crate::msg!("verify-spam", url = url, hits = hits.join("; ")),
                )
                .help(crate::msg!("verify-spam-help")),
            );
        }
    }

    fn headers(&self, seen: &Seen, report: &mut Report) {
        let absent: Vec<String> = SECURITY_HEADERS
            .iter()
            .filter_map(|h| seen.headers.get(h).map(|(n, first)| (h, n, first)))
            .map(|(h, n, first)| {
                crate::msg!(
                    "verify-header-absent",
                    header = h.to_string(),
                    count = *n,
                    first = first.as_str()
                )
            })
            .collect();
        if !absent.is_empty() {
            report.push(
                self.finding(
                    Code::VerifyHeaders,
                    crate::msg!(
                        "verify-headers",
                        fqdn = self.fqdn,
                        absent = absent.join("; ")
                    ),
                )
                .help(crate::msg!("verify-headers-help")),
            );
        }
    }

    /// Asks for what the manifest does not list but the site points at or a spammer
    /// plants; reports every address answered with 200.
    async fn unexpected(&self, seen: &Seen, report: &mut Report) {
        let listed: BTreeSet<&str> = self
            .expected
            .files
            .iter()
            .map(|e| e.path.as_str())
            .collect();
        let mut candidates: BTreeSet<String> = BTreeSet::new();
        if let Some(sitemap) = &seen.sitemap {
            candidates.extend(sitemap_paths(sitemap, self.fqdn));
        }
        for (path, html) in &seen.changed_pages {
            candidates.extend(page_links(html, path, self.fqdn));
        }
        candidates.extend(planted());
        let probes: Vec<String> = candidates
            .into_iter()
            .filter(|p| !served_by(p, &listed))
            .take(MAX_PROBES)
            .collect();
        let answers: Vec<(String, Result<Answer, String>)> = stream::iter(probes)
            .map(|path| async move {
                let answer = self.client.get(&self.url(&path), UNEXPECTED_CAP).await;
                (path, answer)
            })
            .buffer_unordered(self.concurrency)
            .collect()
            .await;
        for (path, answer) in answers {
            let Ok(answer) = answer else { continue };
            if answer.status != 200 {
                continue;
            }
            let url = self.url(&path);
            report.push(
                self.finding(
                    Code::VerifyUnexpected,
                    crate::msg!("verify-unexpected", url = url.as_str()),
                )
                .help(crate::msg!("verify-unexpected-help")),
            );
            if let Some(body) = &answer.body {
                self.spam_in(&url, &String::from_utf8_lossy(body), report);
            }
        }
    }
}

/// Whether `path` (an address path without its leading `/`) is a listed file, as nginx
/// maps it (`a/` → `a/index.html`, `` → `index.html`, `a` → `a` or `a/index.html`).
fn served_by(path: &str, listed: &BTreeSet<&str>) -> bool {
    let path = path.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        return listed.contains(format!("{path}index.html").as_str());
    }
    listed.contains(path) || listed.contains(format!("{path}/index.html").as_str())
}

fn is_page(path: &str) -> bool {
    path.ends_with(".html") || path.ends_with(".htm")
}

/// The planted-path list: one path a line, `#` comments.
fn planted() -> impl Iterator<Item = String> {
    PLANTED
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.trim_start_matches('/').to_string())
}

/// The address paths of the sitemap's `<loc>`s on `fqdn`.
fn sitemap_paths(xml: &str, fqdn: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .filter_map(|rest| rest.split_once("</loc>").map(|(loc, _)| loc.trim()))
        .filter_map(|loc| same_site_path(&loc.replace("&amp;", "&"), fqdn, "/"))
        .collect()
}

/// The address paths on `fqdn` that a page at `path` links to (`href`, `src`).
fn page_links(html: &str, path: &str, fqdn: &str) -> Vec<String> {
    let base = match path.rfind('/') {
        Some(i) => format!("/{}", &path[..=i]),
        None => "/".into(),
    };
    let mut emitter = html5gum::DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut found = Vec::new();
    for token in html5gum::Tokenizer::new_with_emitter(html, emitter).flatten() {
        let html5gum::Token::StartTag(tag) = token else {
            continue;
        };
        for (name, value) in &tag.attributes {
            if name.as_slice() == b"href" || name.as_slice() == b"src" {
                let value = String::from_utf8_lossy(&value.value);
                found.extend(same_site_path(value.trim(), fqdn, &base));
            }
            if found.len() >= MAX_PROBES {
                return found;
            }
        }
    }
    found
}

/// The address path (no leading `/`, no query or fragment, percent-decoded) that `link`
/// names on `fqdn`, resolved against the folder `base`; None for another host, another
/// scheme, or a path that climbs out.
fn same_site_path(link: &str, fqdn: &str, base: &str) -> Option<String> {
    let link = link.split(['#', '?']).next().unwrap_or("");
    let path = if let Some(rest) = link
        .strip_prefix("https://")
        .or_else(|| link.strip_prefix("http://"))
        .or_else(|| link.strip_prefix("//"))
    {
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        if !host.eq_ignore_ascii_case(fqdn) {
            return None;
        }
        format!("/{path}")
    } else if link.starts_with('/') {
        link.to_string()
    } else if link.is_empty() || link.contains(':') {
        return None;
    } else {
        format!("{base}{link}")
    };
    let decoded = percent_encoding::percent_decode_str(&path)
        .decode_utf8()
        .ok()?;
    let mut parts: Vec<&str> = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut joined = parts.join("/");
    if decoded.ends_with('/') && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

/// A path as it goes into a URL: each segment percent-encoded.
fn encode(path: &str) -> String {
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    path.split('/')
        .map(|s| percent_encoding::utf8_percent_encode(s, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_read_as_address_paths_of_the_site() {
        let f = "a.go.id";
        let p = |l: &str| same_site_path(l, f, "/berita/");
        assert_eq!(p("https://a.go.id/x/").as_deref(), Some("x/"));
        assert_eq!(p("//A.go.id/y.html?q=1").as_deref(), Some("y.html"));
        assert_eq!(p("z/").as_deref(), Some("berita/z/"));
        assert_eq!(
            p("../slot%20gacor.html").as_deref(),
            Some("slot gacor.html")
        );
        assert_eq!(p("https://b.go.id/x/"), None);
        assert_eq!(p("mailto:x@a.go.id"), None);
        assert_eq!(p("/../../etc"), None);
        assert_eq!(p("#top"), None);
    }

    #[test]
    fn an_address_is_served_by_its_file_or_its_folder_index() {
        let listed: BTreeSet<&str> = ["index.html", "a/index.html", "b.css"].into();
        for yes in ["", "/", "a/", "a", "b.css"] {
            assert!(served_by(yes, &listed), "{yes}");
        }
        for no in ["slot-gacor.html", "a/b/", "c"] {
            assert!(!served_by(no, &listed), "{no}");
        }
    }

    #[test]
    fn page_links_and_sitemap_locs_are_found() {
        let html = r#"<a href="/slot-gacor/">x</a><img src="../i.png"><a href="https://evil.example/">e</a>"#;
        assert_eq!(
            page_links(html, "berita/a/index.html", "a.go.id"),
            ["slot-gacor/", "berita/i.png"]
        );
        let xml = "<urlset><url><loc>https://a.go.id/x/</loc></url><url><loc>https://b.go.id/y/</loc></url></urlset>";
        assert_eq!(sitemap_paths(xml, "a.go.id"), ["x/"]);
        assert_eq!(encode("berita/a b/ü.html"), "berita/a%20b/%C3%BC.html");
        assert!(planted().any(|p| p.contains("gacor")));
    }
}
