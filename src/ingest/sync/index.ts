/**
 * `runSync`: each upstream's own connector (its module's `sync`), run in dependency order — order
 * search first, since it queues the orders whose action logs and traces are fetched last.
 */
import type { Database } from '../../db/client.js';
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

export async function runSync(options: SyncOptions): Promise<SyncResult> {
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
  for (const source of SYNC_SOURCES.filter((name) => options.sources.includes(name))) {
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
