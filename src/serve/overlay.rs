//! The preview's error panel: every error finding with where it is and what to do, in
//! an opaque panel over the top of the page, as tall as its content and scrollable when
//! that is taller than the window (the page stays visible below a short list). What a
//! message holds between backticks is shown as code; everything is escaped first
//! (messages quote what editors wrote).

use super::RELOAD_SCRIPT;
use crate::finding::Finding;
use crate::html::escape;

/// The panel's look: fixed to the top of the window, opaque, no taller than the window.
const PANEL_STYLE: &str = "position:fixed;top:.75rem;left:.75rem;right:.75rem;max-height:calc(100vh - 1.5rem);overflow:auto;box-sizing:border-box;z-index:99999;background:#1b1b1b;color:#fff;border:2px solid #ffb4a9;border-radius:.5rem;box-shadow:0 .5rem 2rem rgba(0,0,0,.5);font:16px/1.5 system-ui,sans-serif;padding:1rem 1.25rem;text-align:left";

/// How a code span looks inside the panel.
const CODE_STYLE: &str =
    "background:#333;color:#ffd479;padding:0 .25em;border-radius:.2em;font:.9em/1.4 ui-monospace,monospace;overflow-wrap:anywhere";

/// The text escaped, with each pair of backticks made a `code` span. A lone backtick
/// (no closing one) stays as written.
pub(super) fn with_code(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    let mut html = String::with_capacity(text.len() + 32);
    for (i, part) in parts.iter().enumerate() {
        let closed = i + 1 < parts.len();
        if i % 2 == 1 && closed {
            html.push_str(&format!(
                "<code style=\"{CODE_STYLE}\">{}</code>",
                escape(part)
            ));
        } else {
            if i % 2 == 1 {
                html.push('`');
            }
            // A message of several lines (a list of what is missing) keeps its lines.
            html.push_str(&escape(part).replace('\n', "<br>"));
        }
    }
    html
}

/// The error panel.
pub(super) fn overlay(findings: &[Finding]) -> String {
    let errors: Vec<&Finding> = findings.iter().filter(|f| f.is_error()).collect();
    let mut html = format!(
        "<div id=\"laman-overlay\" role=\"alert\" lang=\"{}\" style=\"{PANEL_STYLE}\">",
        crate::i18n::lang().code()
    );
    html.push_str(&format!(
        "<h2 style=\"color:#ffb4a9;margin:0 0 .5rem;font-size:1.25rem\">{}</h2><ol style=\"margin:0;padding-left:1.5rem\">",
        with_code(&crate::msg!("overlay-title", errors = errors.len()))
    ));
    for f in errors {
        let place = f.place();
        html.push_str(&format!(
            "<li style=\"margin:0 0 .75rem\"><code style=\"color:#ffd479\">{}</code> <strong>{}</strong><br>{}",
            escape(f.code.as_str()),
            escape(&place),
            with_code(&f.message)
        ));
        if let Some(help) = &f.help {
            html.push_str(&format!(
                "<br><em>{}</em> {}",
                escape(&crate::msg!("overlay-help")),
                with_code(help)
            ));
        }
        html.push_str("</li>");
    }
    html.push_str(&format!(
        "</ol><p style=\"margin:.5rem 0 0\">{}</p></div>",
        with_code(&crate::msg!("overlay-reload"))
    ));
    html
}

/// A page of its own for when there is no page to put the panel on.
pub(super) fn overlay_page(findings: &[Finding], title: &str) -> String {
    format!(
        "<!doctype html><html lang=\"{l}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{t}</title></head><body><main><h1>{t}</h1></main>{}{RELOAD_SCRIPT}</body></html>",
        if findings.iter().any(|f| f.is_error()) { overlay(findings) } else { String::new() },
        t = escape(title),
        l = crate::i18n::lang().code()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_between_backticks_is_code_and_everything_is_escaped() {
        assert_eq!(
            with_code("kolom `date` tidak dikenal"),
            format!("kolom <code style=\"{CODE_STYLE}\">date</code> tidak dikenal")
        );
        let hostile = with_code("`<script>alert(1)</script>` & <b>`x\"`");
        assert!(!hostile.contains("<script>"), "{hostile}");
        assert!(!hostile.contains("<b>"), "{hostile}");
        assert!(hostile.contains("&lt;script&gt;alert(1)&lt;/script&gt;</code>"));
        assert!(hostile.contains("&lt;b&gt;<code"), "{hostile}");
        assert_eq!(with_code("a ` b"), "a ` b");
        assert_eq!(with_code("`a` and ` b").matches("<code").count(), 1);
        assert_eq!(
            with_code("``"),
            format!("<code style=\"{CODE_STYLE}\"></code>")
        );
        assert_eq!(with_code(""), "");
    }
}
