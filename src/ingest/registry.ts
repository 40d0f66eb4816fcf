/**
 * Every source the ingest side knows, each declared in its own module, and every list of them
 * derived from here: import's `--source` names and snapshot folders, the per-order ones, the
 * `order-links` systems, and sync's sources in the order they run.
 */
import type { Db } from '../db/client.js';
import { actionLogsUpstream } from './action-logs.js';
import { normaliseBody } from './body.js';
import { historyChangesUpstream } from './history-changes.js';
import { orderLinksUpstream } from './order-links.js';
import { ordersUpstream } from './orders.js';
import { statusHistoryUpstream } from './status-history.js';
import { tracesUpstream } from './traces.js';
import type { BodyOptions, Upstream } from './upstream.js';

const HISTORY = [actionLogsUpstream, tracesUpstream, statusHistoryUpstream, historyChangesUpstream] as const;

export const orderLinks = orderLinksUpstream(HISTORY);
export const writeOrderLinks = orderLinks.write;
export const normaliseOrderLinksBody = orderLinks.normaliseBody;

/** In the order `--dir` imports them: orders and links first, so history lands on its canonical order at once. */
export const UPSTREAMS = [ordersUpstream, orderLinks, ...HISTORY] as const;

export type Source = (typeof UPSTREAMS)[number]['name'];
export const SOURCES: readonly Source[] = UPSTREAMS.map((upstream) => upstream.name);
export const isSource = (name: string): name is Source => (SOURCES as readonly string[]).includes(name);

/** The upstream called `name`, typed loosely: callers hand it records it produced itself. */
export const upstreamNamed = (name: Source): Upstream =>
  UPSTREAMS.find((upstream) => upstream.name === name) as unknown as Upstream;

const sourcesWhere = (test: (upstream: Upstream) => boolean): Source[] =>
  UPSTREAMS.filter((upstream) => test(upstream as Upstream)).map((upstream) => upstream.name);

/** Sources whose bodies name no order: upstream takes it from the URL, so an import needs `--order`. */
export const PER_ORDER_SOURCES = sourcesWhere((upstream) => upstream.perOrder === true);

/** The `system` names of `order-links`: the upstreams that name orders by ids of their own. */
export const LINK_SYSTEMS = sourcesWhere((upstream) => upstream.linked !== undefined);

/**
 * The sources sync pulls, in the order it runs them: order search first and the per-order ones
 * last, since they fetch the orders order search found changed.
 */
export const SYNC_SOURCES = [
  ...sourcesWhere((upstream) => upstream.sync !== undefined && !upstream.perOrder),
  ...sourcesWhere((upstream) => upstream.sync !== undefined && upstream.perOrder === true),
];
export type SyncSource = Source;

/**
 * Normalises bodies of one source already in memory and writes all their records: the same path a
 * file takes, for callers that hold the bodies themselves (the demo data set).
 */
export function writeBodies(
  db: Db,
  merchantId: string,
  source: Source,
  bodies: readonly { body: unknown; options?: BodyOptions }[],
): Promise<number> {
  const upstream = upstreamNamed(source);
  const records = bodies.flatMap(({ body, options }) => normaliseBody(upstream.shape(options ?? {}), body));
  return upstream.write(db, merchantId, records);
}
