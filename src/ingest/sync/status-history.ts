/**
 * Status history (`GET /rest/orders/status-history`): `page` = 1, 2, ... until `isLastPage`.
 * The first walk reads everything; later walks pass `createdAtFrom` = the newest `createdAt` the
 * last walk saw, less a second: the document says "after", which may be exclusive, and entries share
 * seconds. Entries read twice are upserted unchanged. Within a walk the checkpoint
 * is the last complete page, so a crash resumes at the next one: the list is newest first, so
 * entries added meanwhile push older ones down a page, which repeats rows but never skips one.
 */
import { normaliseBody } from '../body.js';
import type { StatusHistoryInput } from '../status-history.js';
import type { Upstream } from '../upstream.js';
import { ensureMerchant } from '../write.js';
import { SyncError } from '../errors.js';
import { loadCheckpoint, saveCheckpoint } from './checkpoint.js';
import { normaliseFrom, upstreamNow, type SyncContext } from './context.js';

interface Walk {
  /** This walk's `createdAtFrom`; null for the first, complete one. */
  from: string | null;
  /** The last page committed. */
  page: number;
  /** Upstream time at the walk's first page, less a margin. */
  startedAt: string;
  /** The newest `createdAt` this walk has read. */
  newest: string | null;
}

export interface StatusHistoryCheckpoint {
  /** The next walk's `createdAtFrom`; null until a first walk has finished. */
  from: string | null;
  /** The highest entry id written so far (reported; the API has no id filter). */
  highestId: number | null;
  walk: Walk | null;
}

/** `2019-02-01T11:19:46+00:00`: floored to the second as the entries are, then one second earlier. */
const upstreamTime = (iso: string) => `${new Date(Date.parse(iso) - 1000).toISOString().slice(0, 19)}+00:00`;

export async function syncStatusHistory(ctx: SyncContext, upstream: Upstream<StatusHistoryInput>): Promise<void> {
  const { database, merchantId, client, progress } = ctx;
  const path = upstream.sync?.path ?? '';
  const saved = await loadCheckpoint<StatusHistoryCheckpoint>(database.db, merchantId, upstream.name);
  let state: StatusHistoryCheckpoint = saved ?? { from: null, highestId: null, walk: null };
  if (ctx.full) state = { ...state, walk: null, from: null };
  const walk: Walk = state.walk ?? { from: state.from, page: 0, startedAt: new Date().toISOString(), newest: null };
  progress.note(walk.page > 0 ? `resuming after page ${walk.page}` : walk.from ? `createdAtFrom ${upstreamTime(walk.from)}` : 'everything');
  for (;;) {
    const params = {
      page: walk.page + 1,
      itemsPerPage: Math.min(100, ctx.perPage),
      createdAtFrom: walk.from === null ? null : upstreamTime(walk.from),
    };
    const url = client.url(path, params);
    const response = await client.get(path, params);
    const body = response?.body as { isLastPage?: unknown } | undefined;
    const entries = normaliseFrom(url, () => normaliseBody(upstream.shape({}), body));
    if (typeof body?.isLastPage !== 'boolean') throw new SyncError(`${url}: isLastPage: not a boolean`);
    if (walk.page === 0) walk.startedAt = upstreamNow(response?.date ?? null);
    walk.page += 1;
    let highestId = state.highestId;
    for (const entry of entries) {
      const at = entry.createdAt.toISOString();
      if (walk.newest === null || at > walk.newest) walk.newest = at;
      if (highestId === null || entry.id > highestId) highestId = entry.id;
    }
    const finished = body.isLastPage || entries.length === 0;
    // As for order search: the newest entry seen, but never later than the walk's start.
    const nextFrom = walk.newest === null ? walk.from : walk.newest < walk.startedAt ? walk.newest : walk.startedAt;
    state = finished ? { from: nextFrom, highestId, walk: null } : { ...state, highestId, walk };
    await database.db.transaction(async (tx) => {
      await ensureMerchant(tx, merchantId);
      await upstream.write(tx, merchantId, entries);
      await saveCheckpoint(tx, merchantId, upstream.name, state);
    });
    progress.page(entries.length);
    if (finished) return;
  }
}
