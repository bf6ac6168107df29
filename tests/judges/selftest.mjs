#!/usr/bin/env node
// Checks the judges themselves: writes two small hand-made builds (two sites each) into a
// temporary folder, one that must pass and one that must fail every judge, and runs
// judge.mjs on both.
//
//   node tests/judges/selftest.mjs            run both and check the outcome
//   node tests/judges/selftest.mjs --write D  only write D/good and D/bad (to look at)

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const PORTAL = 'contohkab.go.id';
const OPD = 'dinkes.contohkab.go.id';

const CSS = `body{font-family:sans-serif;margin:0;color:#1a1a1a;background:#fff}
a{color:#0b4f9c}.wadah{max-width:60rem;margin:0 auto;padding:0 1rem}
.lewati{position:absolute;left:-999px}.lewati:focus{left:1rem}
.bendera{display:inline-block;width:1rem;height:.6rem;background:linear-gradient(#c00 50%,#fff 50%)}
`;

function page(site, { title, body, extraHead = '' }) {
  return `<!doctype html><html lang=id><head><meta charset=utf-8>`
    + `<meta content="width=device-width,initial-scale=1" name=viewport><title>${title}</title>`
    + `<link href=https://${site}/style.css rel=stylesheet>`
    + `<link href=https://${site}/favicon.svg rel=icon type=image/svg+xml>${extraHead}</head>`
    + `<body><a class=lewati href=#konten>Lewati ke konten utama</a>`
    + `<header class=wadah><a href=https://${site}/><img alt="" height=40 src=https://${site}/favicon.svg width=40> ${title}</a>`
    + `<nav aria-label="Menu utama"><ul><li><a href=https://${site}/>Beranda</a></li>`
    + `<li><a href=https://${site}/berita/>Berita</a></li><li><a href=https://${PORTAL}/>Portal</a></li></ul></nav></header>`
    + `<main class=wadah id=konten tabindex=-1><h1>${title}</h1>${body}</main>`
    + `<footer class=wadah><p>Pemerintah Kabupaten Contoh. <a href=https://www.example.org/>Tautan luar</a> boleh.</p></footer>`
    + `</body></html>`;
}

const FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#0b4f9c"/></svg>';

function write(root, files) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

function site(root, name, pages) {
  const files = { 'style.css': CSS, 'favicon.svg': FAVICON, 'robots.txt': 'User-agent: *\n' };
  files['404.html'] = page(name, { title: 'Halaman tidak ditemukan', body: '<p>Halaman yang Anda cari tidak ada.</p>' });
  for (const [path, opts] of Object.entries(pages)) files[path] = page(name, opts);
  write(join(root, name), files);
}

function good(root) {
  site(root, PORTAL, {
    'index.html': { title: 'Portal Kabupaten Contoh', body: `<p>Selamat datang. Lihat <a href=https://${OPD}/>Dinas Kesehatan</a>.</p>` },
    'direktori/index.html': { title: 'Direktori', body: `<ul><li><a href=https://${OPD}/>dinkes</a></li></ul>` },
    'berita/index.html': { title: 'Berita', body: `<ul><li><a href=https://${PORTAL}/berita/hari-jadi/>Hari jadi</a></li></ul>` },
    'berita/hari-jadi/index.html': { title: 'Hari jadi', body: '<p>Upacara hari jadi kabupaten.</p>' },
    'profil/index.html': { title: 'Profil', body: '<p>Profil kabupaten.</p>' },
  });
  site(root, OPD, {
    'index.html': { title: 'Dinas Kesehatan', body: '<p>Situs resmi Dinas Kesehatan.</p>' },
    'berita/index.html': { title: 'Berita', body: `<ul><li><a href=https://${OPD}/berita/imunisasi/>Imunisasi</a></li></ul>` },
    'berita/imunisasi/index.html': { title: 'Imunisasi', body: '<p>Imunisasi serentak di 18 puskesmas.</p>' },
    'layanan/index.html': { title: 'Layanan', body: '<p>Layanan publik.</p>' },
    'layanan/ambulans/index.html': { title: 'Ambulans', body: '<p>Hubungi 119.</p>' },
  });
}

