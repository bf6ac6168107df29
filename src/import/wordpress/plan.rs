//! Which items of the export become which files, at which addresses, with which old
//! addresses: posts into the news section, pages as their tree (a page with children
//! becomes a section), each with its WordPress permalink, `?p=`/`?page_id=` and dated
//! address as aliases, and the news section with the old category and tag archives.
//!
//! Decisions only, from the index of the first pass: it reads and writes no file.
//! Every address and alias is checked here ([`crate::content::alias`]) against every
//! other one and against the pages the site already has, so that what is written never
//! collides.

use super::address::{base_path, hosts, local_path};
use super::existing::Existing;
use super::report::{self, Report, Skip, Skipped};
use super::text::{decode_entities, title_of};
use super::wxr::{Channel, Item};
use crate::content::alias::Alias;
use crate::content::slugify;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What the first pass keeps of each item: never its text.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: u64,
    pub post_type: String,
    pub status: String,
    pub slug: String,
    pub title: String,
    pub link: String,
    pub date: String,
    pub password: bool,
    pub menu_order: i64,
}

/// The first pass's index of the export.
#[derive(Debug, Default)]
pub struct Index {
    pub entries: Vec<Entry>,
    /// Attachment id → (address, title).
    pub attachments: BTreeMap<u64, (String, String)>,
    /// Post id → its attachments' ids (a `[gallery]` without ids shows them).
    pub attached: BTreeMap<u64, Vec<u64>>,
    /// Every item's parent, for walking up the page tree.
    parents: HashMap<u64, u64>,
}

impl Index {
    pub fn add(&mut self, item: Item) {
        self.parents.insert(item.id, item.parent);
        if item.post_type == "attachment" {
            self.attachments.insert(
                item.id,
                (item.attachment_url.clone(), title_of(&item.title, item.id)),
            );
            if item.parent != 0 {
                self.attached.entry(item.parent).or_default().push(item.id);
            }
        }
        self.entries.push(Entry {
            id: item.id,
            post_type: item.post_type,
            status: item.status,
            slug: item.slug,
            title: item.title,
            link: item.link,
            date: item.date,
            password: !item.password.trim().is_empty(),
            menu_order: item.menu_order,
        });
    }
}

/// One item to import.
#[derive(Debug, Clone)]
pub struct Planned {
    pub title: String,
    pub is_post: bool,
    pub draft: bool,
    /// Its folder inside the site (`berita/rapat-koordinasi`, `profil/visi-misi`).
    pub dir: String,
    /// A page with children: written as `dir/_index.md`.
    pub section: bool,
    pub aliases: Vec<String>,
    /// Old addresses not kept: (address, why).
    pub dropped_aliases: Vec<(String, String)>,
    pub weight: Option<i64>,
}

impl Planned {
    /// The markdown file: a section's `_index.md`, a bundle's `index.md` when the page
    /// has files, else `dir.md`.
    pub fn file(&self, has_media: bool) -> String {
        if self.section {
            format!("{}/_index.md", self.dir)
        } else if has_media {
            format!("{}/index.md", self.dir)
        } else {
            format!("{}.md", self.dir)
        }
    }
}

/// The import's decisions.
#[derive(Debug, Default)]
pub struct Plan {
    pub items: HashMap<u64, Planned>,
    /// The old site's hosts, lowercase, without `www.`.
    pub hosts: Vec<String>,
    /// The path the old site lived under (`/`, or `/web/` for a WordPress in a folder).
    pub base: String,
    /// The news section's folder.
    pub news: String,
    /// Every address taken: new pages', aliases', and the site's own pages'.
    pub taken: BTreeMap<String, String>,
    /// Whether the site is the portal, and its catalogue's folder: the addresses the
    /// build makes there ([`crate::generated`]) are no alias's.
    pub portal: bool,
    pub catalogue: String,
}

impl Plan {
    /// Whether the build makes the page at `alias`'s path itself.
    pub fn generated(&self, alias: &Alias) -> bool {
        crate::generated::is_generated(&alias.path, self.portal, &self.catalogue)
    }
}

impl Plan {
    /// Where each old address of an imported item leads now (its aliases, and its own
    /// new address), for rewriting links between posts: decoded path and query → path.
    pub fn moved(&self) -> BTreeMap<String, String> {
        let mut moved = BTreeMap::new();
        for p in self.items.values() {
            let to = format!("/{}/", p.dir);
            for text in &p.aliases {
                if let Ok(a) = Alias::parse(text) {
                    moved.insert(a.address(), to.clone());
                }
            }
            moved.insert(to.clone(), to);
        }
        moved
    }
}

