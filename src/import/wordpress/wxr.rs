//! Reads a WordPress export (WXR, "WordPress eXtended RSS", versions 1.0 to 1.2) as a
//! stream: the channel's site, authors, categories and tags, then each `<item>` handed
//! to the caller as soon as it ends, so that an export of hundreds of megabytes is never
//! held in memory.
//!
//! Everything in the file is hostile: no entity is expanded beyond XML's own five and
//! character references (no DTD is read, so no entity can grow), one event (a tag, a
//! text or a CDATA section) is at most [`MAX_EVENT`] bytes and a field at most
//! [`MAX_FIELD`], past which the file is refused with its line. Elements are matched by
//! their names as WordPress writes them (`wp:post_id`, `content:encoded`); other
//! elements are skipped. This module only reads: it decides nothing about what is
//! imported.

use std::io::BufRead;

/// The largest single XML event read (a post's whole `content:encoded` CDATA is one).
pub const MAX_EVENT: usize = 64 * 1024 * 1024;

/// The largest text of one field of an item (a post's content), in bytes.
pub const MAX_FIELD: usize = 32 * 1024 * 1024;

/// What the export says about the site it came from.
#[derive(Debug, Clone, Default)]
pub struct Channel {
    pub title: String,
    pub link: String,
    pub description: String,
    pub base_site_url: String,
    pub base_blog_url: String,
    pub wxr_version: String,
    /// Login → display name.
    pub authors: Vec<(String, String)>,
    pub categories: Vec<Term>,
    pub tags: Vec<Term>,
}

/// A category or tag of the channel.
#[derive(Debug, Clone, Default)]
pub struct Term {
    pub id: String,
    /// The slug as WordPress stores it (percent-encoded when not ASCII).
    pub slug: String,
    pub name: String,
    /// The parent category's slug (categories only; empty at the top).
    pub parent: String,
}

/// One `<item>`: a post, a page, an attachment, a revision, a menu item...
#[derive(Debug, Clone, Default)]
pub struct Item {
    pub title: String,
    pub link: String,
    pub creator: String,
    pub content: String,
    pub excerpt: String,
    pub id: u64,
    pub date: String,
    pub date_gmt: String,
    pub modified: String,
    pub modified_gmt: String,
    /// `wp:post_name`, as stored (percent-encoded when not ASCII).
    pub slug: String,
    pub status: String,
    pub parent: u64,
    pub menu_order: i64,
    pub post_type: String,
    pub password: String,
    pub attachment_url: String,
    /// `<category domain="category|post_tag" nicename="...">Name</category>`.
    pub terms: Vec<(String, String, String)>,
    /// The line of the file where the item starts.
    pub line: usize,
}

/// Why the file could not be read as an export.
#[derive(Debug)]
pub struct ReadError {
    /// The line of the file near which reading stopped (0: before any).
    pub line: usize,
    pub kind: ReadErrorKind,
}

#[derive(Debug)]
pub enum ReadErrorKind {
    Io(std::io::Error),
    Xml(String),
    TooLarge,
    NotWxr,
}

/// A reader that counts lines and refuses one event larger than [`MAX_EVENT`]:
/// quick-xml buffers each event whole, and this is what bounds that buffer.
struct Bounded<R> {
    inner: R,
    since_reset: usize,
    lines: usize,
}

impl<R: BufRead> std::io::Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Bounded<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.since_reset > MAX_EVENT {
            return Err(std::io::Error::other(TooLarge));
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let n = amount.min(buf.len());
            self.lines += buf[..n].iter().filter(|&&b| b == b'\n').count();
        }
        self.since_reset += amount;
        self.inner.consume(amount);
    }
}

#[derive(Debug)]
struct TooLarge;

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "an XML element larger than {} MiB", MAX_EVENT >> 20)
    }
}

impl std::error::Error for TooLarge {}

