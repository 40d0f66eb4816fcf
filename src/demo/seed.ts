/**
 * Loads the deterministic demo data set through the same normalisers and writers as a real
 * import, one transaction per merchant, and creates the demo keys.
 */
import { sql } from 'drizzle-orm';
import { DEMO_KEYS } from '../auth/demo-keys.js';
import { createKey } from '../auth/keys.js';
import type { Database } from '../db/client.js';
import { normaliseActionLogsBody } from '../ingest/action-logs.js';
import { normaliseHistoryChangesBody } from '../ingest/history-changes.js';
import { normaliseOrderLinksBody } from '../ingest/order-links.js';
import { normaliseOrdersBody } from '../ingest/orders.js';
import { normaliseStatusHistoryBody } from '../ingest/status-history.js';
import { normaliseTracesBody } from '../ingest/traces.js';
import {
  ensureMerchant,
  writeActionLogs,
  writeHistoryChanges,
  writeOrderLinks,
  writeOrders,
  writeStatusHistory,
  writeTraces,
} from '../ingest/write.js';
import { generateDemoData } from './generate.js';

/** Orders per demo merchant on an automatic first start: enough to explore, quick to load. */
export const DEFAULT_DEMO_ORDERS = 60;

export interface SeedSummary {
  orders: number;
  historyRows: number;
}

export async function seedDemo(database: Database, ordersPerMerchant = DEFAULT_DEMO_ORDERS): Promise<SeedSummary> {
  const summary: SeedSummary = { orders: 0, historyRows: 0 };
  for (const merchant of generateDemoData({ ordersPerMerchant })) {
    await database.db.transaction(async (tx) => {
      const id = merchant.merchantId;
      await ensureMerchant(tx, id);
      summary.orders += await writeOrders(tx, id, normaliseOrdersBody({ items: merchant.orders }));
      await writeOrderLinks(tx, id, normaliseOrderLinksBody(merchant.orderLinks));
      const logs = merchant.actionLogs.flatMap(({ orderId, body }) => normaliseActionLogsBody(body, orderId));
      const traces = merchant.traces.flatMap(({ orderId, body }) => normaliseTracesBody(body, orderId));
      summary.historyRows += await writeActionLogs(tx, id, logs);
      summary.historyRows += await writeStatusHistory(tx, id, normaliseStatusHistoryBody(merchant.statusHistory));
      summary.historyRows += await writeHistoryChanges(tx, id, normaliseHistoryChangesBody(merchant.historyChanges, 'order'));
      summary.historyRows += await writeTraces(tx, id, traces);
    });
  }
  for (const { merchantId, role, key } of DEMO_KEYS) {
    await createKey(database.db, merchantId, role, { key, label: 'demo' });
  }
  await database.refreshStatistics();
  return summary;
}

export async function isEmpty(database: Database): Promise<boolean> {
  const [row] = await database.rows<{ empty: boolean }>(sql`select not exists(select 1 from merchants) as empty`);
  return row?.empty === true;
}
