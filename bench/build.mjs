// The author's full build, side by side with Hugo on the same generated
// posts: wall time, CPU time and peak memory (GNU time) of a build from
// nothing into an empty output folder, median of several runs.
//   node bench/build.mjs [N ...]        (default: 100 1000 10000)
// Both write a whole site: buildlog its page for every view (each post
// with its rendered body, the listing's and each tag's pages, search), the
// bundle (posts.json and its parts), the engine's files, Atom and JSON feeds
// (also per tag), sitemap.xml, robots.txt and 404.html. Hugo, with a minimal
// theme: a page per post with its rendered body, paginated lists, a page per
// tag, and its RSS feeds and sitemap.
// Beside them, two floors for buildlog's build on this machine: `cp -r` of
// each tool's output (the same files written with no work), and `buildlog
// check` (every post read, parsed, rendered and highlighted as a build
// does, nothing written). Their CPU seconds together, shared by the cores,
// estimate the least time a build of the same site could take here.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { writeContent } from './corpus.mjs';

const repo = new URL('..', import.meta.url).pathname;
const work = join(repo, 'build/bench');
const cli = join(repo, 'build/native/cli/buildlog');
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const theme = {
  'hugo.toml': 'baseURL = "https://example.org/"\ntitle = "Benchmark blog"\npaginate = 20\n',
  'layouts/_default/baseof.html':
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>\n',
  'layouts/_default/single.html':
    '{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Date.Format "January 2006" }} · {{ .ReadingTime }} min read</p>' +
    '<ul>{{ range .Params.tags }}<li><a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul>{{ .Content }}</article>{{ end }}\n',
  'layouts/_default/list.html':
    '{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>' +
    '<p>{{ .Date.Format "January 2006" }}</p><p>{{ .Params.summary }}</p></article>{{ end }}{{ end }}\n',
};

