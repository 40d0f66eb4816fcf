/**
 * `order`, `orders` (cursor form) and `ordersPage` (page form).
 */
import { builder } from '../builder.js';
import { decodeRow, selectList } from '../pagination/columns.js';
import { topLevelList } from '../pagination/fields.js';
import type { ListSource, RawRow } from '../pagination/query.js';
import type { ListNeeds } from '../pagination/selection.js';
import { connectionType, pageType } from '../pagination/types.js';
import type { Context } from '../../context.js';
import { OrderFilterRef, orderFilterConditions, OrderOrderRef, orderSort, type OrderFilter, type OrderOrder } from './filter.js';
import { loadOrder, ORDER_RELATION, ORDER_SHAPE, orderKeys, rememberOrders, type OrderKey, type OrderView } from './loaders.js';
import { OrderRef } from './types.js';

const OrderConnectionRef = connectionType<OrderView>('Order', OrderRef);
const OrderPageRef = pageType<OrderView>('Order', OrderRef);

function orderList(ctx: Context, filter: OrderFilter | null | undefined, order: OrderOrder | null | undefined, needs: ListNeeds): ListSource<OrderView> {
  const keys = orderKeys(needs.nodeFields);
  return {
    name: 'orders', key: [filter ?? null, order ?? null],
    relation: ORDER_RELATION,
    where: orderFilterConditions(filter),
    sort: orderSort(order),
    select: selectList(ORDER_SHAPE, keys),
    toNode: (row: RawRow) => {
      // Remembered, so a link to a listed order (a split's parent, say) costs nothing.
      const view = decodeRow<OrderKey, OrderView>(ORDER_SHAPE, keys, row);
      rememberOrders(ctx, [view]);
      return view;
    },
  };
}

builder.queryFields((t) => ({
  order: t.field({
    type: OrderRef,
    nullable: true,
    description: 'An order by its canonical id; null when it does not exist or belongs to another merchant.',
    args: { id: t.arg.id({ required: true, description: "The order's canonical (order-search) id." }) },
    resolve: (_root, args, ctx, info) => loadOrder(ctx, String(args.id), info),
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
    filter: arg({ type: OrderFilterRef, required: false, description: 'Only orders matching every given filter.' }),
    orderBy: arg({ type: OrderOrderRef, required: false, description: 'The sort order (default: newest first).' }),
  }),
  source: (ctx, args, needs) => orderList(ctx, args.filter, args.orderBy, needs),
});
