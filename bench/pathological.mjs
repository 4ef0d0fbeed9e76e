// md4c's pathological inputs (its test/pathological_tests.py, and the shapes
// of issue 13) through the engine readers run, at growing sizes: rendering
// time must grow linearly. Each input at 1x and 8x its base size; each time
// the median of 3 runs; "8x÷1x" is the time ratio (linear: about 8;
// quadratic: about 64). marked and markdown-it, which a blog would otherwise
// embed, run the same inputs for comparison, each cell in a process of its
// own, stopped after 20 s.
//   node bench/pathological.mjs [BASE]     (default 2000 repetitions)
//   BENCH_CONTENDERS=buildlog node bench/pathological.mjs 16000   (the engine alone, larger)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cpus } from 'node:os';
import { spawnSync } from 'node:child_process';
import { marked } from 'marked';
import MarkdownIt from 'markdown-it';
import { siteAsset } from './corpus.mjs';

const repo = new URL('..', import.meta.url).pathname;
const site = process.env.BUILDLOG_SITE || join(repo, 'dist');
const one = process.argv[2] === '--one';  // a child: one contender, one input, one size
const base = Number(process.argv[2]) || 2000;
const engine = await createRequire(import.meta.url)(siteAsset(site, 'engine.js'))({ wasmBinary: readFileSync(siteAsset(site, 'engine.wasm')) });
const md = new MarkdownIt({ linkify: true });

const rep = (s, n) => s.repeat(n);
const inputs = {
  'nested strong emph': (n) => rep('*a **a ', n) + 'b' + rep(' a** a*', n),
  'emph openers, no closers': (n) => rep('_a ', n),
  'link openers, no closers': (n) => rep('[a', n),
  'mismatched openers and closers': (n) => rep('*a_ ', n),
  'link openers and emph closers': (n) => rep('[ a_', n),
  'nested brackets': (n) => '['.repeat(n) + 'a' + ']'.repeat(n),
  'nested block quotes': (n) => rep('> ', n) + 'a',
  'many links': (n) => rep('[t](/u) ', n),
  'many references': (n) => Array.from({ length: n }, (_, x) => `[${x + 1}]: u\n`).join('') + rep('[0] ', n),
  'unclosed links': (n) => rep('[a](<b', n),
  'a link on every line of a paragraph': (n) => rep('[a]\n', n),
  ']([ on every line (md4c #236)': (n) => rep(']([\n', n),
  'unclosed link on every line': (n) => rep('[a](b\n', n),
  'footnote references': (n) => rep('x[^1] ', n) + '\n\n[^1]: note\n',
};

function median(times) {
  const s = [...times].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(render, text) {
  const runs = [];
  for (let r = 0; r < 3; ++r) {
    const t0 = performance.now();
    render(text);
    runs.push(performance.now() - t0);
  }
  return median(runs);
}

const contenders = [
  ['buildlog (wasm)', (text) => engine.markdown(new TextEncoder().encode(text))],
  ['marked', (text) => marked.parse(text, { gfm: true, async: false })],
  ['markdown-it', (text) => md.render(text)],
];

// BENCH_CONTENDERS=buildlog (a comma-separated list of names' first words) runs only those.
const only = (process.env.BENCH_CONTENDERS || '').split(',').filter(Boolean);
if (only.length) contenders.splice(0, contenders.length, ...contenders.filter(([name]) => only.includes(name.split(' ')[0])));

if (one) {
  const [, , , contender, input, size] = process.argv;
  const render = Object.fromEntries(contenders)[contender];
  try {
    console.log(time(render, inputs[input](Number(size))).toFixed(2));
  } catch (e) {
    console.log(`fails (${String(e.message || e).split('\n')[0].slice(0, 30)})`);
  }
  process.exit(0);
}

// One cell in a child process: a quadratic library must not stop the table.
function cell(contender, input, size) {
  const child = spawnSync(process.execPath, [new URL(import.meta.url).pathname, '--one', contender, input, String(size)],
    { encoding: 'utf8', timeout: 20000, env: { ...process.env, BUILDLOG_SITE: site } });
  if (child.error || child.status !== 0) return { text: '> 20 s' };
  const out = child.stdout.trim();
  return Number.isNaN(Number(out)) ? { text: out } : { ms: Number(out) };
}

console.log(`CPU: ${cpus()[0].model} (${cpus().length} cores); base ${base} repetitions; median of 3 runs per cell, ms`);
console.log(`| input | bytes at 8x | ${contenders.map(([name]) => `${name}: 1x / 8x (8x÷1x)`).join(' | ')} |`);
console.log(`|---|---:|${contenders.map(() => '---:').join('|')}|`);
for (const [name, make] of Object.entries(inputs)) {
  const cells = contenders.map(([contender]) => {
    const [a, b] = [cell(contender, name, base), cell(contender, name, base * 8)];
    if (a.text || b.text) return `${a.text || a.ms.toFixed(1)} / ${b.text || b.ms.toFixed(1)}`;
    return `${a.ms.toFixed(1)} / ${b.ms.toFixed(1)} (${(b.ms / Math.max(a.ms, 0.05)).toFixed(1)})`;
  });
  console.log(`| ${name} | ${make(base * 8).length} | ${cells.join(' | ')} |`);
}
