// posts.json as the blog grows: the same blog at N posts, from its newest N
// posts up to all of them, built bundle-only, and the entry's bytes by field.
// The smaller blogs are the largest one's newest posts (hard links into its
// folder), with the posts whose cards the largest one's entry carries in
// place of as many of the oldest of them, so the listing's first page and
// the cards of posts to come are the same posts at every size, as when one
// blog grows: what changes with the number of posts is the entry's format,
// not which titles came first or how many posts are in progress. (The newest
// 1,000 of 50,000 generated posts hold 19 in progress, one card short of a
// page.)
//   node bench/entry.mjs [N ...]        (default: 1000 10000 50000)
import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeContent } from './corpus.mjs';

const repo = new URL('..', import.meta.url).pathname;
const work = join(repo, 'build/bench');
const cli = join(repo, 'build/native/cli/buildlog');
const asked = process.argv.slice(2).map(Number).filter(Boolean);
const sizes = (asked.length ? asked : [1000, 10000, 50000]).sort((a, b) => a - b);
const largest = sizes.at(-1);
const content = writeContent(join(work, `content-${largest}`), largest);

// Each post's date, from its front matter, newest first (the slug breaks ties, as it does for any order).
const posts = readdirSync(content).filter((f) => f.endsWith('.md'))
  .map((file) => ({ file, date: /^date: (\S+)$/m.exec(readFileSync(join(content, file), 'utf8').slice(0, 600))[1] }))
  .sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.file < b.file ? -1 : 1));

// Builds `folder` bundle-only; the entry's text and the build's seconds.
function buildEntry(folder, n) {
  const out = join(work, `entry-site-${n}-${Date.now()}`);
  const t = performance.now();
  execFileSync(cli, ['build', folder, '-o', join(out, 'posts.json')], { stdio: 'ignore' });
  const seconds = (performance.now() - t) / 1000;
  const text = readFileSync(join(out, 'posts.json'), 'utf8');
  rmSync(out, { recursive: true, force: true });
  return { text, seconds };
}

// The files of the posts whose cards the largest blog's entry carries (a
// generated post's slug is its file's name).
const largestEntry = JSON.parse(buildEntry(content, largest).text);
const cardFiles = new Set(largestEntry.upcoming.first.map((card) => `${card.slug}.md`));
for (const file of cardFiles) if (!existsSync(join(content, file))) throw new Error(`no file ${file} for the card of ${file.slice(0, -3)}`);

const rows = [];
for (const n of sizes) {
  let folder = content;
  if (n < largest) {
    folder = join(work, `entry-content-${n}-of-${largest}`);
    const newest = posts.map((p) => p.file).filter((file) => !cardFiles.has(file)).slice(0, n - cardFiles.size);
    const wanted = [...newest, ...cardFiles, 'site.yaml'].sort();
    const have = existsSync(folder) ? readdirSync(folder).sort() : [];
    if (have.join('\n') !== wanted.join('\n')) {
      rmSync(folder, { recursive: true, force: true });
      mkdirSync(folder, { recursive: true });
      for (const file of wanted.filter((f) => f !== 'site.yaml')) linkSync(join(content, file), join(folder, file));
      writeFileSync(join(folder, 'site.yaml'), readFileSync(join(content, 'site.yaml')));
    }
  }
  const { text, seconds } = buildEntry(folder, n);
  const entry = JSON.parse(text);
  const fields = Object.fromEntries(Object.entries(entry).map(([k, v]) => [k, JSON.stringify(v).length]));
  const cards = `${entry.posts.first.length} / ${entry.upcoming.first.length}`;
  rows.push({ n, bytes: Buffer.byteLength(text), fields, cards, seconds });
}

const base = rows[0];
const keys = Object.keys(base.fields);
console.log(`posts.json of one blog (${largest.toLocaleString('en')} generated posts) at each size, built bundle-only; bytes by field, compact JSON`);
console.log(`| posts | posts.json | vs ${base.n.toLocaleString('en')} | ${keys.join(' | ')} | cards in it: published / upcoming | build |`);
console.log(`|---:|---:|---:|${keys.map(() => '---:').join('|')}|---:|---:|`);
for (const r of rows) {
  const delta = r.bytes - base.bytes;
  console.log(`| ${r.n.toLocaleString('en')} | ${r.bytes.toLocaleString('en')} B | ${delta >= 0 ? '+' : ''}${delta} B | ${keys.map((k) => r.fields[k] ?? '-').join(' | ')} | ${r.cards} | ${r.seconds.toFixed(2)} s |`);
}
