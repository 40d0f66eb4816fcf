/**
 * Idempotent writers: each upserts by primary key, so a second run of the same input leaves the
 * database as it was. They take a `Db`, which may be a transaction the caller opened; none opens one.
 */
import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import {
  actionLogs, historyChanges, merchants, orderItems, orderRefs, orders, statusHistory, traces,
} from '../db/schema.js';
import type { ActionLogInput } from './action-logs.js';
import type { HistoryChangeInput } from './history-changes.js';
import type { NormalisedOrder } from './orders.js';
import type { StatusHistoryInput } from './status-history.js';
import type { TraceInput } from './traces.js';

/** Rows per statement: well under PostgreSQL's 65,535 bind parameters even for `orders`. */
const CHUNK = 500;

/** The `--source` names of the upstreams whose order ids `order-links` maps. */
export const LINK_SYSTEMS = ['action-logs', 'status-history', 'history-changes', 'traces'] as const;
export type LinkSystem = (typeof LINK_SYSTEMS)[number];
export interface OrderLink {
  system: LinkSystem;
  externalId: string;
  orderId: string;
}

function chunks<T>(rows: T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < rows.length; i += size) result.push(rows.slice(i, i + size));
  return result;
}

/** The last row for each key: one statement may not upsert the same row twice. */
function lastByKey<T>(rows: T[], key: (row: T) => string): T[] {
  return [...new Map(rows.map((row) => [key(row), row])).values()];
}

/** A JSON array as one bind parameter, so a list of any length costs one parameter, not one each. */
/**
 * `= any(<values>)`, the list one JSON parameter: an index condition, where `in (select …)` let the
 * planner of a freshly loaded table scan every row of the merchant once per value.
 */
const inList = (values: string[]): SQL => sql`= any(array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)))`;

/** Inserts `rows`; a row whose key exists replaces every other column, and is left alone when nothing differs. */
async function upsert<T extends PgTable>(
  db: Db,
  table: T,
  key: PgColumn[],
  rows: T['$inferInsert'][],
): Promise<number> {
  const set: Record<string, SQL> = {};
  for (const [name, column] of Object.entries(getTableColumns(table))) {
    // Generated columns follow the columns they are made from.
    if (!key.includes(column) && !column.generated) set[name] = sql`excluded.${sql.identifier(column.name)}`;
  }
  // Skipping unchanged rows keeps a re-import from rewriting (and bloating) every row.
  const setWhere = sql`(${table}.*) is distinct from (excluded.*)`;
  for (const chunk of chunks(rows)) {
    await db.insert(table).values(chunk).onConflictDoUpdate({ target: key, set, setWhere });
  }
  return rows.length;
}

export async function ensureMerchant(db: Db, merchantId: string): Promise<void> {
  await db.insert(merchants).values({ id: merchantId }).onConflictDoNothing();
}

/**
 * Upserts orders and makes each one's items exactly those given. Items are upserted and only the ones an
 * order no longer has are deleted, so re-importing an unchanged order rewrites nothing. Returns the orders.
 */
export async function writeOrders(db: Db, merchantId: string, input: NormalisedOrder[]): Promise<number> {
  const rows = lastByKey(input, ({ order }) => order.id);
  for (const chunk of chunks(rows)) {
    await upsert(db, orders, [orders.merchantId, orders.id], chunk.map(({ order }) => ({ ...order, merchantId })));
    const items = chunk.flatMap(({ order, items }) =>
      items.map((item) => ({ ...item, merchantId, orderId: order.id })),
    );
    const kept = JSON.stringify(items.map((item) => [item.orderId, item.id]));
    await db.execute(sql`
      delete from ${orderItems} where merchant_id = ${merchantId}
        and order_id ${inList(chunk.map(({ order }) => order.id))}
        and (order_id, id) not in (select e->>0, e->>1 from jsonb_array_elements(${kept}::jsonb) e)`);
    await upsert(db, orderItems, [orderItems.merchantId, orderItems.orderId, orderItems.id], items);
  }
  return rows.length;
}

/**
 * Upserts `order-links` entries. History already written under a linked upstream id moves to the
 * linked order, so links and history may arrive in either order.
 */
