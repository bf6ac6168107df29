//! `_site.toml`: the optional settings of one site (contact, news section, embeds).

use super::slug;
use crate::finding::{line_of, Code, Finding};
use crate::input::{self, Area};
use crate::msg;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The file name of a site's settings inside `content/<label>/`.
pub const FILE_NAME: &str = "_site.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's title; default: the owner in the registry (the portal title for the portal).
    pub title: Option<String>,
    pub tagline: Option<String>,
    /// The theme whose templates and static files this site uses (default `pemda`).
    pub theme: Option<String>,
    /// The section whose pages form the Atom feed and the portal's news (default `berita`).
    pub news_section: Option<String>,
    /// How many news items the home page shows (portal: from every site).
    pub latest_news: Option<usize>,
    #[serde(default)]
    pub contact: Contact,
    #[serde(default)]
    pub links: Links,
    #[serde(default)]
    pub embeds: Embeds,
    #[serde(default)]
    pub services: Services,
}

/// `[services]`: the site's service pledge, and on the portal where the regency's
/// catalogue goes and which topics the regency adds to the standard list.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Services {
    /// The maklumat pelayanan: markdown shown on each of the site's service pages.
    pub maklumat: Option<Written>,
    /// Portal only: the section path of the catalogue (default `layanan`).
    pub catalogue: Option<Written>,
    /// Portal only: topic word → its name.
    #[serde(default)]
    pub topics: std::collections::BTreeMap<String, String>,
}

impl Services {
    const DEFAULT_CATALOGUE: &'static str = "layanan";

    /// The catalogue's section path on the portal, without slashes.
    pub fn catalogue(&self) -> &str {
        self.catalogue
            .as_ref()
            .map_or(Self::DEFAULT_CATALOGUE, |w| w.text.trim_matches('/'))
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub hours: Option<String>,
}

/// Footer links; each is an address or an `@` link to content, checked like a link in
/// markdown when the site is rendered.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Links {
    pub ppid: Option<Written>,
    pub pengaduan: Option<Written>,
}

impl Links {
    /// Every link that is set, with its key.
    pub fn all(&self) -> impl Iterator<Item = (&'static str, &Written)> {
        [("ppid", &self.ppid), ("pengaduan", &self.pengaduan)]
            .into_iter()
            .filter_map(|(key, a)| a.as_ref().map(|a| (key, a)))
    }
}

/// A text written in the settings (an address, a pledge), and the line it is on.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(from = "toml::Spanned<String>")]
pub struct Written {
    pub text: String,
    /// 1-based; set by [`SiteConfig::parse`] (0 until then).
    pub line: usize,
    offset: usize,
}

impl From<toml::Spanned<String>> for Written {
    fn from(spanned: toml::Spanned<String>) -> Written {
        Written {
            offset: spanned.span().start,
            text: spanned.into_inner(),
            line: 0,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Embeds {
    /// Hosts an `<iframe src="https://HOST/...">` in this site's content may load.
    #[serde(default)]
    pub iframe_hosts: Vec<String>,
}

impl SiteConfig {
    const DEFAULT_NEWS_SECTION: &'static str = "berita";

    pub fn news_section(&self) -> &str {
        self.news_section
            .as_deref()
            .unwrap_or(Self::DEFAULT_NEWS_SECTION)
    }

    /// Reads `_site.toml` of a site's folder; a missing file is the defaults.
    pub fn read(site: &Area) -> Result<SiteConfig, Finding> {
        let file = site.dir().join(FILE_NAME);
        match site.read(FILE_NAME) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(SiteConfig::default()),
            Err(e) => Err(input::finding(&e, &file)),
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|_| {
                    Finding::new(Code::ContentRead, msg!("read-not-utf8"))
                        .file(&file)
                        .help(msg!("read-not-utf8-help"))
                })?;
                SiteConfig::parse(text.strip_prefix('\u{feff}').unwrap_or(&text), &file)
            }
        }
    }

