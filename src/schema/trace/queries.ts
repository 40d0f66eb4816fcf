/**
 * `Order.traces`: newest first (`date desc, id desc`), with `canAdd` from the key's role (an
 * editor may add messages, a viewer may not), not from upstream's answer to whoever fetched it.
 */
import { sql } from 'drizzle-orm';
import { mapRow, selectColumns } from '../../db/rows.js';
import { traces } from '../../db/schema.js';
import { builder } from '../builder.js';
import { OrderRef } from '../order/types.js';
import { parentConnectionLoader } from '../pagination/loader.js';
import { mapConnection, type Connection, type RawRow } from '../pagination/query.js';
import { connectionArgs, connectionType } from '../pagination/types.js';
import { traceEvent, TraceRef, type TraceEvent } from './types.js';

const TraceConnectionRef = connectionType<TraceEvent, Connection<TraceEvent>>('Trace', TraceRef, (t) => ({
  canAdd: t.boolean({
    description: 'Whether this key may add a message to the order (editor keys).',
    resolve: (_connection, _args, ctx) => ctx.principal.role === 'editor',
  }),
}));

const byOrder = parentConnectionLoader((ctx) => ({
  signature: ['Order.traces'],
  from: sql`${traces} t`,
  select: selectColumns(traces, 't'),
  where: (order) => sql`t.merchant_id = ${ctx.principal.merchantId} and t.order_id = ${order}`,
  sort: [
    { expr: sql`t.date`, direction: 'desc', type: 'timestamptz' },
    { expr: sql`t.id`, direction: 'desc', type: 'text' },
  ],
}));

builder.objectField(OrderRef, 'traces', (t) =>
  t.field({
    type: TraceConnectionRef,
    description: "This order's status changes and messages, newest first.",
    args: connectionArgs(t.arg),
    resolve: async (order, args, ctx) =>
      mapConnection(await byOrder(ctx, order.id, args), (row: RawRow) => traceEvent(mapRow(traces, row))),
  }),
);
