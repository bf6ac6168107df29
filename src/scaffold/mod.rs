//! `laman init` and `laman new site`: the files a new regency repository, and a new OPD
//! site, start from. The pages are drafts with guidance in Indonesian, so nothing
//! unwritten is published and the Dinas's report counts them as not yet written; their
//! paths are the report's required pages ([`crate::report::DEFAULT_REQUIRED`],
//! [`crate::report::DEFAULT_REQUIRED_PORTAL`]). Section indexes (`berita/_index.md`) are
//! not drafts: they list only what is published, and a draft section is still rendered
//! today (its pages are hidden, the section is not).
//!
//! The registry written by `init` is checked by the registry's own rules
//! ([`crate::registry::checked`]) before anything is written: this module has
//! no rules of its own about names and domains. It never overwrites a file: `init`
//! wants an empty folder, `new site` a site folder that does not exist yet, and
//! `new site --missing` writes only the files a site lacks (and, for the portal, the
//! guides the regency lacks).
//!
//! Every value is written for the exact place it lands in (a TOML string or key, a
//! comment line, an HTML comment, markdown text, a code span: see [`escaped`]), so
//! that a name holding `"`, `-->` or `*` is shown as written and the files keep their
//! syntax whatever the registry's rules let through.

use crate::error::Error;
use crate::finding::Finding;
use std::path::Path;

mod site;
pub use site::{new_site, Written};

/// The CI files `init` writes (kept in the repository under `ci/`), by their path in a
/// regency repository.
pub const CI_FILES: [(&str, &str); 4] = [
    (".gitlab-ci.yml", include_str!("../../ci/gitlab-ci.yml")),
    (
        ".github/workflows/laman.yml",
        include_str!("../../ci/github-actions.yml"),
    ),
    (
        ".forgejo/workflows/laman.yml",
        include_str!("../../ci/forgejo-actions.yml"),
    ),
    (
        ".gitea/workflows/laman.yml",
        include_str!("../../ci/forgejo-actions.yml"),
    ),
];

const PORTAL: [(&str, &str); 6] = [
    ("_index.md", include_str!("files/portal/_index.md")),
    ("_site.toml", include_str!("files/portal/_site.toml")),
    ("profil.md", include_str!("files/portal/profil.md")),
    ("berita/_index.md", include_str!("files/portal/berita.md")),
    ("kontak.md", include_str!("files/portal/kontak.md")),
    ("ppid.md", include_str!("files/portal/ppid.md")),
];

const SITE: [(&str, &str); 10] = [
    ("_index.md", include_str!("files/site/_index.md")),
    ("_site.toml", include_str!("files/site/_site.toml")),
    ("profil/_index.md", include_str!("files/site/profil.md")),
    (
        "profil/visi-misi.md",
        include_str!("files/site/visi-misi.md"),
    ),
    (
        "profil/struktur-organisasi.md",
        include_str!("files/site/struktur-organisasi.md"),
    ),
    (
        "profil/tugas-fungsi.md",
        include_str!("files/site/tugas-fungsi.md"),
    ),
    ("berita/_index.md", include_str!("files/site/berita.md")),
    ("layanan/_index.md", include_str!("files/site/layanan.md")),
    ("ppid.md", include_str!("files/site/ppid.md")),
    ("kontak.md", include_str!("files/site/kontak.md")),
];

/// What `init` is given.
pub struct Regency<'a> {
    pub name: &'a str,
    pub domain: &'a str,
    /// The Dinas's name; default "Dinas Komunikasi dan Informatika `<name>`".
    pub dinas: Option<&'a str>,
    /// `[regency] contact`, the Dinas's e-mail on a suspended site's notice: written
    /// when given, else left as a commented example to fill in.
    pub contact: Option<&'a str>,
}

/// A TOML string literal of `text`.
fn toml_str(text: &str) -> String {
    toml_edit::Value::from(text).to_string().trim().to_string()
}

