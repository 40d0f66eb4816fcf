/**
 * Loads the deterministic demo data set through the same source table (normaliser + writer) as
 * a real import, one transaction per merchant, and creates the demo keys.
 */
import { sql } from 'drizzle-orm';
import { DEMO_KEYS } from '../auth/demo-keys.js';
import { createKey } from '../auth/keys.js';
import type { Database } from '../db/client.js';
import { writeBodies } from '../ingest/registry.js';
import { ensureMerchant } from '../ingest/write.js';
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
      summary.orders += await writeBodies(tx, id, 'orders', [{ body: { items: merchant.orders } }]);
      await writeBodies(tx, id, 'order-links', [{ body: merchant.orderLinks }]);
      const perOrder = (bodies: { orderId: string; body: unknown }[]) =>
        bodies.map(({ orderId, body }) => ({ body, options: { orderId } }));
      summary.historyRows += await writeBodies(tx, id, 'action-logs', perOrder(merchant.actionLogs));
      summary.historyRows += await writeBodies(tx, id, 'status-history', [{ body: merchant.statusHistory }]);
      summary.historyRows += await writeBodies(tx, id, 'history-changes', [{ body: merchant.historyChanges }]);
      summary.historyRows += await writeBodies(tx, id, 'traces', perOrder(merchant.traces));
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
