// Live-reload checks for `paperpress serve`, in a real browser.
//
//   node .ci/live-reload.mjs
//
// Builds nothing itself: runs the release binary (env PAPERPRESS, default
// target/release/paperpress under the repository root) as `serve --root SITE --port 0`
// on a small temporary site (two papers and a static/extra.css), opens the first
// paper's page in Debian's Chromium through playwright-core, and checks that:
//   A. saving the page's own entry refreshes the page with the new text (5 saves; the
//      time from each write to the new text on screen is printed, and the median);
//   B. saving another paper's entry leaves the page alone (markers set on `window` and
//      on the body survive 1.5 s after the server reports the rebuild, and the page did
//      receive that build's event);
//   C. a changed stylesheet (a site static/style.css, which replaces the theme's) is
//      swapped in place: the body's background changes and the page is not reloaded;
//   D. a broken entry shows the error overlay (#paperpress-build-errors) naming the file
//      and line, and the fix removes it and shows the new text.
// Prints one line per check, then a summary; exits 1 if any check failed. Each wait
// gives up after WAIT_MS (10 s), so a slow machine is fine but a broken reload is not.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BINARY = path.resolve(REPO, process.env.PAPERPRESS || 'target/release/paperpress');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const WAIT_MS = 10_000;
const POLL_MS = 10;
const QUIET_MS = 1_500;
const EDITS = 5;
const DAY = '2025-05-09';

if (!fs.existsSync(BINARY)) {
  console.error(`live reload: ${BINARY} does not exist; run \`cargo build --release\` or set PAPERPRESS`);
  process.exit(2);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const firstLine = (err) => (err && err.message ? err.message.split('\n')[0] : String(err));

// ---------------------------------------------------------------------------------------
// The site.

const site = fs.mkdtempSync(path.join(os.tmpdir(), 'lr-site-'));
const papersDir = path.join(site, 'content', 'papers', DAY);
fs.mkdirSync(papersDir, { recursive: true });
fs.mkdirSync(path.join(site, 'static'), { recursive: true });
fs.writeFileSync(path.join(site, 'site.toml'), 'title = "Live reload check"\n');

const entry = (title, abstract, date = DAY) =>
  `+++\ntitle = "${title}"\ndate = ${date}\n+++\n\n${abstract}\n`;
const slugOf = (title) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');

const first = { title: 'Alpha live paper', file: 'alpha-live-paper.md' };
const second = { title: 'Beta live paper', file: 'beta-live-paper.md' };
for (const p of [first, second]) {
  p.path = path.join(papersDir, p.file);
  p.rel = `content/papers/${DAY}/${p.file}`;
  fs.writeFileSync(p.path, entry(p.title, `The ${p.title} abstract, as first written.`));
}
fs.writeFileSync(path.join(site, 'static', 'extra.css'), 'p { margin: 0 }\n');

// LIVE_RELOAD_EXTRA_PAPERS=10000 adds that many other papers (over 100 earlier days, with
// authors), to measure live reload on a large digest.
const EXTRA = Number(process.env.LIVE_RELOAD_EXTRA_PAPERS || 0);
const filler = 'We study how pre-training data shapes what a model learns. '.repeat(20).trim();
for (let i = 0; i < EXTRA; i += 1) {
  const day = new Date(Date.UTC(2025, 4, 8) - (i % 100) * 86_400_000).toISOString().slice(0, 10);
  const dir = path.join(site, 'content', 'papers', day);
  fs.mkdirSync(dir, { recursive: true });
  const authors = `authors = ["Author ${i % 3000}", "Author ${(i * 7) % 3000}"]`;
  fs.writeFileSync(
    path.join(dir, `p${i}.md`),
    `+++\ntitle = "Filler paper ${i}"\ndate = ${day}\n${authors}\n+++\n\n${filler}\n`,
  );
}

// ---------------------------------------------------------------------------------------
// The server, and every line it prints (with the time it was read).

const lines = []; // { t, stream, text }
let exited = null; // { code, signal } once the server has exited
const server = spawn(BINARY, ['serve', '--root', site, '--port', '0'], {
  cwd: site,
  stdio: ['ignore', 'pipe', 'pipe'],
});
const exitPromise = new Promise((resolve) => {
  server.on('exit', (code, signal) => {
    exited = { code, signal };
    resolve(exited);
  });
});
server.on('error', (err) => {
  console.error(`live reload: cannot run ${BINARY}: ${err.message}`);
});
for (const [stream, name] of [[server.stdout, 'stdout'], [server.stderr, 'stderr']]) {
  readline.createInterface({ input: stream }).on('line', (text) => {
    lines.push({ t: Date.now(), stream: name, text });
    if (process.env.LR_VERBOSE) console.log(`       [server ${name}] ${text}`);
  });
}

// Waits for a server line (from index `from` on) that satisfies `test`; returns it.
async function waitForLine(test, from = 0, timeout = WAIT_MS) {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (let i = from; i < lines.length; i += 1) {
      if (test(lines[i].text)) return { ...lines[i], index: i };
    }
    if (exited) throw new Error(`the server exited (${exited.signal ?? `code ${exited.code}`}) while waiting`);
    if (Date.now() > deadline) throw new Error(`no such server line within ${timeout} ms`);
    await sleep(POLL_MS);
  }
}

