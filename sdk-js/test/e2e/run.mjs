// `npm run test:e2e`: starts the packaged server once, runs every e2e file against it with node's
// test runner (one file at a time: the machine has two cores; --test-force-exit because third-party
// SDKs leave timers running), stops the server, exits with the result.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { launchServer } from './support/server.mjs';

const dir = new URL('.', import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).map((f) => dir + f);
const server = await launchServer();
let code = 1;
try {
  code = await new Promise((resolve) => {
    const child = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-timeout=240000', '--test-force-exit', ...files], {
      stdio: 'inherit', env: { ...process.env, DATAEYE_E2E_SERVER: JSON.stringify({ url: server.url, dataDir: server.dataDir }) },
    });
    child.on('exit', (c) => resolve(c ?? 1));
  });
} finally {
  await server.stop();
}
process.exit(code);
