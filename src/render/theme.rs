//! Themes: the embedded `pemda` theme, overridden file by file by the regency's
//! `themes/<name>/` and by a site's `_templates/` and `_static/`.
//!
//! The result is a compiled Tera instance and the static files of each site. Template
//! syntax errors become `content.template` findings naming the file and line.

use crate::content::TemplateFile;
use crate::finding::{Code, Finding};
use crate::input::{self, Area, Source};
use include_dir::{include_dir, Dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/pemda");

/// The name of the embedded theme.
pub const DEFAULT_THEME: &str = "pemda";

/// A static file of a theme: embedded in the binary or on disk.
#[derive(Debug, Clone)]
pub enum StaticFile {
    Embedded(&'static [u8]),
    Disk(Source),
}

/// The templates (name → source and where it came from) and static files of a theme.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    templates: BTreeMap<String, (String, PathBuf)>,
    pub statics: BTreeMap<String, StaticFile>,
}

impl Theme {
    /// The embedded theme overlaid with `<root>/themes/<name>/`, if that folder exists.
    /// A theme other than `pemda` must exist in the regency repository. The theme's
    /// folder is read as an [`Area`]: links leaving it are findings.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Finding>> {
        let mut theme = Theme::default();
        let builtin = Path::new("themes").join(DEFAULT_THEME);
        for file in embedded_files(&EMBEDDED) {
            let path = file.path();
            let origin = builtin.join(path);
            if let Ok(rel) = path.strip_prefix("templates") {
                let source = String::from_utf8_lossy(file.contents()).into_owned();
                theme.templates.insert(slashed(rel), (source, origin));
            } else if let Ok(rel) = path.strip_prefix("static") {
                theme
                    .statics
                    .insert(slashed(rel), StaticFile::Embedded(file.contents()));
            }
        }
        let area = Arc::new(Area::new(root, Path::new("themes").join(name)));
        match area.exists() {
            Ok(true) => {}
            Ok(false) if name == DEFAULT_THEME => return Ok(theme),
            Ok(false) => {
                return Err(vec![Finding::new(
                    Code::ContentTemplate,
                    crate::msg!("theme-missing", name = name),
                )
                .help(crate::msg!(
                    "theme-missing-help",
                    name = name,
                    default = DEFAULT_THEME
                ))])
            }
            Err(e) => return Err(vec![input::finding(&e, area.dir())]),
        }
        let mut findings = Vec::new();
        let templates = area.walk("templates", &|_| true);
        findings.extend(templates.findings);
        for file in templates.files {
            let origin = area.dir().join(&file.rel);
            match area.read(&file.rel).map(String::from_utf8) {
                Ok(Ok(source)) => {
                    let name = file.rel["templates/".len()..].to_string();
                    theme.templates.insert(name, (source, origin));
                }
                Ok(Err(_)) => findings.push(
                    Finding::new(Code::ContentTemplate, crate::msg!("template-not-utf8"))
                        .file(origin),
                ),
                Err(e) => findings.push(input::finding(&e, &origin)),
            }
        }
        let statics = area.walk("static", &|_| true);
        findings.extend(statics.findings);
        for file in statics.files {
            let name = file.rel["static/".len()..].to_string();
            theme
                .statics
                .insert(name, StaticFile::Disk(area.source(&file.rel)));
        }
        if findings.is_empty() {
            Ok(theme)
        } else {
            Err(findings)
        }
    }

    /// Compiles the theme's templates, with a site's own templates on top.
    pub fn compile(&self, overrides: &[TemplateFile]) -> Result<Templates, Vec<Finding>> {
        let mut sources = self.templates.clone();
        let mut findings = Vec::new();
        for t in overrides {
            match t.source.read().map(String::from_utf8) {
                Ok(Ok(source)) => {
                    sources.insert(t.name.clone(), (source, t.origin.clone()));
                }
                Ok(Err(_)) => findings.push(
                    Finding::new(Code::ContentTemplate, crate::msg!("template-not-utf8"))
                        .file(&t.origin),
                ),
                Err(e) => findings.push(input::finding(&e, &t.origin)),
            }
        }
        let mut tera = new_tera();
        // Parse each template alone first, so that every syntax error is reported
        // with its own file, not only the first.
        for (name, (source, origin)) in &sources {
            if let Err(e) = tera::Template::new(name, None, source) {
                findings.push(template_error(&e, origin));
            }
        }
        if findings.is_empty() {
            let all = sources.iter().map(|(n, (s, _))| (n.as_str(), s.as_str()));
            if let Err(e) = tera.add_raw_templates(all) {
                findings.push(
                    Finding::new(Code::ContentTemplate, chain(&e))
                        .help(crate::msg!("template-missing-help")),
                );
            }
        }
        if let Some((file, name, chain)) = super::bounds::recursive_macro(&tera) {
            let origin = sources
                .get(&file)
                .map(|(_, o)| o.clone())
                .unwrap_or_default();
            findings.push(
                Finding::new(
                    Code::ContentTemplate,
                    crate::msg!(
                        "template-macro-loop",
                        name = name.as_str(),
                        chain = chain.join(" → ")
                    ),
                )
                .file(origin)
                .help(crate::msg!("template-macro-loop-help")),
            );
        }
        if !findings.is_empty() {
            return Err(findings);
        }
        let minified = minified_set(&sources);
        let lamans_own = sources.iter().all(|(name, (source, _))| {
            EMBEDDED
                .get_file(format!("templates/{name}"))
                .is_some_and(|f| f.contents() == source.as_bytes())
        });
        let mut digest = blake3::Hasher::new();
        for (name, (source, _)) in &sources {
            digest.update(name.as_bytes());
            digest.update(b"\0");
            digest.update(source.as_bytes());
            digest.update(b"\0");
        }
        Ok(Templates {
            lamans_own,
            digest: digest.finalize().to_hex().to_string(),
            tera,
            minified,
            minified_faithful: Default::default(),
            sources,
        })
    }
}

