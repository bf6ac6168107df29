//! One post's HTML to markdown: WordPress's own markup first (paragraphs of the classic
//! editor, block comments, shortcodes), then laman's allow-list (what it would refuse is
//! dropped and listed, never written), then the uploads it links (copied into the
//! page's bundle and linked by name), then markdown with `htmd`.
//!
//! Pure: it reads no file (the uploads folder is asked through [`super::media`]) and
//! writes none; what it found is returned for the report.

use super::address::local_path;
use super::autop::autop;
use super::media::{self, NotCopied, Uploads};
use super::shortcode::{self, Shortcode};
use super::text::strip_tags;
use crate::html::{escape_double_quoted as attr_escape, escape_text as text_escape};
use crate::markdown::{HtmlPolicy, SanitizerProblem};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What the conversion of every post shares.
pub struct Context<'a> {
    /// The old site's hosts, lowercase, without `www.`.
    pub hosts: &'a [String],
    /// Attachments of the export: id → (address, title), and by parent post.
    pub attachments: &'a BTreeMap<u64, (String, String)>,
    pub children: &'a BTreeMap<u64, Vec<u64>>,
    pub uploads: Option<&'a Uploads>,
    /// The site's raw-HTML rules (its allowed iframe hosts).
    pub policy: &'a HtmlPolicy,
    pub iframe_hosts: &'a [String],
    pub converter: &'a htmd::HtmlToMarkdown,
    /// Old addresses of the imported items → their new paths (see [`super::plan::Plan::moved`]).
    pub moved: &'a BTreeMap<String, String>,
}

