//! The values templates see (documented in docs/templates.md). Everything here is built
//! from the resolved model; nothing reads files.

use crate::content::{Contact, Doc, Section, When};
use crate::generated::DIRECTORY_PATH;
use crate::markdown::{self, Heading};
use crate::registry::{Kind, PORTAL_LABEL};
use crate::site::{Model, Site};
use serde::Serialize;
use serde_json::Value;

#[derive(Serialize)]
pub struct RegencyCtx<'a> {
    pub name: &'a str,
    pub domain: &'a str,
    pub dinas: &'a str,
    pub portal_url: String,
    pub portal_title: &'a str,
}

#[derive(Serialize, Clone)]
pub struct DecreeCtx {
    pub number: String,
    pub date: String,
}

#[derive(Serialize, Clone)]
pub struct MenuItem {
    pub title: String,
    pub url: String,
    #[serde(skip)]
    pub path: String,
    pub active: bool,
}

#[derive(Serialize)]
pub struct LinksCtx {
    pub ppid: Option<String>,
    pub pengaduan: Option<String>,
}

#[derive(Serialize)]
pub struct SiteCtx<'a> {
    pub label: &'a str,
    pub fqdn: &'a str,
    pub url: &'a str,
    pub title: &'a str,
    pub tagline: Option<&'a str>,
    pub owner: &'a str,
    pub kind: &'static str,
    pub is_portal: bool,
    pub decree: Option<DecreeCtx>,
    pub contact: Contact,
    pub links: LinksCtx,
    pub feed_url: Option<String>,
    pub menu: Vec<MenuItem>,
}

/// A page or section as an entry of a list.
#[derive(Serialize, Clone)]
pub struct Summary {
    pub title: String,
    pub url: String,
    pub date: Option<String>,
    pub description: Option<String>,
    pub summary: String,
    pub draft: bool,
    /// Its first image, shown beside it in lists.
    pub image: Option<super::picture::Picture>,
}

#[derive(Serialize)]
pub struct PageCtx<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub date: Option<String>,
    pub updated: Option<String>,
    pub draft: bool,
    pub content: &'a str,
    pub summary: &'a str,
    pub url: String,
    pub path: &'a str,
    pub tags: &'a [String],
    pub weight: Option<i64>,
    pub extra: &'a serde_json::Map<String, Value>,
    pub toc: &'a [Heading],
    pub reading_time: usize,
    /// The service standard of a service page.
    pub layanan: Option<super::public::LayananCtx>,
    /// The public information the page declares or lists.
    pub ppid: Option<super::public::PpidCtx>,
}

#[derive(Serialize)]
pub struct SubsectionCtx {
    pub title: String,
    pub url: String,
    pub description: Option<String>,
}

#[derive(Serialize)]
pub struct SectionCtx<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub content: &'a str,
    pub url: String,
    pub path: &'a str,
    pub extra: &'a serde_json::Map<String, Value>,
    pub subsections: Vec<SubsectionCtx>,
    pub pages: &'a [Summary],
    pub ppid: Option<super::public::PpidCtx>,
}

#[derive(Serialize)]
pub struct Paginator<'a> {
    pub pages: &'a [Summary],
    pub current_index: usize,
    pub total_pages: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub first: String,
    pub last: String,
}

#[derive(Serialize, Clone)]
pub struct Crumb {
    pub title: String,
    pub url: String,
}

#[derive(Serialize, Clone)]
pub struct NewsItem {
    pub title: String,
    pub url: String,
    pub date: Option<String>,
    pub description: Option<String>,
    pub summary: String,
    pub site_title: String,
    pub site_url: String,
    /// Its first image, shown beside it in lists.
    pub image: Option<super::picture::Picture>,
    #[serde(skip)]
    pub when: Option<When>,
    #[serde(skip)]
    pub label: String,
}

#[derive(Serialize)]
pub struct DirectoryEntry {
    pub label: String,
    pub owner: String,
    pub url: String,
    pub decree: Option<DecreeCtx>,
}

#[derive(Serialize)]
pub struct DirectoryGroup {
    pub kind: &'static str,
    pub title: &'static str,
    pub entries: Vec<DirectoryEntry>,
}

pub fn date_text(when: &Option<When>) -> Option<String> {
    when.map(|w| w.date.to_string())
}

pub fn regency(model: &Model) -> RegencyCtx<'_> {
    let r = &model.registry;
    RegencyCtx {
        name: &r.regency.name,
        domain: &r.regency.domain,
        dinas: &r.regency.dinas,
        portal_url: model.urls.base_url(r, PORTAL_LABEL),
        portal_title: &r.portal.title,
    }
}

pub fn decree(site_decree: &Option<crate::registry::Decree>) -> Option<DecreeCtx> {
    site_decree.as_ref().map(|d| DecreeCtx {
        number: d.number.clone(),
        date: d.date.to_string(),
    })
}

