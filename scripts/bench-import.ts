/**
 * `npx tsx scripts/bench-import.ts [--orders 2000] [--page-size 500] [--batch 500] [--runs 1] [--out DIR] [--no-import]`
 * Writes the demo generator's first merchant as a snapshot laid out like the upstream URLs, then
 * times `importDir` on a fresh embedded database (or on DATABASE_URL when set); `--runs 2` imports
 * it again, which measures an idempotent re-run. Progress goes to standard error; the figures go
 * to standard output, one JSON line per run.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { generateDemoData } from '../src/demo/generate.js';
import { importDir, listSnapshot } from '../src/ingest/import/import-dir.js';
import { ProgressLine, formatSummary } from '../src/ingest/import/progress.js';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '2000' },
    'page-size': { type: 'string', default: '500' },
    batch: { type: 'string', default: '500' },
    runs: { type: 'string', default: '1' },
    out: { type: 'string' },
    'no-import': { type: 'boolean' },
  },
});
const orders = Number(values.orders);
const pageSize = Number(values['page-size']);

function pages<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/** Writes one merchant's bodies as DIR/<source>/...json; returns the merchant id. */
function writeSnapshot(dir: string): string {
  const [merchant] = generateDemoData({ ordersPerMerchant: orders });
  if (!merchant) throw new Error('the generator made no merchant');
  const put = (path: string, body: unknown) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), JSON.stringify(body));
  };
  const n = (i: number) => String(i + 1).padStart(4, '0');
  pages(merchant.orders, pageSize).forEach((items, i) =>
    put(`orders/page-${n(i)}.json`, { items, pagination: { current_page: i + 1, per_page: pageSize } }));
  put('order-links/links.json', merchant.orderLinks);
  for (const { orderId, body } of merchant.actionLogs) put(`action-logs/${orderId}.json`, body);
  for (const { orderId, body } of merchant.traces) put(`traces/${orderId}.json`, body);
  const { entries, ...envelope } = merchant.statusHistory;
  pages(entries, pageSize).forEach((page, i) => put(`status-history/page-${n(i)}.json`, { ...envelope, page: i + 1, entries: page }));
  const { history, ...changes } = merchant.historyChanges;
  pages(history, pageSize).forEach((page, i) => put(`history-changes/page-${n(i)}.json`, { ...changes, history: page }));
  return merchant.merchantId;
}

const snapshot = values.out ?? mkdtempSync(join(tmpdir(), 'ohg-bench-snapshot-'));
const generated = performance.now();
const merchantId = writeSnapshot(snapshot);
process.stderr.write(`snapshot of ${orders} orders in ${snapshot} (${((performance.now() - generated) / 1000).toFixed(1)} s)\n`);

if (!values['no-import']) {
  const dataDir = process.env.DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), 'ohg-bench-db-'));
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir });
  try {
    await migrate(database, process.env.DATABASE_URL);
    const jobs = await listSnapshot(snapshot);
    const target = `bench-${Date.now().toString(36)}`;
    for (let run = 1; run <= Number(values.runs); run++) {
      const progress = new ProgressLine(process.stderr, jobs.length);
      const { totals, refused } = await importDir(database.db, target, jobs, { reporter: progress, batchSize: Number(values.batch) });
      progress.finish();
      process.stderr.write(formatSummary(totals));
      if (refused.length > 0) throw new Error(`${refused.length} files refused: ${refused[0]?.message}`);
      const figures = {
        run,
        database: database.kind,
        generated: merchantId,
        orders,
        batch: Number(values.batch),
        files: totals.files,
        rows: totals.rows,
        seconds: Number((totals.ms / 1000).toFixed(2)),
        rowsPerSecond: Math.round((totals.rows * 1000) / totals.ms),
      };
      process.stdout.write(`${JSON.stringify(figures)}\n`);
    }
  } finally {
    await database.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (!values.out) rmSync(snapshot, { recursive: true, force: true });
  }
}
