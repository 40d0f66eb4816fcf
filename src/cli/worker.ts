/**
 * `npm run worker -- [--concurrency N] [--sweep DURATION]`: runs the scheduled syncs
 * (`npm run sync:schedule`) from the job queue in PostgreSQL until SIGTERM or SIGINT, which let
 * running syncs finish (graphile-worker's graceful shutdown). Any number of
 * workers, on any machines, share the queue; each reads the upstream tokens from its own environment.
 */
import { loadConfig } from '../config.js';
import { openQueue } from '../jobs/queue.js';
import { startWorker } from '../jobs/worker.js';
import { createLogger } from '../observability/log.js';
import { durationFlag, openMigratedDatabase, parseCommandLine, queueUrl, runCli, wholeFlag } from './run.js';

const USAGE = `usage: npm run worker -- [--concurrency N] [--sweep DURATION]
  Runs scheduled syncs (npm run sync:schedule) until SIGTERM or SIGINT.
  --concurrency  syncs this process runs at once (default 1)
  --sweep        how often to sweep the queue, such as 30s (default 30s): the syncs of workers that
                 died are freed, schedules whose job went missing queued again`;

runCli(async () => {
  const { values } = parseCommandLine(USAGE, { concurrency: { type: 'string' }, sweep: { type: 'string' } });
  const concurrency = wholeFlag(values.concurrency, '--concurrency', 1, 1, 64, USAGE);
  const sweepMs = durationFlag(values.sweep, '--sweep', { from: '1s', to: '1h', example: '30s' }, USAGE, '30s');
  const config = loadConfig();
  const directUrl = queueUrl(config, 'worker');
  const logger = createLogger({ level: config.logLevel, format: config.logFormat });
  const database = await openMigratedDatabase(config);
  const queue = await openQueue(directUrl);
  try {
    const stopped = await startWorker({ database, queue, directUrl, concurrency, sweepMs, logger });
    logger.info({ concurrency, sweepMs }, 'worker started: waiting for scheduled syncs');
    await stopped;
  } finally {
    await queue.release();
    await database.close();
  }
});
