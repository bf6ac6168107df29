//! The resolved model: every site that is built, with its address, its registry facts and
//! its content, plus the index that turns `@` links into absolute URLs.
//!
//! Built once after the content stage; rendering reads it and never changes it.
//!
//! It holds every site whose content is read, published or not: a site whose subdomain
//! is not approved (requested, suspended, revoked, rejected) is checked and previewed
//! like the others, so [`Site::published`] is what every reader of another site's
//! content (the portal's news, catalogue, PPID list, search) must look at. A link into
//! such a site is [`Unresolved::Unpublished`]: a warning for the linking page, never an
//! error, so one site's status never stops another from being published.

use crate::content::{slugify, SiteContent};
use crate::finding::closest;
use crate::registry::{Decree, Kind, Registry, Status, PORTAL_LABEL};
use std::collections::HashMap;
use std::sync::Arc;

/// How site addresses are written: the real ones, or the live preview's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlStyle {
    /// `https://<label>.<domain>/`
    Https,
    /// `http://<label>.localhost:<port>/`, and `http://localhost:<port>/` for the portal.
    Preview { port: u16 },
}

impl UrlStyle {
    /// The base URL (with a trailing slash) of the site with this label.
    pub fn base_url(self, registry: &Registry, label: &str) -> String {
        match self {
            UrlStyle::Https => format!("https://{}/", registry.fqdn(label)),
            UrlStyle::Preview { port } if label == PORTAL_LABEL => {
                format!("http://localhost:{port}/")
            }
            UrlStyle::Preview { port } => format!("http://{label}.localhost:{port}/"),
        }
    }
}

/// One site whose content is read: the portal, an approved OPD site, or an OPD site
/// whose subdomain is not approved (checked and previewed, never published).
#[derive(Debug)]
pub struct Site {
    pub label: String,
    /// The registry's status of the subdomain (`Approved` for the portal).
    pub status: Status,
    pub fqdn: String,
    /// Absolute base URL with a trailing slash.
    pub url: String,
    pub title: String,
    pub owner: String,
    pub kind: Kind,
    pub decree: Option<Decree>,
    /// The registry's contact e-mail (the portal has none there).
    pub contact: Option<String>,
    /// Shared, so that a preview rebuild can keep the content of sites that did not change.
    pub content: Arc<SiteContent>,
}

impl Site {
    pub fn is_portal(&self) -> bool {
        self.label == PORTAL_LABEL
    }

    /// Whether a build publishes this site: the portal and approved sites. Any other
    /// site is read for `check` and the preview only; nothing of it may reach `--out`,
    /// the manifest, the search index or another site's pages.
    pub fn published(&self) -> bool {
        self.status == Status::Approved
    }

    /// The absolute URL of a path inside this site (`/berita/` → `https://.../berita/`).
    pub fn url_of(&self, path: &str) -> String {
        format!("{}{}", self.url, path.trim_start_matches('/'))
    }
}

/// Every built site, in a stable order: the portal first, then by label.
#[derive(Debug)]
pub struct Model {
    pub registry: Registry,
    pub urls: UrlStyle,
    pub sites: Vec<Site>,
    pub links: LinkIndex,
}

impl Model {
    pub fn new<C: Into<Arc<SiteContent>>>(
        registry: Registry,
        urls: UrlStyle,
        contents: Vec<C>,
    ) -> Model {
        let mut sites: Vec<Site> = contents
            .into_iter()
            .map(|content| {
                let content: Arc<SiteContent> = content.into();
                let label = content.label.clone();
                let entry = registry.subdomain(&label);
                let owner =
                    entry.map_or_else(|| registry.regency.name.clone(), |s| s.owner.clone());
                let default_title = if label == PORTAL_LABEL {
                    registry.portal.title.clone()
                } else {
                    owner.clone()
                };
                Site {
                    fqdn: registry.fqdn(&label),
                    url: urls.base_url(&registry, &label),
                    title: content.config.title.clone().unwrap_or(default_title),
                    owner,
                    kind: entry.map_or(Kind::Site, |s| s.kind),
                    status: entry.map_or(Status::Approved, |s| s.status),
                    decree: entry.and_then(|s| s.decree.clone()),
                    contact: entry.map(|s| s.contact.clone()),
                    label,
                    content,
                }
            })
            .collect();
        sites.sort_by(|a, b| (!a.is_portal(), &a.label).cmp(&(!b.is_portal(), &b.label)));
        let links = LinkIndex::new(&sites, &registry, urls);
        Model {
            registry,
            urls,
            sites,
            links,
        }
    }

