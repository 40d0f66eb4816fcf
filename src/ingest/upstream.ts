/**
 * What one upstream is to the ingest side: how its bodies are read, where its records are written,
 * how sync pulls it and which tables order links re-point. Each upstream declares this once, in its
 * own module; `registry.ts` lists them, and every list of sources is derived from there.
 */
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import type { BodyShape } from './body.js';
import type { SyncContext } from './sync/context.js';

export const HISTORY_ENTITIES = ['order', 'customer', 'pack'] as const;
export type HistoryEntity = (typeof HISTORY_ENTITIES)[number];

/** What a body of some upstreams needs besides itself. */
export interface BodyOptions {
  /** The upstream order id, for an upstream that takes it from the URL (`perOrder`). */
  orderId?: string | undefined;
  /** Which entity's changes, for an upstream with `entities`; its first one by default. */
  entity?: HistoryEntity | undefined;
}

export interface SyncSpec<T> {
  /** The upstream URL path; `:id` stands for the upstream order id of a per-order upstream. */
  readonly path: string;
  /** Pulls everything new into the database, checkpointed. */
  run(ctx: SyncContext, upstream: Upstream<T>): Promise<void>;
}

export interface Upstream<T = unknown, N extends string = string> {
  /** The `--source` name, the snapshot folder, the checkpoint key and the `order-links` system. */
  readonly name: N;
  /** Its bodies name no order: upstream takes the order id from the URL (import needs `--order`). */
  readonly perOrder?: boolean;
  /** Its bodies hold changes of one of these entities (`--entity`, snapshot subfolders); the first is the default. */
  readonly entities?: readonly HistoryEntity[];
  shape(options: BodyOptions): BodyShape<T>;
  /** Writes records of one or many bodies (each record names its own order); returns how many. */
  write(db: Db, merchantId: string, records: T[]): Promise<number>;
  /**
   * Tables whose `order_id` is canonical and `upstream_order_id` this upstream's own id: order links
   * with `system = name` re-point their rows.
   */
  readonly linked?: readonly PgTable[];
  readonly sync?: SyncSpec<T>;
}

/** `:id` of a per-order path filled in. */
export const orderPath = (path: string, upstreamOrderId: string): string => path.replace(':id', encodeURIComponent(upstreamOrderId));

/** The order id a per-order upstream's body needs; a caller that forgets it is a bug, not bad input. */
export function requiredOrderId(name: string, options: BodyOptions): string {
  if (!options.orderId) throw new Error(`${name} needs the upstream order id`);
  return options.orderId;
}