/// One post converted, with everything the report lists about it.
#[derive(Debug, Default)]
pub struct Converted {
    pub markdown: String,
    /// Files to copy into the bundle: source → name in the bundle.
    pub media: Vec<(PathBuf, String)>,
    /// Uploads referenced but not in `--uploads` (as the post names them).
    pub missing: Vec<String>,
    /// Uploads of a kind a site may not carry.
    pub refused: Vec<String>,
    /// Attachment ids a `[gallery]` names that the export holds no attachment for.
    pub gallery_missing: Vec<u64>,
    /// Shortcodes laman does not know, by name (kept visible in the text).
    pub unknown: Vec<String>,
    /// What the allow-list dropped: (line of the post's HTML, what, its kind: `script`,
    /// `frame` for an embedded document, `other`), the kind choosing the hint.
    pub dropped: Vec<(usize, String, &'static str)>,
    /// Shortcodes turned into something less (a form into a note).
    pub replaced: Vec<String>,
    /// Elements nested deeper than any page may: nothing was converted (the tree
    /// walkers of a converter would recurse that deep).
    pub too_deep: bool,
}

/// Converts a post's `content:encoded`.
pub fn convert(html: &str, post_id: u64, cx: &Context) -> Converted {
    let mut out = Converted::default();
    let html = if html.contains("<!-- wp:") {
        html.to_string()
    } else {
        autop(html)
    };
    let html = shortcode::rewrite(&html, |code| expand(code, post_id, cx, &mut out));
    for (offset, problem) in cx.policy.check(&html) {
        if problem == SanitizerProblem::TooDeep {
            out.too_deep = true;
            return out;
        }
        if let Some((what, kind)) = dropped(&problem) {
            out.dropped
                .push((crate::finding::line_of(&html, offset), what, kind));
        }
    }
    let clean = cx.policy.sanitize(&html);
    let clean = rewrite_urls(&clean, cx, &mut out);
    let markdown = cx.converter.convert(&clean).unwrap_or_default();
    out.markdown = tidy(&markdown);
    out
}

/// What of a problem of the allow-list is worth an operator's attention: elements and
/// attributes that run code or load other documents. Presentation (`style`, `class`,
/// `width`) is dropped silently: markdown carries none of it. With its kind (see
/// [`Converted::dropped`]).
fn dropped(problem: &SanitizerProblem) -> Option<(String, &'static str)> {
    let kind = match problem {
        SanitizerProblem::Element(tag) if DROPPED_QUIETLY.contains(&tag.as_str()) => return None,
        SanitizerProblem::Element(tag) if tag == "script" || tag == "noscript" => "script",
        SanitizerProblem::Element(tag)
            if matches!(tag.as_str(), "iframe" | "frame" | "object" | "embed") =>
        {
            "frame"
        }
        SanitizerProblem::IframeHost(_) => "frame",
        SanitizerProblem::Element(_) => "other",
        SanitizerProblem::Handler(..) => "script",
        SanitizerProblem::Address(_, url) if crate::markdown::is_script_url(url) => "script",
        _ => return None,
    };
    Some((problem.message(), kind))
}

/// Layout elements WordPress themes and page builders wrap content in: their content
/// stays, only the element goes.
const DROPPED_QUIETLY: &[&str] = &[
    "figure",
    "figcaption",
    "font",
    "center",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
];

/// The HTML a known shortcode becomes; `None` keeps it (and lists it).
fn expand(code: &Shortcode, post_id: u64, cx: &Context, out: &mut Converted) -> Option<String> {
    match code.name.as_str() {
        "caption" | "wp_caption" => Some(caption(code)),
        "gallery" => Some(gallery(code, post_id, cx, out)),
        "embed" => {
            let url = code.content.as_deref().or(code.attr("src")).unwrap_or("");
            Some(embed(url.trim(), cx))
        }
        "video" | "audio" => {
            let src = ["src", "mp4", "m4v", "webm", "ogv", "mp3", "ogg", "wav", ""]
                .iter()
                .find_map(|k| code.attr(k).filter(|v| !v.is_empty()))
                .unwrap_or("");
            let label = if code.name == "video" {
                "Video"
            } else {
                "Audio"
            };
            Some(format!(
                "<p><a href=\"{}\">{label}</a></p>",
                attr_escape(src)
            ))
        }
        "pdf-embedder" => {
            let url = code.attr("url").unwrap_or("");
            let name = url.rsplit('/').next().unwrap_or("dokumen");
            Some(format!(
                "<p><a href=\"{}\">Dokumen PDF: {}</a></p>",
                attr_escape(url),
                text_escape(&percent_encoding::percent_decode_str(name).decode_utf8_lossy())
            ))
        }
        "contact-form-7" => {
            out.replaced.push(code.name.clone());
            Some(format!(
                "<p><em>{}</em></p>",
                text_escape(super::report::FORM_NOTE)
            ))
        }
        _ => {
            out.unknown.push(code.name.clone());
            None
        }
    }
}

/// `[caption]<img ...> Caption text[/caption]`: the picture, its caption below it, and
/// the caption as the picture's alt text when it has none.
fn caption(code: &Shortcode) -> String {
    let inner = code.content.as_deref().unwrap_or("");
    let end = inner
        .rfind("</a>")
        .map(|i| i + 4)
        .or_else(|| {
            inner
                .find("<img")
                .and_then(|i| inner[i..].find('>').map(|j| i + j + 1))
        })
        .unwrap_or(0);
    let (picture, text) = inner.split_at(end);
    let caption_text = strip_tags(text);
    let caption_text = caption_text.trim();
    let caption_text = if caption_text.is_empty() {
        code.attr("caption").unwrap_or("").to_string()
    } else {
        caption_text.to_string()
    };
    let picture = if !picture.contains("alt=\"") || picture.contains("alt=\"\"") {
        let without = picture.replace("alt=\"\"", "");
        without.replacen(
            "<img",
            &format!("<img alt=\"{}\"", attr_escape(&caption_text)),
            1,
        )
    } else {
        picture.to_string()
    };
    format!(
        "<p>{picture}</p><p><em>{}</em></p>",
        text_escape(&caption_text)
    )
}

/// `[gallery ids="1,2"]`, or the post's attached pictures: each picture in turn. An id
/// the export holds no attachment for is listed.
fn gallery(code: &Shortcode, post_id: u64, cx: &Context, out: &mut Converted) -> String {
    let ids: Vec<u64> = match code.attr("ids").or(code.attr("include")) {
        Some(list) => list
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .collect(),
        None => cx.children.get(&post_id).cloned().unwrap_or_default(),
    };
    let mut html = String::new();
    for id in ids.iter().take(500) {
        match cx.attachments.get(id) {
            Some((url, title)) => html.push_str(&format!(
                "<p><img src=\"{}\" alt=\"{}\"></p>",
                attr_escape(url),
                attr_escape(title)
            )),
            None => out.gallery_missing.push(*id),
        }
    }
    html
}

/// An embedded address: an iframe when the site allows the host (YouTube's watch
/// addresses become its embed address), else a link to it.
fn embed(url: &str, cx: &Context) -> String {
    let iframe = youtube_embed(url).filter(|(host, _)| cx.iframe_hosts.iter().any(|h| h == host));
    match iframe {
        Some((_, src)) => format!(
            "<iframe src=\"{}\" title=\"Video\" loading=\"lazy\" allowfullscreen></iframe>",
            attr_escape(&src)
        ),
        None => format!(
            "<p><a href=\"{}\">{}</a></p>",
            attr_escape(url),
            text_escape(url)
        ),
    }
}

/// `https://www.youtube.com/watch?v=ID` or `https://youtu.be/ID` → the embed host and
/// address (`www.youtube-nocookie.com` when the site allows it, else `www.youtube.com`).
fn youtube_embed(url: &str) -> Option<(String, String)> {
    let id = if let Some(rest) = url.strip_prefix("https://youtu.be/") {
        rest.split(['?', '&', '/']).next()?
    } else {
        let rest = url
            .strip_prefix("https://www.youtube.com/watch?")
            .or_else(|| url.strip_prefix("https://youtube.com/watch?"))?;
        rest.split('&').find_map(|kv| kv.strip_prefix("v="))?
    };
    let valid = !id.is_empty()
        && id.len() <= 20
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    valid.then(|| {
        (
            "www.youtube.com".to_string(),
            format!("https://www.youtube.com/embed/{id}"),
        )
    })
}

/// Rewrites `src` and `href` of the sanitized HTML: the old site's uploads become the
/// bundle's files. The sanitizer's output quotes every attribute with `"` and escapes
/// `&`, so attributes are found exactly; text never holds a raw `<`.
fn rewrite_urls(html: &str, cx: &Context, out: &mut Converted) -> String {
    let mut names: BTreeMap<PathBuf, String> = out.media.iter().cloned().collect();
    let mut result = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(tag) = rest.find('<') {
        result.push_str(&rest[..tag]);
        rest = &rest[tag..];
        let end = tag_end(rest);
        let mut piece = rest[..end].to_string();
        for attr in [" src=\"", " href=\""] {
            if let Some(at) = piece.find(attr) {
                let from = at + attr.len();
                if let Some(len) = piece[from..].find('"') {
                    let value = piece[from..from + len].replace("&amp;", "&");
                    if let Some(new) = local_name(&value, cx, out, &mut names) {
                        piece.replace_range(from..from + len, &attr_escape(&new));
                    }
                }
            }
        }
        result.push_str(&piece);
        rest = &rest[end..];
    }
    result.push_str(rest);
    out.media = names.into_iter().collect();
    out.media.sort_by(|a, b| a.1.cmp(&b.1));
    result
}

/// The end of the tag starting `text` (after its `>`, quotes respected).
fn tag_end(text: &str) -> usize {
    let mut quote = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quote = !quote,
            '>' if !quote => return i + 1,
            _ => {}
        }
    }
    text.len()
}

