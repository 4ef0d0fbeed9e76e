// `buildlog serve` against hostile and careless clients (issue 13): nothing
// outside the served folder, no dotfiles, no tricks with the address, a
// bounded number of headers, and slow clients cut off without stalling
// others. Every request goes to this machine only and is bounded in time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, repo, serve, siteAsset } from './harness.mjs';

let dir, outside, server, port;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'buildlog-serve-'));
  outside = mkdtempSync(join(tmpdir(), 'buildlog-outside-'));
  // Built here, as an author builds a site (a copied folder's files would not keep their times).
  execFileSync(cli, ['build', join(repo, 'content'), '-o', join(dir, 'site')], { stdio: 'pipe' });
  writeFileSync(join(outside, 'secret.txt'), 'SECRET outside the site\n');
  symlinkSync(join(outside, 'secret.txt'), join(dir, 'site/leak.txt'));
  symlinkSync(outside, join(dir, 'site/elsewhere'));
  writeFileSync(join(dir, 'site/.env'), 'TOKEN=SECRET\n');
  mkdirSync(join(dir, 'site/.git'));
  writeFileSync(join(dir, 'site/.git/config'), 'SECRET\n');
  server = await serve(join(dir, 'site'));
  port = Number(new URL(server.url).port);
});

after(() => {
  server?.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

// One raw HTTP exchange: `request` as written, the response as received (or what came before `ms`).
function exchange(request, ms = 5000) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let response = '';
    const timer = setTimeout(() => { socket.destroy(); resolve(response); }, ms);
    socket.on('data', (d) => { response += d; });
    socket.on('close', () => { clearTimeout(timer); resolve(response); });
    socket.on('error', () => { clearTimeout(timer); resolve(response); });
    socket.write(request);
  });
}
const get = (path, headers = '') => exchange(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${headers}\r\n`);

test('the site itself is served', async () => {
  assert.match(await get('/'), /^HTTP\/1\.1 200/);
  assert.match(await get('/posts.json'), /^HTTP\/1\.1 200/);
});

test('nothing outside the served folder, symlinks resolved', async () => {
  for (const path of ['/leak.txt', '/elsewhere/secret.txt', '/../' + outside.split('/').pop() + '/secret.txt', '/%2e%2e/etc/passwd']) {
    const response = await get(path);
    assert.match(response, /^HTTP\/1\.1 404/, path);
    assert.doesNotMatch(response, /SECRET|root:/, path);
  }
});

test('no dotfiles, no control characters in the address', async () => {
  for (const path of ['/.env', '/.git/config', '/%2eenv', '/index.html%00.txt', '/posts.json%00']) {
    const response = await get(path);
    assert.match(response, /^HTTP\/1\.1 404/, path);
    assert.doesNotMatch(response, /SECRET/, path);
  }
});

test('a folder without its slash is redirected on this site only, never to another host', async () => {
  assert.match(await get('/post'), /^HTTP\/1\.1 301[^]*\r\nLocation: \/post\/\r\n/i);
  // "//post/" would be another host to a browser: an address starting with two slashes is not served.
  for (const path of ['//post', '//post/', '///post']) {
    const response = await get(path);
    assert.doesNotMatch(response, /\r\nLocation:/i, path);
    assert.match(response, /^HTTP\/1\.1 404/, path);
  }
});

test('a request with too many headers is refused', async () => {
  const many = Array.from({ length: 500 }, (_, i) => `X-Filler-${i}: ${i}\r\n`).join('');
  assert.match(await get('/', many), /^HTTP\/1\.1 431/);
  assert.match(await get('/'), /^HTTP\/1\.1 200/);
});

test('a flood of headers is refused as it arrives, and the server goes on serving', async () => {
  // 100,000 headers (2 MB): the gate answers once the bound is passed, without reading them all.
  const flood = Array.from({ length: 100_000 }, (_, i) => `X-Flood-${i}: ${i}\r\n`).join('');
  const started = Date.now();
  const response = await exchange(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n${flood}\r\n`, 5000);
  assert.match(response, /^HTTP\/1\.1 431/);
  assert.ok(Date.now() - started < 3000, `answered in ${Date.now() - started} ms`);
  assert.match(await get('/'), /^HTTP\/1\.1 200/);
});

test('slow clients are cut off and never stall other readers', async () => {
  // 80 clients (more than the file server has threads) that each send a
  // byte every 400 ms, too slow for any browser and fast enough never to
  // be silent for a second: each must finish its request's head within 5 s.
  const slow = Array.from({ length: 80 }, () => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    let sent = 0;
    const text = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n' + 'X-Slow: 1\r\n'.repeat(100);
    const timer = setInterval(() => { if (sent < text.length && !socket.destroyed) socket.write(text[sent++]); }, 400);
    return { socket, timer, closed: new Promise((resolve) => socket.on('close', resolve)) };
  });
  try {
    const started = Date.now();
    assert.match(await get('/posts.json'), /^HTTP\/1\.1 200/);
    assert.ok(Date.now() - started < 2000, `a reader waited ${Date.now() - started} ms`);
    // The server drops them itself, well before they finish a request.
    const dropped = await Promise.race([Promise.all(slow.map((s) => s.closed)).then(() => true), new Promise((r) => setTimeout(() => r(false), 8000))]);
    assert.ok(dropped, 'the slow clients were cut off');
  } finally {
    for (const s of slow) { clearInterval(s.timer); s.socket.destroy(); }
  }
});

test('the build\'s compressed copies are sent to readers that take them, brotli first', async () => {
  const wasm = siteAsset(join(dir, 'site'), 'engine.wasm');
  const address = `/assets/${wasm.split('/').pop()}`;
  const headerOf = (response, name) => (response.match(new RegExp(`^${name}: (.*)\\r$`, 'im')) || [])[1];
  const br = await exchange(`GET ${address} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: gzip, deflate, br\r\nConnection: close\r\n\r\n`);
  assert.match(br, /^HTTP\/1\.1 200/);
  assert.equal(headerOf(br, 'Content-Encoding'), 'br');
  assert.equal(Number(headerOf(br, 'Content-Length')), statSync(`${wasm}.br`).size);
  const gz = await exchange(`GET ${address} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: gzip, br;q=0\r\nConnection: close\r\n\r\n`);
  assert.equal(headerOf(gz, 'Content-Encoding'), 'gzip');
  assert.equal(Number(headerOf(gz, 'Content-Length')), statSync(`${wasm}.gz`).size);
  const plain = await exchange(`GET ${address} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
  assert.equal(headerOf(plain, 'Content-Encoding'), undefined);
  assert.equal(Number(headerOf(plain, 'Content-Length')), statSync(wasm).size);
});