/// A compiled set of templates and the file each came from.
#[derive(Debug)]
pub struct Templates {
    pub tera: tera::Tera,
    /// The same templates with their HTML minified once (Tera syntax kept), when every
    /// HTML template still parses so: pages rendered from them need no minifying of
    /// their own, which was 40% of a build.
    pub minified: Option<tera::Tera>,
    /// Per template, whether rendering its minified form gives what minifying each page
    /// would (checked once, on a real page, by the first site that uses it, or known
    /// from the last build: see [`Templates::verdict_key`]).
    pub minified_faithful: std::sync::Mutex<std::collections::HashMap<String, bool>>,
    /// The digest of every template's source in the set (see [`Templates::verdict_key`]).
    digest: String,
    /// Each template's source (as written) and the file it came from.
    sources: BTreeMap<String, (String, PathBuf)>,
    /// Whether every template is laman's own, byte for byte (the embedded theme): what
    /// its pages show comes from content the spam guard has read already.
    pub lamans_own: bool,
}

impl Templates {
    /// What names a template's minified verdict across builds: the template and the
    /// sources of the whole set (which it may extend, include or import), so that a
    /// verdict is taken again only for the very same templates.
    pub fn verdict_key(&self, name: &str) -> String {
        format!("{}:{name}", self.digest)
    }

    /// Takes the verdicts of the last build for the templates of this set.
    pub fn know_verdicts(&self, known: &std::collections::HashMap<String, bool>) {
        let mut verdicts = self.minified_faithful.lock().unwrap();
        for name in self.sources.keys() {
            if let Some(&v) = known.get(&self.verdict_key(name)) {
                verdicts.entry(name.clone()).or_insert(v);
            }
        }
    }

    /// The verdicts taken (or known) by this run, by [`Templates::verdict_key`].
    pub fn verdicts(&self) -> impl Iterator<Item = (String, bool)> + '_ {
        let verdicts = self.minified_faithful.lock().unwrap().clone();
        verdicts
            .into_iter()
            .map(|(name, v)| (self.verdict_key(&name), v))
    }

    pub fn has(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.sources.keys().map(String::as_str)
    }

    /// A template's source as written and the file it came from.
    pub fn source(&self, name: &str) -> Option<(&str, &Path)> {
        self.sources
            .get(name)
            .map(|(s, o)| (s.as_str(), o.as_path()))
    }

    /// The file a template came from.
    pub fn origin(&self, name: &str) -> Option<&Path> {
        self.source(name).map(|(_, o)| o)
    }

    /// Renders a template; an error becomes a finding naming the template.
    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String, Finding> {
        self.render_with(&self.tera, name, context)
    }

    /// Renders with the minified set (see [`Templates::minified`]), or the original.
    pub fn render_minified(&self, name: &str, context: &tera::Context) -> Result<String, Finding> {
        self.render_with(self.minified.as_ref().unwrap_or(&self.tera), name, context)
    }

    fn render_with(
        &self,
        tera: &tera::Tera,
        name: &str,
        context: &tera::Context,
    ) -> Result<String, Finding> {
        super::bounds::start_page();
        tera.render(name, context).map_err(|e| {
            let origin = self
                .sources
                .get(name)
                .map_or_else(|| PathBuf::from(name), |(_, o)| o.clone());
            let finding = template_error(&e, &origin);
            match finding.line {
                Some(_) => finding,
                None => self.locate(finding, name),
            }
        })
    }
}

