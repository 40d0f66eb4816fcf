/** Action logs per order, in the shapes of action-logs.txt, upstream quirks included. */
import {
  CANCEL_REASONS,
  DELIVERY_OPTIONS,
  PAYMENT_METHODS,
  PAYMENT_REASONS,
  PICKUP_STORES,
  SHIPMENT_FAILURES,
} from './catalog.js';
import { DAY, isoOffset, isoZ, money } from './format.js';
import { totals, type OrderModel } from './orders.js';
import type { Rng } from './random.js';
import type { MerchantSetup } from './setup.js';

/** The 42 keys of CONTRACT §5, trimmed. */
export const ACTION_LOG_KEYS = [
  'execute_shipment_job_failed', 'updated_delivery_status', 'updated_ref_delivery_status', 'updated_status',
  'updated_payment_status', 'set_shipment_id', 'updated_delivery_details', 'updated_customer_details',
  'updated_order_details', 'added_a_comment', 'create_delivery_remark', 'update_delivery_remark',
  'delete_delivery_remark', 'delivery_location_updated', 'returning_store_updated', 'order_edit', 'order_split',
  'order_split_changes', 'order_split_from', 'update_delivery_method', 'update_payment_method',
  'product_subscription_created', 'cancell_product_subscription', 'unmatch_amount', 'added_order_payment_slip',
  'order_transferred', 'order_created', 'customer_cancel_requested', 'customer_cancel_failed', 'chargeback_request',
  'chargeback_review', 'chargeback_lost', 'chargeback_expired', 'chargeback_won', 'chargeback_canceled',
  'chargeback_resolved', 'execute_shipment_failed', 'cancel_shipment_failed', 'update_invoice_request',
  'create_invoice', 'cancel_invoice', 'update_invoice_status',
] as const;

/** A key this gateway does not know, so `UnknownActionLog` has something to show. */
export const UNKNOWN_ACTION_LOG_KEY = 'gift_card_applied';

/** Keys upstream spells with a trailing space (action-logs.txt); sent that way most of the time. */
const SPACED = new Set(['updated_delivery_details', 'updated_customer_details']);
/** Keys that only make sense on split orders: written from the split itself. */
const SPLIT_KEYS = new Set(['order_split', 'order_split_changes', 'order_split_from']);
const FORCED = [...ACTION_LOG_KEYS.filter((k) => !SPLIT_KEYS.has(k)), UNKNOWN_ACTION_LOG_KEY];

const EXTRAS: readonly (readonly [string, number])[] = [
  ['added_a_comment', 8], ['updated_order_details', 6], ['updated_customer_details', 5], ['updated_delivery_details', 5],
  ['create_delivery_remark', 3], ['update_delivery_remark', 2], ['delete_delivery_remark', 1], ['order_edit', 3],
  ['update_delivery_method', 2], ['update_payment_method', 2], ['delivery_location_updated', 1],
  ['returning_store_updated', 1], ['unmatch_amount', 1], ['added_order_payment_slip', 2], ['order_transferred', 1],
  ['update_invoice_request', 1], ['create_invoice', 2], ['update_invoice_status', 1], ['cancel_invoice', 1],
  ['execute_shipment_job_failed', 1], ['execute_shipment_failed', 1], ['cancel_shipment_failed', 1],
  ['updated_ref_delivery_status', 1], ['chargeback_request', 1], ['customer_cancel_failed', 1],
  ['product_subscription_created', 1], ['cancell_product_subscription', 1], [UNKNOWN_ACTION_LOG_KEY, 1],
];

type PerformerType = 'User' | 'Customer' | 'System' | 'Application';
interface Performer {
  type: PerformerType;
  name: string | null;
  id: string | null;
  appId: string | null;
}
interface LogEvent {
  key: string;
  data: Record<string, unknown> | null;
  at: number;
  by: Performer;
}

const SYSTEM_KEYS = /^(chargeback_|execute_shipment|unmatch_amount|updated_ref_delivery_status|cancel_shipment)/;
const CUSTOMER_KEYS = /^(customer_cancel_|added_order_payment_slip)/;
const APP_KEYS = /^(create_invoice|cancel_invoice|update_invoice_status|product_subscription_created|gift_card_applied)/;

