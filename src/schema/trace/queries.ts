/**
 * `Order.traces`: newest first (`date desc, id desc`), with upstream's `count` and a `canAdd` that
 * needs both an editor key and upstream's leave (its `canAdd` for the account that fetched the traces).
 */
import DataLoader from 'dataloader';
import { sql } from 'drizzle-orm';
import { perRequest, type Context } from '../../context.js';
import { traceLists } from '../../db/schema.js';
import { builder } from '../builder.js';
import { scopedRows, textArray, type Relation } from '../scoped.js';
import { OrderRef } from '../order/types.js';
import { decodeRow, keysFor, selectList } from '../pagination/columns.js';
import { nestedList } from '../pagination/loader.js';
import type { ConnectionArgs } from '../pagination/args.js';
import type { Connection } from '../pagination/query.js';
import { connectionArgs, connectionType } from '../pagination/types.js';
import { TRACE_KIND, TRACE_SHAPE, TraceRef, type TraceNode } from './types.js';

type TraceConnection = Connection<TraceNode> & { orderId: string };

interface TraceList {
  count: number | null;
  canAdd: boolean | null;
}

const LISTS: Relation = { from: sql`${traceLists} tl`, merchant: sql`tl.merchant_id` };

/** What upstream's last traces body said about each order; one statement for every order asked about. */
const listsByOrder = perRequest(
  (ctx: Context) =>
    new DataLoader<string, TraceList | null>(async (orderIds) => {
      const rows = await scopedRows<TraceList & { orderId: string }>(
        ctx,
        'Order.traces.list',
        LISTS,
        sql`tl.order_id as "orderId", tl.count, tl.can_add as "canAdd"`,
        [sql`tl.order_id = any(${textArray(orderIds)})`],
      );
      const byOrder = new Map(rows.map((row) => [row.orderId, row]));
      return orderIds.map((id) => byOrder.get(id) ?? null);
    }),
);

const TraceConnectionRef = connectionType<TraceNode, TraceConnection>('Trace', TraceRef, (t) => ({
  canAdd: t.boolean({
    description: 'Whether this key may add a message to the order: an editor key, where upstream allowed adding (its `canAdd`).',
    resolve: async (connection, _args, ctx) =>
      ctx.principal.role === 'editor' && (await listsByOrder(ctx).load(connection.orderId))?.canAdd === true,
  }),
  upstreamCount: t.int({
    nullable: true,
    description: "Upstream `count`: all the order's traces upstream has, which may exceed those it sent; null before any traces were imported.",
    resolve: async (connection, _args, ctx) => (await listsByOrder(ctx).load(connection.orderId))?.count ?? null,
  }),
}));

const byOrder = nestedList<ConnectionArgs, TraceNode>((_ctx, _args, needs) => {
  const columns = keysFor(TRACE_SHAPE, needs.nodeFields);
  return {
    name: 'Order.traces',
    relation: TRACE_KIND.relation,
    parent: TRACE_KIND.orderColumn,
    sort: [
      { expr: sql`t.date`, direction: 'desc', type: 'timestamptz' },
      { expr: sql`t.id`, direction: 'desc', type: 'text' },
    ],
    select: selectList(TRACE_SHAPE, columns),
    toNode: (row) => ({ source: 'TRACE', row: decodeRow(TRACE_SHAPE, columns, row) }),
  };
});

builder.objectField(OrderRef, 'traces', (t) =>
  t.field({
    type: TraceConnectionRef,
    description: "This order's status changes and messages, newest first.",
    args: connectionArgs(t.arg),
    resolve: async (order, args, ctx, info): Promise<TraceConnection> =>
      Object.assign(await byOrder(ctx, order.id, args, info), { orderId: order.id }),
  }),
);
