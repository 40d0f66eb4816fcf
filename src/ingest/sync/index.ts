/**
 * `runSync`: each upstream's own connector (its module's `sync`), run in dependency order — order
 * search first, since it queues the orders whose action logs and traces are fetched last.
 */
import type { Database } from '../../db/client.js';
import { SyncBusy } from '../errors.js';
import { PER_ORDER_SOURCES, SYNC_SOURCES, upstreamNamed, type SyncSource } from '../registry.js';
import type { SyncContext } from './context.js';
import { createClient, type RetryEvent } from './http.js';
import { createProgress, rate, type SourceStats } from './progress.js';

export { SYNC_SOURCES, type SyncSource } from '../registry.js';

export interface SyncOptions {
  database: Database;
  merchantId: string;
  /** Run in SYNC_SOURCES order whatever order they are given in. */
  sources: readonly SyncSource[];
  baseUrl: string;
  token: string;
  perPage?: number;
  concurrency?: number;
  full?: boolean;
  maxRetries?: number;
  timeoutMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  onRetry?: (event: RetryEvent) => void;
  /** Where the progress line goes (standard error by default). */
  write?: (text: string) => void;
  tty?: boolean;
}

export interface SyncResult {
  sources: SourceStats[];
  rows: number;
  ms: number;
  requests: number;
  retries: number;
}

/** The lock one merchant's sync of one source holds while it runs, in every process. */
export const syncLockName = (merchantId: string, source: SyncSource) => `sync:${merchantId}:${source}`;

/**
 * Runs `fn` holding the locks of `sources` of `merchantId`, in every process (SyncBusy, with `fn`
 * not run, when another process holds one): a sync, and what its caller must do before another
 * may start.
 */
export async function whileSyncLocked<T>(database: Database, merchantId: string, sources: readonly SyncSource[], fn: () => Promise<T>): Promise<T> {
  const release = await database.tryLock(sources.map((source) => syncLockName(merchantId, source)));
  if (!release) throw new SyncBusy(`merchant ${merchantId} is being synced (${sources.join(', ')}) by another process: try again once it is done`);
  try {
    return await fn();
  } finally {
    await release();
  }
}

/** Runs the sources in order under their locks (`lockHeld`: the caller holds them, by whileSyncLocked). */
export async function runSync(options: SyncOptions & { lockHeld?: boolean }): Promise<SyncResult> {
  const sources = SYNC_SOURCES.filter((name) => options.sources.includes(name));
  if (options.lockHeld) return syncSources(options, sources);
  return whileSyncLocked(options.database, options.merchantId, sources, () => syncSources(options, sources));
}

async function syncSources(options: SyncOptions, sources: SyncSource[]): Promise<SyncResult> {
  const started = Date.now();
  const progress = createProgress({ label: `sync ${options.merchantId}`, write: options.write, tty: options.tty });
  let retries = 0;
  const client = createClient({
    baseUrl: options.baseUrl,
    token: options.token,
    maxRetries: options.maxRetries,
    timeoutMs: options.timeoutMs,
    baseDelayMs: options.baseDelayMs,
    maxDelayMs: options.maxDelayMs,
    onRetry(event) {
      retries += 1;
      progress.note(`attempt ${event.attempt} failed: ${event.reason}; retrying in ${(event.delayMs / 1000).toFixed(1)} s`);
      options.onRetry?.(event);
    },
  });
  const ctx: SyncContext = {
    database: options.database,
    merchantId: options.merchantId,
    client,
    progress,
    perPage: options.perPage ?? 50,
    concurrency: options.concurrency ?? 4,
    full: options.full ?? false,
    perOrderSources: PER_ORDER_SOURCES.filter((name) => SYNC_SOURCES.includes(name)),
  };
  for (const source of sources) {
    progress.start(source);
    const upstream = upstreamNamed(source);
    await upstream.sync?.run(ctx, upstream);
    progress.finish();
  }
  await options.database.refreshStatistics();
  const rows = progress.done.reduce((sum, s) => sum + s.rows, 0);
  const ms = Date.now() - started;
  if (progress.done.length > 1) {
    const write = options.write ?? ((text: string) => void process.stderr.write(text));
    write(
      `sync ${options.merchantId}: ${rows} rows, ${client.requests} requests, ${retries} retries ` +
        `in ${(ms / 1000).toFixed(1)} s (${rate(rows, ms)} rows/s)\n`,
    );
  }
  return { sources: progress.done, rows, ms, requests: client.requests, retries };
}
