/**
 * `npm run sync:schedule -- --merchant M --source S --base-url URL --token-env VAR --every 10m
 * [--per-page N]` (or `--merchant M --source S --remove`): schedules a sync for `npm run worker`,
 * due at once and then every interval. The token stays in the workers' environment, under VAR:
 * the database keeps only the variable's name.
 */
import { loadConfig } from '../config.js';
import { openQueue, queueSync, SCHEDULE_SOURCES, syncJobKey, type ScheduleSource, type SyncJob } from '../jobs/queue.js';
import { removeSchedule, saveSchedule } from '../jobs/schedules.js';
import { baseUrlFlag, CliError, durationFlag, openMigratedDatabase, parseCommandLine, queueUrl, runCli, wholeFlag } from './run.js';

const USAGE = `usage: npm run sync:schedule -- --merchant M --source <${SCHEDULE_SOURCES.join('|')}> --base-url URL --token-env VAR --every DURATION [--per-page N]
       npm run sync:schedule -- --merchant M --source S --remove
  Schedules a sync for npm run worker: due now, then every DURATION (such as 10m or 1h).
  --token-env  the environment variable each worker reads the upstream token from (never stored)`;

const usage = (message: string) => new CliError(`${message}\n${USAGE}`, 2);

function parse() {
  const { values } = parseCommandLine(USAGE, {
    merchant: { type: 'string' },
    source: { type: 'string' },
    'base-url': { type: 'string' },
    'token-env': { type: 'string' },
    every: { type: 'string' },
    'per-page': { type: 'string' },
    remove: { type: 'boolean', default: false },
  });
  const merchantId = values.merchant?.trim();
  if (!merchantId) throw usage('--merchant is required');
  const source = values.source?.trim() as ScheduleSource;
  if (!SCHEDULE_SOURCES.includes(source)) throw usage(`--source must be one of ${SCHEDULE_SOURCES.join(', ')}, got "${values.source ?? ''}"`);
  const job: SyncJob = { merchantId, source };
  if (values.remove) return { job, remove: true as const };
  const baseUrl = baseUrlFlag(values['base-url'], USAGE);
  const tokenEnv = values['token-env']?.trim() ?? '';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(tokenEnv)) throw usage(`--token-env must name an environment variable (letters, digits, _), got "${tokenEnv}"`);
  const everyMs = durationFlag(values.every, '--every', { from: '1m', to: '168h', example: '10m' }, USAGE);
  const perPage = wholeFlag(values['per-page'], '--per-page', 50, 1, 999, USAGE);
  return { job, remove: false as const, spec: { ...job, baseUrl, tokenEnv, everySeconds: everyMs / 1000, perPage } };
}

runCli(async () => {
  const command = parse();
  const config = loadConfig();
  const queue = await openQueue(queueUrl(config, 'sync:schedule'));
  const database = await openMigratedDatabase(config);
  try {
    const key = syncJobKey(command.job);
    if (command.remove) {
      const removed = await removeSchedule(database.db, command.job);
      await queue.withPgClient((client) => client.query('select graphile_worker.remove_job($1)', [key]));
      process.stdout.write(removed ? `Removed the schedule ${key}.\n` : `No schedule ${key}: nothing removed.\n`);
      return;
    }
    await saveSchedule(database.db, command.spec);
    await queueSync(queue, command.job, new Date());
    const every = command.spec.everySeconds;
    process.stdout.write(`Scheduled ${key}: due now, then every ${every % 3600 ? `${every / 60} min` : `${every / 3600} h`}; workers read the token from ${command.spec.tokenEnv}.\n`);
  } finally {
    await database.close();
    await queue.release();
  }
});