/// Decides what is imported where; what is not is listed in `report`.
pub fn plan(
    index: &Index,
    channel: &Channel,
    existing: &Existing,
    drafts: bool,
    report: &mut Report,
) -> Plan {
    let (news, catalogue) = (existing.news.as_str(), existing.catalogue.as_str());
    let news = if news.is_empty() { "berita" } else { news };
    let default = crate::content::SiteConfig::default();
    let catalogue = if catalogue.is_empty() {
        default.services.catalogue()
    } else {
        catalogue
    };
    let mut plan = Plan {
        hosts: hosts(channel),
        base: base_path(channel),
        news: news.to_string(),
        portal: report.site == crate::registry::PORTAL_LABEL,
        catalogue: catalogue.to_string(),
        taken: existing.paths.clone(),
        ..Default::default()
    };
    let wanted = wanted(index, drafts, report);
    let mut used = Used::default();
    used.taken.extend(
        existing
            .paths
            .keys()
            .map(|p| p.trim_matches('/').to_string()),
    );
    // The folders of the build's own pages (the portal's catalogue and open data too),
    // and the news section's.
    used.taken
        .extend(crate::generated::top_level(plan.portal, catalogue));
    used.taken.insert(news.to_string());
    let (dirs, with_children) = folders(index, &wanted, news, &mut used);
    for (e, _) in &wanted {
        plan.taken
            .insert(format!("/{}/", dirs[&e.id]), format!("ID {}", e.id));
    }
    // The news section the import writes (or the site has): its address is no alias's.
    plan.taken
        .entry(format!("/{news}/"))
        .or_insert_with(|| format!("{news}/_index.md"));
    for (e, draft) in wanted {
        let dir = dirs[&e.id].clone();
        let is_post = e.post_type == "post";
        let (aliases, dropped) = aliases_of(e, is_post, &dir, &mut plan);
        plan.items.insert(
            e.id,
            Planned {
                title: title_of(&e.title, e.id),
                is_post,
                draft,
                section: with_children.contains(&e.id),
                dir,
                aliases,
                dropped_aliases: dropped,
                weight: (!is_post && e.menu_order != 0).then_some(e.menu_order),
            },
        );
    }
    plan
}

/// The items to import, each with whether it is a draft; the others are listed in
/// `report` as skipped.
fn wanted<'a>(index: &'a Index, drafts: bool, report: &mut Report) -> Vec<(&'a Entry, bool)> {
    report.counts.items = index.entries.len();
    let mut wanted: Vec<(&Entry, bool)> = Vec::new();
    for e in &index.entries {
        match skip(e, drafts) {
            Some(reason) => report.skipped.push(Skipped {
                id: e.id,
                post_type: e.post_type.clone(),
                status: e.status.clone(),
                title: title_of(&e.title, e.id),
                reason,
            }),
            None => wanted.push((e, is_draft(&e.status))),
        }
    }
    report.counts.skipped = report.skipped.len();
    wanted
}

/// The folder of every item wanted (pages by depth, a parent before its children, then
/// posts in the news section), and the pages that have children (sections).
fn folders(
    index: &Index,
    wanted: &[(&Entry, bool)],
    news: &str,
    used: &mut Used,
) -> (HashMap<u64, String>, BTreeSet<u64>) {
    let pages: BTreeMap<u64, &Entry> = wanted
        .iter()
        .filter(|(e, _)| e.post_type == "page")
        .map(|(e, _)| (e.id, *e))
        .collect();
    let parent_of = |id: u64| nearest_parent(index, &pages, id);
    let mut with_children = BTreeSet::new();
    for &id in pages.keys() {
        if let Some(p) = parent_of(id) {
            with_children.insert(p);
        }
    }
    let mut dirs: HashMap<u64, String> = HashMap::new();
    let mut order: Vec<(usize, u64)> = pages
        .keys()
        .map(|&id| (depth(id, &parent_of), id))
        .collect();
    order.sort();
    for (_, id) in order {
        let parent_dir = parent_of(id).and_then(|p| dirs.get(&p).cloned());
        let e = pages[&id];
        let dir = unique(parent_dir.as_deref(), &slug_of(e, "halaman"), used);
        dirs.insert(id, dir);
    }
    for (e, _) in wanted.iter().filter(|(e, _)| e.post_type == "post") {
        let dir = unique(Some(news), &slug_of(e, "berita"), used);
        dirs.insert(e.id, dir);
    }
    (dirs, with_children)
}

/// Why an item is not imported, if it is not.
fn skip(e: &Entry, drafts: bool) -> Option<Skip> {
    match e.post_type.as_str() {
        "post" | "page" => {}
        "revision" => return Some(Skip::Revision),
        "attachment" => return Some(Skip::Attachment),
        "nav_menu_item" => return Some(Skip::NavMenuItem),
        _ => return Some(Skip::OtherType),
    }
    match e.status.as_str() {
        "publish" if e.password => Some(Skip::Password),
        "publish" => None,
        "draft" | "pending" | "future" if e.password => Some(Skip::Password),
        "draft" | "pending" | "future" => (!drafts).then_some(Skip::Draft),
        "private" => Some(Skip::Private),
        "trash" => Some(Skip::Trash),
        _ => Some(Skip::OtherStatus),
    }
}

