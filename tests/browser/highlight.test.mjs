// Highlighted code (issue 14), as readers see it: a post with a block in
// every language the issue names, built by the author tool and served. Each
// block's tokens are coloured, on the prerendered page and when the engine
// renders the post, in light and in dark; screenshots of the post (its
// contents, each section's heading, the highlighted blocks, a footnote) go
// to tests/browser/artifacts/ (highlight-light.png, highlight-dark.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blogFor, engineReady, openPage, repo } from './harness.mjs';

// A sample in each language, with at least one keyword, string or comment.
const samples = {
  sh: 'if [ -f "$HOME/.profile" ]; then echo "ok"; fi  # shell',
  c: '#include <stdio.h>\nint main(void) { printf("hi\\n"); return 0; }',
  cpp: 'template <typename T>\nauto twice(T x) -> T { return x * 2; } // C++',
  go: 'package main\n\nfunc main() { fmt.Println("hi") } // Go',
  rust: 'fn main() {\n    let name = "hi"; // Rust\n}',
  python: 'def handler(event, context):\n    return {"status": 200}  # Python',
  javascript: 'const answer = await fetch("/api"); // JavaScript',
  typescript: 'interface Order { id: string; total: number } // TypeScript',
  java: 'public final class Order { private String id = "x"; } // Java',
  json: '{"name": "buildlog", "stars": 42, "fast": true}',
  yaml: 'resources:\n  limits:\n    memory: "512Mi"  # YAML',
  toml: '[server]\nport = 8080  # TOML\nname = "api"',
  hcl: 'resource "aws_s3_bucket" "logs" {\n  bucket = "my-logs"  # HCL\n}',
  sql: 'SELECT id, total FROM orders WHERE total > 100; -- SQL',
  dockerfile: 'FROM debian:bookworm\nRUN apt-get update  # Dockerfile',
  diff: '--- a/main.tf\n+++ b/main.tf\n@@ -1 +1 @@\n-count = 1\n+count = 2',
  html: '<!-- HTML -->\n<a href="/post/">Read</a>',
  css: '/* CSS */\n.card { color: #333; margin: 0 auto; }',
  markdown: '# A heading\n\nSome **strong** text and `code`.',
};

let blog, server, chromium;

before(async () => {
  blog = await blogFor('highlight', (content) => {
    writeFileSync(join(content, 'site.yaml'), 'title: Highlighting\n');
    // A section per language: the post opens with its contents, and a footnote links down and back.
    const body = Object.entries(samples).map(([lang, code]) => `## ${lang}\n\n\`\`\`${lang}\n${code}\n\`\`\`\n`).join('\n') +
      '\nEvery block above is tokenized at build time.[^how]\n\n[^how]: By KSyntaxHighlighting, in the author tool.\n';
    writeFileSync(join(content, 'code.md'), `---\ntitle: Code in every language\ndate: 2026-01-01\n---\n${body}`);
  });
  ({ server, chromium } = blog);
});

after(() => blog?.done());

// Per block, by language: the distinct colours of its tokens, and the block's own.
async function blockColours(page) {
  return page.$$eval('.prose pre code', (blocks) => Object.fromEntries(blocks.map((code) => [
    code.className.replace('language-', ''),
    { text: getComputedStyle(code).color, tokens: [...new Set([...code.querySelectorAll('span[class^="hl-"]')].map((s) => getComputedStyle(s).color))] },
  ])));
}

for (const colorScheme of ['light', 'dark']) {
  test(`every language's tokens are coloured, ${colorScheme}, prerendered and by the engine`, async () => {
    const seen = {};
    for (const engine of [false, true]) {
      const { page, context } = await openPage(chromium.browser, { colorScheme, javaScriptEnabled: engine, viewport: { width: 1000, height: 900 } });
      try {
        if (engine) {
          // The engine renders the post itself after a click from the listing.
          await page.goto(server.url);
          await engineReady(page);
          await page.locator('a[href="post/code/"]').first().click();
          await page.waitForURL(`${server.url}post/code/`);
        } else {
          await page.goto(`${server.url}post/code/`);
        }
        await page.locator('.prose pre').first().waitFor();
        const colours = await blockColours(page);
        assert.deepEqual(Object.keys(colours).sort(), Object.keys(samples).sort());
        for (const [lang, { text, tokens }] of Object.entries(colours)) {
          assert.ok(tokens.some((c) => c !== text), `${lang}: some token has a colour of its own (${JSON.stringify(tokens)}, text ${text})`);
        }
        seen[engine] = colours;
        assert.equal(await page.locator('nav.toc li').count(), Object.keys(samples).length, 'the contents list every section');
        assert.equal(await page.locator('.prose h2 a.anchor').count(), Object.keys(samples).length, 'every section links to itself');
        assert.equal(await page.locator('.footnotes li#fn-1 a.footnote-backref').count(), 1);
        if (engine) await page.screenshot({ path: join(repo, `tests/browser/artifacts/highlight-${colorScheme}.png`), fullPage: true });
      } finally {
        await context.close();
      }
    }
    assert.deepEqual(seen[true], seen[false], 'the engine colours the code as the prerendered page does');
  });
}

test('light and dark give the same token different colours', async () => {
  const colour = {};
  for (const colorScheme of ['light', 'dark']) {
    const { page, context } = await openPage(chromium.browser, { colorScheme, javaScriptEnabled: false });
    try {
      await page.goto(`${server.url}post/code/`);
      colour[colorScheme] = await page.$eval('code.language-go .hl-k', (s) => getComputedStyle(s).color);
    } finally {
      await context.close();
    }
  }
  assert.notEqual(colour.light, colour.dark);
});
