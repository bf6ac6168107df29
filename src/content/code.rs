//! Code in a site's folder: its own templates, and the files a browser (or a web server
//! set up wrongly) would run or let restyle the page. Whether a site may carry them is
//! the Dinas's decision, written in the registry (`custom_code = true`); for every other
//! site each such file is a `content.code.unapproved` error and is left out, so it is
//! neither published nor served by the preview.
//!
//! Decided by the file's name, and for SVG and XML by what they hold (an SVG image
//! without script is a picture). This module must not decide anything about the
//! regency's `themes/`, which are the Dinas's own.

use super::{Asset, TemplateFile};
use crate::finding::{Code, Finding};
use crate::input::Source;
use crate::msg;

/// Drops the site's templates and the assets that are code; a finding for each.
pub(super) fn refuse_unapproved(
    assets: &mut Vec<Asset>,
    templates: &mut Vec<TemplateFile>,
) -> Vec<Finding> {
    let mut findings: Vec<Finding> = templates
        .drain(..)
        .map(|t| unapproved(&t.origin, "code-template"))
        .collect();
    assets.retain(|asset| match what_code(&asset.dest, &asset.source) {
        Some(what) => {
            findings.push(unapproved(&asset.origin, what));
            false
        }
        None => true,
    });
    findings
}

/// `what` is the catalogue key naming the kind of code.
fn unapproved(file: &std::path::Path, what: &str) -> Finding {
    Finding::new(
        Code::ContentCodeUnapproved,
        msg!("code-unapproved", what = msg!(what)),
    )
    .file(file)
    .help(msg!("code-unapproved-help"))
}

/// What kind of code a file is, if it is code: the catalogue key of its name.
fn what_code(name: &str, source: &Source) -> Option<&'static str> {
    let base = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
    if matches!(
        base.as_str(),
        ".htaccess" | ".htpasswd" | ".user.ini" | "web.config"
    ) {
        return Some("code-server-config");
    }
    let ext = base.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "html" | "htm" | "xhtml" | "xht" | "shtml" | "mht" | "mhtml" | "hta" => Some("code-html"),
        "js" | "mjs" | "cjs" => Some("code-script"),
        "wasm" => Some("code-wasm"),
        "swf" => Some("code-flash"),
        "css" => Some("code-css"),
        "xsl" | "xslt" => Some("code-xsl"),
        "svgz" => Some("code-svgz"),
        "php" | "php3" | "php4" | "php5" | "php7" | "phtml" | "phar" | "cgi" | "pl" | "py"
        | "rb" | "sh" | "asp" | "aspx" | "jsp" => Some("code-server-script"),
        "svg" | "xml" => {
            let bytes = source.read().unwrap_or_default();
            is_active_markup(&String::from_utf8_lossy(&bytes)).then_some(if ext == "svg" {
                "code-svg"
            } else {
                "code-xml"
            })
        }
        _ => None,
    }
}

/// Elements that run script or embed a document, by local name (lowercase).
const ACTIVE_ELEMENTS: &[&str] = &[
    "script",
    "foreignobject",
    "iframe",
    "frame",
    "object",
    "embed",
    "applet",
    "handler",
    "listener",
    "base",
    "meta",
];

/// Whether SVG or XML markup can run anything: a script or embedding element, an `on*`
/// attribute, a `javascript:`/`vbscript:`/`data:` address (also as an animated value),
/// or an `<?xml-stylesheet?>` instruction. Read with an HTML tokenizer, which takes
/// tags, attributes and character references as a browser does; names are compared
/// without their namespace prefix.
fn is_active_markup(text: &str) -> bool {
    for token in html5gum::Tokenizer::new(text).flatten() {
        match token {
            html5gum::Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if ACTIVE_ELEMENTS.contains(&local(&name)) {
                    return true;
                }
                for (key, value) in &tag.attributes {
                    let key = String::from_utf8_lossy(key).to_ascii_lowercase();
                    if local(&key).starts_with("on") || is_script_address(&value.value) {
                        return true;
                    }
                }
            }
            html5gum::Token::Comment(comment) => {
                let text = String::from_utf8_lossy(&comment.value).to_ascii_lowercase();
                if text.trim_start().starts_with("?xml-stylesheet") {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// Whether a value holds an address that runs code, as a browser reads it (spaces and
/// control characters inside the scheme are ignored). A `data:` address of a raster
/// image (as drawing programs embed pictures) runs nothing.
fn is_script_address(value: &[u8]) -> bool {
    let squeezed: String = String::from_utf8_lossy(value)
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let raster = ["png", "jpeg", "jpg", "gif", "webp", "avif"];
    squeezed.contains("javascript:")
        || squeezed.contains("vbscript:")
        || squeezed.match_indices("data:").any(|(at, _)| {
            let rest = &squeezed[at + "data:".len()..];
            !raster.iter().any(|r| {
                rest.starts_with(&format!("image/{r};")) || rest.starts_with(&format!("image/{r},"))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_is_code_only_when_it_can_run_something() {
        let harmless = r#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10"><title>Bagan</title><rect width="10" height="10" fill="url(#g)"/><a href="https://example.go.id/">x</a><image href="data:image/png;base64,iVBO"/></svg>"#;
        assert!(!is_active_markup(harmless));
        for active in [
            r#"<svg><script>alert(1)</script></svg>"#,
            r#"<svg><SCRIPT href="x.js"/></svg>"#,
            r#"<svg:svg xmlns:svg="http://www.w3.org/2000/svg"><svg:script>alert(1)</svg:script></svg:svg>"#,
            r#"<svg onload="alert(1)"/>"#,
            r#"<svg><rect onClick="alert(1)"/></svg>"#,
            r#"<svg><foreignObject><div>x</div></foreignObject></svg>"#,
            r#"<svg><a xlink:href="javascript:alert(1)">x</a></svg>"#,
            r#"<svg><a href="java&#x09;script&#58;alert(1)">x</a></svg>"#,
            r#"<svg><a><set attributeName="href" to="javascript:alert(1)"/></a></svg>"#,
            r#"<svg><image href="data:image/svg+xml;base64,AAAA"/></svg>"#,
            r#"<?xml-stylesheet type="text/xsl" href="x.xsl"?><svg/>"#,
        ] {
            assert!(is_active_markup(active), "{active}");
        }
    }
}
