//! Every word the WordPress import says to people, in one place: the findings of the
//! import report, its summary lines and its errors, from the catalogue
//! (`locales/<lang>/import.ftl`), and the few words it writes into the site itself,
//! which are Indonesian whatever language the command line speaks (the site's is).
//! Also what the import counted and listed, for text and JSON alike.
//!
//! Words only: nothing here decides what is imported.

use crate::finding::{Code, Finding};
use crate::msg;
use serde::Serialize;
use std::path::Path;

/// What a contact form becomes in the page (a form cannot be moved to a static site).
pub const FORM_NOTE: &str = "Formulir daring dari situs lama tidak dipindahkan. Silakan hubungi kami melalui alamat surel atau telepon di halaman Kontak.";

/// The title of the news section the import writes when the site has none.
pub const NEWS_TITLE: &str = "Berita";
pub const NEWS_DESCRIPTION: &str = "Berita dan kegiatan terbaru.";

/// Why an item of the export is not a page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Skip {
    /// A draft, pending or scheduled post (imported with `--drafts`).
    Draft,
    /// Private: readable only by the old site's logged-in users.
    Private,
    Password,
    Trash,
    Revision,
    Attachment,
    NavMenuItem,
    /// Another post type (a plugin's: forms, sliders, products...).
    OtherType,
    /// Another status (`auto-draft`, `inherit`).
    OtherStatus,
}

impl Skip {
    /// Why, for people.
    pub fn reason(self) -> String {
        msg!(match self {
            Skip::Draft => "import-skip-draft",
            Skip::Private => "import-skip-private",
            Skip::Password => "import-skip-password",
            Skip::Trash => "import-skip-trash",
            Skip::Revision => "import-skip-revision",
            Skip::Attachment => "import-skip-attachment",
            Skip::NavMenuItem => "import-skip-nav-menu-item",
            Skip::OtherType => "import-skip-other-type",
            Skip::OtherStatus => "import-skip-other-status",
        })
    }
}

/// One item that is not a page, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub id: u64,
    pub post_type: String,
    pub status: String,
    pub title: String,
    pub reason: Skip,
}

/// One item written as a page.
#[derive(Debug, Clone, Serialize)]
pub struct Imported {
    pub id: u64,
    pub post_type: String,
    pub title: String,
    /// The file written, relative to the root.
    pub file: String,
    pub draft: bool,
}

/// Counts of the import.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub items: usize,
    pub posts: usize,
    pub pages: usize,
    pub drafts: usize,
    pub sections: usize,
    pub media: usize,
    pub aliases: usize,
    pub skipped: usize,
    pub spam: usize,
    pub files_written: usize,
}

/// The whole report: counts, lists and findings.
#[derive(Debug, Default)]
pub struct Report {
    pub site: String,
    pub dry_run: bool,
    pub counts: Counts,
    pub imported: Vec<Imported>,
    pub skipped: Vec<Skipped>,
    pub findings: Vec<Finding>,
}

impl Report {
    /// The summary's extra fields for `--format json` (beside errors and warnings).
    pub fn json_summary(&self) -> serde_json::Value {
        serde_json::json!({
            "site": self.site,
            "dry_run": self.dry_run,
            "counts": self.counts,
            "imported": self.imported,
            "skipped": self.skipped,
        })
    }

    /// The closing lines of the text report.
    pub fn text_summary(&self) -> String {
        let c = &self.counts;
        let mut skipped: std::collections::BTreeMap<Skip, usize> = Default::default();
        for s in &self.skipped {
            *skipped.entry(s.reason).or_default() += 1;
        }
        let key = if self.dry_run {
            "import-summary-dry"
        } else {
            "import-summary-done"
        };
        let mut text = msg!(
            key,
            site = self.site.as_str(),
            posts = c.posts,
            pages = c.pages,
            drafts = c.drafts,
            sections = c.sections,
            media = c.media,
            aliases = c.aliases
        );
        text.push('\n');
        text.push_str(&msg!(
            "import-summary-skipped",
            skipped = c.skipped,
            items = c.items,
            spam = c.spam
        ));
        text.push('\n');
        for (reason, n) in skipped {
            text.push_str(&format!("  {n} × {}\n", reason.reason()));
        }
        text.push_str(&msg!("import-summary-next"));
        text
    }
}

fn item(title: &str, id: u64) -> String {
    msg!(
        "import-item",
        title = crate::text::printable(title),
        id = id.to_string()
    )
}

pub fn spam(source: &Path, line: usize, title: &str, id: u64, found: &[String]) -> Finding {
    Finding::new(
        Code::ImportSpam,
        msg!(
            "import-spam",
            item = item(title, id),
            found = found.join(", ")
        ),
    )
    .at(source, line)
    .help(msg!("import-spam-help"))
}

pub fn unconvertible(source: &Path, line: usize, title: &str, id: u64, why: &str) -> Finding {
    Finding::new(
        Code::ImportUnconvertible,
        msg!("import-unconvertible", item = item(title, id), why = why),
    )
    .at(source, line)
    .help(msg!("import-unconvertible-help"))
}

