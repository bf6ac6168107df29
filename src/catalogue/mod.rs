//! The regency's public-service catalogue and its Daftar Informasi Publik, assembled from
//! the pages of every site once the model is known, and the checks that need the whole
//! regency or the build's date: a topic the regency does not know, a *berkala* item not
//! renewed within six months, a PPID link that goes nowhere.
//!
//! Pure: it reads the model, never a file or the clock (the date is given). Rendering
//! (`render`) lays the catalogue out; [`records`] is its open-data shape, which
//! the portal publishes and the Dinas's report reads.

pub mod records;

use crate::content::ppid::{Class, Item, Scope};
use crate::content::service::Service;
use crate::content::{Doc, Page};
use crate::finding::{Code, Finding};
use crate::markdown::url_allowed;
use crate::registry::Status;
use crate::site::{Model, Site, Unresolved};
use jiff::civil::Date;
use jiff::ToSpan;
use std::collections::BTreeMap;

/// The topics every regency has; a regency adds its own in the portal's settings.
pub const TOPICS: [(&str, &str); 16] = [
    ("kependudukan", "Administrasi Kependudukan"),
    ("kesehatan", "Kesehatan"),
    ("pendidikan", "Pendidikan"),
    ("perizinan", "Perizinan dan Penanaman Modal"),
    ("sosial", "Sosial"),
    ("ketenagakerjaan", "Ketenagakerjaan"),
    ("perhubungan", "Perhubungan"),
    ("pekerjaan-umum", "Pekerjaan Umum dan Penataan Ruang"),
    ("lingkungan", "Lingkungan Hidup"),
    ("pertanian", "Pertanian dan Pangan"),
    ("pariwisata", "Pariwisata dan Kebudayaan"),
    ("usaha", "Koperasi dan Usaha Kecil"),
    ("pajak", "Pajak dan Retribusi Daerah"),
    ("kepegawaian", "Kepegawaian"),
    ("informasi", "Informasi dan Komunikasi"),
    ("pemerintahan", "Administrasi Pemerintahan"),
];

/// The oldest renewal date a *berkala* item may have on `as_of` without being overdue.
pub fn oldest_renewal(as_of: Date) -> Date {
    as_of
        .checked_sub(BERKALA_MONTHS.months())
        .unwrap_or(Date::MIN)
}

/// Whether an item is *berkala* and overdue on the day `oldest_renewal` was taken for:
/// renewed before it, or never dated.
pub fn overdue(item: &Item, oldest: Date) -> bool {
    item.class == Class::Berkala && item.renewed.is_none_or(|d| d < oldest)
}

/// How long *berkala* information may go without being renewed (UU 14/2008 Pasal 9
/// ayat 3: at least every six months).
pub const BERKALA_MONTHS: i64 = 6;

/// One service of one site.
pub struct ServiceEntry<'m> {
    pub site: &'m Site,
    pub page: &'m Page,
    pub service: &'m Service,
}

/// One piece of public information, with the page that declares it.
pub struct InfoEntry<'m> {
    pub site: &'m Site,
    pub doc: &'m Doc,
    /// The URL path of the declaring page inside its site.
    pub path: &'m str,
    pub item: &'m Item,
    /// `tautan` resolved once: an absolute address, or why it cannot be one (the check
    /// reports it); `None` when the item has none.
    pub link: Option<std::result::Result<String, (Code, String)>>,
    /// The `tautan` names a site that is not published: its status and the warning's
    /// message. `link` then holds the address only for a suspended site (its server
    /// answers with the Dinas's notice), and nothing otherwise.
    pub link_note: Option<(Status, String)>,
}

