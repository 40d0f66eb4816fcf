/**
 * Status history lists: `Order.statusHistory`, and the merchant-wide `statusHistory` (cursor form)
 * and `statusHistoryPage` (page form, as upstream). Newest first: `created_at desc, id desc`.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { mapRow, selectColumns } from '../../db/rows.js';
import { statusHistory } from '../../db/schema.js';
import { builder } from '../builder.js';
import { DateTimeRangeRef, rangeConditions } from '../common/date-range.js';
import { OrderRef } from '../order/types.js';
import { topLevelList } from '../pagination/fields.js';
import { parentConnectionLoader } from '../pagination/loader.js';
import { mapConnection, type ListSource, type RawRow, type SortKey } from '../pagination/query.js';
import { connectionArgs, connectionType, pageType } from '../pagination/types.js';
import { statusHistoryEvent, StatusHistoryEntryRef, type StatusHistoryEvent } from './types.js';

export const StatusHistoryConnectionRef = connectionType<StatusHistoryEvent>('StatusHistory', StatusHistoryEntryRef);
const StatusHistoryPageRef = pageType<StatusHistoryEvent>('StatusHistory', StatusHistoryEntryRef);

const StatusHistoryFilterRef = builder.inputType('StatusHistoryFilter', {
  description: 'Status-history filters, as upstream; all given ones must match.',
  fields: (t) => ({
    orderId: t.id({ required: false, description: "The order's canonical id, or its id in status history." }),
    statusId: t.float({ required: false }),
    userId: t.int({ required: false }),
    createdAt: t.field({ type: DateTimeRangeRef, required: false }),
  }),
});
type StatusHistoryFilter = typeof StatusHistoryFilterRef.$inferInput;

const SORT: SortKey[] = [
  { expr: sql`sh.created_at`, direction: 'desc', type: 'timestamptz' },
  { expr: sql`sh.id`, direction: 'desc', type: 'bigint' },
];

function list(signature: unknown, where: (parent: SQL) => SQL): ListSource {
  return { signature, from: sql`${statusHistory} sh`, select: selectColumns(statusHistory, 'sh'), where, sort: SORT };
}

function merchantList(ctx: Context, filter: StatusHistoryFilter | null | undefined): ListSource {
  const f = filter ?? {};
  const c: SQL[] = [sql`sh.merchant_id = ${ctx.principal.merchantId}`];
  if (f.orderId != null) c.push(sql`(sh.order_id = ${String(f.orderId)} or sh.upstream_order_id = ${String(f.orderId)})`);
  if (f.statusId != null) c.push(sql`sh.status_id = ${f.statusId}`);
  if (f.userId != null) c.push(sql`sh.user_id = ${f.userId}`);
  c.push(...rangeConditions(sql`sh.created_at`, f.createdAt, 'filter.createdAt'));
  return list(['statusHistory', filter ?? null], () => sql.join(c, sql` and `));
}

const byOrder = parentConnectionLoader((ctx) =>
  list(['Order.statusHistory'], (order) => sql`sh.merchant_id = ${ctx.principal.merchantId} and sh.order_id = ${order}`),
);

const toEvent = (row: RawRow) => statusHistoryEvent(mapRow(statusHistory, row));

topLevelList<{ filter?: StatusHistoryFilter | null }, StatusHistoryEvent>({
  name: 'statusHistory',
  pageName: 'statusHistoryPage',
  perPageName: 'itemsPerPage',
  defaultPerPage: 25,
  connection: StatusHistoryConnectionRef,
  page: StatusHistoryPageRef,
  description: "The merchant's status history, newest first",
  args: (arg) => ({ filter: arg({ type: StatusHistoryFilterRef, required: false }) }),
  source: (ctx, args) => merchantList(ctx, args.filter),
  toNode: toEvent,
});

builder.objectField(OrderRef, 'statusHistory', (t) =>
  t.field({
    type: StatusHistoryConnectionRef,
    description: "This order's status history, newest first.",
    args: connectionArgs(t.arg),
    resolve: async (order, args, ctx) => mapConnection(await byOrder(ctx, order.id, args), toEvent),
  }),
);
