// Serves the sample shop and the built SDK bundles from their own origin (the collector is cross-origin,
// as on a real shop). The page reads the collector URL and write key from its query (?c=…&k=…) via /config.js.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const ROOTS = { '/dist/': new URL('../../../dist/', import.meta.url).pathname,
  '/src/': new URL('../../../src/', import.meta.url).pathname,
  '/sa/': new URL('../../../node_modules/sa-sdk-javascript/', import.meta.url).pathname };
const SHOP = new URL('../shop/', import.meta.url).pathname;
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css' };

export function startStatic(config) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/config.js') {
      res.writeHead(200, { 'Content-Type': TYPES['.js'], 'Cache-Control': 'no-store' });
      res.end(`window.SHOP_CONFIG = ${JSON.stringify(config)};`);
      return;
    }
    let file = join(SHOP, normalize(path === '/' ? '/index.html' : path));
    for (const [prefix, dir] of Object.entries(ROOTS)) {
      if (!dir) continue;
      if (path.startsWith(prefix)) file = join(dir, normalize(path.slice(prefix.length)));
    }
    if (extname(path) === '' && path !== '/') file = join(SHOP, 'app.html'); // SPA routes
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => server.close(r)),
  })));
}
