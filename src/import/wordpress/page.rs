//! The whole file of one imported page: its front matter (title, dates with WordPress's
//! offset, description, tags, aliases, the WordPress id and slug) and its markdown.

use super::plan::Planned;
use super::text::plain_text;
use super::wxr::Item;
use serde::Serialize;

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

/// The `_index.md` of a section laman makes for the import (the site's home, the news
/// section): front matter only, with no WordPress item behind it.
pub fn section_index(title: &str, description: Option<String>, aliases: &[String]) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
