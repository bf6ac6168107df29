#!/usr/bin/env node
// Runs laman's search script (the index's own indeks.js) under Node.js against an index
// folder on disk, as a browser would against the portal's /_cari/:
//
//   node tests/judges/query.mjs INDEX_DIR '[{"q": "posyandu", "filters": {"jenis": "berita"}}]'
//
// Prints one JSON object: {"filters": <filters()>, "results": [[{url, title, situs,
// tanggal, excerpt}, ...] per query, best first], "words": n, "disagree": [[word, stem
// in the index, stem in the browser], ...]}: every word of the pages (each key's `b`)
// stemmed by the browser's stemmer against the stem the build gave it.
// "fetched" gives the bytes of each file the script asked for (what a browser downloads).
// Exit status: 0 ran, 2 could not run.
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [dir, queries] = process.argv.slice(2);
if (!dir || !queries) { console.error('usage: node tests/judges/query.mjs INDEX_DIR QUERIES_JSON'); process.exit(2); }
const deadline = setTimeout(() => { console.error('query: took longer than 30 s'); process.exit(2); }, 30_000);
// The script fetches its files from beside itself: serve file: addresses from disk.
const fetched = {};
globalThis.fetch = async (url) => {
  try {
    const body = await readFile(fileURLToPath(url), 'utf8');
    fetched[String(url).split('/').pop()] = Buffer.byteLength(body);
    return { ok: true, status: 200, json: async () => JSON.parse(body) };
  } catch {
    return { ok: false, status: 404, json: async () => { throw new Error('404'); } };
  }
};
try {
  const indeks = await import(pathToFileURL(join(dir, 'indeks.js')).href);
  await indeks.init();
  const out = { filters: await indeks.filters(), results: [], words: 0, disagree: [] };
  const meta = JSON.parse(await readFile(join(dir, 'indeks.json'), 'utf8'));
  for (const [, name] of meta.kata) {
    const chunk = JSON.parse(await readFile(join(dir, name), 'utf8'));
    for (const [key, { b }] of Object.entries(chunk)) {
      for (const word of b) {
        out.words += 1;
        const s = indeks.stem(word);
        if (s !== key) out.disagree.push([word, key, s]);
      }
    }
  }
  for (const { q, filters } of JSON.parse(queries)) {
    const found = await indeks.search(q, { filters: filters || {} });
    const shown = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
    out.results.push(shown.map((d) => ({ url: d.url, title: d.meta.title, situs: d.meta.situs,
      tanggal: d.meta.tanggal, excerpt: d.excerpt })));
  }
  out.fetched = fetched;
  console.log(JSON.stringify(out));
} catch (e) {
  console.error(`query: ${e.stack || e}`);
  process.exit(2);
} finally {
  clearTimeout(deadline);
}
