// The blog's feeds, read by a real feed parser (issue 11, in part): both
// feeds hold every published post with its content, feeds per tag exist,
// the page's head links them, and no post in progress, planned or private
// gives anything of its body away.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFromJson, extractFromXml } from '@extractus/feed-extractor';
import { cli, serve } from './harness.mjs';

let dir;
const titles = ['Consistent hashing, again', 'A <tricky> title & "quotes"', 'Third: control \u0001 characters'];

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'buildlog-feeds-'));
  const content = join(dir, 'content');
  mkdirSync(content);
  writeFileSync(join(content, 'site.yaml'), 'title: Feeds & more\ntagline: Testing feeds\nauthor: The tester\nurl: https://example.org/blog/\n');
  titles.forEach((title, i) => writeFileSync(join(content, `post-${i}.md`),
    `---\ntitle: ${JSON.stringify(title)}\ndate: 2026-0${i + 1}-01\ntags: [shared, only-${i}]\n---\nBody ${i} with **bold** and <b>raw</b>, ` +
    `after [the first post](post-0.md) and a note.[^n]\n\n[^n]: The note.\n`));
  writeFileSync(join(content, 'wip.md'), '---\ntitle: Still writing\ndate: 2026-02-15\nstatus: in-progress\nprogress: 50\ntags: [shared]\n---\nWIPBODYWORDS\n');
  writeFileSync(join(content, 'private.md'), '---\ntitle: PRIVATETITLE\ndate: 2026-02-16\ndraft: true\ntags: [shared]\n---\nPRIVATEBODY\n');
  execFileSync(cli, ['build', content, '-o', join(dir, 'dist')], { stdio: 'pipe' });
});

after(() => rmSync(dir, { recursive: true, force: true }));

const read = (f) => readFileSync(join(dir, 'dist', f), 'utf8');

test('the Atom feed parses and holds every published post, newest first, with its content', () => {
  const feed = extractFromXml(read('feed.xml'), { normalization: false });
  assert.equal(feed.title, 'Feeds & more');
  const entries = feed.entry;
  assert.deepEqual(entries.map((e) => e.title), [...titles].reverse().map((t) => t.replace('\u0001', '')));
  assert.deepEqual(entries.map((e) => e.id), [2, 1, 0].map((i) => `https://example.org/blog/post/post-${i}/`));
  for (const e of entries) assert.match(e.content, /<strong>bold<\/strong>/);
});

test('the JSON Feed parses and holds the same posts with their content', () => {
  const feed = extractFromJson(JSON.parse(read('feed.json')), { normalization: false });
  assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
  assert.deepEqual(feed.items.map((i) => i.title), [...titles].reverse());
  for (const item of feed.items) {
    assert.match(item.content_html, /<strong>bold<\/strong>/);
    assert.match(item.content_html, /&lt;b&gt;raw&lt;\/b&gt;/);  // raw HTML stays text, as on the page
  }
  const normal = extractFromJson(JSON.parse(read('feed.json')));
  assert.equal(normal.entries.length, 3);
});

