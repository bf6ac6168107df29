//! The markdown of a site's pages rendered for its templates, and the news that the
//! site's home page, its feed and the portal's front page list.

use super::*;

pub(super) fn theme_name(content: &SiteContent) -> &str {
    content.config.theme.as_deref().unwrap_or(DEFAULT_THEME)
}

/// Links to `#headings` of rendered pages that have no such heading, site by site in the
/// order of `docs` (links into sites neither rendered in this run nor in `carried`, the
/// heading ids of sites an incremental build does not render, cannot be checked and are
/// let through).
pub(super) fn missing_anchors(
    docs: &[(&Site, Docs)],
    carried: Option<&HashMap<String, Vec<String>>>,
) -> Vec<Vec<Finding>> {
    let mut ids: HashMap<String, &[String]> = HashMap::new();
    for (url, known) in carried.into_iter().flatten() {
        ids.insert(url.clone(), known);
    }
    for (site, d) in docs {
        let c = &site.content;
        for (section, r) in c.sections.iter().zip(&d.sections) {
            ids.insert(site.url_of(&section.path), &r.ids);
        }
        for (page, r) in c.pages.iter().zip(&d.pages) {
            ids.insert(site.url_of(&page.path), &r.ids);
        }
    }
    docs.iter()
        .map(|(_, d)| {
            d.sections
                .iter()
                .chain(&d.pages)
                .flat_map(|r| &r.anchors)
                .chain(&d.links.anchors)
                .filter(|a| {
                    ids.get(&a.page)
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
            body: m.text.clone(),
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

/// The news items of every rendered site, newest first.
pub(super) fn all_news(model: &Model, docs: &[(&Site, Docs)]) -> Vec<NewsItem> {
    // Every rendered site's news (a site's home shows its own); only published sites'
    // reach the portal (see `home_context`), so others are not rendered for it.
    let mut items: Vec<NewsItem> = docs
        .iter()
        .flat_map(|(site, d)| site_news(site, d))
        .collect();
    // Sites not rendered in this build (`--site`, or a preview rebuild) still feed the
    // portal's news: only its newest items are needed, so only their summaries are
    // rendered.
    let rendered: Vec<&str> = docs.iter().map(|(s, _)| s.label.as_str()).collect();
    let wanted = docs
        .iter()
        .find(|(s, _)| s.is_portal())
        .map_or(0, |(s, _)| {
            s.content.config.latest_news.unwrap_or(PORTAL_LATEST_NEWS)
        });
    let mut candidates: Vec<(&Site, usize)> = model
        .published()
        .filter(|s| !rendered.contains(&s.label.as_str()))
        .flat_map(|site| {
            site.content
                .news_section()
                .map(|s| site.content.sections[s].pages.clone())
                .unwrap_or_default()
                .into_iter()
                .map(move |i| (site, i))
        })
        .collect();
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
    items.extend(
        candidates
            .par_iter()
            .map(|&(site, i)| {
                let rendered = render_one(model, site, &site.content.pages[i].doc);
                news_item(site, i, &rendered)
            })
            .collect::<Vec<_>>(),
    );
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

pub(super) fn site_news(site: &Site, docs: &Docs) -> Vec<NewsItem> {
    let Some(s) = site.content.news_section() else {
        return Vec::new();
    };
    site.content.sections[s]
        .pages
        .iter()
        .map(|&i| news_item(site, i, &docs.pages[i]))
        .collect()
}

pub(super) fn news_item(site: &Site, i: usize, rendered: &markdown::Rendered) -> NewsItem {
    let page = &site.content.pages[i];
    NewsItem {
        title: page.doc.meta.title.clone(),
        url: site.url_of(&page.path),
        date: date_text(&page.doc.meta.when),
        description: page.doc.meta.description.clone(),
        summary: rendered.summary.clone(),
        site_title: site.title.clone(),
        site_url: site.url.clone(),
        image: super::picture::picture(site, &page.path, rendered.image.as_ref()),
        when: page.doc.meta.when,
        label: site.label.clone(),
    }
}
