// Every view is a real page (issue 11): the sample blog built with an
// address (url: https://example.org/blog/) and served under /blog/, as a
// GitHub Pages project site is. Each page's prerendered view is the shipped
// engine's own; it reads in full without JavaScript; the engine takes over
// without rendering again; links, Back, Forward and old #/ addresses work;
// each page has its own head; the sitemap and robots.txt list the pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { cli, engineReady, launch, openPage, repo, serve, siteAsset } from './harness.mjs';

const work = mkdtempSync(join(tmpdir(), 'buildlog-pages-'));
const site = join(work, 'www/blog');
let server, chromium, blog;  // blog: the site's address as served, ".../blog/"

// Every page file of a built site, as the address it serves ("post/x/") and its path.
function pageFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) { if (!['posts', 'assets', 'feeds'].includes(name)) walk(path); }
      else if (name === 'index.html') out.push({ address: relative(dir, d) === '' ? '' : `${relative(dir, d)}/`, path });
    }
  };
  walk(dir);
  return out;
}

const appOf = (html) => html.slice(html.indexOf('<div id="app">') + '<div id="app">'.length, html.lastIndexOf('</div>\n</body>'));

before(async () => {
  cpSync(join(repo, 'content'), join(work, 'content'), { recursive: true });
  appendFileSync(join(work, 'content/site.yaml'), '\nurl: https://example.org/blog/\n');
  execFileSync(cli, ['build', join(work, 'content'), '-o', site]);
  // The host's own root page, so that `buildlog serve` serves the folder above the blog.
  const index = readFileSync(join(site, 'index.html'), 'utf8');
  writeFileSync(join(work, 'www/index.html'), index.slice(0, index.indexOf('<base')) + '</head><body>host</body></html>\n');
  server = await serve(join(work, 'www'));
  blog = `${server.url}blog/`;
  chromium = await launch();
});
after(async () => {
  await chromium?.close();
  server?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('each page\'s prerendered view is the shipped engine\'s view of its address, byte for byte', async () => {
  const create = createRequire(import.meta.url)(siteAsset(site, 'engine.js'));
  const engine = await create({ wasmBinary: readFileSync(siteAsset(site, 'engine.wasm')), printErr: () => {} });
  assert.equal(engine.load(readFileSync(join(site, 'posts.json'))), 0);
  const pages = pageFiles(site);
  const entry = JSON.parse(readFileSync(join(site, 'posts.json'), 'utf8'));
  // The listing, each tag, each post (published or still to come), search.
  assert.equal(pages.length, 1 + entry.tags.length + entry.posts.count + entry.upcoming.count + 1);
  for (const { address, path } of pages) {
    let view;
    for (let round = 0; (view = engine.render(address)).status === 'needs' && round < 8; ++round)
      for (const part of view.needs) engine.provide(part, readFileSync(join(site, part)));
    assert.equal(view.status, 'found', address);
    const html = readFileSync(path, 'utf8');
    assert.equal(appOf(html), view.html, `the page at ${address} and the engine's view`);
    assert.ok(html.includes(`<title>${view.title.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</title>`), `title of ${address}`);
  }
  // Named references decode from the post's own table: the engine has none of HTML's.
  const saga = appOf(readFileSync(join(site, 'post', 'saga-choreography', 'index.html'), 'utf8'));
  assert.ok(saga.includes('orders → payments →'), 'the sample post\'s &rarr; is decoded');
  // 404.html shows the not-found view, with its root absolute: hosts serve it at any depth.
  const missing = readFileSync(join(site, '404.html'), 'utf8');
  assert.match(missing, /<base href="\/blog\/">/);
  assert.match(appOf(missing), /<h1>Not found<\/h1><p>Nothing lives at this address\.<\/p>/);
});

test('every address answers with its own page over HTTP, and a missing one with 404 and the not-found view', async () => {
  for (const { address } of pageFiles(site)) {
    const response = await fetch(`${blog}${address}`);
    assert.equal(response.status, 200, address);
    const html = await response.text();
    assert.ok(html.includes('<div id="app"><a class="skip-link"'), `${address} is prerendered`);
  }
  const post = await (await fetch(`${blog}post/saga-choreography/`)).text();
  assert.match(post, /<h1>Why SAGA choreography beats orchestration for microservices<\/h1>/);
  assert.match(post, /choreographed saga/);
  // A folder's address without its slash goes to the one with it, as static hosts do.
  const bare = await fetch(`${blog}post/saga-choreography?x=1`, { redirect: 'manual' });
  assert.equal(bare.status, 301);
  assert.equal(bare.headers.get('location'), '/blog/post/saga-choreography/?x=1');
  const missing = await fetch(`${blog}no/such/page`);
  assert.equal(missing.status, 404);
  assert.match(await missing.text(), /<h1>Not found<\/h1>/);
});

test('without JavaScript every published post reads in full, and search says it needs JavaScript', async () => {
  const entry = JSON.parse(readFileSync(join(site, 'posts.json'), 'utf8'));
  const { page: scripted, context: withJs } = await openPage(chromium.browser);
  const { page, context } = await openPage(chromium.browser, { javaScriptEnabled: false });
  try {
    for (const post of entry.posts.first) {
      await page.goto(`${blog}post/${post.slug}/`);
      assert.equal(await page.locator('article.post h1').textContent(), post.title);
      await scripted.goto(`${blog}post/${post.slug}/`);
      await engineReady(scripted);
      const full = await scripted.locator('.prose').innerHTML();
      assert.ok(full.length > 1000, `${post.slug} has a body`);
      assert.equal(await page.locator('.prose').innerHTML(), full, `${post.slug} reads the same without JavaScript`);
    }
    await page.goto(`${blog}search/?q=saga`);
    assert.match(await page.locator('main').textContent(), /Search runs in your browser and needs JavaScript/);
    await page.goto(`${blog}tag/DevOps/`);
    assert.equal(await page.locator('.filter h1').textContent(), 'Tagged DevOps');
  } finally {
    await context.close();
    await withJs.close();
  }
});

test('the engine takes over the prerendered page without touching it, then routes links, Back and Forward itself', async () => {
  const { page, context, problems } = await openPage(chromium.browser);
  try {
    await page.addInitScript(() => {
      window.__mutations = 0;
      document.addEventListener('DOMContentLoaded', () => {
        new MutationObserver((records) => { window.__mutations += records.length; })
          .observe(document.getElementById('app'), { childList: true, subtree: true, characterData: true });
      });
    });
    await page.goto(`${blog}post/terraform-state-at-scale/`);
    await engineReady(page);
    assert.equal(await page.evaluate(() => window.__mutations), 0, 'the prerendered view was kept as it is');
    await page.evaluate(() => { window.__samePage = true; });
    // A link renders in place: the address changes, the page is the same document.
    await page.locator('.tag-list .tag', { hasText: 'terraform' }).first().click();
    await page.waitForURL(`${blog}tag/Terraform/`);
    assert.equal(await page.locator('.filter h1').textContent(), 'Tagged Terraform');
    await page.getByRole('link', { name: 'Clear filter' }).click();
    await page.waitForURL(blog);
    await page.goBack();
    await page.waitForURL(`${blog}tag/Terraform/`);
    await page.locator('.filter h1').waitFor();
    await page.goBack();
    await page.waitForURL(`${blog}post/terraform-state-at-scale/`);
    await page.locator('article.post h1').waitFor();
    await page.goForward();
    await page.locator('.filter h1').waitFor();
    assert.equal(await page.evaluate(() => window.__samePage), true, 'no page load between views');
    // A reload gets the page of the view at that address.
    await page.reload();
    assert.equal(await page.locator('.filter h1').textContent(), 'Tagged Terraform');
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('old #/ addresses land on their view at its real address, under the subpath', async () => {
  const { page, context, problems } = await openPage(chromium.browser);
  try {
    await page.goto(`${blog}#/post/saga-choreography`);
    await page.waitForURL(`${blog}post/saga-choreography/`);
    await page.locator('article.post h1', { hasText: 'SAGA choreography' }).waitFor();
    await page.goto(`${blog}#/tag/DevOps`);
    await page.waitForURL(`${blog}tag/DevOps/`);
    await page.locator('.filter h1', { hasText: 'Tagged DevOps' }).waitFor();
    // Every link the engine writes stays under the blog's root.
    const hrefs = await page.locator('#app a[href]').evaluateAll((links) => links.map((a) => a.href));
    for (const href of hrefs) assert.ok(href.startsWith(blog), href);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('each page\'s head is its own: title, description, canonical address, OpenGraph and feeds', async () => {
  const entry = JSON.parse(readFileSync(join(site, 'posts.json'), 'utf8'));
  const { page, context } = await openPage(chromium.browser, { javaScriptEnabled: false });
  const meta = (name) => page.locator(`meta[property="${name}"], meta[name="${name}"]`).first().getAttribute('content');
  try {
    const seen = new Set();
    for (const post of entry.posts.first) {
      await page.goto(`${blog}post/${post.slug}/`);
      assert.equal(await meta('og:title'), post.title);
      assert.equal(await meta('og:description'), post.summary);
      assert.equal(await meta('description'), post.summary);
      assert.equal(await meta('og:type'), 'article');
      assert.equal(await meta('article:published_time'), post.date);
      assert.deepEqual(await page.locator('meta[property="article:tag"]').evaluateAll((m) => m.map((e) => e.content)), post.tags);
      assert.equal(await page.locator('link[rel=canonical]').getAttribute('href'), `https://example.org/blog/post/${post.slug}/`);
      assert.equal(await meta('og:url'), `https://example.org/blog/post/${post.slug}/`);
      seen.add(await meta('og:description'));
    }
    assert.equal(seen.size, entry.posts.first.length, 'no two posts share a link preview');
    await page.goto(`${blog}tag/DevOps/`);
    assert.deepEqual(await page.locator('link[rel=alternate]').evaluateAll((l) => l.map((e) => e.getAttribute('href'))),
      ['feed.xml', 'feed.json', 'feeds/tag-devops.xml', 'feeds/tag-devops.json']);
    await page.goto(`${blog}search/`);
    assert.equal(await meta('robots'), 'noindex');
  } finally {
    await context.close();
  }
});

test('sitemap.xml lists every page but search, and robots.txt points at it', async () => {
  const { page, context } = await openPage(chromium.browser);
  try {
    await page.goto(`${blog}sitemap.xml`);
    const locs = await page.evaluate(async () => {
      const xml = new DOMParser().parseFromString(await (await fetch('sitemap.xml')).text(), 'application/xml');
      if (xml.querySelector('parsererror')) throw new Error('sitemap.xml does not parse');
      return [...xml.getElementsByTagNameNS('http://www.sitemaps.org/schemas/sitemap/0.9', 'loc')].map((l) => l.textContent);
    });
    // Addresses as URLs: a tag's folder may hold a space ("Distributed Systems"), escaped in the sitemap.
    const expected = pageFiles(site).map((p) => `https://example.org/blog/${encodeURI(p.address)}`).filter((a) => !a.endsWith('/search/'));
    assert.deepEqual([...locs].sort(), expected.sort());
  } finally {
    await context.close();
  }
  assert.match(readFileSync(join(site, 'robots.txt'), 'utf8'), /^Sitemap: https:\/\/example\.org\/blog\/sitemap\.xml$/m);
});