/// The bundle name for an upload the HTML links, copying it in; `None` leaves the
/// address as it is (not an upload, or listed as missing or refused).
fn local_name(
    url: &str,
    cx: &Context,
    out: &mut Converted,
    names: &mut BTreeMap<PathBuf, String>,
) -> Option<String> {
    if let Some(to) = moved(url, cx) {
        return Some(to);
    }
    let rel = media::upload_path(url, cx.hosts)?;
    let found = match cx.uploads {
        Some(uploads) => uploads.find(&rel),
        None => Err(NotCopied::Missing),
    };
    match found {
        Ok(source) => {
            if let Some(name) = names.get(&source) {
                return Some(name.clone());
            }
            // The file found (the original of a resized copy) names it.
            let found = source
                .file_name()
                .map_or(rel.clone(), |n| n.to_string_lossy().into_owned());
            let mut name = media::bundle_name(&found);
            let mut n = 2;
            while names.values().any(|v| v == &name) || name == "index.md" {
                name = format!("{n}-{}", media::bundle_name(&found));
                n += 1;
            }
            names.insert(source, name.clone());
            Some(name)
        }
        Err(NotCopied::Missing) => {
            if !out.missing.contains(&rel) {
                out.missing.push(rel);
            }
            None
        }
        Err(NotCopied::Kind) => {
            if !out.refused.contains(&rel) {
                out.refused.push(rel);
            }
            None
        }
    }
}

/// The new path of a link to another imported page at its old address on the old site.
fn moved(url: &str, cx: &Context) -> Option<String> {
    let path = if url.starts_with('/') && !url.starts_with("//") {
        url.to_string()
    } else {
        local_path(url, cx.hosts)?
    };
    let alias = crate::content::alias::Alias::parse(&path).ok()?;
    cx.moved.get(&alias.address()).cloned()
}

