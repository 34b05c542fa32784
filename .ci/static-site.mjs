// A built paperpress site served as a static host serves it, and the pages the browser
// checks open on it. Shared by .ci/reader.mjs and .ci/lighthouse.mjs.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES = { '.html': 'text/html; charset=utf-8', '.json': 'application/json', '.js': 'text/javascript',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.xml': 'application/xml', '.woff2': 'font/woff2',
  '.bib': 'text/plain; charset=utf-8', '.txt': 'text/plain; charset=utf-8' };

// Serves the site in `root` over HTTP on 127.0.0.1 with gzip (fonts excepted, as they are
// compressed already), under the path of its base URL: the path is read from the home
// page's canonical link, as a 404 page links with absolute paths, which work only there.
// Resolves to { host, origin, close }: origin is host plus that path, without its last /.
export async function serveSite(root) {
  const canonical = fs.readFileSync(path.join(root, 'index.html'), 'utf8').match(/<link rel="canonical" href="([^"]+)"/);
  const base = canonical ? new URL(canonical[1]).pathname : '/';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(base)) return res.writeHead(404).end();
    let rel;
    try {
      rel = decodeURIComponent(url.pathname.slice(base.length));
    } catch {
      return res.writeHead(400).end();
    }
    let file = path.join(root, rel);
    if (file !== root && !file.startsWith(root + path.sep)) return res.writeHead(403).end();
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    let status = 200;
    if (!fs.existsSync(file)) {
      status = 404;
      file = path.join(root, '404.html');
    }
    const type = TYPES[path.extname(file)] || 'application/octet-stream';
    let body = fs.readFileSync(file);
    const headers = { 'content-type': type, 'cache-control': 'max-age=600' };
    if (/gzip/.test(req.headers['accept-encoding'] || '') && !type.startsWith('font/')) {
      body = zlib.gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
    res.writeHead(status, headers).end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const host = `http://127.0.0.1:${server.address().port}`;
  return { host, origin: host + base.replace(/\/$/, ''), close: () => server.close() };
}

// The pages to open, as [label, path from the site's root]: the index, the day with the
// most cards, the first topic, a paper page (the first with display math if any has it),
// the first author, the search page and a page that does not exist (the 404 page).
export function pickPages(root) {
  const list = (dir) => {
    try {
      return fs.readdirSync(path.join(root, dir)).filter((d) => fs.existsSync(path.join(root, dir, d, 'index.html'))).sort();
    } catch {
      return [];
    }
  };
  const cards = (rel) => (fs.readFileSync(path.join(root, rel), 'utf8').match(/<article class="card/g) || []).length;
  const pages = [['index', '/']];
  const days = list('days').map((d) => `days/${d}/index.html`);
  if (days.length) {
    const largest = days.reduce((a, b) => (cards(b) > cards(a) ? b : a));
    pages.push(['day', `/${largest.replace(/index\.html$/, '')}`]);
  }
  const topics = list('topics');
  if (topics.length) pages.push(['topic', `/topics/${topics[0]}/`]);
  const papers = list('papers');
  const withMath = papers.find((p) => fs.readFileSync(path.join(root, 'papers', p, 'index.html'), 'utf8').includes('class="math-display"'));
  if (papers.length) pages.push(['paper', `/papers/${withMath || papers[0]}/`]);
  const authors = list('authors');
  if (authors.length) pages.push(['author', `/authors/${authors[0]}/`]);
  if (fs.existsSync(path.join(root, 'search/index.html'))) pages.push(['search', '/search/']);
  pages.push(['404', '/no-such-page/']);
  return pages;
}
