/**
 * Deterministic demo data set: two merchants whose bodies are shaped exactly like the upstream
 * responses (CONTRACT §7), so they go through the same normalisers as a real import.
 */
import { ActionLogWriter, forcedKeys } from './action-logs.js';
import { buildHistoryChanges, buildStatusHistory, type OrderLink } from './history.js';
import { orderJson } from './order-json.js';
import { buildOrders } from './orders.js';
import { Rng, hashSeed } from './random.js';
import { buildSetup, type MerchantProfile } from './setup.js';
import { buildTraces } from './traces.js';

export { ACTION_LOG_KEYS, UNKNOWN_ACTION_LOG_KEY } from './action-logs.js';
export type { OrderLink } from './history.js';

export interface DemoMerchant {
  merchantId: string;
  /** Order-search items (`{"items": [...]}` of order-search.txt), newest first. */
  orders: unknown[];
  orderLinks: OrderLink[];
  /** `orderId` is the canonical (order-search) id. */
  actionLogs: { orderId: string; body: { items: unknown[] } }[];
  statusHistory: {
    entries: unknown[];
    page: number;
    totalsCount: number;
    isLastPage: boolean;
    lastPageNumber: number;
    firstOnPage: number;
    lastOnPage: number;
    itemsPerPage: number;
  };
  historyChanges: {
    success: true;
    history: unknown[];
    pagination: { limit: number; totalCount: number; currentPage: number; totalPageCount: number };
  };
  /** `orderId` is the canonical (order-search) id. */
  traces: { orderId: string; body: { count: number; items: unknown[]; canAdd: boolean } }[];
}

export interface GenerateDemoOptions {
  ordersPerMerchant: number;
  seed?: number;
  /** The data set's "now": everything happens in the ~120 days before it. */
  now?: Date;
}

/** Fixed, not the clock: the same options must always give the same data. */
export const DEMO_NOW = new Date('2025-06-30T12:00:00Z');
export const DEMO_SEED = 20250630;

export const DEMO_MERCHANTS: readonly MerchantProfile[] = [
  { merchantId: 'demo-a', site: 'demo-a-shop', currency: 'TWD', statusHistoryBase: 400, historyChangesBase: 7000 },
  { merchantId: 'demo-b', site: 'demo-b-shop', currency: 'HKD', statusHistoryBase: 20400, historyChangesBase: 27000 },
];

function generateMerchant(profile: MerchantProfile, seed: number, now: number, n: number): DemoMerchant {
  // One stream per concern, so a change in one part does not reshuffle the others.
  const root = new Rng(hashSeed(seed, profile.merchantId));
  const setup = buildSetup(root.fork('setup'), profile, now);
  const models = buildOrders(root.fork('orders'), setup, n);
  const forced = forcedKeys(models.length);
  const writer = new ActionLogWriter(root.fork('action-logs'), setup, new Map(models.map((o) => [o.id, o])));
  const actionLogs = models.map((o, i) => ({
    orderId: o.id,
    body: { items: writer.write(o, forced[i] ?? [], i === 0) },
  }));
  const orderLinks: OrderLink[] = [];
  const statusHistory = buildStatusHistory(root.fork('status-history'), setup, models, orderLinks);
  const historyChanges = buildHistoryChanges(root.fork('history-changes'), setup, models, orderLinks);
  const traces = buildTraces(root.fork('traces'), setup, models);
  const jsonRng = root.fork('order-json');
  const orders = models
    .map((o) => ({ o, json: orderJson(jsonRng, setup, o) }))
    .sort((a, b) => b.o.createdAt - a.o.createdAt || (b.o.id < a.o.id ? -1 : b.o.id > a.o.id ? 1 : 0))
    .map(({ json }) => json);
  return { merchantId: profile.merchantId, orders, orderLinks, actionLogs, statusHistory, historyChanges, traces };
}

export function generateDemoData(options: GenerateDemoOptions): DemoMerchant[] {
  const n = options.ordersPerMerchant;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`ordersPerMerchant must be a whole number >= 0, got ${n}`);
  const now = (options.now ?? DEMO_NOW).getTime();
  if (Number.isNaN(now)) throw new RangeError('now must be a valid date');
  const seed = options.seed ?? DEMO_SEED;
  return DEMO_MERCHANTS.map((profile) => generateMerchant(profile, seed, now, n));
}
