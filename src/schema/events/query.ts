/**
 * `Query.events`: every history record of the merchant across the four sources, newest first,
 * the same keyset list as `Order.timeline` without its parent. Each source's table has an index
 * on (merchant, occurred at, id), so a page deep in the list is an index range like the first.
 */
import { sql } from 'drizzle-orm';
import { builder } from '../builder.js';
import { HISTORY_SOURCES, historyKind, HistorySourceRef, type HistoryNode, type HistorySource } from '../history/event.js';
import { fetchConnection, type ListSource } from '../pagination/query.js';
import { listNeeds } from '../pagination/selection.js';
import { connectionArgs } from '../pagination/types.js';
import { textArray } from '../scoped.js';
import { HistoryEventConnectionRef, occurredWithin, refuseEmptyRange } from '../timeline/queries.js';
import { historyUnion } from '../timeline/source.js';

export interface EventFilter {
  sources?: readonly HistorySource[] | null;
  since?: Date | null;
  until?: Date | null;
  orderId?: string | number | null;
  keys?: readonly string[] | null;
}

export const EventFilterRef = builder.inputType('EventFilter', {
  description: 'Which history records `events` lists; every condition given must hold.',
  fields: (t) => ({
    sources: t.field({ type: [HistorySourceRef], required: false, description: 'Only these sources (all when absent).' }),
    since: t.field({ type: 'DateTime', required: false, description: 'Only records at or after this instant.' }),
    until: t.field({ type: 'DateTime', required: false, description: 'Only records at or before this instant.' }),
    orderId: t.id({ required: false, description: "Only this order's records (its canonical id)." }),
    keys: t.stringList({ required: false, description: 'Only action logs with one of these keys (a filter with keys keeps only action logs).' }),
  }),
});

/** The merchant's records that `filter` keeps, as a list source reading what `fields` need. */
export function eventsSource(filter: EventFilter | null | undefined, fields: ReadonlySet<string>): ListSource<HistoryNode> {
  const keys = filter?.keys ?? null;
  const wanted = filter?.sources ?? HISTORY_SOURCES;
  const sources = HISTORY_SOURCES.filter((source) => wanted.includes(source) && (!keys || source === 'ACTION_LOG'));
  const union = historyUnion(
    sources,
    fields,
    keys ? { ACTION_LOG: sql`${historyKind('ACTION_LOG').shape.columns.key!.sql} = any(${textArray(keys)})` } : {},
  );
  const orderId = filter?.orderId == null ? null : String(filter.orderId);
  const where = occurredWithin(filter?.since, filter?.until);
  if (orderId !== null) where.push(sql`tl.order_id = ${orderId}`);
  return {
    name: 'Query.events',
    key: [filter?.sources ? sources : null, filter?.since ?? null, filter?.until ?? null, orderId, keys],
    relation: union.relation,
    where,
    sort: union.sort,
    select: union.select,
    toNode: union.toNode,
  };
}

builder.queryField('events', (t) =>
  t.field({
    type: HistoryEventConnectionRef,
    description: "Every history record of the key's merchant across the four sources, newest first (ordered as `Order.timeline`).",
    args: {
      filter: t.arg({ type: EventFilterRef, required: false, description: 'Which records; all when absent.' }),
      ...connectionArgs(t.arg),
    },
    resolve: (_root, args, ctx, info) => {
      refuseEmptyRange(args.filter?.since, args.filter?.until, 'filter.since');
      const needs = listNeeds(info);
      return fetchConnection(ctx, eventsSource(args.filter, needs.nodeFields), args, needs);
    },
  }),
);
