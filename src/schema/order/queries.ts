/**
 * `order`, `orders` (cursor form) and `ordersPage` (page form).
 */
import { sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { orders, type OrderRow } from '../../db/schema.js';
import { mapRow, selectColumns } from '../../db/rows.js';
import { builder } from '../builder.js';
import { pageRequest } from '../pagination/args.js';
import { fetchConnection, fetchOffsetPage, mapConnection, type ListSource, type RawRow } from '../pagination/query.js';
import { connectionArgs, connectionType, pageType } from '../pagination/types.js';
import { OrderFilterRef, orderFilterConditions, OrderOrderRef, orderSort, type OrderFilter, type OrderOrder } from './filter.js';
import { orderById, primeOrders } from './loaders.js';
import { OrderRef } from './types.js';

const OrderConnectionRef = connectionType<OrderRow>('Order', OrderRef);
const OrderPageRef = pageType<OrderRow>('Order', OrderRef);

function orderList(ctx: Context, filter: OrderFilter | null | undefined, order: OrderOrder | null | undefined): ListSource {
  const conditions = [sql`o.merchant_id = ${ctx.principal.merchantId}`, ...orderFilterConditions(filter)];
  return {
    signature: ['orders', filter ?? null, order ?? null],
    from: sql`orders o`,
    select: selectColumns(orders, 'o'),
    where: () => sql.join(conditions, sql` and `),
    sort: orderSort(order),
  };
}

function toOrders(ctx: Context, rows: RawRow[]): OrderRow[] {
  const mapped = rows.map((row) => mapRow(orders, row));
  primeOrders(ctx, mapped);
  return mapped;
}

builder.queryFields((t) => ({
  order: t.field({
    type: OrderRef,
    nullable: true,
    description: "An order by its canonical id; null when it does not exist or belongs to another merchant.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => orderById(ctx).load(String(args.id)),
  }),
  orders: t.field({
    type: OrderConnectionRef,
    description: 'Orders, cursor form (newest first unless `orderBy` says otherwise).',
    args: {
      filter: t.arg({ type: OrderFilterRef, required: false }),
      orderBy: t.arg({ type: OrderOrderRef, required: false }),
      ...connectionArgs(t.arg),
    },
    resolve: async (_root, args, ctx) => {
      const page = await fetchConnection(ctx.database, ctx.db, orderList(ctx, args.filter, args.orderBy), args);
      const rows = toOrders(ctx, page.edges.map((edge) => edge.node));
      return mapConnection(page, (_row) => rows.shift()!);
    },
  }),
  ordersPage: t.field({
    type: OrderPageRef,
    description: 'Orders, page form: at most 10,000 rows deep (`page * perPage`); use `orders` beyond.',
    args: {
      filter: t.arg({ type: OrderFilterRef, required: false }),
      orderBy: t.arg({ type: OrderOrderRef, required: false }),
      page: t.arg.int({ required: false, defaultValue: 1 }),
      perPage: t.arg.int({ required: false, defaultValue: 24 }),
    },
    resolve: async (_root, args, ctx) => {
      const request = pageRequest(args.page ?? 1, args.perPage ?? 24, 'perPage', 'orders');
      const page = await fetchOffsetPage(ctx.database, ctx.db, orderList(ctx, args.filter, args.orderBy), request);
      return { items: toOrders(ctx, page.items), pageInfo: page.pageInfo };
    },
  }),
}));