/// Where the reader is, by the names of the open elements.
#[derive(Default)]
struct State {
    path: Vec<String>,
    channel: Channel,
    item: Option<Item>,
    term: Option<Term>,
    author: Option<(String, String)>,
    /// The text of the element being read, if it is a field.
    text: Option<String>,
    /// The attributes of an item's `<category>` being read.
    category: Option<(String, String)>,
    saw_rss: bool,
}

/// Reads the export from `input`, calling `on_item` for every item in order. Returns the
/// channel (its authors, categories and tags complete).
pub fn read<R: BufRead>(
    input: R,
    mut on_item: impl FnMut(Item, &Channel),
) -> Result<Channel, ReadError> {
    let mut reader = quick_xml::Reader::from_reader(Bounded {
        inner: input,
        since_reset: 0,
        lines: 0,
    });
    reader.config_mut().expand_empty_elements = true;
    let mut buf = Vec::new();
    let mut state = State::default();
    loop {
        reader.get_mut().since_reset = 0;
        buf.clear();
        let line = reader.get_ref().lines + 1;
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| read_error(&e, reader.get_ref().lines + 1))?;
        use quick_xml::events::Event;
        match event {
            Event::Start(start) => state.open(&start, line)?,
            Event::End(_) => {
                if let Some(item) = state.end() {
                    on_item(item, &state.channel);
                }
                state.path.pop();
            }
            Event::Text(text) => state
                .push(&text.xml10_content())
                .map_err(|_| too_large(line))?,
            Event::CData(data) => state
                .push(&data.xml10_content())
                .map_err(|_| too_large(line))?,
            Event::GeneralRef(reference) => {
                let text = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => {
                        let name: &str = &reference;
                        quick_xml::escape::resolve_predefined_entity(name)
                            .map(str::to_string)
                            .unwrap_or_else(|| format!("&{name};"))
                    }
                    Err(e) => return Err(xml_error(line, e.to_string())),
                };
                state.push(&text).map_err(|_| too_large(line))?
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !state.saw_rss || state.channel.wxr_version.is_empty() {
        return Err(ReadError {
            line: 0,
            kind: ReadErrorKind::NotWxr,
        });
    }
    Ok(state.channel)
}

/// A reading error of quick-xml at `line`: too large (the [`Bounded`] limit), the
/// input's own, or the XML's.
fn read_error(e: &quick_xml::Error, line: usize) -> ReadError {
    let kind = match e {
        quick_xml::Error::Io(io) if io.get_ref().is_some_and(|i| i.is::<TooLarge>()) => {
            ReadErrorKind::TooLarge
        }
        quick_xml::Error::Io(io) => {
            ReadErrorKind::Io(std::io::Error::new(io.kind(), io.to_string()))
        }
        other => ReadErrorKind::Xml(other.to_string()),
    };
    ReadError { line, kind }
}

fn xml_error(line: usize, message: String) -> ReadError {
    ReadError {
        line,
        kind: ReadErrorKind::Xml(message),
    }
}

fn too_large(line: usize) -> ReadError {
    ReadError {
        line,
        kind: ReadErrorKind::TooLarge,
    }
}

impl State {
    /// An element opened: it must be inside `<rss>` and at most 64 deep.
    fn open(
        &mut self,
        start: &quick_xml::events::BytesStart,
        line: usize,
    ) -> Result<(), ReadError> {
        let name = AsRef::<str>::as_ref(&start.name()).to_string();
        if self.path.is_empty() {
            if name != "rss" {
                return Err(ReadError {
                    line,
                    kind: ReadErrorKind::NotWxr,
                });
            }
            self.saw_rss = true;
        }
        if self.path.len() > 64 {
            return Err(xml_error(line, "elements nested more than 64 deep".into()));
        }
        let mut attrs = Vec::new();
        for attr in start.attributes().flatten() {
            let key = AsRef::<str>::as_ref(&attr.key).to_string();
            let value = attr
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|e| xml_error(line, e.to_string()))?
                .into_owned();
            attrs.push((key, value));
        }
        self.path.push(name);
        self.start(&attrs, line);
        Ok(())
    }

    fn at(&self, names: &[&str]) -> bool {
        self.path.len() == names.len() && self.path.iter().zip(names).all(|(a, b)| a == b)
    }

    fn start(&mut self, attrs: &[(String, String)], line: usize) {
        let depth = self.path.len();
        if self.at(&["rss", "channel", "item"]) {
            self.item = Some(Item {
                line,
                ..Default::default()
            });
            return;
        }
        if self.at(&["rss", "channel", "wp:category"]) || self.at(&["rss", "channel", "wp:tag"]) {
            self.term = Some(Term::default());
            return;
        }
        if self.at(&["rss", "channel", "wp:author"]) {
            self.author = Some(Default::default());
            return;
        }
        if self.item.is_some() && depth == 4 && self.path[3] == "category" {
            let get = |k: &str| {
                attrs
                    .iter()
                    .find(|(key, _)| key == k)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            self.category = Some((get("domain"), get("nicename")));
        }
        // Fields are the leaves this reader keeps: channel fields at depth 3, item,
        // term and author fields at depth 4, an item's meta at 5 (ignored).
        if depth == 3 || depth == 4 {
            self.text = Some(String::new());
        }
    }

    fn push(&mut self, text: &str) -> Result<(), TooLarge> {
        if let Some(buf) = &mut self.text {
            if buf.len() + text.len() > MAX_FIELD {
                return Err(TooLarge);
            }
            buf.push_str(text);
        }
        Ok(())
    }

    /// Ends the current element; returns an item when one is complete.
    fn end(&mut self) -> Option<Item> {
        let depth = self.path.len();
        let name = self.path.last().map(String::as_str).unwrap_or("");
        let text = if depth == 3 || depth == 4 {
            self.text.take().unwrap_or_default()
        } else {
            String::new()
        };
        match depth {
            3 if self.path[1] == "channel" => {
                let c = &mut self.channel;
                match name {
                    "title" => c.title = text,
                    "link" => c.link = text,
                    "description" => c.description = text,
                    "wp:base_site_url" => c.base_site_url = text,
                    "wp:base_blog_url" => c.base_blog_url = text,
                    "wp:wxr_version" => c.wxr_version = text,
                    "item" => return self.item.take(),
                    "wp:category" => {
                        if let Some(t) = self.term.take() {
                            c.categories.push(t);
                        }
                    }
                    "wp:tag" => {
                        if let Some(t) = self.term.take() {
                            c.tags.push(t);
                        }
                    }
                    "wp:author" => {
                        if let Some(a) = self.author.take() {
                            c.authors.push(a);
                        }
                    }
                    _ => {}
                }
            }
            4 => {
                let parent = self.path[2].as_str();
                if parent == "item" {
                    if let Some(item) = &mut self.item {
                        item_field(item, name, text, self.category.take());
                    }
                } else if parent == "wp:category" || parent == "wp:tag" {
                    if let Some(term) = &mut self.term {
                        match name {
                            "wp:term_id" => term.id = text.trim().to_string(),
                            "wp:category_nicename" | "wp:tag_slug" => {
                                term.slug = text.trim().to_string()
                            }
                            "wp:cat_name" | "wp:tag_name" => term.name = text,
                            "wp:category_parent" => term.parent = text.trim().to_string(),
                            _ => {}
                        }
                    }
                } else if parent == "wp:author" {
                    if let Some(author) = &mut self.author {
                        match name {
                            "wp:author_login" => author.0 = text.trim().to_string(),
                            "wp:author_display_name" => author.1 = text,
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
        None
    }
}

fn item_field(item: &mut Item, name: &str, text: String, category: Option<(String, String)>) {
    let number = |t: &str| t.trim().parse().unwrap_or(0);
    match name {
        "title" => item.title = text,
        "link" => item.link = text.trim().to_string(),
        "dc:creator" => item.creator = text.trim().to_string(),
        "content:encoded" => item.content = text,
        "excerpt:encoded" => item.excerpt = text,
        "wp:post_id" => item.id = number(&text),
        "wp:post_date" => item.date = text.trim().to_string(),
        "wp:post_date_gmt" => item.date_gmt = text.trim().to_string(),
        "wp:post_modified" => item.modified = text.trim().to_string(),
        "wp:post_modified_gmt" => item.modified_gmt = text.trim().to_string(),
        "wp:post_name" => item.slug = text.trim().to_string(),
        "wp:status" => item.status = text.trim().to_string(),
        "wp:post_parent" => item.parent = number(&text),
        "wp:menu_order" => item.menu_order = text.trim().parse().unwrap_or(0),
        "wp:post_type" => item.post_type = text.trim().to_string(),
        "wp:post_password" => item.password = text,
        "wp:attachment_url" => item.attachment_url = text.trim().to_string(),
        "category" => {
            if let Some((domain, nicename)) = category {
                item.terms.push((domain, nicename, text));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINI: &str = r#"<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Dinas &amp; Kesehatan</title>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>https://dinkes.example.go.id</wp:base_site_url>
  <wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>kesehatan</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Kesehatan]]></wp:cat_name></wp:category>
  <item>
    <title>Posyandu &#8211; Balita</title>
    <content:encoded><![CDATA[<p>Isi <b>tebal</b></p>]]></content:encoded>
    <wp:post_id>12</wp:post_id>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <category domain="category" nicename="kesehatan"><![CDATA[Kesehatan]]></category>
    <wp:postmeta><wp:meta_key>_edit_last</wp:meta_key><wp:meta_value>1</wp:meta_value></wp:postmeta>
  </item>
</channel>
</rss>"#;

    #[test]
    fn channel_and_items_are_read() {
        let mut items = Vec::new();
        let channel = read(MINI.as_bytes(), |item, _| items.push(item)).unwrap();
        assert_eq!(channel.title, "Dinas & Kesehatan");
        assert_eq!(channel.categories[0].slug, "kesehatan");
        assert_eq!(items.len(), 1);
        let item = &items[0];
        assert_eq!(item.title, "Posyandu \u{2013} Balita");
        assert_eq!(item.content, "<p>Isi <b>tebal</b></p>");
        assert_eq!((item.id, item.post_type.as_str()), (12, "post"));
        assert_eq!(
            item.terms,
            vec![("category".into(), "kesehatan".into(), "Kesehatan".into())]
        );
        assert_eq!(item.line, 8);
    }

    #[test]
    fn broken_or_foreign_files_are_refused_with_their_line() {
        let broken = MINI.replace("</item>", "</itemx>");
        let e = read(broken.as_bytes(), |_, _| {}).unwrap_err();
        assert!(matches!(e.kind, ReadErrorKind::Xml(_)), "{e:?}");
        assert!(e.line > 10, "{}", e.line);
        let html = "<html><body>not an export</body></html>";
        assert!(matches!(
            read(html.as_bytes(), |_, _| {}).unwrap_err().kind,
            ReadErrorKind::NotWxr
        ));
        let rss = "<rss><channel><title>x</title></channel></rss>";
        assert!(matches!(
            read(rss.as_bytes(), |_, _| {}).unwrap_err().kind,
            ReadErrorKind::NotWxr
        ));
    }

    #[test]
    fn entities_are_not_expanded_beyond_xml_own() {
        let laughs = MINI.replace(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>",
            "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>",
        ).replace("Dinas &amp; Kesehatan", "&b;");
        let channel = read(laughs.as_bytes(), |_, _| {}).unwrap();
        assert_eq!(channel.title, "&b;");
    }
}
