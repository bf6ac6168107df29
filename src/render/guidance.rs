//! The guidance of a draft in the preview: what the starter files (and editors) write in
//! HTML comments, "what to write here", shown by `laman serve` in a box at the top of
//! the draft's content, so that the preview of an empty page says what belongs on it.
//!
//! Only with [`super::RenderOptions::serve`] and only on a draft: a build never shows
//! it (not in pages, feeds or the search index, which read the markdown's HTML, never
//! this box). The comments are the editor's text: escaped, never markup.

use crate::html::escape;

/// The look of the box: its own inline styles, so that any theme shows it the same
/// (dark text on pale yellow, over 7:1), its line breaks kept as written.
const BOX_STYLE: &str = "display:block;margin:0 0 1.5rem;padding:.75rem 1rem;background:#fff6d5;color:#2b2100;border:2px dashed #7a5c00;border-left:.5rem solid #7a5c00;border-radius:.25rem;font:1rem/1.5 system-ui,sans-serif";

/// The content of a page with its guidance before it, when the page is a draft shown by
/// the preview and has any; else the content as it is.
pub(super) fn with_guidance<'a>(
    content: &'a str,
    guidance: &[String],
    draft: bool,
    serve: bool,
) -> std::borrow::Cow<'a, str> {
    if !(serve && draft) || guidance.is_empty() {
        return content.into();
    }
    let mut html = format!(
        "<div class=\"laman-panduan\" role=\"note\" aria-labelledby=\"laman-panduan-judul\" style=\"{BOX_STYLE}\"><p id=\"laman-panduan-judul\" style=\"margin:0 0 .25rem;font-weight:700\">{}</p>",
        escape(&crate::msg!("preview-guidance-title"))
    );
    for text in guidance {
        html.push_str(&format!(
            "<p style=\"margin:.25rem 0 0;white-space:pre-line\">{}</p>",
            escape(text)
        ));
    }
    html.push_str("</div>");
    html.push_str(content);
    html.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guidance_is_shown_on_drafts_in_the_preview_only_and_escaped() {
        let guidance = vec!["--> <script>alert(1)</script> & \"x\"".to_string()];
        let shown = with_guidance("<p>isi</p>", &guidance, true, true);
        assert!(
            shown.starts_with("<div class=\"laman-panduan\" role=\"note\""),
            "{shown}"
        );
        assert!(shown.ends_with("</p></div><p>isi</p>"), "{shown}");
        assert!(!shown.contains("<script>"), "{shown}");
        assert!(shown.contains("--&gt; &lt;script&gt;alert(1)&lt;/script&gt; &amp;"));
        assert_eq!(
            with_guidance("<p>isi</p>", &guidance, true, false),
            "<p>isi</p>"
        );
        assert_eq!(
            with_guidance("<p>isi</p>", &guidance, false, true),
            "<p>isi</p>"
        );
        assert_eq!(with_guidance("<p>isi</p>", &[], true, true), "<p>isi</p>");
    }
}
