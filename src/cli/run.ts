/**
 * What every command shares: settings, the database with migrations applied, and one way to
 * fail — a message a person can act on, on standard error, with no stack trace.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig, parseDuration, type Config } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { EmbeddedDatabaseBusy } from '../db/embedded-lock.js';
import { migrate } from '../db/migrate.js';
import { ImportFileError, ImportInterrupted, IngestError, SyncError } from '../ingest/errors.js';

/** An error whose message is the whole story (bad flags, bad input); exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/**
 * The command's flags by `node:util` `parseArgs`: `--help` prints `usage` on standard output and
 * exits 0; a bad flag is a CliError (exit 2) with the usage.
 */
export function parseCommandLine<T extends NonNullable<ParseArgsConfig['options']>>(
  usage: string,
  options: T,
  { positionals = false, args = process.argv.slice(2) }: { positionals?: boolean; args?: string[] } = {},
) {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: positionals });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${usage}`, 2);
  }
}

/** A whole-number flag from `min` to `max` (`fallback` when absent); else a CliError with the usage. */
export function wholeFlag(raw: string | undefined, flag: string, fallback: number, min: number, max: number, usage: string): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CliError(`${flag} must be a whole number from ${min} to ${max}, got "${raw}"\n${usage}`, 2);
  }
  return value;
}

/**
 * A duration flag (`90s`, `15m`, `1h`) in milliseconds, from `range.from` to `range.to` (written
 * the same way); `fallback` when absent. Else a CliError with the usage.
 */
export function durationFlag(
  raw: string | undefined,
  flag: string,
  range: { from: string; to: string; example: string },
  usage: string,
  fallback?: string,
): number {
  const ms = parseDuration(raw ?? fallback ?? '');
  if (!(ms >= parseDuration(range.from) && ms <= parseDuration(range.to))) {
    throw new CliError(`${flag} must be a duration from ${range.from} to ${range.to} such as ${range.example}, got "${raw ?? ''}"\n${usage}`, 2);
  }
  return ms;
}

/** An upstream's `--base-url`: http:// or https:// with a host; else a CliError with the usage. */
export function baseUrlFlag(raw: string | undefined, usage: string): string {
  const url = raw?.trim();
  if (!url || !/^https?:\/\/[^/]/.test(url)) throw new CliError(`--base-url must be an http:// or https:// URL\n${usage}`, 2);
  return url;
}

/** The direct URL of the PostgreSQL server the job queue lives in, or why `command` cannot run. */
export function queueUrl(config: Config, command: string): string {
  if (!config.databaseDirectUrl) {
    throw new CliError(
      `npm run ${command} needs PostgreSQL: set DATABASE_URL (the job queue lives in the database). ` +
        'On the embedded database, run npm run sync from cron instead.',
    );
  }
  return config.databaseDirectUrl;
}

/**
 * The configured database with migrations applied. `requestPath`: the server's, whose statements
 * are cancelled past STATEMENT_TIMEOUT_MS (a command's long writes are not).
 */
export async function openMigratedDatabase(config: Config = loadConfig(), options: { requestPath?: boolean } = {}): Promise<Database> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
    prepare: config.databasePrepare,
    statementTimeoutMs: options.requestPath ? config.statementTimeoutMs : 0,
    directUrl: config.databaseDirectUrl,
  });
  await migrate(database, config.databaseDirectUrl);
  return database;
}

/** Errors whose message is the whole story, and the exit status each ends a command with. */
const EXIT_STATUS: readonly [new (...args: never[]) => Error, number][] = [
  [ImportInterrupted, 130],
  [ImportFileError, 1],
  [IngestError, 1],
  [SyncError, 1],
  [ConfigError, 1],
  [EmbeddedDatabaseBusy, 1],
];

/** The exit status for `error` and what to print: its message when it is a known failure, else its stack. */
export function failure(error: unknown): { exitCode: number; message: string } {
  if (error instanceof CliError) return { exitCode: error.exitCode, message: error.message };
  const known = EXIT_STATUS.find(([kind]) => error instanceof kind);
  if (known) return { exitCode: known[1], message: (error as Error).message };
  return { exitCode: 1, message: (error as Error)?.stack ?? String(error) };
}

/** Runs a command's main function; known errors print their message, others print in full. */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      const { exitCode, message } = failure(error);
      process.stderr.write(`${message}\n`);
      process.exit(exitCode);
    },
  );
}
