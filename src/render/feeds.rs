//! A site's Atom feed, sitemap and robots.txt: the files every site has besides its
//! pages.

use super::*;

impl SiteRenderer<'_> {
    pub(super) fn feed_and_sitemap(&self, base: &tera::Context) -> Vec<Job> {
        let site = self.site;
        let c = &site.content;
        let mut jobs = Vec::new();
        #[derive(Serialize)]
        struct SitemapEntry {
            url: String,
            lastmod: Option<String>,
        }
        let lastmod = |m: &crate::content::FrontMatter| date_text(&m.updated_when.or(m.when));
        let mut entries: Vec<SitemapEntry> = c
            .sections
            .iter()
            .map(|s| SitemapEntry {
                url: site.url_of(&s.path),
                lastmod: lastmod(&s.doc.meta),
            })
            .collect();
        entries.extend(c.pages.iter().map(|p| SitemapEntry {
            url: site.url_of(&p.path),
            lastmod: lastmod(&p.doc.meta),
        }));
        if site.is_portal() {
            entries.push(SitemapEntry {
                url: site.url_of(DIRECTORY_PATH),
                lastmod: None,
            });
        }
        if let Some(path) = self.generated_catalogue() {
            entries.push(SitemapEntry {
                url: site.url_of(path),
                lastmod: None,
            });
        }
        let mut ctx = base.clone();
        ctx.insert("entries", &entries);
        jobs.push(Job {
            path: "sitemap.xml".into(),
            template: "sitemap.xml".into(),
            origin: PathBuf::from("(sitemap.xml)"),
            context: Context::Ready(ctx.clone()),
        });
        jobs.push(Job {
            path: "robots.txt".into(),
            template: "robots.txt".into(),
            origin: PathBuf::from("(robots.txt)"),
            context: Context::Ready(ctx),
        });

        if let Some(s) = news_section(c) {
            #[derive(Serialize)]
            struct FeedEntry<'a> {
                title: &'a str,
                url: String,
                date: Option<String>,
                updated: Option<String>,
                summary: &'a str,
                content: &'a str,
            }
            #[derive(Serialize)]
            struct Feed<'a> {
                title: String,
                url: String,
                feed_url: String,
                updated: Option<String>,
                entries: Vec<FeedEntry<'a>>,
            }
            let pages: Vec<usize> = c.sections[s]
                .pages
                .iter()
                .copied()
                .take(FEED_ENTRIES)
                .collect();
            let newest: Option<When> = pages
                .iter()
                .filter_map(|&i| {
                    c.pages[i]
                        .doc
                        .meta
                        .updated_when
                        .or(c.pages[i].doc.meta.when)
                })
                .max();
            let feed = Feed {
                title: format!("{} - {}", c.sections[s].doc.meta.title, site.title),
                url: site.url_of(&c.sections[s].path),
                feed_url: site.url_of("/atom.xml"),
                updated: date_text(&newest),
                entries: pages
                    .iter()
                    .map(|&i| {
                        let p = &c.pages[i];
                        FeedEntry {
                            title: &p.doc.meta.title,
                            url: site.url_of(&p.path),
                            date: date_text(&p.doc.meta.when),
                            updated: date_text(&p.doc.meta.updated_when.or(p.doc.meta.when)),
                            summary: p
                                .doc
                                .meta
                                .description
                                .as_deref()
                                .unwrap_or(&self.docs.pages[i].summary),
                            content: &self.docs.pages[i].html,
                        }
                    })
                    .collect(),
            };
            let mut ctx = base.clone();
            ctx.insert("feed", &feed);
            jobs.push(Job {
                path: "atom.xml".into(),
                template: "atom.xml".into(),
                origin: PathBuf::from("(atom.xml)"),
                context: Context::Ready(ctx),
            });
        }
        jobs
    }
}
