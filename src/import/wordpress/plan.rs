//! Which items of the export become which files, at which addresses, with which old
//! addresses: posts into the news section, pages as their tree (a page with children
//! becomes a section), each with its WordPress permalink, `?p=`/`?page_id=` and dated
//! address as aliases, and the news section with the old category and tag archives.
//!
//! Decisions only, from the index of the first pass: it reads and writes no file.
//! Every address and alias is checked here ([`crate::content::alias`]) against every
//! other one and against the pages the site already has, so that what is written never
//! collides.

use super::convert::{decode_entities, plain_text};
use super::report::{self, Report, Skip, Skipped};
use super::wxr::{Channel, Item};
use super::Existing;
use crate::content::alias::Alias;
use crate::content::slugify;
use crate::integrity::spam::SpamGuard;
use serde::Serialize;
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
    fn generated(&self, alias: &Alias) -> bool {
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
    existing: &BTreeMap<String, String>,
    news: &str,
    catalogue: &str,
    drafts: bool,
    report: &mut Report,
) -> Plan {
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
        taken: existing.clone(),
        ..Default::default()
    };
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
    // Folders: pages by depth (a parent before its children), then posts.
    let mut dirs: HashMap<u64, String> = HashMap::new();
    let mut used = Used::default();
    used.taken
        .extend(existing.keys().map(|p| p.trim_matches('/').to_string()));
    // The folders of the build's own pages (the portal's catalogue and open data too),
    // and the news section's.
    used.taken
        .extend(crate::generated::top_level(plan.portal, catalogue));
    used.taken.insert(news.to_string());
    let mut order: Vec<(usize, u64)> = pages
        .keys()
        .map(|&id| (depth(id, &parent_of), id))
        .collect();
    order.sort();
    for (_, id) in order {
        let parent_dir = parent_of(id).and_then(|p| dirs.get(&p).cloned());
        let e = pages[&id];
        let dir = unique(parent_dir.as_deref(), &slug_of(e, "halaman"), &mut used);
        dirs.insert(id, dir);
    }
    for (e, _) in wanted.iter().filter(|(e, _)| e.post_type == "post") {
        let dir = unique(Some(news), &slug_of(e, "berita"), &mut used);
        dirs.insert(e.id, dir);
    }
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

/// The path and query of an address of the old site (`https://host/a/b/?x` → `/a/b/?x`),
/// if it is one.
pub fn local_path(url: &str, hosts: &[String]) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host = host.to_ascii_lowercase();
    let host = host.split(':').next().unwrap_or("");
    let host = host.strip_prefix("www.").unwrap_or(host);
    if !hosts.iter().any(|h| h == host) {
        return None;
    }
    let path = path.split('#').next().unwrap_or("");
    (!path.is_empty() && path != "/").then(|| path.to_string())
}

fn host_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?.split(':').next()?;
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

fn hosts(channel: &Channel) -> Vec<String> {
    let mut hosts: Vec<String> = [
        &channel.base_site_url,
        &channel.base_blog_url,
        &channel.link,
    ]
    .iter()
    .filter_map(|u| host_of(u))
    .collect();
    hosts.sort();
    hosts.dedup();
    hosts
}

/// The folder of the blog on its host, with slashes at both ends.
fn base_path(channel: &Channel) -> String {
    let url = if channel.base_blog_url.is_empty() {
        &channel.link
    } else {
        &channel.base_blog_url
    };
    let path = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .and_then(|r| r.find('/').map(|i| &r[i..]))
        .unwrap_or("/");
    let path = path
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .trim_matches('/');
    if path.is_empty() {
        "/".to_string()
    } else {
        format!("/{path}/")
    }
}

/// A title for people: entities decoded, tags out, one line.
pub fn title_of(raw: &str, id: u64) -> String {
    let title = plain_text(raw);
    if title.is_empty() {
        format!("(tanpa judul) {id}")
    } else {
        title.chars().take(300).collect()
    }
}

/// The front matter a page gets.
#[derive(Serialize)]
struct Front<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    draft: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    weight: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    aliases: &'a [String],
    extra: Extra,
}

