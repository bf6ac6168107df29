//! What the regency's servers are given: the DNS zone ([`zone`]) and the nginx
//! configuration ([`nginx`]), from the registry, and for nginx also from each site's
//! content (its old addresses and the iframe hosts it allows). Each is refused (with the
//! findings that say why) while the registry has errors. The command line only prints
//! what these return.
//!
//! This wing sits above the registry and content (it reads each site's settings and
//! aliases as a build reads them) and below the commands: it must not render a page nor
//! touch the network.

pub mod nginx;
pub mod zone;

use crate::error::{Error, Result};
use crate::finding::{Code, Finding, Severity};
use crate::registry::{checked, Kind, Status, PORTAL_LABEL};
use crate::text::printable;
use jiff::civil::Date;
use nginx::{path_problem, Listen};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Refused when any finding is an error; the findings otherwise (warnings).
fn refuse_errors(findings: Vec<Finding>) -> Result<Vec<Finding>> {
    if findings.iter().any(Finding::is_error) {
        return Err(Error::Refused(findings));
    }
    Ok(findings)
}

/// The zone file. `serial`: the SOA serial, or else one derived from the registry.
/// In-zone nameservers without glue addresses make the zone itself invalid, so that
/// warning of the registry's rules is an error here.
pub fn zone_file(root: &Path, today: Date, serial: Option<u32>) -> Result<String> {
    let (registry, mut findings) = checked(root, today)?;
    for f in findings
        .iter_mut()
        .filter(|f| f.code == Code::RegistryNameserverGlue)
    {
        f.severity = Severity::Error;
    }
    refuse_errors(findings)?;
    let serial = serial.unwrap_or_else(|| zone::derived_serial(&registry));
    zone::zone(&registry, serial)
        .map_err(|why| Error::Usage(format!("{}: {why}", crate::msg!("domains-no-zone"))))
}

/// What the operator asks of `laman domains nginx`, checked before anything is read.
pub struct NginxRequest {
    pub webroot: PathBuf,
    /// Default: `/etc/ssl/laman/<domain>.crt` and `.key`.
    pub cert: Option<PathBuf>,
    pub key: Option<PathBuf>,
    pub http: Listen,
    pub https: Listen,
}

impl NginxRequest {
    /// Checks the arguments as given: listen addresses, and paths nginx can read.
    pub fn parse(
        webroot: PathBuf,
        cert: Option<PathBuf>,
        key: Option<PathBuf>,
        http: &str,
        https: &str,
    ) -> Result<NginxRequest> {
        let http = Listen::parse(http).map_err(|e| Error::Usage(format!("--http {e}")))?;
        let https = Listen::parse(https).map_err(|e| Error::Usage(format!("--https {e}")))?;
        if http.overlaps(https) {
            return Err(Error::Usage(crate::msg!("nginx-same-listen")));
        }
        let given = std::iter::once(("--webroot", webroot.as_path()))
            .chain(cert.as_deref().map(|p| ("--cert", p)))
            .chain(key.as_deref().map(|p| ("--key", p)));
        for (what, path) in given {
            if let Some(why) = path_problem(path) {
                let shown = printable(&path.to_string_lossy());
                return Err(Error::Usage(format!("{what} `{shown}` {why}")));
            }
        }
        Ok(NginxRequest {
            webroot,
            cert,
            key,
            http,
            https,
        })
    }
}

/// The old addresses (front matter `aliases`) of a site's published pages, read from its
/// content as a build reads it, so that the configuration and the build's redirect pages
/// answer the same addresses with no build in between. Content problems are the build's
/// to report: a page whose front matter fails contributes no alias, and aliases that
/// collide are left out as the build leaves them out.
fn site_aliases(root: &Path, label: &str) -> Vec<crate::content::alias::SiteAlias> {
    let dir = crate::content::SiteDir {
        label: label.to_string(),
        dir: Path::new("content").join(label),
        // Own code decides what is copied, not which pages exist.
        custom_code: true,
    };
    let (content, _) = crate::content::load_site(root, &dir, Default::default());
    content.aliases
}

/// The portal's crest for the suspension notice: its own `_static/favicon.svg`, or else
/// its theme's, when it is small enough to carry (see [`nginx::CREST_MAX`]). Nothing
/// when it cannot be read: the notice is written without it.
fn portal_crest(root: &Path, portal: &crate::input::Area, theme: Option<&str>) -> Option<Vec<u8>> {
    const NAME: &str = "favicon.svg";
    let fits = |b: Vec<u8>| (b.len() <= nginx::CREST_MAX).then_some(b);
    if let Ok(own) = portal.read(&format!("_static/{NAME}")) {
        return fits(own);
    }
    let theme =
        crate::render::Theme::load(root, theme.unwrap_or(crate::render::DEFAULT_THEME)).ok()?;
    let bytes = match theme.statics.get(NAME)? {
        crate::render::StaticFile::Embedded(b) => b.to_vec(),
        crate::render::StaticFile::Disk(source) => source.read().ok()?,
    };
    fits(bytes)
}

/// The nginx server blocks for the portal and every approved subdomain, with each site's
/// allowed iframe hosts (from its `_site.toml`) in its Content-Security-Policy.
pub fn nginx_config(root: &Path, today: Date, request: &NginxRequest) -> Result<String> {
    let (registry, findings) = checked(root, today)?;
    refuse_errors(findings)?;
    let mut frame_hosts = BTreeMap::new();
    let labels = std::iter::once(PORTAL_LABEL.to_string()).chain(
        registry
            .subdomains
            .iter()
            .filter(|s| s.status == Status::Approved && s.kind == Kind::Site)
            .map(|s| s.label.clone()),
    );
    let mut aliases = BTreeMap::new();
    let mut crest = None;
    for label in labels {
        let site = crate::input::Area::new(root, Path::new("content").join(&label));
        let config = crate::content::SiteConfig::read(&site).map_err(Error::refused)?;
        if label == PORTAL_LABEL {
            crest = portal_crest(root, &site, config.theme.as_deref());
        }
        frame_hosts.insert(label.clone(), config.embeds.iframe_hosts);
        aliases.insert(label.clone(), site_aliases(root, &label));
    }
    let ssl = Path::new("/etc/ssl/laman");
    let domain = &registry.regency.domain;
    let cert = (request.cert.clone()).unwrap_or_else(|| ssl.join(format!("{domain}.crt")));
    let key = (request.key.clone()).unwrap_or_else(|| ssl.join(format!("{domain}.key")));
    let options = nginx::Options {
        webroot: &request.webroot,
        cert: &cert,
        key: &key,
        http: request.http,
        https: request.https,
        frame_hosts: &frame_hosts,
        aliases: &aliases,
        crest: crest.as_deref(),
    };
    nginx::config(&registry, &options)
        .map_err(|why| Error::Usage(format!("{}: {why}", crate::msg!("domains-no-nginx"))))
}
