//! nginx server blocks for the regency, meant to be included inside `http { }`.
//!
//! - Unknown names get nothing: the default servers close the connection (http) or
//!   refuse the TLS handshake (https), so a revoked or never-approved name serves no page.
//! - The portal answers on the apex; `www` and plain http redirect to `https://<apex>`.
//! - Every approved site serves `<webroot>/<fqdn>/` with its own 404 page. Services and
//!   applications are not static sites and are left out: their own servers answer them.
//! - A suspended site answers 503 with a notice in Indonesian that it is suspended by
//!   the Dinas (so a reader with a stale DNS cache or a bookmark learns why, and sees no
//!   old content), in the regency's colours with its crest, whom to ask and a link to the
//!   portal (see [`notice`]); revoked, rejected and requested names get nothing.
//! - Security headers everywhere: a Content-Security-Policy of `'self'` (plus the
//!   iframe hosts a site allows), nosniff, a referrer policy, a permissions policy,
//!   HSTS on https, and `server_tokens off`; repeated in every `location` that adds a
//!   header of its own (nginx drops the server's `add_header`s there).
//! - Caching by kind of file: a year (`immutable`) for the fingerprinted theme files
//!   under `/_aset/` and the search index's hashed files, `no-cache` for what laman
//!   makes from content (pages, feeds, open data), an hour for an editor's files
//!   (see [`IMMUTABLE`]).
//!
//! Every value is written for nginx's syntax, whatever the registry's checks let through:
//! names are host names or nothing is written; paths and header values are double-quoted
//! with `\\` and `\"` escaped, and a path holding what nginx cannot quote (`$` starts a
//! variable; control characters) is refused; a `map`'s source values start with `\`, so
//! that none is read as one of the block's parameters (`default`, `include`, ...);
//! comments are one line; the suspension notice is HTML-escaped and holds no `'`, `\\`
//! or `$`. [`config`] refuses rather than emit a value it cannot write safely.

mod aliases;
mod listen;
mod notice;
#[cfg(test)]
mod tests;

pub use listen::{path_problem, Listen};
pub use notice::CREST_MAX;

use crate::content::alias::SiteAlias;
use crate::registry::grammar::{forbidden_in_text, host_problem};
use crate::registry::hostname::{hostname_problem, label_problem};
use crate::registry::{Kind, Registry, Status, PORTAL_LABEL};
use crate::text::printable;
use aliases::{alias_locations, alias_maps, alias_problem};
use notice::suspension;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

pub struct Options<'a> {
    /// Where the built sites are: `<webroot>/<fqdn>/index.html`.
    pub webroot: &'a Path,
    /// A certificate (and key) valid for the apex and `*.<domain>`.
    pub cert: &'a Path,
    pub key: &'a Path,
    /// Where plain http and https listen.
    pub http: Listen,
    pub https: Listen,
    /// Per label, the iframe hosts its `_site.toml` allows (added to `frame-src`).
    pub frame_hosts: &'a BTreeMap<String, Vec<String>>,
    /// Per label, the old addresses of its pages (front matter `aliases`), each answered
    /// with a `301` to its page.
    pub aliases: &'a BTreeMap<String, Vec<SiteAlias>>,
    /// The portal theme's crest (`favicon.svg`), shown on the suspension notice.
    pub crest: Option<&'a [u8]>,
}

impl Options<'_> {
    /// Why these options cannot be written into a configuration, if they cannot.
    pub fn problem(&self) -> Option<String> {
        let paths = [
            ("--webroot", self.webroot),
            ("--cert", self.cert),
            ("--key", self.key),
        ];
        paths
            .iter()
            .find_map(|(what, p)| {
                path_problem(p)
                    .map(|why| format!("{what} `{}` {why}", printable(&p.to_string_lossy())))
            })
            .or_else(|| self.http.problem().map(|why| format!("--http: {why}")))
            .or_else(|| self.https.problem().map(|why| format!("--https: {why}")))
    }
}

fn listens(value: Listen, extra: &str) -> String {
    // A bare port listens on IPv4 and IPv6; an address listens where it says.
    match value {
        Listen::Port(port) => {
            format!("    listen {port}{extra};\n    listen [::]:{port}{extra};\n")
        }
        Listen::Addr(addr) => format!("    listen {addr}{extra};\n"),
    }
}

