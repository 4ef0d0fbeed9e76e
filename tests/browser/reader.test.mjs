// What a reader does and sees, in real headless Chromium, with the site served
// under the page's Content-Security-Policy. Screenshots of every view go to
// tests/browser/artifacts/.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, openPage, engineReady, repo } from './harness.mjs';

const site = process.env.BUILDLOG_SITE || join(repo, 'dist');
const artifacts = join(repo, 'tests/browser/artifacts');
mkdirSync(artifacts, { recursive: true });

let server;
let chromium;
let current;  // { page, problems } of the running test

before(async () => {
  server = await serve(site);
  chromium = await launch();
});
after(async () => {
  await chromium?.close();
  server?.stop();
});
afterEach(async () => {
  if (!current) return;
  const violations = await current.page.evaluate(() => window.__cspViolations).catch(() => []);
  const { problems } = current;
  await current.context.close();
  current = null;
  assert.deepEqual(violations, [], 'no CSP violations');
  assert.deepEqual(problems, [], 'no console errors or warnings');
});

// Opens a view by its address relative to the site's root ("post/x/").
async function open(address = '', options = {}) {
  current = await openPage(chromium.browser, { viewport: { width: 1100, height: 900 }, ...options });
  await current.page.goto(`${options.base || server.url}${address}`);
  await engineReady(current.page);
  return current.page;
}

