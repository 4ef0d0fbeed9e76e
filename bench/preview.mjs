// Save to page updated, side by side: buildlog's live preview (`buildlog
// serve` on a content folder) against `hugo server`, on the same generated
// posts. Each round appends a new sentence to one post while its page is
// open in headless Chromium and times, from the write, until the page shows
// it: what the author waits for after pressing save. Median and range.
//   node bench/preview.mjs [N] [ROUNDS]     (default 1000 posts, 9 rounds)
import { spawn, execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { writeContent } from './corpus.mjs';
import { hugoSite } from './build.mjs';

const repo = new URL('..', import.meta.url).pathname;
const work = join(repo, 'build/bench');
const cli = join(repo, 'build/native/cli/buildlog');
const n = Number(process.argv[2]) || 1000;
const rounds = Number(process.argv[3]) || 9;

// Starts a server and resolves to the address it prints.
function start(command, args, pattern) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${command} did not start: ${out}`)), 120000);
    const look = (chunk) => {
      out += chunk;
      const m = out.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], stop: () => child.kill('SIGTERM') });
      }
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.on('exit', (code) => reject(new Error(`${command} exited ${code}: ${out}`)));
  });
}

// Waits until the page's text holds `token`, across the reloads a preview does.
async function shown(page, token, deadline) {
  for (;;) {
    try {
      await page.waitForFunction((t) => document.body && document.body.innerText.includes(t), token, { polling: 'raf', timeout: Math.max(1, deadline - Date.now()) });
      return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;  // else: the page reloaded under us; look again
    }
  }
}

async function measure(name, server, address, file, browser) {
  const page = await browser.newPage();
  await page.goto(address);
  await page.waitForLoadState('load');
  await page.waitForTimeout(1000);
  const times = [];
  for (let r = 0; r < rounds; r++) {
    const token = `Saved-${name}-${r}-${Date.now()}`;
    const started = performance.now();
    appendFileSync(file, `\n\nA sentence saved while the page was open: ${token}.\n`);
    await shown(page, token, Date.now() + 30000);
    times.push(performance.now() - started);
    await page.waitForTimeout(700);  // let each tool settle before the next save
  }
  await page.close();
  server.stop();
  return times;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const corpus = writeContent(join(work, `content-${n}`), n);
// Each tool edits its own copy of the same posts.
const ours = join(work, `preview-content-${n}`);
rmSync(ours, { recursive: true, force: true });
cpSync(corpus, ours, { recursive: true });
const hugo = hugoSite(n, corpus);
const published = (dir) => readdirSync(dir).filter((f) => f.endsWith('.md')).find((f) => readFileSync(join(dir, f), 'utf8').includes('status: published'));
const mine = published(ours);
const theirs = published(join(hugo, 'content/posts'));
const slug = mine.replace(/\.md$/, '');

const results = [];
const buildlog = await start(cli, ['serve', ours, '--port', '0'], /(http:\/\/127\.0\.0\.1:\d+\/)/);
results.push(['buildlog serve', await measure('buildlog', buildlog, `${buildlog.url}post/${slug}/`, join(ours, mine), browser)]);
const hugoServer = await start('hugo', ['server', '-s', hugo, '--bind', '127.0.0.1', '--port', '1414', '--disableFastRender=false'], /Web Server is available at (http:\/\/[^\s]+\/)/);
results.push([`hugo server ${execFileSync('hugo', ['version'], { encoding: 'utf8' }).split(' ')[1]}`,
  await measure('hugo', hugoServer, `${hugoServer.url}posts/${theirs.replace(/\.md$/, '').toLowerCase()}/`, join(hugo, 'content/posts', theirs), browser)]);
await browser.close();
rmSync(join(hugo, 'content/posts', theirs), { force: true });  // hugoSite copies the posts again next time

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? cpus()[0].model;
console.log(`${n} posts, ${rounds} saves each, ${cpu} (${cpus().length} cores); save → the open page shows the new sentence, median (range)\n`);
console.log('| tool | save → page updated | ratio |\n|---|---:|---:|');
const base = median(results[0][1]);
for (const [name, times] of results)
  console.log(`| ${name} | ${median(times).toFixed(0)} ms (${Math.min(...times).toFixed(0)}-${Math.max(...times).toFixed(0)}) | ${(median(times) / base).toFixed(2)}× |`);
