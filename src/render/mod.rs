//! Rendering: from the resolved model to the files of each site, in memory.
//!
//! For every selected site: markdown of each section and page (in parallel), then the
//! templates of the site's theme, then minification. What comes out is a list of
//! [`OutputFile`]s per site; writing them is the sink's business (`output` for
//! a build, the preview server for `serve`).

mod assets;
mod bounds;
mod compile;
mod context;
mod docs;
mod feeds;
mod filters;
mod guidance;
mod home;
mod jobs;
mod minified;
mod picture;
mod place;
mod public;
mod scope;
mod spam;
mod theme;

pub(crate) use filters::register as register_filters;
pub use filters::tanggal_of;
pub use scope::{Across, Carried, Marks, Scope};
pub use theme::{StaticFile, Theme, DEFAULT_THEME};

use crate::catalogue::Catalogue;
use crate::content::{SiteContent, When};
use crate::finding::{Code, Finding};
use crate::generated::{DIRECTORY_PATH, INDEX_DIR, INDEX_SCRIPT};
use crate::markdown::{self, HtmlPolicy};
use crate::site::{Model, Site};
use context::*;
use docs::*;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The bytes of one output file, or where to copy them from.
#[derive(Debug, Clone)]
pub enum Body {
    Bytes(Vec<u8>),
    /// A file of the repository, read through [`crate::input`] when it is written.
    Copy(crate::input::Source),
    Embedded(&'static [u8]),
}

#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path inside the site's folder, no leading slash: `berita/x/index.html`.
    pub path: String,
    pub body: Body,
}

/// Everything one site publishes.
#[derive(Debug)]
pub struct SiteOutput {
    pub label: String,
    pub fqdn: String,
    pub files: Vec<OutputFile>,
    /// Pages and sections rendered (for the summary).
    pub pages: usize,
}

/// How rendering behaves.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Preview mode: tells templates (`serve`), nothing else.
    pub serve: bool,
    /// Minify HTML (on for builds).
    pub minify: bool,
}

const DEFAULT_PAGINATE_BY: usize = 10;
const SITE_LATEST_NEWS: usize = 5;
const PORTAL_LATEST_NEWS: usize = 10;
const FEED_ENTRIES: usize = 20;
use crate::generated::PAGINATION_DIR;

/// Where each site that rendered without an error goes as soon as it is done, so that a
/// build never holds every page in memory (the staging folder of a build).
pub trait Sink: Sync {
    /// Takes a site. Ok(true): the sink has its files, which are then dropped from
    /// memory; Ok(false): not taken, kept in the output. An error ends the rendering.
    fn take(&self, taken: Taken<'_>) -> crate::error::Result<bool>;
}

/// A site handed to a [`Sink`]: its output, and the model it was rendered from.
#[derive(Clone, Copy)]
pub struct Taken<'a> {
    pub model: &'a Model,
    pub site: &'a Site,
    pub output: &'a SiteOutput,
}

