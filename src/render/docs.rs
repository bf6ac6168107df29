//! The markdown of a site's pages rendered for its templates, and the news that the
//! site's home page, its feed and the portal's front page list.

use super::picture::Pictures;
use super::*;

pub(super) fn theme_name(content: &SiteContent) -> &str {
    content.config.theme.as_deref().unwrap_or(DEFAULT_THEME)
}

/// What the cross-site check of `#heading` links needs of a rendered site, kept after
/// its rendered markdown is dropped: the heading ids of each section and page (by URL)
/// and its links to headings.
pub(super) struct Headings {
    pub(super) ids: Vec<(String, Vec<String>)>,
    anchors: Vec<markdown::Anchor>,
}

impl Headings {
    pub(super) fn of(site: &Site, d: &Docs) -> Headings {
        let c = &site.content;
        let sections = c.sections.iter().map(|s| &s.path).zip(&d.sections);
        let pages = c.pages.iter().map(|p| &p.path).zip(&d.pages);
        let ids = sections
            .chain(pages)
            .map(|(path, r)| (site.url_of(path), r.ids.clone()))
            .collect();
        let anchors = d
            .sections
            .iter()
            .chain(&d.pages)
            .flat_map(|r| &r.anchors)
            .chain(&d.links.anchors)
            .cloned()
            .collect();
        Headings { ids, anchors }
    }
}

/// One rendered site once its files went to the sink: the findings of its markdown (and
/// of the spam scan of its sources), its headings, and its output with the findings of
/// its templates (none when its theme could not be compiled).
pub(super) struct SiteDone {
    pub(super) markdown: Vec<Finding>,
    pub(super) headings: Headings,
    pub(super) output: Option<(SiteOutput, Vec<Finding>)>,
}

/// Links to `#headings` of rendered pages that have no such heading, site by site in the
/// order of `sites` (links into sites neither rendered in this run nor in `carried`, the
/// heading ids of sites an incremental build does not render, cannot be checked and are
/// let through).
pub(super) fn missing_anchors(
    sites: &[SiteDone],
    carried: Option<&HashMap<String, Vec<String>>>,
) -> Vec<Vec<Finding>> {
    let mut ids: HashMap<&str, &[String]> = HashMap::new();
    for (url, known) in carried.into_iter().flatten() {
        ids.insert(url, known);
    }
    for (url, known) in sites.iter().flat_map(|s| &s.headings.ids) {
        ids.insert(url, known);
    }
    sites
        .iter()
        .map(|s| {
            s.headings
                .anchors
                .iter()
                .filter(|a| {
                    ids.get(a.page.as_str())
                        .is_some_and(|known| known.binary_search(&a.id).is_err())
                })
                .map(|a| a.finding.clone())
                .collect()
        })
        .collect()
}

/// Rendered markdown of one site: `sections[i]` and `pages[i]` match the content's.
pub(super) struct Docs {
    pub(super) sections: Vec<markdown::Rendered>,
    pub(super) pages: Vec<markdown::Rendered>,
    /// The `[links]` of the site's settings, checked and resolved like markdown links.
    pub(super) links: SettingsLinks,
    /// The site's service pledge (`[services] maklumat`), as HTML.
    pub(super) maklumat: Option<String>,
    pub(super) findings: Vec<Finding>,
}

/// The footer links of a site's settings as written out, and their `#heading` anchors.
#[derive(Default)]
pub(super) struct SettingsLinks {
    pub(super) ppid: Option<String>,
    pub(super) pengaduan: Option<String>,
    pub(super) anchors: Vec<markdown::Anchor>,
}

/// Checks the `[links]` of a site's `_site.toml` with the rules of a markdown link
/// ([`markdown::check_link`]); findings name the settings file and the key's line.
pub(super) fn settings_links(
    site: &Site,
    env: &markdown::Env,
    findings: &mut Vec<Finding>,
) -> SettingsLinks {
    let file = site.content.dir.join(crate::content::SITE_CONFIG_FILE);
    let mut links = SettingsLinks::default();
    for (key, address) in site.content.config.links.all() {
        let report = |code, message: String, help: &str| {
            Finding::new(code, format!("[links] {key}: {message}"))
                .at(&file, address.line)
                .site(&site.label)
                .help(help)
        };
        // A link into a site that is not published and answers nothing: no footer link.
        let Some(url) = markdown::check_link(
            address.text.as_str().into(),
            env,
            &report,
            findings,
            &mut links.anchors,
        ) else {
            continue;
        };
        let url = url.into_string();
        match key {
            "ppid" => links.ppid = Some(url),
            _ => links.pengaduan = Some(url),
        }
    }
    links
}

/// Runs `work` with the markdown environment of a site (its link resolution and its
/// raw-HTML policy, built once).
pub(super) fn with_env<R>(model: &Model, site: &Site, work: impl FnOnce(&markdown::Env) -> R) -> R {
    let policy = HtmlPolicy::new(&site.content.config.embeds.iframe_hosts);
    let resolve = |link: &str| model.links.resolve(&site.label, link);
    work(&markdown::Env {
        site: &site.label,
        resolve: &resolve,
        policy: &policy,
    })
}

