/**
 * Per-request batch loaders for orders and what hangs off them: one statement per kind of thing,
 * however many orders a request touches. Every one is scoped to the caller's merchant.
 */
import DataLoader from 'dataloader';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { perRequest, type Context } from '../../context.js';
import { columnsExcept } from '../../db/rows.js';
import { orderItems, orderRefs, orders, type OrderItemRow, type OrderRow } from '../../db/schema.js';

/**
 * An order as the API reads it: every column but the stored upstream body and the search text,
 * which no field serves and which are by far the widest.
 */
export const UNSERVED_ORDER_COLUMNS = ['raw', 'searchText'] as const;
export type OrderView = Omit<OrderRow, (typeof UNSERVED_ORDER_COLUMNS)[number]>;
const servedColumns = columnsExcept(orders, UNSERVED_ORDER_COLUMNS);

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row)) ?? [];
    list.push(row);
    groups.set(key(row), list);
  }
  return groups;
}

/** Orders by canonical id; another merchant's order is null, like one that does not exist. */
export const orderById = perRequest(
  (ctx: Context) =>
    new DataLoader<string, OrderView | null>(async (ids) => {
      const rows = await ctx.db
        .select(servedColumns)
        .from(orders)
        .where(and(eq(orders.merchantId, ctx.principal.merchantId), inArray(orders.id, [...ids])));
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
);

/** Primes the order loader with rows a list already read, so links to them cost nothing. */
export function primeOrders(ctx: Context, rows: OrderView[]): void {
  const loader = orderById(ctx);
  for (const row of rows) loader.prime(row.id, row);
}

export const itemsByOrder = perRequest(
  (ctx: Context) =>
    new DataLoader<string, OrderItemRow[]>(async (orderIds) => {
      const rows = await ctx.db
        .select()
        .from(orderItems)
        .where(and(eq(orderItems.merchantId, ctx.principal.merchantId), inArray(orderItems.orderId, [...orderIds])))
        .orderBy(asc(orderItems.orderId), asc(orderItems.position));
      const groups = groupBy(rows, (row) => row.orderId);
      return orderIds.map((id) => groups.get(id) ?? []);
    }),
);

export const refsByOrder = perRequest(
  (ctx: Context) =>
    new DataLoader<string, { system: string; externalId: string }[]>(async (orderIds) => {
      const rows = await ctx.db
        .select({ orderId: orderRefs.orderId, system: orderRefs.system, externalId: orderRefs.externalId })
        .from(orderRefs)
        .where(and(eq(orderRefs.merchantId, ctx.principal.merchantId), inArray(orderRefs.orderId, [...orderIds])))
        .orderBy(asc(orderRefs.system), asc(orderRefs.externalId));
      const groups = groupBy(rows, (row) => row.orderId);
      return orderIds.map((id) => groups.get(id) ?? []);
    }),
);
