#!/usr/bin/env node
// Outside judges of a laman build.
//
//   node tests/judges/judge.mjs PUBLIC_DIR
//
// PUBLIC_DIR is the output of `laman build`: one folder per site, named by its domain
// (PUBLIC_DIR/sukamajukab.go.id/, PUBLIC_DIR/dinkes.sukamajukab.go.id/, ...).
//
// 1. Nu HTML Checker (vnu.jar, Java) over every .html file: every error fails.
// 2. Size and outside resources, over every .html file: a page plus the stylesheets it
//    links must stay under 50 KB; a page (or a stylesheet) may load nothing from a host
//    that is not one of the sites in PUBLIC_DIR (plain <a href> links may go anywhere).
// 3. axe-core (WCAG 2.0/2.1 A and AA) in headless Chromium over a sample of every site:
//    its home page, up to 4 other pages spread across its sections, 404.html, and
//    /direktori/ where there is one (the portal), and /cari/ with the results of a query
//    shown (the search runs on the built index, as a browser would). Pages are loaded at their real https
//    addresses and every request is answered from PUBLIC_DIR by a Playwright route: no
//    server, and nothing leaves the machine (requests to any other host are aborted and
//    fail the run; the browser's host resolver resolves nothing as a second guard).
//    Serious and critical violations fail; moderate and minor ones are warnings.
//
// Exit status: 0 all judges passed, 1 something failed, 2 could not run.
// Environment: JAVA (default `java`), CHROMIUM (default /usr/bin/chromium).

import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

const MAX_BYTES = 50 * 1024;
const AXE_OTHER_PAGES = 4;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);
const JAVA = process.env.JAVA || 'java';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // Every request is fulfilled by the route below; should anything slip past it, no
  // name resolves, so nothing can reach the network.
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

function usage(msg) {
  if (msg) console.error(`judge: ${msg}`);
  console.error('usage: node tests/judges/judge.mjs PUBLIC_DIR');
  process.exit(2);
}

const args = process.argv.slice(2);
if (args.length !== 1 || args[0].startsWith('-')) usage();
const publicDir = resolve(args[0]);
if (!existsSync(publicDir) || !statSync(publicDir).isDirectory()) usage(`${args[0]} is not a folder`);
const publicReal = realpathSync(publicDir);

// ---------------------------------------------------------------------------------------
// Bookkeeping: every failure is tied to a page (file relative to PUBLIC_DIR) when it can
// be, so that the closing line can say how many pages passed.

const failedPages = new Set();
let errors = 0;
let warnings = 0;

function failure(page, line) {
  errors++;
  failedPages.add(page ?? '(no page)');
  console.log(`  ${line}`);
}
function warning(line) {
  warnings++;
  console.log(`  ${line}`);
}
function header(title) {
  console.log(`\n--- ${title}`);
}

// ---------------------------------------------------------------------------------------
// The tree.

/** Files under dir (sorted, recursive, not following symlinks). */
function walk(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p));
    else if (entry.isFile()) out.push(p);
  }
  return out;
}

const sites = readdirSync(publicDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name.includes('.'))
  .map((e) => e.name)
  .sort();
const siteSet = new Set(sites);
if (sites.length === 0) {
  console.log(`judge: no site folders (named by domain) in ${publicDir}`);
  console.log('judges: 0 passed, 1 failed');
  process.exit(1);
}
const htmlFiles = sites.flatMap((s) => walk(join(publicDir, s))).filter((f) => f.endsWith('.html'));
const rel = (file) => relative(publicDir, file);

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
  '.webp': 'image/webp', '.avif': 'image/avif', '.ico': 'image/x-icon', '.woff': 'font/woff', '.woff2': 'font/woff2',
  '.ttf': 'font/ttf', '.otf': 'font/otf', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf', '.mp4': 'video/mp4', '.webm': 'video/webm', '.mp3': 'audio/mpeg',
};

