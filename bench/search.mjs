// Search, side by side in one Node process on the same generated corpus and
// query set: buildlog's wasm engine (the build the page ships), MiniSearch
// and Lunr. Measures time until the first query can run, median and 95th
// percentile query latency, memory, and gzipped bytes a reader downloads.
//   node bench/search.mjs [N ...]        (default: 1000 10000)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import MiniSearch from 'minisearch';
import lunr from 'lunr';
import { generate, writeContent, queries } from './corpus.mjs';

const repo = new URL('..', import.meta.url).pathname;
const site = process.env.BUILDLOG_SITE || join(repo, 'dist');
const work = join(repo, 'build/bench');
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const require = createRequire(import.meta.url);

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
const ms = (n) => (n < 1 ? `${(n * 1000).toFixed(0)} µs` : `${n.toFixed(1)} ms`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];

function timeQueries(run, qs) {
  for (const q of qs.slice(0, 20)) run(q);  // warm up
  const times = [];
  let hits = 0;
  for (const q of qs) {
    const t = performance.now();
    hits += run(q);
    times.push(performance.now() - t);
  }
  return { median: median(times), p95: p95(times), hits };
}

async function benchBuildlog(bundle, qs) {
  const create = require(join(site, 'engine.js'));
  const wasm = readFileSync(join(site, 'engine.wasm'));
  const t0 = performance.now();
  const engine = await create({ wasmBinary: wasm });
  const enc = new TextEncoder();
  const call = (fn, bytes) => {
    const p = engine._bl_alloc(bytes.length);
    engine.HEAPU8.set(bytes, p);
    const r = fn(p, bytes.length);
    engine._bl_free(p);
    return r;
  };
  if (call(engine._bl_load, bundle) !== 0) throw new Error('the engine refused the bundle');
  const ready = performance.now() - t0;
  // What the page does per keystroke: route, search, render the results view.
  const run = (q) => {
    call(engine._bl_render, enc.encode(`#/search?q=${encodeURIComponent(q)}`));
    return engine._bl_html_size() > 0 ? 1 : 0;
  };
  const latency = timeQueries(run, qs);
  const shipped = gz(wasm) + gz(readFileSync(join(site, 'engine.js'))) + gz(readFileSync(join(site, 'shim.js'))) + gz(bundle);
  return { name: 'buildlog (wasm)', ready, ...latency, memory: engine.HEAPU8.length, shipped };
}

function benchMiniSearch(bundle, qs) {
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const docs = JSON.parse(new TextDecoder().decode(bundle)).posts.map((p, id) => ({ id, ...p, tags: p.tags.join(' '), body: p.body || '' }));
  const ms = new MiniSearch({ fields: ['title', 'tags', 'summary', 'body'], storeFields: ['title'] });
  ms.addAll(docs);
  const ready = performance.now() - t0;
  const options = { prefix: true, fuzzy: 0.2, boost: { title: 6, tags: 4, summary: 2 }, combineWith: 'AND' };
  const latency = timeQueries((q) => (ms.search(q, options).length >= 0 ? 1 : 0), qs);
  globalThis.gc?.();
  const memory = process.memoryUsage().heapUsed - heap0;
  const lib = readFileSync(join(repo, 'bench/node_modules/minisearch/dist/umd/index.js'));
  const index = Buffer.from(JSON.stringify(ms));
  return { name: 'MiniSearch 7.2 (index built in the page)', ready, ...latency, memory, shipped: gz(lib) + gz(bundle),
    note: `library not minified; its serialized index would be ${kb(gz(index))} gz` };
}

function benchLunr(bundle, qs) {
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const docs = JSON.parse(new TextDecoder().decode(bundle)).posts;
  const idx = lunr(function build() {
    this.ref('slug');
    this.field('title', { boost: 6 });
    this.field('tags', { boost: 4 });
    this.field('summary', { boost: 2 });
    this.field('body');
    for (const p of docs) this.add({ ...p, tags: p.tags.join(' '), body: p.body || '' });
  });
  const ready = performance.now() - t0;
  const clean = (q) => q.split(/\s+/).filter(Boolean).map((w, i, all) => `+${w}${i === all.length - 1 ? '*' : '~1'}`).join(' ');
  const latency = timeQueries((q) => { try { return idx.search(clean(q)).length >= 0 ? 1 : 0; } catch { return 0; } }, qs);
  globalThis.gc?.();
  const memory = process.memoryUsage().heapUsed - heap0;
  const lib = readFileSync(join(repo, 'bench/node_modules/lunr/lunr.min.js'));
  return { name: 'Lunr 2.3 (index built in the page)', ready, ...latency, memory, shipped: gz(lib) + gz(bundle) };
}

const rows = [];
for (const n of sizes.length ? sizes : [1000, 10000]) {
  const content = writeContent(join(work, `content-${n}`), n);
  const bundlePath = join(work, `posts-${n}.json`);
  execFileSync(join(repo, 'build/native/cli/buildlog'), ['build', content, '-o', bundlePath], { stdio: 'ignore' });
  const bundle = readFileSync(bundlePath);
  const qs = queries(generate(Math.min(n, 2000)), 200);
  // One engine at a time, each measured with the previous one's memory released.
  for (const bench of [() => benchBuildlog(bundle, qs), () => benchMiniSearch(bundle, qs), () => benchLunr(bundle, qs)]) {
    globalThis.gc?.();
    const result = await bench();
    rows.push({ n, ...result });
    console.error(`${n} ${result.name}: ready ${ms(result.ready)}, median ${ms(result.median)}, p95 ${ms(result.p95)}`);
  }
}

const table = [
  '| posts | engine | ready for the first query | median query | p95 query | memory | gzipped bytes before the first result |',
  '|---:|---|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.n} | ${r.name} | ${ms(r.ready)} | ${ms(r.median)} | ${ms(r.p95)} | ${r.memory > 0 ? `${(r.memory / 1048576).toFixed(0)} MB` : "n/a"} | ${kb(r.shipped)}${r.note ? ` (${r.note})` : ''} |`),
].join('\n');
console.log(table);
mkdirSync(work, { recursive: true });
writeFileSync(join(work, 'search-results.md'), `${table}\n`);
