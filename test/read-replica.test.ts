/**
 * `DATABASE_READ_URL`: GraphQL reads go to a real streaming replica (`pg_basebackup -R` from the
 * primary, both PostgreSQL 15 on loopback); writes stay on the primary. With the replica's replay
 * paused, what it serves is provably the replica's, a key made on the primary a moment ago still
 * works (looked up there), and a key revoked on the primary is refused although the replica still
 * holds it.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, hashKey, keyIdOf, revokeKey } from '../src/auth/keys.js';
import { cursorSecret } from '../src/auth/secrets.js';
import { openMigratedDatabase } from '../src/cli/run.js';
import { loadConfig } from '../src/config.js';
import { openPostgres, type Database } from '../src/db/client.js';
import { seedDemo } from '../src/demo/seed.js';
import { importFile } from '../src/ingest/import/import-file.js';
import { buildYoga, type Gateway } from '../src/yoga.js';
import { upstreamFixture } from './fixtures/upstream/index.js';
import { TEST_LIMITS } from './support/app.js';
import { asPostgres, postgresAvailable, postgresDir, startPostgres, type PostgresServer } from './support/postgres-server.js';

const KEY = 'demo-a-viewer-key';
let primary: PostgresServer;
let replica: PostgresServer;
let primaryDb: Database;
let replicaDb: Database;
let yoga: Gateway;

async function ask(query: string, key = KEY) {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** Statements each database received while `fn` ran. */
async function statementsDuring(fn: () => Promise<unknown>) {
  const seen = { primary: 0, replica: 0 };
  const stops = [primaryDb.onStatement(() => seen.primary++), replicaDb.onStatement(() => seen.replica++)];
  try {
    await fn();
  } finally {
    stops.forEach((stop) => stop());
  }
  return seen;
}

async function replay(state: 'pause' | 'resume') {
  await replica.psql('gw', `select pg_wal_replay_${state}()`);
  for (let attempt = 0; attempt < 200; attempt++) {
    const now = (await replica.psql('gw', 'select pg_get_wal_replay_pause_state()')).trim();
    if ((state === 'pause' && now === 'paused') || (state === 'resume' && now === 'not paused')) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`replay did not ${state}`);
}

describe.skipIf(!postgresAvailable() || Boolean(process.env.DATABASE_URL))('a read replica (DATABASE_READ_URL)', () => {
  beforeAll(async () => {
    primary = await startPostgres();
    await primary.psql('postgres', 'create database gw');
    primaryDb = await openMigratedDatabase(loadConfig({ DATABASE_URL: primary.url('gw') }));
    await seedDemo(primaryDb, 6);
    const dir = await postgresDir('ohg-replica-');
    await asPostgres('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', dir, '-R', '-X', 'stream', '--checkpoint=fast', '--no-sync']);
    replica = await startPostgres({ dataDir: dir });
    replicaDb = await openPostgres(replica.url('gw'), { poolSize: 2 });
    yoga = buildYoga(primaryDb, { ...TEST_LIMITS, keyCacheMs: 0, cursorSecret: await cursorSecret(primaryDb, undefined), readDatabase: replicaDb });
    await yoga.replicas.listening();
  }, 120_000);
  afterAll(async () => {
    await yoga?.dispose();
    await Promise.all([primaryDb?.close(), replicaDb?.close()]);
    await replica?.destroy();
    await primary?.destroy();
  });

  it('sends the key lookup and every GraphQL read to the replica, none to the primary', async () => {
    const seen = await statementsDuring(async () => {
      const { body } = await ask('{ orders(first: 3) { nodes { id timeline(first: 2) { nodes { summary } } } } }');
      expect(body.errors).toBeUndefined();
      expect(body.data.orders.nodes).toHaveLength(3);
    });
    expect(seen.primary).toBe(0);
    expect(seen.replica).toBeGreaterThanOrEqual(3);
  });

  it('takes a key made on the primary at once, refuses one revoked there, and serves writes once replayed', async () => {
    await replay('pause');
    const fresh = await createKey(primaryDb.db, 'demo-a', 'viewer');
    const order = String(upstreamFixture('order-search').items[0].id);
    await importFile(primaryDb.db, 'demo-a', { file: fileURLToPath(new URL('./fixtures/upstream/order-search.json', import.meta.url)), source: 'orders' });

    // The replica knows neither the key nor the order: the key is found on the primary, the order is not served.
    const seen = await statementsDuring(async () => {
      const { body } = await ask(`{ viewer { merchantId } order(id: "${order}") { id } }`, fresh);
      expect(body.data).toEqual({ viewer: { merchantId: 'demo-a' }, order: null });
    });
    expect(seen.primary).toBe(1);

    await revokeKey(primaryDb, keyIdOf(hashKey(KEY)));
    await expect.poll(async () => (await ask('{ viewer { role } }')).status).toBe(401);

    await replay('resume');
    await expect.poll(async () => (await ask(`{ order(id: "${order}") { id } }`, fresh)).body.data?.order?.id, { timeout: 15_000 }).toBe(order);
  });
});
