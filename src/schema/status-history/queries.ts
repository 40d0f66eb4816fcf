/**
 * Status history lists: `Order.statusHistory`, and the merchant-wide `statusHistory` (cursor form)
 * and `statusHistoryPage` (page form, as upstream). Newest first: `created_at desc, id desc`.
 */
import { sql, type SQL } from 'drizzle-orm';
import { builder } from '../builder.js';
import { DateTimeRangeRef, rangeConditions } from '../common/date-range.js';
import { OrderRef } from '../order/types.js';
import { decodeRow, keysFor, selectList } from '../pagination/columns.js';
import { topLevelList } from '../pagination/fields.js';
import { nestedList } from '../pagination/loader.js';
import type { ListSource, SortKey } from '../pagination/query.js';
import type { ListNeeds } from '../pagination/selection.js';
import { connectionArgs, connectionType, pageType } from '../pagination/types.js';
import { STATUS_HISTORY_KIND, STATUS_HISTORY_SHAPE, StatusHistoryEntryRef, type StatusHistoryNode } from './types.js';

export const StatusHistoryConnectionRef = connectionType<StatusHistoryNode>('StatusHistory', StatusHistoryEntryRef);
const StatusHistoryPageRef = pageType<StatusHistoryNode>('StatusHistory', StatusHistoryEntryRef);

const StatusHistoryFilterRef = builder.inputType('StatusHistoryFilter', {
  description: 'Status-history filters, as upstream; all given ones must match.',
  fields: (t) => ({
    orderId: t.id({ required: false, description: "The order's canonical id, or its id in status history." }),
    statusId: t.float({ required: false, description: 'Only entries of this status.' }),
    userId: t.int({ required: false, description: 'Only entries set by this user.' }),
    createdAt: t.field({ type: DateTimeRangeRef, required: false, description: 'Only entries created in this span.' }),
  }),
});
type StatusHistoryFilter = typeof StatusHistoryFilterRef.$inferInput;

const SORT: SortKey[] = [
  { expr: sql`sh.created_at`, direction: 'desc', type: 'timestamptz' },
  { expr: sql`sh.id`, direction: 'desc', type: 'bigint' },
];

function list(name: string, key: unknown, needs: ListNeeds, where: SQL[], nested: boolean): ListSource<StatusHistoryNode> {
  const columns = keysFor(STATUS_HISTORY_SHAPE, needs.nodeFields);
  return {
    name,
    key,
    relation: STATUS_HISTORY_KIND.relation,
    ...(nested ? { parent: STATUS_HISTORY_KIND.orderColumn } : {}),
    where,
    sort: SORT,
    select: selectList(STATUS_HISTORY_SHAPE, columns),
    toNode: (row) => ({ source: 'STATUS_HISTORY', row: decodeRow(STATUS_HISTORY_SHAPE, columns, row) }),
  };
}

function filterConditions(filter: StatusHistoryFilter | null | undefined): SQL[] {
  const f = filter ?? {};
  const c: SQL[] = [];
  if (f.orderId != null) c.push(sql`(sh.order_id = ${String(f.orderId)} or sh.upstream_order_id = ${String(f.orderId)})`);
  if (f.statusId != null) c.push(sql`sh.status_id = ${f.statusId}`);
  if (f.userId != null) c.push(sql`sh.user_id = ${f.userId}`);
  c.push(...rangeConditions(sql`sh.created_at`, f.createdAt, 'filter.createdAt'));
  return c;
}

const byOrder = nestedList((_ctx, _args, needs) => list('Order.statusHistory', null, needs, [], true));

topLevelList<{ filter?: StatusHistoryFilter | null }, StatusHistoryNode>({
  name: 'statusHistory',
  pageName: 'statusHistoryPage',
  perPageName: 'itemsPerPage',
  defaultPerPage: 25,
  connection: StatusHistoryConnectionRef,
  page: StatusHistoryPageRef,
  description: "The merchant's status history, newest first",
  args: (arg) => ({ filter: arg({ type: StatusHistoryFilterRef, required: false, description: 'Only entries matching every given filter.' }) }),
  source: (_ctx, args, needs) => list('statusHistory', args.filter ?? null, needs, filterConditions(args.filter), false),
});

builder.objectField(OrderRef, 'statusHistory', (t) =>
  t.field({
    type: StatusHistoryConnectionRef,
    description: "This order's status history, newest first.",
    args: connectionArgs(t.arg),
    resolve: (order, args, ctx, info) => byOrder(ctx, order.id, args, info),
  }),
);
