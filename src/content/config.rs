//! `_site.toml`: the optional settings of one site (contact, news section, embeds).

use crate::finding::{line_of, Code, Finding};
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
    pub ppid: Option<Address>,
    pub pengaduan: Option<Address>,
}

impl Links {
    /// Every link that is set, with its key.
    pub fn all(&self) -> impl Iterator<Item = (&'static str, &Address)> {
        [("ppid", &self.ppid), ("pengaduan", &self.pengaduan)]
            .into_iter()
            .filter_map(|(key, a)| a.as_ref().map(|a| (key, a)))
    }
}

/// An address written in the settings, and the line it is written on.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(from = "toml::Spanned<String>")]
pub struct Address {
    pub url: String,
    /// 1-based; set by [`SiteConfig::parse`] (0 until then).
    pub line: usize,
    offset: usize,
}

impl From<toml::Spanned<String>> for Address {
    fn from(spanned: toml::Spanned<String>) -> Address {
        Address {
            offset: spanned.span().start,
            url: spanned.into_inner(),
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
    pub const DEFAULT_NEWS_SECTION: &'static str = "berita";

    pub fn news_section(&self) -> &str {
        self.news_section
            .as_deref()
            .unwrap_or(Self::DEFAULT_NEWS_SECTION)
    }

    /// Reads `content/<label>/_site.toml` under `root`; a missing file is the defaults.
    pub fn read(root: &Path, label: &str) -> Result<SiteConfig, Finding> {
        let file = Path::new("content").join(label).join(FILE_NAME);
        match std::fs::read(root.join(&file)) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(SiteConfig::default()),
            Err(e) => Err(
                Finding::new(Code::ContentRead, format!("cannot read the file: {e}")).file(&file),
            ),
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|_| {
                    Finding::new(Code::ContentRead, "the file is not UTF-8 text")
                        .file(&file)
                        .help("save the file as UTF-8")
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
                format!("site settings: {}", e.message().trim()),
            )
            .at(file, line)
            .help("the fields of _site.toml are listed in docs/content.md")
        })?;
        for address in [&mut config.links.ppid, &mut config.links.pengaduan]
            .into_iter()
            .flatten()
        {
            address.line = line_of(text, address.offset);
        }
        Ok(config)
    }
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
    fn links_know_their_line() {
        let c = SiteConfig::parse(
            "tagline = \"x\"\n\n[links]\nppid = \"@/ppid.md\"\npengaduan = \"javascript:x\"\n",
            Path::new("s"),
        )
        .unwrap();
        let links: Vec<_> = c
            .links
            .all()
            .map(|(k, a)| (k, a.url.as_str(), a.line))
            .collect();
        assert_eq!(
            links,
            vec![("ppid", "@/ppid.md", 4), ("pengaduan", "javascript:x", 5)]
        );
    }
}
