/**
 * `npm run -s sync:status -- [--merchant M] [--json]`: each scheduled sync with its last run
 * (start, end, outcome, rows, error), failures in a row, and its next run or the worker running it.
 */
import { loadConfig } from '../config.js';
import { openQueue, queuedSyncs, syncJobKey, type SyncJob } from '../jobs/queue.js';
import { listSchedules } from '../jobs/schedules.js';
import { openMigratedDatabase, parseCommandLine, queueUrl, runCli } from './run.js';
import { isoSeconds, textTable } from './table.js';

const USAGE = `usage: npm run -s sync:status -- [--merchant M] [--json]
  Each scheduled sync: last run, outcome, rows, failures in a row, last error, next run.
  --json  one JSON object per line instead of a table`;

const every = (seconds: number) => (seconds % 3600 ? `${seconds / 60}m` : `${seconds / 3600}h`);

runCli(async () => {
  const { values } = parseCommandLine(USAGE, { merchant: { type: 'string' }, json: { type: 'boolean' } });
  const config = loadConfig();
  const queue = await openQueue(queueUrl(config, 'sync:status'));
  const database = await openMigratedDatabase(config);
  try {
    const jobs = await queuedSyncs(queue);
    const statuses = (await listSchedules(database.db, values.merchant?.trim())).map((schedule) => {
      const job = jobs.get(syncJobKey(schedule as SyncJob));
      return {
        merchantId: schedule.merchantId,
        source: schedule.source,
        every: every(schedule.everySeconds),
        lastStartedAt: schedule.lastStartedAt,
        lastFinishedAt: schedule.lastFinishedAt,
        lastOutcome: schedule.lastOutcome,
        lastRows: schedule.lastRows,
        failures: schedule.failures,
        lastError: schedule.lastError,
        nextRunAt: schedule.nextRunAt,
        runningOn: job?.lockedBy ?? null,
        /** Whether the queue holds its job (a worker's sweep queues a missing one again). */
        queued: Boolean(job),
      };
    });
    if (values.json) {
      for (const status of statuses) process.stdout.write(`${JSON.stringify(status)}\n`);
      return;
    }
    if (!statuses.length) {
      process.stdout.write('No syncs scheduled: add one with npm run sync:schedule.\n');
      return;
    }
    const header = ['MERCHANT', 'SOURCE', 'EVERY', 'LAST RUN', 'OUTCOME', 'ROWS', 'FAILURES', 'NEXT RUN', 'LAST ERROR'];
    const rows = statuses.map((s) => [
      s.merchantId,
      s.source,
      s.every,
      isoSeconds(s.lastFinishedAt ?? s.lastStartedAt),
      s.lastOutcome ?? '-',
      s.lastRows === null ? '-' : String(s.lastRows),
      String(s.failures),
      s.runningOn ? `running on ${s.runningOn}` : isoSeconds(s.nextRunAt),
      s.lastError ?? '-',
    ]);
    process.stdout.write(`${textTable(header, rows)}\n`);
  } finally {
    await database.close();
    await queue.release();
  }
});
