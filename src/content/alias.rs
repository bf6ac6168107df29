//! Old addresses of a page (`aliases` in front matter): the paths and query forms an
//! earlier site answered (`/2024/03/15/vaksinasi/`, `/?p=123`), each of which must keep
//! leading to the page. The build writes a redirect page at each path alias; `laman
//! domains nginx` answers every alias, query forms included, with a `301`.
//!
//! Aliases are hostile input written into file paths, HTML and nginx's syntax, so each
//! is held to a grammar here, once: a path of plain segments (no `.`/`..`, no empty
//! segment, no scheme or host), at most [`MAX_LEN`] bytes, percent-encoding decoded to
//! UTF-8 letters, digits and a few punctuation marks; a query form is one
//! `name=value` pair whose name is one WordPress answers on a path and whose value is
//! letters, digits, `-`, `_` and `.`. This module decides what an alias is and which
//! aliases collide; it must not write anything.

use super::SiteContent;
use crate::finding::{Code, Finding};
use crate::msg;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The most aliases one page may record: a news section carries an old site's category
/// and tag archives, hundreds on a large site; a bound keeps a hostile page small.
pub const MAX_ALIASES: usize = 2000;

/// The longest alias, in bytes as written.
pub const MAX_LEN: usize = 512;

/// The query names an alias may carry: those WordPress answers whatever the path's
/// permalink settings (`?p=` a post, `?page_id=` a page, `?cat=` a category, `?tag=`,
/// `?m=` a month archive, `?attachment_id=`, `?author=`).
pub const QUERY_NAMES: [&str; 7] = ["p", "page_id", "cat", "tag", "m", "attachment_id", "author"];

/// One old address, decoded and checked.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Alias {
    /// The path, percent-decoded, starting with `/`.
    pub path: String,
    /// A query form's name and value (`p`, `123`).
    pub query: Option<(String, String)>,
}

impl Alias {
    /// Reads an alias as written in front matter, or says why it is not one.
    pub fn parse(text: &str) -> Result<Alias, String> {
        if text.len() > MAX_LEN {
            return Err(msg!("alias-why-long", max = MAX_LEN));
        }
        if let Some(c) = text.chars().find(|c| c.is_control() || c.is_whitespace()) {
            return Err(msg!(
                "alias-why-space",
                code = format!("U+{:04X}", c as u32)
            ));
        }
        if !text.starts_with('/') || text.starts_with("//") {
            return Err(msg!("alias-why-not-path"));
        }
        if text.contains('#') {
            return Err(msg!("alias-why-fragment"));
        }
        let (path, query) = match text.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (text, None),
        };
        let path = decode_path(path)?;
        let query = query.map(parse_query).transpose()?;
        if path == "/" && query.is_none() {
            return Err(msg!("alias-why-home"));
        }
        Ok(Alias { path, query })
    }

    /// The file of the site that the build writes for this alias: `a/b/index.html` for
    /// `/a/b/`, the file itself for a `.html` or `.htm` path, none for a query form or a
    /// path to another kind of file (`/profil.php`: nginx's rule alone answers it).
    pub fn file(&self) -> Option<String> {
        if self.query.is_some() {
            return None;
        }
        let rel = self.path.trim_start_matches('/');
        if self.path.ends_with('/') {
            return Some(format!("{rel}index.html"));
        }
        let lower = rel.to_ascii_lowercase();
        (lower.ends_with(".html") || lower.ends_with(".htm")).then(|| rel.to_string())
    }

    /// What two aliases that answer the same requests share: a query value is matched
    /// without regard to case (by WordPress, and by nginx's `map`, which refuses two
    /// source values that differ only in case), a path as written.
    fn same_requests(&self) -> Alias {
        Alias {
            path: self.path.clone(),
            query: self
                .query
                .as_ref()
                .map(|(name, value)| (name.clone(), value.to_ascii_lowercase())),
        }
    }

    /// The alias as an address: the path (percent-decoded) and its query.
    pub fn address(&self) -> String {
        match &self.query {
            Some((name, value)) => format!("{}?{name}={value}", self.path),
            None => self.path.clone(),
        }
    }
}

