//! `laman new site LABEL`: the starter files of one site (an OPD site's pages, or the
//! portal's), and with `--missing` only those a site lacks, for a site imported or made
//! before a page became required; for the portal, `--missing` also writes the guides a
//! regency made by an older `laman init` lacks (`docs/`, which hints cite). A file is
//! never overwritten, nor written through a symbolic link.

use super::{fill, regency_files, write_all, Regency, GUIDES, SITE};
use crate::error::Error;
use crate::registry::{Kind, Registry, Status, PORTAL_LABEL};
use std::path::Path;

/// What `new site` did, by paths relative to the root.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// The starter files written.
    pub added: Vec<String>,
    /// The starter files the site already had (under that path or as the same page),
    /// left as they were.
    pub kept: Vec<String>,
    /// With `--missing` on the portal: the guides written into `docs/`.
    pub guides_added: Vec<String>,
    /// With `--missing` on the portal: the guides already there (edited or not), left
    /// as they were.
    pub guides_kept: Vec<String>,
}

/// Writes `content/<label>/` of a site requested or approved in the registry in `root`
/// (or of the portal): its pages as drafts (nothing is published before approval
/// anyway). The folder must not exist, unless `missing`: then only the starter files
/// the site has no page for are written, and for the portal the guides `docs/` lacks.
pub fn new_site(root: &Path, label: &str, missing: bool) -> Result<Written, Error> {
    let registry = Registry::load(root)?;
    let files = starter_files(root, &registry, label)?;
    let folder = root.join("content").join(label);
    if !missing && std::fs::symlink_metadata(&folder).is_ok() {
        return Err(Error::Usage(crate::msg!(
            "new-site-exists",
            folder = folder.display().to_string(),
            label = label
        )));
    }
    let mut written = Written::default();
    let mut to_write = Vec::new();
    for (path, text) in files {
        refuse_links(root, &path)?;
        if has_page(root, &path) {
            written.kept.push(path);
        } else {
            written.added.push(path.clone());
            to_write.push((path, text));
        }
    }
    let guides = if missing && label == PORTAL_LABEL {
        &GUIDES[..]
    } else {
        &[]
    };
    for (path, text) in guides {
        refuse_links(root, path)?;
        // Whatever is there (an edited guide, even a broken link) is the regency's.
        if std::fs::symlink_metadata(root.join(path)).is_ok() {
            written.guides_kept.push(path.to_string());
        } else {
            written.guides_added.push(path.to_string());
            to_write.push((path.to_string(), text.to_string()));
        }
    }
    write_all(root, &to_write)?;
    Ok(written)
}

/// The starter files of `label`, by path from the root, once the registry allows a site
/// there: the portal's, or an OPD site's for a subdomain of kind `site` requested or
/// approved (`domains approve` refuses a site without its content folder, so the drafts
/// are written while the request waits for its decree, or after it).
fn starter_files(
    root: &Path,
    registry: &Registry,
    label: &str,
) -> Result<Vec<(String, String)>, Error> {
    if label == PORTAL_LABEL {
        let r = &registry.regency;
        let regency = Regency {
            name: &r.name,
            domain: &r.domain,
            dinas: Some(&r.dinas),
            contact: None,
        };
        let portal = format!("content/{PORTAL_LABEL}/");
        return Ok(regency_files(&regency)
            .into_iter()
            .filter(|(path, _)| path.starts_with(&portal))
            .collect());
    }
    let Some(sub) = registry.subdomain(label) else {
        return Err(Error::Usage(crate::msg!(
            "new-site-unregistered",
            label = label,
            registry = root.join(crate::registry::FILE_NAME).display().to_string()
        )));
    };
    if !matches!(sub.status, Status::Approved | Status::Requested) {
        return Err(Error::Usage(crate::msg!(
            "new-site-status",
            label = label,
            status = sub.status.word()
        )));
    }
    if sub.kind != Kind::Site {
        return Err(Error::Usage(crate::msg!(
            "new-site-kind",
            label = label,
            kind = sub.kind.as_str()
        )));
    }
    let owner = sub.owner.clone();
    let purpose = sub
        .purpose
        .clone()
        .unwrap_or_else(|| format!("Situs resmi {owner}"));
    let ppid = format!("PPID Pelaksana {owner}.");
    let values = [
        ("OWNER", owner.as_str()),
        ("PURPOSE", purpose.as_str()),
        ("LABEL", label),
        ("CONTACT", sub.contact.as_str()),
        ("PPID_DESC", ppid.as_str()),
    ];
    Ok(SITE
        .iter()
        .map(|(path, text)| (format!("content/{label}/{path}"), fill(text, &values)))
        .collect())
}

/// Whether the site already has the page of the starter file `path`: the file itself
/// (whatever it is, even a broken link), or the same address written the other way
/// (`ppid/_index.md` for `ppid.md`, `berita.md` for `berita/_index.md`).
fn has_page(root: &Path, path: &str) -> bool {
    let same = match path.strip_suffix("/_index.md") {
        Some(section) => vec![format!("{section}.md"), format!("{section}/index.md")],
        None => match path.strip_suffix(".md") {
            Some(page) => vec![format!("{page}/_index.md"), format!("{page}/index.md")],
            None => Vec::new(),
        },
    };
    std::iter::once(path.to_string())
        .chain(same)
        .any(|p| std::fs::symlink_metadata(root.join(p)).is_ok())
}

/// Refuses to write `path` when a folder on its way (`content/` included) is a
/// symbolic link, which would put the file wherever the link points.
fn refuse_links(root: &Path, path: &str) -> Result<(), Error> {
    let mut at = root.to_path_buf();
    let parts: Vec<&str> = path.split('/').collect();
    for part in &parts[..parts.len() - 1] {
        at.push(part);
        if std::fs::symlink_metadata(&at).is_ok_and(|m| m.is_symlink()) {
            return Err(Error::Usage(crate::msg!(
                "new-site-link",
                path = at.display().to_string()
            )));
        }
    }
    Ok(())
}
