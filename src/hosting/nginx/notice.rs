//! The server of a suspended name: every path answers 503 with a notice, in Indonesian,
//! that the Dinas has suspended the site, so that a reader with a stale DNS cache or a
//! bookmark learns why and sees no old content, and does not take the page for a
//! defacement: it carries the regency's name and crest and the theme's colours, says by
//! whose decision (with the decree's number and date when the registry has them), whom
//! to ask, and links to the portal.
//!
//! The page stands alone: its style is one inline `<style>` (allowed by its hash in the
//! server's Content-Security-Policy, which otherwise allows no inline style), the crest an
//! SVG in a `data:` image (an `<img>` runs no script, whatever the SVG holds), and it
//! loads nothing. It is always Indonesian: a citizen reads it, whatever language the
//! command line speaks.
//!
//! How it reaches nginx: as the text of `return 503`, which nginx reads from one or more
//! variables (`set $laman_notice_N '...'`), each under nginx's limit on one parameter
//! (4 KiB). Every value is HTML-escaped, then `\` and `$` become character references:
//! no chunk holds a `'`, `\`, `$` or control character, so none can leave its string.

use super::{comment, headers_with_style, listens, tls, Options};
use crate::registry::grammar::email_problem;
use crate::registry::{Registry, Status, Subdomain};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::fmt::Write;

/// The longest `set` value written: well under nginx's 4096-byte parameter buffer.
const CHUNK: usize = 2000;

/// The largest crest put in the page (a bigger one is left out: the page stays small).
pub const CREST_MAX: usize = 16 * 1024;

/// The notice's style: the theme's (`pemda`) colours and system fonts. Holds no `'`,
/// `\` or `$` (it is written into an nginx string as it is).
const STYLE: &str = "*{box-sizing:border-box}\
body{margin:0;font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",\"Liberation Sans\",Arial,sans-serif;line-height:1.6;color:#1b1b1b;background:#fff;display:flex;flex-direction:column;min-height:100vh}\
.w{max-width:44rem;margin:0 auto;padding:0 1rem;width:100%}\
.resmi{background:#f1f3f2;font-size:.875rem;border-bottom:1px solid #c9d1cd}.resmi p{margin:0;padding:.35rem 0}\
.kepala{background:#0b5134;color:#fff}\
.kepala .w{display:flex;align-items:center;gap:.75rem;padding-top:.75rem;padding-bottom:.75rem}\
.kepala p{margin:0;font-size:1.25rem;font-weight:700;line-height:1.25}\
main{flex:1;padding-top:1.5rem;padding-bottom:2.5rem}\
h1,h2{line-height:1.25;color:#123a2b}h1{font-size:1.875rem;margin:.75rem 0}h2{font-size:1.25rem;margin-top:2rem}\
.kotak{border:1px solid #b38600;border-left:6px solid #b38600;background:#fff4d6;color:#5a3d00;border-radius:4px;padding:.75rem 1rem}\
a{color:#0b5134;text-underline-offset:.15em}a:focus-visible{outline:3px solid #f2b705;outline-offset:2px}\
footer{background:#123a2b;color:#fff;font-size:.9375rem}footer p{margin:0;padding:1rem 0}footer a{color:#cfe9db}\
@media (min-width:48rem){h1{font-size:2.25rem}}";

/// A value for the page: HTML-escaped, one line (see [`comment`]), with no `\` or `$`
/// left for nginx to read.
fn notice_text(text: &str) -> String {
    crate::html::escape(&comment(text))
        .replace('\\', "&#92;")
        .replace('$', "&#36;")
}

/// `Nomor ... tanggal ...` of the decree that suspended the site (the last `suspended`
/// entry of its history), when the registry records one; its date alone otherwise.
fn decree(sub: &Subdomain) -> String {
    let Some(entry) = sub
        .history
        .iter()
        .rev()
        .find(|h| h.action == Status::Suspended)
    else {
        return String::new();
    };
    let date = crate::render::tanggal_of(entry.date, false);
    match entry.decree.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(number) => format!(" Nomor {} tanggal {date}", notice_text(number)),
        None => format!(" sejak {date}"),
    }
}