export class ActionLogWriter {
  constructor(
    private readonly rng: Rng,
    private readonly setup: MerchantSetup,
    private readonly byId: Map<string, OrderModel>,
  ) {}

  private performer(o: OrderModel, key: string): Performer {
    const { rng, setup } = this;
    if (SYSTEM_KEYS.test(key)) return { type: 'System', name: 'system', id: null, appId: null };
    if (CUSTOMER_KEYS.test(key) || (key === 'order_created' && o.createdBy === 'shop')) {
      return { type: 'Customer', name: o.customer.name, id: o.customer.id, appId: null };
    }
    if (APP_KEYS.test(key) || (key === 'order_created' && o.createdBy === 'visible_channels')) {
      const app = rng.pick(setup.apps);
      return { type: 'Application', name: app.name, id: app.id, appId: app.id };
    }
    const staff = rng.pick(setup.staff);
    const pos = o.createdBy === 'pos' ? setup.apps[0]?.id ?? null : null;
    return { type: 'User', name: staff.name, id: staff.id, appId: pos };
  }

  private data(o: OrderModel, key: string, at: number): Record<string, unknown> | null {
    const { rng, setup } = this;
    const m = (v: number) => money(setup.currency, v);
    const t = totals(setup, o);
    const lang = (x: { en: string; zh: string }) => ({ en: x.en, 'zh-hant': x.zh });
    switch (key) {
      case 'updated_delivery_status':
        return { updated_delivery_status: o.deliveryStatus };
      case 'updated_ref_delivery_status':
        return { updated_ref_delivery_status: rng.pick(['pending', 'shipped', 'arrived', 'collected']) };
      case 'updated_status':
        return { updated_status: o.status, reason: '' };
      case 'updated_payment_status':
        return { updated_payment_status: o.paymentStatus, reason: rng.pick(PAYMENT_REASONS) };
      case 'set_shipment_id':
        return { set_shipment_id: o.trackingNumber ?? `SHP${rng.digits(9)}` };
      case 'delivery_location_updated': {
        const [from, to] = rng.sample(PICKUP_STORES, 2);
        return { current_location_name: from?.[1] ?? null, updated_location_name: to?.[1] ?? null };
      }
      case 'returning_store_updated':
        return { updated_location_name: rng.pick(PICKUP_STORES)[1] };
      case 'order_edit': {
        const delta = setup.price(rng.pick([50, 120, 200, 450]));
        const extra = rng.chance(0.5) ? setup.price(50) : 0;
        return {
          total: [m(t.total + delta - extra), m(t.total)],
          subtotal: [m(t.subtotal + delta), m(t.subtotal)],
          discount: [m(t.discount + extra), m(t.discount)],
        };
      }
      case 'update_delivery_method':
        return {
          from_delivery_method: lang(rng.pick(DELIVERY_OPTIONS.filter((d) => d !== o.delivery.option))),
          to_delivery_method: lang(o.delivery.option),
        };
      case 'update_payment_method':
        return {
          from_payment_method: lang(rng.pick(PAYMENT_METHODS.filter((p) => p !== o.payment.method))),
          to_payment_method: lang(o.payment.method),
        };
      case 'product_subscription_created':
        return { product_subscription_id: setup.ids.next(at), product_title: o.lines[0]?.product.product.en ?? '' };
      case 'unmatch_amount':
        return { amount: m(setup.price(rng.pick([10, 35, 100]))).label };
      case 'order_transferred': {
        const from = rng.pick(setup.customers.filter((c) => c !== o.customer));
        return {
          original_customer_id: from.id,
          original_customer_name: from.name,
          new_customer_id: o.customer.id,
          new_customer_name: o.customer.name,
        };
      }
      case 'order_created':
        return { created_by: o.createdBy };
      case 'customer_cancel_requested':
      case 'customer_cancel_failed':
        return { cancelled_reason: rng.pick(CANCEL_REASONS), performer_ip: `203.0.113.${rng.int(1, 254)}` };
      case 'execute_shipment_failed':
      case 'cancel_shipment_failed':
        return { messasge: rng.pick(SHIPMENT_FAILURES) };
      case 'update_invoice_status':
        return {
          status: rng.chance(0.7) ? ['pending', 'active'] : ['active', 'cancelled'],
          updated_at: [isoOffset(at - rng.int(1, 48) * 3_600_000), isoOffset(at)],
        };
      case UNKNOWN_ACTION_LOG_KEY:
        return { gift_card_id: setup.ids.next(at - 30 * DAY), amount: m(setup.price(200)), remaining: m(setup.price(300)) };
      default:
        return null;
    }
  }

