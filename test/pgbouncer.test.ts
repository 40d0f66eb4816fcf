/**
 * Behind a real PgBouncer in transaction pooling mode (PostgreSQL only): with DATABASE_PREPARE=0
 * and DATABASE_DIRECT_URL for the session-bound work, two gateway processes start on one empty
 * database at once (the migrations' advisory lock holds on the direct connection), a key created
 * through the pooler works in both, and their answers went through the pooler. The suite's query
 * tests run through one as well (`TEST_THROUGH_PGBOUNCER=1`, README: Tests).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from './support/cli.js';
import { emptyDatabase, type TestDatabase } from './support/database.js';
import { pgbouncerAvailable, startPgBouncer, type PgBouncer } from './support/pgbouncer.js';
import { startServer, type ServerProcess } from './support/server-process.js';

const serverUrl = process.env.DATABASE_URL;
const pooledAlready = process.env.TEST_THROUGH_PGBOUNCER === '1';

describe.skipIf(!serverUrl || pooledAlready || !pgbouncerAvailable())('behind PgBouncer (transaction pooling)', () => {
  let bouncer: PgBouncer;
  let target: TestDatabase;
  let env: Record<string, string>;
  let servers: ServerProcess[] = [];

  beforeAll(async () => {
    bouncer = await startPgBouncer(Number(new URL(serverUrl!).port || 5432));
    target = await emptyDatabase();
    const direct = target.env.DATABASE_URL!;
    const name = new URL(direct).pathname.slice(1);
    env = { DATABASE_URL: bouncer.url(name), DATABASE_DIRECT_URL: direct, DATABASE_PREPARE: '0', DATA_DIR: '', RATE_LIMIT_POINTS: '0' };
    servers = await Promise.all([startServer(env), startServer(env)]);
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await target?.drop();
    await bouncer?.stop();
  });

  it('migrates an empty database from two processes at once and serves a key made through the pooler', async () => {
    const created = await runCommand('src/cli/key-create.ts', ['--merchant', 'pooled', '--role', 'viewer'], env);
    expect(created.code, created.stderr).toBe(0);
    const key = created.stdout.trim().split('\n').at(-1)!.trim();
    const name = new URL(env.DATABASE_URL!).pathname.slice(1);
    const before = (await bouncer.transactions()).get(name) ?? 0;
    for (const server of servers) {
      const response = await fetch(`${server.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: '{ orders(first: 1) { totalCount } }' }),
      });
      expect(await response.json()).toMatchObject({ data: { orders: { totalCount: 0 } } });
    }
    // Both answers (and their key lookups) went through the pooler.
    expect((await bouncer.transactions()).get(name)).toBeGreaterThanOrEqual(before + 2);
  });
});
