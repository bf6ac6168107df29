//! Each site's theme loaded and its templates compiled, once per theme for the sites
//! that share it and once per site for a site with its own templates.
//!
//! It reports what a theme or a template lacks and must not render anything.

use super::theme::{self, Theme};
use super::theme_name;
use crate::finding::Finding;
use crate::site::{Model, Site};
use std::collections::HashMap;
use std::path::Path;

/// The themes of every site, by name, as loaded (or why they could not be).
pub(super) type Themes = HashMap<String, Result<Theme, Vec<Finding>>>;

/// The theme of every site of the model, each name loaded once.
pub(super) fn load_themes(root: &Path, model: &Model) -> Themes {
    let mut themes: Themes = HashMap::new();
    for site in &model.sites {
        let name = theme_name(&site.content);
        themes
            .entry(name.to_string())
            .or_insert_with(|| Theme::load(root, name));
    }
    themes
}

/// The compiled templates: `None` where compiling failed (its findings are reported).
#[derive(Default)]
pub(super) struct Compiled {
    /// Sites without template overrides share one compiled set per theme.
    shared: HashMap<String, Option<theme::Templates>>,
    /// A site with templates of its own, by label.
    own: HashMap<String, Option<theme::Templates>>,
}

impl Compiled {
    /// Compiles the templates of every selected site whose theme loaded.
    pub(super) fn new(
        model: &Model,
        themes: &Themes,
        selected: &(dyn Fn(&str) -> bool + Sync),
        findings: &mut Vec<Finding>,
    ) -> Compiled {
        let mut compiled = Compiled::default();
        for site in model.sites.iter().filter(|s| selected(&s.label)) {
            match &themes[theme_name(&site.content)] {
                Ok(theme) => compiled.compile(site, theme, findings),
                Err(fs) => report_theme(site, fs, findings),
            }
        }
        compiled
    }

    fn compile(&mut self, site: &Site, theme: &Theme, findings: &mut Vec<Finding>) {
        let name = theme_name(&site.content);
        let is_own = !site.content.templates.is_empty();
        let slot = if is_own {
            self.own.entry(site.label.clone())
        } else if self.shared.contains_key(name) {
            return;
        } else {
            self.shared.entry(name.to_string())
        };
        match theme.compile(&site.content.templates) {
            Ok(t) => {
                slot.or_insert(Some(t));
            }
            Err(fs) => {
                // A broken shared theme concerns every site; a site's own templates, that site.
                findings.extend(
                    fs.into_iter()
                        .map(|f| if is_own { f.site(&site.label) } else { f }),
                );
                slot.or_insert(None);
            }
        }
    }

    /// Gives every compiled set the minified verdicts the last build took.
    pub(super) fn know_verdicts(&self, known: &HashMap<String, bool>) {
        for t in self.all() {
            t.know_verdicts(known);
        }
    }

    /// The minified verdicts of every compiled set (see [`theme::Templates::verdict_key`]).
    pub(super) fn verdicts(&self) -> std::collections::BTreeMap<String, bool> {
        self.all().flat_map(theme::Templates::verdicts).collect()
    }

    fn all(&self) -> impl Iterator<Item = &theme::Templates> {
        self.shared.values().chain(self.own.values()).flatten()
    }

    /// The templates a site renders with, if they compiled.
    pub(super) fn templates_of(&self, site: &Site) -> Option<&theme::Templates> {
        match self.own.get(&site.label) {
            Some(t) => t.as_ref(),
            None => self
                .shared
                .get(theme_name(&site.content))
                .and_then(Option::as_ref),
        }
    }
}

/// The findings of a theme that did not load, for one site that uses it.
fn report_theme(site: &Site, fs: &[Finding], findings: &mut Vec<Finding>) {
    // A finding without a file is about the name in the site's settings; one
    // with a file is about the theme's folder, which concerns every site and
    // is reported once.
    let settings = site.content.dir.join(crate::content::SITE_CONFIG_FILE);
    for f in fs {
        if f.file.is_none() {
            findings.push(f.clone().file(&settings).site(&site.label));
        } else if !findings.contains(f) {
            findings.push(f.clone());
        }
    }
}