    pub fn site(&self, label: &str) -> Option<&Site> {
        self.sites.iter().find(|s| s.label == label)
    }

    /// The sites a build publishes (see [`Site::published`]), in the model's order.
    pub fn published(&self) -> impl Iterator<Item = &Site> {
        self.sites.iter().filter(|s| s.published())
    }
}

/// Why an `@` link gives no address of a published page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unresolved {
    /// No such site or page: an error of the linking page (`content.link.broken`),
    /// saying what is missing, and the link as it was probably meant, written as the
    /// editor wrote it (`@/berita/ppdb-2027.md` for `@/berita/ppdb-2026.md`), if one is
    /// near enough.
    Broken(String, Option<String>),
    /// The link names a site whose subdomain is registered but not approved: a warning
    /// of the linking page (`content.link.unpublished`), whatever the page it names.
    Unpublished {
        label: String,
        status: Status,
        /// Where the link may still point: a suspended site's address (its server
        /// answers every path with the Dinas's notice). `None`: the link must not be
        /// written as a link (revoked, rejected, requested: nobody answers there, or
        /// someone else may one day).
        url: Option<String>,
    },
}

impl Unresolved {
    /// The finding's message: what is wrong, for the linking page.
    pub fn message(&self, url: &str) -> String {
        match self {
            Unresolved::Broken(why, _) => {
                crate::msg!("link-broken", url = url, why = why.as_str())
            }
            Unresolved::Unpublished { label, status, .. } => crate::msg!(
                "link-unpublished",
                url = url,
                label = label.as_str(),
                status = status.as_str(),
                word = status.word()
            ),
        }
    }
}

/// Maps `@` links to absolute URLs: for each site, its base URL and the path of every
/// section and page by its file (`berita/_index.md`, `profil/visi-misi.md`).
#[derive(Debug, Default)]
pub struct LinkIndex {
    sites: HashMap<String, (String, HashMap<String, String>)>,
    /// Every registered label whose subdomain is not approved, with its status and the
    /// real address of its site (links into it are [`Unresolved::Unpublished`]).
    unpublished: HashMap<String, (Status, String)>,
}

impl LinkIndex {
    fn new(sites: &[Site], registry: &Registry, urls: UrlStyle) -> LinkIndex {
        let sites = sites
            .iter()
            .map(|site| {
                let c = &site.content;
                let docs = c
                    .sections
                    .iter()
                    .map(|s| (s.doc.rel.as_str(), &s.path))
                    .chain(c.pages.iter().map(|p| (p.doc.rel.as_str(), &p.path)))
                    .flat_map(|(rel, path)| {
                        [
                            (rel.to_string(), path.clone()),
                            (normalized(rel), path.clone()),
                        ]
                    })
                    .collect();
                (site.label.clone(), (site.url.clone(), docs))
            })
            .collect();
        let unpublished = registry
            .subdomains
            .iter()
            .filter(|s| s.status != Status::Approved)
            .map(|s| {
                let url = urls.base_url(registry, &s.label);
                (s.label.to_ascii_lowercase(), (s.status, url))
            })
            .collect();
        LinkIndex { sites, unpublished }
    }