function bad(root) {
  good(root);
  // A Nu HTML Checker error (a stray end tag) and an image without alt text (axe, critical).
  write(join(root, OPD), {
    'berita/imunisasi/index.html': page(OPD, { title: 'Imunisasi', body: '<p>Imunisasi.</span></p><img src=https://dinkes.contohkab.go.id/favicon.svg width=10 height=10>' }),
    // Zoom forbidden (axe meta-viewport, moderate: a warning, not a failure).
    'index.html': page(OPD, { title: 'Dinas Kesehatan', body: '<p>Situs resmi.</p>' })
      .replace('width=device-width,initial-scale=1', 'width=device-width,initial-scale=1,maximum-scale=1,user-scalable=no'),
    // Text without contrast (axe color-contrast, serious).
    'layanan/index.html': page(OPD, { title: 'Layanan', body: '<p style="color:#eee">Layanan publik.</p>' }),
  });
  // An outside script (static check and the browser's aborted request) and a page over 50 KB.
  write(join(root, PORTAL), {
    'profil/index.html': page(PORTAL, { title: 'Profil', body: '<p>Profil.</p>', extraHead: '<script src=https://cdn.example.com/x.js></script>' }),
    'berita/hari-jadi/index.html': page(PORTAL, { title: 'Hari jadi', body: `<p>${'Upacara hari jadi kabupaten. '.repeat(2000)}</p>` }),
  });
}

const args = process.argv.slice(2);
if (args[0] === '--write') {
  const dir = args[1] ?? 'judge-samples';
  good(join(dir, 'good'));
  bad(join(dir, 'bad'));
  console.log(`wrote ${dir}/good and ${dir}/bad`);
  process.exit(0);
}

const tmp = mkdtempSync(join(tmpdir(), 'laman-judges-'));
let ok = true;
try {
  good(join(tmp, 'good'));
  bad(join(tmp, 'bad'));
  const judge = (tree) => spawnSync(process.execPath, [join(here, 'judge.mjs'), join(tmp, tree)], { encoding: 'utf8' });

  const g = judge('good');
  if (g.status !== 0) {
    ok = false;
    console.log(`selftest: the good sample failed (exit ${g.status}):\n${g.stdout}${g.stderr}`);
  }
  const b = judge('bad');
  const expected = [
    [/dinkes\.contohkab\.go\.id\/berita\/imunisasi\/index\.html:1: .*span/, 'a vnu error'],
    [/image-alt \(critical\)/, 'an axe critical violation (image-alt)'],
    [/color-contrast \(serious\)/, 'an axe serious violation (color-contrast)'],
    [/profil\/index\.html: loads https:\/\/cdn\.example\.com\/x\.js/, 'an outside resource'],
    [/requested https:\/\/cdn\.example\.com\/x\.js .*aborted/, 'an aborted outside request'],
    [/berita\/hari-jadi\/index\.html: \d+ bytes/, 'a page over 50 KB'],
    [/warning: +axe meta-viewport \(moderate\)/, 'an axe moderate violation as a warning'],
    [/^judges: \d+ passed, [1-9]\d* failed$/m, 'the closing line'],
  ];
  if (b.status !== 1) {
    ok = false;
    console.log(`selftest: the bad sample exited with ${b.status}, not 1`);
  }
  for (const [re, what] of expected) {
    if (!re.test(b.stdout)) {
      ok = false;
      console.log(`selftest: the bad sample's report lacks ${what} (${re})`);
    }
  }
  if (!ok) console.log(`--- report on the bad sample:\n${b.stdout}${b.stderr}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(ok ? 'selftest: the judges pass the good sample and catch every fault of the bad one'
  : 'selftest: FAILED');
process.exit(ok ? 0 : 1);
