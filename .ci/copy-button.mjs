// The BibTeX block of a paper page, as a reader uses it, in Debian's Chromium through
// playwright-core:
//
//   node .ci/copy-button.mjs OUTPUT_DIR
//
// Opens the first paper page of a built site (file:// URL) at 360x800, with JavaScript
// on and off, in the light and the dark colour scheme, and checks that:
//   - with JavaScript, the copy button shows, a click puts exactly the block's text on the
//     clipboard, and the live region announces it; no script error;
//   - without JavaScript, the button stays hidden and the download link is there;
//   - the download link leads to the paper's cite.bib, which exists;
//   - the block takes keyboard focus, and a long line scrolls inside it (the page itself
//     does not scroll sideways).
// Prints one line per mode, then `copy-button: N passed, M failed`; exits 1 if anything
// failed.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const outDir = process.argv[2];
if (!outDir || process.argv.length > 3) {
  console.error('usage: node .ci/copy-button.mjs OUTPUT_DIR');
  process.exit(2);
}
const root = path.resolve(outDir);
const papers = path.join(root, 'papers');
const first = fs.existsSync(papers)
  ? fs
      .readdirSync(papers, { withFileTypes: true })
      .filter((e) => e.isDirectory() && fs.existsSync(path.join(papers, e.name, 'cite.bib')))
      .map((e) => e.name)
      .sort()[0]
  : undefined;
if (!first) {
  console.error(`copy-button: ${root} has no paper page with a cite.bib; is it a built site?`);
  process.exit(2);
}
const pageFile = path.join(papers, first, 'index.html');
console.log(`copy-button: checking ${path.relative(root, pageFile)}`);

const browser = await chromium.launch({ executablePath: CHROMIUM });
let passed = 0;
let failed = 0;
for (const javaScript of [true, false]) {
  for (const scheme of ['light', 'dark']) {
    const failures = [];
    const context = await browser.newContext({
      javaScriptEnabled: javaScript,
      colorScheme: scheme,
      viewport: { width: 360, height: 800 },
    });
    if (javaScript) await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    try {
      await page.goto(pathToFileURL(pageFile).href, { waitUntil: 'load', timeout: 30_000 });
      const block = page.locator('pre.bibtex');
      const button = page.locator('button[data-copy]');
      const status = page.locator('[role=status]');
      const shown = await block.textContent();
      if (!shown || !shown.startsWith('@')) failures.push(`the block holds no BibTeX entry: ${shown}`);

      if (javaScript) {
        if (!(await button.isVisible())) failures.push('the copy button is hidden with JavaScript on');
        else {
          await button.click();
          await page.waitForFunction(() => document.querySelector('[role=status]').textContent !== '', null, {
            timeout: 5_000,
          });
          const said = await status.textContent();
          if (!/copied/i.test(said)) failures.push(`the live region says ${JSON.stringify(said)}`);
          const copied = await page.evaluate(() => navigator.clipboard.readText());
          if (copied !== shown) failures.push('the clipboard does not hold the block\'s text');
        }
      } else if (await button.isVisible()) {
        failures.push('the copy button shows with JavaScript off, where it cannot work');
      }

      const download = page.locator('a[download]').first();
      if (!(await download.isVisible())) failures.push('no visible download link');
      const target = fileURLToPath(await download.evaluate((a) => a.href));
      if (target !== path.join(papers, first, 'cite.bib') || !fs.existsSync(target)) {
        failures.push(`the download link leads to ${target}, not the paper's cite.bib`);
      }

      await block.focus();
      if (!(await block.evaluate((e) => e === document.activeElement))) failures.push('the block takes no focus');
      const widths = await page.evaluate(() => {
        const pre = document.querySelector('pre.bibtex');
        return {
          page: document.documentElement.scrollWidth,
          viewport: window.innerWidth,
          overflowX: getComputedStyle(pre).overflowX,
        };
      });
      if (widths.page > widths.viewport + 1) failures.push(`the page scrolls sideways (${widths.page}px)`);
      if (widths.overflowX !== 'auto' && widths.overflowX !== 'scroll') {
        failures.push(`a long line does not scroll inside the block (overflow-x: ${widths.overflowX})`);
      }
      failures.push(...errors.map((e) => `script error: ${e}`));
    } catch (e) {
      failures.push(String(e));
    }
    await context.close();
    const mode = `JavaScript ${javaScript ? 'on' : 'off'}, ${scheme}`;
    if (failures.length === 0) {
      passed++;
      console.log(`ok   ${mode}`);
    } else {
      failed++;
      console.log(`FAIL ${mode}`);
      for (const f of failures) console.log(`       ${f}`);
    }
  }
}
await browser.close();
console.log(`copy-button: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
