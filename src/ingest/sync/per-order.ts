/**
 * Action logs (`GET /v1/orders/:id/action_logs`) and traces (`GET /api/orders/:id/traces`): one
 * request per order, for the orders order search queued as changed (`pending`) and, after a full
 * copy, for every stored order (`backfill`, a walk by id). Each batch of orders commits its rows
 * and the shortened queue in one transaction.
 */
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { orderRefs, orders } from '../../db/schema.js';
import { countRecords, normaliseBody } from '../body.js';
import { orderPath, type Upstream } from '../upstream.js';
import { ensureMerchant } from '../write.js';
import { loadCheckpoint, updateCheckpoint } from './checkpoint.js';
import { normaliseFrom, type SyncContext } from './context.js';

export interface PerOrderCheckpoint {
  /** A walk over every stored order, due after a full copy; `afterId` is the last order done. */
  backfill: { afterId: string | null } | null;
  /** Canonical ids of orders seen changing, still to fetch. */
  pending: string[];
}

const BATCH = 50;
const EMPTY: PerOrderCheckpoint = { backfill: null, pending: [] };

/** Adds changed orders to every per-order queue; called inside order search's page transaction. */
export async function queueOrders(tx: Db, merchantId: string, ids: string[], sources: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  for (const source of sources) {
    await updateCheckpoint<PerOrderCheckpoint>(tx, merchantId, source, (state) => ({
      ...(state ?? EMPTY),
      pending: [...new Set([...(state?.pending ?? []), ...ids])],
    }));
  }
}

/** Restarts the walk over every order; called in the transaction that finishes a full copy. */
export async function startBackfill(tx: Db, merchantId: string, sources: readonly string[]) {
  for (const source of sources) {
    await updateCheckpoint<PerOrderCheckpoint>(tx, merchantId, source, (state) => ({
      backfill: { afterId: null },
      pending: state?.pending ?? [],
    }));
  }
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** How this upstream names each order (an `order-links` entry), else the canonical id itself. */
async function upstreamIds(db: Db, merchantId: string, source: string, ids: string[]) {
  const names = new Map(ids.map((id) => [id, id]));
  const links = await db
    .select({ externalId: orderRefs.externalId, orderId: orderRefs.orderId })
    .from(orderRefs)
    .where(and(eq(orderRefs.merchantId, merchantId), eq(orderRefs.system, source), inArray(orderRefs.orderId, ids)));
  for (const link of links) names.set(link.orderId, link.externalId);
  return names;
}

/** The connector of a per-order upstream: its `sync.path` names one order's records (`:id`). */
export async function syncPerOrder<T>(ctx: SyncContext, upstream: Upstream<T>): Promise<void> {
  const spec = { source: upstream.name, path: (id: string) => orderPath(upstream.sync?.path ?? '', id) };
  const { database, merchantId, client, progress } = ctx;
  const db = database.db;
  if (ctx.full) await db.transaction((tx) => startBackfill(tx, merchantId, [spec.source]));
  for (;;) {
    const state = (await loadCheckpoint<PerOrderCheckpoint>(db, merchantId, spec.source)) ?? EMPTY;
    const queued = state.pending.slice(0, BATCH);
    let walked: string[] = [];
    if (queued.length < BATCH && state.backfill) {
      const afterId = state.backfill.afterId;
      const rows = await db
        .select({ id: orders.id })
        .from(orders)
        .where(and(eq(orders.merchantId, merchantId), afterId === null ? undefined : gt(orders.id, afterId)))
        .orderBy(asc(orders.id))
        .limit(BATCH - queued.length);
      walked = rows.map((row) => row.id);
    }
    const batch = [...new Set([...queued, ...walked])];
    const walkDone = state.backfill !== null && walked.length < BATCH - queued.length;
    if (batch.length === 0 && !walkDone) return;

    const names = batch.length ? await upstreamIds(db, merchantId, spec.source, batch) : new Map<string, string>();
    let missing = 0;
    const rows = (
      await mapLimit(batch, ctx.concurrency, async (id) => {
        const upstreamId = names.get(id) ?? id;
        const response = await client.get(spec.path(upstreamId), {}, { allowNotFound: true });
        if (!response) {
          missing += 1;
          return [];
        }
        return normaliseFrom(spec.path(upstreamId), () => normaliseBody(upstream.shape({ orderId: upstreamId }), response.body));
      })
    ).flat();
    const done = new Set(queued);
    const lastWalked = walked[walked.length - 1];
    await db.transaction(async (tx) => {
      await ensureMerchant(tx, merchantId);
      await upstream.write(tx, merchantId, rows);
      await updateCheckpoint<PerOrderCheckpoint>(tx, merchantId, spec.source, (current) => {
        const now = current ?? EMPTY;
        let backfill = now.backfill;
        // Only move the walk this batch made; a copy that restarted it meanwhile wins.
        if (backfill && state.backfill && backfill.afterId === state.backfill.afterId) {
          backfill = walkDone ? null : { afterId: lastWalked ?? backfill.afterId };
        }
        return { backfill, pending: now.pending.filter((id) => !done.has(id)) };
      });
    });
    if (missing) progress.note(`${missing} order${missing === 1 ? '' : 's'} not found upstream`);
    if (batch.length) progress.page(countRecords(rows));
  }
}
