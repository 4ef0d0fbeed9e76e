// Hostile input in a real browser (issue 5). A bundle with script-injection
// payloads in every field is loaded through every view and through hostile
// addresses, under the page's CSP. The test proves that no script ran: hooks
// record any call to alert/confirm/prompt/print or to the payloads' own
// window.__pwned, no CSP violation is reported, and the DOM holds no element
// or attribute that the engine does not write.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, repo, cli, engineReady } from './harness.mjs';

const site = process.env.BUILDLOG_SITE || join(repo, 'dist');

const payloads = [
  `<script>window.__pwned('script')</script>`,
  `"><img src=x onerror=window.__pwned('img')>`,
  `'><svg onload=window.__pwned('svg')>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned('math')>`,
  `<a href="javascript:window.__pwned('a')">x</a>`,
  `&lt;script&gt;window.__pwned('entity')&lt;/script&gt;`,
  `<ScRiPt>window.__pwned('case')</sCrIpT>`,
  `<iframe srcdoc="<script>window.__pwned('iframe')</script>"></iframe>`,
  `javascript:alert('bare')`,
  `<svg><animate onbegin=window.__pwned('animate') attributeName=x dur=1s>`,
  `<details open ontoggle=window.__pwned('toggle')>`,
  `<object data="javascript:window.__pwned('object')"></object>`,
];

const hostileMarkdown = [
  `# <script>window.__pwned('h1')</script>`,
  ...payloads,
  `[a](javascript:window.__pwned('md-a'))`,
  `[b](JaVaScRiPt:window.__pwned('md-b'))`,
  `[c](&#106;avascript:window.__pwned('md-c'))`,
  `[d](&#x6A;avascript&colon;window.__pwned('md-d'))`,
  `[e](java&Tab;script:window.__pwned('md-e'))`,
  `[f](%20javascript:window.__pwned('md-f'))`,
  `![g](data:image/svg+xml,<svg/onload=window.__pwned('md-g')>)`,
  `![h](javascript:window.__pwned('md-h') "x\\" onerror=\\"window.__pwned('md-h2')")`,
  `[i](vbscript:msgbox)`,
  `<javascript:window.__pwned('md-auto')>`,
  `[j][ref]\n\n[ref]: javascript:window.__pwned('md-ref')`,
  `<div onmouseover="window.__pwned('div')">hover</div>`,
  '```html\n<script>window.__pwned(\'code\')</script>\n```',
  '`<img src=x onerror=window.__pwned(\'span\')>`',
].join('\n\n');

// The hostile blog as an author would write it: Markdown files with front
// matter (values as YAML double-quoted strings), built by the author tool.
function writeHostileContent(folder) {
  const q = (text) => JSON.stringify(text);  // a JSON string is a YAML double-quoted scalar
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'site.yaml'),
    `title: ${q(payloads[0])}\ntagline: ${q(payloads[1])}\nkicker: ${q(payloads[2])}\nauthor: ${q(payloads[3])}\n`);
  const slugs = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'];
  slugs.forEach((slug, i) => {
    const p = payloads.length;
    const published = i < 4;
    const front = [
      `title: ${q(`${payloads[i % p]} title`)}`,
      `date: 2026-0${i + 1}-1${i}`,
      `tags: [${[payloads[(i + 2) % p], payloads[(i + 3) % p], 'plain'].map(q).join(', ')}]`,
      `summary: ${q(payloads[(i + 1) % p])}`,
      `status: ${published ? 'published' : 'in-progress'}`,
      ...(published ? [] : ['progress: 50']),
    ];
    writeFileSync(join(folder, `${slug}.md`), `---\n${front.join('\n')}\n---\n\n${published ? hostileMarkdown : ''}\n`);
  });
}