// A Hugo site over the same Markdown files (Hugo reads their YAML front matter).
export function hugoSite(n, content) {
  const dir = join(work, `hugo-${n}`);
  for (const [file, text] of Object.entries(theme)) {  // always, so a changed theme applies
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  if (!existsSync(join(dir, 'content/posts'))) {
    mkdirSync(join(dir, 'content/posts'), { recursive: true });
    for (const f of readdirSync(content)) if (f.endsWith('.md')) cpSync(join(content, f), join(dir, 'content/posts', f));
  }
  return dir;
}

// Runs a command under GNU time; returns wall seconds, CPU seconds (user
// and system) and peak memory in MB. The file system is synced first, so
// that no command waits for the one before it to reach the disk: a
// buildlog build ends with syncfs(), which would write whatever was written
// before it too, another tool's site or a copy (the build syncs before
// posts.json names the new parts). bench/compare_builds.mjs times with it too.
export function measure(command, args) {
  execFileSync('sync');
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%M %U %S', command, ...args], { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`${command} failed: ${run.stderr}`);
  const [kb, user, system] = run.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { seconds, cpu: user + system, mb: kb / 1024 };
}

const countFiles = (dir) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;

// Every output stays until the whole benchmark is done. Deleting a site
// just before writing the next one slows the writing down: this machine's
// ext4 passes over inodes freed in the last minutes when it makes a file
// (`recently_deleted` in a profile). A 10,000-post build right after
// `rm -rf` of the last one took 9.9-10.1 s, against 6.2-7.3 s without.
// The two tools also take turns going first, for the same reason.
export function benchBuild(ns) {
  const hugoVersion = execFileSync('hugo', ['version'], { encoding: 'utf8' }).split(' ')[1];
  const cores = availableParallelism();
  const rows = [], outputs = [];
  try {
    for (const n of ns) {
      const content = writeContent(join(work, `content-${n}`), n);
      const hugo = hugoSite(n, content);
      const runs = n >= 10000 ? 3 : 5;
      const ours = [], theirs = [], reading = [], floor = [], hugoFloor = [];
      const stamp = Date.now();
      for (let r = 0; r < runs; r++) {
        const mine = join(work, `build-out-${n}-${stamp}-${r}`), hugos = join(work, `hugo-out-${n}-${stamp}-${r}`);
        outputs.push(mine, hugos, `${mine}-copy`, `${hugos}-copy`);
        const buildlog = () => ours.push(measure(cli, ['build', content, '-o', mine]));
        const hugoBuild = () => theirs.push(measure('hugo', ['--quiet', '-s', hugo, '-d', hugos]));
        for (const build of r % 2 === 0 ? [buildlog, hugoBuild] : [hugoBuild, buildlog]) build();
        reading.push(measure(cli, ['check', content]));
        // `cp -r` of each tool's output: its reads come from the page cache.
        floor.push(measure('cp', ['-r', mine, `${mine}-copy`]));
        hugoFloor.push(measure('cp', ['-r', hugos, `${hugos}-copy`]));
      }
      const med = (xs, key) => median(xs.map((x) => x[key]));
      const row = {
        n,
        buildlog: { seconds: med(ours, 'seconds'), cpu: med(ours, 'cpu'), mb: med(ours, 'mb') },
        hugo: { seconds: med(theirs, 'seconds'), cpu: med(theirs, 'cpu'), mb: med(theirs, 'mb') },
        reading: med(reading, 'seconds'),
        floor: med(floor, 'seconds'),
        hugoFloor: med(hugoFloor, 'seconds'),
        // About the least wall time a build of this site could take here:
        // the CPU of reading every post and of writing every file, on every
        // core. A build does both, and more (the index, the parts, the views).
        least: median(reading.map((x, i) => (x.cpu + floor[i].cpu) / cores)),
        files: countFiles(join(work, `build-out-${n}-${stamp}-0`)),
        hugoFiles: countFiles(join(work, `hugo-out-${n}-${stamp}-0`)),
        runs,
      };
      rows.push(row);
      console.error(`build ${n}: buildlog ${row.buildlog.seconds.toFixed(2)} s (${row.buildlog.cpu.toFixed(2)} CPU-s) ${row.buildlog.mb.toFixed(0)} MB; ` +
        `hugo ${row.hugo.seconds.toFixed(2)} s (${row.hugo.cpu.toFixed(2)} CPU-s) ${row.hugo.mb.toFixed(0)} MB; ` +
        `check ${row.reading.toFixed(2)} s; cp -r of their output ${row.floor.toFixed(2)} s / ${row.hugoFloor.toFixed(2)} s; least ${row.least.toFixed(2)} s`);
    }
  } finally {
    for (const out of outputs) rmSync(out, { recursive: true, force: true });
  }
  const table = [
    `| posts | buildlog build | Hugo ${hugoVersion} | Hugo ÷ buildlog (time) | CPU seconds: buildlog / Hugo | buildlog peak memory | Hugo peak memory | files written: buildlog / Hugo | floor: \`cp -r\` of buildlog's site / of Hugo's | floor: \`buildlog check\` (reading only) | least time for buildlog's site, estimated (CPU of check and cp -r ÷ ${cores} cores) |`,
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.n} | ${r.buildlog.seconds.toFixed(2)} s | ${r.hugo.seconds.toFixed(2)} s | ${(r.hugo.seconds / r.buildlog.seconds).toFixed(1)}× | ` +
      `${r.buildlog.cpu.toFixed(2)} / ${r.hugo.cpu.toFixed(2)} | ${r.buildlog.mb.toFixed(0)} MB | ${r.hugo.mb.toFixed(0)} MB | ${r.files} / ${r.hugoFiles} | ` +
      `${r.floor.toFixed(2)} s / ${r.hugoFloor.toFixed(2)} s | ${r.reading.toFixed(2)} s | ${r.least.toFixed(2)} s |`),
  ].join('\n');
  return { rows, table };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { table } = benchBuild(sizes.length ? sizes : [100, 1000, 10000]);
  console.log(table);
}
