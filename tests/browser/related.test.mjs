// Related posts (issue 14) at the end of a post, as readers meet them: a
// blog whose posts share tags, built by the author tool and served. The
// engine lists what the author tool computed, and a click opens the post.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blogFor, engineReady, openPage } from './harness.mjs';

let blog, server, chromium;

before(async () => {
  blog = await blogFor('related', (content) => {
    writeFileSync(join(content, 'site.yaml'), 'title: Related\n');
    const post = (slug, date, tags, title) =>
      writeFileSync(join(content, `${slug}.md`), `---\ntitle: ${title}\ndate: ${date}\ntags: [${tags.join(', ')}]\n---\nText of ${slug}.\n`);
    post('kafka-consumers', '2026-03-01', ['kafka', 'streaming'], 'Kafka consumer groups');
    post('kafka-partitions', '2026-02-01', ['kafka'], 'Choosing Kafka partition counts');
    post('stream-joins', '2026-01-01', ['streaming'], 'Joins over streams');
    post('css-grid', '2026-01-15', ['css'], 'A grid for a blog');
  });
  ({ server, chromium } = blog);
});

after(() => blog?.done());

test('a post ends with the posts that share its tags, and a click opens one; a post sharing nothing lists none', async () => {
  const { page, context, problems } = await openPage(chromium.browser);
  try {
    await page.goto(`${server.url}post/kafka-consumers/`);
    await engineReady(page);
    const related = page.locator('nav.related a');
    const hrefs = await related.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    assert.deepEqual([...hrefs].sort(), ['post/kafka-partitions/', 'post/stream-joins/']);
    await related.filter({ hasText: 'Choosing Kafka partition counts' }).click();
    await page.waitForURL(`${server.url}post/kafka-partitions/`);
    // The address changes as the engine starts to render the post: its view follows.
    await page.locator('article.post h1', { hasText: 'Choosing Kafka partition counts' }).waitFor();
    assert.ok(await page.locator('nav.related a[href="post/kafka-consumers/"]').count() === 1, 'related both ways');
    await page.goto(`${server.url}post/css-grid/`);
    await engineReady(page);
    assert.equal(await page.locator('nav.related').count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
