// Highlighted code: what buildlog's way (the author tool tokenizes with
// KSyntaxHighlighting, the post's part carries the runs, the engine wraps
// them) costs each reader, against the usual way, a JavaScript highlighter
// in the page (highlight.js with the same languages), on the generated
// corpus (bench/corpus.mjs: a ```sh block in about a quarter of sections).
//   node bench/highlight.mjs [N]        (default 1000; needs a built buildlog and engine)
// Prints a Markdown table: bytes a reader downloads for highlighting, and
// the time spent highlighting each post (at the author's build for
// buildlog, in the reader's browser for highlight.js: here in Node).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeContent } from './corpus.mjs';

const require = createRequire(import.meta.url);
const repo = new URL('..', import.meta.url).pathname;
const cli = join(repo, 'build/native/cli/buildlog');
const n = Number(process.argv[2] ?? 1000);
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The languages issue 14 names, as highlight.js calls them.
const languages = ['bash', 'c', 'cpp', 'go', 'rust', 'python', 'javascript', 'typescript', 'java', 'json', 'yaml', 'ini', 'sql', 'dockerfile', 'diff', 'xml', 'css', 'markdown'];

// highlight.js as a page would ship it: core and those languages, minified
// by the same terser run as buildlog's loader and shim (cmake/minify_js.mjs).
const minified = mkdtempSync(join(tmpdir(), 'buildlog-hljs-'));
const minify = (file, i) => {
  const out = join(minified, `${i}.js`);
  execFileSync('node', [join(repo, 'cmake/minify_js.mjs'), file, out], { env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } });
  return readFileSync(out);
};
const hljsFiles = [require.resolve('highlight.js/lib/core'), ...languages.map((l) => require.resolve(`highlight.js/lib/languages/${l}`))];
const hljsBytes = gz(Buffer.concat(hljsFiles.map(minify)));

// buildlog: the runs in every post part of a build, gzipped with the part and without.
const content = writeContent(join(repo, `build/bench/content-${n}`), n);
const site = mkdtempSync(join(tmpdir(), 'buildlog-highlight-bench-'));
execFileSync(cli, ['build', content, '-o', site], { stdio: 'pipe' });
let parts = 0, withRuns = 0, withoutRuns = 0;
const walk = (dir) => {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\/p-[0-9a-f]{16}\.json$/.test(p)) {
      const text = readFileSync(p);
      const part = JSON.parse(text);
      parts++;
      withRuns += gz(text);
      delete part.post.highlight;
      withoutRuns += gz(Buffer.from(JSON.stringify(part)));
    }
  }
};
walk(join(site, 'posts'));
rmSync(site, { recursive: true, force: true });
rmSync(minified, { recursive: true, force: true });

// highlight.js's work per post in the reader's page: every fenced block of each post, 7 rounds.
const hljs = require('highlight.js/lib/core');
for (const l of languages) hljs.registerLanguage(l, require(`highlight.js/lib/languages/${l}`));
const posts = readdirSync(content).filter((f) => f.endsWith('.md')).map((f) => readFileSync(join(content, f), 'utf8'));
const blocks = posts.map((text) => [...text.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => [m[1] === 'sh' ? 'bash' : m[1], m[2]]));
const rounds = [];
for (let r = 0; r < 7; r++) {
  const started = process.hrtime.bigint();
  for (const post of blocks) for (const [lang, code] of post) hljs.highlight(code, { language: lang });
  rounds.push(Number(process.hrtime.bigint() - started) / 1e6 / posts.length);
}

const perPost = (withRuns - withoutRuns) / parts;
console.log(`| ${n} posts | bytes per reader for highlighting | highlighting work per post |
|---|---|---|
| buildlog (runs in the post's part; the engine's code is in its budget: 868 B gzip) | ${Math.round(perPost)} B gzip per post read (${(100 * (withRuns / withoutRuns - 1)).toFixed(1)}% of its part) | at the author's build (see the build benchmark) |
| highlight.js 11 in the page (core + ${languages.length} languages, minified) | ${hljsBytes.toLocaleString('en')} B gzip, once | ${median(rounds).toFixed(3)} ms in the reader's page (median of 7 rounds, Node ${process.version}) |`);
