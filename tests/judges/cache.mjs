#!/usr/bin/env node
// Lighthouse's cache audit (`uses-long-cache-ttl`) on pages served by a real web server.
//
//   node tests/judges/cache.mjs --connect HOST:PORT URL...
//
// Each URL (https://<site>/...) is loaded once in headless Chromium with every host name
// mapped to HOST:PORT (a loopback address: tests/it/cache.rs starts nginx there with the
// configuration `laman domains nginx` writes) and nothing else reachable; Lighthouse
// runs only `uses-long-cache-ttl`. A page passes when the audit's score is 1 (no static
// file it loads is kept too briefly) and the page did load fingerprinted files
// (/_aset/...), so that a page loading nothing cannot pass by having nothing to judge.
// The certificate is the test's own (an authority made by openssl for the run), so
// certificate errors are ignored: the names are mapped to loopback, nothing leaves the
// machine.
//
// Exit status: 0 every page passed, 1 a page failed, 2 could not run.
// Environment: CHROMIUM (default /usr/bin/chromium).

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const AUDIT = 'uses-long-cache-ttl';
// One page must not take longer than this (one navigation, no throttling).
const PAGE_TIMEOUT_MS = 60_000;

function usage(msg) {
  if (msg) console.error(`cache: ${msg}`);
  console.error('usage: node tests/judges/cache.mjs --connect HOST:PORT URL...');
  process.exit(2);
}

const args = process.argv.slice(2);
if (args[0] !== '--connect' || args.length < 3) usage();
const connect = args[1];
if (!/^127\.\d+\.\d+\.\d+:\d+$/.test(connect)) usage(`${connect} is not a loopback HOST:PORT`);
const urls = args.slice(2);
for (const u of urls) {
  try {
    if (new URL(u).protocol !== 'https:') usage(`${u} is not an https URL`);
  } catch {
    usage(`${u} is not a URL`);
  }
}

let lighthouse;
let chromeLauncher;
try {
  lighthouse = (await import('lighthouse')).default;
  chromeLauncher = await import('chrome-launcher');
} catch (e) {
  console.error(`cache: the judges' npm packages are missing (npm ci in tests/judges): ${e.message}`);
  process.exit(2);
}

// Every name goes to the server (which answers only the regency's names): nothing can
// leave the machine.
const rules = [`MAP * ${connect}`];
const flags = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--ignore-certificate-errors',
  `--host-resolver-rules=${rules.join(', ')}`,
];

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms); }),
  ]);
}

/** The responses of the page's load (URL and Cache-Control), from the DevTools log. */
function responses(artifacts) {
  const log = artifacts?.DevtoolsLog ?? artifacts?.devtoolsLogs?.defaultPass ?? [];
  return log
    .filter((e) => e.method === 'Network.responseReceived')
    .map((e) => {
      const headers = Object.fromEntries(
        Object.entries(e.params.response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
      );
      return { url: e.params.response.url, status: e.params.response.status, cache: headers['cache-control'] ?? '(none)' };
    });
}

let chrome;
let failed = 0;
try {
  chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: flags, logLevel: 'silent' });
  for (const url of urls) {
    const started = Date.now();
    const result = await withTimeout(
      lighthouse(url, { port: chrome.port, onlyAudits: [AUDIT], output: 'json', logLevel: 'error', throttlingMethod: 'provided' }),
      PAGE_TIMEOUT_MS,
      url,
    );
    const lhr = result?.lhr;
    const audit = lhr?.audits?.[AUDIT];
    const seen = responses(result?.artifacts);
    const fingerprinted = seen.filter((r) => new URL(r.url).pathname.startsWith('/_aset/'));
    const ms = Date.now() - started;
    if (lhr?.runtimeError || !audit) {
      failed++;
      console.log(`FAIL ${url}: Lighthouse could not judge the page: ${lhr?.runtimeError?.message ?? 'no audit result'}`);
      continue;
    }
    const items = audit.details?.items ?? [];
    if (audit.score !== 1 || fingerprinted.length === 0) {
      failed++;
      console.log(`FAIL ${url}: ${AUDIT} score ${audit.score} (${audit.displayValue || 'no display value'}), ${fingerprinted.length} fingerprinted file(s) loaded`);
      for (const item of items) console.log(`  kept ${Math.round(item.cacheLifetimeMs / 1000)} s: ${item.url}`);
    } else {
      console.log(`ok   ${url}: ${AUDIT} score 1, ${seen.length} response(s), ${fingerprinted.length} fingerprinted (${ms} ms)`);
    }
    for (const r of seen) console.log(`       ${r.status} ${r.cache.padEnd(36)} ${r.url}`);
  }
} catch (e) {
  console.error(`cache: could not run: ${e.stack || e}`);
  process.exitCode = 2;
} finally {
  if (chrome) await chrome.kill();
}
if (process.exitCode !== 2) {
  console.log(failed ? `\ncache: ${failed} of ${urls.length} page(s) failed` : `\ncache: ${urls.length} page(s) passed`);
  process.exitCode = failed ? 1 : 0;
}
