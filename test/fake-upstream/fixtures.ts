/**
 * What the fake upstream serves: one merchant of the deterministic demo data set, as mutable
 * upstream-shaped bodies, plus the changes an incremental sync must find (new and updated orders,
 * a delivery change that leaves `updated_at` alone, new status and change history).
 */
import { generateDemoData, type OrderLink } from '../../src/demo/generate.js';
import { crmDateTime, isoOffset, isoZ } from '../../src/demo/format.js';

// Upstream bodies are arbitrary JSON; `any` keeps the mutations short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export interface UpstreamStore {
  merchantId: string;
  /** Order-search items by id. */
  orders: Map<string, Json>;
  /** Action logs by order id, newest first. */
  actionLogs: Map<string, Json[]>;
  traces: Map<string, { count: number; items: Json[]; canAdd: boolean }>;
  statusHistory: Json[];
  /** Change-history records (`/api/v5/orders/history`), ascending id. */
  historyChanges: Json[];
  /** How status and change history name each order (loaded with `npm run import -- --source order-links`). */
  orderLinks: OrderLink[];
}

export function buildStore(options: { ordersPerMerchant: number; merchantId?: 'demo-a' | 'demo-b' }): UpstreamStore {
  const all = generateDemoData({ ordersPerMerchant: options.ordersPerMerchant });
  const demo = all.find((m) => m.merchantId === (options.merchantId ?? 'demo-a'));
  if (!demo) throw new Error(`no demo merchant ${options.merchantId}`);
  return {
    merchantId: demo.merchantId,
    orders: new Map((demo.orders as Json[]).map((o) => [o.id as string, o])),
    actionLogs: new Map(demo.actionLogs.map(({ orderId, body }) => [orderId, body.items as Json[]])),
    traces: new Map(demo.traces.map(({ orderId, body }) => [orderId, { ...body, items: body.items as Json[] }])),
    statusHistory: demo.statusHistory.entries as Json[],
    historyChanges: [...(demo.historyChanges.history as Json[])].sort((a, b) => a.id - b.id),
    orderLinks: demo.orderLinks,
  };
}

/** Many small orders (id, number, status, times only) for pagination-depth tests. */
export function smallOrderStore(count: number, merchantId = 'demo-a'): UpstreamStore {
  const base = Date.UTC(2025, 0, 1);
  const orders = new Map<string, Json>();
  for (let i = 0; i < count; i += 1) {
    const at = isoOffset(base + i * 60_000);
    const id = objectId(base + i * 60_000, i);
    orders.set(id, { id, order_number: `S${String(i).padStart(8, '0')}`, status: 'pending', created_at: at, updated_at: at });
  }
  return { merchantId, orders, actionLogs: new Map(), traces: new Map(), statusHistory: [], historyChanges: [], orderLinks: [] };
}

let minted = 0;
/** A 24-hex ObjectId for `at`; later times give greater ids, as upstream's do. */
function objectId(at: number, n = ++minted): string {
  return Math.floor(at / 1000).toString(16).padStart(8, '0') + 'fa4e' + n.toString(16).padStart(12, '0');
}

const log = (key: string, data: Json | null, at: number): Json => ({
  key,
  data,
  created_at: isoZ(at),
  performer_name: 'sync test',
  performer_type: 'User',
  performer_id: '60c1e027a47d91004377f129',
  performing_application_id: null,
});

const clone = <T>(value: T): T => structuredClone(value);

/** A new order, created and updated at `now`, with its `order_created` log. Returns its id. */
export function addOrder(store: UpstreamStore, now = Date.now()): string {
  const template = store.orders.values().next().value as Json;
  const id = objectId(now);
  const o = clone(template);
  Object.assign(o, { id, order_number: `N${id.slice(-10)}`, status: 'pending', created_at: isoOffset(now), updated_at: isoOffset(now) });
  o.confirmed_at = null;
  o.cancelled_at = null;
  o.parent_order_id = '';
  o.child_order_ids = [];
  o.split_at = null;
  Object.assign(o.order_delivery, { status: 'pending', delivery_status: 'pending', shipped_at: null, arrived_at: null, collected_at: null, returned_at: null });
  store.orders.set(id, o);
  store.actionLogs.set(id, [log('order_created', { created_by: 'shop' }, now)]);
  return id;
}

/** An order-level change: status confirmed, `updated_at` = now, an `updated_status` log. */
export function updateOrder(store: UpstreamStore, id: string, now = Date.now()): void {
  const o = store.orders.get(id);
  if (!o) throw new Error(`no order ${id}`);
  Object.assign(o, { status: 'confirmed', confirmed_at: isoOffset(now), updated_at: isoOffset(now) });
  store.actionLogs.set(id, [log('updated_status', { updated_status: 'confirmed', reason: null }, now), ...(store.actionLogs.get(id) ?? [])]);
}

/** A delivery change as upstream makes it: `order_delivery` moves, `updated_at` does not (order-search.txt). */
export function shipOrder(store: UpstreamStore, id: string, now = Date.now()): void {
  const o = store.orders.get(id);
  if (!o) throw new Error(`no order ${id}`);
  Object.assign(o.order_delivery, { status: 'shipped', delivery_status: 'shipped', shipped_at: isoOffset(now) });
  store.actionLogs.set(id, [log('updated_delivery_status', { updated_delivery_status: 'shipped' }, now), ...(store.actionLogs.get(id) ?? [])]);
  const traces = store.traces.get(id) ?? { count: 0, items: [], canAdd: true };
  const item = { date: isoZ(now), message: 'Shipped', status: 3, statust: 'Shipped', deadline: null, sender: { pid: 201, pfname: 'Marcus', plname: 'Leen', cid: 76, cname: 'Henderson Inc' } };
  store.traces.set(id, { ...traces, count: traces.count + 1, items: [item, ...traces.items] });
}

/** A new status-history entry for `upstreamOrderId` (status history's own numeric order id). */
export function addStatusEntry(store: UpstreamStore, upstreamOrderId: number, now = Date.now()): number {
  const id = Math.max(0, ...store.statusHistory.map((e) => e.id as number)) + 1;
  store.statusHistory.push({ orderId: upstreamOrderId, statusId: 4, createdAt: isoOffset(Math.floor(now / 1000) * 1000).replace('.000', ''), userId: 6, procedureText: 'Shipped by sync test', id });
  return id;
}

/** A new change-history record on the order change history calls `historyOrderId`. */
export function addHistoryChange(store: UpstreamStore, historyOrder: Json, now = Date.now()): number {
  const id = Math.max(900, ...store.historyChanges.map((r) => r.id as number)) + 1;
  store.historyChanges.push({ id, createdAt: crmDateTime(now), source: 'user', user: { id: 6 }, field: 'statusComment', newValue: 'Shipped today', order: historyOrder });
  return id;
}
