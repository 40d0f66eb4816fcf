/**
 * Change history lists: `Order.historyChanges`, and the merchant-wide `historyChanges` (cursor
 * form) and `historyChangesPage` (page form, as upstream). Oldest first by id, the order a sync
 * client applies changes in; entity breaks ties, since order and pack changes number separately.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { mapRow, selectColumns } from '../../db/rows.js';
import { historyChanges } from '../../db/schema.js';
import { badInput } from '../../errors.js';
import { builder } from '../builder.js';
import { DateTimeRangeRef, rangeConditions } from '../common/date-range.js';
import { OrderRef } from '../order/types.js';
import type { ConnectionArgs } from '../pagination/args.js';
import { topLevelList } from '../pagination/fields.js';
import { parentConnectionLoader } from '../pagination/loader.js';
import { mapConnection, type ListSource, type RawRow, type SortKey } from '../pagination/query.js';
import { connectionArgs, connectionType, pageType } from '../pagination/types.js';
import { changeSource, historyChangeEvent, HistoryChangeRef, HistoryEntityRef, type HistoryChangeEvent } from './types.js';

const HistoryChangeConnectionRef = connectionType<HistoryChangeEvent>('HistoryChange', HistoryChangeRef);
const HistoryChangePageRef = pageType<HistoryChangeEvent>('HistoryChange', HistoryChangeRef);

const HistoryChangeFilterRef = builder.inputType('HistoryChangeFilter', {
  description: 'Change-history filters; all given ones must match.',
  fields: (t) => ({
    entity: t.field({ type: HistoryEntityRef, required: false }),
    sinceId: t.id({ required: false, description: 'Only changes with a numerically greater id (the last id you processed).' }),
    orderId: t.id({ required: false, description: "The order's canonical id, or its id in change history." }),
    fields: t.stringList({ required: false, description: 'Changed field names, e.g. `status`, `discount`.' }),
    changeSources: t.field({ type: [changeSource.ref], required: false }),
    createdAt: t.field({ type: DateTimeRangeRef, required: false }),
  }),
});
type HistoryChangeFilter = typeof HistoryChangeFilterRef.$inferInput;

const SORT: SortKey[] = [
  { expr: sql`hc.id`, direction: 'asc', type: 'bigint' },
  { expr: sql`hc.entity`, direction: 'asc', type: 'text' },
];

const list = (items: readonly string[]) => sql.join(items.map((item) => sql`${item}`), sql`, `);

/** `fields` and `changeSources`, shared by both list forms; an empty list matches nothing. */
function commonConditions(fields: readonly string[] | null | undefined, sources: readonly string[] | null | undefined): SQL[] {
  const c: SQL[] = [];
  if (fields) c.push(fields.length ? sql`hc.field in (${list(fields)})` : sql`false`);
  if (sources) c.push(changeSource.condition(sql`hc.source`, sources));
  return c;
}

function source(signature: unknown, where: (parent: SQL) => SQL): ListSource {
  return { signature, from: sql`${historyChanges} hc`, select: selectColumns(historyChanges, 'hc'), where, sort: SORT };
}

function merchantList(ctx: Context, filter: HistoryChangeFilter | null | undefined): ListSource {
  const f = filter ?? {};
  const c: SQL[] = [sql`hc.merchant_id = ${ctx.principal.merchantId}`];
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
  return source(['historyChanges', filter ?? null], () => sql.join(c, sql` and `));
}

interface OrderChangesArgs extends ConnectionArgs {
  fields?: readonly string[] | null;
  changeSources?: readonly string[] | null;
}

const byOrder = parentConnectionLoader((ctx, args: OrderChangesArgs) => {
  const c = commonConditions(args.fields, args.changeSources);
  return source(['Order.historyChanges', args.fields ?? null, args.changeSources ?? null], (order) =>
    sql.join([sql`hc.merchant_id = ${ctx.principal.merchantId} and hc.order_id = ${order}`, ...c], sql` and `),
  );
});

const toEvent = (row: RawRow) => historyChangeEvent(mapRow(historyChanges, row));

topLevelList<{ filter?: HistoryChangeFilter | null }, HistoryChangeEvent>({
  name: 'historyChanges',
  pageName: 'historyChangesPage',
  perPageName: 'perPage',
  defaultPerPage: 20,
  connection: HistoryChangeConnectionRef,
  page: HistoryChangePageRef,
  description: "The merchant's change history, oldest first by id",
  args: (arg) => ({ filter: arg({ type: HistoryChangeFilterRef, required: false }) }),
  source: (ctx, args) => merchantList(ctx, args.filter),
  toNode: toEvent,
});

builder.objectField(OrderRef, 'historyChanges', (t) =>
  t.field({
    type: HistoryChangeConnectionRef,
    description: "This order's change history (order and pack changes), oldest first by id.",
    args: {
      fields: t.arg.stringList({ required: false }),
      changeSources: t.arg({ type: [changeSource.ref], required: false }),
      ...connectionArgs(t.arg),
    },
    resolve: async (order, args, ctx) => mapConnection(await byOrder(ctx, order.id, args), toEvent),
  }),
);
