/**
 * Order search (`GET /v1/orders/search`). Every request walks by `previous_id` (never `page`), so
 * no request comes near the `page * per_page <= 10000` window however many orders there are.
 *
 * A run is a series of passes, each checkpointed per page together with the orders it wrote:
 * - `copy`: the first full copy (or `--full`), no filter.
 * - `updated`: `updated_after` = the mark of the last pass (inclusive).
 * - `shipped`, `arrived`, `collected`, `returned`: the same with `<field>_after`, because a delivery
 *   change does not touch `updated_at` (order-search.txt's own note); each milestone sets its timestamp.
 * An order returned again at an inclusive boundary, or re-read after the safety margin, is compared
 * with the stored copy and skipped when equal. Changed orders are queued in the same transaction
 * for the action-log and trace connectors; a finished copy queues every order (a backfill walk).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { normaliseBody } from '../body.js';
import type { NormalisedOrder } from '../orders.js';
import type { Upstream } from '../upstream.js';
import { ensureMerchant } from '../write.js';
import { loadCheckpoint, saveCheckpoint } from './checkpoint.js';
import { normaliseFrom, upstreamNow, type SyncContext } from './context.js';
import { queueOrders, startBackfill } from './per-order.js';

export const STREAMS = ['updated', 'shipped', 'arrived', 'collected', 'returned'] as const;
export type Stream = (typeof STREAMS)[number];
type Kind = 'copy' | Stream;

const FIELD = {
  updated: 'updatedAt',
  shipped: 'shippedAt',
  arrived: 'arrivedAt',
  collected: 'collectedAt',
  returned: 'returnedAt',
} as const satisfies Record<Stream, keyof NormalisedOrder['order']>;

interface Pass {
  kind: Kind;
  /** ISO time the filter starts at (inclusive); null for a copy. */
  after: string | null;
  /** The last order id of the last committed page. */
  previousId: string | null;
  /** Upstream time at the pass's first page, less a margin. */
  startedAt: string;
  /** The greatest value of each stream's field among the orders this pass read. */
  seen: Partial<Record<Stream, string>>;
  pages: number;
}

export interface OrdersCheckpoint {
  /** Where each stream's next pass starts; null until a first copy has finished. */
  marks: Record<Stream, string> | null;
  /** The pass in progress, resumed by the next run. */
  pass: Pass | null;
}

const EPOCH = '1970-01-01T00:00:00.000Z';

/** Order search takes UTC `YYYY-MM-DD HH:MM:SS`; flooring to the second keeps the bound inclusive. */
export const searchTime = (iso: string) => iso.slice(0, 19).replace('T', ' ');

const valueOf = (o: NormalisedOrder, stream: Stream): string | null => {
  const value = o.order[FIELD[stream]] as Date | null | undefined;
  return value ? value.toISOString() : null;
};

/**
 * The next pass starts at the greatest value seen, but never after the pass began: an order changed
 * behind the cursor while the pass ran carries a value from after the start, so the next pass finds it.
 */
function nextMark(seen: string | undefined, startedAt: string, previous: string | null): string {
  if (seen === undefined) return previous ?? EPOCH;
  return seen < startedAt ? seen : startedAt;
}

/** Ids of `orders` whose stored copy already equals what upstream sent. */
async function unchangedIds(tx: Db, ctx: SyncContext, orders: NormalisedOrder[]): Promise<Set<string>> {
  if (orders.length === 0) return new Set();
  const raws = JSON.stringify(orders.map((o) => o.order.raw));
  const rows = await ctx.database.rows<{ id: string }>(
    sql`select o.id from orders o
        join jsonb_array_elements(${raws}::jsonb) as e(value) on o.id = e.value->>'id'
        where o.merchant_id = ${ctx.merchantId} and o.raw = e.value`,
    tx,
  );
  return new Set(rows.map((row) => row.id));
}

