/**
 * Change history lists: `Order.historyChanges`, and the merchant-wide `historyChanges` (cursor
 * form) and `historyChangesPage` (page form, as upstream). Oldest first by id, the order a sync
 * client applies changes in; entity breaks ties, since order and pack changes number separately.
 */
import { sql, type SQL } from 'drizzle-orm';
import { badInput } from '../../errors.js';
import { builder } from '../builder.js';
import { DateTimeRangeRef, rangeConditions } from '../common/date-range.js';
import { OrderRef } from '../order/types.js';
import type { ConnectionArgs } from '../pagination/args.js';
import { decodeRow, keysFor, selectList } from '../pagination/columns.js';
import { topLevelList } from '../pagination/fields.js';
import { nestedList } from '../pagination/loader.js';
import type { ListSource, SortKey } from '../pagination/query.js';
import type { ListNeeds } from '../pagination/selection.js';
import { connectionArgs, connectionType, pageType } from '../pagination/types.js';
import {
  changeSource, HISTORY_CHANGE_KIND, HISTORY_CHANGE_SHAPE, HistoryChangeRef, HistoryEntityRef, type HistoryChangeNode,
} from './types.js';

const HistoryChangeConnectionRef = connectionType<HistoryChangeNode>('HistoryChange', HistoryChangeRef);
const HistoryChangePageRef = pageType<HistoryChangeNode>('HistoryChange', HistoryChangeRef);

const HistoryChangeFilterRef = builder.inputType('HistoryChangeFilter', {
  description: 'Change-history filters; all given ones must match.',
  fields: (t) => ({
    entity: t.field({ type: HistoryEntityRef, required: false, description: 'Only changes about this entity.' }),
    sinceId: t.id({ required: false, description: 'Only changes with a numerically greater id (the last id you processed).' }),
    orderId: t.id({ required: false, description: "The order's canonical id, or its id in change history." }),
    fields: t.stringList({ required: false, description: 'Changed field names, e.g. `status`, `discount`.' }),
    changeSources: t.field({ type: [changeSource.ref], required: false, description: 'Only changes made this way.' }),
    createdAt: t.field({ type: DateTimeRangeRef, required: false, description: 'Only changes made in this span.' }),
  }),
});
type HistoryChangeFilter = typeof HistoryChangeFilterRef.$inferInput;

const SORT: SortKey[] = [
  { expr: sql`hc.id`, direction: 'asc', type: 'bigint' },
  { expr: sql`hc.entity`, direction: 'asc', type: 'text' },
];

const inList = (items: readonly string[]) => sql.join(items.map((item) => sql`${item}`), sql`, `);

/** `fields` and `changeSources`, shared by both list forms; an empty list matches nothing. */
function commonConditions(fields: readonly string[] | null | undefined, sources: readonly string[] | null | undefined): SQL[] {
  const c: SQL[] = [];
  if (fields) c.push(fields.length ? sql`hc.field in (${inList(fields)})` : sql`false`);
  if (sources) c.push(changeSource.condition(sql`hc.source`, sources));
  return c;
}

function list(name: string, key: unknown, needs: ListNeeds, where: SQL[], nested: boolean): ListSource<HistoryChangeNode> {
  const columns = keysFor(HISTORY_CHANGE_SHAPE, needs.nodeFields);
  return {
    name,
    key,
    relation: HISTORY_CHANGE_KIND.relation,
    ...(nested ? { parent: HISTORY_CHANGE_KIND.orderColumn } : {}),
    where,
    sort: SORT,
    select: selectList(HISTORY_CHANGE_SHAPE, columns),
    toNode: (row) => ({ source: 'CHANGE_HISTORY', row: decodeRow(HISTORY_CHANGE_SHAPE, columns, row) }),
  };
}

function filterConditions(filter: HistoryChangeFilter | null | undefined): SQL[] {
  const f = filter ?? {};
  const c: SQL[] = [];
  if (f.entity != null) c.push(sql`hc.entity = ${f.entity}`);
  if (f.sinceId != null) {
    const sinceId = String(f.sinceId).trim();
    if (!/^\d+$/.test(sinceId)) {
      throw badInput(`\`filter.sinceId\` must be a change id, a whole number such as "901"; got "${String(f.sinceId)}".`, 'filter.sinceId');
    }
    c.push(sql`hc.id > ${sinceId}::numeric`);
  }
  if (f.orderId != null) c.push(sql`(hc.order_id = ${String(f.orderId)} or hc.upstream_order_id = ${String(f.orderId)})`);
  c.push(...commonConditions(f.fields, f.changeSources));
  c.push(...rangeConditions(sql`hc.created_at`, f.createdAt, 'filter.createdAt'));
  return c;
}

interface OrderChangesArgs extends ConnectionArgs {
  fields?: readonly string[] | null;
  changeSources?: readonly string[] | null;
}

const byOrder = nestedList<OrderChangesArgs, HistoryChangeNode>((_ctx, args, needs) =>
  list('Order.historyChanges', [args.fields ?? null, args.changeSources ?? null], needs, commonConditions(args.fields, args.changeSources), true),
);

topLevelList<{ filter?: HistoryChangeFilter | null }, HistoryChangeNode>({
  name: 'historyChanges',
  pageName: 'historyChangesPage',
  perPageName: 'perPage',
  defaultPerPage: 20,
  connection: HistoryChangeConnectionRef,
  page: HistoryChangePageRef,
  description: "The merchant's change history, oldest first by id",
  args: (arg) => ({ filter: arg({ type: HistoryChangeFilterRef, required: false, description: 'Only changes matching every given filter.' }) }),
  source: (_ctx, args, needs) => list('historyChanges', args.filter ?? null, needs, filterConditions(args.filter), false),
});

builder.objectField(OrderRef, 'historyChanges', (t) =>
  t.field({
    type: HistoryChangeConnectionRef,
    description: "This order's change history (order and pack changes), oldest first by id.",
    args: {
      fields: t.arg.stringList({ required: false, description: 'Only changes of these fields; an empty list matches none.' }),
      changeSources: t.arg({ type: [changeSource.ref], required: false, description: 'Only changes made this way; an empty list matches none.' }),
      ...connectionArgs(t.arg),
    },
    resolve: (order, args, ctx, info) => byOrder(ctx, order.id, args, info),
  }),
);
