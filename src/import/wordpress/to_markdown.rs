//! The HTML-to-markdown converter (`htmd`) every post goes through, set up once per
//! import.

use crate::html::escape_double_quoted as attr_escape;

/// The converter every post goes through: markdown's own forms, and the iframes the
/// site allows kept as HTML (the allow-list passed them already).
pub fn converter() -> htmd::HtmlToMarkdown {
    htmd::HtmlToMarkdown::builder()
        .options(htmd::options::Options {
            bullet_list_marker: htmd::options::BulletListMarker::Dash,
            ul_bullet_spacing: 1,
            ol_number_spacing: 1,
            hr_style: htmd::options::HrStyle::Dashes,
            ..Default::default()
        })
        .skip_tags(vec!["script", "style", "noscript", "template"])
        .add_handler(vec!["iframe"], |_: &dyn htmd::element_handler::Handlers, el: htmd::Element| {
            let get = |name: &str| {
                el.attrs
                    .iter()
                    .find(|a| &*a.name.local == name)
                    .map(|a| a.value.to_string())
            };
            let src = get("src")?;
            let title = get("title").unwrap_or_else(|| "Video".to_string());
            Some(
                format!(
                    "\n\n<iframe src=\"{}\" title=\"{}\" loading=\"lazy\" allowfullscreen></iframe>\n\n",
                    attr_escape(&src),
                    attr_escape(&title)
                )
                .into(),
            )
        })
        .build()
}
