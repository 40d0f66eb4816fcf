/**
 * What a sync must produce: the fake upstream's store written straight through the normalisers
 * and writers (no HTTP, no pagination), and every table's rows for one merchant, to compare with.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { actionLogs, historyChanges, orderItems, orderRefs, orders, statusHistory, traces } from '../../src/db/schema.js';
import { normaliseActionLogsBody } from '../../src/ingest/action-logs.js';
import { normaliseHistoryChangesBody } from '../../src/ingest/history-changes.js';
import { normaliseOrdersBody } from '../../src/ingest/orders.js';
import { normaliseStatusHistoryBody } from '../../src/ingest/status-history.js';
import { normaliseTracesBody } from '../../src/ingest/traces.js';
import { ensureMerchant } from '../../src/ingest/write.js';
import { writeActionLogs } from '../../src/ingest/action-logs.js';
import { writeHistoryChanges } from '../../src/ingest/history-changes.js';
import { writeOrderLinks } from '../../src/ingest/registry.js';
import { writeOrders } from '../../src/ingest/orders.js';
import { writeStatusHistory } from '../../src/ingest/status-history.js';
import { writeTraces } from '../../src/ingest/traces.js';
import { type OrderLink } from '../../src/ingest/order-links.js';
import type { UpstreamStore } from './fixtures.js';

/** The links an operator loads with `npm run import -- --source order-links` (sync has no upstream for them). */
export async function writeLinks(db: Db, store: UpstreamStore): Promise<void> {
  await ensureMerchant(db, store.merchantId);
  await writeOrderLinks(db, store.merchantId, store.orderLinks as OrderLink[]);
}

/** Everything the fake serves, imported directly: the database a correct sync ends with. */
export async function importStore(db: Db, store: UpstreamStore): Promise<void> {
  const m = store.merchantId;
  const known = (orderId: string) => store.orders.has(orderId);
  await db.transaction(async (tx) => {
    await writeLinks(tx, store);
    await writeOrders(tx, m, normaliseOrdersBody({ items: [...store.orders.values()] }));
    await writeActionLogs(tx, m, [...store.actionLogs].filter(([id]) => known(id)).flatMap(([id, items]) => normaliseActionLogsBody({ items: items.slice(0, 100) }, id)));
    await writeTraces(tx, m, [...store.traces].filter(([id]) => known(id)).flatMap(([id, body]) => normaliseTracesBody(body, id)));
    await writeStatusHistory(tx, m, normaliseStatusHistoryBody({ entries: store.statusHistory }));
    await writeHistoryChanges(tx, m, normaliseHistoryChangesBody({ success: true, history: store.historyChanges }, 'order'));
  });
}

/** A history row without `writtenSeq`: the order rows were inserted in differs between two equal databases. */
const content = <T extends { writtenSeq: number }>(rows: T[]) => rows.map(({ writtenSeq: _, ...row }) => row);

/** Every row one merchant has, each table in primary-key order. */
export async function contents(db: Db, merchantId: string) {
  return {
    orders: await db.select().from(orders).where(eq(orders.merchantId, merchantId)).orderBy(asc(orders.id)),
    orderItems: await db.select().from(orderItems).where(eq(orderItems.merchantId, merchantId)).orderBy(asc(orderItems.orderId), asc(orderItems.id)),
    orderRefs: await db.select().from(orderRefs).where(eq(orderRefs.merchantId, merchantId)).orderBy(asc(orderRefs.system), asc(orderRefs.externalId)),
    actionLogs: content(await db.select().from(actionLogs).where(eq(actionLogs.merchantId, merchantId)).orderBy(asc(actionLogs.id))),
    statusHistory: content(await db.select().from(statusHistory).where(eq(statusHistory.merchantId, merchantId)).orderBy(asc(statusHistory.id))),
    historyChanges: content(await db.select().from(historyChanges).where(eq(historyChanges.merchantId, merchantId)).orderBy(asc(historyChanges.entity), asc(historyChanges.id))),
    traces: content(await db.select().from(traces).where(eq(traces.merchantId, merchantId)).orderBy(asc(traces.id))),
  };
}

/** Row counts per table, for messages that say which table differs before the deep comparison. */
export const counts = (c: Awaited<ReturnType<typeof contents>>) =>
  Object.fromEntries(Object.entries(c).map(([table, rows]) => [table, rows.length]));

/** The number of records the store holds per upstream, as the database should count them. */
export function storeCounts(store: UpstreamStore) {
  const known = (orderId: string) => store.orders.has(orderId);
  return {
    orders: store.orders.size,
    actionLogs: [...store.actionLogs].filter(([id]) => known(id)).reduce((n, [, items]) => n + Math.min(100, items.length), 0),
    traces: [...store.traces].filter(([id]) => known(id)).reduce((n, [, body]) => n + body.items.length, 0),
    statusHistory: store.statusHistory.length,
    historyChanges: store.historyChanges.length,
  };
}
