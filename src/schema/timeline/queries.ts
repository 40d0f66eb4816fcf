/**
 * `Order.timeline`: every source's history of one order in one list, newest first
 * (`occurredAt desc, source, id desc`). One statement serves every order of a request.
 */
import { sql, type SQL } from 'drizzle-orm';
import { badInput } from '../../errors.js';
import { builder } from '../builder.js';
import { HISTORY_SOURCES, HistoryEventRef, HistorySourceRef, type HistoryNode, type HistorySource } from '../history/event.js';
import { OrderRef } from '../order/types.js';
import type { ConnectionArgs } from '../pagination/args.js';
import { nestedList } from '../pagination/loader.js';
import type { ListSource } from '../pagination/query.js';
import { connectionArgs, connectionType } from '../pagination/types.js';
import { historyUnion } from './source.js';

export const HistoryEventConnectionRef = connectionType<HistoryNode>('HistoryEvent', HistoryEventRef);

interface TimelineArgs extends ConnectionArgs {
  sources?: readonly HistorySource[] | null;
  since?: Date | null;
  until?: Date | null;
}

/** `since` after `until` can match nothing: refused rather than answered empty. */
export function refuseEmptyRange(since: Date | null | undefined, until: Date | null | undefined, argument = 'since'): void {
  if (since && until && since.getTime() > until.getTime()) {
    throw badInput(`\`since\` (${since.toISOString()}) is after \`until\` (${until.toISOString()}); no record can match.`, argument);
  }
}

/** `since`/`until` (inclusive) on the history union's occurrence time. */
export function occurredWithin(since: Date | null | undefined, until: Date | null | undefined): SQL[] {
  const where: SQL[] = [];
  if (since) where.push(sql`tl.occurred_at >= ${since.toISOString()}::timestamptz`);
  if (until) where.push(sql`tl.occurred_at <= ${until.toISOString()}::timestamptz`);
  return where;
}

/** The timeline of one order (the parent) as a list source; the live feed resumes from its cursors. */
export function timelineSource(args: Pick<TimelineArgs, 'sources' | 'since' | 'until'>, fields: ReadonlySet<string>): ListSource<HistoryNode> {
  const sources = args.sources ? HISTORY_SOURCES.filter((s) => args.sources!.includes(s)) : HISTORY_SOURCES;
  const union = historyUnion(sources, fields);
  const where = occurredWithin(args.since, args.until);
  return {
    name: 'Order.timeline', key: [args.sources ? sources : null, args.since ?? null, args.until ?? null],
    relation: union.relation,
    parent: union.order,
    where,
    sort: union.sort,
    select: union.select,
    toNode: union.toNode,
  };
}

const byOrder = nestedList<TimelineArgs, HistoryNode>((_ctx, args, needs) => timelineSource(args, needs.nodeFields));

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
    resolve: (order, args, ctx, info) => {
      refuseEmptyRange(args.since, args.until);
      return byOrder(ctx, order.id, args, info);
    },
  }),
);