/// Renders the sites that `scope` selects. Returns their outputs, every finding of the
/// markdown, template and output stages, and what the next incremental build needs.
pub fn render(
    root: &Path,
    model: &Model,
    catalogue: &Catalogue,
    scope: Scope,
    options: RenderOptions,
    sink: Option<&dyn Sink>,
) -> crate::error::Result<(Vec<SiteOutput>, Vec<Finding>, Across)> {
    let selected = scope.selected;
    // An incremental build compiles every site's templates, as a whole build does (what
    // they find is the regency's, and costs little).
    let compile = |label: &str| scope.carried.is_some() || selected(label);
    let mut findings = Vec::new();
    let themes = compile::load_themes(root, model);
    let compiled = compile::Compiled::new(model, &themes, &compile, &mut findings);
    if let Some(carried) = scope.carried {
        compiled.know_verdicts(&carried.faithful);
    }

    let guard = crate::integrity::spam::SpamGuard::of(&model.registry);
    let chosen: Vec<&Site> = model.sites.iter().filter(|s| selected(&s.label)).collect();
    let (known, sets, scanned) = scope::scan(&chosen, &guard, scope);
    let pictures = picture::Pictures::default();
    let portal_items = portal_news(model, &chosen, &pictures);

    // A site at a time per thread, from its markdown to its files in the sink: a site's
    // rendered markdown lives only while its pages are made, so a build never holds
    // every page's HTML at once. What the cross-site checks need (heading ids, links to
    // headings) is kept, and checked once every site is done.
    let done: Vec<SiteDone> = chosen
        .par_iter()
        .zip(scanned)
        .map(|(&site, scan)| {
            let mut d = render_markdown(model, site);
            d.findings.extend(scan);
            let statics = themes[theme_name(&site.content)]
                .as_ref()
                .ok()
                .map(|t| &t.statics);
            let output = match (compiled.templates_of(site), statics) {
                (Some(templates), Some(statics)) => {
                    let own = own_news(site, &d, &pictures);
                    let renderer = SiteRenderer {
                        model,
                        site,
                        docs: &d,
                        templates,
                        options,
                        news: if site.is_portal() {
                            &portal_items
                        } else {
                            &own
                        },
                        menu: Vec::new(),
                        catalogue,
                        guard: &guard,
                        known: &known,
                        pictures: &pictures,
                    };
                    renderer.into_output(statics, sink)?
                }
                _ => None,
            };
            Ok(SiteDone {
                headings: Headings::of(site, &d),
                markdown: d.findings,
                output,
            })
        })
        .collect::<crate::error::Result<_>>()?;
    let anchors = missing_anchors(&done, scope.carried.map(|c| &c.ids));
    let (rendered, mut across) = scope::gather(chosen, done, anchors, (known, sets), &mut findings);
    across.faithful = compiled.verdicts();
    Ok((rendered, findings, across))
}

/// Renders the files of one site.
struct SiteRenderer<'a> {
    model: &'a Model,
    site: &'a Site,
    docs: &'a Docs,
    templates: &'a theme::Templates,
    options: RenderOptions,
    news: &'a [NewsItem],
    menu: Vec<MenuItem>,
    catalogue: &'a Catalogue<'a>,
    /// The spam guard, and what the markdown of the build carries.
    guard: &'a crate::integrity::spam::SpamGuard,
    known: &'a spam::Known,
    /// What this run read of the list pictures' files.
    pictures: &'a picture::Pictures,
}

/// A rendered file, the source it came from (for collision messages) and what the spam
/// guard found in it that its sources do not explain.
type Rendered = (OutputFile, PathBuf, Option<spam::PageHits>);

/// One file to render: where, with which template, from which source, in what context.
struct Job {
    path: String,
    template: String,
    /// The source file, for collision messages.
    origin: PathBuf,
    context: Context,
}

/// A job's context, or what to build it from: a page's context is built just before it
/// is rendered, on whichever thread renders it, so that thousands of contexts are
/// neither built one after another nor held in memory all at once.
enum Context {
    Ready(tera::Context),
    Page(usize),
}

