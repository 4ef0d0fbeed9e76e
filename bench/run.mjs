// Every benchmark in one run, on the same generated corpora, writing one
// table file: build/bench/results.md (bench/README.md says how to read it).
//   ./scripts/site.sh dist && node bench/run.mjs
// About 15 minutes on a 2-core machine, most of it MiniSearch and Lunr
// indexing 10,000 posts and Hugo building them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const bench = new URL('.', import.meta.url).pathname;
const out = join(bench, '../build/bench');
const node = (args) => execFileSync(process.execPath, args, { cwd: bench, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });

const machine = `${cpus().length} × ${cpus()[0].model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, ` +
  `Chromium ${execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim().split(' ').at(-1)}`;
const sections = [
  ["Author build: buildlog against Hugo (wall time, CPU seconds, peak memory, and the floors of buildlog's site; median of 5 runs, 3 at 10,000)", () => node(['build.mjs', '100', '1000', '10000'])],
  ['Markdown to HTML in one Node process (MB/s, median of 7 rounds over 1,000 posts)', () => node(['markdown.mjs', '1000'])],
  ["The reader's page in headless Chromium (median of 15 cold loads)", () => node(['page.mjs', '100', '1000', '10000'])],
  ['Search: buildlog (wasm) against MiniSearch, Lunr and Pagefind', () => node(['--expose-gc', 'search.mjs', '1000', '10000'])],
  ['Highlighted code: bytes per reader and work per post, buildlog against highlight.js in the page (1,000 posts)', () => node(['highlight.mjs', '1000'])],
  ['posts.json as one blog grows: its newest 1,000 and 10,000 posts and all 50,000, built bundle-only', () => node(['entry.mjs', '1000', '10000', '50000'])],
  ["The author's live preview: save to page updated, buildlog serve against hugo server (1,000 posts, 9 saves)", () => node(['preview.mjs', '1000', '9'])],
];

// The native builds the benchmarks run (site.sh builds the page and the author tool).
execFileSync('cmake', ['--build', '--preset', 'native', '--target', 'buildlog', 'buildlog_bench_search'], { cwd: join(bench, '..'), stdio: 'inherit' });

let report = `# Benchmark results\n\nMachine: ${machine}. Command: \`node bench/run.mjs\`, ${new Date().toISOString().slice(0, 10)}.\n`;
for (const [title, run] of sections) {
  console.error(`== ${title}`);
  report += `\n## ${title}\n\n${run().trim()}\n`;
}
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'results.md'), report);
console.log(report);
console.error(`wrote ${join(out, 'results.md')}`);