/**
 * Where a URL of one of the sites lives in PUBLIC_DIR, the way a static server would find
 * it: `/x/` is `x/index.html`, a folder without its slash redirects, anything else is
 * the site's 404.html with status 404. Refuses to leave the site's folder.
 * Returns { status, file?, location? } or null when the host is not one of the sites.
 */
function lookup(url) {
  let u;
  try { u = new URL(url); } catch { return null; }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  const host = u.hostname.toLowerCase().replace(/\.$/, '');
  if (!siteSet.has(host)) return null;
  const root = join(publicReal, host);
  const notFound = () => {
    const file = join(root, '404.html');
    return existsSync(file) ? { status: 404, file } : { status: 404 };
  };
  let path;
  try { path = decodeURIComponent(u.pathname); } catch { return { status: 400 }; }
  if (path.includes('\0') || path.includes('\\')) return { status: 400 };
  let file = resolve(root, '.' + path);
  if (file !== root && !file.startsWith(root + sep)) return { status: 403 };
  if (!existsSync(file)) return notFound();
  if (statSync(file).isDirectory()) {
    if (!path.endsWith('/')) return { status: 301, location: `${u.origin}${u.pathname}/${u.search}` };
    file = join(file, 'index.html');
    if (!existsSync(file)) return notFound();
  }
  const real = realpathSync(file);
  if (!real.startsWith(root + sep)) return { status: 403 };
  return { status: 200, file: real };
}

// ---------------------------------------------------------------------------------------
// 1. Nu HTML Checker.

function runVnu() {
  header(`Nu HTML Checker: ${htmlFiles.length} pages`);
  if (htmlFiles.length === 0) {
    failure(null, 'no .html file to check');
    return;
  }
  const jar = String(require('vnu-jar'));
  const r = spawnSync(JAVA, ['-Xss4m', '-jar', jar, '--errors-only', '--skip-non-html', '--format', 'json',
    ...sites.map((s) => join(publicDir, s))], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.error) {
    failure(null, `could not run ${JAVA}: ${r.error.message}`);
    return;
  }
  let report;
  try {
    report = JSON.parse(r.stderr);
  } catch {
    failure(null, `vnu exited with ${r.status} without a JSON report:\n${r.stderr}${r.stdout}`);
    return;
  }
  let n = 0;
  for (const m of report.messages ?? []) {
    if (m.type !== 'error' && m.type !== 'non-document-error') continue;
    let file = m.url ?? '?';
    try { file = rel(fileURLToPath(m.url)); } catch { /* keep the URL */ }
    failure(file, `${file}:${m.lastLine ?? m.firstLine ?? 0}: ${m.message}`);
    if (m.extract) console.log(`      near: ${m.extract.replace(/\s+/g, ' ').trim()}`);
    n++;
  }
  if (n === 0 && r.status !== 0) failure(null, `vnu exited with ${r.status} and reported no error:\n${r.stderr}`);
  console.log(`  ${n} error(s)`);
}

// ---------------------------------------------------------------------------------------
// 2. Size and outside resources.

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", colon: ':', sol: '/', period: '.' };
function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (all, e) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      try { return String.fromCodePoint(code); } catch { return all; }
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

