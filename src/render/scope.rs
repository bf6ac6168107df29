//! What a run renders ([`Scope`]) and what it learns beside the pages for the next
//! incremental build ([`Across`]). It renders nothing itself.

use super::spam;
use crate::finding::Finding;
use std::collections::{BTreeMap, BTreeSet};

/// Which sites a run renders.
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    /// The sites whose pages are rendered.
    pub selected: &'a (dyn Fn(&str) -> bool + Sync),
    /// Also read (render the markdown of, compile the templates of) every other site, so
    /// that their findings, heading anchors, news and what the spam guard knows are
    /// exactly a whole build's: an incremental build, which renders the pages of the
    /// changed sites only.
    pub markdown_of_all: bool,
}

/// What a run learns beside the outputs, for the next incremental build.
#[derive(Debug, Default)]
pub struct Across {
    /// The findings of each rendered site's pages (templates and output), by label.
    pub page_findings: BTreeMap<String, Vec<Finding>>,
    /// A digest of everything the markdown read carries for the spam guard: a rendered
    /// page is reported only for what no markdown carries.
    pub known: String,
}

/// The digest of what the spam guard knows, the same whatever order it was found in.
pub(super) fn known_digest(known: &spam::Known) -> String {
    let sorted: BTreeSet<_> = known.iter().collect();
    blake3::hash(format!("{sorted:?}").as_bytes())
        .to_hex()
        .to_string()
}