test('feed content links by absolute address: other posts from the root, notes within the post', () => {
  // A feed reader has no page to resolve from, and JSON Feed has no base.
  const items = extractFromJson(JSON.parse(read('feed.json')), { normalization: false }).items;
  const entries = extractFromXml(read('feed.xml'), { normalization: false }).entry;
  for (const [i, content] of [...items.map((item) => item.content_html), ...entries.map((e) => e.content)].entries()) {
    const post = `https://example.org/blog/post/post-${2 - (i % 3)}/`;
    assert.match(content, /<a href="https:\/\/example.org\/blog\/post\/post-0\/">the first post<\/a>/);
    assert.ok(content.includes(`href="${post}#fn-1"`), content);
    assert.doesNotMatch(content, /href="(?!https:)/);
  }
});

test('every tag has its feeds, and the page links the blog\'s', () => {
  const tags = readdirSync(join(dir, 'dist/feeds')).sort();
  assert.deepEqual(tags, ['tag-only-0.json', 'tag-only-0.xml', 'tag-only-1.json', 'tag-only-1.xml', 'tag-only-2.json', 'tag-only-2.xml', 'tag-shared.json', 'tag-shared.xml']);
  assert.equal(extractFromXml(read('feeds/tag-shared.xml'), { normalization: false }).entry.length, 3);
  assert.equal(extractFromXml(read('feeds/tag-only-1.xml'), { normalization: false }).entry.title, titles[1]);
  const head = read('index.html');
  assert.match(head, /<link rel="alternate" type="application\/atom\+xml" title="Feeds &amp; more" href="feed.xml">/);
  assert.match(head, /<link rel="alternate" type="application\/feed\+json" title="Feeds &amp; more" href="feed.json">/);
});

test('no feed gives away a post in progress or a private one', () => {
  for (const f of ['feed.xml', 'feed.json', 'feeds/tag-shared.xml', 'feeds/tag-shared.json']) {
    assert.doesNotMatch(read(f), /WIPBODYWORDS|Still writing|PRIVATE/, f);
  }
});

test('the live preview makes each feed and the sitemap as the last save left them, and no feed the blog does not have', async () => {
  // The preview makes feeds when they are asked for, not on every save.
  const content = join(dir, 'preview-content');
  cpSync(join(dir, 'content'), content, { recursive: true });
  const server = await serve(content);
  const get = async (f) => {
    const response = await fetch(server.url + f);
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };
  try {
    for (const f of ['feed.xml', 'feed.json', 'feeds/tag-shared.xml', 'feeds/tag-only-1.json']) {
      const served = await get(f);
      assert.equal(served.status, 200, f);
      assert.equal(served.text, read(f), `${f}: as the build writes it`);
    }
    assert.match((await get('feed.xml')).type, /^application\/atom\+xml/);
    assert.match((await get('feed.json')).type, /^application\/feed\+json/);
    assert.equal((await get('feeds/tag-nothing.xml')).status, 404);

    appendFileSync(join(content, 'post-0.md'), '\nA sentence saved during the preview.\n');
    let items = [];
    for (let i = 0; i < 100 && !items.some((item) => item.content_html.includes('saved during the preview')); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      items = extractFromJson(JSON.parse((await get('feeds/tag-only-0.json')).text), { normalization: false }).items;
    }
    assert.equal(items.length, 1);
    assert.match(items[0].content_html, /A sentence saved during the preview\./);
    const atom = extractFromXml((await get('feed.xml')).text, { normalization: false }).entry;
    assert.match(atom.find((e) => e.title === titles[0]).content, /A sentence saved during the preview\./);
    assert.doesNotMatch((await get('feeds/tag-shared.xml')).text, /WIPBODYWORDS|PRIVATE/);

    // A post written during the preview: in the feed and the sitemap at once; its tag's feed is new.
    assert.equal((await get('feeds/tag-born-later.xml')).status, 404);
    writeFileSync(join(content, 'post-3.md'), '---\ntitle: Born later\ndate: 2026-04-01\ntags: [born-later]\n---\nA post born during the preview.\n');
    let sitemap = '';
    for (let i = 0; i < 100 && !sitemap.includes('post/post-3/'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      sitemap = (await get('sitemap.xml')).text;
    }
    assert.match(sitemap, /<loc>https:\/\/example.org\/blog\/post\/post-3\/<\/loc>/);
    assert.equal(extractFromXml((await get('feed.xml')).text, { normalization: false }).entry[0].title, 'Born later');
    assert.equal(extractFromXml((await get('feeds/tag-born-later.xml')).text, { normalization: false }).entry.title, 'Born later');
    assert.match((await get('robots.txt')).text, /Sitemap: https:\/\/example.org\/blog\/sitemap.xml/);
  } finally {
    server.stop();
  }
});
