// The reader's side of a built paperpress site, in headless Chromium.
//
//   node .ci/reader.mjs OUTPUT_DIR SHOTS_DIR [NAME]
//
// Serves OUTPUT_DIR over HTTP with gzip, as a static host does, and opens its index, its
// largest day, a topic, a paper page (one with math if there is one), an author, the
// search page and the 404 page at 1280x900 and 360x800, in the light and the dark scheme.
// On each it checks that:
//   - nothing is written to the console as an error and no request fails or leaves the
//     site;
//   - the page does not scroll sideways;
//   - every formula (<math>) is drawn with a non-zero size;
//   - the layout does not shift while the page loads (cumulative shift at most 0.01);
//   - axe-core finds no violation of impact "serious" or "critical";
//   - on the index and day pages, at least 6 cards (1280x900) or 3 (360x800) are above
//     the fold, or all of them if the page has fewer: a card counts when its title
//     link's bottom edge is inside the viewport at scroll 0.
// Saves a screenshot of each page, width and scheme to SHOTS_DIR as
// NAME-PAGE-WIDTH-SCHEME.png (the viewport, then the whole page as ...-full.png for
// 1280 light), and the paper page printed to A4 as NAME-paper-print.pdf, which must be one
// page. Prints a line per page and mode; exits 1 if anything failed.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { serveSite, pickPages } from './static-site.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axe = require('axe-core');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const MODES = [
  { scheme: 'light', width: 1280, height: 900, fold: 6 },
  { scheme: 'dark', width: 1280, height: 900, fold: 6 },
  { scheme: 'light', width: 360, height: 800, fold: 3 },
  { scheme: 'dark', width: 360, height: 800, fold: 3 },
];

const [outDir, shotsDir, name = 'site'] = process.argv.slice(2);
if (!outDir || !shotsDir || process.argv.length > 5) {
  console.error('usage: node .ci/reader.mjs OUTPUT_DIR SHOTS_DIR [NAME]');
  process.exit(2);
}
const root = path.resolve(outDir);
fs.mkdirSync(shotsDir, { recursive: true });

const site = await serveSite(root);
const { host, origin } = site;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
let passed = 0;
let failed = 0;

for (const [label, rel] of pickPages(root)) {
  for (const mode of MODES) {
    const problems = [];
    const context = await browser.newContext({
      viewport: { width: mode.width, height: mode.height },
      colorScheme: mode.scheme,
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      // The 404 page is itself a 404: the browser says so, and that is no error of the page.
      const own404 = label === '404' && /status of 404/.test(m.text()) && m.location().url === origin + rel;
      if (m.type() === 'error' && !own404) problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`failed request: ${r.url()} (${r.failure()?.errorText})`));
    page.on('request', (r) => r.url().startsWith(host) || r.url().startsWith('data:') || problems.push(`request to another site: ${r.url()}`));
    page.on('response', (r) => {
      if (r.status() >= 400 && r.url() !== origin + rel) problems.push(`${r.status()} for ${r.url()}`);
    });
    await page.goto(origin + rel, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    // Layout shift while loading: the sum of every shift the browser recorded.
    const shift = await page.evaluate(() => new Promise((done) => {
      let total = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
      setTimeout(() => done(total), 100);
    }));
    if (shift > 0.01) problems.push(`layout shifts by ${shift.toFixed(3)} while loading`);
    const facts = await page.evaluate(() => {
      const doc = document.documentElement;
      const maths = [...document.querySelectorAll('math')].map((m) => m.getBoundingClientRect());
      const titles = [...document.querySelectorAll('.card-title a, .compact-title a')].map((a) => a.getBoundingClientRect().bottom);
      return {
        sideways: doc.scrollWidth - doc.clientWidth,
        maths: maths.length,
        emptyMaths: maths.filter((r) => r.width === 0 || r.height === 0).length,
        cards: titles.length,
        above: titles.filter((b) => b <= innerHeight).length,
      };
    });
    if (facts.sideways > 0) problems.push(`scrolls sideways by ${facts.sideways}px`);
    if (facts.emptyMaths > 0) problems.push(`${facts.emptyMaths} of ${facts.maths} formulas drawn with no size`);
    if ((label === 'index' || label === 'day') && facts.above < Math.min(mode.fold, facts.cards)) {
      problems.push(`${facts.above} cards above the fold, want ${Math.min(mode.fold, facts.cards)}`);
    }
    await page.addScriptTag({ content: axe.source });
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
    });
    for (const v of violations) {
      if (v.impact === 'serious' || v.impact === 'critical') problems.push(`axe ${v.impact}: ${v.id} at ${v.nodes.join(', ')}`);
    }
    if (label === 'paper' && mode.width === 1280 && mode.scheme === 'dark') {
      // Printed (from the dark scheme, which print must not keep): one A4 page.
      const pdf = await page.pdf({ format: 'A4', margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } });
      fs.writeFileSync(path.join(shotsDir, `${name}-paper-print.pdf`), pdf);
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
      if (pages !== 1) problems.push(`prints on ${pages} pages, want 1`);
    }
    const shot = path.join(shotsDir, `${name}-${label}-${mode.width}-${mode.scheme}.png`);
    await page.screenshot({ path: shot });
    if (mode.width === 1280 && mode.scheme === 'light') {
      await page.screenshot({ path: shot.replace(/\.png$/, '-full.png'), fullPage: true });
    }
    const where = `${name} ${label} ${rel} ${mode.width}px ${mode.scheme}`;
    const cardNote = facts.cards ? ` · ${facts.above}/${facts.cards} cards above the fold` : '';
    if (problems.length) {
      failed++;
      console.log(`FAIL ${where}${cardNote}`);
      for (const p of problems) console.log(`     ${p}`);
    } else {
      passed++;
      console.log(`ok   ${where}${cardNote}${facts.maths ? ` · ${facts.maths} formulas` : ''}`);
    }
    await context.close();
  }
}
await browser.close();
site.close();
console.log(`reader: ${passed} passed, ${failed} failed; screenshots in ${shotsDir}`);
process.exit(failed ? 1 : 0);
