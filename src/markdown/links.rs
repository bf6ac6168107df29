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
                            crate::msg!("link-no-heading", url = url.as_ref(), id = id),
                            &crate::msg!("link-no-heading-help"),
                        ),
                    });
                }
                CowStr::from(resolved)
            }
            Err(why) => {
                findings.push(report(
                    Code::ContentLinkBroken,
                    crate::msg!("link-broken", url = url.as_ref(), why = why),
                    &crate::msg!("link-broken-help"),
                ));
                url
            }
        };
    }
    let script = safety::is_script_url(&url);
    if script || !url_allowed(&as_written(&url)) {
        let message = if script {
            crate::msg!("link-script", url = safety::shown(&url))
        } else {
            crate::msg!("link-not-allowed", url = safety::shown(&url))
        };
        findings.push(report(
            Code::ContentHtmlUnsafe,
            message,
            &crate::msg!("link-allowed-help"),
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
