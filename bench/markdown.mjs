// Markdown to HTML, side by side in one Node process on the same generated
// posts: buildlog's wasm engine (md4c with buildlog's renderer; the time
// includes copying the Markdown in and decoding the HTML out, as the page
// does) against marked and markdown-it, the libraries a blog would embed.
//   node bench/markdown.mjs [N]     (default 1000 posts)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { marked } from 'marked';
import MarkdownIt from 'markdown-it';
import { generate, siteAsset } from './corpus.mjs';

const repo = new URL('..', import.meta.url).pathname;
const site = process.env.BUILDLOG_SITE || join(repo, 'dist');
const n = Number(process.argv[2]) || 1000;
const bodies = generate(n).map((p) => p.body);
const encoded = bodies.map((b) => new TextEncoder().encode(b));
const megabytes = encoded.reduce((a, b) => a + b.length, 0) / 1e6;

const engine = await createRequire(import.meta.url)(siteAsset(site, 'engine.js'))({ wasmBinary: readFileSync(siteAsset(site, 'engine.wasm')) });
const buildlog = (i) => engine.markdown(encoded[i]);  // the binding the page uses (wasm/binding.js)
const md = new MarkdownIt({ linkify: true });  // GFM-like: tables and strikethrough are on by default
const contenders = [
  ['buildlog (wasm: md4c + buildlog renderer)', buildlog],
  ['marked 15 (GFM)', (i) => marked.parse(bodies[i], { gfm: true, async: false })],
  ['markdown-it 14 (linkify)', (i) => md.render(bodies[i])],
];

const rounds = 7;
const rows = contenders.map(([name, render]) => ({ name, render, speeds: [], cold: 0 }));
// Warm: whole uncounted rounds for at least two seconds first, so that every
// contender is timed on its optimized code: V8's top tier for the
// JavaScript, and for the wasm too, which starts on the baseline compiler
// and, in Node 20 on this machine, reaches the top tier only after about
// 0.3 s of rendering (40-100 MB/s until then, about 180 after). The first
// round, cold, is reported beside the median: what a reader's first renders
// run at.
const round = (render) => {
  const t = performance.now();
  for (let i = 0; i < bodies.length; i++) render(i);
  return megabytes / ((performance.now() - t) / 1000);
};
for (const row of rows) {
  row.cold = round(row.render);
  for (const start = performance.now(); performance.now() - start < 2000;) round(row.render);
}
// Timed rounds interleaved (one of each renderer in turn), so that a slow
// spell of this shared machine falls on every contender alike and the
// ratios hold: run one after the other, the same engine measured 120 or 180
// MB/s from one process to the next while marked held still.
for (let r = 0; r < rounds; r++) for (const row of rows) row.speeds.push(round(row.render));
for (const row of rows) row.median = [...row.speeds].sort((a, b) => a - b)[Math.floor(rounds / 2)];
const base = rows[0].median;
console.log(`Markdown to HTML: ${n} posts, ${megabytes.toFixed(1)} MB of Markdown, median of ${rounds} rounds`);
console.log('| renderer | MB/s (median) | buildlog ÷ this | first round, cold (MB/s) |');
console.log('|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.name} | ${r.median.toFixed(1)} | ${(base / r.median).toFixed(2)}× | ${r.cold.toFixed(1)} |`);