#[derive(Serialize)]
struct Extra {
    #[serde(skip_serializing_if = "Option::is_none")]
    penulis: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    kategori: Vec<String>,
    wordpress_id: u64,
    #[serde(skip_serializing_if = "String::is_empty")]
    wordpress_slug: String,
}

/// The whole file of an imported page: front matter and markdown.
pub fn page_text(
    planned: &Planned,
    item: &Item,
    markdown: &str,
    authors: &[(String, String)],
) -> String {
    let term_names = |domain: &str| {
        let mut names: Vec<String> = item
            .terms
            .iter()
            .filter(|(d, _, _)| d == domain)
            .map(|(_, _, name)| plain_text(name))
            .filter(|n| !n.is_empty())
            .collect();
        names.dedup();
        names
    };
    let author = authors
        .iter()
        .find(|(login, _)| login == &item.creator)
        .map(|(_, name)| plain_text(name))
        .filter(|n| !n.is_empty())
        .or_else(|| (!item.creator.is_empty()).then(|| plain_text(&item.creator)));
    let description = plain_text(&item.excerpt);
    let front = Front {
        title: &planned.title,
        date: datetime(&item.date, &item.date_gmt),
        updated: datetime(&item.modified, &item.modified_gmt)
            .filter(|u| Some(u) != datetime(&item.date, &item.date_gmt).as_ref()),
        draft: planned.draft,
        description: (!description.is_empty()).then(|| description.chars().take(300).collect()),
        weight: planned.weight,
        tags: term_names("post_tag"),
        aliases: &planned.aliases,
        extra: Extra {
            penulis: author,
            kategori: term_names("category"),
            wordpress_id: item.id,
            wordpress_slug: percent_encoding::percent_decode_str(&item.slug)
                .decode_utf8_lossy()
                .into_owned(),
        },
    };
    let toml = toml::to_string(&front).unwrap_or_else(|_| format!("title = {:?}\n", planned.title));
    format!("+++\n{}+++\n\n{markdown}", toml)
}

/// WordPress's local time with the offset its GMT time gives
/// (`2024-03-15T08:30:00+07:00`), or without one when GMT is unknown (drafts).
fn datetime(local: &str, gmt: &str) -> Option<String> {
    let parse = |t: &str| jiff::civil::DateTime::strptime("%Y-%m-%d %H:%M:%S", t.trim()).ok();
    let local_dt = parse(local)?;
    let text = local_dt.strftime("%Y-%m-%dT%H:%M:%S").to_string();
    let Some(gmt_dt) = parse(gmt) else {
        return Some(text);
    };
    let seconds = local_dt.duration_since(gmt_dt).as_secs();
    if seconds % 60 != 0 || seconds.abs() > 14 * 3600 {
        return Some(text);
    }
    let minutes = seconds.abs() / 60;
    let sign = if seconds < 0 { '-' } else { '+' };
    Some(format!(
        "{text}{sign}{:02}:{:02}",
        minutes / 60,
        minutes % 60
    ))
}

