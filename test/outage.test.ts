/**
 * The database going away under load and coming back (CONTRACT §8), on a real PostgreSQL server
 * started for the test and the compiled gateway over HTTP: every request during the outage is
 * answered within 3 s with 503, Retry-After and SERVICE_UNAVAILABLE, nothing of SQL, stacks, paths
 * or keys in any answer; /readyz says 503 within 2 s; queries succeed again within 5 s of the
 * database's return, without a restart; a statement past STATEMENT_TIMEOUT_MS is answered the
 * same way. (Runs in the embedded-database pass, when PostgreSQL's binaries are on the machine.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../src/cli/run.js';
import { loadConfig } from '../src/config.js';
import { seedDemo } from '../src/demo/seed.js';
import { compiled } from './support/cli.js';
import { postgresAvailable, startPostgres, type PostgresServer } from './support/postgres-server.js';

const KEY = 'demo-a-viewer-key';
const QUERY = JSON.stringify({ query: '{ orders(first: 5) { nodes { id orderNumber timeline(first: 3) { nodes { summary } } } } }' });
const STATEMENT_TIMEOUT_MS = 1_000;

let pg: PostgresServer;
let server: ChildProcess;
let base: string;
let stderr = '';

interface Answer {
  at: number;
  ms: number;
  status: number;
  retryAfter: string | null;
  text: string;
}

async function ask(): Promise<Answer> {
  const at = Date.now();
  try {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: QUERY,
      signal: AbortSignal.timeout(15_000),
    });
    return { at, ms: Date.now() - at, status: response.status, retryAfter: response.headers.get('retry-after'), text: await response.text() };
  } catch (error) {
    return { at, ms: Date.now() - at, status: 0, retryAfter: null, text: String(error) };
  }
}

/** Four clients asking back to back until `stop()`; every answer is kept. */
function load() {
  const answers: Answer[] = [];
  let running = true;
  const clients = [1, 2, 3, 4].map(async () => {
    while (running) answers.push(await ask());
  });
  return { answers, stop: async () => ((running = false), await Promise.all(clients)) };
}

async function until(check: () => Promise<boolean>, ms: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) return Infinity;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

const ready = async () => (await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(5_000) }).catch(() => null))?.status;

describe.skipIf(!postgresAvailable() || Boolean(process.env.DATABASE_URL))('a database outage', () => {
  beforeAll(async () => {
    pg = await startPostgres();
    const url = pg.url('postgres');
    const database = await openMigratedDatabase(loadConfig({ DATABASE_URL: url }));
    await seedDemo(database, 10);
    await database.close();
    server = spawn(process.execPath, [compiled('src/server.ts')], {
      env: { ...process.env, DATABASE_URL: url, DATA_DIR: '', PORT: '0', STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stderr!.on('data', (chunk) => (stderr += chunk));
    base = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${stderr}`)), 60_000);
      server.stdout!.on('data', (chunk) => {
        stdout += chunk;
        const match = /at (http:\/\/[^\s]+)\/graphql/.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
  }, 120_000);

  afterAll(async () => {
    server?.kill('SIGKILL');
    await pg?.destroy();
  });

  it('answers 503 at once while the database is down and recovers by itself when it returns', async () => {
    expect((await ask()).status).toBe(200);
    const traffic = load();
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    // Down once pg_ctl says so: a request sent while it is still stopping may yet be answered.
    await pg.stop();
    const down = Date.now();
    const readyzGone = await until(async () => (await ready()) === 503, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    await pg.start();
    const up = Date.now();
    const recovered = await until(async () => (await ask()).status === 200, 15_000);
    await traffic.stop();

    const slowest = Math.max(...traffic.answers.filter((a) => a.at >= down && a.at + a.ms < up).map((a) => a.ms));
    console.log(`outage: /readyz said 503 ${readyzGone} ms after the stop; slowest answer while down ${slowest} ms; queries succeeded ${recovered} ms after the start`);
    expect(readyzGone).toBeLessThan(2_000);
    expect(recovered).toBeLessThan(5_000);
    const during = traffic.answers.filter((a) => a.at >= down && a.at + a.ms < up);
    expect(during.length).toBeGreaterThan(10);
    for (const answer of during) {
      expect(answer.status, answer.text).toBe(503);
      expect(answer.ms).toBeLessThan(3_000);
      expect(answer.retryAfter).toMatch(/^\d+$/);
      expect(JSON.parse(answer.text).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    }
    for (const answer of traffic.answers) {
      expect(answer.status, answer.text).not.toBe(0); // every request was answered
      expect(answer.text).not.toMatch(/select |insert |api_keys|key_hash|\s+at .*\.js:\d+|\/work\/|node_modules/i);
    }
  }, 60_000);

  it('cancels a statement past STATEMENT_TIMEOUT_MS and answers it as unavailable', async () => {
    // A transaction holding the orders table: the next read of it waits for the lock.
    const lock = pg.psql('postgres', `begin; lock table orders in access exclusive mode; select pg_sleep(${(STATEMENT_TIMEOUT_MS * 3) / 1000}); commit;`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const answer = await ask();
    await lock;
    expect(answer.status, answer.text).toBe(503);
    expect(JSON.parse(answer.text).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(answer.ms).toBeLessThan(STATEMENT_TIMEOUT_MS + 2_000);
    expect((await ask()).status).toBe(200);
  }, 30_000);
});