  private event(o: OrderModel, key: string, at: number, data = this.data(o, key, at)): LogEvent {
    return { key, data, at, by: this.performer(o, key) };
  }

  /** The order's logs, newest first, at most 100; `forced` keys are added to guarantee coverage. */
  write(o: OrderModel, forced: readonly string[], duplicateTime: boolean): unknown[] {
    const { rng, setup } = this;
    const ms = (at: number) => Math.min(setup.now, at + rng.int(30, 900));
    const events: LogEvent[] = [];
    const created = ms(o.createdAt);
    events.push(this.event(o, 'order_created', created));
    if (duplicateTime) events.push(this.event(o, 'updated_order_details', created));
    for (const e of o.paymentEvents) {
      events.push(this.event(o, 'updated_payment_status', ms(e.at), { updated_payment_status: e.status, reason: rng.pick(PAYMENT_REASONS) }));
    }
    if (o.confirmedAt !== null) events.push(this.event(o, 'updated_status', ms(o.confirmedAt), { updated_status: 'confirmed', reason: '' }));
    for (const e of o.deliveryEvents) {
      if (e.status === 'shipped' && o.trackingNumber) events.push(this.event(o, 'set_shipment_id', Math.max(created, e.at - rng.int(1, 3600) * 1000)));
      events.push(this.event(o, 'updated_delivery_status', ms(e.at), { updated_delivery_status: e.status }));
    }
    if (o.completedAt !== null) events.push(this.event(o, 'updated_status', ms(o.completedAt), { updated_status: 'completed', reason: '' }));
    if (o.cancelledAt !== null) {
      if (rng.chance(0.4)) events.push(this.event(o, 'customer_cancel_requested', Math.max(created, o.cancelledAt - rng.int(5, 600) * 60_000)));
      events.push(this.event(o, 'updated_status', ms(o.cancelledAt), { updated_status: 'cancelled', reason: rng.pick(CANCEL_REASONS) }));
    }
    if (o.splitAt !== null && o.parentId !== null) {
      events.push(this.event(o, 'order_split_from', ms(o.splitAt), { order_id: o.parentId }));
    }
    for (const childId of o.childIds) {
      const child = this.byId.get(childId);
      const at = ms(child?.splitAt ?? o.createdAt);
      events.push(this.event(o, 'order_split', at, { order_id: childId }));
      const before = o.beforeSplit ?? totals(setup, o);
      const after = totals(setup, o);
      const pair = (a: number, b: number) => [money(setup.currency, a), money(setup.currency, b)];
      events.push(this.event(o, 'order_split_changes', at + 1, {
        total: pair(before.total, after.total),
        subtotal: pair(before.subtotal, after.subtotal),
        discount: pair(before.discount, after.discount),
      }));
    }
    const lastEvent = Math.max(...events.map((e) => e.at), o.updatedAt);
    const horizon = Math.min(setup.now, lastEvent + 2 * DAY);
    const extras = [...forced, ...Array.from({ length: rng.int(0, 4) }, () => rng.weighted(EXTRAS))];
    for (const key of extras) events.push(this.event(o, key, rng.between(created + 1000, horizon)));

    const ordered = events.map((e, seq) => ({ e, seq })).sort((a, b) => b.e.at - a.e.at || b.seq - a.seq);
    return ordered.slice(0, 100).map(({ e }) => ({
      key: SPACED.has(e.key) && rng.chance(0.7) ? `${e.key} ` : e.key,
      data: e.data,
      created_at: isoZ(e.at),
      performer_name: e.by.name,
      performer_type: e.by.type,
      performer_id: e.by.id,
      // Upstream's own example and its type table disagree on this name: send both spellings.
      [rng.chance(0.5) ? 'performing_application_id' : 'performer_application_id']: e.by.appId,
    }));
  }
}

/** Keys spread over the first orders so that every key shows up even in a small data set. */
export function forcedKeys(n: number): string[][] {
  const out: string[][] = Array.from({ length: n }, () => []);
  FORCED.forEach((key, i) => out[i % n]?.push(key));
  return out;
}