/// Decodes `%XX` and checks every segment.
fn decode_path(path: &str) -> Result<String, String> {
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(path).collect();
    if path.contains('%')
        && path.match_indices('%').any(|(i, _)| {
            !path
                .get(i + 1..i + 3)
                .is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
        })
    {
        return Err(msg!("alias-why-percent"));
    }
    let decoded = String::from_utf8(bytes).map_err(|_| msg!("alias-why-utf8"))?;
    for segment in decoded.split('/').skip(1) {
        if segment.starts_with('.') {
            return Err(msg!("alias-why-dot"));
        }
        if let Some(c) = segment.chars().find(|&c| !path_char(c)) {
            return Err(msg!(
                "alias-why-char",
                char = c.escape_default().to_string()
            ));
        }
    }
    let inner = decoded.trim_end_matches('/');
    if inner.len() > 1 && inner[1..].split('/').any(str::is_empty) {
        return Err(msg!("alias-why-empty"));
    }
    Ok(decoded)
}

/// A character a decoded path segment may hold: nothing any of the syntaxes an alias is
/// written into (file paths, HTML attributes, nginx strings) reads specially.
fn path_char(c: char) -> bool {
    c.is_alphanumeric() || "-._~!*()+,=@&:".contains(c)
}

fn parse_query(query: &str) -> Result<(String, String), String> {
    let Some((name, value)) = query.split_once('=') else {
        return Err(msg!("alias-why-query"));
    };
    if !QUERY_NAMES.contains(&name) {
        return Err(msg!(
            "alias-why-query-name",
            name = name.escape_default().to_string(),
            names = QUERY_NAMES.join(", ")
        ));
    }
    let valid = |c: char| c.is_ascii_alphanumeric() || "-_.".contains(c);
    if value.is_empty() || value.len() > 200 || !value.chars().all(valid) {
        return Err(msg!("alias-why-query-value"));
    }
    Ok((name.to_string(), value.to_string()))
}

/// An alias of one page or section of a site, checked and free of collisions.
#[derive(Debug, Clone)]
pub struct SiteAlias {
    pub alias: Alias,
    /// The address the alias leads to: the page's path (`/berita/x/`).
    pub target: String,
    /// The title of the page it leads to.
    pub title: String,
    /// The content file that declares it, relative to the root, and the line.
    pub file: PathBuf,
    pub line: usize,
}