/** Tags with their attributes (lower-cased names, entity-decoded values). */
function* tags(html) {
  const text = html.replace(/<!--[\s\S]*?-->/g, '');
  const TAG = /<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  const ATTR = /([^\s"'=<>\/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const t of text.matchAll(TAG)) {
    const attrs = {};
    for (const a of t[2].matchAll(ATTR)) {
      const name = a[1].toLowerCase();
      if (!(name in attrs)) attrs[name] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
    }
    yield { name: t[1].toLowerCase(), attrs };
  }
}

/** Host of an absolute or scheme-relative URL, or null for a relative or non-web one. */
function urlHost(url) {
  const m = /^\s*(?:(https?):)?\/\/([^/?#\s]*)/i.exec(url);
  if (!m) return null;
  return m[2].replace(/^[^@]*@/, '').replace(/:\d*$/, '').replace(/\.$/, '').toLowerCase();
}

// Attributes through which a page loads something (an <a href> only links).
const LOADING = {
  link: ['href', 'imagesrcset'], script: ['src'], img: ['src', 'srcset'], source: ['src', 'srcset'],
  video: ['src', 'poster'], audio: ['src'], track: ['src'], iframe: ['src'], frame: ['src'], embed: ['src'],
  object: ['data'], input: ['src'], image: ['href', 'xlink:href'], use: ['href', 'xlink:href'],
  // <link rel=...> of any kind is checked: even canonical and alternate must stay home.
};

function urlsOf(attr, value) {
  if (attr.endsWith('srcset')) return value.split(',').map((c) => c.trim().split(/\s+/)[0]).filter(Boolean);
  return [value];
}

function cssUrls(css) {
  const out = [];
  for (const m of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/gi)) out.push(m[1] ?? m[2] ?? m[3]);
  for (const m of css.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/gi)) out.push(m[1] ?? m[2]);
  return out;
}

function runStatic() {
  header(`size (page + its stylesheets < ${MAX_BYTES} bytes) and outside resources: ${htmlFiles.length} pages`);
  const cssChecked = new Set();
  for (const file of htmlFiles) {
    const page = rel(file);
    const site = page.split(sep)[0];
    const html = readFileSync(file, 'utf8');
    const base = `https://${site}/${page.split(sep).slice(1).join('/')}`;
    const stylesheets = new Set();
    const outside = (url, what) => failure(page, `${page}: loads ${url} (${what}) from outside the regency's sites`);
    for (const { name, attrs } of tags(html)) {
      for (const attr of LOADING[name] ?? []) {
        if (!(attr in attrs)) continue;
        for (const url of urlsOf(attr, attrs[attr])) {
          const host = urlHost(url);
          if (host !== null && !siteSet.has(host)) outside(url, `<${name} ${attr}>`);
          if (name === 'link' && /(^|\s)stylesheet(\s|$)/i.test(attrs.rel ?? '')) {
            let abs;
            try { abs = new URL(url, base).href; } catch { continue; }
            const found = lookup(abs);
            if (found?.status === 200) stylesheets.add(found.file);
            else if (found) failure(page, `${page}: stylesheet ${url} is not in the build (status ${found.status})`);
          }
        }
      }
      if (attrs.style) for (const url of cssUrls(attrs.style)) if (urlHost(url) && !siteSet.has(urlHost(url))) outside(url, 'style attribute');
    }
    for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) {
      for (const url of cssUrls(m[1])) if (urlHost(url) && !siteSet.has(urlHost(url))) outside(url, '<style>');
    }
    let bytes = statSync(file).size;
    for (const css of stylesheets) {
      bytes += statSync(css).size;
      if (!cssChecked.has(css)) {
        cssChecked.add(css);
        for (const url of cssUrls(readFileSync(css, 'utf8'))) {
          const host = urlHost(url);
          if (host && !siteSet.has(host)) failure(page, `${relative(publicReal, css)}: loads ${url} from outside the regency's sites`);
        }
      }
    }
    if (bytes >= MAX_BYTES) {
      failure(page, `${page}: ${bytes} bytes with its stylesheets (${statSync(file).size} of HTML), limit ${MAX_BYTES}`);
    }
  }
  console.log(`  ${htmlFiles.length} pages, ${cssChecked.size} stylesheets`);
}

// ---------------------------------------------------------------------------------------
// 3. axe-core in Chromium.

/**
 * The pages of a site that axe looks at, deterministically: the home page, up to
 * AXE_OTHER_PAGES others taken in turn from each section (sorted, each site starting at
 * another section; alternately a section's own list page first and one of its pages
 * first, so that both kinds of template are seen), then
 * 404.html, then /direktori/ if the site has it, then /layanan/, its first service page
 * and /ppid/ where they exist. Paginated lists (halaman/N/) are left
 * out: they use the same template as their first page.
 */
