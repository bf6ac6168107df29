#!/usr/bin/env node
// The regency search in headless Chromium, against `laman serve` on 127.0.0.1.
//
//   node tests/judges/search.mjs LAMAN ROOT
//
// LAMAN is the laman executable, ROOT a regency repository (a copy: two pages are added
// to it). The preview server runs on a free port of 127.0.0.1 only (the portal at
// localhost:PORT, each site at <label>.localhost:PORT; Chromium maps those names to
// 127.0.0.1 and no other name to anything), and every step has a deadline. Checks:
// results from at least three sites on the portal; the site filter; a query that finds
// nothing; an OPD site's own search staying on that site; Indonesian stemming
// ("layanan" finds "pelayanan", "perizinan" finds "izin"); axe-core on the page with
// results shown, and the Nu HTML Checker on that page's DOM. Exit status: 0 passed, 1 a check failed, 2 could not run.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const [laman, root] = process.argv.slice(2);
if (!laman || !root) { console.error('usage: node tests/judges/search.mjs LAMAN ROOT'); process.exit(2); }
let server = null;
const deadline = setTimeout(() => { console.error('search: took longer than 150 s'); server?.kill(); process.exit(2); }, 150_000);

// Two pages whose words only an Indonesian stemmer connects with the queries below.
const page = (title, body) => `+++\ntitle = "${title}"\ndate = 2026-10-02\n+++\n${body}\n`;
mkdirSync(join(root, 'content/dinkes/berita'), { recursive: true });
writeFileSync(join(root, 'content/dinkes/berita/uji-kalimorot.md'),
  page('Warga Kalimorot dilayani', 'Pelayanan kesehatan keliling tiba di desa Kalimorot setiap Kamis.'));
writeFileSync(join(root, 'content/disdik/berita/uji-kalimorot.md'),
  page('Keramaian di Kalimorot', 'Panitia pentas sekolah di desa Kalimorot wajib mengurus izin keramaian.'));

const port = await new Promise((res) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); });
});
server = spawn(laman, ['serve', '--root', root, '--bind', '127.0.0.1', '--port', String(port)],
  { stdio: ['ignore', 'ignore', 'inherit'] });
let failures = 0;
let passed = 0;
const check = (ok, what) => { if (ok) passed++; else failures++; console.log(`  ${ok ? 'ok' : 'FAILED'}: ${what}`); };
const portal = `http://localhost:${port}`;
const dinkes = `http://dinkes.localhost:${port}`;

