//! The server of a suspended name: every path answers 503 with a short notice, in
//! Indonesian, that the Dinas has suspended the site, so that a reader with a stale DNS
//! cache or a bookmark learns why and sees no old content.

use super::{comment, headers, listens, tls, Options};
use crate::registry::Registry;
use std::fmt::Write;

/// Text inside the HTML of the suspension notice, which nginx holds in a single-quoted
/// string: HTML-escaped, and with no `'`, `\\`, `$` or control character left.
fn notice_text(text: &str) -> String {
    // The theme's HTML escape, then what nginx's string would read: `\` and `$`.
    crate::html::escape(&comment(text))
        .replace('\\', "&#92;")
        .replace('$', "&#36;")
}
/// The server of a suspended name: 503 and the notice, whatever the path.
pub(super) fn suspension(
    c: &mut String,
    reg: &Registry,
    o: &Options,
    domain: &str,
    name: &str,
    owner: &str,
) {
    let notice = format!(
        "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>Situs ditangguhkan</title></head><body><main><h1>Situs ditangguhkan</h1><p>Situs {name} ({}) untuk sementara ditangguhkan oleh {}. Informasi resmi tersedia di <a href=\"https://{domain}/\">{domain}</a>.</p></main></body></html>",
        notice_text(owner),
        notice_text(&reg.regency.dinas)
    );
    let _ = writeln!(c, "# {} (suspended)", comment(owner));
    let _ = write!(
        c,
        "server {{\n{}    server_name {name};\n{}{}    default_type text/html;\n    location / {{\n        return 503 '{}';\n    }}\n}}\n\n",
        listens(o.https, " ssl"),
        tls(o),
        headers(&[], domain),
        notice
    );
}