/// Whom a reader asks: the Dinas, by the address `[regency] contact` gives (a valid
/// address only), and always the portal.
fn contact(reg: &Registry, dinas: &str, domain: &str) -> String {
    let portal = format!("<a href=\"https://{domain}/\">{domain}</a>");
    match reg.regency.contact.as_deref().filter(|a| email_problem(a).is_none()) {
        Some(address) => {
            let a = notice_text(address);
            format!("<p>Pertanyaan tentang penangguhan ini dapat disampaikan kepada {dinas} melalui surel <a href=\"mailto:{a}\">{a}</a>. Informasi resmi pemerintah daerah tersedia di portal {portal}.</p>")
        }
        None => format!("<p>Pertanyaan tentang penangguhan ini dapat disampaikan kepada {dinas}. Informasi resmi dan kontak pemerintah daerah tersedia di portal {portal}.</p>"),
    }
}

/// The whole page. `crest`: the theme's crest (SVG), shown beside the regency's name.
pub(super) fn page(
    reg: &Registry,
    domain: &str,
    name: &str,
    sub: &Subdomain,
    crest: Option<&[u8]>,
) -> String {
    let regency = notice_text(&reg.regency.name);
    let dinas = notice_text(&reg.regency.dinas);
    let owner = notice_text(&sub.owner);
    let crest = crest
        .filter(|c| c.len() <= CREST_MAX)
        .map_or(String::new(), |svg| {
            format!(
                "<img src=\"data:image/svg+xml;base64,{}\" alt=\"\" width=\"48\" height=\"48\">",
                base64::engine::general_purpose::STANDARD.encode(svg)
            )
        });
    let mut p = format!("<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Situs ditangguhkan sementara · {regency}</title><style>{STYLE}</style></head><body>");
    let _ = write!(
        p,
        "<div class=\"resmi\"><div class=\"w\"><p>Situs web resmi {regency}</p></div></div>"
    );
    let _ = write!(
        p,
        "<header class=\"kepala\"><div class=\"w\">{crest}<p>{regency}</p></div></header>"
    );
    let _ = write!(
        p,
        "<main class=\"w\"><h1>Situs ini ditangguhkan sementara</h1>"
    );
    let _ = write!(p, "<p class=\"kotak\">Situs <strong>{name}</strong> ({owner}) untuk sementara tidak dapat diakses karena ditangguhkan berdasarkan keputusan {dinas}{}.</p>", decree(sub));
    let _ = write!(p, "<p>Halaman ini adalah pemberitahuan resmi {regency}, bukan tanda situs diretas. Isi situs tidak ditampilkan selama penangguhan; situs akan dibuka kembali setelah penangguhan dicabut.</p>");
    let _ = write!(
        p,
        "<h2>Informasi dan kontak</h2>{}</main>",
        contact(reg, &dinas, domain)
    );
    let _ = write!(p, "<footer><div class=\"w\"><p>{regency} · <a href=\"https://{domain}/\">{domain}</a></p></div></footer></body></html>");
    p
}

/// The `'sha256-...'` source that allows [`STYLE`] in the Content-Security-Policy.
pub(super) fn style_source() -> String {
    let hash = Sha256::digest(STYLE.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(hash)
    )
}

/// `text` in pieces of at most [`CHUNK`] bytes, cut between characters.
fn chunks(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let mut end = rest.len().min(CHUNK);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        let (head, tail) = rest.split_at(end);
        out.push(head);
        rest = tail;
    }
    out
}

/// The server of a suspended name: 503 and the notice, whatever the path.
pub(super) fn suspension(
    c: &mut String,
    reg: &Registry,
    o: &Options,
    domain: &str,
    name: &str,
    sub: &Subdomain,
) {
    let notice = page(reg, domain, name, sub, o.crest);
    let mut sets = String::new();
    let mut vars = String::new();
    for (n, chunk) in chunks(&notice).into_iter().enumerate() {
        let _ = writeln!(sets, "        set $laman_notice_{n} '{chunk}';");
        let _ = write!(vars, "$laman_notice_{n}");
    }
    let _ = writeln!(c, "# {} (suspended)", comment(&sub.owner));
    let _ = write!(
        c,
        "server {{\n{}    server_name {name};\n{}{}    default_type text/html;\n    charset utf-8;\n    location / {{\n{sets}        return 503 \"{vars}\";\n    }}\n}}\n\n",
        listens(o.https, " ssl"),
        tls(o),
        headers_with_style(domain, &style_source()),
    );
}
