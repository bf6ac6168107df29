//! A site's Atom feed, sitemap and robots.txt: the files every site has besides its
//! pages.
//!
//! It only lists these jobs with their contexts; the templates write the files.

use super::*;

#[derive(Serialize)]
struct SitemapEntry {
    url: String,
    lastmod: Option<String>,
}

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

impl SiteRenderer<'_> {
    pub(super) fn feed_and_sitemap(&self, base: &tera::Context) -> Vec<Job> {
        let mut jobs = self.sitemap_and_robots(base);
        jobs.extend(self.feed(base));
        jobs
    }

    /// `sitemap.xml` (every section and page, the directory and a made catalogue) and
    /// `robots.txt`, which names it.
    fn sitemap_and_robots(&self, base: &tera::Context) -> Vec<Job> {
        let site = self.site;
        let c = &site.content;
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
        vec![
            Job {
                path: crate::generated::SITEMAP.into(),
                template: "sitemap.xml".into(),
                origin: PathBuf::from("(sitemap.xml)"),
                context: Context::Ready(ctx.clone()),
            },
            Job {
                path: crate::generated::ROBOTS.into(),
                template: "robots.txt".into(),
                origin: PathBuf::from("(robots.txt)"),
                context: Context::Ready(ctx),
            },
        ]
    }

    /// `atom.xml`: the newest pages of the site's news section, if it has one.
    fn feed(&self, base: &tera::Context) -> Option<Job> {
        let site = self.site;
        let c = &site.content;
        let s = c.news_section()?;
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
            entries: pages.iter().map(|&i| self.feed_entry(i)).collect(),
        };
        let mut ctx = base.clone();
        ctx.insert("feed", &feed);
        Some(Job {
            path: crate::generated::FEED.into(),
            template: "atom.xml".into(),
            origin: PathBuf::from("(atom.xml)"),
            context: Context::Ready(ctx),
        })
    }

    /// Page `i` as an entry of the feed: its description, or else its summary.
    fn feed_entry(&self, i: usize) -> FeedEntry<'_> {
        let p = &self.site.content.pages[i];
        FeedEntry {
            title: &p.doc.meta.title,
            url: self.site.url_of(&p.path),
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
    }
}
