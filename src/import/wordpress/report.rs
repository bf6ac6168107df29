//! Every word the WordPress import says to people, in one place: the findings of the
//! import report, its summary lines and its errors, in Indonesian for the Dinas's
//! operator with the English beside it (as the rest of laman still prints English).
//! Also what the import counted and listed, for text and JSON alike.
//!
//! Words only: nothing here decides what is imported.

use crate::finding::{Code, Finding};
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
    /// Indonesian, then English.
    pub fn reason(self) -> &'static str {
        match self {
            Skip::Draft => "draf (diimpor hanya dengan --drafts) / draft (imported only with --drafts)",
            Skip::Private => "pribadi, tidak pernah terbit untuk umum / private, never public",
            Skip::Password => "dilindungi kata sandi / password-protected",
            Skip::Trash => "di tempat sampah / in the trash",
            Skip::Revision => "revisi / a revision",
            Skip::Attachment => "lampiran (berkasnya disalin bila dipakai) / an attachment (its file is copied where used)",
            Skip::NavMenuItem => "butir menu / a menu item",
            Skip::OtherType => "jenis konten lain (plugin) / another content type (a plugin's)",
            Skip::OtherStatus => "status lain / another status",
        }
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
        let mut text = format!(
            "{} untuk {}: {} berita, {} halaman ({} draf), {} bagian, {} berkas media, {} alamat lama dialihkan\n  ({}: {} posts, {} pages ({} drafts), {} sections, {} media files, {} old addresses redirected)\n",
            if self.dry_run { "Uji coba (tidak ada yang ditulis)" } else { "Impor selesai" },
            self.site,
            c.posts, c.pages, c.drafts, c.sections, c.media, c.aliases,
            if self.dry_run { "dry run, nothing written" } else { "import done" },
            c.posts, c.pages, c.drafts, c.sections, c.media, c.aliases,
        );
        text.push_str(&format!(
            "Dilewati / skipped: {} butir dari {} / {} of {} items; dugaan spam judi / suspected gambling spam: {}\n",
            c.skipped, c.items, c.skipped, c.items, c.spam
        ));
        for (reason, n) in skipped {
            text.push_str(&format!("  {n} × {}\n", reason.reason()));
        }
        text.push_str(
            "Periksa temuan di atas, lalu jalankan `laman check` dan `laman serve` / review the findings above, then run `laman check` and `laman serve`",
        );
        text
    }
}

fn item(title: &str, id: u64) -> String {
    format!("“{}” (ID {id})", crate::registry::grammar::shown(title))
}

pub fn spam(source: &Path, line: usize, title: &str, id: u64, found: &[String]) -> Finding {
    Finding::new(
        Code::ImportSpam,
        format!(
            "{} tidak diimpor: diduga spam judi daring ({}) / not imported: suspected gambling spam",
            item(title, id),
            found.join(", ")
        ),
    )
    .at(source, line)
    .help("periksa isinya di situs lama; bila memang artikel sah, tulis ulang sebagai halaman baru dengan [tinjauan_spam] / check it on the old site; if it is a genuine article, write it anew with [tinjauan_spam]")
}

pub fn unconvertible(source: &Path, line: usize, title: &str, id: u64, why: &str) -> Finding {
    Finding::new(
        Code::ImportUnconvertible,
        format!(
            "{} tidak dapat dikonversi dengan aman: {why} / could not be converted safely",
            item(title, id)
        ),
    )
    .at(source, line)
    .help("salin isinya secara manual ke berkas markdown / copy its text into a markdown file by hand")
}

/// Why a post is not converted: its HTML nests deeper than any page may.
pub const TOO_DEEP: &str =
    "HTML-nya bersarang lebih dari 100 tingkat / its HTML nests more than 100 levels deep";

/// Why a post is not written: the build reads no page this long.
pub fn too_long(bytes: usize) -> String {
    format!(
        "halamannya {} KiB, lebih dari batas {} KiB / the page is {} KiB, over the {} KiB limit",
        bytes / 1024,
        crate::content::MAX_DOCUMENT / 1024,
        bytes / 1024,
        crate::content::MAX_DOCUMENT / 1024
    )
}

pub fn shortcode(file: &Path, line: usize, name: &str) -> Finding {
    Finding::new(
        Code::ImportShortcodeUnknown,
        format!(
            "shortcode [{}] tidak dikenal; dibiarkan tampil apa adanya / unknown shortcode, kept visible as written",
            crate::registry::grammar::shown(name)
        ),
    )
    .at(file, line)
    .help("ganti dengan teks, tautan atau gambar biasa, atau hapus / replace it with text, a link or a picture, or delete it")
}

pub fn dropped(source: &Path, line: usize, title: &str, id: u64, what: &str) -> Finding {
    Finding::new(
        Code::ImportHtmlDropped,
        format!(
            "{}: HTML yang tidak aman dibuang / unsafe HTML dropped: {what}",
            item(title, id)
        ),
    )
    .at(source, line)
    .help("bila bagian itu penting (peta, video), izinkan host-nya di [embeds] iframe_hosts dan tulis ulang / if it mattered (a map, a video), allow its host in [embeds] iframe_hosts and add it again")
}

