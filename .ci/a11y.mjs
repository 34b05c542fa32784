// Accessibility and self-containment checks for a built paperpress site.
//
//   node .ci/a11y.mjs OUTPUT_DIR
//
// Opens a representative set of the site's pages from disk (file:// URLs) in Debian's
// Chromium through playwright-core, in the light and the dark colour scheme, at a phone
// (360x800) and a desktop (1280x900) viewport, and for each page and mode checks that:
//   - the page keeps paperpress's JavaScript policy (checked on the page as built, before
//     axe-core is injected): a <script type="application/ld+json"> is data, and must hold
//     JSON with an "@type"; any other <script> must be a same-origin file (a relative
//     `src`) loaded with `defer`, with no inline code; no element has an inline event
//     handler (onclick=...) or a javascript: URL. So a strict Content-Security-Policy
//     (script-src 'self') holds;
//   - the page requests nothing but file: and data: URLs (no request to other sites);
//   - every local file the page loads (stylesheet, images…) exists;
//   - at 360px the page does not scroll sideways;
//   - axe-core finds no violation of impact "serious" or "critical" (lesser ones are
//     printed as notes and do not fail).
// The pages include the archive (weeks, months) and a day's email digest
// (`days/DATE/email.html`), which must be as readable as a page and load no more.
// Prints one line per page and mode, then `a11y: N passed, M failed`; exits 1 if
// anything failed.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axe = require('axe-core');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const FAILING_IMPACTS = new Set(['serious', 'critical']);
const MODES = [
  { scheme: 'light', width: 360, height: 800 },
  { scheme: 'light', width: 1280, height: 900 },
  { scheme: 'dark', width: 360, height: 800 },
  { scheme: 'dark', width: 1280, height: 900 },
];

const outDir = process.argv[2];
if (!outDir || process.argv.length > 3) {
  console.error('usage: node .ci/a11y.mjs OUTPUT_DIR');
  process.exit(2);
}
const root = path.resolve(outDir);
if (!fs.existsSync(path.join(root, 'index.html'))) {
  console.error(`a11y: ${root} has no index.html; is it a built site?`);
  process.exit(2);
}

// The first page (in name order) under `dir`: `dir/NAME/index.html` or `dir/NAME.html`,
// not `dir/index.html` itself. Returns a path relative to the site root, or null.
function firstPageUnder(dir) {
  const abs = path.join(root, dir);
  let entries;
  try {
    entries = fs.readdirSync(abs, { withFileTypes: true });
  } catch {
    return null;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.isDirectory() && fs.existsSync(path.join(abs, e.name, 'index.html'))) {
      return `${dir}/${e.name}/index.html`;
    }
    if (e.isFile() && e.name.endsWith('.html') && e.name !== 'index.html') {
      return `${dir}/${e.name}`;
    }
  }
  return null;
}

// A day's email digest sits next to its page: `days/DATE/email.html`.
const firstDay = firstPageUnder('days');
const firstEmail = firstDay && firstDay.replace(/index\.html$/, 'email.html');

const candidates = [
  'index.html',
  'page/2/index.html',
  firstPageUnder('papers'),
  'topics/index.html',
  firstPageUnder('topics'),
  'days/index.html',
  firstDay,
  firstEmail,
  'archive/index.html',
  firstPageUnder('weeks'),
  firstPageUnder('months'),
  'authors/index.html',
  'search/index.html',
  '404.html',
];
const pages = [];
for (const rel of candidates) {
  if (rel && fs.existsSync(path.join(root, rel))) {
    if (!pages.includes(rel)) pages.push(rel);
  }
}
console.log(`a11y: checking ${pages.length} pages of ${root} in ${MODES.length} modes`);
for (const rel of candidates) {
  if (rel && !pages.includes(rel)) console.log(`  (skipped ${rel}: not in this build)`);
}

// Script types a browser runs; anything else in a <script> is a data block.
const EXECUTABLE_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module']);

// Attributes whose value is a URL, where a javascript: URL would run code.
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'ping'];

