// The sample blog is the page buildlog grew from (issue 14): its listing
// reads as ../shared/seed-page.txt, line by line, with and without the
// engine. What the page adds around the seed's text (the skip link, the
// search box's label, the lists' headings for screen readers, the tag list
// and the footer after it) is set aside; what differs from the seed is
// listed below, each with its reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { engineReady, launch, openPage, repo, serve } from './harness.mjs';

const seedLines = readFileSync(join(repo, '../shared/seed-page.txt'), 'utf8').split('\n');

// Where the sample differs from the seed's text, and why.
function asTheSampleShowsIt(lines) {
  const out = [];
  for (const line of lines) {
    // A post has one title: the seed calls it "…the differences that matter"
    // in "Currently writing" and "…that actually matter" on its card.
    if (line === 'EventBridge vs CloudWatch Events — the differences that matter') out.push('EventBridge vs CloudWatch Events — the differences that actually matter');
    // The seed counts 3 posts in progress, and its "Currently writing" names
    // them; the TLA+ post is not among them, so it is planned, as its badge says.
    else if (line === 'What TLA+ taught me about distributed system correctness in progress') out.push('What TLA+ taught me about distributed system correctness planned');
    // The seed's text runs a coming post's tags together ("KubernetesDevOps").
    else if (line === 'KubernetesDevOps') out.push('Kubernetes DevOps');
    else if (line === 'ResearchFormal Methods') out.push('Research Formal Methods');
    else if (line === 'AWSDevOps') {
      out.push('AWS DevOps');
      // Every post in progress is coming soon: the seed leaves Idempotency in
      // Lambda (15%, in its "Currently writing") out of its cards.
      out.push('Coming soon', 'Idempotency in Lambda — patterns and when each breaks in progress',
        'At-least-once delivery means every handler runs twice eventually. Patterns for making that harmless, with and without Powertools.',
        'AWS Serverless Distributed Systems');
    } else out.push(line);
  }
  return out;
}

// Text as a reader reads it: words in order, whitespace and case aside
// (the stylesheet capitalises some headings).
const words = (text) => text.replace(/\s+/g, ' ').trim().toLowerCase();

let server, chromium;
before(async () => {
  server = await serve(join(repo, 'build/site'));
  chromium = await launch();
});
after(async () => {
  await chromium?.close();
  server?.stop();
});

for (const engine of [false, true]) {
  test(`the listing reads as the seed page, line by line, ${engine ? 'with the engine' : 'prerendered, without the engine'}`, async () => {
    const { page, context } = await openPage(chromium.browser, { javaScriptEnabled: engine, viewport: { width: 1100, height: 900 } });
    try {
      await page.goto(server.url);
      if (engine) await engineReady(page);
      const shown = await page.evaluate(() => {
        for (const aside of document.querySelectorAll('.skip-link, .visually-hidden, .tag-nav, .site-footer')) aside.style.display = 'none';
        return document.getElementById('app').innerText;
      });
      const lines = shown.split('\n').map((l) => l.trim()).filter(Boolean);
      const expected = asTheSampleShowsIt(seedLines.map((l) => l.trim()).filter(Boolean));
      // Line by line: each of the seed's lines is the next of the page's (a
      // seed line may span several of the page's, as a card's tags do).
      let at = 0;
      for (const line of expected) {
        let joined = '';
        const from = at;
        while (at < lines.length && words(joined).length < words(line).length) joined += ` ${lines[at++]}`;
        assert.equal(words(joined), words(line), `the seed's line "${line}" (page lines ${from + 1}-${at})`);
      }
      assert.equal(at, lines.length, `nothing after the seed's text: ${JSON.stringify(lines.slice(at))}`);
    } finally {
      await context.close();
    }
  });
}