/// Blank lines at most two, no trailing spaces but markdown's line breaks, one final
/// newline.
fn tidy(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() + 1);
    let mut blank = 0;
    for line in markdown.lines() {
        let trimmed = if line.ends_with("  ") && !line.trim().is_empty() {
            line
        } else {
            line.trim_end()
        };
        if trimmed.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(trimmed);
        out.push('\n');
    }
    let trimmed = out.trim_matches('\n');
    format!("{trimmed}\n")
}

#[cfg(test)]
mod tests {
    use super::super::to_markdown::converter;
    use super::*;

    fn convert_with(html: &str, iframe_hosts: &[String]) -> Converted {
        let attachments = BTreeMap::from([(
            7,
            (
                "https://dinkes.example.go.id/wp-content/uploads/2024/03/a.jpg".to_string(),
                "Foto A".to_string(),
            ),
        )]);
        let children = BTreeMap::new();
        let policy = HtmlPolicy::new(iframe_hosts);
        let converter = converter();
        let hosts = vec!["dinkes.example.go.id".to_string()];
        let moved = BTreeMap::new();
        let cx = Context {
            moved: &moved,
            hosts: &hosts,
            attachments: &attachments,
            children: &children,
            uploads: None,
            policy: &policy,
            iframe_hosts,
            converter: &converter,
        };
        convert(html, 1, &cx)
    }

    #[test]
    fn classic_paragraphs_captions_and_galleries_become_markdown() {
        let c = convert_with(
            "Paragraf satu\nbaris dua\n\n[caption id=\"x\" width=\"300\"]<img src=\"/foto.jpg\" alt=\"\"> Kepala dinas[/caption]\n\n[gallery ids=\"7,99\"]",
            &[],
        );
        assert_eq!(
            c.markdown,
            "Paragraf satu  \nbaris dua\n\n![Kepala dinas](/foto.jpg)\n\n*Kepala dinas*\n\n![Foto A](https://dinkes.example.go.id/wp-content/uploads/2024/03/a.jpg)\n"
        );
        assert_eq!(c.missing, vec!["2024/03/a.jpg"]);
        // 99 is no attachment of the export: listed, not silently dropped.
        assert_eq!(c.gallery_missing, vec![99]);
    }

    #[test]
    fn scripts_and_handlers_are_dropped_and_listed_never_written() {
        let c = convert_with(
            "<p>Teks<script>alert(1)</script> <a href=\"javascript:alert(2)\" onclick=\"x()\">tautan</a> &lt;script&gt;teks&lt;/script&gt;</p><iframe src=\"https://evil.example/\"></iframe>",
            &[],
        );
        assert!(
            !c.markdown.contains("alert")
                && !c.markdown.contains("javascript")
                && !c.markdown.contains("<iframe"),
            "{}",
            c.markdown
        );
        assert!(c.markdown.contains("\\<script>teks"), "{}", c.markdown);
        let what: Vec<&str> = c.dropped.iter().map(|(_, w, _)| w.as_str()).collect();
        assert_eq!(what.len(), 4, "{what:?}");
    }

    #[test]
    fn embeds_become_iframes_only_from_allowed_hosts_and_unknown_shortcodes_stay() {
        let allowed = vec!["www.youtube.com".to_string()];
        let c = convert_with(
            "[embed]https://www.youtube.com/watch?v=abc_DEF-1[/embed]\n\n[slider id=\"3\"]",
            &allowed,
        );
        assert!(
            c.markdown
                .contains("<iframe src=\"https://www.youtube.com/embed/abc_DEF-1\""),
            "{}",
            c.markdown
        );
        assert_eq!(c.unknown, vec!["slider"]);
        assert!(c.markdown.contains("slider id="), "{}", c.markdown);
        let c = convert_with("[embed]https://www.youtube.com/watch?v=abc[/embed]", &[]);
        assert!(
            c.markdown
                .starts_with("[https://www.youtube.com/watch?v=abc]("),
            "{}",
            c.markdown
        );
        let form = convert_with("[contact-form-7 id=\"5\" title=\"Kontak\"]", &[]);
        assert_eq!(form.replaced, vec!["contact-form-7"]);
    }

    #[test]
    fn html_nested_beyond_any_page_is_not_converted() {
        let deep = "<div>".repeat(100_000);
        let started = std::time::Instant::now();
        let c = convert_with(&deep, &[]);
        assert!(c.too_deep && c.markdown.is_empty());
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }
}