// What breaks the JavaScript policy on the page: JSON-LD that is not JSON, inline or
// external or blocking scripts, inline event handlers and javascript: URLs.
async function scriptPolicyFailures(page) {
  const found = await page.evaluate((URL_ATTRIBUTES) => {
    const scripts = Array.from(document.querySelectorAll('script'), (s) => ({
      type: (s.getAttribute('type') ?? '').trim().toLowerCase(),
      src: s.getAttribute('src'),
      defer: s.hasAttribute('defer'),
      async: s.hasAttribute('async'),
      text: s.textContent,
    }));
    const inline = [];
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        const name = a.name.toLowerCase();
        if (name.startsWith('on')) inline.push(`<${el.localName} ${a.name}="${a.value.slice(0, 40)}">`);
        else if (URL_ATTRIBUTES.includes(name) && /^\s*javascript:/i.test(a.value)) inline.push(`<${el.localName} ${a.name}="${a.value.slice(0, 40)}">`);
      }
    }
    return { scripts, inline };
  }, URL_ATTRIBUTES);
  const failures = [];
  for (const s of found.scripts) {
    if (s.type === 'application/ld+json') {
      if (s.src !== null) failures.push(`JSON-LD must be inline data, not loaded from ${s.src}`);
      let data;
      try {
        data = JSON.parse(s.text);
      } catch (err) {
        failures.push(`JSON-LD does not parse as JSON: ${err.message}`);
        continue;
      }
      if (typeof data !== 'object' || data === null || typeof data['@type'] !== 'string') {
        failures.push(`JSON-LD has no "@type": ${s.text.slice(0, 80)}`);
      }
      continue;
    }
    if (!EXECUTABLE_TYPES.has(s.type)) {
      failures.push(`<script type="${s.type}">: only JSON-LD data or JavaScript files are allowed`);
      continue;
    }
    const shown = s.src === null ? `inline <script> (${s.text.length} chars)` : `<script src="${s.src}">`;
    if (s.src === null || s.text.trim() !== '') {
      failures.push(`${shown}: no inline JavaScript (a strict Content-Security-Policy forbids it); load a file with defer`);
    } else if (/^[a-z][a-z0-9+.-]*:/i.test(s.src) || s.src.startsWith('//')) {
      failures.push(`${shown}: JavaScript must be a file of the site itself, not from another origin`);
    } else if (!s.defer || s.async) {
      failures.push(`${shown}: JavaScript must load with defer (and without async), so it never blocks the page`);
    }
  }
  for (const i of found.inline.slice(0, 5)) {
    failures.push(`${i}: no inline event handlers or javascript: URLs (a strict Content-Security-Policy forbids them)`);
  }
  return failures;
}

