// Two or more builds of the reader's engine on the same search keystrokes,
// in one process: for changes whose effect is smaller than the noise
// between separate runs of search.mjs (this machine moves 10% between runs).
//   node --expose-gc bench/compare_engines.mjs SITE_A SITE_B [...] [--posts N] [--rounds R]
// Each SITE is a built site (its assets/engine.*.wasm and .js), for example
// a copy of dist/ made before a change. Every engine answers the same 200
// queries over the same parts (build/bench/site-N, which search.mjs
// builds), as search.mjs times buildlog: a throwaway engine first, so V8
// has optimized each build's code, then per round a fresh engine per build,
// in alternating order, 20 queries to warm its caches and the 200 timed.
// Prints each build's median query time per round and the median of those.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generate, queries, siteAsset, writeContent } from './corpus.mjs';

const repo = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
process.setMaxListeners(0);  // every engine instance adds its own process listeners

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(args[at + 1]);
  args.splice(at, 2);
  return value;
};
const n = option('--posts', 1000);
const rounds = option('--rounds', 6);
const sites = args;
if (sites.length < 2) {
  console.error('usage: node --expose-gc bench/compare_engines.mjs SITE_A SITE_B [...] [--posts N] [--rounds R]');
  process.exit(2);
}

const root = join(repo, `build/bench/site-${n}`);
if (!existsSync(join(root, 'posts.json'))) {
  const content = writeContent(join(repo, `build/bench/content-${n}`), n);
  execFileSync(join(repo, 'build/native/cli/buildlog'), ['build', content, '-o', join(root, 'posts.json')], { stdio: 'ignore' });
}
const parts = new Map();
for (const folder of readdirSync(join(root, 'posts')))
  for (const file of readdirSync(join(root, 'posts', folder))) parts.set(`posts/${folder}/${file}`, readFileSync(join(root, 'posts', folder, file)));
const entry = readFileSync(join(root, 'posts.json'));
const builds = sites.map((site) => ({ site, factory: require(resolve(siteAsset(site, 'engine.js'))), wasm: readFileSync(siteAsset(site, 'engine.wasm')) }));

async function start(build) {
  const engine = await build.factory({ wasmBinary: build.wasm });
  if (engine.load(entry) !== 0) throw new Error(`${build.site}: the engine refused posts.json`);
  return engine;
}
const qs = queries(generate(Math.min(n, 2000)), 200);
const address = (q) => `search/?q=${encodeURIComponent(q)}`;
function keystroke(engine, q) {
  for (;;) {
    const page = engine.render(address(q));
    if (page.status !== 'needs') return;
    for (const name of page.needs) engine.provide(name, parts.get(name));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const build of builds) {
  const throwaway = await start(build);
  for (const q of qs) keystroke(throwaway, q);
}
const medians = builds.map(() => []);
for (let r = 0; r < rounds; r++) {
  const order = r % 2 ? [...builds.keys()].reverse() : [...builds.keys()];
  for (const i of order) {
    globalThis.gc?.();
    const engine = await start(builds[i]);
    for (const q of qs.slice(0, 20)) keystroke(engine, q);
    const times = [];
    for (const q of qs) {
      const t = performance.now();
      keystroke(engine, q);
      times.push(performance.now() - t);
    }
    medians[i].push(median(times));
  }
}
const ms = (x) => `${x.toFixed(3)} ms`;
console.log(`| engine | median query, median of ${rounds} rounds | each round's median |`);
console.log('|---|---:|---|');
builds.forEach((b, i) => console.log(`| ${b.site} | ${ms(median(medians[i]))} | ${medians[i].map(ms).join(', ')} |`));
