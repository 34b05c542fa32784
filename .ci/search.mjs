// The search page as a reader uses it, in Debian's Chromium through playwright-core:
//
//   node .ci/search.mjs OUTPUT_DIR            checks (exit 1 if any fails)
//   node .ci/search.mjs OUTPUT_DIR --measure  also times queries and counts bytes
//
// Serves OUTPUT_DIR over HTTP under a base path (/digest/), as a static host would, and
// checks, with what the built index files say as the expected answers:
//   - an arXiv id (with a version) sent from the search box goes straight to its paper;
//   - typing a title word, with an accent added, finds that paper first, with the word
//     marked; the live region gives the count; `/` focuses the box, ArrowDown reaches
//     the first result and Enter opens it;
//   - a topic filter keeps that topic's papers only, and the topics' counts follow the
//     query; a date range and a minimum of upvotes narrow the results;
//   - the header's search box of another page sends its query to the search page;
//   - opened from file://, the page says that search needs the site to be served;
//   - without JavaScript, the page says so and links to the listings;
//   - the page with results has no serious axe-core violation, light or dark.
// With --measure it prints, for a first query, the bytes fetched (and gzip-compressed, as
// static hosts send them), and the median time from a keystroke to its results.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axe = require('axe-core');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const outDir = process.argv[2];
const measure = process.argv.includes('--measure');
if (!outDir) {
  console.error('usage: node .ci/search.mjs OUTPUT_DIR [--measure]');
  process.exit(2);
}
const root = path.resolve(outDir);
const read = (rel) => JSON.parse(fs.readFileSync(path.join(root, 'search', rel), 'utf8'));
const manifest = read('index.json');
const facets = read('facets.json');
const perFile = manifest.docs_per_file;
const doc = (n) => read(`docs/${Math.floor(n / perFile)}.json`)[n % perFile];
const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const TYPES = { '.html': 'text/html', '.json': 'application/json', '.js': 'text/javascript',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.xml': 'application/xml' };
const BASE = '/digest/';
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (!url.pathname.startsWith(BASE)) {
    res.writeHead(404).end();
    return;
  }
  let file = path.join(root, decodeURIComponent(url.pathname.slice(BASE.length)));
  if (!file.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
  res.end(fs.readFileSync(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const site = `http://127.0.0.1:${server.address().port}${BASE}`;

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
let passed = 0;
let failed = 0;
async function check(name, body) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('requestfailed', (r) => {
    // A load cut short by going to another page is no failure.
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') errors.push(`request failed: ${r.url()}`);
  });
  try {
    await body(page, context);
    if (errors.length) throw new Error(errors.join('; '));
    passed++;
    console.log(`ok    ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL  ${name}: ${e.message.split('\n')[0]}`);
  } finally {
    await context.close();
  }
}
function expect(condition, message) {
  if (!condition) throw new Error(message);
}
const status = (page) => page.locator('#search-status').textContent();
async function results(page) {
  return page.locator('.search-result-title a').allTextContents();
}
async function waitFor(page, predicate, what) {
  const deadline = Date.now() + 10000;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await page.waitForTimeout(25);
  }
  throw new Error(`timed out waiting for ${what}; status: ${await status(page)}`);
}

// A paper with an arXiv id, and the word of its title to search for.
const idFiles = Object.values(manifest.ids);
const withId = idFiles.length ? Object.entries(read(idFiles[0][0]))[0] : null;
const titleDoc = doc(manifest.papers - 1);
const titleWord = (titleDoc.title.match(/[\p{L}]{5,}/gu) || [])
  .sort((a, b) => b.length - a.length)[0];

if (withId) {
  await check('an arXiv id goes straight to its paper', async (page) => {
    const [id, number] = withId;
    await page.goto(`${site}search/?q=${encodeURIComponent(id + 'v1')}`);
    await page.waitForURL(/\/papers\//, { timeout: 10000 });
    const want = new URL(doc(number).path, `${site}`).pathname;
    expect(new URL(page.url()).pathname === want, `at ${page.url()}, not ${want}`);
  });
  await check('a typed arXiv id shows its paper alone, Enter opens it, an unknown id says so', async (page) => {
    const [id, number] = withId;
    await page.goto(`${site}search/`);
    await waitFor(page, async () => (await status(page)).startsWith('Type to search'), 'the index');
    await page.locator('#search-q').fill(`arXiv:${id}`);
    await waitFor(page, async () => (await status(page)) === '1 paper found.', 'one result');
    expect((await results(page))[0] === doc(number).title, `shows ${(await results(page))[0]}`);
    await page.locator('#search-q').fill('2101.99999');
    await waitFor(page, async () => /No paper with the arXiv id 2101\.99999/.test(await status(page)), 'no match');
    await page.locator('#search-q').fill(id);
    await page.locator('#search-q').press('Enter');
    await page.waitForURL(/\/papers\//, { timeout: 10000 });
  });
}

await check('typing finds a title word, accents folded, and the keyboard works', async (page) => {
  await page.goto(`${site}search/`);
  await waitFor(page, async () => (await status(page)).startsWith('Type to search'), 'the index');
  await page.keyboard.press('/');
  expect(await page.evaluate(() => document.activeElement.id === 'search-q'), '/ focuses the box');
  // An accent the title does not have: folding makes them the same word.
  const typed = titleWord.slice(0, 1) + titleWord.slice(1, 2) + '\u0301' + titleWord.slice(2);
  await page.keyboard.type(typed, { delay: 20 });
  await waitFor(page, async () => (await results(page)).length > 0, 'results');
  const first = (await results(page))[0];
  expect(first === titleDoc.title, `first result is "${first}", not "${titleDoc.title}"`);
  const marked = await page.locator('.search-result-title mark').first().textContent();
  expect(fold(marked) === fold(titleWord), `marked "${marked}"`);
  expect(/\d+ papers? found/.test(await status(page)), `status: ${await status(page)}`);
  // The page with results, in both colour schemes: no serious accessibility violation.
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.addScriptTag({ content: axe.source });
    const violations = await page.evaluate(async () => {
      const r = await axe.run(document, { resultTypes: ['violations'], preload: false });
      return r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
    });
    expect(violations.length === 0, `axe, ${scheme}: ${violations.join('; ')}`);
  }
  await page.locator('#search-q').focus();
  await page.keyboard.press('ArrowDown');
  const focused = await page.evaluate(() => document.activeElement.textContent);
  expect(focused === titleDoc.title, `ArrowDown focused "${focused}"`);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/papers\//, { timeout: 10000 });
});

await check('a topic filter narrows the results, and topic counts follow the query', async (page) => {
  const topic = facets.topics.findIndex((_, t) => facets.doc_topics.some((ts) => ts.includes(t)));
  const inTopic = facets.doc_topics.filter((ts) => ts.includes(topic)).length;
  await page.goto(`${site}search/`);
  await waitFor(page, async () => (await status(page)).startsWith('Type to search'), 'the index');
  await page.locator('#search-filters summary').click();
  await page.locator('input[name=topic]').nth(topic).check();
  await waitFor(page, async () => /found/.test(await status(page)), 'filtered results');
  const said = await status(page);
  expect(said.startsWith(`${inTopic} paper`), `status "${said}", want ${inTopic}`);
  expect(page.url().includes('topic='), 'the filter is in the address');
  const metas = await page.locator('.search-result-meta').allTextContents();
  expect(metas.every((m) => m.includes(facets.topics[topic].name)), 'every result has the topic');
  // A query narrows every topic's count to the papers that match it.
  await page.locator('#search-q').fill(titleWord);
  await waitFor(page, async () => (await status(page)) !== said, 'the query to run');
  const counts = await page.locator('[data-topic-count]').allTextContents();
  const total = counts.reduce((n, c) => n + Number(c), 0);
  const all = facets.doc_topics.reduce((n, ts) => n + ts.length, 0);
  expect(total < all, `topic counts ${counts} do not follow the query`);
});

await check('a date range and a minimum of upvotes narrow the results', async (page) => {
  let day = 0;
  const days = facets.days.map((gap) => (day += gap));
  const lastDay = days[days.length - 1];
  const onLast = days.filter((d) => d === lastDay).length;
  const iso = new Date((lastDay - 719163) * 86400000).toISOString().slice(0, 10);
  await page.goto(`${site}search/?from=${iso}&to=${iso}`);
  await waitFor(page, async () => /found/.test(await status(page)), 'results');
  expect((await status(page)).startsWith(`${onLast} paper`), `status: ${await status(page)}, want ${onLast}`);
  const votes = facets.upvotes.filter((u) => typeof u === 'number').sort((a, b) => a - b);
  if (votes.length) {
    const min = votes[Math.floor(votes.length / 2)];
    const want = votes.filter((u) => u >= min).length;
    await page.goto(`${site}search/?min_upvotes=${min}`);
    await waitFor(page, async () => /found/.test(await status(page)), 'results');
    expect((await status(page)).startsWith(`${want} paper`), `status: ${await status(page)}, want ${want}`);
  }
});

await check("the header's search box sends its query to the search page", async (page) => {
  await page.goto(site);
  await page.locator('#site-search-q').fill(titleWord);
  await page.locator('#site-search-q').press('Enter');
  await page.waitForURL(/\/search\/(index\.html)?\?q=/, { timeout: 10000 });
  await waitFor(page, async () => (await results(page)).length > 0, 'results');
  expect((await page.locator('#search-q').inputValue()) === titleWord, 'the query is in the box');
});

await check('opened from a file, the page says search needs a server', async (page) => {
  await page.goto(pathToFileURL(path.join(root, 'search', 'index.html')).href);
  await waitFor(page, async () => /served over HTTP/.test(await status(page)), 'the message');
});

await check('without JavaScript, the page says so and links to the listings', async (_, context) => {
  const off = await browser.newContext({ javaScriptEnabled: false });
  const page = await off.newPage();
  await page.goto(`${site}search/`);
  const text = await page.locator('main').innerText();
  expect(/Searching needs JavaScript/.test(text), 'no message without JavaScript');
  const links = await page.locator('.search-nojs a').count();
  expect(links >= 3, `${links} links to browse`);
  await off.close();
});

if (measure) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const sizes = [];
  page.on('response', async (r) => {
    if (!r.url().includes('/search/') || r.url().endsWith('.js')) return;
    try {
      const body = await r.body();
      sizes.push([body.length, zlib.gzipSync(body, { level: 6 }).length]);
    } catch {}
  });
  await page.goto(`${site}search/?q=${encodeURIComponent(titleWord)}`);
  await waitFor(page, async () => (await results(page)).length > 0, 'results');
  await page.waitForTimeout(500);
  const raw = sizes.reduce((n, s) => n + s[0], 0);
  const gz = sizes.reduce((n, s) => n + s[1], 0);
  console.log(`first query "${titleWord}": ${sizes.length} files, ${(raw / 1024).toFixed(0)} KB, ${(gz / 1024).toFixed(0)} KB gzip-compressed`);
  // Keystrokes after the first: from the input event to the results on the page.
  const times = await page.evaluate(async (word) => {
    const input = document.getElementById('search-q');
    const list = document.getElementById('search-results');
    const out = [];
    const words = [word, word.slice(0, -1), word, word.slice(0, 3), word.slice(0, 4), word];
    for (let round = 0; round < 3; round++) {
      for (const w of words) {
        const started = performance.now();
        const changed = new Promise((ok) => {
          // Done when results are back in the list (it is emptied first).
          const seen = new MutationObserver((records) => {
            if (records.some((r) => r.addedNodes.length) && list.childElementCount > 0) {
              seen.disconnect();
              ok();
            }
          });
          seen.observe(list, { childList: true });
        });
        input.value = w;
        input.dispatchEvent(new Event('input'));
        await Promise.race([changed, new Promise((ok) => setTimeout(ok, 3000))]);
        await new Promise((ok) => requestAnimationFrame(() => ok()));
        out.push(performance.now() - started);
      }
    }
    return out;
  }, titleWord);
  times.sort((a, b) => a - b);
  console.log(`keystroke to results: median ${times[Math.floor(times.length / 2)].toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms (${times.length} keystrokes)`);
  await context.close();
}

await browser.close();
server.close();
console.log(`search: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
