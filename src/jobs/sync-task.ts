/**
 * The `sync` task: one scheduled run of one merchant's sync, then the next run queued. A run that
 * fails is recorded and retried after a backoff instead of failing the job, so the schedule never
 * ends; the token comes from this worker's environment, named by the schedule.
 */
import type { JobHelpers, Task } from 'graphile-worker';
import type { Database } from '../db/client.js';
import { SyncBusy } from '../ingest/errors.js';
import { runSync, whileSyncLocked } from '../ingest/sync/index.js';
import type { Logger } from '../observability/log.js';
import { queueSync, sourcesOf, type SyncJob } from './queue.js';
import { loadSchedule, markFinished, markStarted, type Outcome, type Schedule } from './schedules.js';

export interface SyncTaskDeps {
  database: Database;
  logger: Logger;
}

async function run(schedule: Schedule, deps: SyncTaskDeps, log: Logger): Promise<Outcome> {
  const token = process.env[schedule.tokenEnv];
  if (!token) return { ok: false, error: `${schedule.tokenEnv} is not set in this worker's environment: it holds the upstream token` };
  try {
    const result = await runSync({
      database: deps.database,
      merchantId: schedule.merchantId,
      sources: sourcesOf(schedule.source as SyncJob['source']),
      lockHeld: true,
      baseUrl: schedule.baseUrl,
      token,
      perPage: schedule.perPage,
      write: (text) => text.trim() && log.info(text.trim()),
      tty: false,
    });
    return { ok: true, rows: result.rows };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

export function syncTask(deps: SyncTaskDeps): Task {
  return async (payload: unknown, helpers: JobHelpers) => {
    const job = payload as SyncJob;
    const log = deps.logger.child({ merchant: job.merchantId, source: job.source, worker: helpers.job.locked_by });
    const finish = async (outcome: Outcome) => {
      const next = await markFinished(deps.database.db, job, outcome);
      if ('busy' in outcome) log.info('sync running elsewhere: trying again later');
      else if (outcome.ok) log.info({ rows: outcome.rows }, 'sync finished');
      else log.warn({ error: outcome.error }, 'sync failed');
      if (next) await queueSync(helpers, job, next);
    };
    try {
      // The lock first and the next run queued before it goes: all that while, the sweep sees
      // this job as alive.
      await whileSyncLocked(deps.database, job.merchantId, sourcesOf(job.source), async () => {
        const schedule = await loadSchedule(deps.database.db, job);
        if (!schedule) return log.info('sync unscheduled: nothing to run');
        await markStarted(deps.database.db, job);
        log.info('sync started');
        await finish(await run(schedule, deps, log));
      });
    } catch (error) {
      if (!(error instanceof SyncBusy)) throw error;
      await finish({ busy: true });
    }
  };
}