pub(super) fn render_markdown(model: &Model, site: &Site) -> Docs {
    with_env(model, site, |env| render_docs(site, env))
}

pub(super) fn render_docs(site: &Site, env: &markdown::Env) -> Docs {
    let run = |doc: &crate::content::Doc| {
        let mut f = Vec::new();
        let mut r = markdown::render(doc, env, &mut f);
        if let Some(service) = doc.meta.service.as_deref() {
            r.fields = public::render_parts(doc, service, env, &mut f);
            // The theme gives each component a heading that links may name.
            r.ids
                .extend(service.parts.iter().map(|p| public::component_id(p.key)));
            r.ids.sort();
        }
        (r, f)
    };
    let sections: Vec<_> = site
        .content
        .sections
        .par_iter()
        .map(|s| run(&s.doc))
        .collect();
    let pages: Vec<_> = site.content.pages.par_iter().map(|p| run(&p.doc)).collect();
    let mut findings = Vec::new();
    let mut unzip = |v: Vec<(markdown::Rendered, Vec<Finding>)>| {
        v.into_iter()
            .map(|(r, f)| {
                findings.extend(f);
                r
            })
            .collect::<Vec<_>>()
    };
    let sections = unzip(sections);
    let pages = unzip(pages);
    let links = settings_links(site, env, &mut findings);
    let maklumat = site.content.config.services.maklumat.as_ref().map(|m| {
        let piece = crate::content::Doc {
            file: site.content.dir.join(crate::content::SITE_CONFIG_FILE),
            body: m.text.as_str().into(),
            body_line: m.line,
            ..Default::default()
        };
        markdown::render(&piece, env, &mut findings).html
    });
    Docs {
        sections,
        pages,
        links,
        maklumat,
        findings,
    }
}

/// The newest news of the published sites, as many as the portal's front page shows
/// (none when the portal is not among `chosen`): only those items' summaries are
/// rendered, whichever sites this run renders.
pub(super) fn portal_news(model: &Model, chosen: &[&Site], pictures: &Pictures) -> Vec<NewsItem> {
    let Some(portal) = chosen.iter().find(|s| s.is_portal()) else {
        return Vec::new();
    };
    let wanted = portal
        .content
        .config
        .latest_news
        .unwrap_or(PORTAL_LATEST_NEWS);
    let mut candidates: Vec<(&Site, usize)> = model
        .published()
        .flat_map(|site| {
            site.content
                .news_section()
                .map(|s| site.content.sections[s].pages.clone())
                .unwrap_or_default()
                .into_iter()
                .map(move |i| (site, i))
        })
        .collect();
    // Newest first; among items of one date by site, then title (a stable sort, so
    // pages of one site with one title keep their section's order).
    let key = |(site, i): &(&Site, usize)| {
        let meta = &site.content.pages[*i].doc.meta;
        (
            std::cmp::Reverse(meta.when),
            site.label.clone(),
            meta.title.clone(),
        )
    };
    candidates.sort_by_cached_key(key);
    candidates.truncate(wanted);
    candidates
        .par_iter()
        .map(|&(site, i)| {
            let rendered = render_one(model, site, &site.content.pages[i].doc);
            news_item(site, i, &rendered, pictures)
        })
        .collect()
}

/// A site's own news, newest first (in the order of [`portal_news`]), for its home page.
pub(super) fn own_news(site: &Site, docs: &Docs, pictures: &Pictures) -> Vec<NewsItem> {
    let mut items = site_news(site, docs, pictures);
    items.sort_by(|a, b| {
        b.when
            .cmp(&a.when)
            .then_with(|| a.label.cmp(&b.label))
            .then_with(|| a.title.cmp(&b.title))
    });
    items
}

/// One document of a site rendered on its own (its findings belong to a site that is
/// not being rendered, and are dropped).
pub(super) fn render_one(
    model: &Model,
    site: &Site,
    doc: &crate::content::Doc,
) -> markdown::Rendered {
    with_env(model, site, |env| {
        markdown::render(doc, env, &mut Vec::new())
    })
}

fn site_news(site: &Site, docs: &Docs, pictures: &Pictures) -> Vec<NewsItem> {
    let Some(s) = site.content.news_section() else {
        return Vec::new();
    };
    site.content.sections[s]
        .pages
        .iter()
        .map(|&i| news_item(site, i, &docs.pages[i], pictures))
        .collect()
}

pub(super) fn news_item(
    site: &Site,
    i: usize,
    rendered: &markdown::Rendered,
    pictures: &Pictures,
) -> NewsItem {
    let page = &site.content.pages[i];
    NewsItem {
        title: page.doc.meta.title.clone(),
        url: site.url_of(&page.path),
        date: date_text(&page.doc.meta.when),
        description: page.doc.meta.description.clone(),
        summary: rendered.summary.clone(),
        site_title: site.title.clone(),
        site_url: site.url.clone(),
        image: super::picture::picture(site, &page.path, rendered.image.as_ref(), pictures),
        when: page.doc.meta.when,
        label: site.label.clone(),
    }
}
