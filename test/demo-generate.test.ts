import { describe, expect, it } from 'vitest';
import {
  ACTION_LOG_KEYS,
  UNKNOWN_ACTION_LOG_KEY,
  generateDemoData,
  type DemoMerchant,
} from '../src/demo/generate.js';

type Obj = Record<string, unknown>;
const small = generateDemoData({ ordersPerMerchant: 20 });
const medium = generateDemoData({ ordersPerMerchant: 60 });
const merchant = (data: DemoMerchant[], id: string) => {
  const found = data.find((m) => m.merchantId === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
};
const logs = (m: DemoMerchant) => m.actionLogs.flatMap((l) => l.body.items as Obj[]);
const orders = (m: DemoMerchant) => m.orders as Obj[];
const changes = (m: DemoMerchant) => m.historyChanges.history as Obj[];
const statusEntries = (m: DemoMerchant) => m.statusHistory.entries as Obj[];
const traceItems = (m: DemoMerchant) => m.traces.flatMap((t) => t.body.items as Obj[]);

describe('generateDemoData', () => {
  it('is deterministic and does not read the clock', () => {
    expect(generateDemoData({ ordersPerMerchant: 30 })).toEqual(generateDemoData({ ordersPerMerchant: 30 }));
    const other = generateDemoData({ ordersPerMerchant: 30, seed: 7 });
    expect(other).not.toEqual(generateDemoData({ ordersPerMerchant: 30 }));
    expect(other).toEqual(generateDemoData({ ordersPerMerchant: 30, seed: 7 }));
  });

  it('returns demo-a and demo-b with the requested number of orders', () => {
    expect(medium.map((m) => m.merchantId)).toEqual(['demo-a', 'demo-b']);
    for (const m of medium) expect(m.orders).toHaveLength(60);
    expect(generateDemoData({ ordersPerMerchant: 0 }).every((m) => m.orders.length === 0)).toBe(true);
  });

  it('shapes orders like order search', () => {
    const now = Date.parse('2025-06-30T12:00:00Z');
    const all = medium.flatMap(orders);
    const seen = (path: (o: Obj) => unknown) => new Set(all.map(path));
    for (const o of all) {
      expect(o.id).toMatch(/^[0-9a-f]{24}$/);
      expect(o.order_number).toMatch(/^\d{17}$/);
      expect(o.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
      const created = Date.parse(o.created_at as string);
      expect(created).toBeGreaterThan(now - 121 * 86_400_000);
      expect(Date.parse(o.updated_at as string)).toBeGreaterThan(created);
      expect(Date.parse(o.updated_at as string)).toBeLessThanOrEqual(now);
      expect(Object.keys(o.total as Obj)).toEqual(['cents', 'currency_symbol', 'currency_iso', 'label', 'dollars']);
      const items = o.subtotal_items as Obj[];
      expect(items.length).toBeGreaterThanOrEqual(1);
      expect(items.length).toBeLessThanOrEqual(4);
      for (const item of items) {
        for (const k of ['item_id', 'id', 'title_translations', 'sku', 'quantity', 'item_price', 'price', 'total']) expect(item).toHaveProperty(k);
      }
      if (o.status === 'cancelled') expect(o.cancelled_at).toEqual(expect.any(String));
      const delivery = o.order_delivery as Obj;
      const shipped = ['shipped', 'arrived', 'returned', 'returning'].includes(delivery.delivery_status as string);
      if (shipped) {
        expect(delivery.shipped_at).toEqual(expect.any(String));
        expect((o.delivery_data as Obj).tracking_number).not.toBe('');
      }
      if (delivery.delivery_status === 'collected') expect(delivery.collected_at).toEqual(expect.any(String));
      if (delivery.delivery_status === 'pending') expect(delivery.shipped_at).toBeNull();
    }
    expect(new Set(all.map((o) => o.id)).size).toBe(all.length);
    expect(seen((o) => o.status)).toEqual(new Set(['pending', 'confirmed', 'completed', 'cancelled']));
    expect([...seen((o) => (o.order_payment as Obj).status)].sort()).toEqual(
      ['completed', 'expired', 'failed', 'partially_refunded', 'pending', 'refunded', 'refunding', 'temp'].sort(),
    );
    expect(seen((o) => (o.order_delivery as Obj).delivery_status).size).toBe(7);
    expect(seen((o) => (o.order_delivery as Obj).platform)).toEqual(new Set(['post', 'pickup', 'custom', 'store_pickup']));
    expect(seen((o) => o.created_by)).toEqual(new Set(['shop', 'admin', 'pos', 'visible_channels']));
    expect(all.some((o) => typeof o.merchant_order_number === 'string')).toBe(true);
    expect(all.some((o) => (o.affiliate_data as Obj).affiliate_source !== undefined)).toBe(true);
    expect(all.some((o) => (o.promotion_items as unknown[]).length > 0)).toBe(true);
    expect(all.some((o) => (o.delivery_data as Obj).scheduled_delivery_date !== null)).toBe(true);
    expect(all.some((o) => (o.subtotal_items as Obj[]).some((i) => (i.item_data as Obj).promotion_id !== null))).toBe(true);
  });

  it('has orders sharing a created_at exactly', () => {
    for (const m of small) {
      const times = orders(m).map((o) => o.created_at);
      expect(new Set(times).size).toBeLessThan(times.length);
    }
  });

  it('has split orders whose logs point at each other', () => {
    for (const m of small) {
      const byId = new Map(orders(m).map((o) => [o.id as string, o]));
      const logsOf = (id: string) => (m.actionLogs.find((l) => l.orderId === id)?.body.items ?? []) as Obj[];
      const parents = orders(m).filter((o) => (o.child_order_ids as string[]).length > 0);
      expect(parents.length).toBeGreaterThanOrEqual(2);
      for (const parent of parents) {
        for (const childId of parent.child_order_ids as string[]) {
          const child = byId.get(childId);
          expect(child?.parent_order_id).toBe(parent.id);
          expect(child?.split_at).toEqual(expect.any(String));
          expect(logsOf(parent.id as string).some((l) => l.key === 'order_split' && (l.data as Obj).order_id === childId)).toBe(true);
          expect(logsOf(childId).some((l) => l.key === 'order_split_from' && (l.data as Obj).order_id === parent.id)).toBe(true);
        }
      }
    }
  });

  it('covers every action-log key, with the upstream quirks', () => {
    for (const data of [small, medium]) {
      const items = logs(merchant(data, 'demo-a'));
      const keys = new Set(items.map((l) => (l.key as string).trim()));
      for (const key of ACTION_LOG_KEYS) expect(keys, key).toContain(key);
      expect(keys).toContain(UNKNOWN_ACTION_LOG_KEY);
      expect(items.some((l) => l.key === 'updated_delivery_details ')).toBe(true);
      expect(items.some((l) => l.key === 'updated_customer_details ')).toBe(true);
      expect(items.some((l) => 'performer_application_id' in l)).toBe(true);
      expect(items.some((l) => 'performing_application_id' in l)).toBe(true);
      expect(new Set(items.map((l) => l.performer_type))).toEqual(new Set(['User', 'Customer', 'System', 'Application']));
    }
    const b = new Set(logs(merchant(small, 'demo-b')).map((l) => (l.key as string).trim()));
    expect(ACTION_LOG_KEYS.filter((k) => b.has(k)).length).toBeGreaterThanOrEqual(35);
  });

  it('writes action-log data in the documented shapes', () => {
    const items = logs(merchant(medium, 'demo-a'));
    const data = (key: string) => items.find((l) => l.key === key)?.data as Obj;
    const money = { cents: expect.any(Number), currency_symbol: 'NT$', currency_iso: 'TWD', label: expect.any(String), dollars: expect.any(Number) };
    expect(data('order_edit').total).toEqual([money, money]);
    expect(data('order_split_changes').discount).toEqual([money, money]);
    expect(data('update_delivery_method').to_delivery_method).toHaveProperty('zh-hant');
    expect(data('update_payment_method').from_payment_method).toHaveProperty('en');
    expect(data('update_invoice_status').status).toEqual([expect.any(String), expect.any(String)]);
    expect(data('execute_shipment_failed')).toHaveProperty('messasge');
    expect(data('cancel_shipment_failed')).toHaveProperty('messasge');
    expect(data('chargeback_won')).toBeNull();
    for (const log of medium[0]!.actionLogs) {
      const list = log.body.items as Obj[];
      expect(list.length).toBeLessThanOrEqual(100);
      const times = list.map((l) => l.created_at as string);
      for (const t of times) expect(t).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect([...times].sort().reverse()).toEqual(times);
    }
    expect(medium[0]!.actionLogs.some((l) => {
      const times = (l.body.items as Obj[]).map((i) => i.created_at);
      return new Set(times).size < times.length;
    })).toBe(true);
  });

  it('writes status history with integer order ids, float status ids and zone offsets', () => {
    const m = merchant(medium, 'demo-a');
    const entries = statusEntries(m);
    expect(m.statusHistory.totalsCount).toBe(entries.length);
    for (const e of entries) {
      expect(Object.keys(e)).toEqual(['orderId', 'statusId', 'createdAt', 'userId', 'procedureText', 'id']);
      expect(Number.isInteger(e.orderId)).toBe(true);
      expect(e.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$/);
    }
    expect(entries.some((e) => !Number.isInteger(e.statusId))).toBe(true);
    expect(entries.some((e) => e.userId === null)).toBe(true);
    const ids = entries.map((e) => e.id as number);
    expect(new Set(ids).size).toBe(ids.length);
    const created = entries.map((e) => e.createdAt as string);
    expect(new Set(created).size).toBeLessThan(created.length);
    const perOrder = new Map<unknown, number>();
    for (const e of entries) perOrder.set(e.orderId, (perOrder.get(e.orderId) ?? 0) + 1);
    expect(Math.max(...perOrder.values())).toBeLessThanOrEqual(5);
  });

  it('covers every change-history value type', () => {
    const history = changes(merchant(small, 'demo-a'));
    const has = (pred: (c: Obj) => boolean) => expect(history.some(pred)).toBe(true);
    has((c) => typeof c.newValue === 'string' && c.field === 'statusComment');
    has((c) => c.field === 'phone' && typeof c.oldValue === 'string');
    has((c) => c.field === 'discount' && c.oldValue === 250.5 && c.newValue === 260);
    has((c) => typeof c.newValue === 'boolean');
    has((c) => typeof c.newValue === 'string' && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(c.newValue));
    has((c) => c.field === 'status' && (c.newValue as Obj | undefined)?.code === 'completed');
    has((c) => (c.newValue as Obj | undefined)?.cancel === true && (c.newValue as Obj).code === 'out-of-stock');
    has((c) => !('oldValue' in c) && 'newValue' in c);
    has((c) => 'oldValue' in c && !('newValue' in c));
    has((c) => c.combinedTo !== undefined);
    has((c) => c.ancestor !== undefined);
    expect(new Set(history.map((c) => c.source))).toEqual(new Set(['api', 'code', 'user', 'rule', 'combine', 'split']));
    for (const c of history) {
      expect(c.createdAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(Number.isInteger((c.order as Obj).id)).toBe(true);
      if (c.source === 'user') expect(c.user).toEqual({ id: expect.any(Number) });
      if (c.source === 'api') expect(c.apiKey).toEqual({ current: expect.any(Boolean) });
    }
    const ids = history.map((c) => c.id as number);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('links every upstream integer order id to a demo order', () => {
    for (const m of small) {
      const orderIds = new Set(orders(m).map((o) => o.id));
      const linked = (system: string) => new Set(m.orderLinks.filter((l) => l.system === system).map((l) => l.externalId));
      for (const link of m.orderLinks) expect(orderIds).toContain(link.orderId);
      const sh = linked('status-history');
      for (const e of statusEntries(m)) expect(sh).toContain(String(e.orderId));
      const hc = linked('history-changes');
      for (const c of changes(m)) {
        for (const ref of [c.order, c.combinedTo, c.ancestor] as (Obj | undefined)[]) {
          if (ref) {
            expect(hc).toContain(String(ref.id));
            expect(orderIds).toContain(ref.externalId);
          }
        }
      }
      for (const t of m.traces) expect(orderIds).toContain(t.orderId);
    }
  });

  it('writes traces with deleted senders, array senders and partial pages', () => {
    for (const m of small) {
      const items = traceItems(m);
      const senders = items.flatMap((i) => (Array.isArray(i.sender) ? i.sender : [i.sender]) as Obj[]);
      expect(senders.some((s) => s.pid !== null && s.pfname === null && s.plname === null && s.cid === null && s.cname === null)).toBe(true);
      expect(items.some((i) => Array.isArray(i.sender) && i.sender.length === 1)).toBe(true);
      expect(m.traces.some((t) => t.body.count > t.body.items.length)).toBe(true);
      expect(items.some((i) => i.message === null)).toBe(true);
      for (const i of items) {
        expect(Number.isInteger(i.status)).toBe(true);
        expect(i.statust).toEqual(expect.any(String));
      }
    }
    const all = medium.flatMap(traceItems);
    expect(all.some((i) => i.deadline === null)).toBe(true);
    expect(medium.some((m) => m.traces.some((t) => new Set((t.body.items as Obj[]).map((i) => i.deadline)).size > 1))).toBe(true);
  });

  it('scales to 2000 orders per merchant', () => {
    const data = generateDemoData({ ordersPerMerchant: 2000 });
    for (const m of data) {
      expect(m.orders).toHaveLength(2000);
      expect(m.actionLogs).toHaveLength(2000);
      const logCount = logs(m).length;
      expect(logCount).toBeGreaterThan(2000 * 3);
      expect(logCount).toBeLessThan(2000 * 15);
      expect(statusEntries(m).length).toBeGreaterThan(2000);
      expect(changes(m).length).toBeGreaterThan(2000);
      expect(m.traces.length).toBeGreaterThan(800);
      expect(m.traces.length).toBeLessThan(1200);
    }
  });
});