/// Every alias of a site's published documents, in order, with a
/// `content.path.collision` for each alias that names a page or section of the site, an
/// address the build makes itself ([`crate::generated`]) or an alias already taken (the
/// first keeps it).
pub fn collect(content: &SiteContent) -> (Vec<SiteAlias>, Vec<Finding>) {
    let mut pages: BTreeMap<&str, &PathBuf> = BTreeMap::new();
    for s in &content.sections {
        pages.insert(&s.path, &s.doc.file);
    }
    for p in &content.pages {
        pages.insert(&p.path, &p.doc.file);
    }
    // What else the site serves at an address of its own: its files.
    let files: BTreeMap<String, &PathBuf> = content
        .assets
        .iter()
        .map(|a| (format!("/{}", a.dest), &a.origin))
        .collect();
    let docs = content
        .sections
        .iter()
        .map(|s| (&s.doc, &s.path))
        .chain(content.pages.iter().map(|p| (&p.doc, &p.path)));
    let mut taken: BTreeMap<Alias, (PathBuf, usize)> = BTreeMap::new();
    let portal = content.label == crate::registry::PORTAL_LABEL;
    let catalogue = content.config.services.catalogue();
    let mut aliases = Vec::new();
    let mut findings = Vec::new();
    for (doc, target) in docs {
        for alias in &doc.meta.aliases {
            let line = doc.meta.aliases_line;
            let collision = |other: String| {
                Finding::new(
                    Code::ContentPathCollision,
                    msg!("alias-collision", alias = alias.address(), other = other),
                )
                .at(&doc.file, line)
                .site(&content.label)
                .help(msg!("alias-collision-help"))
            };
            if crate::generated::is_generated(&alias.path, portal, catalogue) {
                findings.push(
                    collision(msg!("alias-collision-generated"))
                        .help(msg!("alias-collision-generated-help")),
                );
                continue;
            }
            if let Some(file) = served_at(alias, &pages, &files) {
                let file = file.display().to_string();
                findings.push(collision(msg!("alias-collision-page", file = file)));
                continue;
            }
            if let Some((file, other_line)) = taken.get(&alias.same_requests()) {
                if *file == doc.file {
                    // The page's own alias again (`/?tag=Rapat` after `/?tag=rapat`):
                    // it leads where the first does.
                    continue;
                }
                let file = file.display().to_string();
                findings.push(collision(msg!(
                    "alias-collision-alias",
                    file = file,
                    line = *other_line
                )));
                continue;
            }
            taken.insert(alias.same_requests(), (doc.file.clone(), line));
            aliases.push(SiteAlias {
                alias: alias.clone(),
                target: target.clone(),
                title: doc.meta.title.clone(),
                file: doc.file.clone(),
                line,
            });
        }
    }
    (aliases, findings)
}

/// The source of what the site itself serves at the address of `alias` (a path alias):
/// a page (at its folder, or the file in it) or a file of the site.
fn served_at<'a>(
    alias: &Alias,
    pages: &BTreeMap<&str, &'a PathBuf>,
    files: &BTreeMap<String, &'a PathBuf>,
) -> Option<&'a PathBuf> {
    if alias.query.is_some() {
        return None;
    }
    let as_dir = format!("{}/", alias.path.trim_end_matches('/'));
    let as_file = alias.path.strip_suffix("index.html");
    let page = pages
        .get(alias.path.as_str())
        .or(pages.get(as_dir.as_str()))
        .or(as_file.and_then(|dir| pages.get(dir)));
    page.or(files.get(alias.path.as_str())).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_query_forms_are_read_and_decoded() {
        let a = Alias::parse("/2024/03/15/vaksinasi-campak/").unwrap();
        assert_eq!(
            a.file().as_deref(),
            Some("2024/03/15/vaksinasi-campak/index.html")
        );
        let q = Alias::parse("/?p=123").unwrap();
        assert_eq!(q.query, Some(("p".into(), "123".into())));
        assert_eq!(q.file(), None);
        let u = Alias::parse("/berita/%E5%AD%A6%E6%A0%A1/").unwrap();
        assert_eq!(u.path, "/berita/学校/");
        assert_eq!(
            Alias::parse("/lama.html").unwrap().file().as_deref(),
            Some("lama.html")
        );
        assert_eq!(Alias::parse("/profil.php").unwrap().file(), None);
    }

    #[test]
    fn hostile_aliases_are_refused() {
        for bad in [
            "",
            "berita/x/",
            "//evil.example/x",
            "https://evil.example/",
            "/a/../b/",
            "/a/./b",
            "/a//b/",
            "/a\nb",
            "/a b",
            "/a\"b",
            "/a;b",
            "/a{b}",
            "/a$host",
            "/a%0Ab",
            "/a/%2e%2e/",
            "/a%ZZ",
            "/a%FF",
            "/x?q=1",
            "/?p=1;return",
            "/?p",
            "/?p=",
            "/a\\b",
            "/a'b",
            "/a<b>",
            "/a#b",
            "/",
        ] {
            assert!(Alias::parse(bad).is_err(), "{bad:?}");
        }
        assert!(Alias::parse(&format!("/{}", "a".repeat(MAX_LEN))).is_err());
    }
}
