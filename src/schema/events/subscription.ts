/**
 * `Subscription.historyEvents`: each new history record of the key's merchant as it is
 * committed (see live/feed.ts). With `after` (a cursor of `events` or of an order's `timeline`)
 * the stream first sends, oldest first, the records newer than that cursor, then live ones; a
 * record both read while catching up and announced live goes out once.
 */
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import { badInput } from '../../errors.js';
import { TooManySubscriptions } from '../../live/feed.js';
import type { LiveItem, LiveRecord, Subscriber, SubscriberFilter } from '../../live/subscriber.js';
import { builder } from '../builder.js';
import { HistoryEventRef, HistorySourceRef, type HistoryNode } from '../history/event.js';
import { fetchConnections, isCursorOf, type ListSource } from '../pagination/query.js';
import { fieldsAt, type ListNeeds } from '../pagination/selection.js';
import { timelineSource } from '../timeline/queries.js';
import { eventsSource } from './query.js';

/** Records read per statement while catching up. */
const CATCH_UP_PAGE = 100;

interface Resume {
  source: ListSource<LiveRecord>;
  parent: string | null;
  cursor: string;
}

/** The list `after` came from, among the ones the subscription's arguments name. */
function resumeFrom(ctx: Context, filter: SubscriberFilter, after: string, fields: ReadonlySet<string>): Resume {
  const candidates: [ListSource<HistoryNode>, string | null][] = [[eventsSource({ orderId: filter.orderId, sources: filter.sources }, fields), null]];
  if (filter.orderId !== null) candidates.push([timelineSource({ sources: filter.sources }, fields), filter.orderId]);
  const found = candidates.find(([source, parent]) => isCursorOf(ctx, source, parent, after));
  if (!found) {
    throw badInput(
      '`after` is not a cursor of `events` with the same `orderId` and `sources`, nor of that order\'s `timeline` with the same `sources`; pass one unchanged.',
      'after',
    );
  }
  const [source, parent] = found;
  // Rows carry their sort keys (cursors are asked for): source and sort id name the record.
  return { source: { ...source, toNode: (row) => ({ node: source.toNode(row), orderId: null, sortKey: `${String(row.__k1)}\u0000${String(row.__k2)}` }) }, parent, cursor: after };
}

/** The records newer than the cursor, oldest first, a page at a time. */
async function* catchUp(ctx: Context, { source, parent, cursor }: Resume, fields: ReadonlySet<string>): AsyncGenerator<LiveRecord> {
  const needs: ListNeeds = { nodeFields: fields, totalCount: false, hasNextPage: false, hasPreviousPage: false, pageFacts: false, cursors: true, key: '' };
  let before = cursor;
  for (;;) {
    const page = (await fetchConnections(ctx, source, parent === null ? null : [parent], { last: CATCH_UP_PAGE, before }, needs)).get(parent)!;
    if (page instanceof Error) throw page;
    for (let i = page.nodes.length - 1; i >= 0; i--) yield page.nodes[i]!;
    if (page.nodes.length < CATCH_UP_PAGE) return;
    before = page.pageInfo.startCursor!;
  }
}

async function* stream(ctx: Context, subscriber: Subscriber, resume: Resume | null, fields: ReadonlySet<string>): AsyncGenerator<LiveItem> {
  const caughtUp = new Set<string>();
  try {
    if (resume) {
      for await (const record of catchUp(ctx, resume, fields)) {
        caughtUp.add(record.sortKey);
        yield record;
      }
    }
    for await (const item of subscriber) {
      if (item instanceof GraphQLError) {
        yield item;
        return;
      }
      if (!caughtUp.has(item.sortKey)) yield item;
    }
  } finally {
    await subscriber.return();
  }
}

function subscribe(ctx: Context, args: { orderId?: string | number | null; sources?: readonly HistoryNode['source'][] | null; after?: string | null }, info: GraphQLResolveInfo) {
  if (!ctx.feed) throw new GraphQLError('Subscriptions are not served by this endpoint.', { extensions: { code: 'BAD_REQUEST' } });
  const filter: SubscriberFilter = { orderId: args.orderId == null ? null : String(args.orderId), sources: args.sources ?? null };
  const fields = fieldsAt(info);
  // Checked before the stream opens, so a bad cursor is an answer, not a stream.
  const resume = args.after ? resumeFrom(ctx, filter, args.after, fields) : null;
  let subscriber: Subscriber;
  try {
    subscriber = ctx.feed.subscribe(ctx.principal, filter);
  } catch (error) {
    if (!(error instanceof TooManySubscriptions)) throw error;
    throw new GraphQLError(
      `This key has ${ctx.feed.limits.maxSubscriptionsPerKey} subscriptions open already, the most allowed (MAX_SUBSCRIPTIONS_PER_KEY); close one first.`,
      { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } },
    );
  }
  return closable(stream(ctx, subscriber, resume, fields), subscriber);
}

/**
 * The stream, with a `return` that takes effect at once: a generator waiting for the next record
 * would only see its own `return` once a record came, so a client that goes away would hold its
 * subscription (and its slot) until then.
 */
function closable(records: AsyncGenerator<LiveItem>, subscriber: Subscriber): AsyncIterableIterator<LiveItem> {
  return {
    next: () => records.next(),
    async return() {
      await subscriber.return();
      return records.return(undefined);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

builder.subscriptionType({
  description: 'Live history, over Server-Sent Events or WebSocket (graphql-ws) at the GraphQL endpoint.',
  fields: (t) => ({
    historyEvents: t.field({
      type: HistoryEventRef,
      description:
        "Each new history record of the key's merchant, as it is committed by any process. With `after` (a cursor of `events` or of the order's `timeline`), first the records newer than it, oldest first.",
      args: {
        orderId: t.arg.id({ required: false, description: "Only this order's records (its canonical id)." }),
        sources: t.arg({ type: [HistorySourceRef], required: false, description: 'Only these sources (all when absent).' }),
        after: t.arg.string({ required: false, description: 'Resume after this cursor of `events` or `Order.timeline`: nothing between it and the live records is lost or repeated.' }),
      },
      subscribe: (_root, args, ctx, info) => subscribe(ctx, args, info),
      resolve: (item: LiveItem) => {
        if (item instanceof GraphQLError) throw item;
        return item.node;
      },
    }),
  }),
});
