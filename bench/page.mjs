// The reader's page in headless Chromium (Debian's), served on localhost by
// a minimal static host (static-host.mjs), for blogs of N generated posts. Each figure is the
// median of several fresh page loads (a new browser context each: cold cache):
//   - listing: navigation start to the page's own `buildlog:first-render`
//     mark (the listing is in the DOM), and to its largest contentful paint;
//   - post: from setting the hash to a post's address to `buildlog:rendered`;
//   - tag: the same for a tag's address;
//   - bytes: transferred (compressed as served) by requests that started
//     before the first render;
//   - memory: the page's JS heap (Chromium's Performance.getMetrics), and
//     the engine's WebAssembly memory (engine.wasm grows it as needed).
//   node bench/page.mjs [N ...]        (default: 100 1000 10000)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { writeContent } from './corpus.mjs';
import { serveStatic } from './static-host.mjs';

const repo = new URL('..', import.meta.url).pathname;
const work = join(repo, 'build/bench');
const dist = process.env.BUILDLOG_SITE || join(repo, 'dist');
const cli = join(repo, 'build/native/cli/buildlog');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The site for N posts: the page and engine from dist/, the bundle built from the corpus.
function site(n) {
  const dir = join(work, `page-${n}`);
  const content = writeContent(join(work, `content-${n}`), n);
  execFileSync(cli, ['build', content, '-o', join(dir, 'posts.json')], { stdio: 'ignore' });
  for (const f of ['index.html', 'shim.js', 'style.css', 'favicon.svg', 'engine.js', 'engine.wasm']) cpSync(join(dist, f), join(dir, f));
  return dir;
}

async function once(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = [];
  page.on('requestfinished', async (request) => requests.push(request));
  await page.addInitScript(() => {
    window.__lcp = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__lcp = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('buildlog:first-render').length > 0);
  await page.waitForTimeout(100);  // let the paint land for LCP
  const listing = await page.evaluate(() => ({ rendered: performance.getEntriesByName('buildlog:first-render')[0].startTime, lcp: window.__lcp }));
  // Bytes of every request that started before the first render.
  let bytes = 0;
  const navStart = await page.evaluate(() => performance.timeOrigin);
  for (const r of requests) {
    const sizes = await r.sizes();
    if (r.timing().startTime - navStart <= listing.rendered) bytes += sizes.responseBodySize + sizes.responseHeadersSize;
  }
  const timeTo = async (hash) => page.evaluate(async (h) => {
    const before = performance.getEntriesByName('buildlog:rendered').length;
    const t0 = performance.now();
    location.hash = h;
    while (performance.getEntriesByName('buildlog:rendered').length === before) await new Promise((r) => setTimeout(r, 1));
    return performance.getEntriesByName('buildlog:rendered').at(-1).startTime - t0;
  }, hash);
  const [postHash, tagHash] = await page.evaluate(() => [
    document.querySelector('.posts .card h3 a').getAttribute('href'), document.querySelector('.tag-nav a').getAttribute('href')]);
  const post = await timeTo(postHash);
  const tag = await timeTo(tagHash);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  await context.close();
  return { ...listing, bytes, post, tag, heap };
}

export async function benchPage(ns, runs = 7) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    // Headless Chromium treats its pages as background ones: without these
    // flags it delays frames (and so paints) by tens of milliseconds.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-renderer-backgrounding', '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows'],
  });
  const rows = [];
  try {
    for (const n of ns) {
      const server = await serveStatic(site(n));
      try {
        await once(browser, `${server.url}#/`);  // warm the server and the OS caches, not the browser's
        const samples = [];
        for (let r = 0; r < runs; r++) samples.push(await once(browser, `${server.url}#/`));
        const row = { n, runs };
        for (const key of ['rendered', 'lcp', 'bytes', 'post', 'tag', 'heap']) row[key] = median(samples.map((s) => s[key]));
        rows.push(row);
        console.error(`page ${n}: listing ${row.rendered.toFixed(0)} ms (LCP ${row.lcp.toFixed(0)} ms), ${(row.bytes / 1024).toFixed(0)} KB, post ${row.post.toFixed(0)} ms, tag ${row.tag.toFixed(0)} ms`);
      } finally {
        server.stop();
      }
    }
  } finally {
    await browser.close();
  }
  const table = [
    '| posts | listing rendered (first-render mark) | largest contentful paint | bytes transferred before the listing | post opened | tag filtered | JS heap |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.n} | ${r.rendered.toFixed(0)} ms | ${r.lcp.toFixed(0)} ms | ${(r.bytes / 1024).toFixed(0)} KB | ${r.post.toFixed(1)} ms | ${r.tag.toFixed(1)} ms | ${(r.heap / 1048576).toFixed(1)} MB |`),
  ].join('\n');
  return { rows, table };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ns = process.argv.slice(2).map(Number).filter(Boolean);
  if (!existsSync(join(dist, 'engine.wasm'))) throw new Error(`build the site first: ./scripts/site.sh ${dist}`);
  const { table } = await benchPage(ns.length ? ns : [100, 1000, 10000]);
  console.log(table);
}