/// The main menu: Beranda, then the top-level sections and pages by weight and title
/// (and on the portal the service catalogue laman writes, `catalogue`, when no item
/// leads there already, and the OPD directory).
pub fn menu(site: &Site, catalogue: Option<&str>) -> Vec<MenuItem> {
    let c = &site.content;
    let root = &c.sections[0];
    let mut items: Vec<(i64, String, String)> = root
        .subsections
        .iter()
        .map(|&i| &c.sections[i].doc)
        .chain(root.pages.iter().map(|&i| &c.pages[i].doc))
        .zip(
            root.subsections
                .iter()
                .map(|&i| c.sections[i].path.clone())
                .chain(root.pages.iter().map(|&i| c.pages[i].path.clone())),
        )
        .filter(|(doc, _)| doc.meta.in_menu != Some(false))
        .map(|(doc, path)| {
            (
                doc.meta.weight.unwrap_or(i64::MAX),
                doc.meta.title.clone(),
                path,
            )
        })
        .collect();
    items.sort();
    let mut menu = vec![MenuItem {
        title: "Beranda".into(),
        url: site.url.clone(),
        path: "/".into(),
        active: false,
    }];
    menu.extend(items.into_iter().map(|(_, title, path)| MenuItem {
        url: site.url_of(&path),
        title,
        path,
        active: false,
    }));
    let listed = |path: &str| menu.iter().any(|m| m.path == path);
    if let Some(path) = catalogue.filter(|p| site.is_portal() && !listed(p)) {
        menu.push(MenuItem {
            title: "Layanan Publik".into(),
            url: site.url_of(path),
            path: path.into(),
            active: false,
        });
    }
    if site.is_portal() {
        menu.push(MenuItem {
            title: "Direktori OPD".into(),
            url: site.url_of(DIRECTORY_PATH),
            path: DIRECTORY_PATH.into(),
            active: false,
        });
    }
    menu
}

/// The menu with the item the current path lies in marked active.
pub fn menu_for(menu: &[MenuItem], current: &str) -> Vec<MenuItem> {
    let mut menu = menu.to_vec();
    let best = menu
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            if m.path == "/" {
                current == "/"
            } else {
                current.starts_with(&m.path)
            }
        })
        .max_by_key(|(_, m)| m.path.len())
        .map(|(i, _)| i);
    if let Some(i) = best {
        menu[i].active = true;
    }
    menu
}

/// A page of `site` at `path` as an entry of a list (its picture's file read once a run,
/// through `pictures`).
pub fn summary(
    site: &Site,
    doc: &Doc,
    path: &str,
    rendered: &markdown::Rendered,
    pictures: &super::picture::Pictures,
) -> Summary {
    Summary {
        title: doc.meta.title.clone(),
        url: site.url_of(path),
        date: date_text(&doc.meta.when),
        description: doc.meta.description.clone(),
        summary: rendered.summary.clone(),
        draft: doc.meta.draft,
        image: super::picture::picture(site, path, rendered.image.as_ref(), pictures),
    }
}

/// Breadcrumbs from the home page down to (and including) `section`, then `last`.
pub fn breadcrumbs(site: &Site, section: Option<usize>, last: Option<Crumb>) -> Vec<Crumb> {
    let sections = &site.content.sections;
    let mut chain = Vec::new();
    let mut s = section;
    while let Some(i) = s {
        if i != 0 {
            chain.push(Crumb {
                title: sections[i].doc.meta.title.clone(),
                url: site.url_of(&sections[i].path),
            });
        }
        s = sections[i].parent;
    }
    chain.reverse();
    chain.extend(last);
    if chain.is_empty() {
        return chain;
    }
    let mut crumbs = vec![Crumb {
        title: "Beranda".into(),
        url: site.url.clone(),
    }];
    crumbs.extend(chain);
    crumbs
}

pub fn subsections(site: &Site, section: &Section) -> Vec<SubsectionCtx> {
    section
        .subsections
        .iter()
        .map(|&i| {
            let s = &site.content.sections[i];
            SubsectionCtx {
                title: s.doc.meta.title.clone(),
                url: site.url_of(&s.path),
                description: s.doc.meta.description.clone(),
            }
        })
        .collect()
}

/// The OPD directory: approved subdomains grouped by kind, sorted by owner. Sites are
/// listed only when they are built (have content); services and apps always.
pub fn directory(model: &Model) -> Vec<DirectoryGroup> {
    [
        (Kind::Site, "Situs Perangkat Daerah"),
        (Kind::Service, "Layanan Publik"),
        (Kind::App, "Aplikasi"),
    ]
    .into_iter()
    .map(|(kind, title)| {
        let mut entries: Vec<DirectoryEntry> = model
            .registry
            .approved(kind)
            .filter(|s| kind != Kind::Site || model.site(&s.label).is_some())
            .map(|s| DirectoryEntry {
                label: s.label.clone(),
                owner: s.owner.clone(),
                url: model.urls.base_url(&model.registry, &s.label),
                decree: decree(&s.decree),
            })
            .collect();
        entries.sort_by(|a, b| a.owner.cmp(&b.owner).then(a.label.cmp(&b.label)));
        DirectoryGroup {
            kind: kind.as_str(),
            title,
            entries,
        }
    })
    .filter(|g| !g.entries.is_empty())
    .collect()
}