let server;
let chromium;
let dir;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'buildlog-attack-'));
  cpSync(site, dir, { recursive: true });
  writeHostileContent(join(dir, 'content'));
  execFileSync(cli, ['build', join(dir, 'content'), '-o', join(dir, 'posts.json')], { stdio: 'pipe' });
  server = await serve(dir);
  chromium = await launch();
});
after(async () => {
  await chromium?.close();
  server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

// Runs in the page: everything in the DOM that the engine would never write.
function auditDom() {
  const tags = new Set(['A', 'MARK', 'ARTICLE', 'BLOCKQUOTE', 'BR', 'BUTTON', 'CODE', 'DEL', 'DIV', 'EM', 'FOOTER', 'FORM', 'H1', 'H2', 'H3',
    'H4', 'H5', 'H6', 'HEADER', 'HR', 'IMG', 'INPUT', 'LABEL', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'PROGRESS', 'SECTION', 'SPAN',
    'STRONG', 'TABLE', 'TBODY', 'TD', 'TH', 'THEAD', 'TIME', 'TR', 'U', 'UL']);
  const found = [];
  for (const el of document.getElementById('app').querySelectorAll('*')) {
    if (!tags.has(el.tagName)) found.push(`element <${el.tagName.toLowerCase()}>`);
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on') || attr.name === 'srcdoc' || attr.name === 'style') found.push(`attribute ${attr.name} on <${el.tagName.toLowerCase()}>`);
    }
    for (const name of ['href', 'src', 'action']) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      const url = new URL(value, location.href);
      if (!['http:', 'https:', 'mailto:'].includes(url.protocol)) found.push(`${name}="${value}" on <${el.tagName.toLowerCase()}>`);
    }
  }
  const scripts = [...document.scripts].map((s) => s.getAttribute('src'));
  if (!/^assets\/engine\.[0-9a-f]{16}\.js,assets\/shim\.[0-9a-f]{16}\.js$/.test(scripts.join(','))) found.push(`scripts: ${scripts.join(',')}`);
  return found;
}

const addresses = [
  '#/', '#/post/alpha', '#/post/beta', '#/post/epsilon', '#/tag/plain',
  `#/tag/${encodeURIComponent(payloads[2])}`, `#/tag/${encodeURIComponent(payloads[3])}`,
  `#/search?q=${encodeURIComponent(payloads[0])}`, `#/search?q=${encodeURIComponent(payloads[1])}`, '#/search?q=pwned',
  '#/search?q=script', `#/post/${encodeURIComponent('<img src=x onerror=window.__pwned(1)>')}`,
  `#/${encodeURIComponent('<svg onload=window.__pwned(2)>')}`, '#/search?q=%22%3E%3Cscript%3Ewindow.__pwned(3)%3C/script%3E',
  '#javascript:window.__pwned(4)', '#/tag/%3Cscript%3E',
];

