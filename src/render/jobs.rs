//! The list of files a site's templates render: its pages, sections with their
//! pagination, the portal's directory, and the files of `feeds`.

use super::*;

impl SiteRenderer<'_> {
    pub(super) fn jobs(&self, base: &tera::Context, findings: &mut Vec<Finding>) -> Vec<Job> {
        let site = self.site;
        let c = &site.content;
        let mut jobs = Vec::new();
        let summaries: Vec<Summary> = c
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| summary(&p.doc, site.url_of(&p.path), &self.docs.pages[i]))
            .collect();

        for (i, section) in c.sections.iter().enumerate() {
            let is_root = i == 0;
            let is_catalogue = self.is_catalogue(&section.path);
            let default = match (is_root, site.is_portal()) {
                (true, true) => "portal.html",
                (true, false) => "index.html",
                _ if is_catalogue => "katalog.html",
                _ => "section.html",
            };
            let template = self.template_for(&section.doc, default, findings);
            let md = &self.docs.sections[i];
            let pages: Vec<Summary> = section
                .pages
                .iter()
                .map(|&p| summaries[p].clone())
                .collect();
            let per = match section.doc.meta.paginate_by {
                // The catalogue is one page: it lists every service, whatever the section holds.
                _ if is_root || is_catalogue => 0,
                Some(n) => n,
                None => DEFAULT_PAGINATE_BY,
            };
            let chunks: Vec<Vec<Summary>> = if per == 0 || pages.is_empty() {
                vec![pages]
            } else {
                pages.chunks(per).map(<[Summary]>::to_vec).collect()
            };
            let total = chunks.len();
            let page_url = |k: usize| {
                if k == 1 {
                    site.url_of(&section.path)
                } else {
                    site.url_of(&format!("{}{PAGINATION_DIR}/{k}/", section.path))
                }
            };
            for (k, chunk) in chunks.into_iter().enumerate() {
                let k = k + 1;
                let path = if k == 1 {
                    section.path.clone()
                } else {
                    format!("{}{PAGINATION_DIR}/{k}/", section.path)
                };
                let crumbs = if is_root {
                    Vec::new()
                } else {
                    breadcrumbs(site, Some(i), None)
                };
                let mut ctx = self.with_current(base, &path, crumbs);
                ctx.insert(
                    "section",
                    &SectionCtx {
                        title: &section.doc.meta.title,
                        description: section.doc.meta.description.as_deref(),
                        content: &md.html,
                        url: site.url_of(&section.path),
                        path: &section.path,
                        extra: &section.doc.meta.extra,
                        subsections: subsections(site, section),
                        // All pages on every list page would make pagination quadratic.
                        pages: &chunk,
                        ppid: self.ppid_context(&section.doc),
                    },
                );
                if is_catalogue {
                    let title = &section.doc.meta.title;
                    ctx.insert("katalog", &self.catalogue_context(title, &md.html));
                }
                ctx.insert(
                    "paginator",
                    &Paginator {
                        pages: &chunk,
                        current_index: k,
                        total_pages: total,
                        previous: (k > 1).then(|| page_url(k - 1)),
                        next: (k < total).then(|| page_url(k + 1)),
                        first: page_url(1),
                        last: page_url(total),
                    },
                );
                if is_root {
                    self.home_context(&mut ctx);
                }
                jobs.push(Job {
                    path: index_path(&path),
                    template: template.clone(),
                    origin: section.doc.file.clone(),
                    context: Context::Ready(ctx),
                });
            }
        }

        for (i, page) in c.pages.iter().enumerate() {
            let default = match page.doc.meta.service {
                Some(_) if self.templates.has(SERVICE_TEMPLATE) => SERVICE_TEMPLATE,
                _ => "page.html",
            };
            let template = self.template_for(&page.doc, default, findings);
            jobs.push(Job {
                path: index_path(&page.path),
                template,
                origin: page.doc.file.clone(),
                context: Context::Page(i),
            });
        }

        if site.is_portal() {
            let crumb = Crumb {
                title: "Direktori Perangkat Daerah".into(),
                url: site.url_of(DIRECTORY_PATH),
            };
            let mut ctx =
                self.with_current(base, DIRECTORY_PATH, breadcrumbs(site, None, Some(crumb)));
            ctx.insert("directory", &directory(self.model));
            jobs.push(Job {
                path: index_path(DIRECTORY_PATH),
                template: "direktori.html".into(),
                origin: PathBuf::from("(direktori)"),
                context: Context::Ready(ctx),
            });
        }
        if let Some(path) = self.generated_catalogue() {
            let crumb = Crumb {
                title: CATALOGUE_TITLE.into(),
                url: site.url_of(path),
            };
            let mut ctx = self.with_current(base, path, breadcrumbs(site, None, Some(crumb)));
            ctx.insert("katalog", &self.catalogue_context(CATALOGUE_TITLE, ""));
            jobs.push(Job {
                path: index_path(path),
                template: "katalog.html".into(),
                origin: PathBuf::from("(katalog)"),
                context: Context::Ready(ctx),
            });
        }
        let mut ctx = self.with_current(base, "/404.html", Vec::new());
        ctx.insert("current_url", &site.url_of("/404.html"));
        jobs.push(Job {
            path: "404.html".into(),
            template: "404.html".into(),
            origin: PathBuf::from("(404.html)"),
            context: Context::Ready(ctx),
        });
        jobs.extend(self.feed_and_sitemap(base));
        jobs
    }
}

/// The template a service page gets unless its front matter names another.
const SERVICE_TEMPLATE: &str = "layanan.html";

/// The title of the catalogue page when the portal has no section of its own there.
const CATALOGUE_TITLE: &str = "Katalog Layanan Publik";

impl SiteRenderer<'_> {
    /// Whether the section at `path` is the portal's service catalogue.
    fn is_catalogue(&self, path: &str) -> bool {
        self.site.is_portal() && path == self.catalogue.path && self.templates.has("katalog.html")
    }

    /// The catalogue's path when the portal has no section there, so laman makes the page
    /// (once the regency has a service to list).
    pub(super) fn generated_catalogue(&self) -> Option<&str> {
        let path = self.catalogue.path.as_str();
        let has_section = self.site.content.sections.iter().any(|s| s.path == path);
        let wanted = !has_section && !self.catalogue.services.is_empty();
        (self.site.is_portal() && wanted && self.templates.has("katalog.html")).then_some(path)
    }
}
