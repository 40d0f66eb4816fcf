/** The six `--source` names: how each one's body is read and where its records are written. */
import type { Db } from '../../db/client.js';
import { actionLogsShape } from '../action-logs.js';
import { normaliseBody, type BodyShape } from '../body.js';
import { historyChangesShape, type HistoryEntity } from '../history-changes.js';
import { orderLinksShape } from '../order-links.js';
import { ordersShape } from '../orders.js';
import { statusHistoryShape } from '../status-history.js';
import { tracesShape } from '../traces.js';
import {
  writeActionLogs, writeHistoryChanges, writeOrderLinks, writeOrders, writeStatusHistory, writeTraces,
} from '../write.js';

/** In the order `--dir` imports them: orders and links first, so history lands on its canonical order at once. */
export const SOURCES = ['orders', 'order-links', 'action-logs', 'traces', 'status-history', 'history-changes'] as const;
export type Source = (typeof SOURCES)[number];

/** Sources whose body names no order: upstream takes it from the URL, so the import needs `--order`. */
export const PER_ORDER_SOURCES: readonly Source[] = ['action-logs', 'traces'];

export const isSource = (name: string): name is Source => (SOURCES as readonly string[]).includes(name);

export interface SourceOptions {
  /** The upstream order id, for action-logs and traces. */
  orderId?: string | undefined;
  /** history-changes only; default `order`. */
  entity?: HistoryEntity | undefined;
}

export type Writer = (db: Db, merchantId: string, records: unknown[]) => Promise<number>;

/** Writers take any records of their source, from one file or many: each record names its own order. */
export const WRITERS = {
  orders: writeOrders,
  'order-links': writeOrderLinks,
  'action-logs': writeActionLogs,
  traces: writeTraces,
  'status-history': writeStatusHistory,
  'history-changes': writeHistoryChanges,
} as unknown as Record<Source, Writer>;

/** How one file's body is read; per-order sources bake the file's order id into each record. */
export function shapeFor(source: Source, options: SourceOptions = {}): BodyShape<unknown> {
  const orderId = () => {
    if (!options.orderId) throw new Error(`${source} needs the upstream order id`);
    return options.orderId;
  };
  switch (source) {
    case 'orders':
      return ordersShape;
    case 'order-links':
      return orderLinksShape;
    case 'action-logs':
      return actionLogsShape(orderId());
    case 'traces':
      return tracesShape(orderId());
    case 'status-history':
      return statusHistoryShape;
    case 'history-changes':
      return historyChangesShape(options.entity ?? 'order');
  }
}

/**
 * Normalises bodies of one source already in memory and writes all their records: the same path a
 * file takes, for callers that hold the bodies themselves (the demo data set).
 */
export function writeBodies(
  db: Db,
  merchantId: string,
  source: Source,
  bodies: readonly { body: unknown; options?: SourceOptions }[],
): Promise<number> {
  const records = bodies.flatMap(({ body, options }) => normaliseBody(shapeFor(source, options), body));
  return WRITERS[source](db, merchantId, records);
}
