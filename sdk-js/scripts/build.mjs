// Builds dist/dataeye.min.js (script tag, window.DataEye) and dist/dataeye.esm.js (ES module), plus the
// mini-program entry, and prints their sizes (raw and gzip) into dist/sizes.json.
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const version = JSON.parse(readFileSync(new URL('../package.json', import.meta.url))).version;
const common = { bundle: true, minify: true, target: ['es2019'], legalComments: 'none', define: { __DATAEYE_VERSION__: JSON.stringify(version) } };
mkdirSync('dist', { recursive: true });
await build({ ...common, entryPoints: ['src/global.js'], format: 'iife', outfile: 'dist/dataeye.min.js' });
await build({ ...common, entryPoints: ['src/index.js'], format: 'esm', outfile: 'dist/dataeye.esm.js' });
await build({ ...common, entryPoints: ['src/miniprogram/index.js'], format: 'cjs', platform: 'neutral', outfile: 'dist/miniprogram/dataeye-miniprogram.js' });
// mini programs load .js files only: mark the folder CommonJS for Node (tests, bundlers)
writeFileSync('dist/miniprogram/package.json', '{ "type": "commonjs" }\n');

const sizes = {};
for (const f of ['dataeye.min.js', 'dataeye.esm.js', 'miniprogram/dataeye-miniprogram.js']) {
  const bytes = readFileSync('dist/' + f);
  sizes[f] = { bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}
writeFileSync('dist/sizes.json', JSON.stringify(sizes, null, 2));
console.log('bundle                                bytes   gzip');
for (const [f, s] of Object.entries(sizes)) console.log(`${f.padEnd(36)} ${String(s.bytes).padStart(6)} ${String(s.gzip).padStart(6)}`);