impl SiteRenderer<'_> {
    fn run(&self, theme_statics: &BTreeMap<String, StaticFile>) -> (SiteOutput, Vec<Finding>) {
        let mut findings = Vec::new();
        let site_static = self.site.content.dir.join("_static");
        let fingerprinted = assets::fingerprint(
            theme_statics,
            &self.site.content.assets,
            &site_static,
            &mut findings,
        );
        let base = self.base_context(&fingerprinted.names);
        let jobs = self.jobs(&base, &mut findings);
        let pages = jobs
            .iter()
            .filter(|j| j.path.ends_with("index.html"))
            .count();
        let rendered = self.render_jobs(&base, jobs);
        let mut spammed = Vec::new();

        let mut placed = place::Placed::with_theme(&self.site.label, theme_statics, &mut findings);
        placed.place_fingerprinted(fingerprinted.files);
        for asset in &self.site.content.assets {
            let overrides = asset.origin.starts_with(&site_static);
            let file = OutputFile {
                path: asset.dest.clone(),
                body: Body::Copy(asset.source.clone()),
            };
            placed.place(file, asset.origin.clone(), overrides, &mut findings);
        }
        for result in rendered {
            match result {
                Ok((file, origin, hits)) => {
                    spammed.extend(hits);
                    placed.place(file, origin, false, &mut findings)
                }
                Err(f) => findings.push(f),
            }
        }
        for alias in &self.site.content.aliases {
            if let Some(path) = alias.alias.file() {
                let url = self.site.url_of(&alias.target);
                let file = OutputFile {
                    path,
                    body: Body::Bytes(redirect_page(&url, &alias.title)),
                };
                placed.place(file, alias.file.clone(), false, &mut findings);
            }
        }
        findings.extend(spam::page_findings(
            self.guard,
            &self.site.label,
            self.templates,
            spammed,
        ));
        // After the pages, not beside them: the catalogue of every service of the
        // regency (megabytes of JSON) need not be held while they are.
        for (path, bytes) in self.open_data() {
            let origin = PathBuf::from(format!("({path})"));
            let file = OutputFile {
                path,
                body: Body::Bytes(bytes),
            };
            placed.place(file, origin, false, &mut findings);
        }
        (
            SiteOutput {
                label: self.site.label.clone(),
                fqdn: self.site.fqdn.clone(),
                files: placed.into_files(),
                pages,
            },
            findings,
        )
    }

    /// The portal's open-data files (none for another site).
    fn open_data(&self) -> Vec<(String, Vec<u8>)> {
        match self.site.is_portal() {
            true => crate::catalogue::records::open_data(self.model, self.catalogue, self.site),
            false => Vec::new(),
        }
    }

    /// What every template of the site sees; `assets` maps each theme file to the URL
    /// of its fingerprinted copy.
    fn base_context(&self, assets: &BTreeMap<String, String>) -> tera::Context {
        let site = self.site;
        let model = self.model;
        let cfg = &site.content.config;
        let mut contact = cfg.contact.clone();
        if contact.email.is_none() {
            contact.email = site.contact.clone();
        }
        let site_ctx = SiteCtx {
            label: &site.label,
            fqdn: &site.fqdn,
            url: &site.url,
            title: &site.title,
            tagline: cfg.tagline.as_deref(),
            owner: &site.owner,
            kind: site.kind.as_str(),
            is_portal: site.is_portal(),
            decree: decree(&site.decree),
            contact,
            links: LinksCtx {
                ppid: self.docs.links.ppid.clone(),
                pengaduan: self.docs.links.pengaduan.clone(),
            },
            feed_url: site
                .content
                .news_section()
                .map(|_| site.url_of("/atom.xml")),
            menu: self.menu.clone(),
        };
        let mut ctx = tera::Context::new();
        ctx.insert("lang", "id");
        ctx.insert("regency", &regency(model));
        ctx.insert("site", &site_ctx);
        ctx.insert("serve", &self.options.serve);
        ctx.insert("breadcrumbs", &Vec::<Crumb>::new());
        let urls: BTreeMap<&str, String> = assets
            .iter()
            .map(|(path, copy)| (path.as_str(), site.url_of(copy)))
            .collect();
        ctx.insert("assets", &urls);
        ctx
    }

    fn with_current(&self, base: &tera::Context, path: &str, crumbs: Vec<Crumb>) -> tera::Context {
        let mut ctx = base.clone();
        ctx.insert("current_path", path);
        ctx.insert("current_url", &self.site.url_of(path));
        ctx.insert("breadcrumbs", &crumbs);
        let menu: Vec<MenuItem> = menu_for(&self.menu, path);
        if let Some(tera::Value::Object(mut site)) = ctx.get("site").cloned() {
            site.insert(
                "menu".into(),
                serde_json::to_value(menu).unwrap_or_default(),
            );
            ctx.insert("site", &site);
        }
        ctx
    }

    /// Checks that a template named in front matter exists; falls back to the default.
    fn template_for(
        &self,
        doc: &crate::content::Doc,
        default: &str,
        findings: &mut Vec<Finding>,
    ) -> String {
        match &doc.meta.template {
            Some(t) if self.templates.has(t) => t.clone(),
            Some(t) => {
                let known: Vec<&str> = self
                    .templates
                    .names()
                    .filter(|n| n.ends_with(".html"))
                    .collect();
                findings.push(
                    Finding::new(
                        Code::ContentTemplate,
                        crate::msg!("template-unknown", name = t.as_str()),
                    )
                    .at(&doc.file, doc.meta.template_line)
                    .site(&self.site.label)
                    .help(crate::msg!(
                        "template-unknown-help",
                        known = known.join(", ")
                    )),
                );
                default.to_string()
            }
            None => default.to_string(),
        }
    }

    /// The context of page `i` of the site.
    fn page_context(&self, base: &tera::Context, i: usize) -> tera::Context {
        let site = self.site;
        let page = &site.content.pages[i];
        let md = &self.docs.pages[i];
        let crumb = Crumb {
            title: page.doc.meta.title.clone(),
            url: site.url_of(&page.path),
        };
        let mut ctx = self.with_current(
            base,
            &page.path,
            breadcrumbs(site, Some(page.section), Some(crumb)),
        );
        let m = &page.doc.meta;
        let content = guidance::with_guidance(&md.html, &md.guidance, m.draft, self.options.serve);
        ctx.insert(
            "page",
            &PageCtx {
                title: &m.title,
                description: m.description.as_deref(),
                date: date_text(&m.when),
                updated: date_text(&m.updated_when),
                draft: m.draft,
                content: &content,
                summary: &md.summary,
                url: site.url_of(&page.path),
                path: &page.path,
                tags: &m.tags,
                weight: m.weight,
                extra: &m.extra,
                toc: &md.toc,
                reading_time: md.words.div_ceil(200).max(1),
                layanan: self.service_context(i),
                ppid: self.ppid_context(&page.doc),
            },
        );
        ctx
    }

    fn home_context(&self, ctx: &mut tera::Context) {
        let site = self.site;
        let latest: Vec<NewsItem> = if site.is_portal() {
            let n = site
                .content
                .config
                .latest_news
                .unwrap_or(PORTAL_LATEST_NEWS);
            // Never the news of a site that is not published (prepared before its
            // decree, suspended, revoked): one site's status never shows on another.
            let published = |item: &&NewsItem| {
                self.model
                    .site(&item.label)
                    .is_some_and(crate::site::Site::published)
            };
            self.news
                .iter()
                .filter(published)
                .take(n)
                .cloned()
                .collect()
        } else {
            let n = site.content.config.latest_news.unwrap_or(SITE_LATEST_NEWS);
            self.news
                .iter()
                .filter(|item| item.label == site.label)
                .take(n)
                .cloned()
                .collect()
        };
        ctx.insert("latest_news", &latest);
        if site.is_portal() {
            ctx.insert("directory", &directory(self.model));
            self.portal_home(ctx);
        }
    }
}

/// The page written at an old address (an alias): it sends browsers on at once and
/// search engines to the canonical address, and is never indexed itself. It is the
/// renderer's, not the theme's: it shows nothing of the site and needs no template.
fn redirect_page(url: &str, title: &str) -> Vec<u8> {
    let (url, title) = (crate::html::escape(url), crate::html::escape(title));
    format!(
        "<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\"><title>Dipindahkan: {title}</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><link rel=\"canonical\" href=\"{url}\"><meta http-equiv=\"refresh\" content=\"0; url={url}\"></head><body><main><h1>Halaman ini telah dipindahkan</h1><p>Alamat barunya: <a href=\"{url}\">{title}</a></p></main></body></html>\n"
    )
    .into_bytes()
}

/// `/berita/x/` → `berita/x/index.html`.
fn index_path(path: &str) -> String {
    format!("{}index.html", path.trim_start_matches('/'))
}

fn minify(html: &[u8]) -> Vec<u8> {
    minify_html::minify(html, &minify_cfg())
}

/// How HTML is minified: end tags and the `html` and `head` opening tags are kept, for
/// readers and validators that want them.
fn minify_cfg() -> minify_html::Cfg {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg
}
