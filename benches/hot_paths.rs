//! Micro-benchmarks of the build's hot paths (divan), on the bundled example regency
//! (this repository's `domains.toml` and `content/`) and on a page shaped like those of
//! `examples/gen-corpus.rs` (about 2.5 KB of markdown: headings, a list, a table, code,
//! a quote, an in-site and a cross-site `@` link).
//!
//! cargo bench --bench hot_paths
//!
//! - `markdown`: [`laman::markdown::render`] of one page, and of every page of one site.
//! - `links`: [`laman::site::LinkIndex::resolve`] for each kind of `@` link.
//! - `templates`: the `pemda` theme's `page.html` and `section.html` through the
//!   compiled [`laman::render::Theme`], with a context like the one the build makes.
//! - `minify`: `minify_html` with the build's settings on a rendered page.
//! - `render_site`: [`laman::render::render`] of one whole site (markdown, templates,
//!   minification): the nearest public entry point to the per-page work of a build.

use divan::{black_box, Bencher};
use laman::content::{self, Doc, LoadOptions};
use laman::markdown::{self, HtmlPolicy};
use laman::render::{self, RenderOptions, Theme};
use laman::site::{Model, UrlStyle};
use serde_json::json;
use std::path::Path;
use std::sync::LazyLock;

fn main() {
    divan::main();
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled example regency, loaded as the build loads it.
static MODEL: LazyLock<Model> = LazyLock::new(|| {
    let registry = laman::registry::Registry::load(root()).expect("a readable, valid domains.toml");
    let (dirs, _) = content::discover(root(), &registry).expect("list content/");
    let contents = dirs
        .iter()
        .map(|d| {
            content::load_site(
                root(),
                d,
                LoadOptions {
                    drafts: false,
                    lazy: false,
                },
            )
            .0
        })
        .collect();
    Model::new(registry, UrlStyle::Https, contents)
});

/// The site the per-page benchmarks render in.
const SITE: &str = "dinkes";

/// A page as `gen-corpus` writes them (fixed text, so every run renders the same bytes).
fn typical_body() -> String {
    let words = "pelayanan masyarakat kabupaten kesehatan pendidikan pembangunan desa program \
                 kegiatan anggaran informasi publik perangkat daerah warga sekolah";
    let mut b = format!(
        "\n{words}. Lihat [halaman terkait](@/profil/visi-misi.md) dan [situs lain](@portal/_index.md).\n\n"
    );
    for k in 0..5 {
        b.push_str(&format!(
            "## Bagian {k} {}\n\n{words} {words} {words} {words}.\n\n",
            &words[..20]
        ));
        match k % 4 {
            0 => {
                for _ in 0..4 {
                    b.push_str(&format!("- {}\n", &words[..45]));
                }
                b.push('\n');
            }
            1 => {
                b.push_str("| Uraian | Jumlah | Keterangan |\n|---|---:|---|\n");
                for i in 0..4 {
                    b.push_str(&format!(
                        "| {} | {} | {} |\n",
                        &words[..20],
                        i * 1250,
                        &words[20..50]
                    ));
                }
                b.push('\n');
            }
            2 => b.push_str("```\nsyarat = \"KTP dan KK\"\nwaktu = 3 hari\n```\n\n"),
            _ => b.push_str(&format!("> {words}\n\n")),
        }
    }
    b
}

static TYPICAL: LazyLock<Doc> = LazyLock::new(|| Doc {
    file: "content/dinkes/berita/halaman-1.md".into(),
    rel: "berita/halaman-1.md".into(),
    body: typical_body().into(),
    body_line: 5,
    ..Default::default()
});

fn render_md(label: &str, doc: &Doc) -> markdown::Rendered {
    let model = &*MODEL;
    let policy = HtmlPolicy::new(&[]);
    let resolve = |link: &str| model.links.resolve(label, link);
    let env = markdown::Env {
        site: label,
        resolve: &resolve,
        policy: &policy,
    };
    let mut findings = Vec::new();
    let r = markdown::render(doc, &env, &mut findings);
    assert!(findings.is_empty(), "{findings:?}");
    r
}

mod markdown_bench {
    use super::*;

    /// One generated-corpus page (about 2.5 KB of markdown).
    #[divan::bench(name = "markdown_typical_page")]
    fn typical_page(bencher: Bencher) {
        LazyLock::force(&MODEL);
        bencher
            .counter(divan::counter::BytesCount::of_str(
                &TYPICAL.body.get().unwrap(),
            ))
            .bench(|| render_md(SITE, black_box(&TYPICAL)));
    }

    /// Every section and page of one example site, one after the other.
    #[divan::bench(name = "markdown_example_site")]
    fn example_site(bencher: Bencher) {
        let site = MODEL.site(SITE).expect("the example has dinkes");
        let docs: Vec<&Doc> = site.content.docs().collect();
        bencher
            .counter(divan::counter::ItemsCount::new(docs.len()))
            .bench(|| {
                for d in &docs {
                    black_box(render_md(SITE, d));
                }
            });
    }
}

mod links {
    use super::*;

    const CASES: &[(&str, &str)] = &[
        ("in-site", "@/profil/visi-misi.md"),
        ("in-site with fragment", "@/profil/visi-misi.md#misi"),
        ("cross-site", "@portal/_index.md"),
        ("site root", "@dinsos"),
        ("slugified name", "@/Profil/Visi Misi.md"),
        ("missing (error)", "@/profil/tidak-ada.md"),
    ];

    #[divan::bench(args = CASES)]
    fn resolve(bencher: Bencher, case: &(&str, &str)) {
        let links = &MODEL.links;
        bencher.bench(|| black_box(links.resolve(black_box(SITE), black_box(case.1))));
    }
}

/// The context the build gives `page.html` and `section.html` (docs/templates.md),
/// filled from the example's dinkes site.
fn base_context() -> serde_json::Value {
    let site = MODEL.site(SITE).expect("dinkes");
    let menu: Vec<_> = site
        .content
        .sections
        .iter()
        .filter(|s| s.parent == Some(0))
        .map(|s| json!({"title": s.doc.meta.title, "url": site.url_of(&s.path), "active": false}))
        .collect();
    json!({
        "lang": "id",
        "regency": {
            "name": MODEL.registry.regency.name,
            "domain": "sukamajukab.go.id",
            "dinas": "Dinas Komunikasi dan Informatika",
            "portal_url": "https://sukamajukab.go.id/",
            "portal_title": MODEL.registry.portal.title,
        },
        "site": {
            "label": site.label, "fqdn": site.fqdn, "url": site.url, "title": site.title,
            "tagline": null, "owner": site.owner, "kind": "site", "is_portal": false,
            "decree": {"number": "555/012/KPTS/DISKOMINFO/2025", "date": "2025-03-01"},
            "contact": {"address": "Jl. Merdeka 1", "phone": "0260 123456",
                        "email": "dinkes@sukamajukab.go.id", "hours": "Senin-Jumat 08.00-16.00"},
            "links": {"ppid": site.url_of("/ppid/"), "pengaduan": null},
            "feed_url": site.url_of("/atom.xml"),
            "menu": menu,
        },
        "serve": false,
        "current_path": "/berita/halaman-1/",
        "current_url": site.url_of("/berita/halaman-1/"),
        "breadcrumbs": [
            {"title": "Beranda", "url": site.url},
            {"title": "Berita", "url": site.url_of("/berita/")},
            {"title": "Halaman 1", "url": site.url_of("/berita/halaman-1/")},
        ],
    })
}

/// Renders a template of the compiled theme (whose type is not nameable outside laman).
type RenderFn = Box<dyn Fn(&str, &tera::Context) -> String + Send + Sync>;

struct Pages {
    templates: RenderFn,
    page: tera::Context,
    section: tera::Context,
    /// `page.html` rendered, not minified: the input of the minification benchmark.
    html: String,
}

static PAGES: LazyLock<Pages> = LazyLock::new(|| {
    let theme = Theme::load(root(), render::DEFAULT_THEME).expect("the pemda theme");
    let compiled = theme.compile(&[]).expect("the pemda theme compiles");
    let md = render_md(SITE, &TYPICAL);
    let mut page = base_context();
    page["page"] = json!({
        "title": "Vaksinasi campak untuk anak sekolah dasar", "description": "Jadwal dan syarat vaksinasi.",
        "date": "2025-06-12", "updated": null, "draft": false, "content": md.html,
        "summary": md.summary, "url": "https://dinkes.sukamajukab.go.id/berita/halaman-1/",
        "path": "/berita/halaman-1/", "tags": ["kesehatan", "anak"], "weight": null, "extra": {},
        "toc": md.toc, "reading_time": md.words.div_ceil(200),
    });
    let summaries: Vec<_> = (0..10)
        .map(|i| json!({
            "title": format!("Berita {i}"), "url": format!("https://dinkes.sukamajukab.go.id/berita/b-{i}/"),
            "date": "2025-06-12", "description": null, "summary": md.summary, "draft": false,
        }))
        .collect();
    let mut section = base_context();
    section["section"] = json!({
        "title": "Berita", "description": null, "content": "", "url": "https://dinkes.sukamajukab.go.id/berita/",
        "path": "/berita/", "extra": {}, "subsections": [], "pages": summaries,
    });
    section["paginator"] = json!({
        "pages": summaries, "current_index": 2, "total_pages": 5,
        "previous": "https://dinkes.sukamajukab.go.id/berita/", "next": "https://dinkes.sukamajukab.go.id/berita/halaman/3/",
        "first": "https://dinkes.sukamajukab.go.id/berita/", "last": "https://dinkes.sukamajukab.go.id/berita/halaman/5/",
    });
    let page = tera::Context::from_value(page).expect("an object");
    let section = tera::Context::from_value(section).expect("an object");
    let templates = move |name: &str, ctx: &tera::Context| {
        compiled.render(name, ctx).expect("the template renders")
    };
    let html = templates("page.html", &page);
    Pages {
        templates: Box::new(templates),
        page,
        section,
        html,
    }
});

mod templates {
    use super::*;

    #[divan::bench]
    fn page_html(bencher: Bencher) {
        let p = &*PAGES;
        bencher.bench(|| (p.templates)("page.html", black_box(&p.page)));
    }

    #[divan::bench]
    fn section_html(bencher: Bencher) {
        let p = &*PAGES;
        bencher.bench(|| (p.templates)("section.html", black_box(&p.section)));
    }

    /// What the build does before each render: clone the site's base context and
    /// insert the page's values (serde serialisation into tera's JSON values).
    #[divan::bench]
    fn context_clone(bencher: Bencher) {
        let p = &*PAGES;
        bencher.bench(|| black_box(p.page.clone()));
    }
}

mod minify {
    use super::*;

    /// The settings of `render::minify` in src/render/mod.rs.
    fn cfg() -> minify_html::Cfg {
        let mut cfg = minify_html::Cfg::new();
        cfg.keep_closing_tags = true;
        cfg.keep_html_and_head_opening_tags = true;
        cfg
    }

    #[divan::bench]
    fn minify_page(bencher: Bencher) {
        let html = PAGES.html.as_bytes();
        let cfg = cfg();
        bencher
            .counter(divan::counter::BytesCount::new(html.len()))
            .bench(|| minify_html::minify(black_box(html), &cfg));
    }
}

mod whole {
    use super::*;

    /// `render::render` of the example's dinkes site: every page, list, feed and
    /// sitemap, with minification (in parallel on the machine's cores, as in a build).
    #[divan::bench(sample_count = 20)]
    fn render_site(bencher: Bencher) {
        let model = &*MODEL;
        let only = |label: &str| label == SITE;
        let catalogue = laman::catalogue::Catalogue::assemble(model);
        bencher.bench(|| {
            render::render(
                root(),
                model,
                &catalogue,
                render::Scope {
                    selected: &only,
                    carried: None,
                },
                RenderOptions {
                    serve: false,
                    minify: true,
                },
                None,
            )
        });
    }
}
