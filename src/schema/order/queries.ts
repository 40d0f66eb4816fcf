/**
 * `order`, `orders` (cursor form) and `ordersPage` (page form).
 */
import { sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { orders } from '../../db/schema.js';
import { mapRow, selectColumns } from '../../db/rows.js';
import { builder } from '../builder.js';
import { topLevelList } from '../pagination/fields.js';
import type { ListSource, RawRow } from '../pagination/query.js';
import { connectionType, pageType } from '../pagination/types.js';
import { OrderFilterRef, orderFilterConditions, OrderOrderRef, orderSort, type OrderFilter, type OrderOrder } from './filter.js';
import { orderById, primeOrders, UNSERVED_ORDER_COLUMNS, type OrderView } from './loaders.js';
import { OrderRef } from './types.js';

const OrderConnectionRef = connectionType<OrderView>('Order', OrderRef);
const OrderPageRef = pageType<OrderView>('Order', OrderRef);

function orderList(ctx: Context, filter: OrderFilter | null | undefined, order: OrderOrder | null | undefined): ListSource {
  const conditions = [sql`o.merchant_id = ${ctx.principal.merchantId}`, ...orderFilterConditions(filter)];
  return {
    signature: ['orders', filter ?? null, order ?? null],
    from: sql`orders o`,
    select: selectColumns(orders, 'o', UNSERVED_ORDER_COLUMNS),
    where: () => sql.join(conditions, sql` and `),
    sort: orderSort(order),
  };
}

/** Maps a listed row and primes the order loader with it, so links to it cost nothing. */
function toOrder(row: RawRow, ctx: Context): OrderView {
  const order = mapRow(orders, row) as OrderView;
  primeOrders(ctx, [order]);
  return order;
}

builder.queryFields((t) => ({
  order: t.field({
    type: OrderRef,
    nullable: true,
    description: "An order by its canonical id; null when it does not exist or belongs to another merchant.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => orderById(ctx).load(String(args.id)),
  }),
}));

topLevelList<{ filter?: OrderFilter | null; orderBy?: OrderOrder | null }, OrderView>({
  name: 'orders',
  pageName: 'ordersPage',
  perPageName: 'perPage',
  defaultPerPage: 24,
  connection: OrderConnectionRef,
  page: OrderPageRef,
  description: 'Orders, newest first unless `orderBy` says otherwise',
  args: (arg) => ({
    filter: arg({ type: OrderFilterRef, required: false }),
    orderBy: arg({ type: OrderOrderRef, required: false }),
  }),
  source: (ctx, args) => orderList(ctx, args.filter, args.orderBy),
  toNode: toOrder,
});
