//! laman's own search index format (version [`VERSION`], described for readers of the
//! files in `docs/search-format.md`): the entries of the published pages in, the files
//! under [`crate::generated::INDEX_DIR`] out, plus the small script that queries them in the
//! browser (`indeks.js`, from `src/search/indeks.js`).
//!
//! What a browser fetches for a query is kept small by sharding: `indeks.json` (page
//! count, sites, kinds and the names of the other files), the one word chunk per query
//! word whose key range holds its stem (two when no page has the stem), and
//! the text of each result shown. Chunks and texts are named after a hash of
//! their bytes, so a server may let browsers keep them for good.
//!
//! Words are stemmed with the Snowball Indonesian stemmer: here with `pagefind_stem`,
//! in the browser with the JavaScript the Snowball compiler generates from the same
//! algorithm and version (`src/search/stemmer.js`, published inside `indeks.js`), so a
//! query word and a page's word meet at their stem ("layanan" finds "pelayanan"). A
//! query word whose stem no page has matches the stems it begins, as a prefix.
//!
//! It must not read files, the clock or anything but its arguments: same entries in,
//! same bytes out, whatever the number of threads.

mod terms;

use super::Entry;
use crate::generated::INDEX_SCRIPT;
use crate::render::{Body, OutputFile};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use terms::{partial, Partial, PIECE};
pub use terms::{stem, words};

/// The version of the format, written into `indeks.json` and checked by `indeks.js`.
/// Raise it with any change a script of the previous version would misread.
pub const VERSION: u32 = 2;

/// The file every search starts from (asked again each time: no hash in its name).
const ENTRY_FILE: &str = "indeks.json";

/// The script itself: the stemmer, then the search (one ES module).
const SCRIPT: [&str; 2] = [include_str!("stemmer.js"), include_str!("indeks.js")];

/// About how many bytes of JSON a word chunk holds before the next one starts (a single
/// word's postings may make one larger).
const CHUNK_BYTES: usize = 48 * 1024;

/// Words longer than this (in characters) are not indexed; `indeks.js` ignores them in
/// queries too.
pub const MAX_WORD: usize = 40;

/// Added to a posting's weight when the word is in the page's title.
const IN_TITLE: u32 = 1 << 12;

/// Term counts above this are counted as this.
const MAX_COUNT: u32 = IN_TITLE - 1;

/// The kinds of page, in the order of their digit in `indeks.json`'s `jenis_halaman`.
pub const KINDS: [&str; 4] = ["berita", "halaman", "layanan", "ppid"];

/// One site's share of the index, made as soon as its pages are rendered and kept
/// instead of their text (which [`part`] writes out at once): its pages' kinds, the
/// folder of their texts, and its stems with postings numbered from the site's first
/// page. [`finish`] puts the sites' parts together. Kept in the build cache, so that a
/// build that does not render a site still indexes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    /// Who runs the site (`situs`).
    pub nama: String,
    /// The site's host name (`alamat`).
    pub alamat: String,
    /// One digit per page: its kind, by its place in [`KINDS`].
    pub jenis: String,
    /// The folder of its pages' texts: page `n` of the site is `<teks>/<n>.json`.
    pub teks: String,
    /// Each stem with its postings (page of the site, weight), in stem order.
    stems: Vec<(String, Vec<(u32, u32)>)>,
    /// Each word form with its stem, in form order.
    forms: Vec<(String, String)>,
}

impl Part {
    /// How many pages the site has in the index.
    pub fn pages(&self) -> usize {
        self.jenis.len()
    }

    /// Whether it is one [`part`] can make: its folder named `teks-<16 hex digits>`, one
    /// kind digit per page, postings on its own pages only.
    pub fn well_formed(&self) -> bool {
        let name = self.teks.strip_prefix("teks-").unwrap_or("");
        let pages = self.pages() as u32;
        name.len() == 16
            && name.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
            && self
                .jenis
                .bytes()
                .all(|b| (b'0'..b'0' + KINDS.len() as u8).contains(&b))
            && self
                .stems
                .iter()
                .all(|(_, list)| list.iter().all(|&(n, _)| n < pages))
    }

    /// The paths of its pages' text files (relative to the index folder).
    pub fn text_files(&self) -> impl Iterator<Item = String> + '_ {
        (0..self.pages()).map(|n| format!("{}/{n}.json", self.teks))
    }
}

