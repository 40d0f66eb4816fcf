/**
 * Sync throughput against the fake upstream: `npx tsx scripts/bench-sync.ts [--orders 2000]
 * [--per-page 50] [--concurrency 4]`. Starts one fake per demo merchant in its own process (so
 * serving costs nothing here), syncs both merchants with every source into a fresh embedded
 * database (or DATABASE_URL), then runs again to time an incremental run with nothing new.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openMigratedDatabase } from '../src/cli/run.js';
import { loadConfig } from '../src/config.js';
import { runSync, SYNC_SOURCES, type SyncResult } from '../src/ingest/sync/index.js';
import { rate } from '../src/ingest/sync/progress.js';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '2000' },
    'per-page': { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '4' },
  },
});
const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function startFake(merchant: string): Promise<{ url: string; token: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fake-upstream/main.ts', '--orders', values.orders, '--merchant', merchant], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [line] = await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next().then((r) => [r.value as string]);
  return { ...(JSON.parse(line ?? '{}') as { url: string; token: string }), child };
}

const dataDir = mkdtempSync(join(tmpdir(), 'ohg-bench-sync-'));
const fakes = await Promise.all(['demo-a', 'demo-b'].map(async (merchant) => ({ merchant, ...(await startFake(merchant)) })));
const database = await openMigratedDatabase(loadConfig({ ...process.env, DATA_DIR: dataDir }));
const totals = (results: SyncResult[]) => {
  const rows = results.reduce((n, r) => n + r.rows, 0);
  const ms = results.reduce((n, r) => n + r.ms, 0);
  const requests = results.reduce((n, r) => n + r.requests, 0);
  return `${rows} rows, ${requests} requests in ${(ms / 1000).toFixed(1)} s: ${rate(rows, ms)} rows/s`;
};
try {
  for (const label of ['full copy', 'incremental, nothing new']) {
    const results: SyncResult[] = [];
    for (const fake of fakes) {
      results.push(
        await runSync({
          database,
          merchantId: fake.merchant,
          sources: SYNC_SOURCES,
          baseUrl: fake.url,
          token: fake.token,
          perPage: Number(values['per-page']),
          concurrency: Number(values.concurrency),
        }),
      );
    }
    process.stdout.write(`${label} (${database.kind}, 2 x ${values.orders} orders): ${totals(results)}\n`);
  }
} finally {
  await database.close();
  for (const fake of fakes) fake.child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