/// Why a post is not converted: its HTML nests deeper than any page may.
pub fn too_deep() -> String {
    msg!("import-too-deep")
}

/// Why a post is not written: the build reads no page this long.
pub fn too_long(bytes: usize) -> String {
    msg!(
        "import-too-long",
        size = bytes / 1024,
        max = crate::content::MAX_DOCUMENT / 1024
    )
}

pub fn shortcode(file: &Path, line: usize, name: &str) -> Finding {
    Finding::new(
        Code::ImportShortcodeUnknown,
        msg!("import-shortcode", name = crate::text::printable(name)),
    )
    .at(file, line)
    .help(msg!("import-shortcode-help"))
}

/// What the allow-list dropped from a post (`(title, id)`); `kind` (`script`, `frame`,
/// `other`) chooses the hint: a script is never added again, an embed may be once its
/// host is allowed.
pub fn dropped(source: &Path, line: usize, post: (&str, u64), what: &str, kind: &str) -> Finding {
    Finding::new(
        Code::ImportHtmlDropped,
        msg!("import-dropped", item = item(post.0, post.1), what = what),
    )
    .at(source, line)
    .help(msg!("import-dropped-help", kind = kind))
}

pub fn media_missing(file: &Path, title: &str, id: u64, path: &str) -> Finding {
    Finding::new(
        Code::ImportMediaMissing,
        msg!(
            "import-media-missing",
            item = item(title, id),
            path = crate::text::printable(path)
        ),
    )
    .file(file)
    .help(msg!("import-media-missing-help"))
}

pub fn gallery_missing(file: &Path, title: &str, id: u64, attachment: u64) -> Finding {
    Finding::new(
        Code::ImportMediaMissing,
        msg!(
            "import-gallery-missing",
            item = item(title, id),
            attachment = attachment.to_string()
        ),
    )
    .file(file)
    .help(msg!("import-gallery-missing-help"))
}

pub fn media_refused(file: &Path, title: &str, id: u64, path: &str) -> Finding {
    Finding::new(
        Code::ImportMediaRefused,
        msg!(
            "import-media-refused",
            item = item(title, id),
            path = crate::text::printable(path)
        ),
    )
    .file(file)
    .help(msg!("import-media-refused-help"))
}

pub fn alias_dropped(source: &Path, line: usize, alias: &str, why: &str) -> Finding {
    Finding::new(
        Code::ImportAliasDropped,
        msg!(
            "import-alias-dropped",
            alias = crate::text::printable(alias),
            why = why
        ),
    )
    .at(source, line)
}

/// Why an old address is not kept: it is not one laman can write.
pub fn alias_invalid(why: &str) -> String {
    msg!("import-alias-invalid", why = why)
}

/// Why an old address is not kept: the build makes a page of its own there.
pub fn alias_generated() -> String {
    msg!("import-alias-generated")
}

/// Why an old address is not kept: another page has it already.
pub fn alias_taken(by: &str) -> String {
    msg!("import-alias-taken", by = by)
}

pub fn file_kept(file: &Path) -> Finding {
    Finding::new(Code::ImportFileKept, msg!("import-file-kept"))
        .file(file)
        .help(msg!("import-file-kept-help"))
}

pub fn nothing(source: &Path) -> Finding {
    Finding::new(Code::ImportNothing, msg!("import-nothing"))
        .file(source)
        .help(msg!("import-nothing-help"))
}

/// Why `--site` names no site the import may write.
pub enum NotASite {
    NotInRegistry,
    NotSiteKind,
    NotActive,
}

pub fn not_a_site(label: &str, why: NotASite) -> String {
    let why = msg!(match why {
        NotASite::NotInRegistry => "import-not-in-registry",
        NotASite::NotSiteKind => "import-not-site-kind",
        NotASite::NotActive => "import-not-active",
    });
    msg!(
        "import-not-a-site",
        label = crate::text::printable(label),
        why = why
    )
}

/// The site's folder exists and `--force` was not given.
pub fn exists(folder: &Path) -> String {
    msg!("import-exists", folder = folder.display().to_string())
}

pub fn unreadable(file: &Path) -> String {
    msg!("import-unreadable", file = file.display().to_string())
}

pub fn not_wxr(file: &Path, line: usize) -> String {
    msg!(
        "import-not-wxr",
        file = file.display().to_string(),
        line = at_line(line)
    )
}

pub fn broken_xml(file: &Path, line: usize, why: &str) -> String {
    msg!(
        "import-broken-xml",
        file = file.display().to_string(),
        line = at_line(line),
        why = why
    )
}

pub fn too_large(file: &Path, line: usize) -> String {
    msg!(
        "import-too-large",
        file = file.display().to_string(),
        line = at_line(line),
        max = super::wxr::MAX_EVENT >> 20
    )
}

pub fn uploads_unreadable(dir: &Path) -> String {
    msg!("import-uploads-unreadable", dir = dir.display().to_string())
}

pub fn write_failed(what: &Path) -> String {
    msg!("import-write-failed", path = what.display().to_string())
}

pub fn link_refused(path: &Path) -> String {
    msg!("import-link-refused", path = path.display().to_string())
}

fn at_line(line: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(":{line}")
    }
}