/// A double-quoted nginx string. The caller has refused `$` and control characters,
/// which quoting cannot make literal.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// A source value of a `map` block, as nginx reads it there: nginx takes a source
/// value that is one of the block's own parameters (`default`, `include`, `hostnames`,
/// `volatile`) as that parameter, and one starting with `~` as a regular expression,
/// whether quoted or not. It drops one leading `\` and matches the rest as written,
/// so every source value gets one: `/?p=default` is the value `default`, not a second
/// default. (Quoted, the `\` is written `\\`; nginx's reading of the string gives it
/// back.)
fn map_source(value: &str) -> String {
    quoted(&format!("\\{value}"))
}

/// Text for a `#` comment: one line, whatever it holds.
fn comment(text: &str) -> String {
    text.chars()
        .map(|c| if forbidden_in_text(c) { ' ' } else { c })
        .collect()
}

/// The policy of every response. Scripts and fetches may also come from the portal
/// (`https://<domain>`), whose `/_cari/` holds the regency's search index and its
/// script, which every site's `/cari/` page loads. Images may also come from the
/// regency's other sites (`https://*.<domain>`): the portal's latest news shows each
/// item's picture from the site that published it.
fn csp(frame_hosts: &[String], domain: &str, style: &str) -> String {
    let mut policy = format!(
        "default-src 'self'; img-src 'self' data: https://*.{domain}; style-src 'self'{style}; script-src 'self' https://{domain}; connect-src 'self' https://{domain}; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
    if !frame_hosts.is_empty() {
        let hosts: Vec<String> = frame_hosts.iter().map(|h| format!("https://{h}")).collect();
        let _ = write!(policy, "; frame-src {}", hosts.join(" "));
    }
    policy
}

fn headers(frame_hosts: &[String], domain: &str) -> String {
    headers_of(frame_hosts, domain, "")
}

/// The headers of a page whose inline style `source` (`'sha256-...'`) allows.
fn headers_with_style(domain: &str, source: &str) -> String {
    headers_of(&[], domain, &format!(" {source}"))
}

fn headers_of(frame_hosts: &[String], domain: &str, style: &str) -> String {
    format!(
        "    server_tokens off;\n    add_header Content-Security-Policy {} always;\n    add_header X-Content-Type-Options \"nosniff\" always;\n    add_header Referrer-Policy \"strict-origin-when-cross-origin\" always;\n    add_header Permissions-Policy \"camera=(), microphone=(), geolocation=(), payment=(), usb=()\" always;\n    add_header Strict-Transport-Security \"max-age=31536000; includeSubDomains\" always;\n",
        quoted(&csp(frame_hosts, domain, style))
    )
}

fn tls(o: &Options) -> String {
    format!(
        "    ssl_certificate {};\n    ssl_certificate_key {};\n    ssl_protocols TLSv1.2 TLSv1.3;\n",
        quoted(&o.cert.to_string_lossy()),
        quoted(&o.key.to_string_lossy())
    )
}

/// Why the registry holds a name this configuration cannot carry: the checks of
/// [`crate::registry::validate`] refuse these first; this is the writer's own guard.
fn unwritable(reg: &Registry, o: &Options, domain: &str) -> Option<String> {
    if let Some(why) = hostname_problem(domain) {
        return Some(format!("the domain `{}`: {why}", printable(domain)));
    }
    let served = reg
        .subdomains
        .iter()
        .filter(|s| matches!(s.status, Status::Approved | Status::Suspended));
    for sub in served {
        if let Some(why) = label_problem(&sub.label.to_ascii_lowercase(), domain) {
            return Some(crate::msg!(
                "nginx-label-problem",
                label = printable(&sub.label),
                why = why
            ));
        }
    }
    o.frame_hosts
        .values()
        .flatten()
        .find_map(|h| {
            host_problem(h)
                .map(|why| crate::msg!("nginx-frame-host-problem", host = printable(h), why = why))
        })
        .or_else(|| o.aliases.values().flatten().find_map(alias_problem))
}

/// The configuration text, or why it cannot be written (an option or a registry value
/// that nginx's syntax cannot carry).
pub fn config(reg: &Registry, o: &Options) -> Result<String, String> {
    let domain = reg
        .regency
        .domain
        .trim_end_matches('.')
        .to_ascii_lowercase();
    if let Some(why) = o.problem().or_else(|| unwritable(reg, o, &domain)) {
        return Err(why);
    }
    let mut c = String::new();
    preamble(&mut c, reg, o, &domain);
    versioned(&mut c);

    // Only sites are static: a service or an application runs on its own server, which
    // answers its name (a root here would be a folder no build ever writes).
    let sites = || reg.subdomains.iter().filter(|s| s.kind == Kind::Site);
    let approved: Vec<_> = sites().filter(|s| s.status == Status::Approved).collect();
    // Every suspended name, site or not, points at this server (see the zone): each gets
    // the notice.
    let suspended: Vec<_> = reg
        .subdomains
        .iter()
        .filter(|s| s.status == Status::Suspended)
        .collect();
    let fqdn = |label: &str| format!("{}.{domain}", label.to_ascii_lowercase());

    let mut names = vec![domain.clone(), format!("www.{domain}")];
    names.extend(approved.iter().chain(&suspended).map(|s| fqdn(&s.label)));
    redirects(&mut c, o, &domain, &names);

    site(
        &mut c,
        o,
        &reg.portal.title,
        &domain,
        PORTAL_LABEL,
        &domain,
        0,
    );
    for (n, sub) in approved.iter().enumerate() {
        let decree = sub.decree.as_ref().map_or(String::new(), |d| {
            format!(" (decree {} of {})", d.number, d.date)
        });
        site(
            &mut c,
            o,
            &format!("{}{decree}", sub.owner),
            &fqdn(&sub.label),
            &sub.label,
            &domain,
            n + 1,
        );
    }
    for sub in &suspended {
        suspension(&mut c, reg, o, &domain, &fqdn(&sub.label), sub);
    }
    Ok(c)
}

/// The file's header, and the default servers that give unknown names nothing.
fn preamble(c: &mut String, reg: &Registry, o: &Options, domain: &str) {
    let _ = writeln!(
        c,
        "# nginx configuration of {} ({domain}), generated by laman from domains.toml.",
        comment(&reg.regency.name)
    );
    let _ = writeln!(
        c,
        "# Include inside http {{ }}. Edit domains.toml, not this file.\n"
    );

    let _ = writeln!(c, "# Names that are not approved get nothing.");
    let _ = write!(
        c,
        "server {{\n{}    server_name _;\n    server_tokens off;\n    return 444;\n}}\n",
        listens(o.http, " default_server")
    );
    let _ = write!(
        c,
        "server {{\n{}    server_name _;\n    ssl_reject_handshake on;\n}}\n\n",
        listens(o.https, " ssl default_server")
    );
}

/// Plain http of every served name to https, and `www` to the apex.
fn redirects(c: &mut String, o: &Options, domain: &str, names: &[String]) {
    let _ = writeln!(c, "# Plain http: to https, always.");
    let _ = write!(c, "server {{\n{}    server_name {};\n    server_tokens off;\n    return 301 https://$host$request_uri;\n}}\n\n", listens(o.http, ""), names.join(" "));

    let _ = writeln!(c, "# www goes to the apex.");
    let _ = write!(c, "server {{\n{}    server_name www.{domain};\n{}{}    return 301 https://{domain}$request_uri;\n}}\n\n", listens(o.https, " ssl"), tls(o), headers(&[], domain));
}

/// How long browsers (and caches between) may keep what a site serves, by kind of file:
/// - the fingerprinted theme files under `/_aset/` (and the search index's files whose
///   names carry a hash): a year, never asked again: a new version has a new name;
/// - what laman makes from content (pages, feeds, sitemaps, `robots.txt`, open data, the
///   search index's entry files): asked again every time (`no-cache`; nginx's `ETag`
///   and `Last-Modified` make the answer a short 304 when nothing changed), so a
///   correction or an urgent announcement (*serta-merta*) is seen at once;
/// - every other file (an editor's images and documents, which keep their names so
///   that links to them last): an hour, then asked again; a year when asked for by
///   its version (`?v=`, see [`versioned`]).
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";
const MODERATE: &str = "public, max-age=3600";
/// An editor's file: [`IMMUTABLE`] when asked for by its version, else [`MODERATE`]
/// (see [`versioned`]).
const BY_VERSION: &str = "$laman_versioned_cache";

/// An editor's file asked for as `?v=<16 hex digits>` (the address laman gives a
/// picture it shows in a news list: the hash of the file's bytes) may be kept a year: a
/// new version of the file gets a new address. Asked for otherwise, an hour.
fn versioned(c: &mut String) {
    let _ = write!(
        c,
        "# An editor's file asked for with ?v=<hash of its bytes> (the address laman gives the\n# pictures of news lists) may be kept a year; asked for otherwise, an hour.\nmap $arg_v {BY_VERSION} {{\n    default {};\n    \"~^[0-9a-f]{{16}}$\" {};\n}}\n\n",
        quoted(MODERATE),
        quoted(IMMUTABLE)
    );
}

/// The names of what laman makes from content, for the `no-cache` location.
const MADE_FROM_CONTENT: &str = r"\.(?:html|xml|txt|json|csv)$";

/// The search index's files whose names carry a hash of their bytes (its word chunks,
/// and its pages' texts in a folder named after theirs, see `docs/search-format.md`);
/// `indeks.json` and `indeks.js` keep their names and are asked again.
const HASHED_INDEX_FILES: &str = r"/(?:kata-[0-9a-f]{16}|teks-[0-9a-f]{16}/[0-9]+)\.json$";

/// The lines of a `location` block: the security headers (nginx drops the server's
/// `add_header`s in a location that has its own), `extra` headers, the cache policy and
/// the body. `no-cache` goes with every answer (`always`); a policy that lets a file be
/// kept goes with successful answers only (a 404 must not be kept for a year).
fn location(security: &str, extra: &str, cache: &str, body: &str) -> String {
    let always = if cache == REVALIDATE { " always" } else { "" };
    format!(
        "{}{extra}        add_header Cache-Control {}{always};\n{body}",
        security
            .replace("    ", "        ")
            .replace("        server_tokens off;\n", ""),
        quoted(cache)
    )
}

/// The server of one site (or the portal): its folder under the webroot, its 404 page,
/// the frame hosts its settings allow, and the cache policy of each kind of file (see
/// [`IMMUTABLE`]). The portal's `/_cari/` (the regency's search index) may also be
/// read by the other sites' search pages: one header more there,
/// `Access-Control-Allow-Origin: *` (public files, no credentials).
/// `n` numbers the site (for the names of its alias variables).
fn site(c: &mut String, o: &Options, title: &str, name: &str, label: &str, domain: &str, n: usize) {
    let frames = o.frame_hosts.get(label).map(Vec::as_slice).unwrap_or(&[]);
    let aliases = o.aliases.get(label).map(Vec::as_slice).unwrap_or(&[]);
    let tests = alias_maps(c, n, aliases);
    let redirects = alias_locations(name, aliases, &tests);
    let root = o.webroot.join(name);
    let headers = headers(frames, domain);
    let at = |cache: &str, body: &str| location(&headers, "", cache, body);
    let search = if label == PORTAL_LABEL {
        let cors = "        add_header Access-Control-Allow-Origin \"*\" always;\n";
        let hashed: String = location(&headers, cors, IMMUTABLE, "        try_files $uri =404;\n")
            .lines()
            .map(|l| format!("    {l}\n"))
            .collect();
        // The index is JSON and one script, sent compressed (a third of the bytes or
        // less); the nested location inherits it.
        format!(
            "    location ^~ /{}/ {{\n{}        location ~ \"{HASHED_INDEX_FILES}\" {{\n{hashed}        }}\n    }}\n",
            crate::generated::INDEX_DIR,
            location(
                &headers,
                cors,
                REVALIDATE,
                "        gzip on;\n        gzip_types application/json application/javascript text/javascript;\n        try_files $uri =404;\n"
            ),
        )
    } else {
        String::new()
    };
    let _ = writeln!(c, "# {}", comment(title));
    let _ = write!(
        c,
        "server {{\n{}    server_name {name};\n{}{headers}    root {};\n    index index.html;\n    error_page 404 /404.html;\n    location / {{\n{}    }}\n    location ~ \"{MADE_FROM_CONTENT}\" {{\n{}    }}\n    location ^~ /{}/ {{\n{}    }}\n{search}{redirects}    location = /404.html {{\n{}    }}\n}}\n\n",
        listens(o.https, " ssl"),
        tls(o),
        quoted(&root.to_string_lossy()),
        at(BY_VERSION, "        try_files $uri $uri/ =404;\n"),
        at(REVALIDATE, ""),
        crate::generated::ASSET_DIR,
        at(IMMUTABLE, "        try_files $uri =404;\n"),
        at(REVALIDATE, "        internal;\n"),
    );
}