    /// Parses the settings text; `file` is the name findings carry.
    pub fn parse(text: &str, file: &Path) -> Result<SiteConfig, Finding> {
        let mut config: SiteConfig = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| line_of(text, s.start));
            Finding::new(
                Code::ContentSiteConfig,
                msg!("site-settings", detail = e.message().trim()),
            )
            .at(file, line)
            .help(msg!("site-settings-help"))
        })?;
        for written in [
            &mut config.links.ppid,
            &mut config.links.pengaduan,
            &mut config.services.maklumat,
            &mut config.services.catalogue,
        ]
        .into_iter()
        .flatten()
        {
            written.line = line_of(text, written.offset);
        }
        if let Some(f) = config.services.problem(text) {
            return Err(f.file(file));
        }
        if let Some(i) = config
            .embeds
            .iframe_hosts
            .iter()
            .position(|h| iframe_host_problem(h).is_some())
        {
            return Err(bad_iframe_host(
                text,
                file,
                i,
                &config.embeds.iframe_hosts[i],
            ));
        }
        match &config.theme {
            Some(theme) if !input::is_plain_name(theme) => {
                let line = text
                    .lines()
                    .position(|l| l.trim_start().starts_with("theme"))
                    .map_or(1, |i| i + 1);
                Err(Finding::new(
                    Code::ContentPathOutside,
                    msg!("site-theme-name", theme = theme.as_str()),
                )
                .at(file, line)
                .help(msg!("site-theme-name-help")))
            }
            _ => Ok(config),
        }
    }
}

impl Services {
    /// A catalogue path or topic that cannot be used: each is a slug (the catalogue's
    /// parts separated by `/`), because both become addresses.
    fn problem(&self, text: &str) -> Option<Finding> {
        let is_slug = |s: &str| !s.is_empty() && slug::slugify(s) == s;
        if let Some(c) = &self.catalogue {
            let path = c.text.trim_matches('/');
            if path == crate::generated::DIRECTORY_PATH.trim_matches('/') {
                return Some(
                    Finding::new(
                        Code::ContentSiteConfig,
                        msg!("site-catalogue-directory", catalogue = c.text.as_str()),
                    )
                    .line(c.line)
                    .help(msg!("site-catalogue-directory-help")),
                );
            }
            if !path.split('/').all(is_slug) {
                return Some(
                    Finding::new(
                        Code::ContentSiteConfig,
                        msg!("site-catalogue-path", catalogue = c.text.as_str()),
                    )
                    .line(c.line)
                    .help(msg!("site-catalogue-path-help")),
                );
            }
        }
        let bad = self
            .topics
            .iter()
            .find(|(k, name)| !is_slug(k) || name.trim().is_empty())?;
        let line = text
            .lines()
            .position(|l| {
                l.trim_start()
                    .trim_start_matches(['"', '\''])
                    .starts_with(bad.0.as_str())
            })
            .map_or(1, |i| i + 1);
        Some(
            Finding::new(
                Code::ContentSiteConfig,
                msg!("site-topic", topic = bad.0.as_str()),
            )
            .line(line)
            .help(msg!("site-topic-help")),
        )
    }
}

/// Why an `[embeds] iframe_hosts` entry is not valid: it must be a host name as the
/// registry writes them ([`crate::registry::grammar::host_problem`]): lowercase, no
/// port, path or wildcard. It goes into nginx's Content-Security-Policy and is compared
/// with the host of each `<iframe src>`.
fn iframe_host_problem(host: &str) -> Option<String> {
    crate::registry::grammar::host_problem(host)
}

