// A static host as a CDN would be, for the benchmarks that load pages in
// Chromium: files gzipped once, long-lived caching for content-hashed parts
// (posts/, assets/), revalidation for the rest; a folder's address serves its index.html. It runs in the benchmark's process.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const types = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm', '.css': 'text/css',
  '.svg': 'image/svg+xml', '.bin': 'application/octet-stream' };

// Serves `dir` on a free localhost port; resolves to { url, stop }.
export function serveStatic(dir) {
  const cache = new Map();
  const server = createServer((req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^\/+/, '');
    if (path === '' || path.endsWith('/')) path += 'index.html';  // a folder's page, as static hosts serve it
    const file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
    if (!cache.has(file)) cache.set(file, gzipSync(readFileSync(file), { level: 9 }));
    res.writeHead(200, {
      'content-type': types[extname(file)] || 'application/octet-stream', 'content-encoding': 'gzip',
      'cache-control': path.startsWith('posts/') || path.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' https:; object-src 'none'",
    });
    res.end(cache.get(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}/`, stop: () => server.close() })));
}
