//! Which content folders are sites, checked against the registry.

use crate::finding::{Code, Finding};
use crate::msg;
use crate::registry::{Kind, Registry, Status, Subdomain, PORTAL_LABEL};
use std::path::{Path, PathBuf};

/// A content folder that is to be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteDir {
    pub label: String,
    /// `content/<label>`, relative to the root.
    pub dir: PathBuf,
    /// The registry lets this site carry its own code (templates, scripts, HTML):
    /// `custom_code = true` on its entry, or on `[portal]`.
    pub custom_code: bool,
}

/// Lists the folders of `<root>/content` and keeps those of registered sites: the portal,
/// every approved site, and every site whose subdomain is not approved (requested,
/// suspended, revoked, rejected), which is read and checked like the others, so that an
/// OPD can prepare its site before the decree, but never published (one
/// `content.unapproved` warning says so; for a site still requested, which is how every
/// site starts, one `content.prepared` notice). Every other folder gives a finding and is
/// left out.
pub fn discover(root: &Path, registry: &Registry) -> std::io::Result<(Vec<SiteDir>, Vec<Finding>)> {
    let (names, links) = folders(&root.join("content"))?;
    let mut sites = vec![SiteDir {
        label: PORTAL_LABEL.to_string(),
        dir: Path::new("content").join(PORTAL_LABEL),
        custom_code: registry.portal.custom_code,
    }];
    let mut findings = links;
    for name in names
        .into_iter()
        .filter(|n| !n.starts_with(['.', '_']) && n != PORTAL_LABEL)
    {
        let dir = Path::new("content").join(&name);
        match registry.subdomains.iter().find(|s| s.label == name) {
            None => findings.push(unregistered(&name, &dir, registry)),
            Some(sub) if sub.status == Status::Approved && sub.kind == Kind::Site => {
                sites.push(SiteDir {
                    label: name,
                    dir,
                    custom_code: sub.custom_code,
                })
            }
            Some(sub) => {
                if sub.kind == Kind::Site {
                    sites.push(SiteDir {
                        label: name.clone(),
                        dir: dir.clone(),
                        custom_code: sub.custom_code,
                    });
                }
                findings.push(not_published(&name, &dir, sub, registry));
            }
        }
    }
    Ok((sites, findings))
}

/// The names of the folders in `content`, sorted, and a finding for each symbolic link
/// there (or for `content` itself being one, which is then not read).
fn folders(content: &Path) -> std::io::Result<(Vec<String>, Vec<Finding>)> {
    let mut names = Vec::new();
    let mut links = Vec::new();
    let linked_root = std::fs::symlink_metadata(content).is_ok_and(|m| m.is_symlink());
    if linked_root {
        links.push(
            Finding::new(Code::ContentPathOutside, msg!("content-root-link"))
                .file("content")
                .help(msg!("content-root-link-help")),
        );
    } else if content.is_dir() {
        for entry in std::fs::read_dir(content)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let kind = entry.file_type()?;
            if kind.is_dir() {
                names.push(name);
            } else if kind.is_symlink() && !name.starts_with(['.', '_']) && name != PORTAL_LABEL {
                // The portal's folder is refused when it is read.
                links.push(linked(&name));
            }
        }
    }
    names.sort();
    Ok((names, links))
}

/// The `content.unapproved` warning for a registered folder that is not published: its
/// subdomain is not approved, or it is approved as something other than a site. A site
/// still requested is no problem but the usual way to start (an OPD prepares its pages
/// while the decree is signed): a `content.prepared` notice.
fn not_published(name: &str, dir: &Path, sub: &Subdomain, registry: &Registry) -> Finding {
    if sub.status == Status::Requested && sub.kind == Kind::Site {
        return Finding::new(
            Code::ContentPrepared,
            msg!("content-folder-prepared", name = name),
        )
        .file(dir)
        .site(name)
        .help(msg!("content-folder-prepared-notice-help", name = name));
    }
    let message = if sub.status == Status::Approved {
        msg!(
            "content-folder-not-site",
            name = name,
            kind = sub.kind.as_str()
        )
    } else {
        msg!(
            "content-folder-unapproved",
            name = name,
            status = sub.status.as_str(),
            registry = registry.file.display().to_string()
        )
    };
    let help = if sub.kind == Kind::Site {
        msg!("content-folder-prepared-help", status = sub.status.as_str())
    } else {
        msg!("content-folder-unapproved-help")
    };
    Finding::new(Code::ContentUnapproved, message)
        .file(dir)
        .site(name)
        .help(help)
}

/// A content folder that is a symbolic link: never read, whatever it points at.
fn linked(name: &str) -> Finding {
    Finding::new(
        Code::ContentPathOutside,
        msg!("content-folder-link", name = name),
    )
    .file(Path::new("content").join(name))
    .site(name)
    .help(msg!("content-folder-link-help"))
}

fn unregistered(name: &str, dir: &Path, registry: &Registry) -> Finding {
    let closest =
        crate::finding::closest(name, registry.subdomains.iter().map(|s| s.label.as_str()));
    let help = match closest {
        Some(label) => msg!("content-unregistered-near", label = label),
        None => msg!("content-unregistered-help", name = name),
    };
    Finding::new(
        Code::ContentUnregistered,
        msg!(
            "content-unregistered",
            name = name,
            registry = registry.file.display().to_string()
        ),
    )
    .file(dir)
    .site(name)
    .help(help)
}
