// The author's full build, side by side with Hugo on the same generated
// posts: wall time and peak memory (GNU time's maximum resident set size) of
// a build from nothing into an empty output folder, median of several runs.
//   node bench/build.mjs [N ...]        (default: 100 1000 10000)
// Both write a whole site: buildlog its page for every view (each post
// with its rendered body, the listing's and each tag's pages, search), the
// bundle (posts.json and its parts), the engine's files, Atom and JSON feeds
// (also per tag), sitemap.xml, robots.txt and 404.html. Hugo, with a minimal
// theme: a page per post with its rendered body, paginated lists, a page per
// tag, and its RSS feeds and sitemap.
// Beside them, the floor this machine's file system sets: `cp -r` of each
// tool's output, the same files written with no work, and how many there are.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

// Runs a command under GNU time; returns seconds and peak memory in MB. Each
// run writes into a new folder, removed only after every run: deleting
// 10,000 files just before writing 10,000 more slows ext4 down by seconds.
const outputs = [];
function measure(command, args, out) {
  outputs.push(out);
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`${command} failed: ${run.stderr}`);
  const kb = Number(run.stderr.trim().split('\n').pop());
  return { seconds, mb: kb / 1024 };
}

const countFiles = (dir) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;

export function benchBuild(ns) {
  const hugoVersion = execFileSync('hugo', ['version'], { encoding: 'utf8' }).split(' ')[1];
  const rows = [];
  for (const n of ns) {
    const content = writeContent(join(work, `content-${n}`), n);
    const hugo = hugoSite(n, content);
    const runs = n >= 10000 ? 3 : 5;
    const ours = [], theirs = [], floor = [], hugoFloor = [];
    for (let r = 0; r < runs; r++) {  // interleaved, so both see the same machine
      const mine = join(work, `build-out-${n}-${r}`), hugos = join(work, `hugo-out-${n}-${r}`);
      ours.push(measure(cli, ['build', content, '-o', mine], mine));
      theirs.push(measure('hugo', ['--quiet', '-s', hugo, '-d', hugos], hugos));
      // The floor: writing the same files with no work at all, as `cp -r`
      // of each tool's output (its reads come from the page cache).
      floor.push(measure('cp', ['-r', mine, `${mine}-copy`], `${mine}-copy`));
      hugoFloor.push(measure('cp', ['-r', hugos, `${hugos}-copy`], `${hugos}-copy`));
    }
    const row = {
      n,
      buildlog: { seconds: median(ours.map((x) => x.seconds)), mb: median(ours.map((x) => x.mb)) },
      hugo: { seconds: median(theirs.map((x) => x.seconds)), mb: median(theirs.map((x) => x.mb)) },
      floor: median(floor.map((x) => x.seconds)),
      hugoFloor: median(hugoFloor.map((x) => x.seconds)),
      files: countFiles(join(work, `build-out-${n}-0`)),
      hugoFiles: countFiles(join(work, `hugo-out-${n}-0`)),
      runs,
    };
    for (const out of outputs.splice(0)) rmSync(out, { recursive: true, force: true });
    rows.push(row);
    console.error(`build ${n}: buildlog ${row.buildlog.seconds.toFixed(2)} s ${row.buildlog.mb.toFixed(0)} MB; hugo ${row.hugo.seconds.toFixed(2)} s ${row.hugo.mb.toFixed(0)} MB; ` +
      `cp -r of their output ${row.floor.toFixed(2)} s / ${row.hugoFloor.toFixed(2)} s`);
  }
  const table = [
    `| posts | buildlog build | Hugo ${hugoVersion} | Hugo ÷ buildlog (time) | buildlog peak memory | Hugo peak memory | files written: buildlog / Hugo | floor: \`cp -r\` of buildlog's site / of Hugo's |`,
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.n} | ${r.buildlog.seconds.toFixed(2)} s | ${r.hugo.seconds.toFixed(2)} s | ${(r.hugo.seconds / r.buildlog.seconds).toFixed(1)}× | ` +
      `${r.buildlog.mb.toFixed(0)} MB | ${r.hugo.mb.toFixed(0)} MB | ${r.files} / ${r.hugoFiles} | ${r.floor.toFixed(2)} s / ${r.hugoFloor.toFixed(2)} s |`),
  ].join('\n');
  return { rows, table };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { table } = benchBuild(sizes.length ? sizes : [100, 1000, 10000]);
  console.log(table);
}