/// Every service and every piece of public information of the sites read, published or
/// not (all are checked); what other sites show is only the published ones'
/// ([`Catalogue::published_services`], [`Catalogue::info_of`]).
pub struct Catalogue<'m> {
    /// Topic word → name: the standard list and the regency's additions.
    pub topics: BTreeMap<String, String>,
    /// By site (the model's order), then by title.
    pub services: Vec<ServiceEntry<'m>>,
    /// By site, then by page, in the order written.
    pub info: Vec<InfoEntry<'m>>,
    /// The catalogue's section path on the portal: `/layanan/`.
    pub path: String,
    /// The `@` links of the regency, to write the components' links out in open data.
    pub links: &'m crate::site::LinkIndex,
}

impl<'m> Catalogue<'m> {
    pub fn assemble(model: &'m Model) -> Catalogue<'m> {
        let portal = model.sites.iter().find(|s| s.is_portal());
        let settings = portal.map(|p| &p.content.config.services);
        let mut topics: BTreeMap<String, String> = TOPICS
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        if let Some(s) = settings {
            topics.extend(
                s.topics
                    .iter()
                    .map(|(k, v)| (k.clone(), v.trim().to_string())),
            );
        }
        let path = format!("/{}/", settings.map_or("layanan", |s| s.catalogue()));
        let mut services = Vec::new();
        let mut info = Vec::new();
        for site in &model.sites {
            let c = &site.content;
            let mut own: Vec<ServiceEntry> = c
                .pages
                .iter()
                .filter_map(|page| {
                    let service = page.doc.meta.service.as_deref()?;
                    Some(ServiceEntry {
                        site,
                        page,
                        service,
                    })
                })
                .collect();
            own.sort_by(|a, b| a.page.doc.meta.title.cmp(&b.page.doc.meta.title));
            services.extend(own);
            let docs = c
                .sections
                .iter()
                .map(|s| (&s.doc, s.path.as_str()))
                .chain(c.pages.iter().map(|p| (&p.doc, p.path.as_str())));
            for (doc, path) in docs {
                let Some(ppid) = doc.meta.public_info.as_deref() else {
                    continue;
                };
                info.extend(ppid.items.iter().map(|item| {
                    let resolved = item.link.as_deref().map(|l| resolve(model, site, l));
                    let (link, link_note) = match resolved {
                        Some(Resolved::Unpublished(url, note)) => (url.map(Ok), Some(note)),
                        Some(Resolved::Done(r)) => (Some(r), None),
                        None => (None, None),
                    };
                    InfoEntry {
                        site,
                        doc,
                        path,
                        item,
                        link,
                        link_note,
                    }
                }));
            }
        }
        Catalogue {
            topics,
            services,
            info,
            path,
            links: &model.links,
        }
    }

    /// A service's topic as open data and pages show it: its word and its name.
    pub fn topic_of(&self, service: &Service) -> records::Topik {
        let kode = service.topic.clone().unwrap_or_default();
        records::Topik {
            nama: self.topic_name(&kode).to_string(),
            kode,
        }
    }

    /// The name of a topic, or the word itself when the regency does not know it (the
    /// check reports that).
    pub fn topic_name<'a>(&'a self, key: &'a str) -> &'a str {
        self.topics.get(key).map_or(key, String::as_str)
    }

    /// Markdown with its `@` links written out as addresses (`[PPID](@/ppid.md)` →
    /// `[PPID](https://.../ppid/)`), for readers outside the regency's sites. A link
    /// that does not resolve is left as written (the page's check reports it).
    pub fn absolute(&self, site: &Site, markdown: &str) -> String {
        let mut out = String::with_capacity(markdown.len());
        let mut rest = markdown;
        while let Some(i) = rest.find("](@") {
            out.push_str(&rest[..i + 2]);
            rest = &rest[i + 2..];
            let end = rest.find([')', ' ']).unwrap_or(rest.len());
            match self.links.resolve(&site.label, &rest[..end]) {
                Ok(url) | Err(Unresolved::Unpublished { url: Some(url), .. }) => out.push_str(&url),
                // A site not published that answers nothing: the text alone, as on the
                // page (`[text](@x)` → `text`, `![alt](@x)` → `alt`).
                Err(Unresolved::Unpublished { url: None, .. }) => {
                    out.truncate(out.len() - 2);
                    if let Some(open) = out.rfind('[') {
                        let bang = out[..open].ends_with('!');
                        out.remove(open);
                        if bang {
                            out.remove(open - 1);
                        }
                    }
                    let close = rest.find(')').map_or(rest.len(), |c| c + 1);
                    rest = &rest[close..];
                    continue;
                }
                Err(_) => out.push_str(&rest[..end]),
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }

    /// The public information of one site (published or not: its own pages show it),
    /// or of every published site (the regency's list).
    pub fn info_of<'a>(&'a self, site: Option<&'a str>) -> impl Iterator<Item = &'a InfoEntry<'m>> {
        self.info.iter().filter(move |e| match site {
            Some(l) => e.site.label == l,
            None => e.site.published(),
        })
    }

    /// The services of every published site: what the portal's catalogue and open
    /// data list. `services` also holds those of sites not published, for the check.
    pub fn published_services(&self) -> impl Iterator<Item = &ServiceEntry<'m>> {
        self.services.iter().filter(|e| e.site.published())
    }
}

/// A PPID item's `tautan`, resolved.
enum Resolved {
    /// An address, or why there is none.
    Done(Result<String, (Code, String)>),
    /// It names a site that is not published: the address where one is kept, the
    /// site's status and the warning's message.
    Unpublished(Option<String>, (Status, String)),
}

/// A PPID item's `tautan` as an absolute address: an `@` link resolved like a markdown
/// link (one into a site that is not published is a `content.link.unpublished`
/// warning, kept only where that site still answers), or an address with a safe scheme.
fn resolve(model: &Model, site: &Site, link: &str) -> Resolved {
    let link = link.trim();
    Resolved::Done(if link.starts_with('@') {
        match model.links.resolve(&site.label, link) {
            Ok(url) => Ok(url),
            Err(Unresolved::Broken(why, _)) => Err((Code::ContentLinkBroken, why)),
            Err(Unresolved::Unpublished { label, status, url }) => {
                let why = Unresolved::Unpublished {
                    label,
                    status,
                    url: None,
                };
                return Resolved::Unpublished(url, (status, why.message(link)));
            }
        }
    } else if url_allowed(link) && !link.starts_with("//") && !link.chars().any(char::is_control) {
        Ok(link.to_string())
    } else {
        Err((
            Code::ContentHtmlUnsafe,
            crate::msg!("catalogue-link-not-allowed", link = link),
        ))
    })
}

/// The findings that need the whole regency or the date: unknown topics, *berkala* items
/// overdue on `as_of`, a regency-wide list outside the portal, PPID links that go
/// nowhere.
pub fn check(model: &Model, catalogue: &Catalogue, as_of: Date) -> Vec<Finding> {
    let mut findings = unknown_topics(catalogue);
    let oldest = oldest_renewal(as_of);
    // Item by item, so that each item's findings stay together.
    for e in &catalogue.info {
        findings.extend(stale(e, oldest, as_of));
        findings.extend(unusable_link(e));
    }
    findings.extend(regency_lists_outside_portal(model));
    findings.extend(catalogue_over_a_list(model, catalogue));
    findings
}

/// The catalogue takes the place of the portal section at its path (whose own pages it
/// still lists below it): refused when that section is the news or a Daftar Informasi
/// Publik, which would silently disappear from the portal.
fn catalogue_over_a_list(model: &Model, catalogue: &Catalogue) -> Option<Finding> {
    let portal = model.sites.iter().find(|s| s.is_portal())?;
    let c = &portal.content;
    let at = c.sections.iter().position(|s| s.path == catalogue.path)?;
    let section = &c.sections[at];
    let what = if c.news_section() == Some(at) {
        "news"
    } else if section.doc.meta.public_info.is_some() {
        "ppid"
    } else {
        return None;
    };
    let written = c.config.services.catalogue.as_ref();
    let f = Finding::new(
        Code::ContentSiteConfig,
        crate::msg!(
            "catalogue-over-list",
            what = what,
            path = catalogue.path.as_str()
        ),
    )
    .site(&portal.label)
    .help(crate::msg!("catalogue-over-list-help"));
    Some(match written {
        Some(w) => f.at(c.dir.join(crate::content::SITE_CONFIG_FILE), w.line),
        None => f.at(&section.doc.file, 1),
    })
}

/// Services whose topic is neither a standard topic nor one of the regency's.
fn unknown_topics(catalogue: &Catalogue) -> Vec<Finding> {
    let mut findings = Vec::new();
    for e in &catalogue.services {
        let Some(topic) = &e.service.topic else {
            continue;
        };
        if !catalogue.topics.contains_key(topic) {
            let known: Vec<&str> = catalogue.topics.keys().map(String::as_str).collect();
            let help = match crate::finding::closest(topic, known.iter().copied()) {
                Some(k) => crate::msg!("catalogue-topic-near", near = k, known = known.join(", ")),
                None => crate::msg!("catalogue-topic-help", known = known.join(", ")),
            };
            findings.push(
                Finding::new(
                    Code::ContentFrontmatterField,
                    crate::msg!("catalogue-topic", topic = topic.as_str()),
                )
                .at(&e.page.doc.file, e.service.topic_line)
                .site(&e.site.label)
                .help(help),
            );
        }
    }
    findings
}

/// A finding placed at the item's line.
fn at_item(e: &InfoEntry, f: Finding) -> Finding {
    f.at(&e.doc.file, e.item.line).site(&e.site.label)
}

/// A *berkala* item last renewed before `oldest`, or without the date it was renewed.
fn stale(e: &InfoEntry, oldest: Date, as_of: Date) -> Option<Finding> {
    if !overdue(e.item, oldest) {
        return None;
    }
    match e.item.renewed {
        Some(d) => Some(at_item(
            e,
            Finding::new(
                Code::ContentPpidStale,
                crate::msg!(
                    "ppid-stale",
                    title = e.item.title.as_str(),
                    date = d.to_string(),
                    months = BERKALA_MONTHS,
                    as_of = as_of.to_string()
                ),
            )
            .help(crate::msg!("ppid-stale-help")),
        )),
        None => Some(at_item(
            e,
            Finding::new(
                Code::ContentPpidStale,
                crate::msg!("ppid-undated", title = e.item.title.as_str()),
            )
            .help(crate::msg!("ppid-undated-help")),
        )),
    }
}

/// An item's `tautan` that resolves to no page, or is not an address to link to.
fn unusable_link(e: &InfoEntry) -> Option<Finding> {
    let (code, why, help) = match (&e.link, &e.link_note) {
        (_, Some((status, note))) => (
            Code::ContentLinkUnpublished,
            note,
            crate::msg!("link-unpublished-help", status = status.as_str()),
        ),
        (Some(Err((code, why))), _) => (*code, why, crate::msg!("ppid-link-help")),
        _ => return None,
    };
    Some(at_item(
        e,
        Finding::new(
            code,
            crate::msg!(
                "ppid-link",
                title = e.item.title.as_str(),
                why = why.as_str()
            ),
        )
        .help(help),
    ))
}

/// `daftar = "kabupaten"` on an OPD site: the whole regency's list is the portal's.
fn regency_lists_outside_portal(model: &Model) -> Vec<Finding> {
    let mut findings = Vec::new();
    for site in model.sites.iter().filter(|s| !s.is_portal()) {
        let c = &site.content;
        for doc in c.docs() {
            let Some(ppid) = doc.meta.public_info.as_deref() else {
                continue;
            };
            if ppid.list == Some(Scope::Regency) {
                findings.push(
                    Finding::new(
                        Code::ContentFrontmatterField,
                        crate::msg!("ppid-regency-list"),
                    )
                    .at(&doc.file, ppid.list_line)
                    .site(&site.label)
                    .help(crate::msg!("ppid-regency-list-help")),
                );
            }
        }
    }
    findings
}
