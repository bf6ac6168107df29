// Outside judges of a laman build: the Nu HTML Checker (vnu) over every HTML page, and
// axe-core (WCAG 2.1 A/AA) in headless Chromium over a sample of pages of every site.
// Also checks that each page with its CSS stays under 50 KB and loads nothing from
// outside the regency's own sites.
//
//   node judge.mjs PUBLIC_DIR
//
// PUBLIC_DIR holds one folder per site, named by its domain (public/<fqdn>/...).
// Pages are loaded at their real https addresses; every request is answered from
// PUBLIC_DIR by page.route, so nothing leaves the machine.

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, extname, dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const publicDir = resolve(process.argv[2] ?? '');
if (!process.argv[2] || !existsSync(publicDir)) {
  console.error('usage: node judge.mjs PUBLIC_DIR');
  process.exit(2);
}
const MAX_BYTES = 50 * 1024;
const AXE_PAGES_PER_SITE = 5;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

let failures = 0;
const fail = (msg) => { failures++; console.log(`FAIL ${msg}`); };

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

const sites = readdirSync(publicDir).filter((d) => statSync(join(publicDir, d)).isDirectory()).sort();
const htmlFiles = walk(publicDir).filter((f) => f.endsWith('.html'));

// 1. Nu HTML Checker over every page.
function runVnu() {
  const jar = join(here, 'node_modules/vnu-jar/build/dist/vnu.jar');
  const r = spawnSync('java', ['-jar', jar, '--errors-only', '--format', 'json', '--skip-non-html', publicDir],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const text = (r.stderr || '').trim() || '{"messages":[]}';
  const report = JSON.parse(text);
  const errors = report.messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
  for (const m of errors) {
    const file = m.url ? relative(publicDir, fileURLToPath(m.url)) : '?';
    fail(`vnu ${file}:${m.lastLine ?? '?'}: ${m.message}`);
  }
  return errors.length;
}

// 2. Size and outside resources.
const RESOURCE = /<(?:link|script|img|iframe|source|video|audio|embed|object)\b[^>]*?\b(?:href|src|data)=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
function runStatic() {
  let count = 0;
  for (const file of htmlFiles) {
    const site = relative(publicDir, file).split('/')[0];
    const html = readFileSync(file, 'utf8');
    const cssPath = join(publicDir, site, 'style.css');
    const css = existsSync(cssPath) ? statSync(cssPath).size : 0;
    const bytes = Buffer.byteLength(html) + css;
    if (bytes > MAX_BYTES) fail(`size ${relative(publicDir, file)}: ${bytes} bytes with its CSS (limit ${MAX_BYTES})`);
    for (const m of html.matchAll(RESOURCE)) {
      const url = m[1] ?? m[2] ?? m[3];
      const host = /^(?:https?:)?\/\/([^/:?#]+)/i.exec(url)?.[1];
      if (host && !sites.includes(host.toLowerCase())) fail(`outside resource ${relative(publicDir, file)}: ${url}`);
    }
    count++;
  }
  return count;
}

// 3. axe-core in Chromium, on a spread of pages of every site.
function samplePages(site) {
  const root = join(publicDir, site);
  const pages = walk(root).filter((f) => f.endsWith('index.html')).map((f) => '/' + relative(root, f).replace(/index\.html$/, ''));
  const others = pages.filter((p) => p !== '/');
  const picked = new Set(['/', '/404.html']);
  if (others.includes('direktori/')) picked.add('/direktori/');
  const step = Math.max(1, Math.floor(others.length / (AXE_PAGES_PER_SITE - 1)));
  for (let i = 0; i < others.length && picked.size < AXE_PAGES_PER_SITE + 2; i += step) picked.add(others[i]);
  return [...picked].map((p) => `https://${site}${p}`);
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml', '.xml': 'application/xml',
  '.txt': 'text/plain', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.pdf': 'application/pdf', '.ico': 'image/x-icon' };

async function serve(route) {
  const url = new URL(route.request().url());
  const host = url.hostname.toLowerCase();
  if (!sites.includes(host)) return route.abort('blockedbyclient');
  const root = join(publicDir, host);
  let path = decodeURIComponent(url.pathname);
  if (path.includes('..')) return route.fulfill({ status: 404, body: '' });
  if (path.endsWith('/')) path += 'index.html';
  let file = join(root, path);
  let status = 200;
  if (!existsSync(file) || statSync(file).isDirectory()) { file = join(root, '404.html'); status = 404; }
  return route.fulfill({ status, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
}

async function runAxe() {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext();
  await context.route('**/*', serve);
  const page = await context.newPage();
  const axePath = require.resolve('axe-core/axe.min.js');
  let checked = 0;
  let warnings = 0;
  for (const site of sites) {
    for (const url of samplePages(site)) {
      await page.goto(url, { waitUntil: 'load' });
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(() => window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      }));
      for (const v of result.violations) {
        const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ');
        if (v.impact === 'serious' || v.impact === 'critical') fail(`axe ${v.impact} ${v.id} at ${url}: ${where} (${v.help})`);
        else { warnings++; console.log(`warn axe ${v.impact} ${v.id} at ${url}: ${where}`); }
      }
      checked++;
    }
  }
  await browser.close();
  return { checked, warnings };
}

const vnuErrors = runVnu();
const sized = runStatic();
const axe = await runAxe();
console.log(`judges: ${htmlFiles.length} pages checked by vnu (${vnuErrors} errors), ${sized} for size and outside resources, ${axe.checked} by axe (${axe.warnings} minor warnings): ${failures} failure(s)`);
process.exit(failures > 0 ? 1 : 0);
