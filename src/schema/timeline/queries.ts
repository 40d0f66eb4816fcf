/**
 * `Order.timeline`: every source's history of one order in one list, newest first
 * (`occurredAt desc, source, id desc`). One statement serves every order of a request.
 */
import { sql, type SQL } from 'drizzle-orm';
import { badInput } from '../../errors.js';
import { builder } from '../builder.js';
import { HISTORY_SOURCES, HistoryEventRef, HistorySourceRef, type HistoryEventBase, type HistorySource } from '../history/event.js';
import { OrderRef } from '../order/types.js';
import type { ConnectionArgs } from '../pagination/args.js';
import { parentConnectionLoader } from '../pagination/loader.js';
import { mapConnection } from '../pagination/query.js';
import { connectionArgs, connectionType } from '../pagination/types.js';
import { timelineEvent, timelineFrom } from './source.js';

const HistoryEventConnectionRef = connectionType<HistoryEventBase>('HistoryEvent', HistoryEventRef);

interface TimelineArgs extends ConnectionArgs {
  sources?: readonly HistorySource[] | null;
  since?: Date | null;
  until?: Date | null;
}

const byOrder = parentConnectionLoader((ctx, args: TimelineArgs) => {
  const sources = args.sources ? HISTORY_SOURCES.filter((s) => args.sources!.includes(s)) : null;
  const conditions: SQL[] = [sql`tl.merchant_id = ${ctx.principal.merchantId}`];
  if (sources) {
    conditions.push(sources.length ? sql`tl.source in (${sql.join(sources.map((s) => sql`${s}`), sql`, `)})` : sql`false`);
  }
  if (args.since) conditions.push(sql`tl.occurred_at >= ${args.since.toISOString()}::timestamptz`);
  if (args.until) conditions.push(sql`tl.occurred_at <= ${args.until.toISOString()}::timestamptz`);
  return {
    signature: ['Order.timeline', sources, args.since ?? null, args.until ?? null],
    from: timelineFrom,
    select: sql`tl.source as "source", tl.row as "row"`,
    where: (order) => sql.join([...conditions, sql`tl.order_id = ${order}`], sql` and `),
    sort: [
      { expr: sql`tl.occurred_at`, direction: 'desc', type: 'timestamptz' },
      { expr: sql`tl.source`, direction: 'asc', type: 'text' },
      { expr: sql`tl.id`, direction: 'desc', type: 'text' },
    ],
  };
});

builder.objectField(OrderRef, 'timeline', (t) =>
  t.field({
    type: HistoryEventConnectionRef,
    description: "This order's history from every source in one list, newest first.",
    args: {
      sources: t.arg({ type: [HistorySourceRef], required: false, description: 'Only these sources (all when absent).' }),
      since: t.arg({ type: 'DateTime', required: false, description: 'Only records at or after this instant.' }),
      until: t.arg({ type: 'DateTime', required: false, description: 'Only records at or before this instant.' }),
      ...connectionArgs(t.arg),
    },
    resolve: async (order, args, ctx) => {
      if (args.since && args.until && args.since.getTime() > args.until.getTime()) {
        throw badInput(
          `\`since\` (${args.since.toISOString()}) is after \`until\` (${args.until.toISOString()}); no record can match.`,
          'since',
        );
      }
      return mapConnection(await byOrder(ctx, order.id, args), timelineEvent);
    },
  }),
);
