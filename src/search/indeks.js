// laman's search: queries the regency's index (format version 2, described in
// docs/search-format.md) from the folder this module is served from. Written by laman
// beside the index, after the Snowball Indonesian stemmer (IndonesianStemmer, above
// in the same module); the theme's cari.js imports it and does the page. No other
// dependency, no WebAssembly.
const VERSION = 2;
const MAX_WORD = 40;
const IN_TITLE = 1 << 12;
const base = new URL('./', import.meta.url);
const stemmer = new IndonesianStemmer();
let meta = null;
let siteOf = null;
const files = new Map();

function get(name) {
  if (!files.has(name)) {
    const p = fetch(new URL(name, base)).then((r) => {
      if (!r.ok) throw new Error(`${name}: ${r.status}`);
      return r.json();
    });
    p.catch(() => files.delete(name));
    files.set(name, p);
  }
  return files.get(name);
}

// Code point order, as the index sorts its keys (UTF-8 bytes).
function cmp(a, b) {
  const x = [...a]; const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d) return d;
  }
  return x.length - y.length;
}

// The words of a query as the index splits pages: letters and digits, lower-cased.
export function words(q) {
  return String(q).split(/[^\p{Alphabetic}\p{N}]+/u)
    .filter((w) => w && [...w].length <= MAX_WORD)
    .map((w) => w.toLowerCase());
}

export async function init() {
  if (!meta) {
    const m = await get('indeks.json');
    if (m.versi !== VERSION) throw new Error(`index version ${m.versi}, script ${VERSION}`);
    siteOf = new Uint32Array(m.halaman);
    m.situs.forEach((s, i) => siteOf.fill(i, s.awal, s.awal + s.jumlah));
    meta = m;
  }
  return meta;
}

// The filter values and how many pages each has: { situs: {name: n}, alamat, jenis }.
export async function filters() {
  const m = await init();
  const out = { situs: {}, alamat: {}, jenis: {} };
  for (const s of m.situs) {
    out.situs[s.nama] = (out.situs[s.nama] || 0) + s.jumlah;
    out.alamat[s.alamat] = (out.alamat[s.alamat] || 0) + s.jumlah;
  }
  for (const d of m.jenis_halaman) {
    const k = m.jenis[d];
    out.jenis[k] = (out.jenis[k] || 0) + 1;
  }
  return out;
}

// The chunk whose key range holds `word`.
function chunkOf(word) {
  const kata = meta.kata;
  let lo = 0; let hi = kata.length - 1; let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cmp(kata[mid][0], word) <= 0) { at = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return at < 0 ? null : kata[at][1];
}

async function key(word) {
  const name = chunkOf(word);
  if (!name) return { chunk: {}, key: undefined };
  const chunk = await get(name);
  return { chunk, key: Object.hasOwn(chunk, word) ? chunk[word] : undefined };
}

// The stem of a word, as the index was built with (an empty stem keeps the word).
export function stem(word) {
  return stemmer.stemWord(word) || word;
}

// The stems a query word stands for, each as [postings, forms, weight of the match].
async function stems(word) {
  const { key: k } = await key(stem(word));
  if (k) return [[k.h, k.b, 1]];
  // No page has its stem: the stems it begins (as typed so far), weighed less.
  const { chunk } = await key(word);
  const found = [];
  for (const [w, v] of Object.entries(chunk)) {
    if (w.startsWith(word) && found.length < 50) found.push([v.h, v.b, 0.5]);
  }
  return found;
}

function allowed(f) {
  const m = meta;
  const tests = [];
  if (f.alamat) tests.push((p) => m.situs[siteOf[p]].alamat === f.alamat);
  if (f.situs) tests.push((p) => m.situs[siteOf[p]].nama === f.situs);
  if (f.jenis) {
    const d = String(m.jenis.indexOf(f.jenis));
    tests.push((p) => m.jenis_halaman[p] === d);
  }
  return (p) => tests.every((t) => t(p));
}

// Pages holding the query's words, best first: pages holding more of the words first,
// then by score (a word in the title weighs much more than one mention in the text;
// rarer words weigh more).
export async function search(q, options = {}) {
  const m = await init();
  const asked = [...new Set(words(q))].slice(0, 12);
  if (!asked.length) return { results: [] };
  const ok = allowed(options.filters || {});
  const per = await Promise.all(asked.map(stems));
  const hits = new Map();
  const marks = new Set(asked);
  per.forEach((list, i) => {
    const best = new Map();
    for (const [postings, forms, weight] of list) {
      for (const f of forms) marks.add(f);
      const idf = Math.log(1 + m.halaman / (postings.length / 2));
      let page = 0;
      for (let j = 0; j < postings.length; j += 2) {
        page += postings[j];
        const w = postings[j + 1];
        const count = w % IN_TITLE;
        const s = weight * idf * ((w >= IN_TITLE ? 8 : 0) + 1 + Math.log2(Math.max(count, 1)));
        if (s > (best.get(page) || 0)) best.set(page, s);
      }
    }
    for (const [page, s] of best) {
      if (!ok(page)) continue;
      const h = hits.get(page) || { page, words: 0, score: 0 };
      h.words += 1;
      h.score += s;
      hits.set(page, h);
    }
  });
  const ranked = [...hits.values()].sort((a, b) => b.words - a.words || b.score - a.score || a.page - b.page);
  return {
    results: ranked.map((h) => ({ page: h.page, score: h.score, data: () => page(h.page, marks) })),
  };
}

// A result's address, title, site, date and excerpt: the excerpt as [text, marked]
// pieces, so that nothing of the page's text is ever read as markup.
async function page(n, marks) {
  const site = meta.situs[siteOf[n]];
  const p = await get(`${site.teks}/${n - site.awal}.json`);
  return {
    url: p.url,
    meta: { title: p.judul, situs: site.nama, tanggal: p.tanggal },
    excerpt: excerpt(p.teks, marks),
  };
}

function excerpt(text, marks, length = 30) {
  const parts = text.split(/([^\p{Alphabetic}\p{N}]+)/u);
  const hit = (w) => marks.has(w.toLowerCase());
  // The window of `length` words with the most marked words.
  const idx = [];
  parts.forEach((p, i) => { if (i % 2 === 0 && p) idx.push(i); });
  let best = 0; let bestN = -1;
  for (let s = 0; s < idx.length; s += 1) {
    let n = 0;
    for (let k = s; k < Math.min(idx.length, s + length); k++) if (hit(parts[idx[k]])) n++;
    if (n > bestN) { best = s; bestN = n; }
    if (s + length >= idx.length) break;
  }
  const from = idx.length ? idx[best] : 0;
  const to = idx.length ? idx[Math.min(idx.length, best + length) - 1] : -1;
  const out = [];
  if (best > 0) out.push(['… ', false]);
  for (let i = from; i <= to; i++) {
    const p = parts[i];
    if (!p) continue;
    out.push([p, i % 2 === 0 && hit(p)]);
  }
  if (idx.length && best + length < idx.length) out.push([' …', false]);
  return out;
}