// Checks one page in one mode; returns a list of failure messages and a list of notes.
async function checkPage(browser, rel, mode) {
  const failures = [];
  const notes = [];
  const context = await browser.newContext({
    colorScheme: mode.scheme,
    viewport: { width: mode.width, height: mode.height },
    // No service workers, no downloads: nothing a static page needs.
    serviceWorkers: 'block',
    acceptDownloads: false,
  });
  // Network requests are recorded (below) and then refused, so that a page that does
  // reach out fails quickly and the same way with or without a network.
  await context.route(/^(https?|wss?|ftp):/i, (route) => route.abort('blockedbyclient'));
  // 404.html is served by a web server at any address, so it links to its stylesheet
  // root-relatively (/style.css), which a file: URL resolves against the file system's
  // root. For that page only, such URLs are served from the site folder, as a server
  // with the site at the domain root would.
  const rootPrefix = pathToFileURL(root + path.sep).href;
  const remapped = [];
  if (rel === '404.html') {
    await context.route(
      (u) => u.protocol === 'file:' && !u.href.startsWith(rootPrefix),
      async (route) => {
        const u = new URL(route.request().url());
        const local = path.join(root, decodeURIComponent(u.pathname));
        if (fs.existsSync(local) && fs.statSync(local).isFile()) {
          remapped.push(u.pathname);
          await route.fulfill({ path: local });
        } else {
          await route.continue();
        }
      },
    );
  }
  const page = await context.newPage();
  const requests = [];
  const failedLocal = [];
  page.on('request', (req) => requests.push(req.url()));
  page.on('requestfailed', (req) => {
    const url = req.url();
    if (url.startsWith('file:')) failedLocal.push(`${url} (${req.failure()?.errorText ?? 'failed'})`);
  });
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(String(err)));

  try {
    const url = pathToFileURL(path.join(root, rel)).href;
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });

    // 1. The JavaScript policy, on the page as built (before axe is injected).
    failures.push(...(await scriptPolicyFailures(page)));

    // 2. No horizontal overflow on a phone.
    if (mode.width <= 360) {
      const overflow = await page.evaluate(() => {
        const vw = window.innerWidth;
        const sw = document.documentElement.scrollWidth;
        if (sw <= vw + 1) return null;
        const culprits = [];
        for (const el of document.body.querySelectorAll('*')) {
          const r = el.getBoundingClientRect();
          if (r.width > 0 && r.right > vw + 1) {
            // Report the outermost overflowing elements only.
            let p = el.parentElement;
            let parentOverflows = false;
            while (p && p !== document.body) {
              if (p.getBoundingClientRect().right > vw + 1) { parentOverflows = true; break; }
              p = p.parentElement;
            }
            if (parentOverflows) continue;
            const cls = el.classList.length ? '.' + Array.from(el.classList).join('.') : '';
            culprits.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls} (right edge ${Math.round(r.right)}px)`);
            if (culprits.length >= 5) break;
          }
        }
        return { vw, sw, culprits };
      });
      if (overflow) {
        failures.push(
          `horizontal overflow at ${mode.width}px: scrollWidth ${overflow.sw} > innerWidth ${overflow.vw}` +
            (overflow.culprits.length ? `; widest: ${overflow.culprits.join(', ')}` : ''),
        );
      }
    }

    // What the page itself requested, before axe-core is injected (and could add its own).
    const ownRequests = [...requests];
    const ownFailedLocal = [...failedLocal];

    // 3. axe-core. Preloading the CSSOM is off: axe would re-fetch the stylesheet with
    // XHR, which file: URLs refuse.
    await page.addScriptTag({ content: axe.source });
    const results = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { resultTypes: ['violations'], preload: false });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({
          target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' '),
          summary: n.failureSummary,
        })),
      }));
    });
    for (const v of results) {
      const targets = v.nodes.map((n) => n.target);
      const shown = targets.slice(0, 10).join(' | ') + (targets.length > 10 ? ` | … (${targets.length} nodes)` : '');
      if (FAILING_IMPACTS.has(v.impact)) {
        failures.push(`axe ${v.impact}: ${v.id}: ${v.help} (${v.nodes.length} node(s))`);
        failures.push(`    targets: ${shown}`);
        const summary = v.nodes[0]?.summary?.split('\n').map((l) => l.trim()).filter(Boolean).join(' / ');
        if (summary) failures.push(`    first: ${summary}`);
      } else {
        notes.push(`axe ${v.impact ?? 'unknown'} (not failing): ${v.id}: ${v.help}; targets: ${shown}`);
      }
    }

    // 4. Requests: only file: and data: URLs, and every local file must exist.
    const foreign = [...new Set(ownRequests.filter((u) => !/^(file|data):/i.test(u)))];
    if (foreign.length > 0) {
      failures.push(`page requested ${foreign.length} URL(s) that are not file: or data:`);
      for (const u of foreign.slice(0, 10)) failures.push(`    ${u}`);
    }
    for (const f of [...new Set(ownFailedLocal)]) failures.push(`local resource failed to load: ${f}`);
    for (const u of [...new Set(remapped)]) notes.push(`root-relative ${u} served from the site folder`);
    for (const e of pageErrors) failures.push(`page error: ${e}`);
  } catch (err) {
    failures.push(`could not check the page: ${err && err.message ? err.message.split('\n')[0] : err}`);
  } finally {
    await context.close().catch(() => {});
  }
  return { failures, notes };
}

let browser;
try {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 60_000,
  });
} catch (err) {
  console.error(`a11y: could not launch ${CHROMIUM}: ${err.message}`);
  console.log('a11y: 0 passed, 1 failed');
  process.exit(1);
}

let passed = 0;
let failed = 0;
try {
  for (const rel of pages) {
    for (const mode of MODES) {
      const label = `${rel} [${mode.scheme} ${mode.width}x${mode.height}]`;
      const { failures, notes } = await checkPage(browser, rel, mode);
      if (failures.length === 0) {
        passed += 1;
        console.log(`ok   ${label}`);
      } else {
        failed += 1;
        console.log(`FAIL ${label}`);
        for (const f of failures) console.log(`       ${f}`);
      }
      for (const n of notes) console.log(`       note: ${n}`);
    }
  }
} finally {
  await browser.close().catch(() => {});
}

console.log(`a11y: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
