// Two or more builds of the reader's engine on the same work, in one
// process: for changes whose effect is smaller than the noise between
// separate runs of search.mjs or markdown.mjs (this machine moves 10%
// between runs).
//   node --expose-gc bench/compare_engines.mjs SITE_A SITE_B [...] [--posts N] [--rounds R] [--markdown]
// Each SITE is a built site (its assets/engine.*.wasm and .js), for example
// a copy of dist/ made before a change.
// Search (the default): every engine answers the same 200 queries over the
// same parts (build/bench/site-N, which search.mjs builds), as search.mjs
// times buildlog: a throwaway engine first, so V8 has optimized each
// build's code, then per round a fresh engine per build, in alternating
// order, 20 queries to warm its caches and the 200 timed. Prints each
// build's median query time per round and the median of those.
// --markdown: every engine renders the bodies of N generated posts (as
// markdown.mjs does) for 2.5 s to warm up, then once per round, in
// alternating order; prints each build's MB/s per round and their median.
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
const flag = (name) => {
  const at = args.indexOf(name);
  if (at >= 0) args.splice(at, 1);
  return at >= 0;
};
const option = (name, fallback) => {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(args[at + 1]);
  args.splice(at, 2);
  return value;
};
const markdown = flag('--markdown');
const n = option('--posts', 1000);
const rounds = option('--rounds', markdown ? 15 : 6);
const sites = args;
if (sites.length < 2) {
  console.error('usage: node --expose-gc bench/compare_engines.mjs SITE_A SITE_B [...] [--posts N] [--rounds R] [--markdown]');
  process.exit(2);
}
const builds = sites.map((site) => ({ site, factory: require(resolve(siteAsset(site, 'engine.js'))), wasm: readFileSync(siteAsset(site, 'engine.wasm')) }));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Each round's figure per build, the builds' order alternating between rounds.
async function interleaved(measure) {
  const figures = builds.map(() => []);
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? [...builds.keys()].reverse() : [...builds.keys()];
    for (const i of order) figures[i].push(await measure(builds[i]));
  }
  return figures;
}
function table(what, figures, format) {
  console.log(`| engine | ${what}, median of ${rounds} rounds | each round's |`);
  console.log('|---|---:|---|');
  builds.forEach((b, i) => console.log(`| ${b.site} | ${format(median(figures[i]))} | ${figures[i].map(format).join(', ')} |`));
}

if (markdown) {
  const bodies = generate(n).map((post) => new TextEncoder().encode(post.body));
  const megabytes = bodies.reduce((sum, body) => sum + body.length, 0) / 1e6;
  const engines = new Map();
  for (const build of builds) engines.set(build, await build.factory({ wasmBinary: build.wasm }));
  const pass = (engine) => {
    const t = performance.now();
    for (const body of bodies) engine.markdown(body);
    return megabytes / ((performance.now() - t) / 1000);
  };
  for (const engine of engines.values()) for (const t = performance.now(); performance.now() - t < 2500;) pass(engine);
  table(`Markdown to HTML (${megabytes.toFixed(1)} MB)`, await interleaved((build) => pass(engines.get(build))), (x) => `${x.toFixed(1)} MB/s`);
  process.exit(0);
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
for (const build of builds) {
  const throwaway = await start(build);
  for (const q of qs) keystroke(throwaway, q);
}
const medians = await interleaved(async (build) => {
  globalThis.gc?.();
  const engine = await start(build);
  for (const q of qs.slice(0, 20)) keystroke(engine, q);
  const times = [];
  for (const q of qs) {
    const t = performance.now();
    keystroke(engine, q);
    times.push(performance.now() - t);
  }
  return median(times);
});
table('median query', medians, (x) => `${x.toFixed(3)} ms`);