test('no payload in any field or address runs script, breaks the CSP or adds an element', async () => {
  const context = await chromium.browser.newContext();
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  page.on('dialog', (d) => { consoleErrors.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.addInitScript(() => {
    window.__calls = [];
    window.__violations = [];
    window.__pwned = (what) => window.__calls.push(`__pwned(${what})`);
    for (const name of ['alert', 'confirm', 'prompt', 'print']) window[name] = (...args) => window.__calls.push(`${name}(${args})`);
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${server.url}#/`);
  await page.waitForSelector('#main');
  assert.equal(await page.locator('.posts .card').count(), 4, 'the hostile bundle loaded');

  for (const hash of addresses) {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await page.waitForFunction((h) => document.getElementById('main') && location.hash === h, hash);
    // Hover, focus and click on whatever is there, as a curious reader would.
    const links = page.locator('#main .prose a, #main .prose img');
    for (let i = 0; i < Math.min(await links.count(), 12); i++) await links.nth(i).hover().catch(() => {});
    await page.waitForTimeout(20);
    assert.deepEqual(await page.evaluate(auditDom), [], `DOM audit at ${hash}`);
  }
  // The payload text is there, shown as text.
  await page.evaluate(() => { location.hash = '#/post/alpha'; });
  await page.waitForSelector('article.post');
  assert.match(await page.locator('.prose').textContent(), /<script>window.__pwned\('code'\)<\/script>/);
  await page.screenshot({ path: join(repo, 'tests/browser/artifacts/attack-post.png'), fullPage: false });

  assert.deepEqual(await page.evaluate(() => window.__calls), [], 'no hooked function was called');
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no CSP violation');
  assert.deepEqual(consoleErrors, [], 'no console errors or dialogs');
  await context.close();
});

test('a broken posts.json leaves the prerendered page readable and says why; after takeover the error view retries in place', async () => {
  const broken = mkdtempSync(join(tmpdir(), 'buildlog-retry-'));
  cpSync(site, broken, { recursive: true });
  const good = join(site, 'posts.json');
  const { version } = JSON.parse(readFileSync(good, 'utf8'));  // the version this engine reads
  const cases = [
    ['invalid JSON', `{"version": ${version}, "posts": [`, /not valid JSON/],
    ['wrong types', JSON.stringify({ version, site: { title: 5 }, posts: {} }), /site.title: must be a string, got number/],
    ['another version', JSON.stringify({ version: 99, site: { title: 'x' }, posts: [] }), new RegExp(`version 99, and this engine reads version ${version}`)],
    ['truncated', readFileSync(join(site, 'posts.json'), 'utf8').slice(0, 500), /parse error at line \d+, column \d+/],
    ['not a bundle', '"just a string"', /must be a JSON object/],
    ['missing', null, /HTTP 404/],
  ];
  const brokenServer = await serve(broken);
  const errors = [];
  let context;
  try {
    // On arrival (a reader's first visit: a context of its own, no cache):
    // the prerendered listing stays whole, with the reasons above it.
    for (const [name, text, message] of cases) {
      if (text === null) rmSync(join(broken, 'posts.json'));
      else writeFileSync(join(broken, 'posts.json'), text);
      const visit = await chromium.browser.newContext();
      const page = await visit.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${brokenServer.url}#/`);
      await engineReady(page);
      assert.equal(await page.locator('#fatal').isVisible(), true, name);
      assert.match(await page.locator('#fatal-message').textContent(), message, name);
      assert.equal(await page.locator('.posts .card').count(), 3, `${name}: the prerendered listing is still there`);
      assert.equal(await page.locator('.problems').count(), 0, `${name}: no error view in place of the page`);
      if (text === null) await page.screenshot({ path: join(repo, 'tests/browser/artifacts/error-banner.png') });
      await visit.close();
    }
    context = await chromium.browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    // Once the engine has taken over, a bundle that breaks on reload (the
    // preview's rebuild) shows the engine's error view, whose "Try again"
    // loads a good one into the same page and engine.
    cpSync(good, join(broken, 'posts.json'));
    await page.goto(brokenServer.url);
    await engineReady(page);
    await page.evaluate(() => { window.__samePage = true; });
    for (const [name, text, message] of cases.filter(([, text]) => text !== null)) {
      writeFileSync(join(broken, 'posts.json'), text);
      await page.evaluate(() => { document.getElementById('main').__previous = true; });
      if (await page.locator('[data-reload]').count()) await page.getByRole('button', { name: 'Try again' }).click();
      else await page.evaluate(() => window.dispatchEvent(new Event('buildlog:rebuilt')));
      await page.waitForFunction(() => !document.getElementById('main').__previous);  // re-rendered
      assert.match(await page.locator('.problems').textContent(), message, name);
    }
    await page.screenshot({ path: join(repo, 'tests/browser/artifacts/error-retry.png') });
    cpSync(good, join(broken, 'posts.json'));
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.waitForSelector('.posts .card');
    assert.equal(await page.locator('.posts .card').count(), 3);
    assert.equal(await page.evaluate(() => window.__samePage), true, 'the page was not reloaded');
    assert.equal(await page.evaluate(() => performance.getEntriesByName('buildlog:start').length), 1, 'one engine instance');
    assert.deepEqual(errors, []);
  } finally {
    await context?.close();
    brokenServer.stop();
    rmSync(broken, { recursive: true, force: true });
  }
});

test('a part that cannot be fetched shows the error view, not a blank page, and the rest of the blog works', async () => {
  const partial = mkdtempSync(join(tmpdir(), 'buildlog-part-'));
  cpSync(site, partial, { recursive: true });
  const entry = JSON.parse(readFileSync(join(partial, 'posts.json'), 'utf8'));
  const victim = entry.posts.first[0];
  rmSync(join(partial, victim.part));
  const partialServer = await serve(partial);
  const context = await chromium.browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${partialServer.url}#/post/${victim.slug}`);
    await page.waitForSelector('main.error-view');
    assert.match(await page.locator('.problems').textContent(), /could not be fetched: HTTP 404/);
    await page.evaluate(() => { location.hash = '#/'; });
    await page.waitForSelector('.posts .card');
    assert.equal(await page.locator('.posts .card').count(), entry.posts.count);
    assert.ok(readdirSync(join(partial, 'posts')).length > 0);
  } finally {
    await context.close();
    partialServer.stop();
    rmSync(partial, { recursive: true, force: true });
  }
});

test('an engine that runs out of memory is replaced by a fresh one: the error view says so, and "Try again" shows the view', async () => {
  const context = await chromium.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Every engine the page starts, kept where the test can reach it.
  await page.addInitScript(() => {
    let factory;
    window.__engines = [];
    Object.defineProperty(window, 'createBuildlogEngine', {
      configurable: true,
      get: () => (options) => factory(options).then((engine) => (window.__engines.push(engine), engine)),
      set: (made) => { factory = made; },
    });
  });
  // The newest engine's memory filled to its limit (1 GB, or less where the
  // browser cannot grow it that far), as a blog too large for it would, but
  // for `room` bytes: with a kilobyte, the address a call passes in still
  // fits and the view does not, so the engine itself runs out.
  const fill = (room) => page.evaluate((room) => {
    const engine = window.__engines.at(-1);
    const kept = room && engine._bl_alloc(room);
    let bytes = 0;
    for (let size = 2 ** 26; size >= 8; size /= 2) while (engine._bl_alloc(size) !== 0) bytes += size;
    if (kept) engine._bl_free(kept);
    return bytes;
  }, room);
  try {
    await page.goto(server.url);
    await engineReady(page);
    const post = page.locator('.posts .card h3 a').first();
    const href = await post.evaluate((a) => a.href);
    await post.click();
    await page.waitForSelector('article.post h1');
    assert.ok(await fill(1024) > 64 * 2 ** 20, 'the engine grew past its first 16 MB, then ran out');
    // Back to the listing needs memory: the engine traps mid-render, and a fresh one says why.
    await page.goBack();
    await page.waitForSelector('main.error-view');
    assert.match(await page.locator('main.error-view').textContent(), /engine stopped, most likely out of memory/);
    assert.equal(await page.evaluate(() => window.__engines.length), 2, 'a second engine');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.waitForSelector('.posts .card');
    assert.equal(await page.evaluate(() => performance.getEntriesByName('buildlog:start').length), 1, 'the page was not reloaded');
    // Without room even for a link's address, the link is the browser's:
    // its page arrives whole, with an engine of its own.
    assert.ok(await fill(0) > 64 * 2 ** 20);
    await page.evaluate(() => { window.__samePage = true; });
    await page.locator(`.posts .card h3 a[href$="${new URL(href).pathname.split('/').slice(-3).join('/')}"]`).click();
    await page.waitForSelector('article.post h1');
    assert.equal(page.url(), href);
    assert.equal(await page.evaluate(() => window.__samePage), undefined, 'a page load');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
