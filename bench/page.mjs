// The reader's page in headless Chromium (Debian's), served on localhost by
// a minimal static host (static-host.mjs), for blogs of N generated posts,
// side by side in one run (cold loads, a new browser context each, runs
// interleaved so every variant sees the same machine):
//   - prerendered: the listing's page as `buildlog build` writes it (the
//     view in the HTML; the engine takes over once loaded);
//   - shell: the same page with the view left to the engine ("Loading…"
//     until it renders), as buildlog's page was before prerendering;
//   - static: the prerendered page without the engine (no scripts, no
//     preloads): a plain static HTML file with the same content, the limit.
// Figures per variant: first contentful paint, largest contentful paint,
// and for buildlog's pages the time until the engine has taken over (its
// `buildlog:first-render` mark). Then, on the prerendered page with the
// engine in charge: a post and a tag opened by clicking their links, the
// bytes transferred before the takeover, and the page's JS heap.
//   node bench/page.mjs [N ...]        (default: 100 1000 10000)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { writeContent } from './corpus.mjs';
import { serveStatic } from './static-host.mjs';

const repo = new URL('..', import.meta.url).pathname;
const work = join(repo, 'build/bench');
const cli = join(repo, 'build/native/cli/buildlog');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs) => `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}`;

// The site for N posts, as `buildlog build` writes it, plus the two pages it is compared with.
function site(n) {
  const dir = join(work, `page-${n}`);
  const content = writeContent(join(work, `content-${n}`), n);
  execFileSync(cli, ['build', content, '-o', dir, '--allow-shrink'], { stdio: 'ignore' });
  const page = readFileSync(join(dir, 'index.html'), 'utf8');
  const open = page.indexOf('<div id="app">') + '<div id="app">'.length, close = page.lastIndexOf('</div>\n</body>');
  writeFileSync(join(dir, 'shell.html'), page.slice(0, open) + '<p class="loading" role="status">Loading…</p>' + page.slice(close));
  writeFileSync(join(dir, 'static.html'), page.replace(/<script [^>]*><\/script>\n/g, '').replace(/<link rel="preload"[^>]*>\n/g, ''));
  return dir;
}

async function load(browser, url, engine) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__lcp = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__lcp = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  const requests = [];
  page.on('requestfinished', (request) => requests.push(request));
  await page.goto(url);
  if (engine) await page.waitForFunction(() => performance.getEntriesByName('buildlog:first-render').length > 0);
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0 && window.__lcp > 0);
  await page.waitForTimeout(150);  // let the last paint land for LCP
  const sample = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    lcp: window.__lcp,
    takeover: performance.getEntriesByName('buildlog:first-render')[0]?.startTime ?? NaN,
  }));
  return { context, page, requests, sample };
}

// The prerendered page once more, then what a reader does once the engine is in charge.
async function navigate(browser, url) {
  const { context, page, requests, sample } = await load(browser, url, true);
  let bytes = 0;
  const navStart = await page.evaluate(() => performance.timeOrigin);
  for (const r of requests) {
    const sizes = await r.sizes();
    if (r.timing().startTime - navStart <= sample.takeover) bytes += sizes.responseBodySize + sizes.responseHeadersSize;
  }
  const timeTo = (selector) => page.evaluate(async (s) => {
    const before = performance.getEntriesByName('buildlog:rendered').length;
    const t0 = performance.now();
    document.querySelector(s).click();
    while (performance.getEntriesByName('buildlog:rendered').length === before) await new Promise((r) => setTimeout(r, 1));
    return performance.getEntriesByName('buildlog:rendered').at(-1).startTime - t0;
  }, selector);
  const post = await timeTo('.posts .card h3 a');
  await page.goBack();
  await page.waitForSelector('.tag-nav a');
  const tag = await timeTo('.tag-nav a');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  await context.close();
  return { bytes, post, tag, heap };
}

const variants = [['prerendered', '', true], ['shell', 'shell.html', true], ['static', 'static.html', false]];

export async function benchPage(ns, runs = 15) {
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
        for (const [, file, engine] of variants) (await load(browser, server.url + file, engine)).context.close();  // warm the server and OS caches
        const samples = Object.fromEntries(variants.map(([name]) => [name, []]));
        for (let r = 0; r < runs; r++)
          for (const [name, file, engine] of variants) {
            const { context, sample } = await load(browser, server.url + file, engine);
            await context.close();
            samples[name].push(sample);
          }
        const reading = [];
        for (let r = 0; r < 3; r++) reading.push(await navigate(browser, server.url));
        const row = { n, runs, variants: {} };
        for (const [name] of variants)
          for (const key of ['fcp', 'lcp', 'takeover']) {
            const xs = samples[name].map((s) => s[key]);
            row.variants[name] = { ...row.variants[name], [key]: { median: median(xs), range: range(xs) } };
          }
        for (const key of ['bytes', 'post', 'tag', 'heap']) row[key] = median(reading.map((s) => s[key]));
        rows.push(row);
        const v = row.variants;
        console.error(`page ${n}: LCP prerendered ${v.prerendered.lcp.median.toFixed(0)} ms, shell ${v.shell.lcp.median.toFixed(0)} ms, static ${v.static.lcp.median.toFixed(0)} ms`);
      } finally {
        server.stop();
      }
    }
  } finally {
    await browser.close();
  }
  const ms = (x) => `${x.median.toFixed(0)} ms (${x.range})`;
  const table = [
    '| posts | page | first contentful paint | largest contentful paint | LCP ÷ static file\'s | engine took over |',
    '|---:|---|---:|---:|---:|---:|',
    ...rows.flatMap((r) => variants.map(([name]) => {
      const v = r.variants[name];
      return `| ${r.n} | ${name} | ${ms(v.fcp)} | ${ms(v.lcp)} | ${(v.lcp.median / r.variants.static.lcp.median).toFixed(2)} | ${Number.isNaN(v.takeover.median) ? '—' : ms(v.takeover)} |`;
    })),
    '',
    '| posts | bytes before the takeover | post opened (click) | tag opened (click) | JS heap |',
    '|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.n} | ${(r.bytes / 1024).toFixed(0)} KB | ${r.post.toFixed(1)} ms | ${r.tag.toFixed(1)} ms | ${(r.heap / 1048576).toFixed(1)} MB |`),
  ].join('\n');
  return { rows, table };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ns = process.argv.slice(2).map(Number).filter(Boolean);
  const { table } = await benchPage(ns.length ? ns : [100, 1000, 10000]);
  console.log(table);
}