/// The finding for the `index`th iframe host, at its line.
fn bad_iframe_host(text: &str, file: &Path, index: usize, host: &str) -> Finding {
    #[derive(Deserialize, Default)]
    struct Spans {
        #[serde(default)]
        embeds: EmbedSpans,
    }
    #[derive(Deserialize, Default)]
    struct EmbedSpans {
        #[serde(default)]
        iframe_hosts: Vec<toml::Spanned<String>>,
    }
    let spans: Spans = toml::from_str(text).unwrap_or_default();
    let line = spans
        .embeds
        .iframe_hosts
        .get(index)
        .map_or(1, |h| line_of(text, h.span().start));
    let why = iframe_host_problem(host).unwrap_or_default();
    Finding::new(
        Code::ContentSiteConfig,
        msg!(
            "site-iframe-host",
            host = crate::text::printable(host),
            why = why
        ),
    )
    .at(file, line)
    .help(msg!("site-iframe-host-help"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_parse_and_unknown_fields_are_errors() {
        let ok = SiteConfig::parse(
            "tagline = \"x\"\n[contact]\nphone = \"1\"\n",
            Path::new("s"),
        )
        .unwrap();
        assert_eq!(ok.contact.phone.as_deref(), Some("1"));
        assert_eq!(ok.news_section(), "berita");
        let err =
            SiteConfig::parse("tagline = \"x\"\ntelepon = \"1\"\n", Path::new("s")).unwrap_err();
        assert_eq!((err.code, err.line), (Code::ContentSiteConfig, Some(2)));
    }

    #[test]
    fn iframe_hosts_are_host_names() {
        let ok = SiteConfig::parse(
            "[embeds]\niframe_hosts = [\"www.openstreetmap.org\", \"xn--bcher-kva.example\"]\n",
            Path::new("s"),
        )
        .unwrap();
        assert_eq!(ok.embeds.iframe_hosts.len(), 2);
        for bad in [
            "maps.example\\\" always; location /x { alias /etc/; } #",
            "https://maps.example",
            "maps.example:443",
            "*.example.net",
            "Maps.Example",
            "maps.example.",
            "",
            "maps example",
        ] {
            let text = format!(
                "tagline = \"x\"\n[embeds]\niframe_hosts = [\n  \"ok.example\",\n  {},\n]\n",
                toml_edit::Value::from(bad)
            );
            let err = SiteConfig::parse(&text, Path::new("s")).unwrap_err();
            assert_eq!(
                (err.code, err.line),
                (Code::ContentSiteConfig, Some(5)),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn the_catalogue_is_a_section_path_and_topics_are_words() {
        for (bad, why) in [
            ("../x", "not a section path"),
            ("a//b", "not a section path"),
            ("Layanan Publik", "not a section path"),
            ("direktori", "OPD directory"),
            ("/direktori/", "OPD directory"),
        ] {
            let text = format!("tagline = \"x\"\n[services]\ncatalogue = {bad:?}\n");
            let err = SiteConfig::parse(&text, Path::new("s")).unwrap_err();
            assert_eq!(
                (err.code, err.line),
                (Code::ContentSiteConfig, Some(3)),
                "{bad}"
            );
            assert!(err.message.contains(why), "{}", err.message);
        }
        let ok = SiteConfig::parse(
            "[services]\ncatalogue = \"/informasi/layanan/\"\n[services.topics]\npertanahan = \"Pertanahan\"\n",
            Path::new("s"),
        )
        .unwrap();
        assert_eq!(ok.services.catalogue(), "informasi/layanan");
        let err = SiteConfig::parse("[services.topics]\n\"Tanah Air\" = \"x\"\n", Path::new("s"))
            .unwrap_err();
        assert_eq!((err.code, err.line), (Code::ContentSiteConfig, Some(2)));
    }

    #[test]
    fn a_theme_is_a_plain_folder_name() {
        for bad in ["/etc", "../x", "a/b", ".git", ""] {
            let text = format!("tagline = \"x\"\ntheme = {bad:?}\n");
            let err = SiteConfig::parse(&text, Path::new("s")).unwrap_err();
            assert_eq!(
                (err.code, err.line),
                (Code::ContentPathOutside, Some(2)),
                "{bad}"
            );
        }
        assert!(SiteConfig::parse("theme = \"kota\"\n", Path::new("s")).is_ok());
    }

    #[test]
    fn links_know_their_line() {
        let c = SiteConfig::parse(
            "tagline = \"x\"\n\n[links]\nppid = \"@/ppid.md\"\npengaduan = \"javascript:x\"\n",
            Path::new("s"),
        )
        .unwrap();
        let links: Vec<_> = c
            .links
            .all()
            .map(|(k, a)| (k, a.text.as_str(), a.line))
            .collect();
        assert_eq!(
            links,
            vec![("ppid", "@/ppid.md", 4), ("pengaduan", "javascript:x", 5)]
        );
    }
}
