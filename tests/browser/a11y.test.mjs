// Accessibility: axe-core (npm) on every view of a blog long enough to have a
// second listing page, in light and dark, with the engine in charge and as
// prerendered (the page a reader without JavaScript gets: here the page's
// scripts are blocked, since axe itself needs JavaScript). Any violation fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { blogFor, engineReady, openPage, repo } from './harness.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let blog, server, chromium;

const views = ['', 'page/2/', 'tag/DevOps/', 'post/saga-choreography/', 'post/k8s-resource-limits/', 'search/', 'search/?q=terraform',
  'search/?q=zzqx', 'post/no-such-post/'];

before(async () => {
  // The sample blog and 20 more posts: a second page of the listing.
  blog = await blogFor('a11y', (content) => {
    cpSync(join(repo, 'content'), content, { recursive: true });
    for (let i = 1; i <= 20; i++)
      writeFileSync(join(content, `2025-01-${String(i).padStart(2, '0')}-note-${i}.md`),
        `---\ntitle: "Field note ${i}"\ntags: [notes]\nsummary: "A short note."\n---\n\nA note about [links](https://example.org/) and \`code\`.\n`);
  });
  ({ server, chromium } = blog);
});
after(() => blog?.done());

// axe's findings on the page, as "rule: target" lines.
async function violations(page) {
  await page.evaluate(axeSource);  // through the debugger protocol: the page's CSP does not apply
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary.split('\n')[1] ?? ''}`));
}

for (const colorScheme of ['light', 'dark']) {
  for (const engine of [true, false]) {
    test(`axe finds nothing on any view, ${colorScheme}, ${engine ? 'with the engine' : 'prerendered, without the engine'}`, async () => {
      const { page, context } = await openPage(chromium.browser, { colorScheme, viewport: { width: 1100, height: 900 } });
      if (!engine) await page.route('**/assets/*.js', (route) => route.abort());
      try {
        const found = [];
        for (const view of views) {
          await page.goto(`${server.url}${view}`);
          if (engine) {
            await engineReady(page);
            await page.locator('#main').waitFor();
            await page.waitForFunction(() => !document.getElementById('app').hasAttribute('aria-busy'));
          }
          for (const v of await violations(page)) found.push(`${view || './'}: ${v}`);
        }
        assert.deepEqual(found, []);
      } finally {
        await context.close();
      }
    });
  }
}
