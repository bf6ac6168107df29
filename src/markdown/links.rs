//! One address written by an editor, in markdown or in a site's settings: an `@` link
//! resolved to an absolute URL (its `#heading` kept for a later check), anything the
//! sanitizer would remove refused.
//!
//! It must not know which page the address is on: the caller's `report` places the
//! finding. A link into a site that is not published is a warning, never an error
//! ([`crate::site::Unresolved::Unpublished`]), and is written as a link only where that
//! site still answers (suspended: the Dinas's notice).

use super::safety::{self, url_allowed};
use super::{Anchor, Env};
use crate::finding::{Code, Finding};
use crate::site::Unresolved;
use pulldown_cmark::CowStr;

/// Checks one address written by an editor, in markdown or in a site's settings:
/// resolves an `@` link (a `#heading` in it is checked later, through `anchors`) and
/// refuses addresses the sanitizer would remove. Returns the address to write, or
/// `None` when the link must be written as its text alone (it names a site that is not
/// published and answers nothing); `report` places a finding where the address is
/// written.
pub fn check_link<'a>(
    url: CowStr<'a>,
    env: &Env,
    report: &dyn Fn(Code, String, &str) -> Finding,
    findings: &mut Vec<Finding>,
    anchors: &mut Vec<Anchor>,
) -> Option<CowStr<'a>> {
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
                Some(CowStr::from(resolved))
            }
            Err(why) => {
                let (code, help, written) = match &why {
                    Unresolved::Broken(_, near) => (
                        Code::ContentLinkBroken,
                        match near {
                            Some(near) => {
                                crate::msg!("link-broken-near-help", near = near.as_str())
                            }
                            None => crate::msg!("link-broken-help"),
                        },
                        Some(url.clone()),
                    ),
                    Unresolved::Unpublished {
                        status, url: to, ..
                    } => (
                        Code::ContentLinkUnpublished,
                        crate::msg!("link-unpublished-help", status = status.as_str()),
                        to.clone().map(CowStr::from),
                    ),
                };
                findings.push(report(code, why.message(&url), &help));
                written
            }
        };
    }
    let script = safety::is_script_url(&url);
    if script || !url_allowed(&as_written(&url)) {
        let message = if script {
            crate::msg!("link-script", url = crate::text::clipped(&url))
        } else {
            crate::msg!("link-not-allowed", url = crate::text::clipped(&url))
        };
        findings.push(report(
            Code::ContentHtmlUnsafe,
            message,
            &crate::msg!("link-allowed-help"),
        ));
        return Some(CowStr::from("#"));
    }
    Some(url)
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
