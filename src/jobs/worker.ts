/**
 * A worker process's engine: graphile-worker running the `sync` task on DATABASE_DIRECT_URL, our
 * database for the rows, and a sweep that frees what dead workers left. Any number of workers on
 * any machines share one queue.
 */
import { EventEmitter } from 'node:events';
import { Logger as QueueLogger, run, type Runner, type WorkerEvents, type WorkerUtils } from 'graphile-worker';
import type { Database } from '../db/client.js';
import type { Logger } from '../observability/log.js';
import { SYNC_TASK } from './queue.js';
import { sweep as sweepQueue } from './sweep.js';
import { syncTask } from './sync-task.js';

export interface WorkerOptions {
  database: Database;
  queue: WorkerUtils;
  directUrl: string;
  /** Syncs this process runs at once. */
  concurrency: number;
  /** How often to sweep the queue (jobs/sweep.ts); also how long a job must be held to count as abandoned. */
  sweepMs: number;
  logger: Logger;
}

/** graphile-worker's log lines through pino, at their own levels. */
function queueLogger(logger: Logger): QueueLogger {
  return new QueueLogger((scope) => (level, message) => {
    const method = level === 'error' ? 'error' : level === 'warning' ? 'warn' : level === 'info' ? 'info' : 'debug';
    logger[method]({ queue: scope }, message);
  });
}

/**
 * Runs until SIGTERM/SIGINT, which graphile-worker handles (running syncs finish first); the
 * promise settles once it has stopped.
 */
export async function startWorker(options: WorkerOptions): Promise<Promise<void>> {
  const events: WorkerEvents = new EventEmitter();
  // Each of its `concurrency` workers has an id of its own: the one sync:status names and logs carry.
  events.on('worker:create', ({ worker }) => options.logger.info({ worker: worker.workerId }, 'worker ready'));
  const runner: Runner = await run({
    connectionString: options.directUrl,
    concurrency: options.concurrency,
    // Each sync connects to the upstream and to `database`; graphile-worker needs few of its own.
    maxPoolSize: options.concurrency + 2,
    pollInterval: 1_000,
    logger: queueLogger(options.logger),
    events,
    // Schedules live in sync_schedules, not in a crontab file.
    parsedCronItems: [],
    taskList: { [SYNC_TASK]: syncTask({ database: options.database, logger: options.logger }) },
  });
  const sweep = async () => {
    try {
      await sweepQueue(options.queue, options.database, options.sweepMs, options.logger);
    } catch (error) {
      options.logger.warn({ error: (error as Error).message }, 'sweep of the sync queue failed; trying again');
    }
  };
  const timer = setInterval(() => void sweep(), options.sweepMs);
  void sweep();
  return runner.promise.finally(() => clearInterval(timer));
}
