//! What the portal's home page adds to the common context: where the service catalogue
//! and the PPID page are (when they exist), and a few services to start from. It reads
//! the resolved model and the catalogue; it writes nothing.

use super::SiteRenderer;
use crate::catalogue::ServiceEntry;
use serde::Serialize;

/// How many services the portal's home page shows.
pub const HOME_SERVICES: usize = 6;

/// The PPID page of a site, when it is not named in `[links] ppid`: the page or section
/// at this address.
const PPID_PATH: &str = "/ppid/";

/// A service as the portal's home page lists it.
#[derive(Serialize)]
pub struct HomeService {
    pub title: String,
    pub url: String,
    pub site_title: String,
    pub site_url: String,
    pub updated: Option<String>,
}

impl SiteRenderer<'_> {
    /// The address of the service catalogue on this site: the section at the
    /// catalogue's path, or the page laman writes there. Only the portal has one.
    pub(super) fn catalogue_url(&self) -> Option<String> {
        if !self.site.is_portal() {
            return None;
        }
        let path = self.catalogue.path.as_str();
        let section = self.site.content.sections.iter().any(|s| s.path == path);
        (section || self.generated_catalogue().is_some()).then(|| self.site.url_of(path))
    }

    /// The address of the site's PPID page: `[links] ppid`, else a page or section at
    /// `/ppid/`.
    pub(super) fn ppid_url(&self) -> Option<String> {
        if let Some(url) = &self.docs.links.ppid {
            return Some(url.clone());
        }
        let c = &self.site.content;
        let found = c.sections.iter().any(|s| s.path == PPID_PATH)
            || c.pages.iter().any(|p| p.path == PPID_PATH);
        found.then(|| self.site.url_of(PPID_PATH))
    }

    /// The portal's home page: links to the catalogue and to PPID, and the services of
    /// published sites most recently updated (by `updated`, else `date`; undated last,
    /// then by title), [`HOME_SERVICES`] of them.
    pub(super) fn portal_home(&self, ctx: &mut tera::Context) {
        ctx.insert("catalogue_url", &self.catalogue_url());
        ctx.insert("ppid_url", &self.ppid_url());
        let mut services: Vec<&ServiceEntry> = self.catalogue.published_services().collect();
        services.sort_by(|a, b| {
            let when = |e: &ServiceEntry| {
                let m = &e.page.doc.meta;
                m.updated_when.or(m.when)
            };
            when(b)
                .cmp(&when(a))
                .then_with(|| a.page.doc.meta.title.cmp(&b.page.doc.meta.title))
        });
        let home: Vec<HomeService> = services
            .into_iter()
            .take(HOME_SERVICES)
            .map(|e| {
                let m = &e.page.doc.meta;
                HomeService {
                    title: m.title.clone(),
                    url: e.site.url_of(&e.page.path),
                    site_title: e.site.title.clone(),
                    site_url: e.site.url.clone(),
                    updated: super::context::date_text(&m.updated_when.or(m.when)),
                }
            })
            .collect();
        ctx.insert("home_services", &home);
    }
}