// Polls `fn` (which may throw while the page navigates) until it returns a truthy value.
async function until(what, fn, timeout = WAIT_MS) {
  const deadline = Date.now() + timeout;
  let lastError = null;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}` +
        (lastError ? ` (last error: ${firstLine(lastError)})` : ''));
    }
    await sleep(POLL_MS);
  }
}

// ---------------------------------------------------------------------------------------
// The checks.

const results = []; // { name, ok }
const latencies = [];
let browser;
let page;
let navigations = 0; // main-frame navigations since the page was first opened
const events = []; // live-reload events the page received: { t, body }
let pollsSent = 0; // requests the page made to /__paperpress/events
const pageErrors = [];

function report(name, ok, details = []) {
  results.push({ name, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
  for (const d of details) console.log(`       ${d}`);
}

// Runs one check; any exception fails it with its message.
async function check(name, body) {
  const details = [];
  try {
    const extra = await body(details);
    report(extra ? `${name}: ${extra}` : name, true, details);
  } catch (err) {
    details.push(firstLine(err));
    report(name, false, details);
  }
}

const bodyText = () => page.evaluate(() => document.body.innerText);
const markerAlive = async () => {
  try {
    return await page.evaluate(() => window.__paperpressMarker === 1 && document.body.dataset.paperpressMarker === '1');
  } catch {
    return false; // the page is navigating: the marker is gone
  }
};
// On the window (gone after a reload) and on the body (gone when a refresh swaps it).
const setMarker = () =>
  page.evaluate(() => {
    window.__paperpressMarker = 1;
    document.body.dataset.paperpressMarker = '1';
  });

let exitCode = 0;
let serverDir = null;
try {
  // 1. The server's address.
  let base;
  try {
    const ready = await waitForLine((l) => l.startsWith('Serving at '), 0, 30_000 + EXTRA * 20);
    base = ready.text.match(/Serving at (http:\/\/\S+)/)[1];
    const built = lines.find((l) => / pages in (.+) in [\d.]+ s/.test(l.text));
    if (built) serverDir = path.dirname(built.text.match(/ pages in (.+) in [\d.]+ s/)[1]);
  } catch (err) {
    for (const l of lines) console.error(`  [server ${l.stream}] ${l.text}`);
    throw new Error(`the server did not start: ${firstLine(err)}`);
  }
  console.log(`live reload: ${BINARY} serving ${site} at ${base}`);

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
    throw new Error(`could not launch ${CHROMIUM}: ${firstLine(err)}`);
  }
  const context = await browser.newContext({ serviceWorkers: 'block' });
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(firstLine(err)));
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });
  page.on('request', (request) => {
    if (request.url().includes('/__paperpress/events')) pollsSent += 1;
  });
  page.on('response', async (response) => {
    if (!response.url().includes('/__paperpress/events')) return;
    try {
      events.push({ t: Date.now(), body: await response.json() });
    } catch {
      // The page went away before the body was read.
    }
  });

  // 2. The first paper's page: the home page's first link to a paper.
  await page.goto(base, { waitUntil: 'load', timeout: 30_000 });
  const paperLinks = await page.evaluate(() =>
    Array.from(document.querySelectorAll('a[href]'), (a) => a.href).filter((h) => /\/papers\/[^/]+\//.test(h)),
  );
  const firstSlug = slugOf(first.title);
  const paperUrl =
    paperLinks.find((h) => h.includes(`/papers/${firstSlug}/`)) ?? new URL(`papers/${firstSlug}/index.html`, base).href;
  await page.goto(paperUrl, { waitUntil: 'load', timeout: 30_000 });
  if (!(await bodyText()).includes(`The ${first.title} abstract, as first written.`)) {
    throw new Error(`${paperUrl} does not show the first paper's abstract`);
  }
  const hasScript = await page.evaluate(() => !!document.querySelector('script[src="/__paperpress/live.js"]'));
  if (!hasScript) throw new Error(`${paperUrl} has no /__paperpress/live.js script`);
  console.log(`live reload: watching ${paperUrl}`);
  // Let the page's first poll reach the server before the first edit.
  await until('the page to poll /__paperpress/events', () => pollsSent > 0);
  await sleep(200);

  // Check A: saving the page's own entry reloads it with the new text.
  await check(`A. saving ${first.rel} refreshes its page`, async (details) => {
    for (let i = 1; i <= EDITS; i += 1) {
      const text = `Edit number ${i} of the alpha abstract, word ${Math.random().toString(36).slice(2, 10)}.`;
      await setMarker();
      const navBefore = navigations;
      // The page itself notes when the new text is in (it watches its own DOM changes),
      // so the time measured is not the test's polling interval.
      const shown = page
        .waitForFunction(
          (t) => document.body.dataset.paperpressMarker === undefined && document.body.textContent.includes(t) && Date.now(),
          text,
          { polling: 'mutation', timeout: WAIT_MS },
        )
        .catch(() => null);
      const t0 = Date.now();
      fs.writeFileSync(first.path, entry(first.title, text));
      let handle = await shown;
      if (!handle) {
        // A full reload replaces the document the watcher ran in: wait for the text instead.
        await until(`edit ${i} to show`, async () =>
          page.evaluate((t) => document.body.innerText.includes(t), text),
        );
      }
      const ms = handle ? (await handle.jsonValue()) - t0 : Date.now() - t0;
      latencies.push(ms);
      const line = lines.filter((l) => l.t >= t0 && l.text.startsWith(`${first.rel} changed`)).map((l) => l.text);
      details.push(`edit ${i}: ${ms} ms from write to new text (${navigations - navBefore} navigation(s); server: ${line.join(' | ') || '(no line yet)'})`);
      // Let a reloaded page start polling before the next edit.
      await page.waitForLoadState('load', { timeout: WAIT_MS });
      await sleep(200);
    }
    return `median ${median(latencies)} ms over ${EDITS} edits`;
  });

  // Check B: saving another entry does not reload this page.
  await check(`B. saving ${second.rel} does not reload the first paper's page`, async (details) => {
    await setMarker();
    const navBefore = navigations;
    const from = lines.length;
    const t0 = Date.now();
    fs.writeFileSync(second.path, entry(second.title, 'The beta abstract, edited while the alpha page is open.'));
    // (A save can be seen half-written, and fail, before the good build: skip such lines.)
    const line = await waitForLine((l) => l.startsWith(`${second.rel} changed: `) && / written, /.test(l), from);
    details.push(`server: ${line.text} (${line.t - t0} ms after the write)`);
    if (/: 0 files written, 0 removed/.test(line.text)) throw new Error(`the rebuild wrote nothing: ${line.text}`);
    const quietUntil = line.t + QUIET_MS;
    while (Date.now() < quietUntil) {
      if (!(await markerAlive())) throw new Error(`the page reloaded after a save of another entry (its window marker is gone ${Date.now() - line.t} ms after the rebuild line)`);
      await sleep(50);
    }
    if (navigations !== navBefore) throw new Error(`${navigations - navBefore} navigation(s) after a save of another entry`);
    const seen = events.filter((e) => e.t >= t0 && (e.body.changed ?? []).includes(`papers/${slugOf(second.title)}/index.html`));
    if (seen.length === 0) throw new Error('the page never received the build event for the other paper (so the check proves nothing)');
    details.push(`the page received the event (changed: ${seen[0].body.changed.join(', ')}) and kept its state for ${QUIET_MS} ms`);
  });

  // Check C: a changed stylesheet is swapped in place.
  await check('C. a changed style.css is applied without a reload', async (details) => {
    await setMarker();
    const navBefore = navigations;
    const from = lines.length;
    const t0 = Date.now();
    fs.writeFileSync(path.join(site, 'static', 'style.css'), 'body { background: rgb(1, 2, 3) }\n');
    await until('the body background to become rgb(1, 2, 3)', () =>
      page.evaluate(() => getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)'),
    );
    const ms = Date.now() - t0;
    const line = await waitForLine((l) => l.startsWith('static/style.css changed'), from).catch(() => null);
    details.push(`server: ${line ? line.text : '(no rebuild line naming static/style.css)'}`);
    // The page must not reload later either.
    await sleep(500);
    if (!(await markerAlive()) || navigations !== navBefore) {
      throw new Error(`the page reloaded (${navigations - navBefore} navigation(s)) instead of swapping the stylesheet`);
    }
    const hrefs = await page.evaluate(() =>
      Array.from(document.querySelectorAll('link[rel="stylesheet"]'), (l) => l.getAttribute('href')),
    );
    details.push(`stylesheets now: ${hrefs.join(', ')}`);
    return `${ms} ms from write to new background`;
  });

  // Check D: a broken entry shows the overlay; the fix removes it.
  await check(`D. a broken ${first.rel} shows the error overlay, and the fix clears it`, async (details) => {
    await setMarker();
    const navBefore = navigations;
    const t0 = Date.now();
    fs.writeFileSync(first.path, entry(first.title, 'This text must never be shown.', '2025-13-45'));
    const overlay = await until('#paperpress-build-errors to appear', () =>
      page.evaluate(() => {
        const box = document.getElementById('paperpress-build-errors');
        return box ? { text: box.innerText, role: box.getAttribute('role') } : null;
      }),
    );
    details.push(`overlay after ${Date.now() - t0} ms: ${overlay.text.replace(/\s*\n\s*/g, ' / ')}`);
    if (overlay.role !== 'alert') throw new Error(`the overlay's role is ${overlay.role}, not alert`);
    if (!overlay.text.includes(`${first.rel}:3`)) {
      // Wait a little in case a partial write showed another error first.
      const later = await until(`the overlay to name ${first.rel}:3`, () =>
        page.evaluate((want) => {
          const box = document.getElementById('paperpress-build-errors');
          return box && box.innerText.includes(want) ? box.innerText : null;
        }, `${first.rel}:3`),
      );
      details.push(`overlay later: ${later.replace(/\s*\n\s*/g, ' / ')}`);
    }
    if (!(await markerAlive()) || navigations !== navBefore) {
      throw new Error('the page reloaded on a failed build (it should keep the last good page)');
    }
    const fixed = `The alpha abstract, fixed after a broken save ${Math.random().toString(36).slice(2, 10)}.`;
    const t1 = Date.now();
    fs.writeFileSync(first.path, entry(first.title, fixed));
    await until('the overlay to go and the fixed text to show', () =>
      page.evaluate(
        (t) => !document.getElementById('paperpress-build-errors') && document.body.innerText.includes(t),
        fixed,
      ),
    );
    const ms = Date.now() - t1;
    // And it must stay gone.
    await page.waitForLoadState('load', { timeout: WAIT_MS });
    await sleep(300);
    if (await page.evaluate(() => !!document.getElementById('paperpress-build-errors'))) {
      throw new Error('the overlay came back after the fix');
    }
    return `overlay shown, cleared ${ms} ms after the fix`;
  });

  for (const e of pageErrors) console.log(`       page error: ${e}`);
} catch (err) {
  console.log(`FAIL live reload could not run: ${firstLine(err)}`);
  exitCode = 1;
} finally {
  if (browser) await browser.close().catch(() => {});
}

