// The packaged DataEye server (server/target/dataeye-server.jar) as a separate process, as users run it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const JAR = resolve(process.env.DATAEYE_SERVER_JAR || new URL('../../../../server/target/dataeye-server.jar', import.meta.url).pathname);

export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

/**
 * The server for a test file: the one `run.mjs` started for the whole e2e run (env DATAEYE_E2E_SERVER),
 * else a new one for this file alone (`node --test test/e2e/x.test.mjs`).
 */
export async function startServer() {
  const shared = process.env.DATAEYE_E2E_SERVER;
  if (shared) {
    const { url, dataDir } = JSON.parse(shared);
    return { ...(await client(url, dataDir)), stop: async () => {} };
  }
  return launchServer();
}

export async function launchServer() {
  if (!existsSync(JAR)) {
    throw new Error(`the packaged server jar is missing (${JAR}); run the tests through './mvnw verify', `
      + `or build it with './mvnw -q -pl server -am -DskipTests package'`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'dataeye-sdkjs-'));
  const port = await freePort();
  const log = join(dir, 'server.log');
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const proc = spawn(java, ['-Xmx512m', '-jar', JAR, `--server.port=${port}`, `--dataeye.data-dir=${join(dir, 'data')}`],
    { stdio: ['ignore', openSync(log, 'a'), openSync(log, 'a')] });
  const base = `http://127.0.0.1:${port}`;
  const secretFile = join(dir, 'data', 'demo-secret-key');
  const deadline = Date.now() + 180000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`the server exited with ${proc.exitCode}:\n${readFileSync(log, 'utf8')}`);
    try {
      const r = await fetch(base + '/actuator/health');
      if (r.ok && existsSync(secretFile)) break;
    } catch {
      // still starting
    }
    if (Date.now() > deadline) throw new Error(`the server did not start in 180 s:\n${readFileSync(log, 'utf8')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { ...(await client(base, join(dir, 'data'))), dataDir: join(dir, 'data'), log,
    stop() {
      proc.kill('SIGTERM');
      return new Promise((r) => (proc.exitCode !== null ? r() : proc.on('exit', r)));
    } };
}

async function client(base, dataDir) {
  const secret = readFileSync(join(dataDir, 'demo-secret-key'), 'utf8').trim();
  const get = async (path) => {
    const r = await fetch(base + path, { headers: { Authorization: `Bearer ${secret}` } });
    if (!r.ok) throw new Error(`GET ${path} answered ${r.status}: ${await r.text()}`);
    return r.json();
  };
  const writeKey = (await get('/api/v1/projects/demo/keys')).write_keys[0];
  return {
    url: base,
    writeKey,
    /** Stored events, newest first; filter by event name and/or person. */
    async events({ event, person, limit = 1000 } = {}) {
      const q = new URLSearchParams({ limit: String(limit) });
      if (event) q.set('event', event);
      if (person) q.set('person', person);
      return (await get('/api/v1/projects/demo/events?' + q)).events;
    },
    quarantine: async () => (await get('/api/v1/projects/demo/quarantine?limit=1000')).events,
  };
}

/** Polls until check() returns a truthy value, or fails with the last value seen. */
export async function eventually(check, { timeoutMs = 20000, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`${what} not reached in ${timeoutMs} ms; last: ${last instanceof Error ? last.stack : JSON.stringify(last)?.slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