const shot = (page, name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

test('the listing shows the sample blog: 3 published and 3 in progress, with counts and progress bars', async () => {
  const page = await open('');
  assert.equal(await page.title(), 'Engineering Notes');
  assert.equal(await page.locator('.kicker').first().textContent(), '// build log');
  assert.deepEqual(await page.locator('.stats li').allTextContents(), ['3 published', '3 in progress', 'Last post: May 2026']);
  assert.equal(await page.locator('.posts .card').count(), 3);
  assert.equal(await page.locator('.soon .card .badge', { hasText: 'in progress' }).count(), 3);
  assert.deepEqual(await page.locator('.writing progress').evaluateAll((bars) => bars.map((b) => b.value)), [75, 40, 15]);
  const first = page.locator('.posts .card').first();
  assert.match(await first.locator('.meta').textContent(), /^May 2026⏱ 6 min read$/);
  assert.equal(await first.locator('h3').textContent(), 'Why SAGA choreography beats orchestration for microservices');
  await shot(page, 'listing');
});

test('clicking a tag filters the listing, and clearing it returns', async () => {
  const page = await open('');
  await page.locator('.posts .card .tag', { hasText: 'iam' }).click();
  await page.waitForURL(/\/tag\/IAM\/$/);
  assert.equal(await page.locator('.filter h1').textContent(), 'Tagged IAM');
  assert.deepEqual(await page.locator('.card h3').allTextContents(), ['CIS Benchmark v1.5 — what actually matters in the IAM section']);
  assert.equal(await page.title(), '#IAM — Engineering Notes');
  await shot(page, 'tag');
  await page.getByRole('link', { name: 'Clear filter' }).click();
  await page.waitForURL(server.url);
  assert.equal(await page.locator('.posts .card').count(), 3);
});

test('typing a query shows results as the reader types, and the address keeps the query', async () => {
  const page = await open('');
  const box = page.getByRole('searchbox', { name: 'Search posts' });
  await box.click();
  await box.pressSequentially('terraf', { delay: 20 });
  await page.waitForURL(/\/search\/\?q=terraf$/);
  // The address changes as the reader types; the results follow once their parts arrive.
  await page.getByRole('heading', { name: /results? for “terraf”/ }).waitFor();
  assert.equal(await page.locator('.card h3').first().textContent(), 'Terraform state management at scale — the decisions nobody tells you about');
  assert.equal(await box.inputValue(), 'terraf');
  assert.ok(await box.evaluate((el) => el === document.activeElement), 'the search box keeps the focus while typing');
  await shot(page, 'search');
  await box.fill('');
  await box.pressSequentially('zzqx');
  assert.match(await page.locator('.no-results h1').textContent(), /No results for “zzqx”/);
  await shot(page, 'search-no-results');
  // A shared search link opens the same results.
  await page.goto(`${server.url}search/?q=saga`);
  await page.waitForSelector('.card h3');
  assert.equal(await page.locator('.card h3').first().textContent(), 'Why SAGA choreography beats orchestration for microservices');
  assert.equal(await page.getByRole('searchbox').inputValue(), 'saga');
});

test('a post opens with its rendered body, and back returns to the listing', async () => {
  const page = await open('');
  await page.waitForSelector('.posts .card');
  const fetched = [];
  page.on('request', (r) => { if (!/\/favicon\.[0-9a-f]{16}\.svg$/.test(r.url())) fetched.push(new URL(r.url()).pathname); });  // the browser asks for the icon when it likes
  await page.getByRole('link', { name: 'Terraform state management at scale — the decisions nobody tells you about' }).first().click();
  await page.waitForURL(/\/post\/terraform-state-at-scale\/$/);
  await page.waitForSelector('article.post .prose');
  // The listing is in posts.json; the post costs one request: its own part.
  assert.equal(fetched.length, 1, `requests: ${fetched.join(', ')}`);
  assert.match(fetched[0], /^\/posts\/[0-9a-f]{2}\/p-[0-9a-f]{16}\.json$/);
  assert.equal(await page.locator('article.post h1').textContent(), 'Terraform state management at scale — the decisions nobody tells you about');
  assert.equal(await page.title(), 'Terraform state management at scale — the decisions nobody tells you about — Engineering Notes');
  assert.ok(await page.locator('.prose h2').count() >= 4, 'sections');
  assert.ok(await page.locator('.prose pre code.language-hcl').count() >= 2, 'code blocks');
  assert.equal(await page.locator('.prose table').count(), 1);
  assert.match(await page.locator('article.post .meta').textContent(), /9 March 2026⏱ 10 min read/);
  assert.equal(await page.locator('.post-nav a[rel=next]').count(), 1);
  await shot(page, 'post');
  await page.goBack();
  await page.waitForURL(server.url);
  assert.equal(await page.locator('.posts .card').count(), 3);
  await page.goForward();
  await page.waitForSelector('article.post');
  await page.reload();
  await page.waitForSelector('article.post h1');
  assert.equal(await page.locator('article.post h1').textContent(), 'Terraform state management at scale — the decisions nobody tells you about');
});

test('Back and Forward return to where the reader was on each view (issue 14)', async () => {
  const page = await open('', { viewport: { width: 800, height: 400 } });
  const y = await page.evaluate(() => {
    scrollTo(0, document.documentElement.scrollHeight);  // the bottom of the listing
    const at = scrollY;
    document.querySelector('.posts .card h3 a').click();
    return at;
  });
  assert.ok(y > 300, `the listing scrolls (${y} px)`);
  await page.locator('article.post .prose').waitFor();
  assert.equal(await page.evaluate(() => scrollY), 0, 'a new view starts at its top');
  await page.evaluate(() => scrollTo(0, 500));
  await page.goBack();
  await page.locator('.posts').waitFor();
  await page.waitForFunction((at) => scrollY === at, y);
  await page.goForward();
  await page.locator('article.post .prose').waitFor();
  await page.waitForFunction(() => scrollY === 500);
  // A reload keeps the place too.
  await page.reload();
  await engineReady(page);
  await page.waitForFunction(() => scrollY === 500);
});

test('a printed post is the post alone, with each link\'s address (issue 14)', async () => {
  const page = await open('post/terraform-state-at-scale/');
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.masthead', '.site-footer', '.post-nav', '.back', '.search'])
    assert.equal(await page.locator(hidden).first().evaluate((el) => getComputedStyle(el).display), 'none', hidden);
  assert.equal(await page.locator('article.post h1').evaluate((el) => getComputedStyle(el).display), 'block');
  // The sample's posts have no links: the stylesheet is what is under test.
  await page.evaluate(() => document.querySelector('.prose p').insertAdjacentHTML('beforeend', ' <a href="https://example.org/x">x</a> <a href="#main">y</a>'));
  assert.equal(await page.locator('.prose a[href^="https:"]').evaluate((a) => getComputedStyle(a, '::after').content), '" (https://example.org/x)"');
  assert.equal(await page.locator('.prose a[href="#main"]').evaluate((a) => getComputedStyle(a, '::after').content), 'none', 'in-page links print no address');
  await page.pdf({ path: join(artifacts, 'post-print.pdf') });
});

test('a post of several sections opens with its contents; section and footnote links scroll there, are shared as addresses, and Back returns (issue 14)', async () => {
  const page = await open('post/terraform-state-at-scale/');
  const post = 'post/terraform-state-at-scale/';
  const toc = page.locator('nav.toc a');
  assert.ok(await toc.count() >= 3);
  assert.equal(await toc.first().textContent(), 'Signs you have outgrown one state');
  await page.evaluate(() => { document.querySelector('.prose').dataset.marked = 'yes'; });
  await toc.first().click();
  await page.waitForURL(`${server.url}${post}#signs-you-have-outgrown-one-state`);
  const heading = page.locator('#signs-you-have-outgrown-one-state');
  await page.waitForFunction(() => { const r = document.getElementById('signs-you-have-outgrown-one-state').getBoundingClientRect(); return r.top > -2 && r.top < 100; });
  assert.equal(await page.locator('.prose').getAttribute('data-marked'), 'yes', 'the view was not rendered again');
  // Its own link shows on focus and names the same address.
  const anchor = heading.locator('a.anchor');
  await anchor.focus();
  assert.equal(await anchor.evaluate((a) => getComputedStyle(a).opacity), '1');
  assert.equal(await anchor.getAttribute('href'), `${post}#signs-you-have-outgrown-one-state`);
  await page.goBack();
  await page.waitForURL(`${server.url}${post}`);
  // The sample's three posts share no tag and no words of their titles and
  // summaries, so none lists related posts (related.test.mjs shows them).
  assert.equal(await page.locator('nav.related').count(), 0);
  // A footnote links down to its note, and the note back to the reference.
  await page.locator('a#fnref-1-1').click();
  await page.waitForURL(`${server.url}${post}#fn-1`);
  await page.waitForFunction(() => { const r = document.getElementById('fn-1').getBoundingClientRect(); return r.top > -2 && r.bottom <= innerHeight; });
  assert.match(await page.locator('#fn-1').textContent(), /^\s*Most of it refreshing resources nobody had touched/);
  await page.locator('#fn-1 a.footnote-backref').click();
  await page.waitForURL(`${server.url}${post}#fnref-1-1`);
  await page.waitForFunction(() => { const r = document.getElementById('fnref-1-1').getBoundingClientRect(); return r.top > -2 && r.bottom <= innerHeight; });
  await shot(page, 'post-footnote');
  // Shared: the address opens the post at that section.
  assert.deepEqual(current.problems, []);
  await current.context.close();
  const shared = await open(`${post}#wiring-states-together`);
  await shared.waitForFunction(() => scrollY > 0);
  const top = await shared.locator('#wiring-states-together').evaluate((h) => h.getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 100, `the section is at the top (${top})`);
});

test('an unknown slug shows a helpful not-found page', async () => {
  const page = await open('post/no-such-post/');
  assert.equal(await page.locator('main h1').textContent(), 'Not found');
  assert.match(await page.locator('.not-found').textContent(), /no post at “no-such-post”/);
  assert.equal(await page.title(), 'Not found — Engineering Notes');
  await shot(page, 'not-found');
  // The host answers 404 (with 404.html), and the browser logs that status: the one expected console error.
  current.problems = current.problems.filter((p) => !/404 \(Not Found\)/.test(p));
});

test('a post in progress shows its progress, not a body', async () => {
  const page = await open('post/k8s-resource-limits/');
  assert.equal(await page.locator('article h1').textContent(), 'Kubernetes resource limits — what happens when you get them wrong');
  assert.equal(await page.locator('article progress').evaluate((p) => p.value), 75);
  assert.equal(await page.locator('.prose').count(), 0);
});

test('the keyboard alone reaches the search box, the posts and the content', async () => {
  const page = await open('');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  assert.equal(page.url(), server.url, 'the skip link moves the focus, not the address');
  // Tab on to the first post link and open it with Enter.
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement.getAttribute('href')) === 'post/saga-choreography/') break;
  }
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/post\/saga-choreography\/$/);
  await page.waitForSelector('article.post');  // the view renders once its part arrives
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
});

