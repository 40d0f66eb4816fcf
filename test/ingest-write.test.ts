/** Writers against a real (in-memory PGlite) database: idempotency, link resolution, item replacement. */
import { asc, eq, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../src/db/client.js';
import { actionLogs, historyChanges, orderItems, orderRefs, orders, statusHistory, traces } from '../src/db/schema.js';
import { normaliseActionLogsBody } from '../src/ingest/action-logs.js';
import { normaliseHistoryChangesBody } from '../src/ingest/history-changes.js';
import { normaliseOrdersBody } from '../src/ingest/orders.js';
import { normaliseStatusHistoryBody } from '../src/ingest/status-history.js';
import type { StatusHistoryInput } from '../src/ingest/status-history.js';
import { normaliseTracesBody } from '../src/ingest/traces.js';
import { ensureMerchant, resolveOrderIds } from '../src/ingest/write.js';
import { writeActionLogs } from '../src/ingest/action-logs.js';
import { writeHistoryChanges } from '../src/ingest/history-changes.js';
import { writeOrderLinks } from '../src/ingest/registry.js';
import { writeOrders } from '../src/ingest/orders.js';
import { writeStatusHistory } from '../src/ingest/status-history.js';
import { writeTraces } from '../src/ingest/traces.js';
import { upstreamFixture as fixture } from './fixtures/upstream/index.js';
import { templateCopy, type TestDatabase } from './support/database.js';

const FIRST = '5f450eace388093f603a3b95';
const SECOND = '5f43f05de388093f603a3ac0';

let target: TestDatabase;
let database: Database;
let db: Db;
beforeAll(async () => {
  target = await templateCopy();
  database = await target.open();
  db = database.db;
});
afterAll(async () => {
  await database?.close();
  await target?.drop();
});

let merchants = 0;
/** Each test writes under its own merchant, so tests stay independent on the one database. */
const newMerchant = () => `merchant-${++merchants}`;

/** Everything one merchant has, each table in primary-key order. */
async function contents(merchantId: string) {
  const of = (column: PgColumn) => eq(column, merchantId);
  return {
    orders: await db.select().from(orders).where(of(orders.merchantId)).orderBy(asc(orders.id)),
    orderItems: await db.select().from(orderItems).where(of(orderItems.merchantId)).orderBy(asc(orderItems.orderId), asc(orderItems.id)),
    orderRefs: await db.select().from(orderRefs).where(of(orderRefs.merchantId)).orderBy(asc(orderRefs.system), asc(orderRefs.externalId)),
    actionLogs: await db.select().from(actionLogs).where(of(actionLogs.merchantId)).orderBy(asc(actionLogs.id)),
    statusHistory: await db.select().from(statusHistory).where(of(statusHistory.merchantId)).orderBy(asc(statusHistory.id)),
    historyChanges: await db.select().from(historyChanges).where(of(historyChanges.merchantId)).orderBy(asc(historyChanges.id)),
    traces: await db.select().from(traces).where(of(traces.merchantId)).orderBy(asc(traces.id)),
  };
}

/** Every upstream fixture, written the way an import would: in one transaction. */
async function importEverything(merchantId: string) {
  return db.transaction(async (tx) => ({
    merchant: await ensureMerchant(tx, merchantId),
    orders: await writeOrders(tx, merchantId, normaliseOrdersBody(fixture('order-search'))),
    links: await writeOrderLinks(tx, merchantId, [
      { system: 'status-history', externalId: '416', orderId: FIRST },
      { system: 'history-changes', externalId: '7001', orderId: SECOND },
      { system: 'traces', externalId: '4711', orderId: FIRST },
      { system: 'action-logs', externalId: 'al-1', orderId: SECOND },
    ]),
    actionLogs: await writeActionLogs(tx, merchantId, normaliseActionLogsBody(fixture('action-logs'), 'al-1')),
    statusHistory:
      (await writeStatusHistory(tx, merchantId, normaliseStatusHistoryBody(fixture('status-history-order')))) +
      (await writeStatusHistory(tx, merchantId, normaliseStatusHistoryBody(fixture('status-history-list')))),
    historyChanges: await writeHistoryChanges(tx, merchantId, normaliseHistoryChangesBody(fixture('history-changes'), 'order')),
    traces: await writeTraces(tx, merchantId, normaliseTracesBody(fixture('traces'), '4711')),
  }));
}

describe('writers', () => {
  it('leave the database exactly as it was when the same input is written twice', async () => {
    const m = newMerchant();
    const counts = await importEverything(m);
    expect(counts).toEqual({
      merchant: undefined, orders: 2, links: 4, actionLogs: 5, statusHistory: 4, historyChanges: 6, traces: 2,
    });
    const before = await contents(m);
    expect(before.orders.map((o) => o.id)).toEqual([SECOND, FIRST]);
    expect(before.orderItems).toHaveLength(2);
    expect(before.orders[1]!.raw).toEqual(fixture('order-search').items[0]);
    expect(before.orders[1]!.total).toEqual({ cents: 500, dollars: 500, currency_iso: 'TWD', currency_symbol: 'NT$', label: 'NT$500' });
    const xmin = () => database.rows<{ xmin: string }>(sql`
      select xmin::text from orders where merchant_id = ${m}
      union all select xmin::text from order_items where merchant_id = ${m}
      union all select xmin::text from status_history where merchant_id = ${m}
      union all select xmin::text from history_changes where merchant_id = ${m}
      union all select xmin::text from action_logs where merchant_id = ${m}
      union all select xmin::text from traces where merchant_id = ${m}`);
    const versionsBefore = await xmin();

    expect(await importEverything(m)).toEqual(counts);
    expect(await contents(m)).toEqual(before);
    // Unchanged rows are not even rewritten.
    expect(await xmin()).toEqual(versionsBefore);
  });

  it('store an absent change value as SQL NULL and a present one boxed', async () => {
    const m = newMerchant();
    await writeHistoryChanges(db, m, normaliseHistoryChangesBody(fixture('history-changes'), 'order'));
    const rows = await database.rows<{ id: string; old_value: unknown; absent: boolean }>(sql`
      select id::text, old_value, old_value is null as absent from history_changes where merchant_id = ${m} order by id`);
    expect(rows.map((r) => [r.id, r.absent, r.old_value])).toEqual([
      ['901', false, { v: 250.5 }], ['902', true, null], ['903', false, { v: false }], ['904', true, null],
      ['905', false, { v: { code: 'new' } }], ['906', false, { v: null }],
    ]);
  });

  it('resolve upstream order ids through order links, per merchant and per system', async () => {
    const m = newMerchant();
    const other = newMerchant();
    await importEverything(m);
    await writeStatusHistory(db, other, normaliseStatusHistoryBody(fixture('status-history-order')));
    const { statusHistory: entries, historyChanges: changes, traces: traceRows, actionLogs: logs } = await contents(m);
    expect(entries.map((e) => [e.id, e.orderId, e.upstreamOrderId])).toEqual([
      [8, FIRST, '416'], [440, '713', '713'], [483, '150', '150'], [743, '938', '938'],
    ]);
    expect(changes.map((c) => [c.id, c.orderId, c.upstreamOrderId])).toEqual([
      [901, SECOND, '7001'], [902, SECOND, '7001'], [903, SECOND, '7001'], [904, SECOND, '7001'],
      [905, SECOND, '7001'], [906, '7003', '7003'],
    ]);
    expect(new Set(traceRows.map((t) => [t.orderId, t.upstreamOrderId].join()))).toEqual(new Set([`${FIRST},4711`]));
    expect(new Set(logs.map((l) => [l.orderId, l.upstreamOrderId].join()))).toEqual(new Set([`${SECOND},al-1`]));
    // Another merchant's links do not apply.
    expect((await contents(other)).statusHistory.map((e) => e.orderId)).toEqual(['416', '938']);
  });

  it('move history of every source already written when its link arrives later, and again when it changes', async () => {
    const m = newMerchant();
    await writeStatusHistory(db, m, normaliseStatusHistoryBody(fixture('status-history-order')));
    await writeHistoryChanges(db, m, normaliseHistoryChangesBody(fixture('history-changes'), 'order'));
    await writeActionLogs(db, m, normaliseActionLogsBody(fixture('action-logs'), 'al-1'));
    await writeTraces(db, m, normaliseTracesBody(fixture('traces'), '4711'));
    const link = (target: string) => writeOrderLinks(db, m, [
      { system: 'status-history', externalId: '416', orderId: target },
      { system: 'history-changes', externalId: '7003', orderId: target },
      { system: 'action-logs', externalId: 'al-1', orderId: target },
      { system: 'traces', externalId: '4711', orderId: target },
    ]);
    const orderIds = async () => {
      const c = await contents(m);
      return {
        statusHistory: c.statusHistory.map((e) => e.orderId),
        historyChanges: c.historyChanges.map((e) => e.orderId),
        actionLogs: [...new Set(c.actionLogs.map((e) => e.orderId))],
        traces: [...new Set(c.traces.map((e) => e.orderId))],
      };
    };
    for (const target of [FIRST, SECOND]) {
      await link(target);
      expect(await orderIds()).toEqual({
        statusHistory: [target, '938'],
        historyChanges: ['7001', '7001', '7001', '7001', '7001', target],
        actionLogs: [target],
        traces: [target],
      });
    }
  });

  it('keep the upstream order id of rows built by hand without one', async () => {
    const m = newMerchant();
    const [log] = normaliseActionLogsBody(fixture('action-logs'), 'al-9');
    await writeActionLogs(db, m, [{ ...log!, upstreamOrderId: undefined }]);
    expect((await contents(m)).actionLogs.map((l) => [l.orderId, l.upstreamOrderId])).toEqual([['al-9', 'al-9']]);
  });

  it('replace an order’s items on re-import and leave other orders’ items alone', async () => {
    const m = newMerchant();
    await writeOrders(db, m, normaliseOrdersBody(fixture('order-search')));
    const body = fixture('order-search');
    const [item] = body.items[0].subtotal_items;
    body.items[0].subtotal_items = [
      { ...item, id: 'new-1', quantity: 3 },
      { ...item, id: 'new-2', item_price: undefined },
    ];
    body.items = [body.items[0]];
    await writeOrders(db, m, normaliseOrdersBody(body));
    const rows = (await contents(m)).orderItems.map((i) => [i.orderId, i.id, i.position, i.quantity, i.itemPrice?.cents ?? null]);
    expect(rows).toEqual([
      [SECOND, '5f43f05de388093f603a3ac3', 0, 1, 13],
      [FIRST, 'new-1', 0, 3, 13],
      [FIRST, 'new-2', 1, 1, null], // no item_price: none (price is a price of its own)
    ]);
    body.items[0].subtotal_items = [];
    await writeOrders(db, m, normaliseOrdersBody(body));
    expect((await contents(m)).orderItems.map((i) => i.orderId)).toEqual([SECOND]);
  });

  it('resolve ids in one query, an unlinked id mapping to itself', async () => {
    const m = newMerchant();
    await writeOrderLinks(db, m, [{ system: 'traces', externalId: 't1', orderId: 'c1' }]);
    const statements: string[] = [];
    const stop = database.onStatement((statement) => statements.push(statement));
    try {
      const ids = Array.from({ length: 70_000 }, (_, i) => `t${i}`); // beyond PostgreSQL's bind parameter limit
      const resolved = await resolveOrderIds(db, m, 'traces', [...ids, 't1']);
      expect(statements).toHaveLength(1);
      expect(resolved.size).toBe(70_000);
      expect(resolved.get('t1')).toBe('c1');
      expect(resolved.get('t2')).toBe('t2');
      expect((await resolveOrderIds(db, m, 'status-history', ['t1'])).get('t1')).toBe('t1');
      expect((await resolveOrderIds(db, m, 'traces', [])).size).toBe(0);
      expect(statements).toHaveLength(2);
    } finally {
      stop();
    }
  });

  it('write at most 500 rows per statement and collapse repeated records to the last', async () => {
    const m = newMerchant();
    const entry = (id: number, statusId = 1): StatusHistoryInput => ({
      id, orderId: 'o', upstreamOrderId: 'o', statusId, createdAt: new Date(1_700_000_000_000 + id), raw: { id },
    });
    const input = [...Array.from({ length: 1_201 }, (_, i) => entry(i + 1)), entry(7, 3.1)];
    const inserts: string[] = [];
    const stop = database.onStatement((s) => s.startsWith('insert into "status_history"') && inserts.push(s));
    try {
      expect(await writeStatusHistory(db, m, input)).toBe(1_201);
    } finally {
      stop();
    }
    expect(inserts).toHaveLength(3);
    const [row] = await database.rows<{ count: number; status: number }>(sql`
      select count(*)::int as count, max(status_id) filter (where id = 7) as status
      from status_history where merchant_id = ${m}`);
    expect(row).toEqual({ count: 1_201, status: 3.1 });
  });

  it('write nothing when the caller’s transaction rolls back', async () => {
    const m = newMerchant();
    await expect(
      db.transaction(async (tx) => {
        await writeTraces(tx, m, normaliseTracesBody(fixture('traces'), '1'));
        throw new Error('bad record later in the file');
      }),
    ).rejects.toThrow('bad record');
    expect((await contents(m)).traces).toEqual([]);
  });
});