function axePages(site, siteIndex) {
  const root = join(publicDir, site);
  const dirs = walk(root)
    .filter((f) => f.endsWith(`${sep}index.html`))
    .map((f) => relative(root, f).split(sep).slice(0, -1))
    .filter((parts) => parts.length > 0 && !parts.includes('halaman'));
  const sections = new Map();
  for (const parts of dirs) {
    if (parts.join('/') === 'direktori' || parts[0] === 'cari') continue;
    const key = parts[0];
    if (!sections.has(key)) sections.set(key, { list: null, pages: [] });
    if (parts.length === 1) sections.get(key).list = parts;
    else sections.get(key).pages.push(parts);
  }
  const keys = [...sections.keys()].sort();
  // Each site starts at another section, so that together the sites cover them all.
  const start = keys.length ? siteIndex % keys.length : 0;
  const queues = [...keys.slice(start), ...keys.slice(0, start)].map((key, i) => {
    const { list, pages } = sections.get(key);
    const q = [...pages];
    if (list) q.splice((i + siteIndex) % 2 === 0 ? 0 : Math.min(1, q.length), 0, list);
    return q;
  });
  const picked = ['/'];
  for (let round = 0; picked.length < 1 + AXE_OTHER_PAGES && queues.some((q) => q.length > round); round++) {
    for (const q of queues) {
      if (round < q.length && picked.length < 1 + AXE_OTHER_PAGES) picked.push(`/${q[round].join('/')}/`);
    }
  }
  if (existsSync(join(root, '404.html'))) picked.push('/404.html');
  if (existsSync(join(root, 'direktori', 'index.html'))) picked.push('/direktori/');
  // The search page, judged with results on it (see SEARCH_QUERY).
  if (existsSync(join(root, 'cari', 'index.html'))) picked.push('/cari/');
  // The structured parts the law prescribes are always seen: the catalogue (on the
  // portal) or a site's services, one service page, and the PPID page.
  const service = (sections.get('layanan')?.pages ?? []).sort()[0];
  for (const p of ['/layanan/', service && `/${service.join('/')}/`, '/ppid/']) {
    if (p && !picked.includes(p) && existsSync(join(root, p, 'index.html'))) picked.push(p);
  }
  return picked.map((p) => ({ url: `https://${site}${p}`, page: rel(join(root, p.endsWith('/') ? `${p}index.html` : p)) }));
}

// What the search pages are asked before axe looks at them, so that their results (or
// the announcement that there are none) are on the page.
const SEARCH_QUERY = 'layanan';

async function showResults(page, sample) {
  await page.fill('#cari-q', SEARCH_QUERY);
  await page.keyboard.press('Enter');
  await page.waitForFunction((q) => {
    const s = document.getElementById('cari-status')?.textContent ?? '';
    return s.includes(`“${q}”`) && !s.startsWith('Mencari');
  }, SEARCH_QUERY, { timeout: 20_000 });
  const shown = await page.$$eval('#cari-hasil > li', (li) => li.length);
  console.log(`  ${sample.url}: "${SEARCH_QUERY}" shows ${shown} result(s)`);
}