/// The site's home page and news section, when the site does not have its own: the
/// news section carries the old category and tag archives (and `?cat=`, `?tag=`) of the
/// posts imported.
pub fn site_files(
    plan: &Plan,
    channel: &Channel,
    used_terms: &BTreeSet<(String, String)>,
    existing: &Existing,
    guard: &SpamGuard,
    report: &mut Report,
) -> Vec<(String, String)> {
    let mut files = Vec::new();
    if !existing.has_home {
        let title = plain_text(&channel.title);
        let title = if title.is_empty() {
            report.site.clone()
        } else {
            title
        };
        let description = plain_text(&channel.description);
        let description = (!description.is_empty()).then_some(description);
        files.push((
            "_index.md".to_string(),
            section_index(&title, description, &[]),
        ));
    }
    if report.counts.posts == 0 || existing.has_news {
        return files;
    }
    let mut taken = plan.taken.clone();
    let mut aliases = Vec::new();
    // An archive's address is kept when it is one laman can write, free, and not a
    // spam term (a planted post's tag): archives are the news section's, not a page's,
    // so one not kept is no loss worth listing.
    let mut consider = |text: String| {
        let spam = guard.scan_text(&text).into_iter().any(|h| h.is_spam());
        if let Ok(a) = Alias::parse(&text) {
            if !spam && !plan.generated(&a) && !taken.contains_key(&a.address()) {
                taken.insert(a.address(), plan.news.clone());
                aliases.push(text);
            }
        }
    };
    let categories: BTreeMap<&str, &super::wxr::Term> = channel
        .categories
        .iter()
        .map(|t| (t.slug.as_str(), t))
        .collect();
    for (domain, slug) in used_terms {
        if domain == "category" {
            consider(format!("{}category/{slug}/", plan.base));
            let nested = category_path(slug, &categories);
            if nested != *slug {
                consider(format!("{}category/{nested}/", plan.base));
            }
            if let Some(term) = categories.get(slug.as_str()) {
                if !term.id.is_empty() {
                    consider(format!("{}?cat={}", plan.base, term.id));
                }
            }
        } else if domain == "post_tag" {
            consider(format!("{}tag/{slug}/", plan.base));
            consider(format!("{}?tag={slug}", plan.base));
        }
    }
    report.counts.aliases += aliases.len();
    report.counts.sections += 1;
    files.push((
        format!("{}/_index.md", plan.news),
        section_index(
            report::NEWS_TITLE,
            Some(report::NEWS_DESCRIPTION.to_string()),
            &aliases,
        ),
    ));
    files
}

/// The `_index.md` of a section laman makes for the import (the site's home, the news
/// section): front matter only, with no WordPress item behind it.
fn section_index(title: &str, description: Option<String>, aliases: &[String]) -> String {
    let front = Front {
        title,
        date: None,
        updated: None,
        draft: false,
        description,
        weight: None,
        tags: Vec::new(),
        aliases,
        extra: Extra {
            penulis: None,
            kategori: Vec::new(),
            wordpress_id: 0,
            wordpress_slug: String::new(),
        },
    };
    let toml = toml::to_string(&front).unwrap_or_default();
    // No WordPress item: its id would be 0, which means nothing.
    let toml = toml.replace("[extra]\nwordpress_id = 0\n", "");
    format!("+++\n{}\n+++\n", toml.trim_end())
}

/// A category's path with its parents (`berita/kesehatan`), loops cut.
fn category_path(slug: &str, categories: &BTreeMap<&str, &super::wxr::Term>) -> String {
    let mut parts = vec![slug.to_string()];
    let mut at = slug;
    for _ in 0..8 {
        match categories.get(at) {
            Some(t) if !t.parent.is_empty() && !parts.contains(&t.parent) => {
                parts.push(t.parent.clone());
                at = &t.parent;
            }
            _ => break,
        }
    }
    parts.reverse();
    parts.join("/")
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

    #[test]
    fn wordpress_times_keep_their_offset() {
        assert_eq!(
            datetime("2024-03-15 08:30:00", "2024-03-15 01:30:00").as_deref(),
            Some("2024-03-15T08:30:00+07:00")
        );
        assert_eq!(
            datetime("2024-03-15 08:30:00", "0000-00-00 00:00:00").as_deref(),
            Some("2024-03-15T08:30:00")
        );
        assert_eq!(datetime("0000-00-00 00:00:00", ""), None);
    }

    #[test]
    fn old_addresses_of_the_site_only() {
        let hosts = vec!["dinkes.example.go.id".to_string()];
        assert_eq!(
            local_path("https://www.dinkes.example.go.id/2024/03/x/", &hosts).as_deref(),
            Some("/2024/03/x/")
        );
        assert_eq!(local_path("https://evil.example/x/", &hosts), None);
        let channel = Channel {
            base_blog_url: "https://dinkes.example.go.id/web".into(),
            ..Default::default()
        };
        assert_eq!(base_path(&channel), "/web/");
    }
}
