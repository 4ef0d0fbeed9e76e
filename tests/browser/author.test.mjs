// The author's side, as a new user meets it (issue 12): with only the
// Debian package installed (built by cpack, unpacked into a folder of its
// own, run from outside the source tree): init, new, serve, edit a post and
// see the open page update by itself, break it and see why, build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPage, repo, serveWith } from './harness.mjs';

let work, buildlog, chromium;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'buildlog-author-'));
  execFileSync('cpack', ['--config', join(repo, 'build/native/CPackConfig.cmake'), '-B', join(work, 'package')], { stdio: 'pipe' });
  const deb = readdirSync(join(work, 'package')).find((f) => f.endsWith('.deb'));
  assert.ok(deb, 'cpack made a .deb');
  execFileSync('dpkg-deb', ['-x', join(work, 'package', deb), join(work, 'root')]);
  buildlog = join(work, 'root/usr/bin/buildlog');
  chromium = await launch();
});

after(async () => {
  await chromium?.close();
  rmSync(work, { recursive: true, force: true });
});

const run = (args, cwd) => execFileSync(buildlog, args, { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: work } });

test('the package holds the tool and every file of the reader\'s page', () => {
  for (const f of ['index.html', 'style.css', 'favicon.svg', 'engine.wasm', 'engine.js', 'shim.js'])
    assert.ok(existsSync(join(work, 'root/usr/share/buildlog/site', f)), f);
  for (const command of ['build', 'check', 'serve', 'init', 'new']) assert.match(run([command, '--help'], work), /Usage:/, command);
});

test('init, new, a live preview that follows every save, then build', async () => {
  run(['init', 'blog', '--title', 'Field notes'], work);
  const blog = join(work, 'blog');
  assert.match(run(['new', 'Second thoughts'], blog), /-second-thoughts\.md/);
  const post = join(blog, 'content', readdirSync(join(blog, 'content')).find((f) => f.endsWith('-second-thoughts.md')));
  appendFileSync(post, 'The first draft of a thought.\n');

  const server = await serveWith(buildlog, ['serve', '--port', '0'], blog);
  const { page, problems } = await openPage(chromium.browser);
  try {
    await page.goto(`${server.url}post/second-thoughts/`);
    await page.getByText('The first draft of a thought.').waitFor();
    assert.match(await page.locator('.badge-preview').first().textContent(), /private draft · preview only/);

    // A save shows on the open page by itself.
    appendFileSync(post, '\nA sentence added while the page was open.\n');
    await page.getByText('A sentence added while the page was open.').waitFor({ timeout: 10000 });
    // A fresh load gets the page as the last save made it (the preview makes
    // pages when asked, not on every save), and a post written while the
    // preview runs has its page too.
    assert.match(await (await fetch(`${server.url}post/second-thoughts/`)).text(), /A sentence added while the page was open\./);
    writeFileSync(join(blog, 'content', '2026-01-02-later.md'), '---\ntitle: Written later\ndate: 2026-01-02\ndraft: true\n---\nA post born during the preview.\n');
    let later;
    for (let i = 0; i < 100 && !(later && later.status === 200 && /A post born during the preview\./.test(later.text)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const response = await fetch(`${server.url}post/later/`);
      later = { status: response.status, text: await response.text() };
    }
    assert.equal(later.status, 200);
    assert.match(later.text, /<title>Written later/);
    assert.match(later.text, /_buildlog\/live\.js/);  // with the preview's script, as every preview page

    // A broken save names the file and line on the page; the last good build stays.
    const good = readFileSync(post, 'utf8');
    writeFileSync(post, good.replace(/^date: .*$/m, 'date: 2026-13-01'));
    const alert = page.getByRole('alert').filter({ hasText: 'the last save has problems' });
    await alert.waitFor({ timeout: 10000 });
    assert.match(await alert.textContent(), /second-thoughts\.md:3: date must be a calendar date/);
    assert.ok(await page.getByText('A sentence added while the page was open.').isVisible());
    // Fixed and published: the page reloads, without the problems and without the preview badge.
    writeFileSync(post, good.replace('draft: true', 'draft: false'));
    await page.locator('.badge-preview').waitFor({ state: 'detached', timeout: 10000 });
    await page.getByText('A sentence added while the page was open.').waitFor();
    assert.equal(await alert.count(), 0, 'the problems are gone');
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(problems.filter((p) => !p.includes('ERR_')), []);
  } finally {
    server.stop();
  }

  const built = run(['build'], blog);
  assert.match(built, /wrote dist: 2 published/);
  assert.ok(existsSync(join(blog, 'dist/index.html')));
  assert.ok(existsSync(join(blog, 'dist/post/second-thoughts/index.html')));
  assert.match(readdirSync(join(blog, 'dist/assets')).join(' '), /engine\.[0-9a-f]{16}\.wasm/);
});
