//! The list of files a site's templates render: its pages, sections with their
//! pagination, the portal's directory, and the files of `feeds`.
//!
//! It only lists the jobs and builds the list pages' contexts; rendering them and
//! placing the files is [`SiteRenderer::run`]'s.

use super::*;

impl SiteRenderer<'_> {
    pub(super) fn jobs(&self, base: &tera::Context, findings: &mut Vec<Finding>) -> Vec<Job> {
        let site = self.site;
        let c = &site.content;
        // In parallel: a summary with a picture reads the picture's file (its size, the
        // hash that versions its address), the first time this run meets it.
        let summaries: Vec<Summary> = c
            .pages
            .par_iter()
            .enumerate()
            .map(|(i, p)| summary(site, &p.doc, &p.path, &self.docs.pages[i], self.pictures))
            .collect();
        let mut jobs = Vec::new();
        for i in 0..c.sections.len() {
            jobs.extend(self.section_jobs(base, i, &summaries, findings));
        }
        jobs.extend(self.page_jobs(findings));
        jobs.extend(self.directory_job(base));
        jobs.extend(self.catalogue_job(base));
        jobs.extend(self.search_job(base));
        let not_found = format!("/{}", crate::generated::NOT_FOUND);
        let mut ctx = self.with_current(base, &not_found, Vec::new());
        ctx.insert("current_url", &site.url_of(&not_found));
        jobs.push(Job {
            path: crate::generated::NOT_FOUND.into(),
            template: "404.html".into(),
            origin: PathBuf::from("(404.html)"),
            context: Context::Ready(ctx),
        });
        jobs.extend(self.feed_and_sitemap(base));
        jobs
    }

    /// The list pages of section `i`: one, or one per `paginate_by` pages (the home
    /// page is never paginated).
    fn section_jobs(
        &self,
        base: &tera::Context,
        i: usize,
        summaries: &[Summary],
        findings: &mut Vec<Finding>,
    ) -> Vec<Job> {
        let site = self.site;
        let section = &site.content.sections[i];
        let is_root = i == 0;
        let default = match (is_root, site.is_portal()) {
            (true, true) => "portal.html",
            (true, false) => "index.html",
            _ if self.is_catalogue(&section.path) => "katalog.html",
            _ => "section.html",
        };
        let template = self.template_for(&section.doc, default, findings);
        let pages: Vec<Summary> = section
            .pages
            .iter()
            .map(|&p| summaries[p].clone())
            .collect();
        let per = match section.doc.meta.paginate_by {
            // The catalogue is one page: it lists every service, whatever the section holds.
            _ if is_root || self.is_catalogue(&section.path) => 0,
            Some(n) => n,
            None => DEFAULT_PAGINATE_BY,
        };
        let chunks: Vec<Vec<Summary>> = if per == 0 || pages.is_empty() {
            vec![pages]
        } else {
            pages.chunks(per).map(<[Summary]>::to_vec).collect()
        };
        let total = chunks.len();
        let mut jobs = Vec::with_capacity(total);
        for (k, chunk) in chunks.into_iter().enumerate() {
            let k = k + 1;
            let ctx = self.list_page_context(base, i, &chunk, k, total);
            jobs.push(Job {
                path: index_path(&list_page_path(&section.path, k)),
                template: template.clone(),
                origin: section.doc.file.clone(),
                context: Context::Ready(ctx),
            });
        }
        jobs
    }

    /// The context of list page `k` of `total` of section `i`, which shows `chunk`.
    fn list_page_context(
        &self,
        base: &tera::Context,
        i: usize,
        chunk: &[Summary],
        k: usize,
        total: usize,
    ) -> tera::Context {
        let site = self.site;
        let section = &site.content.sections[i];
        let is_root = i == 0;
        let md = &self.docs.sections[i];
        let page_url = |k: usize| site.url_of(&list_page_path(&section.path, k));
        let crumbs = if is_root {
            Vec::new()
        } else {
            breadcrumbs(site, Some(i), None)
        };
        let mut ctx = self.with_current(base, &list_page_path(&section.path, k), crumbs);
        let content = super::guidance::with_guidance(
            &md.html,
            &md.guidance,
            section.doc.meta.draft,
            self.options.serve,
        );
        ctx.insert(
            "section",
            &SectionCtx {
                title: &section.doc.meta.title,
                description: section.doc.meta.description.as_deref(),
                content: &content,
                url: site.url_of(&section.path),
                path: &section.path,
                extra: &section.doc.meta.extra,
                subsections: subsections(site, section),
                // All pages on every list page would make pagination quadratic.
                pages: chunk,
                ppid: self.ppid_context(&section.doc),
            },
        );
        if self.is_catalogue(&section.path) {
            let title = &section.doc.meta.title;
            ctx.insert("katalog", &self.catalogue_context(title, &md.html));
        }
        ctx.insert(
            "paginator",
            &Paginator {
                pages: chunk,
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
        ctx
    }

    /// One job per page; a page's context is built when it is rendered.
    fn page_jobs(&self, findings: &mut Vec<Finding>) -> Vec<Job> {
        let mut jobs = Vec::new();
        for (i, page) in self.site.content.pages.iter().enumerate() {
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
        jobs
    }

    /// The portal's directory of the regency's sites.
    fn directory_job(&self, base: &tera::Context) -> Option<Job> {
        let site = self.site;
        if !site.is_portal() {
            return None;
        }
        let crumb = Crumb {
            title: "Direktori Perangkat Daerah".into(),
            url: site.url_of(DIRECTORY_PATH),
        };
        let mut ctx = self.with_current(base, DIRECTORY_PATH, breadcrumbs(site, None, Some(crumb)));
        ctx.insert("directory", &directory(self.model));
        Some(Job {
            path: index_path(DIRECTORY_PATH),
            template: "direktori.html".into(),
            origin: PathBuf::from("(direktori)"),
            context: Context::Ready(ctx),
        })
    }

    /// The search page of the site (when its theme has `cari.html`): the portal's
    /// searches the whole regency, an OPD site's only itself (see the `search` module).
    fn search_job(&self, base: &tera::Context) -> Option<Job> {
        let site = self.site;
        if !self.templates.has("cari.html") {
            return None;
        }
        let path = crate::generated::SEARCH_PATH;
        let crumb = Crumb {
            title: "Pencarian".into(),
            url: site.url_of(path),
        };
        let mut ctx = self.with_current(base, path, breadcrumbs(site, None, Some(crumb)));
        let portal = self
            .model
            .urls
            .base_url(&self.model.registry, crate::registry::PORTAL_LABEL);
        ctx.insert(
            "search",
            &serde_json::json!({
                "script": format!("{portal}{INDEX_DIR}/{INDEX_SCRIPT}"),
                "site": if site.is_portal() { "" } else { site.fqdn.as_str() },
                "directory_url": format!("{portal}{}", DIRECTORY_PATH.trim_start_matches('/')),
                "catalogue_url": format!("{portal}{}/", self.catalogue.path.trim_matches('/')),
            }),
        );
        Some(Job {
            path: index_path(path),
            template: "cari.html".into(),
            origin: PathBuf::from("(cari)"),
            context: Context::Ready(ctx),
        })
    }

    /// The catalogue page laman makes when the portal has no section there.
    fn catalogue_job(&self, base: &tera::Context) -> Option<Job> {
        let path = self.generated_catalogue()?;
        let crumb = Crumb {
            title: CATALOGUE_TITLE.into(),
            url: self.site.url_of(path),
        };
        let mut ctx = self.with_current(base, path, breadcrumbs(self.site, None, Some(crumb)));
        ctx.insert("katalog", &self.catalogue_context(CATALOGUE_TITLE, ""));
        Some(Job {
            path: index_path(path),
            template: "katalog.html".into(),
            origin: PathBuf::from("(katalog)"),
            context: Context::Ready(ctx),
        })
    }
}

/// The path of list page `k` of a section: the section's own for the first, then
/// `halaman/2/`, ...
fn list_page_path(section: &str, k: usize) -> String {
    if k == 1 {
        section.to_string()
    } else {
        format!("{section}{PAGINATION_DIR}/{k}/")
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
        let wanted = !has_section && self.catalogue.published_services().next().is_some();
        (self.site.is_portal() && wanted && self.templates.has("katalog.html")).then_some(path)
    }
}

impl SiteRenderer<'_> {
    /// Renders the site's files and hands them to `sink` when neither they nor the
    /// site's markdown have an error; the output (its files dropped once the sink took
    /// them) with the findings of its templates.
    pub(super) fn into_output(
        mut self,
        statics: &BTreeMap<String, StaticFile>,
        sink: Option<&dyn Sink>,
    ) -> crate::error::Result<Option<(SiteOutput, Vec<Finding>)>> {
        let generated = self.generated_catalogue().map(str::to_string);
        self.menu = menu(self.site, generated.as_deref());
        let (mut out, fs) = self.run(statics);
        let clean = !self.docs.findings.iter().chain(&fs).any(Finding::is_error);
        if let (true, Some(sink)) = (clean, sink) {
            let taken = super::Taken {
                model: self.model,
                site: self.site,
                output: &out,
            };
            if sink.take(taken)? {
                out.files = Vec::new();
            }
        }
        Ok(Some((out, fs)))
    }
}
