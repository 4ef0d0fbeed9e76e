// Shared setup for the browser tests: serve a site folder with `buildlog serve`
// (which sends the page's Content-Security-Policy) and drive Debian's
// Chromium with playwright-core. Never a downloaded browser.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const repo = new URL('../../', import.meta.url).pathname;
export const cli = join(repo, 'build/native/cli/buildlog');

// Starts `buildlog serve DIR --port 0` and resolves to its base URL.
export function serve(dir) {
  return serveWith(cli, ['serve', dir, '--port', '0']);
}

// Starts a buildlog (`program`, such as an installed one) with `args`, in
// `cwd`, and resolves to the address it serves once it says it.
export function serveWith(program, args, cwd = undefined) {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`buildlog serve did not start: ${out}`)), 10000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/[\d.]+:\d+\//);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[0], stop: () => child.kill() });
      }
    });
    child.stderr.on('data', () => {});  // request log
    child.on('exit', (code) => reject(new Error(`buildlog serve exited ${code}: ${out}`)));
  });
}

// A blog of a test's own: `write(folder)` writes its content folder, the
// author tool builds it, `buildlog serve` serves it and a browser is ready.
// `done()` stops both and removes every file.
export async function blogFor(name, write) {
  const work = mkdtempSync(join(tmpdir(), `buildlog-${name}-`));
  const content = join(work, 'content');
  mkdirSync(content);
  write(content);
  const site = join(work, 'site');
  execFileSync(cli, ['build', content, '-o', site], { stdio: 'pipe' });
  const server = await serve(site);
  const chromium = await launch();
  return {
    site, server, chromium,
    done: async () => { await chromium.close(); server.stop(); rmSync(work, { recursive: true, force: true }); },
  };
}

export async function launch() {
  // playwright-core gives every launch a fresh, empty profile of its own.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  return { browser, close: () => browser.close() };
}

// A page that records console errors, page errors and CSP violations.
export async function openPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { page, context, problems };
}

// Waits until the engine has taken the page over (web/shim.js marks it):
// before, the page is the prerendered one and links load whole pages.
export async function engineReady(page) {
  await page.waitForFunction(() => performance.getEntriesByName('buildlog:first-render').length > 0
    || !document.getElementById('fatal').hidden);
}

// The path of one of the page's files in a built site, by the name the page
// template gives it ("engine.wasm"): sites name them by content, assets/engine.HASH.wasm.
export function siteAsset(site, name) {
  const dot = name.lastIndexOf('.');
  const pattern = new RegExp(`^${name.slice(0, dot)}\\.[0-9a-f]{16}\\${name.slice(dot)}$`);
  const found = readdirSync(join(site, 'assets')).filter((f) => pattern.test(f));
  if (found.length !== 1) throw new Error(`${site}/assets has ${found.length} files for ${name}`);
  return join(site, 'assets', found[0]);
}
