/**
 * Frees the jobs of workers that died mid-sync. graphile-worker leaves a dead worker's job locked
 * for four hours; here a job counts as abandoned once nobody holds its sync's lock (runSync holds
 * it for the whole run, in a session that ends with the process) although the job has been locked
 * longer than `graceMs` — time enough for a live worker to have taken the lock.
 */
import type { WorkerUtils } from 'graphile-worker';
import type { Database } from '../db/client.js';
import { syncLockName } from '../ingest/sync/index.js';
import type { Logger } from '../observability/log.js';
import { jobOfKey, queuedSyncs, sourcesOf } from './queue.js';

export async function sweepAbandoned(queue: WorkerUtils, database: Database, graceMs: number, logger: Logger): Promise<string[]> {
  const freed: string[] = [];
  for (const job of (await queuedSyncs(queue, { lockedForMs: graceMs })).values()) {
    const sync = jobOfKey(job.key);
    if (!sync || !job.lockedBy) continue;
    // A live run holds the locks of all its sources; the first one tells.
    const release = await database.tryLock([syncLockName(sync.merchantId, sourcesOf(sync.source)[0]!)]);
    if (!release) continue;
    await release();
    await queue.forceUnlockWorkers([job.lockedBy]);
    logger.warn({ job: job.key, worker: job.lockedBy }, 'worker died mid-sync: its job is free for another');
    freed.push(job.key);
  }
  return freed;
}