/// `text` as the value lands in `position`, the suffix of its placeholder
/// (`@@NAME_TOML@@`): each position has its own escape, so that no value (a regency
/// name with `"`, an owner with `-->`) ends the syntax around it or adds to it.
/// - `TOML`: a TOML string, and `KEY`: a TOML key, both serialised by `toml_edit`;
/// - `LINE`: text in a one-line comment (`#` in TOML), control characters made spaces;
/// - `COMMENT`: text inside an HTML comment (`<!-- -->`), one line, with no `--` left,
///   so that neither `-->` nor `--!>` can end the comment early;
/// - `MD`: markdown text in the middle of a line, one line, with `\` before every
///   character markdown or raw HTML reads there (emphasis, code, links, tags, entities,
///   a heading's closing `#`s, a table's `|`), which CommonMark then shows as itself;
/// - `CODE`: text inside a markdown code span in a table cell, one line, with no
///   backtick (which would end the span) and `|` escaped (which would end the cell).
fn escaped(text: &str, position: &str) -> Option<String> {
    let line = || -> String {
        text.chars()
            .map(|c| {
                if crate::registry::grammar::forbidden_in_text(c) {
                    ' '
                } else {
                    c
                }
            })
            .collect()
    };
    Some(match position {
        "TOML" => toml_str(text),
        "KEY" => toml_edit::Key::new(text).to_string(),
        "LINE" => line(),
        "COMMENT" => {
            let mut out = line();
            while out.contains("--") {
                out = out.replace("--", "- -");
            }
            out
        }
        "MD" => {
            let mut out = String::with_capacity(text.len());
            for c in line().chars() {
                if "\\`*_{}[]<>#|~&$".contains(c) {
                    out.push('\\');
                }
                out.push(c);
            }
            out
        }
        "CODE" => line().replace('`', "'").replace('|', "\\|"),
        _ => return None,
    })
}

