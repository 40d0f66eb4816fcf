/**
 * `Order.traces`: newest first (`date desc, id desc`), with `canAdd` from the key's role (an
 * editor may add messages, a viewer may not), not from upstream's answer to whoever fetched it.
 */
import { sql } from 'drizzle-orm';
import { builder } from '../builder.js';
import { OrderRef } from '../order/types.js';
import { decodeRow, keysFor, selectList } from '../pagination/columns.js';
import { nestedList } from '../pagination/loader.js';
import type { ConnectionArgs } from '../pagination/args.js';
import type { Connection } from '../pagination/query.js';
import { connectionArgs, connectionType } from '../pagination/types.js';
import { TRACE_KIND, TRACE_SHAPE, TraceRef, type TraceNode } from './types.js';

const TraceConnectionRef = connectionType<TraceNode, Connection<TraceNode>>('Trace', TraceRef, (t) => ({
  canAdd: t.boolean({
    description: 'Whether this key may add a message to the order (editor keys).',
    resolve: (_connection, _args, ctx) => ctx.principal.role === 'editor',
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
    resolve: (order, args, ctx, info) => byOrder(ctx, order.id, args, info),
  }),
);