async function runAxe() {
  const samples = sites.flatMap((s, i) => axePages(s, i));
  header(`axe-core (${AXE_TAGS.join(', ')}) in Chromium: ${samples.length} pages`);
  let playwright;
  try {
    playwright = require('playwright-core');
  } catch (e) {
    failure(null, `playwright-core is not installed (npm ci in tests/judges): ${e.message}`);
    return 0;
  }
  const axeScript = require.resolve('axe-core/axe.min.js');
  let browser;
  try {
    browser = await playwright.chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
  } catch (e) {
    failure(null, `could not start Chromium (${CHROMIUM}): ${e.message}`);
    return 0;
  }
  let checked = 0;
  try {
    const context = await browser.newContext({ bypassCSP: true, serviceWorkers: 'block', javaScriptEnabled: true });
    const problems = []; // what went wrong while the current sample loaded
    await context.route('**/*', async (route) => {
      const request = route.request();
      const url = request.url();
      if (url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      const found = lookup(url);
      if (!found) {
        problems.push(`requested ${url} (${request.resourceType()}), outside the regency's sites: aborted`);
        return route.abort('blockedbyclient');
      }
      if (found.status === 301) return route.fulfill({ status: 301, headers: { location: found.location } });
      const isFavicon = new URL(url).pathname === '/favicon.ico';
      if (found.status !== 200 && request.resourceType() !== 'document' && !isFavicon) {
        problems.push(`requested ${url} (${request.resourceType()}): status ${found.status}, not in the build`);
      }
      if (!found.file) return route.fulfill({ status: found.status, contentType: 'text/plain', body: `${found.status}\n` });
      return route.fulfill({
        status: found.status,
        contentType: TYPES[extname(found.file).toLowerCase()] ?? 'application/octet-stream',
        body: readFileSync(found.file),
      });
    });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
    for (const sample of samples) {
      problems.length = 0;
      let line;
      try {
        const response = await page.goto(sample.url, { waitUntil: 'load' });
        if (!response || response.status() !== 200) {
          failure(sample.page, `${sample.url}: status ${response?.status()} (${sample.page} missing?)`);
        }
        if (new URL(sample.url).pathname === '/cari/') await showResults(page, sample);
        const unstyled = await page.evaluate(() => [...document.querySelectorAll('link[rel~=stylesheet i]')]
          .filter((l) => !l.sheet).map((l) => l.href));
        for (const href of unstyled) problems.push(`stylesheet ${href} did not load`);
        await page.addScriptTag({ path: axeScript });
        const result = await page.evaluate((tags) => window.axe.run(document, {
          runOnly: { type: 'tag', values: tags },
          resultTypes: ['violations'],
        }), AXE_TAGS);
        const bad = result.violations.filter((v) => FAILING_IMPACTS.has(v.impact));
        const minor = result.violations.filter((v) => !FAILING_IMPACTS.has(v.impact));
        line = `${sample.url}: ${bad.length ? `${bad.length} serious/critical` : 'ok'}${minor.length ? `, ${minor.length} moderate/minor` : ''}`;
        console.log(`  ${line}`);
        for (const v of result.violations) {
          const targets = v.nodes.map((n) => n.target.join(' ')).filter(Boolean);
          const shown = targets.slice(0, 5).join(', ') + (targets.length > 5 ? `, and ${targets.length - 5} more` : '');
          const text = `${v.id} (${v.impact}) at ${sample.url}: ${shown}: ${v.help} <${v.helpUrl}>`;
          if (FAILING_IMPACTS.has(v.impact)) failure(sample.page, `  axe ${text}`);
          else warning(`  warning: axe ${text}`);
        }
      } catch (e) {
        failure(sample.page, `${sample.url}: could not be checked: ${e.message.split('\n')[0]}`);
      }
      for (const p of problems) failure(sample.page, `  ${sample.url}: ${p}`);
      checked++;
    }
  } finally {
    await browser.close().catch(() => {});
  }
  return checked;
}

// ---------------------------------------------------------------------------------------

runVnu();
runStatic();
const axeChecked = await runAxe();
const failed = failedPages.size;
const pages = htmlFiles.length;
console.log('');
console.log(`judges: ${pages} pages checked by vnu and for size and outside resources, ${axeChecked} by axe: `
  + `${errors} error(s), ${warnings} warning(s)`);
console.log(`judges: ${Math.max(0, pages - [...failedPages].filter((p) => p !== '(no page)').length)} passed, ${failed} failed`);
process.exit(errors > 0 ? 1 : 0);
