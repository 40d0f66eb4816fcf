/**
 * `npm run sync -- [--merchant <id>] --source <name>|all --base-url URL --token T [options]`
 * Pulls from live upstreams into the database, resuming from the checkpoints the last run left.
 * docs/sync.md describes every flag.
 */
import { baseUrlFlag, CliError, openMigratedDatabase, parseCommandLine, runCli, wholeFlag } from './run.js';
import { runSync, SYNC_SOURCES, type SyncSource } from '../ingest/sync/index.js';

const USAGE = `usage: npm run sync -- [--merchant <id>] --source <${SYNC_SOURCES.join('|')}|all>[,...] --base-url URL --token T
       [--per-page N] [--concurrency N] [--max-retries N] [--timeout SECONDS] [--full]
  Pulls from live upstreams, resuming where the last run stopped; docs/sync.md describes every flag.`;

const usage = (message: string) => new CliError(`${message}\n${USAGE}`, 2);

const whole = (raw: string | undefined, flag: string, fallback: number, min: number, max: number) =>
  wholeFlag(raw, flag, fallback, min, max, USAGE);

function sources(raw: string | undefined): SyncSource[] {
  if (!raw) throw usage('--source is required');
  const names = raw.split(',').map((name) => name.trim());
  if (names.includes('all')) return [...SYNC_SOURCES];
  for (const name of names) {
    if (!SYNC_SOURCES.includes(name as SyncSource)) {
      throw usage(`--source must be one of ${SYNC_SOURCES.join(', ')} or all, got "${name}"`);
    }
  }
  return names as SyncSource[];
}

function parse(argv: string[]) {
  const { values } = parseCommandLine(
    USAGE,
    {
      merchant: { type: 'string' },
      source: { type: 'string' },
      'base-url': { type: 'string' },
      token: { type: 'string' },
      'per-page': { type: 'string' },
      concurrency: { type: 'string' },
      'max-retries': { type: 'string' },
      timeout: { type: 'string' },
      full: { type: 'boolean', default: false },
    },
    { args: argv },
  );
  const baseUrl = baseUrlFlag(values['base-url'], USAGE);
  if (values.merchant !== undefined && !values.merchant.trim()) throw usage('--merchant must not be empty');
  const named = values.merchant?.trim() || process.env.SYNC_MERCHANT?.trim();
  // CONTRACT §7's command names no merchant: the upstream host then stands for one.
  const merchantId = named || new URL(baseUrl).host;
  // The environment keeps the token out of shell history and `ps`.
  const token = values.token ?? process.env.SYNC_TOKEN;
  if (!token) throw usage('--token (or SYNC_TOKEN) is required');
  return {
    merchantId,
    merchantNamed: Boolean(named),
    sources: sources(values.source),
    baseUrl,
    token,
    perPage: whole(values['per-page'], '--per-page', 50, 1, 999),
    concurrency: whole(values.concurrency, '--concurrency', 4, 1, 64),
    maxRetries: whole(values['max-retries'], '--max-retries', 5, 0, 100),
    timeoutMs: whole(values.timeout, '--timeout', 30, 1, 3600) * 1000,
    full: values.full,
  };
}

runCli(async () => {
  const { merchantNamed, ...options } = parse(process.argv.slice(2));
  if (!merchantNamed) {
    process.stderr.write(`no --merchant (or SYNC_MERCHANT) given: the rows belong to merchant "${options.merchantId}"\n`);
  }
  const database = await openMigratedDatabase();
  try {
    await runSync({ ...options, database });
  } finally {
    await database.close();
  }
});