// Stop the server as Ctrl-C would, and check it removed its temporary build folder.
let stopped = 'not running';
if (!exited) {
  server.kill('SIGINT');
  const result = await Promise.race([exitPromise, sleep(WAIT_MS).then(() => null)]);
  if (!result) {
    server.kill('SIGKILL');
    await exitPromise;
    stopped = `did not stop within ${WAIT_MS} ms of SIGINT (killed)`;
    exitCode = 1;
  } else if (result.code !== 0 && result.signal !== 'SIGINT') {
    stopped = `exited with ${result.signal ?? `code ${result.code}`} on SIGINT`;
    exitCode = 1;
  } else {
    stopped = `stopped on SIGINT (${result.signal ?? `exit ${result.code}`})`;
    if (serverDir && fs.existsSync(serverDir)) {
      stopped += `, but left its build folder ${serverDir}`;
      exitCode = 1;
    } else if (serverDir) {
      stopped += ', build folder removed';
    }
  }
} else {
  stopped = `had already exited (${exited.signal ?? `code ${exited.code}`})`;
  exitCode = 1;
}
console.log(`${exitCode === 0 ? 'ok  ' : 'FAIL'} server ${stopped}`);
if (exitCode !== 0 || results.some((r) => !r.ok)) {
  const errors = lines.filter((l) => l.stream === 'stderr');
  for (const l of errors.slice(-10)) console.log(`       [server stderr] ${l.text}`);
}
fs.rmSync(site, { recursive: true, force: true });

function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

const passed = results.filter((r) => r.ok).length;
const total = 4;
const med = latencies.length === EDITS ? `${median(latencies)} ms over ${EDITS} edits` : `n/a (${latencies.length}/${EDITS} edits reloaded)`;
console.log(`live reload: ${passed}/${total} checks passed; median save-to-reload ${med}`);
process.exit(exitCode !== 0 || passed !== total ? 1 : 0);