pub fn media_missing(file: &Path, title: &str, id: u64, path: &str) -> Finding {
    Finding::new(
        Code::ImportMediaMissing,
        format!(
            "{}: berkas wp-content/uploads/{} tidak ada di --uploads; tautannya dibiarkan / file not in --uploads, its link left as it was",
            item(title, id),
            crate::registry::grammar::shown(path)
        ),
    )
    .file(file)
    .help("salin berkas itu dari server lama ke folder --uploads lalu impor ulang dengan --force, atau letakkan di samping halaman / copy it from the old server and import again with --force, or put it beside the page")
}

pub fn media_refused(file: &Path, title: &str, id: u64, path: &str) -> Finding {
    Finding::new(
        Code::ImportMediaRefused,
        format!(
            "{}: berkas wp-content/uploads/{} tidak disalin: jenis berkas yang bisa menjalankan kode / not copied: a kind of file that can run code",
            item(title, id),
            crate::registry::grammar::shown(path)
        ),
    )
    .file(file)
    .help("hanya gambar, dokumen, audio dan video yang disalin; ubah ke PNG atau PDF bila perlu / only pictures, documents, audio and video are copied; convert it to PNG or PDF if needed")
}

pub fn alias_dropped(source: &Path, line: usize, alias: &str, why: &str) -> Finding {
    Finding::new(
        Code::ImportAliasDropped,
        format!(
            "alamat lama `{}` tidak dialihkan: {why} / old address not redirected",
            crate::registry::grammar::shown(alias)
        ),
    )
    .at(source, line)
}

/// Why an old address is not kept: it is not one laman can write.
pub fn alias_invalid(why: &str) -> String {
    format!("bukan alamat yang dapat ditulis laman ({why})")
}

/// Why an old address is not kept: another page has it already.
pub fn alias_taken(by: &str) -> String {
    format!("sudah dipakai oleh {by}")
}

pub fn file_kept(file: &Path) -> Finding {
    Finding::new(
        Code::ImportFileKept,
        "berkas ini sudah ada dan tidak ditulis oleh impor sebelumnya (atau sudah diubah sejak itu), jadi tidak ditimpa / this file exists and was not written by an earlier import (or was edited since), so it is kept as it is",
    )
    .file(file)
    .help("bandingkan dengan hasil impor (--dry-run menampilkan daftarnya) dan gabungkan sendiri / compare it with what the import would write and merge by hand")
}

pub fn nothing(source: &Path) -> Finding {
    Finding::new(
        Code::ImportNothing,
        "tidak ada berita atau halaman yang dapat diimpor / nothing could be imported",
    )
    .file(source)
    .help("periksa bahwa berkas ini adalah ekspor lengkap (Alat → Ekspor → Semua konten), dan lihat daftar yang dilewati; --drafts mengimpor draf / check it is a full export (Tools → Export → All content) and see the skipped list; --drafts imports drafts")
}

/// `--site` names no site the import may write.
pub fn not_a_site(label: &str, why: &str) -> String {
    format!(
        "`{}` {why}: impor hanya untuk subdomain jenis site yang diminta atau disetujui di domains.toml / the import is only for a subdomain of kind site that is requested or approved in domains.toml",
        crate::registry::grammar::shown(label)
    )
}

pub const NOT_IN_REGISTRY: &str = "tidak ada di registri / is not in the registry";
pub const NOT_SITE_KIND: &str = "bukan jenis site / is not of kind site";
pub const NOT_ACTIVE: &str =
    "tidak berstatus requested atau approved / is neither requested nor approved";

/// The site's folder exists and `--force` was not given.
pub fn exists(folder: &Path) -> String {
    format!(
        "{} sudah ada; impor ulang hanya dengan --force, yang menimpa berkas hasil impor sebelumnya dan tidak pernah menghapus atau menimpa berkas lain / already exists; import again only with --force, which rewrites what an earlier import wrote and never deletes or overwrites any other file",
        folder.display()
    )
}

pub fn unreadable(file: &Path) -> String {
    format!(
        "tidak dapat membaca ekspor WordPress {} / cannot read the WordPress export",
        file.display()
    )
}

pub fn not_wxr(file: &Path, line: usize) -> String {
    format!(
        "{}{}: bukan ekspor WordPress (WXR: <rss> dengan <wp:wxr_version>); ekspor dari Alat → Ekspor / not a WordPress export (WXR); export it with Tools → Export",
        file.display(),
        at_line(line)
    )
}

pub fn broken_xml(file: &Path, line: usize, why: &str) -> String {
    format!(
        "{}{}: XML rusak ({why}); ekspor ulang dari WordPress / broken XML; export it again",
        file.display(),
        at_line(line)
    )
}

pub fn too_large(file: &Path, line: usize) -> String {
    format!(
        "{}{}: satu elemen melebihi batas {} MiB; berkas ini bukan ekspor biasa / one element passes the {} MiB limit; this is no ordinary export",
        file.display(),
        at_line(line),
        super::wxr::MAX_EVENT >> 20,
        super::wxr::MAX_EVENT >> 20
    )
}

pub fn uploads_unreadable(dir: &Path) -> String {
    format!(
        "folder --uploads {} tidak dapat dibaca / the --uploads folder cannot be read",
        dir.display()
    )
}

pub fn write_failed(what: &Path) -> String {
    format!(
        "gagal menulis {}; tidak ada yang diubah di folder situs / cannot write; nothing in the site's folder was changed",
        what.display()
    )
}

fn at_line(line: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(":{line}")
    }
}