/// Replaces the `@@KEY_POSITION@@` placeholders of `template` by the value of `KEY`
/// escaped for `POSITION` (see [`escaped`]), in one pass: a value that holds a
/// placeholder is written as it is, never filled in turn.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("@@") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let filled = after.find("@@").and_then(|end| {
            let (key, position) = after[..end].rsplit_once('_')?;
            let value = values.iter().find(|(k, _)| *k == key)?.1;
            Some((escaped(value, position)?, end))
        });
        match filled {
            Some((text, end)) => {
                out.push_str(&text);
                rest = &after[end + 2..];
            }
            None => {
                // Not a placeholder (`dinkes@@@DOMAIN_LINE@@`): one `@` is text.
                out.push('@');
                rest = &rest[start + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The guides for editors and for the Dinas, written into a new regency as they stand in
/// this repository (they link each other, and nothing else outside themselves): the
/// hints of findings and the starter pages' comments cite `docs/panduan-editor.md` by
/// section, so a regency must hold it.
pub const GUIDES: [(&str, &str); 2] = [
    (
        "docs/panduan-editor.md",
        include_str!("../../docs/panduan-editor.md"),
    ),
    (
        "docs/panduan-dinas.md",
        include_str!("../../docs/panduan-dinas.md"),
    ),
];

/// The files of a new regency repository, by relative path.
pub fn regency_files(r: &Regency) -> Vec<(String, String)> {
    let dinas = r
        .dinas
        .map(String::from)
        .unwrap_or_else(|| format!("Dinas Komunikasi dan Informatika {}", r.name));
    let name = r.name;
    let title = format!("Pemerintah {name}");
    let desc = format!("Portal resmi Pemerintah {name}");
    let (ns1, ns2) = (format!("ns1.{}", r.domain), format!("ns2.{}", r.domain));
    let news = format!("Berita Pemerintah {name}.");
    let ppid = format!("Pejabat Pengelola Informasi dan Dokumentasi (PPID) Utama {name}.");
    let profile = format!("Sejarah, geografi, pemerintahan, serta visi dan misi {name}.");
    let contact = format!("Alamat, telepon, surel, dan jam layanan Pemerintah {name}.");
    let signer_title = format!("Kepala {dinas}");
    let mx = format!("10 mail.{}.", r.domain);
    let dmarc = format!("v=DMARC1; p=quarantine; rua=mailto:dmarc@{}", r.domain);
    let example = format!("diskominfo@{}", r.domain);
    let values = [
        ("CONTACT", r.contact.unwrap_or(&example)),
        ("NAME", name),
        ("DOMAIN", r.domain),
        ("DINAS", dinas.as_str()),
        ("TITLE", title.as_str()),
        ("PORTAL_DESC", desc.as_str()),
        ("SIGNER_TITLE", signer_title.as_str()),
        ("MX", mx.as_str()),
        ("DMARC", dmarc.as_str()),
        ("NS1", ns1.as_str()),
        ("NS2", ns2.as_str()),
        ("NEWS_DESC", news.as_str()),
        ("PPID_DESC", ppid.as_str()),
        ("PROFILE_DESC", profile.as_str()),
        ("CONTACT_DESC", contact.as_str()),
    ];
    let mut files = vec![
        (
            "domains.toml".to_string(),
            contact_line(fill(include_str!("files/domains.toml"), &values), r),
        ),
        (
            ".gitignore".to_string(),
            include_str!("files/gitignore").to_string(),
        ),
        (
            "README.md".to_string(),
            fill(include_str!("files/README.md"), &values),
        ),
    ];
    // The guides ship with the regency: hints and starter comments cite them by section.
    for (path, text) in GUIDES {
        files.push((path.to_string(), text.to_string()));
    }
    for (path, text) in PORTAL {
        files.push((format!("content/portal/{path}"), fill(text, &values)));
    }
    for (path, text) in CI_FILES {
        files.push((path.to_string(), text.to_string()));
    }
    files
}

/// The registry with its `[regency] contact` line uncommented when `init` was given one.
fn contact_line(registry: String, r: &Regency) -> String {
    match r.contact {
        Some(_) => registry.replacen("\n# contact = ", "\ncontact = ", 1),
        None => registry,
    }
}

/// Writes a new regency repository into `dir` (absent or empty). Its registry is checked
/// first: errors refuse (nothing written); warnings are returned.
pub fn init(
    dir: &Path,
    regency: &Regency,
    today: jiff::civil::Date,
) -> Result<Vec<Finding>, Error> {
    let shown = dir.display();
    if let Ok(mut entries) = std::fs::read_dir(dir) {
        if entries.next().is_some() {
            return Err(Error::Usage(crate::msg!(
                "init-not-empty",
                dir = shown.to_string()
            )));
        }
    } else if dir.exists() {
        return Err(Error::Usage(crate::msg!(
            "init-is-file",
            dir = shown.to_string()
        )));
    }
    let files = regency_files(regency);
    let findings = check_registry(&files, today)?;
    write_all(dir, &files)?;
    Ok(findings)
}

/// The registry rules on the `domains.toml` about to be written.
fn check_registry(
    files: &[(String, String)],
    today: jiff::civil::Date,
) -> Result<Vec<Finding>, Error> {
    let trial = tempfile::tempdir().map_err(Error::io(crate::msg!("io-cannot-tempdir")))?;
    for (path, text) in files
        .iter()
        .filter(|(p, _)| p.starts_with("domains.toml") || p.starts_with("content/portal/"))
    {
        write_new(&trial.path().join(path), text)?;
    }
    let (_, findings) = crate::registry::checked(trial.path(), today)?;
    if findings.iter().any(Finding::is_error) {
        return Err(Error::Refused(findings));
    }
    Ok(findings)
}

fn write_all(dir: &Path, files: &[(String, String)]) -> Result<(), Error> {
    for (path, text) in files {
        write_new(&dir.join(path), text)?;
    }
    Ok(())
}

/// Writes a file that must not exist yet, making its folders.
fn write_new(path: &Path, text: &str) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(Error::io(crate::msg!(
            "io-cannot-create",
            path = parent.display().to_string()
        )))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(Error::io(crate::msg!(
            "io-cannot-write",
            path = path.display().to_string()
        )))?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(Error::io(crate::msg!(
        "io-cannot-write",
        path = path.display().to_string()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every placeholder of every template is filled: none is left for a reader.
    #[test]
    fn every_placeholder_is_filled() {
        let r = Regency {
            name: "Kabupaten Contoh",
            domain: "contohkab.go.id",
            dinas: None,
            contact: None,
        };
        let site = [
            ("OWNER", "Dinas"),
            ("PURPOSE", "Situs"),
            ("LABEL", "dinkes"),
            ("CONTACT", "a@b.c"),
            ("PPID_DESC", "PPID"),
        ];
        let files = regency_files(&r)
            .into_iter()
            .chain(SITE.iter().map(|(p, t)| (p.to_string(), fill(t, &site))));
        for (path, text) in files {
            let left = text
                .match_indices("@@")
                .any(|(i, _)| text[i + 2..].starts_with(|c: char| c.is_ascii_uppercase()));
            assert!(!left, "{path}: {text}");
        }
    }

    #[test]
    fn values_are_escaped_for_their_position() {
        let v = [("X", "a\"b'c\n-->d`|e@@X_TOML@@")];
        let toml: toml::Table =
            toml::from_str(&fill("k = @@X_TOML@@\n@@X_KEY@@ = 1 # @@X_LINE@@\n", &v)).unwrap();
        assert_eq!(toml["k"].as_str(), Some(v[0].1));
        assert_eq!(toml[v[0].1].as_integer(), Some(1));
        let comment = fill("<!-- @@X_COMMENT@@ -->", &v);
        assert_eq!(comment.matches("--").count(), 2, "{comment}");
        assert_eq!(fill("@@X_MD@@", &v), "a\"b'c --\\>d\\`\\|e@@X\\_TOML@@");
        assert_eq!(fill("`@@X_CODE@@`", &v), "`a\"b'c -->d'\\|e@@X_TOML@@`");
        assert_eq!(
            fill("a@@@X_LINE@@ @@Y_TOML@@", &[("X", "b")]),
            "a@b @@Y_TOML@@"
        );
    }
}