/// The part of one site's `entries` (all of the same site, in page order, at least
/// one); the files of their texts are handed to `emit`, [`TEXT_BATCH`] pages at a time,
/// so that a large site's texts are never all in memory at once.
pub fn part<E>(
    entries: &[Entry],
    mut emit: impl FnMut(Vec<OutputFile>) -> Result<(), E>,
) -> Result<Part, E> {
    let parts: Vec<Partial> = entries
        .par_chunks(PIECE)
        .enumerate()
        .map(|(i, pages)| partial(i * PIECE, pages))
        .collect();
    // Merged in page order, so each stem's postings come out sorted.
    let mut postings: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
    let mut forms: BTreeMap<String, String> = BTreeMap::new();
    for part in parts {
        for (s, mut list) in part.stems {
            list.sort_unstable();
            postings.entry(s).or_default().append(&mut list);
        }
        forms.extend(part.forms);
    }
    let mut stems: Vec<(String, Vec<(u32, u32)>)> = postings.into_iter().collect();
    stems.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let teks = text_folder(entries);
    for (i, batch) in entries.chunks(TEXT_BATCH).enumerate() {
        emit(texts(&teks, i * TEXT_BATCH, batch))?;
    }
    let first = entries.first();
    Ok(Part {
        nama: first.map(|e| e.situs.clone()).unwrap_or_default(),
        alamat: first.map(|e| e.alamat.clone()).unwrap_or_default(),
        jenis: entries
            .iter()
            .map(|e| {
                let k = KINDS.iter().position(|k| *k == e.jenis).unwrap_or(1);
                char::from(b'0' + k as u8)
            })
            .collect(),
        teks,
        stems,
        forms: forms.into_iter().collect(),
    })
}

/// Pages whose texts are made and handed over at a time, so that the texts' files of a
/// large site are never all in memory at once.
const TEXT_BATCH: usize = 2048;

/// The index files of `entries` (paths relative to the index folder), pages numbered in
/// the order given, handed to `emit` in batches: each site's texts, then the word
/// chunks, `indeks.json` and the script. Each site's pages must be given one after
/// another.
pub fn build<E>(
    entries: &[Entry],
    mut emit: impl FnMut(Vec<OutputFile>) -> Result<(), E>,
) -> Result<(), E> {
    let mut parts = Vec::new();
    for site in entries.chunk_by(|a, b| a.alamat == b.alamat) {
        parts.push(part(site, &mut emit)?);
    }
    finish(&parts, emit)
}

/// The files that join the sites' `parts` (in the order their pages are numbered) into
/// one index: the word chunks, `indeks.json` and the script, handed to `emit`.
pub fn finish<E>(
    parts: &[Part],
    mut emit: impl FnMut(Vec<OutputFile>) -> Result<(), E>,
) -> Result<(), E> {
    let mut postings: HashMap<&str, Vec<u32>> = HashMap::new();
    let mut forms: HashMap<&str, std::collections::BTreeSet<&str>> = HashMap::new();
    // The gap from a stem's last page so far, by stem.
    let mut last: HashMap<&str, u32> = HashMap::new();
    let mut awal = 0u32;
    for part in parts {
        for (s, list) in &part.stems {
            let flat = postings.entry(s).or_default();
            let previous = last.entry(s).or_insert(0);
            for &(n, weight) in list {
                let n = awal + n;
                flat.push(n - *previous);
                flat.push(weight);
                *previous = n;
            }
        }
        for (w, s) in &part.forms {
            forms.entry(s).or_default().insert(w);
        }
        awal += part.pages() as u32;
    }
    drop(last);
    let keys: BTreeMap<&str, Key> = postings
        .into_iter()
        .map(|(s, flat)| {
            let forms = forms.remove(s).unwrap_or_default();
            let forms = forms.into_iter().map(str::to_string).collect();
            (
                s,
                Key {
                    postings: flat,
                    forms,
                },
            )
        })
        .collect();
    drop(forms);

    let mut files = Vec::new();
    let kata = chunks(keys, &mut files);
    let meta = Meta {
        versi: VERSION,
        bahasa: "id",
        halaman: parts.iter().map(Part::pages).sum(),
        situs: sites(parts),
        jenis: KINDS,
        jenis_halaman: parts.iter().map(|p| p.jenis.as_str()).collect(),
        kata,
    };
    files.push(file(ENTRY_FILE.to_string(), json(&meta)));
    files.push(file(
        INDEX_SCRIPT.to_string(),
        SCRIPT.join("\n").into_bytes(),
    ));
    emit(files)
}

/// One key (a stem) of a word chunk.
#[derive(Default, Serialize)]
struct Key {
    /// Its postings, `[page gap, weight, page gap, weight, ...]` where the
    /// first gap is the page number and a weight is the word's count in the page plus
    /// [`IN_TITLE`] when it is in the title.
    #[serde(rename = "h")]
    postings: Vec<u32>,
    /// The words of the pages that have it, for marking them in excerpts.
    #[serde(rename = "b")]
    forms: Vec<String>,
}

