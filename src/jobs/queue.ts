/**
 * The job queue: graphile-worker's tables in the primary (schema `graphile_worker`), always on
 * DATABASE_DIRECT_URL — its workers LISTEN for new jobs and hold locks in sessions, which a
 * transaction pooler would break. One job per scheduled sync, keyed by merchant and source: adding
 * it again replaces the waiting one, and its queue of the same name runs those jobs one at a time.
 */
import { makeWorkerUtils, type WorkerUtils } from 'graphile-worker';
import { SYNC_SOURCES, type SyncSource } from '../ingest/sync/index.js';

export const SYNC_TASK = 'sync';

/** What a schedule syncs: one source, or `all` of them in order. */
export type ScheduleSource = SyncSource | 'all';
export const SCHEDULE_SOURCES: readonly ScheduleSource[] = [...SYNC_SOURCES, 'all'];

export interface SyncJob {
  merchantId: string;
  source: ScheduleSource;
}

export const sourcesOf = (source: ScheduleSource): SyncSource[] => (source === 'all' ? [...SYNC_SOURCES] : [source]);

export const syncJobKey = ({ merchantId, source }: SyncJob) => `sync:${merchantId}:${source}`;

/** The job a key names (null for a key this module did not make). */
export function jobOfKey(key: string): SyncJob | null {
  const match = /^sync:(.+):([^:]+)$/.exec(key);
  if (!match || !SCHEDULE_SOURCES.includes(match[2] as ScheduleSource)) return null;
  return { merchantId: match[1]!, source: match[2] as ScheduleSource };
}

/** The parts of graphile-worker's WorkerUtils and job helpers that can add a job. */
type AddJob = Pick<WorkerUtils, 'addJob'>;

/** Queues `job` to run at `runAt`, replacing the one waiting (a running one finishes first). */
export async function queueSync(queue: AddJob, job: SyncJob, runAt: Date): Promise<void> {
  const key = syncJobKey(job);
  // Failures are handled by the task (recorded, then retried after a backoff); graphile-worker's
  // own attempts only count runs a dead worker left, which must stay retryable.
  await queue.addJob(SYNC_TASK, job, { jobKey: key, jobKeyMode: 'replace', queueName: key, runAt, maxAttempts: 1_000 });
}

/** graphile-worker's utilities on `directUrl`, its schema installed or brought up to date. */
export async function openQueue(directUrl: string): Promise<WorkerUtils> {
  const queue = await makeWorkerUtils({ connectionString: directUrl });
  try {
    await queue.migrate();
  } catch (error) {
    await queue.release();
    throw error;
  }
  return queue;
}

export interface QueuedSync {
  key: string;
  /** The worker running it, when one is. */
  lockedBy: string | null;
}

/**
 * Every sync job waiting or running, by key (graphile-worker's `jobs` view); with `lockedForMs`,
 * only those a worker has held at least that long by the database's clock.
 */
export async function queuedSyncs(queue: WorkerUtils, { lockedForMs }: { lockedForMs?: number } = {}): Promise<Map<string, QueuedSync>> {
  const locked = lockedForMs === undefined ? '' : `and locked_at < now() - make_interval(secs => $2::float8 / 1000)`;
  const { rows } = await queue.withPgClient((client) =>
    client.query<{ key: string; locked_by: string | null }>(
      `select key, locked_by from graphile_worker.jobs where task_identifier = $1 and key is not null ${locked}`,
      lockedForMs === undefined ? [SYNC_TASK] : [SYNC_TASK, lockedForMs],
    ),
  );
  return new Map(rows.map((row) => [row.key, { key: row.key, lockedBy: row.locked_by }]));
}
