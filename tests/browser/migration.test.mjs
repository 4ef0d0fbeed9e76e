// A blog brought from Jekyll or Hugo (issue 15), as its readers meet it:
// the migration corpus (tests/migration/) built by the author tool and
// served; the images beside its posts show, with and without the engine,
// and its old addresses land on the posts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, engineReady, launch, openPage, repo, serve } from './harness.mjs';

let work, chromium;
const servers = {};

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'buildlog-migration-'));
  for (const blog of ['jekyll', 'hugo']) {
    execFileSync(cli, ['build', join(repo, 'tests/migration', blog), '-o', join(work, blog)], { stdio: 'pipe' });
    servers[blog] = await serve(join(work, blog));
  }
  chromium = await launch();
});

after(async () => {
  await chromium?.close();
  for (const s of Object.values(servers)) s.stop();
  rmSync(work, { recursive: true, force: true });
});

// Every <img> of the post's prose, loaded: its natural width, by its src.
async function proseImages(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('.prose img')].every((img) => img.complete));
  return page.$$eval('.prose img', (imgs) => imgs.map((img) => [img.getAttribute('src'), img.naturalWidth]));
}

for (const [blog, slug, width] of [['jekyll', 'moved-post', 10], ['hugo', 'bundle-one', 20]]) {
  test(`${blog}: the image beside a post shows on its prerendered page and when the engine renders it`, async () => {
    const server = servers[blog];
    // Without JavaScript: the prerendered page alone.
    const plain = await openPage(chromium.browser, { javaScriptEnabled: false });
    try {
      await plain.page.goto(`${server.url}post/${slug}/`);
      const images = await proseImages(plain.page);
      assert.equal(images.length, 1);
      assert.match(images[0][0], /^assets\/[a-z]+\.[0-9a-f]{16}\.svg$/);
      assert.equal(images[0][1], width, `${images[0][0]} loaded`);
    } finally {
      await plain.context.close();
    }
    // With the engine: from the listing, a click renders the post in place.
    const { page, context, problems } = await openPage(chromium.browser);
    try {
      await page.goto(server.url);
      await engineReady(page);
      await page.locator(`a[href="post/${slug}/"]`).first().click();
      await page.waitForURL(`${server.url}post/${slug}/`);
      await page.locator('.prose').waitFor();
      const images = await proseImages(page);
      assert.deepEqual(images.map(([, w]) => w), [width]);
      assert.deepEqual(problems, []);
      assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    } finally {
      await context.close();
    }
  });
}

test('jekyll and hugo: an old address lands on the post, wherever it was', async () => {
  for (const [blog, old, slug] of [['jekyll', 'old/moved/', 'moved-post'], ['jekyll', '2020/02/01/moved-post.html', 'moved-post'],
    ['hugo', 'old/first-post/', 'first-post'], ['hugo', '2024/bundle-one-old/', 'bundle-one']]) {
    const { page, context } = await openPage(chromium.browser);
    try {
      await page.goto(`${servers[blog].url}${old}`);
      await page.waitForURL(`${servers[blog].url}post/${slug}/`);
      await page.locator('article.post h1').waitFor();
    } finally {
      await context.close();
    }
  }
});