/// A Tera set up as laman renders: autoescaping of HTML and XML with laman's escape,
/// and laman's filters.
fn new_tera() -> tera::Tera {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    tera.set_escape_fn(crate::html::escape);
    super::filters::register(&mut tera);
    super::bounds::register(&mut tera);
    tera
}

/// The templates with each HTML one minified, if they all still parse.
fn minified_set(sources: &BTreeMap<String, (String, PathBuf)>) -> Option<tera::Tera> {
    let mut cfg = super::minify_cfg();
    cfg.preserve_brace_template_syntax = true;
    let small = sources
        .iter()
        .map(|(name, (source, _))| {
            let text = if name.ends_with(".html") {
                String::from_utf8(minify_html::minify(source.as_bytes(), &cfg)).ok()?
            } else {
                source.clone()
            };
            Some((name.clone(), text))
        })
        .collect::<Option<Vec<_>>>()?;
    let mut tera = new_tera();
    tera.add_raw_templates(small).ok()?;
    Some(tera)
}

impl Templates {
    /// Tera gives no line for errors while rendering; the name it complains about
    /// (`page.judul` in "Variable `page.judul` not found") is looked for in the template
    /// being rendered, then in the others (a parent or an include), and the first line
    /// holding it is given.
    fn locate(&self, finding: Finding, name: &str) -> Finding {
        let Some(token) = finding.message.split('`').nth(1).filter(|t| !t.is_empty()) else {
            return finding;
        };
        let first = self.sources.get_key_value(name);
        let hit = first
            .into_iter()
            .chain(self.sources.iter().filter(|(n, _)| n.as_str() != name))
            .find_map(|(_, (source, origin))| {
                source
                    .lines()
                    .position(|l| l.contains(token))
                    .map(|i| (origin.clone(), i + 1))
            });
        match hit {
            Some((origin, line)) => finding.file(origin).line(line),
            None => finding,
        }
    }
}

/// A Tera error as a finding: the whole cause chain, and the line where Tera gives one.
fn template_error(e: &tera::Error, origin: &Path) -> Finding {
    let message = chain(e);
    let mut finding = Finding::new(
        Code::ContentTemplate,
        crate::msg!("template-error", detail = message.as_str()),
    )
    .file(origin)
    .help(crate::msg!("template-error-help"));
    if let Some(line) = message
        .split("--> ")
        .nth(1)
        .and_then(|rest| rest.split(':').next())
        .and_then(|n| n.trim().parse().ok())
    {
        finding = finding.line(line);
    }
    finding
}

fn chain(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts
        .join(": ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn embedded_files(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut files: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        files.extend(embedded_files(sub));
    }
    files
}

fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// A verdict is taken from the last build only for the very same set of templates:
    /// one changed template (here a site's own) names every verdict anew.
    #[test]
    fn minified_verdicts_are_known_again_only_for_the_same_templates() {
        let root = tempfile::tempdir().unwrap();
        let theme = Theme::load(root.path(), DEFAULT_THEME).unwrap();
        let first = theme.compile(&[]).unwrap();
        first
            .minified_faithful
            .lock()
            .unwrap()
            .insert("page.html".into(), false);
        let known: HashMap<String, bool> = first.verdicts().collect();
        assert_eq!(known.len(), 1);

        let same = theme.compile(&[]).unwrap();
        same.know_verdicts(&known);
        assert_eq!(
            same.minified_faithful.lock().unwrap().get("page.html"),
            Some(&false)
        );

        std::fs::create_dir_all(root.path().join("t")).unwrap();
        std::fs::write(
            root.path().join("t/404.html"),
            "{% extends \"base.html\" %}",
        )
        .unwrap();
        let area = Arc::new(Area::new(root.path(), "t"));
        let own = TemplateFile {
            name: "404.html".into(),
            source: area.source("404.html"),
            origin: PathBuf::from("t/404.html"),
        };
        let other = theme.compile(&[own]).unwrap();
        other.know_verdicts(&known);
        assert!(other.minified_faithful.lock().unwrap().is_empty());
    }
}