#[derive(Serialize)]
struct Site<'a> {
    nama: &'a str,
    alamat: &'a str,
    /// The number of its first page: a site's pages are numbered one after another.
    awal: usize,
    jumlah: usize,
    /// The folder of its pages' texts: its page `n` (counted from `awal`) is
    /// `<teks>/<n - awal>.json`. Its name is a hash of the site's texts, so that a
    /// server may let browsers keep its files for good, and a build that changes
    /// another site leaves it as it is.
    teks: &'a str,
}

#[derive(Serialize)]
struct Meta<'a> {
    versi: u32,
    bahasa: &'static str,
    halaman: usize,
    situs: Vec<Site<'a>>,
    jenis: [&'static str; 4],
    /// One digit per page: its kind, by its place in `jenis`.
    jenis_halaman: String,
    /// `[first key, file]` of each word chunk, in key order.
    kata: Vec<(String, String)>,
}

#[derive(Serialize)]
struct Text<'a> {
    url: &'a str,
    judul: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    tanggal: Option<&'a str>,
    teks: &'a str,
}

/// The sites of `parts`, each with the range of its pages.
fn sites(parts: &[Part]) -> Vec<Site<'_>> {
    let mut awal = 0;
    parts
        .iter()
        .map(|p| {
            let site = Site {
                nama: &p.nama,
                alamat: &p.alamat,
                awal,
                jumlah: p.pages(),
                teks: &p.teks,
            };
            awal += p.pages();
            site
        })
        .collect()
}

/// Splits the keys into chunks of about [`CHUNK_BYTES`], written as files; the first key
/// and file name of each.
fn chunks(keys: BTreeMap<&str, Key>, files: &mut Vec<OutputFile>) -> Vec<(String, String)> {
    let mut groups: Vec<Vec<(&str, Vec<u8>)>> = Vec::new();
    let mut size = 0;
    let encoded: Vec<(&str, Vec<u8>)> = keys
        .into_par_iter()
        .map(|(k, v)| {
            let body = json(&v);
            (k, body)
        })
        .collect();
    for (k, body) in encoded {
        let len = k.len() + body.len() + 4;
        match groups.last_mut() {
            Some(g) if size + len <= CHUNK_BYTES => {
                size += len;
                g.push((k, body));
            }
            _ => {
                size = len;
                groups.push(vec![(k, body)]);
            }
        }
    }
    let made: Vec<(String, OutputFile)> = groups
        .into_par_iter()
        .map(|group| {
            let first = group[0].0.to_string();
            let mut bytes =
                Vec::with_capacity(group.iter().map(|(k, b)| k.len() + b.len() + 4).sum());
            bytes.push(b'{');
            for (i, (k, body)) in group.iter().enumerate() {
                if i > 0 {
                    bytes.push(b',');
                }
                bytes.extend(json(k));
                bytes.push(b':');
                bytes.extend(body);
            }
            bytes.push(b'}');
            (first, file(hashed("kata", &bytes), bytes))
        })
        .collect();
    made.into_iter()
        .map(|(first, f)| {
            let name = f.path.clone();
            files.push(f);
            (first, name)
        })
        .collect()
}

/// The folder of one site's pages' texts (a result shown costs one page's text): named
/// after the hash of the site's host name and of every text, made a batch at a time
/// and dropped.
fn text_folder(entries: &[Entry]) -> String {
    let mut hasher = blake3::Hasher::new();
    if let Some(first) = entries.first() {
        hasher.update(first.alamat.as_bytes());
    }
    for batch in entries.chunks(TEXT_BATCH) {
        let made: Vec<Vec<u8>> = batch.par_iter().map(text).collect();
        for bytes in &made {
            hasher.update(&(bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        }
    }
    format!("teks-{}", &hasher.finalize().to_hex().as_str()[..16])
}

/// The files of the texts of `batch`, whose first page is page number `first` of its
/// site.
fn texts(folder: &str, first: usize, batch: &[Entry]) -> Vec<OutputFile> {
    batch
        .par_iter()
        .enumerate()
        .map(|(i, e)| file(format!("{folder}/{}.json", first + i), text(e)))
        .collect()
}

/// One page's text file.
fn text(e: &Entry) -> Vec<u8> {
    json(&Text {
        url: &e.url,
        judul: &e.title,
        tanggal: e.date.as_deref(),
        teks: &e.text,
    })
}

/// `<kind>-<16 hex digits of the BLAKE3 hash of bytes>.json`.
fn hashed(kind: &str, bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes).to_hex();
    format!("{kind}-{}.json", &hash.as_str()[..16])
}

fn json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    // Serializing plain strings, numbers and maps with string keys cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

fn file(path: String, bytes: Vec<u8>) -> OutputFile {
    OutputFile {
        path,
        body: Body::Bytes(bytes),
    }
}

#[cfg(test)]
mod tests;
