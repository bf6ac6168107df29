//! Rendering a site's jobs in parallel, minified for a build: with the theme's minified
//! templates where they give the very bytes minifying each page would (checked once per
//! template), else page by page. Each page is read by the spam guard as published.

use super::*;

impl SiteRenderer<'_> {
    /// Renders every job (in parallel), minified for a build: with the minified
    /// templates where they are faithful to minifying each page, else page by page.
    /// Each file comes with its source, for collision messages.
    pub(super) fn render_jobs(
        &self,
        base: &tera::Context,
        jobs: Vec<Job>,
    ) -> Vec<Result<Rendered, Finding>> {
        let premade = self.options.minify && self.minified_is_faithful(base, &jobs);
        jobs.into_par_iter()
            .map(|job| {
                let context = match job.context {
                    Context::Ready(c) => c,
                    Context::Page(i) => self.page_context(base, i),
                };
                let render = if premade {
                    theme::Templates::render_minified
                } else {
                    theme::Templates::render
                };
                let text = render(self.templates, &job.template, &context)
                    .map_err(|f| f.site(&self.site.label))?;
                let bytes = if self.options.minify && !premade && job.path.ends_with(".html") {
                    minify(text.as_bytes())
                } else {
                    text.into_bytes()
                };
                // The page as published, after templates and minifying (laman's own
                // templates add nothing the guard has not read in the content).
                let hits = if job.path.ends_with(".html") && !self.templates.lamans_own {
                    spam::scan_page(self.guard, self.known, &bytes)
                } else {
                    Vec::new()
                };
                let hits = (!hits.is_empty()).then(|| spam::PageHits {
                    path: job.path.clone(),
                    template: job.template.clone(),
                    hits,
                });
                Ok((
                    OutputFile {
                        path: job.path,
                        body: Body::Bytes(bytes),
                    },
                    job.origin,
                    hits,
                ))
            })
            .collect()
    }

    /// Whether the minified templates may stand in for minifying every page of this
    /// site: each HTML template is checked once, on the first page that uses it, by
    /// comparing its minified render with the minified page.
    fn minified_is_faithful(&self, base: &tera::Context, jobs: &[Job]) -> bool {
        if self.templates.minified.is_none() {
            return false;
        }
        let mut seen = std::collections::HashSet::new();
        jobs.iter()
            .filter(|j| j.path.ends_with(".html") && seen.insert(j.template.as_str()))
            .all(|job| {
                if let Some(&known) = self
                    .templates
                    .minified_faithful
                    .lock()
                    .unwrap()
                    .get(&job.template)
                {
                    return known;
                }
                let owned;
                let context = match &job.context {
                    Context::Ready(c) => c,
                    Context::Page(i) => {
                        owned = self.page_context(base, *i);
                        &owned
                    }
                };
                let whole = self.templates.render(&job.template, context);
                let small = self.templates.render_minified(&job.template, context);
                let faithful = match (whole, small) {
                    (Ok(a), Ok(b)) => minify(a.as_bytes()) == minify(b.as_bytes()),
                    _ => false,
                };
                self.templates
                    .minified_faithful
                    .lock()
                    .unwrap()
                    .insert(job.template.clone(), faithful);
                faithful
            })
    }
}
