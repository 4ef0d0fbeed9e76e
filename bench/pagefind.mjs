// Pagefind on the benchmark corpus: renders every post as an HTML page (the
// way a static site generator would), indexes them with the pagefind binary
// from npm, then runs each query through Pagefind's own JS API in headless
// Chromium and records the bytes fetched until the first page of results can
// be shown (its script, wasm, entry, index chunks, and the fragments of the
// results on screen).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import MarkdownIt from 'markdown-it';
import { chromium } from 'playwright-core';
import { serveStatic } from './static-host.mjs';

const escape = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

// Writes the site and its Pagefind index once per corpus size.
export function buildPagefindSite(dir, posts) {
  if (existsSync(join(dir, 'pagefind/pagefind.js'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'posts'), { recursive: true });
  const md = new MarkdownIt();
  for (const p of posts) {
    if (p.status !== 'published') continue;
    const tags = p.tags.map((t) => `<li>${escape(t)}</li>`).join('');
    writeFileSync(join(dir, 'posts', `${p.slug}.html`),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(p.title)}</title></head>` +
      `<body><main data-pagefind-body><h1>${escape(p.title)}</h1><p><time>${p.date}</time></p><ul>${tags}</ul>` +
      `<p>${escape(p.summary)}</p>${md.render(p.body)}</main></body></html>\n`);
  }
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Search</title></head><body></body></html>\n');
  const bin = new URL('./node_modules/pagefind/lib/runner/bin.cjs', import.meta.url).pathname;
  execFileSync(process.execPath, [bin, '--site', dir, '--output-subdir', 'pagefind'], { stdio: 'ignore' });
  return dir;
}

// Bytes as a static host sends them: gzip where it helps. Pagefind's index
// files are compressed already, so gzip gains nothing on those.
const wireBytes = (bytes) => Math.min(bytes.length, gzipSync(bytes, { level: 9 }).length);

// For each query, in a fresh page: the bytes fetched until `shown` results
// have their data. Returns the per-query byte counts.
export async function pagefindFirstSearchBytes(dir, queries, shown) {
  const { url, stop: close } = await serveStatic(dir);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const sizes = new Map();
  const bytesOf = (u) => {
    if (!sizes.has(u)) {
      const file = join(dir, decodeURIComponent(new URL(u).pathname).replace(/^\/+/, ''));
      sizes.set(u, existsSync(file) ? wireBytes(readFileSync(file)) : 0);
    }
    return sizes.get(u);
  };
  const out = [];
  try {
    for (const q of queries) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const fetched = new Set();
      page.on('request', (r) => { if (!r.url().endsWith('/index.html') && r.url() !== url) fetched.add(r.url()); });
      await page.goto(url);
      await page.evaluate(async ({ q, shown }) => {
        const pagefind = await import('/pagefind/pagefind.js');
        await pagefind.init();
        const search = await pagefind.search(q);
        await Promise.all(search.results.slice(0, shown).map((r) => r.data()));
      }, { q, shown });
      out.push([...fetched].reduce((sum, u) => sum + bytesOf(u), 0));
      await context.close();
    }
  } finally {
    await browser.close();
    close();
  }
  return out;
}