fn is_draft(status: &str) -> bool {
    status != "publish"
}

/// The nearest ancestor of page `id` that is imported, through any kind of item, with
/// loops and absurd depths cut.
fn nearest_parent(index: &Index, pages: &BTreeMap<u64, &Entry>, id: u64) -> Option<u64> {
    let mut seen = BTreeSet::from([id]);
    let mut at = *index.parents.get(&id)?;
    for _ in 0..32 {
        if at == 0 || !seen.insert(at) {
            return None;
        }
        if pages.contains_key(&at) {
            return Some(at);
        }
        at = *index.parents.get(&at)?;
    }
    None
}

fn depth(id: u64, parent_of: &dyn Fn(u64) -> Option<u64>) -> usize {
    let mut d = 0;
    let mut at = id;
    while let Some(p) = parent_of(at) {
        d += 1;
        at = p;
        if d > 32 {
            break;
        }
    }
    d
}

/// The item's slug as an address: WordPress's (decoded), else its title's.
fn slug_of(e: &Entry, fallback: &str) -> String {
    let decoded = percent_encoding::percent_decode_str(&e.slug).decode_utf8_lossy();
    let mut slug = slugify(&decoded);
    if slug.is_empty() {
        slug = slugify(&decode_entities(&e.title));
    }
    if slug.is_empty() {
        slug = format!("{fallback}-{}", e.id);
    }
    slug.chars()
        .take(100)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

/// `parent/slug`, with `-2`, `-3`... until it is free. The next number of each name is
/// remembered, so that thousands of items with one slug (a spam run) cost no more than
/// thousands of names.
fn unique(parent: Option<&str>, slug: &str, used: &mut Used) -> String {
    let join = |s: &str| match parent {
        Some(p) => format!("{p}/{s}"),
        None => s.to_string(),
    };
    let base = join(slug);
    let mut dir = base.clone();
    let mut n = used.next.get(&base).copied().unwrap_or(2);
    while used.taken.contains(&dir) {
        dir = join(&format!("{slug}-{n}"));
        n += 1;
    }
    used.next.insert(base, n);
    used.taken.insert(dir.clone());
    dir
}

/// Folder names taken, and the next number to try for each.
#[derive(Default)]
struct Used {
    taken: BTreeSet<String>,
    next: HashMap<String, usize>,
}

/// The old addresses of an item: its permalink, `?p=`/`?page_id=`, and for a post its
/// dated address. Each is checked and must be free.
fn aliases_of(
    e: &Entry,
    is_post: bool,
    dir: &str,
    plan: &mut Plan,
) -> (Vec<String>, Vec<(String, String)>) {
    let own = format!("/{dir}/");
    let mut candidates = Vec::new();
    if let Some(path) = local_path(&e.link, &plan.hosts) {
        candidates.push(path);
    }
    let query = if is_post { "p" } else { "page_id" };
    candidates.push(format!("{}?{query}={}", plan.base, e.id));
    if is_post && !e.slug.is_empty() {
        if let Some(date) = e
            .date
            .get(..10)
            // `YYYY-MM-DD` in ASCII digits only: the slices below are byte offsets.
            .filter(|d| is_ymd(d) && !d.starts_with("0000"))
        {
            let (y, m, d) = (&date[..4], &date[5..7], &date[8..10]);
            candidates.push(format!("{}{y}/{m}/{d}/{}/", plan.base, e.slug));
        }
    }
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    for text in candidates {
        match Alias::parse(&text) {
            Err(why) => dropped.push((text, report::alias_invalid(&why))),
            Ok(alias) if plan.generated(&alias) => {
                dropped.push((text, report::alias_generated()));
            }
            Ok(alias) => {
                let key = alias.address();
                let as_dir = format!("{}/", key.trim_end_matches('/'));
                if key == own || as_dir == own {
                    continue;
                }
                if let Some(by) = plan.taken.get(&key).or(plan.taken.get(&as_dir)) {
                    if by == &format!("ID {}", e.id) {
                        continue;
                    }
                    dropped.push((text, report::alias_taken(by)));
                    continue;
                }
                plan.taken.insert(key, format!("ID {}", e.id));
                kept.push(text);
            }
        }
    }
    (kept, dropped)
}

/// Whether `text` is `YYYY-MM-DD` in ASCII digits (not necessarily a real date).
fn is_ymd(text: &str) -> bool {
    text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_items_with_one_slug_get_numbers_quickly() {
        let mut used = Used::default();
        let started = std::time::Instant::now();
        let dirs: Vec<String> = (0..50_000)
            .map(|_| unique(Some("berita"), "slot", &mut used))
            .collect();
        assert_eq!(dirs[0], "berita/slot");
        assert_eq!(dirs[1], "berita/slot-2");
        assert_eq!(dirs[49_999], "berita/slot-50000");
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }
}
