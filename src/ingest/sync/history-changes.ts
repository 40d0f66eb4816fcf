/**
 * Change history (`GET /api/v5/orders/history`), the document's algorithm: `sinceId` = the id saved
 * last time, then `page` = 1, 2, ... until `pagination.totalPageCount`. Records come oldest first by
 * id, so the checkpoint after each page is simply the highest id written, and a run that stops
 * mid-way resumes with `sinceId` = that id from page 1.
 */
import { normaliseBody } from '../body.js';
import type { HistoryChangeInput } from '../history-changes.js';
import type { Upstream } from '../upstream.js';
import { ensureMerchant } from '../write.js';
import { SyncError } from '../errors.js';
import { loadCheckpoint, saveCheckpoint } from './checkpoint.js';
import { normaliseFrom, type SyncContext } from './context.js';

export interface HistoryChangesCheckpoint {
  /** The highest change id written; the next request's `sinceId`. */
  sinceId: number | null;
}

/** The API takes `limit` 20, 50 or 100: the largest that fits `perPage`. */
export const historyLimit = (perPage: number) => (perPage >= 100 ? 100 : perPage >= 50 ? 50 : 20);

export async function syncHistoryChanges(ctx: SyncContext, upstream: Upstream<HistoryChangeInput>): Promise<void> {
  const { database, merchantId, client, progress } = ctx;
  const path = upstream.sync?.path ?? '';
  const saved = ctx.full ? null : await loadCheckpoint<HistoryChangesCheckpoint>(database.db, merchantId, upstream.name);
  const sinceId = saved?.sinceId ?? null;
  let highest = sinceId;
  progress.note(sinceId === null ? 'from the first change' : `sinceId ${sinceId}`);
  for (let page = 1; ; page += 1) {
    const params = { sinceId, page, limit: historyLimit(ctx.perPage) };
    const url = client.url(path, params);
    const response = await client.get(path, params);
    const body = response?.body as { pagination?: { totalPageCount?: unknown } } | undefined;
    const records = normaliseFrom(url, () => normaliseBody(upstream.shape({ entity: 'order' }), body));
    const totalPageCount = body?.pagination?.totalPageCount;
    if (typeof totalPageCount !== 'number' || !Number.isInteger(totalPageCount)) {
      throw new SyncError(`${url}: pagination.totalPageCount: not a whole number`);
    }
    for (const record of records) if (highest === null || record.id > highest) highest = record.id;
    await database.db.transaction(async (tx) => {
      await ensureMerchant(tx, merchantId);
      await upstream.write(tx, merchantId, records);
      await saveCheckpoint(tx, merchantId, upstream.name, { sinceId: highest } satisfies HistoryChangesCheckpoint);
    });
    progress.page(records.length);
    if (page >= totalPageCount || records.length === 0) return;
  }
}