async function ready() {
  for (let i = 0; i < 240; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/_cari/indeks.js`, { headers: { host: `localhost:${port}` } });
      if (r.ok) return true;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

let browser;
try {
  if (!(await ready())) throw new Error('laman serve did not serve the index within 60 s');
  const { chromium } = require('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, timeout: 60_000, args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--host-resolver-rules=MAP localhost 127.0.0.1, MAP *.localhost 127.0.0.1, MAP * ~NOTFOUND'] });
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === 'localhost' || host.endsWith('.localhost') ? route.continue() : route.abort('blockedbyclient');
  });
  const tab = await context.newPage();
  tab.setDefaultTimeout(20_000);
  const errors = [];
  tab.on('pageerror', (e) => errors.push(e.message));

  // Types a query and waits for the announcement; returns the results shown.
  async function search(q) {
    await tab.fill('#cari-q', '');
    await tab.type('#cari-q', q);
    await tab.keyboard.press('Enter');
    await tab.waitForFunction((q) => {
      const s = document.getElementById('cari-status').textContent;
      return s.includes(`“${q}”`) && !s.startsWith('Mencari');
    }, q);
    return tab.$$eval('#cari-hasil > li', (lis) => lis.map((li) => ({
      url: li.querySelector('a').href, text: li.textContent, situs: li.querySelector('.cari-meta').textContent })));
  }

  await tab.goto(`${portal}/cari/`);
  check(await tab.isVisible('#cari-q') && !(await tab.isVisible('#tanpa-skrip')), 'the portal search page shows its field and hides the no-script links');
  const focused = await tab.evaluate(() => document.activeElement?.id);
  check(focused === 'cari-q', 'the field has the keyboard focus when the page opens');
  const all = await search('layanan');
  const hosts = new Set(all.map((r) => new URL(r.url).hostname));
  check(hosts.size >= 3, `"layanan" on the portal finds pages of ${hosts.size} sites (${[...hosts].join(', ')})`);
  const status = await tab.textContent('#cari-status');
  check(/^\d+ hasil untuk/.test(status), `the result count is announced in the live region ("${status}")`);

  const options = await tab.$$eval('#cari-situs option', (os) => os.map((o) => o.value).filter(Boolean));
  const chosen = options.find((o) => /Kesehatan/.test(o)) ?? options[0];
  await tab.selectOption('#cari-situs', chosen);
  await tab.waitForFunction(() => !document.getElementById('cari-status').textContent.startsWith('Mencari'));
  await tab.waitForTimeout(300);
  const narrowed = await tab.$$eval('#cari-hasil > li .cari-meta', (ms) => ms.map((m) => m.textContent));
  check(narrowed.length > 0 && narrowed.every((m) => m.startsWith(chosen)), `the site filter "${chosen}" keeps ${narrowed.length} results, all of it`);
  check(new URL(tab.url()).searchParams.get('situs') === chosen, 'the filter is kept in the address');
  await tab.selectOption('#cari-situs', '');

  const none = await search('zqxwvkjhg');
  const noneStatus = await tab.textContent('#cari-status');
  check(none.length === 0 && noneStatus.startsWith('Tidak ada hasil'), `a query that matches nothing says so ("${noneStatus}")`);

  const served = await search('layanan kalimorot');
  check(served.some((r) => r.url.endsWith('/berita/uji-kalimorot/') && r.url.includes('dinkes')), '"layanan" finds a page that only says "pelayanan" (Indonesian stemming)');
  const permit = await search('perizinan kalimorot');
  check(permit.some((r) => r.url.includes('disdik')), '"perizinan" finds a page that only says "izin" (Indonesian stemming)');

  // axe-core and the Nu HTML Checker with results on the page.
  await search('layanan');
  const dom = join(root, 'cari-dengan-hasil.html');
  writeFileSync(dom, `<!DOCTYPE html>\n${await tab.evaluate(() => document.documentElement.outerHTML)}`);
  const vnu = spawnSync(process.env.JAVA || 'java', ['-jar', String(require('vnu-jar')), '--errors-only', dom],
    { encoding: 'utf8', timeout: 60_000 });
  check(vnu.status === 0, `the Nu HTML Checker passes the page with results shown ${vnu.stderr ?? ''}${vnu.error ?? ''}`);
  await tab.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const axe = await tab.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }));
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of axe.violations) console.log(`    axe ${v.id} (${v.impact}): ${v.help}`);
  check(bad.length === 0, 'axe-core: no serious or critical violation with results shown');

  // The header field of any page leads to the search page with the query.
  await tab.goto(`${dinkes}/`);
  await tab.fill('#cari-kepala', 'layanan');
  await tab.keyboard.press('Enter');
  await tab.waitForURL(/\/cari\/\?q=layanan/);
  await tab.waitForFunction(() => /hasil/.test(document.getElementById('cari-status').textContent));
  const own = await tab.$$eval('#cari-hasil > li a', (as) => as.map((a) => a.href));
  check(own.length > 0 && own.every((u) => u.startsWith(`${dinkes}/`)), `an OPD site's own search stays on that site (${own.length} results, all on dinkes)`);
  check(errors.length === 0, `no script error (${errors.join('; ')})`);
} catch (e) {
  console.log(`  FAILED: ${e.message.split('\n')[0]}`);
  failures++;
} finally {
  await browser?.close().catch(() => {});
  server.kill();
  clearTimeout(deadline);
}
console.log(`search: ${passed} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