export async function writeOrderLinks(db: Db, merchantId: string, links: OrderLink[]): Promise<number> {
  const rows = lastByKey(links, (link) => `${link.system}\u0000${link.externalId}`);
  await upsert(
    db,
    orderRefs,
    [orderRefs.merchantId, orderRefs.system, orderRefs.externalId],
    rows.map((link) => ({ ...link, merchantId })),
  );
  for (const [table, system] of [
    [statusHistory, 'status-history'],
    [historyChanges, 'history-changes'],
    [actionLogs, 'action-logs'],
    [traces, 'traces'],
  ] as const) {
    const externalIds = rows.filter((link) => link.system === system).map((link) => link.externalId);
    if (externalIds.length === 0) continue;
    await db.execute(sql`
      update ${table} set order_id = r.order_id
      from ${orderRefs} r
      where r.merchant_id = ${merchantId} and r.system = ${system} and r.external_id ${inList(externalIds)}
        and ${table}.merchant_id = ${merchantId} and ${table}.upstream_order_id = r.external_id
        and ${table}.order_id is distinct from r.order_id`);
  }
  return rows.length;
}

/** Canonical order ids for one upstream's ids, in one query; an id without a link maps to itself. */
export async function resolveOrderIds(
  db: Db,
  merchantId: string,
  system: LinkSystem,
  upstreamIds: string[],
): Promise<Map<string, string>> {
  const ids = [...new Set(upstreamIds)];
  const resolved = new Map(ids.map((id) => [id, id]));
  if (ids.length === 0) return resolved;
  const links = await db
    .select({ externalId: orderRefs.externalId, orderId: orderRefs.orderId })
    .from(orderRefs)
    .where(
      and(
        eq(orderRefs.merchantId, merchantId),
        eq(orderRefs.system, system),
        sql`${orderRefs.externalId} ${inList(ids)}`,
      ),
    );
  for (const link of links) resolved.set(link.externalId, link.orderId);
  return resolved;
}

/** Rows whose `orderId` is an upstream id, moved to their canonical order; the upstream id stays beside it. */
async function canonical<T extends { orderId: string; upstreamOrderId?: string | null }>(
  db: Db,
  merchantId: string,
  system: LinkSystem,
  rows: T[],
): Promise<(T & { merchantId: string; upstreamOrderId: string })[]> {
  const ids = await resolveOrderIds(db, merchantId, system, rows.map((row) => row.upstreamOrderId ?? row.orderId));
  return rows.map((row) => {
    const upstreamOrderId = row.upstreamOrderId ?? row.orderId;
    return { ...row, merchantId, upstreamOrderId, orderId: ids.get(upstreamOrderId) ?? upstreamOrderId };
  });
}

export async function writeActionLogs(db: Db, merchantId: string, input: ActionLogInput[]): Promise<number> {
  const rows = await canonical(db, merchantId, 'action-logs', lastByKey(input, (row) => row.id));
  return upsert(db, actionLogs, [actionLogs.merchantId, actionLogs.id], rows);
}

export async function writeStatusHistory(db: Db, merchantId: string, input: StatusHistoryInput[]): Promise<number> {
  const rows = await canonical(db, merchantId, 'status-history', lastByKey(input, (row) => String(row.id)));
  return upsert(db, statusHistory, [statusHistory.merchantId, statusHistory.id], rows);
}

export async function writeHistoryChanges(db: Db, merchantId: string, input: HistoryChangeInput[]): Promise<number> {
  const unique = lastByKey(input, (row) => `${row.entity}:${row.id}`);
  const ids = await resolveOrderIds(
    db,
    merchantId,
    'history-changes',
    unique.flatMap((row) => (row.upstreamOrderId ? [row.upstreamOrderId] : [])),
  );
  const rows = unique.map((row) => ({
    ...row,
    merchantId,
    orderId: row.upstreamOrderId ? (ids.get(row.upstreamOrderId) ?? row.upstreamOrderId) : null,
  }));
  return upsert(db, historyChanges, [historyChanges.merchantId, historyChanges.entity, historyChanges.id], rows);
}

export async function writeTraces(db: Db, merchantId: string, input: TraceInput[]): Promise<number> {
  const rows = await canonical(db, merchantId, 'traces', lastByKey(input, (row) => row.id));
  return upsert(db, traces, [traces.merchantId, traces.id], rows);
}
