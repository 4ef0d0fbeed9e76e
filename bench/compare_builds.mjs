// Two builds of the author tool side by side on the same generated posts:
// wall time and peak memory (GNU time, synced first: build.mjs's measure) of
// a build from nothing into an empty folder, interleaved so both see the
// same machine, median and range of the runs. For a change that must not
// slow the build down: build the old tool somewhere else (a git worktree),
// then
//   node bench/compare_builds.mjs [--site] OLD_BUILDLOG NEW_BUILDLOG [N] [RUNS]   (default 10000 posts, 5 runs)
// The bundle alone by default; with --site, the whole site (pages, feeds and
// all), as `buildlog build` writes it and bench/build.mjs times it.
import { readFileSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { measure } from './build.mjs';
import { writeContent } from './corpus.mjs';

const args = process.argv.slice(2);
const site = args[0] === '--site';
const [oldCli, newCli, n = '10000', runs = '5'] = site ? args.slice(1) : args;
if (!oldCli || !newCli) {
  console.error('usage: node bench/compare_builds.mjs [--site] OLD_BUILDLOG NEW_BUILDLOG [N] [RUNS]');
  process.exit(2);
}
const work = join(new URL('..', import.meta.url).pathname, 'build/bench');
const content = writeContent(join(work, `content-${n}`), Number(n));

const build = (cli, out) => measure(cli, ['build', content, '-o', site ? out : join(out, 'posts.json')]);

const results = { old: [], new: [] };
const outputs = [];
for (let r = 0; r < Number(runs); r++) {
  for (const [name, cli] of r % 2 ? [['new', newCli], ['old', oldCli]] : [['old', oldCli], ['new', newCli]]) {
    // Each run into a new folder, all removed only at the end: deleting
    // thousands of files just before writing thousands more slows ext4 down.
    const out = join(work, `compare-${name}-${r}`);
    rmSync(out, { recursive: true, force: true });
    outputs.push(out);
    results[name].push(build(cli, out));
  }
}
for (const out of outputs) rmSync(out, { recursive: true, force: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const describe = (xs, unit, digits) => `${median(xs).toFixed(digits)} ${unit} (${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)})`;
const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? cpus()[0].model;
console.log(`${n} posts, ${site ? 'the whole site' : 'the bundle alone'}, ${runs} interleaved runs each, ${cpu} (${cpus().length} cores); median (range)`);
console.log('| build | wall time | peak memory |\n|---|---:|---:|');
for (const [name, cli] of [['old', oldCli], ['new', newCli]])
  console.log(`| ${name}: ${cli} | ${describe(results[name].map((x) => x.seconds), 's', 2)} | ${describe(results[name].map((x) => x.mb), 'MB', 0)} |`);
console.log(`new ÷ old wall time: ${(median(results.new.map((x) => x.seconds)) / median(results.old.map((x) => x.seconds))).toFixed(3)}`);