    /// Resolves `@/path.md#x` (in site `from`) or `@label/path.md#x` to an absolute URL.
    /// A link into another site that is not published is [`Unresolved::Unpublished`]
    /// (whether or not its page exists: its content is not public); a link within a
    /// site resolves as usual, published or not, so that a site prepared before its
    /// decree previews as it will be.
    pub fn resolve(&self, from: &str, link: &str) -> Result<String, Unresolved> {
        let target = link
            .strip_prefix('@')
            .ok_or_else(|| Unresolved::Broken(crate::msg!("link-not-at", link = link), None))?;
        let (label, path) = match target.strip_prefix('/') {
            Some(path) => (from, path),
            None => target.split_once('/').unwrap_or((target, "")),
        };
        let (path, fragment) = match path.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (path, None),
        };
        if label != from {
            if let Some((status, base)) = self.unpublished.get(&label.to_ascii_lowercase()) {
                // A suspended site's server answers every path with the Dinas's notice,
                // and the page comes back with the site: the link keeps its address.
                let url = (*status == Status::Suspended)
                    .then(|| self.locate(from, label, path, fragment).ok())
                    .map(|page| page.unwrap_or_else(|| base.clone()));
                return Err(Unresolved::Unpublished {
                    label: label.to_string(),
                    status: *status,
                    url,
                });
            }
        }
        self.locate(from, label, path, fragment)
    }

    /// The address of the page `path` of the site `label`, or why there is none.
    fn locate(
        &self,
        from: &str,
        label: &str,
        path: &str,
        fragment: Option<&str>,
    ) -> Result<String, Unresolved> {
        let hash = fragment.map(|f| format!("#{f}")).unwrap_or_default();
        let (base, docs) = self.sites.get(label).ok_or_else(|| {
            let published = self
                .sites
                .keys()
                .filter(|l| !self.unpublished.contains_key(l.as_str()));
            let near = closest(label, published.map(String::as_str));
            Unresolved::Broken(
                crate::msg!("link-no-site", label = label),
                near.map(|near| format!("@{near}/{path}{hash}")),
            )
        })?;
        let path = if path.is_empty() { "_index.md" } else { path };
        let found = docs
            .get(path)
            .or_else(|| docs.get(&normalized(path)))
            .ok_or_else(|| {
                let own = if label == from { "yes" } else { "no" };
                let at = if label == from {
                    "@/".to_string()
                } else {
                    format!("@{label}/")
                };
                let near = closest(path, docs.keys().map(String::as_str));
                Unresolved::Broken(
                    crate::msg!("link-no-page", own = own, site = label, path = path),
                    near.map(|near| format!("{at}{near}{hash}")),
                )
            })?;
        let mut url = format!("{base}{}", found.trim_start_matches('/'));
        if let Some(f) = fragment {
            url.push('#');
            url.push_str(f);
        }
        Ok(url)
    }
}

