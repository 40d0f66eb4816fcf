/**
 * Checkpoints in `sync_checkpoints`, one jsonb state per merchant and source. Writers take the
 * caller's transaction, so a checkpoint commits together with the rows it covers or not at all.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { syncCheckpoints } from '../../db/schema.js';

export async function loadCheckpoint<T>(
  db: Db,
  merchantId: string,
  /** The upstream's `--source` name. */
  source: string,
  options: { forUpdate?: boolean } = {},
): Promise<T | null> {
  const query = db
    .select({ state: syncCheckpoints.state })
    .from(syncCheckpoints)
    .where(and(eq(syncCheckpoints.merchantId, merchantId), eq(syncCheckpoints.source, source)));
  // FOR UPDATE: two syncs of one merchant queue on the row instead of overwriting each other's state.
  const rows = options.forUpdate ? await query.for('update') : await query;
  return (rows[0]?.state as T | undefined) ?? null;
}

export async function saveCheckpoint(db: Db, merchantId: string, source: string, state: unknown): Promise<void> {
  await db
    .insert(syncCheckpoints)
    .values({ merchantId, source, state })
    .onConflictDoUpdate({
      target: [syncCheckpoints.merchantId, syncCheckpoints.source],
      set: { state: sql`excluded.state`, updatedAt: sql`now()` },
    });
}

/** Read-modify-write of one checkpoint inside `db` (a transaction): `change` gets null when there is none. */
export async function updateCheckpoint<T>(
  db: Db,
  merchantId: string,
  source: string,
  change: (state: T | null) => T,
): Promise<T> {
  const next = change(await loadCheckpoint<T>(db, merchantId, source, { forUpdate: true }));
  await saveCheckpoint(db, merchantId, source, next);
  return next;
}
