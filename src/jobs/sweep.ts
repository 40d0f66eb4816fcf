/**
 * What every worker does now and then to keep the queue true to `sync_schedules`:
 * - Frees the jobs of workers that died mid-sync. graphile-worker leaves a dead worker's job locked
 *   for four hours; here a job counts as abandoned once nobody holds its sync's lock (the task
 *   holds it for the whole run, in a session that ends with the process) although the job has
 *   been locked longer than `graceMs`, time enough for a live worker to have taken the lock.
 * - Queues again any schedule whose job went missing, at its next run. A live job freed by
 *   mistake (a worker slower than `graceMs` to take its lock) is then replaced in place by its own
 *   next run and deleted when it completes; this brings it back. Never twice at once all the same:
 *   the sync's lock sees to that.
 */
import type { WorkerUtils } from 'graphile-worker';
import type { Database } from '../db/client.js';
import { syncLockName } from '../ingest/sync/index.js';
import type { Logger } from '../observability/log.js';
import { jobOfKey, queuedSyncs, queueSync, sourcesOf, syncJobKey, type SyncJob } from './queue.js';
import { listSchedules } from './schedules.js';

async function freeAbandoned(queue: WorkerUtils, database: Database, graceMs: number, logger: Logger): Promise<void> {
  for (const job of (await queuedSyncs(queue, { lockedForMs: graceMs })).values()) {
    const sync = jobOfKey(job.key);
    if (!sync || !job.lockedBy) continue;
    // A live run holds the locks of all its sources; the first one tells.
    const release = await database.tryLock([syncLockName(sync.merchantId, sourcesOf(sync.source)[0]!)]);
    if (!release) continue;
    await release();
    await queue.forceUnlockWorkers([job.lockedBy]);
    logger.warn({ job: job.key, worker: job.lockedBy }, 'worker died mid-sync: its job is free for another');
  }
}

async function requeueMissing(queue: WorkerUtils, database: Database, logger: Logger): Promise<void> {
  // Schedules first: one added after this read is queued by the command that added it.
  const schedules = await listSchedules(database.db);
  const queued = await queuedSyncs(queue);
  for (const schedule of schedules) {
    const job = schedule as SyncJob;
    if (queued.has(syncJobKey(job))) continue;
    const due = schedule.nextRunAt && schedule.nextRunAt.getTime() > Date.now() ? schedule.nextRunAt : new Date();
    await queueSync(queue, job, due);
    logger.warn({ job: syncJobKey(job), due }, 'scheduled sync missing from the queue: queued again');
  }
}

export async function sweep(queue: WorkerUtils, database: Database, graceMs: number, logger: Logger): Promise<void> {
  await freeAbandoned(queue, database, graceMs, logger);
  await requeueMissing(queue, database, logger);
}
