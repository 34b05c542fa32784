// Lighthouse 12 on a built paperpress site, as a reader's browser sees it.
//
//   node .ci/lighthouse.mjs OUTPUT_DIR REPORTS_DIR [NAME]
//
// Serves OUTPUT_DIR with gzip under its base URL's path (.ci/static-site.mjs) and runs
// Lighthouse three times on each of its index, its largest day and a paper page (one with
// display math if there is one), with the mobile and the desktop settings, in Debian's
// Chromium (CHROME_PATH, default /usr/bin/chromium). For each page and setting it takes
// the median score of each category over the three runs and requires:
//   - accessibility, best practices and SEO: 100;
//   - performance: 100 on desktop, at least 95 on mobile.
// Prints the medians, each run's scores, and for a category under its bar the audits that
// cost it points. Saves the HTML report of the run with the median performance score to
// REPORTS_DIR as NAME-PAGE-mobile.html and NAME-PAGE-desktop.html. Exits 1 if any page
// and setting falls short.

import fs from 'node:fs';
import path from 'node:path';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';
import { serveSite, pickPages } from './static-site.mjs';

const RUNS = 3;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const SETTINGS = [
  { name: 'mobile', config: undefined, bars: { performance: 95 } },
  { name: 'desktop', config: desktopConfig, bars: { performance: 100 } },
];
const BAR = 100;
const CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const [outDir, reportsDir, name = 'site'] = process.argv.slice(2);
if (!outDir || !reportsDir || process.argv.length > 5) {
  console.error('usage: node .ci/lighthouse.mjs OUTPUT_DIR REPORTS_DIR [NAME]');
  process.exit(2);
}
const root = path.resolve(outDir);
fs.mkdirSync(reportsDir, { recursive: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const score = (lhr, id) => Math.round((lhr.categories[id].score ?? 0) * 100);

// The audits that cost a category points in one run: weighted, and not passed in full,
// or not scored at all (an audit that errs leaves its category without a score).
function losses(lhr, id) {
  return lhr.categories[id].auditRefs
    .filter((ref) => ref.weight > 0 && !(lhr.audits[ref.id].score >= 1))
    .map((ref) => {
      const audit = lhr.audits[ref.id];
      const value = audit.displayValue ? ` (${audit.displayValue})` : '';
      const error = audit.errorMessage ? `: ${audit.errorMessage}` : '';
      return `${ref.id}: score ${audit.score}${value}, weight ${ref.weight}${error}`;
    });
}

const site = await serveSite(root);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  chromeFlags: CHROME_FLAGS,
});
const WANTED = ['index', 'day', 'paper'];
const pages = pickPages(root).filter(([label]) => WANTED.includes(label));
const absent = WANTED.filter((label) => !pages.some(([l]) => l === label));
if (absent.length) {
  console.error(`lighthouse: ${outDir} has no ${absent.join(' or ')} page to check`);
  process.exit(1);
}
let failed = 0;

try {
  for (const [label, rel] of pages) {
    for (const setting of SETTINGS) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const result = await lighthouse(site.origin + rel, {
          port: chrome.port,
          output: 'html',
          logLevel: 'error',
          onlyCategories: CATEGORIES,
        }, setting.config);
        const lhr = result.lhr;
        if (lhr.runtimeError) throw new Error(`${rel}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        runs.push({ lhr, report: result.report });
      }
      const medians = Object.fromEntries(CATEGORIES.map((id) => [id, median(runs.map((r) => score(r.lhr, id)))]));
      const short = CATEGORIES.filter((id) => medians[id] < (setting.bars[id] ?? BAR));
      const perf = medians.performance;
      const chosen = runs.find((r) => score(r.lhr, 'performance') === perf);
      fs.writeFileSync(path.join(reportsDir, `${name}-${label}-${setting.name}.html`), chosen.report);
      const line = CATEGORIES.map((id) => `${id} ${medians[id]}`).join(' · ');
      const each = runs.map((r) => CATEGORIES.map((id) => score(r.lhr, id)).join('/')).join(', ');
      console.log(`${short.length ? 'FAIL' : 'ok  '} ${name} ${label} ${rel} ${setting.name}: ${line}  (runs: ${each})`);
      for (const id of short) {
        const bar = setting.bars[id] ?? BAR;
        // Explained from a run that scored this category its median.
        const run = runs.find((r) => score(r.lhr, id) === medians[id]);
        console.log(`     ${id} ${medians[id]}, want at least ${bar}; in a run that scored it so:`);
        for (const loss of losses(run.lhr, id)) console.log(`       ${loss}`);
      }
      if (short.length) failed++;
    }
  }
} finally {
  await chrome.kill();
  site.close();
}
console.log(`lighthouse: ${pages.length * SETTINGS.length - failed} of ${pages.length * SETTINGS.length} page settings at their bars; reports in ${reportsDir}`);
process.exit(failed ? 1 : 0);
