//! The allow-list itself: the elements, attributes, address schemes and style raw HTML
//! may use, and the ids and classes the theme keeps for its own page frame.
//!
//! Lists only; it must not hold a rule that reads them (that is [`super::rules`]), so
//! that the checker and the sanitizer cannot come to read different lists.

/// Elements raw HTML may use; the sanitizer keeps no others.
pub(super) const TAGS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements removed together with their content.
pub(super) const REMOVED_WITH_CONTENT: &[&str] = &["script", "style"];

/// Elements that run code, load other documents, submit data elsewhere, or rewrite the
/// page's metadata: named as such in messages (every element outside [`TAGS`] is refused).
pub(super) const DANGEROUS: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "meta",
    "link", "base", "noscript", "template", "portal", "svg", "math",
];

/// Attributes every allowed element may carry.
pub(super) const GENERIC_ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "lang",
    "dir",
    "title",
    "role",
    "aria-label",
    "aria-hidden",
];

/// Attributes particular elements may carry.
pub(super) const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang", "download"]),
    ("img", &["src", "alt", "width", "height", "loading"]),
    ("blockquote", &["cite"]),
    ("q", &["cite"]),
    ("del", &["cite", "datetime"]),
    ("ins", &["cite", "datetime"]),
    ("time", &["datetime"]),
    ("data", &["value"]),
    ("ol", &["start", "reversed"]),
    ("li", &["value"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("details", &["open"]),
    ("th", &["scope", "colspan", "rowspan", "headers", "style"]),
    ("td", &["colspan", "rowspan", "headers", "style"]),
];

/// The attributes of an `<iframe>`, for sites that allow embeds.
pub(super) const IFRAME_ATTRIBUTES: &[&str] = &[
    "src",
    "width",
    "height",
    "loading",
    "allowfullscreen",
    "referrerpolicy",
];

/// Attributes whose value is an address.
pub(super) const URL_ATTRIBUTES: &[&str] = &["href", "src", "cite"];

/// Schemes an address may have; an address without one is relative and allowed.
pub const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// The only property a `style` attribute may set (on `th`/`td`, as markdown's table
/// alignment writes it).
pub(super) const STYLE_PROPERTY: &str = "text-align";

/// Ids the theme's templates give to its own elements (`themes/pemda/templates`): the
/// skip link's target and the headings of the footer and home pages. A second element
/// with one of them breaks the skip link or a footer link.
pub const RESERVED_IDS: &[&str] = &[
    "konten",
    "kaki-kontak",
    "kaki-tautan",
    "berita-terbaru",
    "jelajah",
    "direktori-singkat",
    "kelompok-site",
    "kelompok-service",
    "kelompok-app",
];

/// Prefixes of the ids the theme gives its generated parts: the components of a service
/// page (`standar-persyaratan`), the Daftar Informasi Publik (`dip-dinkes`), the
/// catalogue (`katalog-topik-kesehatan`). Content may not take one.
pub const RESERVED_ID_PREFIXES: &[&str] = &["standar-", "dip-", "katalog-"];

/// Whether the theme uses `id` for its own page frame or generated parts.
pub fn is_theme_id(id: &str) -> bool {
    RESERVED_IDS.contains(&id) || RESERVED_ID_PREFIXES.iter().any(|p| id.starts_with(p))
}

/// The theme's classes for the page's own frame (`themes/pemda/static/style.css`): the
/// skip link, the official-site banner, header, menu, breadcrumbs, footer. Content that
/// wears them can hide itself or pass for the government's own page chrome.
pub(super) const RESERVED_CLASSES: &[&str] = &[
    "lewati",
    "resmi",
    "bendera",
    "kepala",
    "kepala-isi",
    "merek",
    "merek-judul",
    "merek-sub",
    "ke-portal",
    "menu",
    "remah",
    "kaki",
    "kaki-isi",
    "kaki-bawah",
    "halaman-nav",
    "daftar-isi",
];

/// The longest id or class name content may give.
pub(super) const NAME_MAX: usize = 64;

/// What attribute syntax and raw HTML may use as an id or a class, for help texts.
pub fn name_rule() -> String {
    crate::msg!("markdown-name-rule")
}

/// Elements that never hold others (so never add to the nesting depth).
pub(super) const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];