test('it reads well on a phone and follows a dark preference', async () => {
  const page = await open('', { viewport: { width: 390, height: 844 }, colorScheme: 'dark', isMobile: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(17, 22, 27)');
  await shot(page, 'listing-phone-dark');
  await page.goto(`${server.url}post/saga-choreography/`);
  await page.waitForSelector('article.post');
  const postOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(postOverflow <= 0, `no sideways scrolling on a post (${postOverflow}px)`);
  await shot(page, 'post-phone-dark');
});

test('a broken or missing posts.json leaves the prerendered page whole and says why, not a blank page', async () => {
  const broken = mkdtempSync(join(tmpdir(), 'buildlog-broken-'));
  cpSync(site, broken, { recursive: true });
  writeFileSync(join(broken, 'posts.json'), '{"version": 1, "site": {"title": "x"}, "posts": [');
  const brokenServer = await serve(broken);
  try {
    let page = await open('', { base: brokenServer.url });
    assert.equal(await page.locator('#fatal h1').textContent(), "This blog's engine could not start");
    assert.match(await page.locator('#fatal-message').textContent(), /not valid JSON: parse error at line 1, column \d+/);
    assert.ok(await page.locator('.posts .card').count() > 0, 'the prerendered listing is still there');
    assert.equal(await page.title(), 'Engineering Notes', 'the page keeps its own title');
    await shot(page, 'error-invalid-json');
    await current.context.close();
    current = null;

    rmSync(join(broken, 'posts.json'));
    current = await openPage(chromium.browser);
    current.page.on('console', () => {});
    await current.page.goto(brokenServer.url);
    await current.page.waitForSelector('#fatal:not([hidden])');
    assert.match(await current.page.locator('#fatal-message').textContent(), /HTTP 404/);
    assert.ok(await current.page.locator('.posts .card').count() > 0, 'the prerendered listing is still there');
    await shot(current.page, 'error-missing');
    // The browser itself logs the failed fetch: that one console error is expected.
    current.problems = current.problems.filter((p) => !/404 \(Not Found\)/.test(p));
  } finally {
    brokenServer.stop();
    rmSync(broken, { recursive: true, force: true });
  }
});

test('the shipped JavaScript has no eval and no new Function', () => {
  const assets = readdirSync(join(site, 'assets')).filter((f) => f.endsWith('.js'));
  assert.deepEqual(assets.map((f) => f.split('.')[0]).sort(), ['engine', 'shim']);
  for (const file of assets) {
    const js = readFileSync(join(site, 'assets', file), 'utf8');
    assert.doesNotMatch(js, /\beval\s*\(/, `${file} calls eval`);
    assert.doesNotMatch(js, /new\s+Function\b/, `${file} uses new Function`);
  }
  // The shim only moves bytes and DOM: rendering, routing and the part
  // protocol's logic live in the engine. (It was under 220 lines until it
  // learned to replace an engine that ran out of memory: about 25 more.)
  assert.ok(readFileSync(join(repo, 'web/shim.js'), 'utf8').split('\n').length < 250, 'the shim stays under 250 lines');
});