/// A link path with every name slugified, so that `@/berita/sekolah-sehat.md` finds
/// `berita/Sekolah Sehat.md`: editors write addresses as they see them in the browser.
fn normalized(rel: &str) -> String {
    let mut parts: Vec<String> = rel.split('/').map(String::from).collect();
    if let Some(last) = parts.pop() {
        let name = match last.as_str() {
            "_index.md" | "index.md" => last,
            other => format!("{}.md", slugify(other.strip_suffix(".md").unwrap_or(other))),
        };
        parts = parts.iter().map(|p| slugify(p)).collect();
        parts.push(name);
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Doc, Page, Section};

    fn site(label: &str, url: &str, pages: &[(&str, &str)]) -> Site {
        let content = SiteContent {
            label: label.into(),
            sections: vec![Section {
                doc: Doc {
                    rel: "_index.md".into(),
                    ..Default::default()
                },
                path: "/".into(),
                ..Default::default()
            }],
            pages: pages
                .iter()
                .map(|(rel, path)| Page {
                    doc: Doc {
                        rel: rel.to_string(),
                        ..Default::default()
                    },
                    path: path.to_string(),
                    section: 0,
                })
                .collect(),
            ..Default::default()
        };
        Site {
            label: label.into(),
            fqdn: String::new(),
            url: url.into(),
            title: String::new(),
            owner: String::new(),
            kind: Kind::Site,
            status: Status::Approved,
            decree: None,
            contact: None,
            content: content.into(),
        }
    }

    /// A registry with `dinkes` approved and one entry of each other status.
    fn registry() -> Registry {
        let mut text = String::from(
            "[regency]\nname='K'\ndomain='contohkab.go.id'\ndinas='D'\napprover='bupati'\n[portal]\ntitle='P'\n",
        );
        for (label, status) in [
            ("dinkes", "approved"),
            ("pasar", "requested"),
            ("dishub", "suspended"),
            ("lama", "revoked"),
            ("tolak", "rejected"),
        ] {
            text.push_str(&format!(
                "[[subdomain]]\nlabel='{label}'\nowner='O'\nkind='site'\nstatus='{status}'\ncontact='{label}@contohkab.go.id'\n"
            ));
        }
        Registry::parse(&text, std::path::Path::new("domains.toml")).unwrap()
    }

    #[test]
    fn links_resolve_within_and_across_sites() {
        let index = LinkIndex::new(
            &[
                site(
                    "portal",
                    "https://contohkab.go.id/",
                    &[("ppid.md", "/ppid/")],
                ),
                site(
                    "dinkes",
                    "https://dinkes.contohkab.go.id/",
                    &[("profil/visi-misi.md", "/profil/visi-misi/")],
                ),
            ],
            &registry(),
            UrlStyle::Https,
        );
        assert_eq!(
            index
                .resolve("dinkes", "@/profil/visi-misi.md#misi")
                .unwrap(),
            "https://dinkes.contohkab.go.id/profil/visi-misi/#misi"
        );
        assert_eq!(
            index.resolve("dinkes", "@portal/ppid.md").unwrap(),
            "https://contohkab.go.id/ppid/"
        );
        assert_eq!(
            index.resolve("portal", "@dinkes/_index.md").unwrap(),
            "https://dinkes.contohkab.go.id/"
        );
        assert_eq!(
            index.resolve("portal", "@dinkes").unwrap(),
            "https://dinkes.contohkab.go.id/"
        );
        assert_eq!(
            index
                .resolve("portal", "@dinkes/Profil/Visi Misi.md")
                .unwrap(),
            "https://dinkes.contohkab.go.id/profil/visi-misi/"
        );
        let broken = |from, link| match index.resolve(from, link) {
            Err(Unresolved::Broken(why, near)) => format!("{why} {near:?}"),
            other => panic!("{link}: {other:?}"),
        };
        assert!(broken("dinkes", "@/profil/misi.md").contains("profil/misi.md"));
        assert!(broken("dinkes", "@pasr/_index.md").contains("pasr"));
        // No "did you mean" pointing at a site that is not published.
        assert!(!broken("dinkes", "@pasr/_index.md").contains("@pasar"));
    }

    #[test]
    fn links_into_sites_not_published_say_their_status() {
        let mut dishub = site(
            "dishub",
            "https://dishub.contohkab.go.id/",
            &[("jadwal.md", "/jadwal/")],
        );
        dishub.status = Status::Suspended;
        let mut pasar = site(
            "pasar",
            "https://pasar.contohkab.go.id/",
            &[("harga.md", "/harga/")],
        );
        pasar.status = Status::Requested;
        let portal = site("portal", "https://contohkab.go.id/", &[]);
        let index = LinkIndex::new(&[portal, dishub, pasar], &registry(), UrlStyle::Https);
        let unpublished = |link| match index.resolve("portal", link) {
            Err(Unresolved::Unpublished { label, status, url }) => (label, status, url),
            other => panic!("{link}: {other:?}"),
        };
        // Suspended: the page's address (its server answers with the notice), or the
        // site's when the page is not there.
        assert_eq!(
            unpublished("@dishub/jadwal.md#pagi"),
            (
                "dishub".into(),
                Status::Suspended,
                Some("https://dishub.contohkab.go.id/jadwal/#pagi".into())
            )
        );
        assert_eq!(
            unpublished("@dishub/tidak-ada.md").2.as_deref(),
            Some("https://dishub.contohkab.go.id/")
        );
        // Requested (with content), revoked and rejected (without): not linked.
        assert_eq!(unpublished("@pasar/harga.md").1, Status::Requested);
        assert_eq!(unpublished("@pasar/harga.md").2, None);
        assert_eq!(
            unpublished("@lama/x.md"),
            ("lama".into(), Status::Revoked, None)
        );
        assert_eq!(unpublished("@tolak").1, Status::Rejected);
        // Within a site that is not published, links resolve as usual (its preview).
        assert_eq!(
            index.resolve("pasar", "@/harga.md").unwrap(),
            "https://pasar.contohkab.go.id/harga/"
        );
    }

    #[test]
    fn preview_urls_use_localhost_subdomains() {
        let reg = Registry::parse(
            "[regency]\nname='K'\ndomain='kkab.go.id'\ndinas='D'\napprover='bupati'\n[portal]\ntitle='P'\n",
            std::path::Path::new("domains.toml"),
        )
        .unwrap();
        let style = UrlStyle::Preview { port: 1111 };
        assert_eq!(style.base_url(&reg, "portal"), "http://localhost:1111/");
        assert_eq!(
            style.base_url(&reg, "dinkes"),
            "http://dinkes.localhost:1111/"
        );
        assert_eq!(
            UrlStyle::Https.base_url(&reg, "dinkes"),
            "https://dinkes.kkab.go.id/"
        );
    }
}
