//! One address written by an editor, in markdown or in a site's settings: an `@` link
//! resolved to an absolute URL (its `#heading` kept for a later check), anything the
//! sanitizer would remove refused.
//!
//! It must not know which page the address is on: the caller's `report` places the
//! finding.

use super::safety::{self, url_allowed};
use super::{Anchor, Env};
use crate::finding::{Code, Finding};
use pulldown_cmark::CowStr;

/// Checks one address written by an editor, in markdown or in a site's settings:
/// resolves an `@` link (a `#heading` in it is checked later, through `anchors`) and
/// refuses addresses the sanitizer would remove. Returns the address to write; `report`
/// places a finding where the address is written.
pub fn check_link<'a>(
    url: CowStr<'a>,
    env: &Env,
    report: &dyn Fn(Code, String, &str) -> Finding,
    findings: &mut Vec<Finding>,
    anchors: &mut Vec<Anchor>,
) -> CowStr<'a> {
    if url.starts_with('@') {
        return match (env.resolve)(&url) {
            Ok(resolved) => {
                if let Some((page, id)) = resolved.split_once('#').filter(|(_, id)| !id.is_empty())
                {
                    anchors.push(Anchor {
                        page: page.to_string(),
                        id: id.to_string(),
                        finding: report(
                            Code::ContentLinkBroken,
                            format!("broken link `{url}`: the page has no heading `#{id}`"),
                            "a heading's id is its text in lower case with hyphens (## Visi dan Misi → #visi-dan-misi), or the id given as ## Judul {#id}",
                        ),
                    });
                }
                CowStr::from(resolved)
            }
            Err(why) => {
                findings.push(report(
                    Code::ContentLinkBroken,
                    format!("broken link `{url}`: {why}"),
                    "write @/path/under/the/site.md for this site, @label/path.md for another site, @portal/... for the portal",
                ));
                url
            }
        };
    }
    let script = safety::is_script_url(&url);
    if script || !url_allowed(&as_written(&url)) {
        let why = if script {
            "can run code in the reader's browser"
        } else {
            "is not an address content may link to"
        };
        findings.push(report(
            Code::ContentHtmlUnsafe,
            format!("the address `{}` {why}", safety::shown(&url)),
            "link only to http(s), mailto: or tel: addresses, or to files of the site",
        ));
        return CowStr::from("#");
    }
    url
}

/// An address as the browser reads it from pulldown-cmark's `href`: bytes outside its
/// safe set percent-encoded (it writes `&` and `'` as entities, which decode back).
fn as_written(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        let safe = c.is_ascii_graphic() && !"\"<>[\\]`{|}".contains(c);
        if safe {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}
