/** What every connector gets: where to write, whom to ask, how to report. */
import type { Database } from '../../db/client.js';
import { IngestError, SyncError } from '../errors.js';
import type { UpstreamClient } from './http.js';
import type { Progress } from './progress.js';

export interface SyncContext {
  database: Database;
  merchantId: string;
  client: UpstreamClient;
  progress: Progress;
  /** Order search `per_page`; status history `itemsPerPage` and change history `limit` take it up to 100. */
  perPage: number;
  /** Per-order requests (action logs, traces) in flight at once. */
  concurrency: number;
  /** Start over: a fresh full copy instead of resuming or catching up. */
  full: boolean;
  /** The per-order upstreams, whose queues order search fills with the orders it saw change. */
  perOrderSources: readonly string[];
}

/** Runs `normalise`; a refused record stops the sync with the URL and the record's path. */
export function normaliseFrom<T>(what: string, normalise: () => T): T {
  try {
    return normalise();
  } catch (error) {
    if (error instanceof IngestError) throw new SyncError(`${what}: ${error.message}`);
    throw error;
  }
}

/** The upstream's clock less a margin (its `Date` header has whole seconds), or ours less a minute. */
export function upstreamNow(date: Date | null): string {
  return new Date(date ? date.getTime() - 5_000 : Date.now() - 60_000).toISOString();
}