/** Runs `pass` to its end, committing each page with the checkpoint; returns the finished state. */
async function runPass(ctx: SyncContext, upstream: Upstream<NormalisedOrder>, state: OrdersCheckpoint, pass: Pass): Promise<OrdersCheckpoint> {
  const { client, merchantId, perPage } = ctx;
  const path = upstream.sync?.path ?? '';
  for (;;) {
    const params = {
      per_page: perPage,
      previous_id: pass.previousId,
      ...(pass.kind === 'copy' ? {} : { [`${pass.kind}_after`]: searchTime(pass.after ?? EPOCH) }),
    };
    const response = await client.get(path, params);
    const body = response?.body;
    const orders = normaliseFrom(client.url(path, params), () => normaliseBody(upstream.shape({}), body));
    if (pass.pages === 0 && pass.previousId === null) pass.startedAt = upstreamNow(response?.date ?? null);
    const streams = pass.kind === 'copy' ? STREAMS : [pass.kind];
    for (const o of orders) {
      for (const stream of streams) {
        const value = valueOf(o, stream);
        const seen = pass.seen[stream];
        if (value !== null && (seen === undefined || value > seen)) pass.seen[stream] = value;
      }
    }
    const last = orders[orders.length - 1];
    const finished = orders.length < perPage || !last;
    pass.previousId = last?.order.id ?? pass.previousId;
    pass.pages += 1;
    let next: OrdersCheckpoint = { ...state, pass: finished ? null : pass };
    if (finished) next = finish(state, pass);
    const written = await ctx.database.db.transaction(async (tx) => {
      await ensureMerchant(tx, merchantId);
      const skip = pass.kind === 'copy' ? new Set<string>() : await unchangedIds(tx, ctx, orders);
      const changed = orders.filter((o) => !skip.has(o.order.id));
      await upstream.write(tx, merchantId, changed);
      if (pass.kind !== 'copy') await queueOrders(tx, merchantId, changed.map((o) => o.order.id), ctx.perOrderSources);
      if (finished && pass.kind === 'copy') await startBackfill(tx, merchantId, ctx.perOrderSources);
      await saveCheckpoint(tx, merchantId, upstream.name, next);
      return changed.length;
    });
    ctx.progress.page(written);
    if (finished) return next;
  }
}

function finish(state: OrdersCheckpoint, pass: Pass): OrdersCheckpoint {
  if (pass.kind === 'copy') {
    const marks = Object.fromEntries(
      STREAMS.map((stream) => [stream, nextMark(pass.seen[stream], pass.startedAt, null)]),
    ) as Record<Stream, string>;
    return { marks, pass: null };
  }
  const marks = state.marks ?? Object.fromEntries(STREAMS.map((stream) => [stream, EPOCH]));
  const mark = nextMark(pass.seen[pass.kind], pass.startedAt, marks[pass.kind] ?? null);
  return { marks: { ...marks, [pass.kind]: mark } as Record<Stream, string>, pass: null };
}

const newPass = (kind: Kind, after: string | null): Pass => ({
  kind, after, previousId: null, startedAt: new Date().toISOString(), seen: {}, pages: 0,
});

/** Order search's connector: a first full copy, then each stream from its mark. */
export async function syncOrders(ctx: SyncContext, upstream: Upstream<NormalisedOrder>): Promise<void> {
  let state: OrdersCheckpoint = (await loadCheckpoint<OrdersCheckpoint>(ctx.database.db, ctx.merchantId, upstream.name)) ?? {
    marks: null,
    pass: null,
  };
  if (ctx.full) state = { ...state, pass: newPass('copy', null) };
  // A copy first: resumed when one was under way, started when none ever finished.
  if (state.pass?.kind === 'copy' || state.marks === null) {
    ctx.progress.note(state.pass && state.pass.pages > 0 ? 'resuming the full copy' : 'full copy');
    state = await runPass(ctx, upstream, state, state.pass ?? newPass('copy', null));
  }
  // Then every stream from its mark, which also picks up what changed while the copy ran.
  const resumeAt = state.pass ? STREAMS.indexOf(state.pass.kind as Stream) : 0;
  for (const stream of STREAMS.slice(Math.max(0, resumeAt))) {
    const marks = state.marks;
    if (!marks) break;
    const pass = state.pass?.kind === stream ? state.pass : newPass(stream, marks[stream]);
    ctx.progress.note(`${stream}_after ${searchTime(pass.after ?? EPOCH)}`);
    state = await runPass(ctx, upstream, state, pass);
  }
}
