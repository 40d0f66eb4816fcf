/**
 * The demo orders as a model (lifecycle times, lines, totals, split links). Every history source is
 * derived from this model, so the four upstreams tell one consistent story per order.
 */
import { AFFILIATE_SOURCES } from './catalog.js';
import { DAY, HOUR, MINUTE, orderNumberAt } from './format.js';
import type { Rng } from './random.js';
import type { Customer, MerchantSetup } from './setup.js';

export type OrderStatus = 'pending' | 'confirmed' | 'completed' | 'cancelled';
export type CreatedBy = 'shop' | 'admin' | 'pos' | 'visible_channels';

export interface Line {
  id: string;
  product: MerchantSetup['products'][number];
  quantity: number;
  /** Unit price paid and the list price, in the merchant's currency. */
  unit: number;
  original: number;
  promotionId: string | null;
}

export interface StatusEvent {
  status: string;
  at: number;
}

export interface OrderModel {
  index: number;
  id: string;
  orderNumber: string;
  merchantOrderNumber: string | null;
  createdBy: CreatedBy;
  createdAt: number;
  updatedAt: number;
  status: OrderStatus;
  paymentStatus: string;
  deliveryStatus: string;
  confirmedAt: number | null;
  completedAt: number | null;
  cancelledAt: number | null;
  paidAt: number | null;
  paymentEvents: StatusEvent[];
  deliveryEvents: StatusEvent[];
  customer: Customer;
  recipientName: string;
  recipientPhone: string;
  payment: MerchantSetup['payments'][number];
  delivery: MerchantSetup['deliveries'][number];
  lines: Line[];
  orderPromotionId: string | null;
  affiliateSource: string | null;
  trackingNumber: string | null;
  scheduledDeliveryDate: number | null;
  parentId: string | null;
  childIds: string[];
  splitAt: number | null;
  /** Parent only: its totals just before the split, for `order_split_changes`. */
  beforeSplit: Totals | null;
  /** Integer ids the status-history and change-history upstreams use for this order. */
  statusHistoryId: number;
  historyChangesId: number;
}

export interface Totals {
  subtotal: number;
  discount: number;
  shipping: number;
  paymentFee: number;
  total: number;
}

const PAID = new Set(['completed', 'refunding', 'refunded', 'partially_refunded']);

export function totals(setup: MerchantSetup, o: OrderModel, lines: Line[] = o.lines): Totals {
  const round = (v: number) => Math.round(v * 100) / 100;
  const subtotal = round(lines.reduce((sum, l) => sum + l.unit * l.quantity, 0));
  const promo = setup.promotions.find((p) => p.id === o.orderPromotionId)?.promotion;
  let discount = 0;
  if (promo) {
    discount = promo.discountType === 'amount' ? setup.price(promo.value) : Math.floor((subtotal * promo.value) / 100);
    discount = Math.min(discount, Math.floor(subtotal / 2));
  }
  const shipping = setup.price(o.delivery.option.fee);
  const paymentFee = o.payment.method.type === 'cash_on_delivery' ? setup.price(30) : 0;
  return { subtotal, discount, shipping, paymentFee, total: round(subtotal - discount + shipping + paymentFee) };
}

function makeLines(rng: Rng, setup: MerchantSetup, at: number, count: number): Line[] {
  return rng.sample(setup.products, count).map((product) => {
    const original = setup.price(product.product.price);
    const onSale = rng.chance(0.3);
    return {
      id: setup.ids.next(at),
      product,
      quantity: rng.weighted([[1, 6], [2, 3], [3, 1]] as const),
      unit: onSale ? Math.max(1, Math.round(original * 0.85)) : original,
      original,
      promotionId: onSale && rng.chance(0.6) ? rng.pick(setup.promotions).id : null,
    };
  });
}

/** Lifecycle: statuses and the times they were reached, all between creation and `now`. */
function live(rng: Rng, o: OrderModel, now: number): void {
  let t = o.createdAt;
  const step = (frac: number, min = MINUTE) => {
    t = Math.min(now, t + min + Math.floor(rng.next() * Math.max(0, now - t - min) * frac));
    return t;
  };
  const pay = (status: string, frac: number) => o.paymentEvents.push({ status, at: step(frac) });
  const ship = (status: string, frac: number) => o.deliveryEvents.push({ status, at: step(frac) });
  const pos = o.createdBy === 'pos';
  const status: OrderStatus = pos
    ? 'completed'
    : rng.weighted([['pending', 20], ['confirmed', 30], ['completed', 35], ['cancelled', 15]] as const);
  const payment = pos
    ? 'completed'
    : {
        pending: () => rng.weighted([['temp', 15], ['pending', 45], ['failed', 10], ['completed', 30]] as const),
        confirmed: () => rng.weighted([['completed', 75], ['pending', 25]] as const),
        completed: () => rng.weighted([['completed', 80], ['refunded', 7], ['partially_refunded', 8], ['refunding', 5]] as const),
        cancelled: () => rng.weighted([['expired', 30], ['failed', 20], ['refunded', 25], ['refunding', 10], ['pending', 15]] as const),
      }[status]();
  const delivery = pos
    ? 'collected'
    : {
        pending: () => 'pending',
        confirmed: () => rng.weighted([['pending', 50], ['shipping', 25], ['shipped', 25]] as const),
        completed: () => rng.weighted([['arrived', 35], ['collected', 35], ['shipped', 15], ['returned', 8], ['returning', 7]] as const),
        cancelled: () => rng.weighted([['pending', 70], ['returned', 20], ['returning', 10]] as const),
      }[status]();
  o.status = status;
  o.paymentStatus = payment;
  o.deliveryStatus = delivery;

  if (PAID.has(payment)) {
    pay('completed', pos ? 0.0001 : 0.03);
    o.paidAt = t;
  }
  else if (payment === 'failed' || payment === 'expired') pay(payment, 0.05);
  if (status !== 'pending' && (status !== 'cancelled' || rng.chance(0.4) || delivery !== 'pending')) {
    o.confirmedAt = step(pos ? 0.0001 : 0.05);
  }
  if (delivery !== 'pending') {
    if (!pos) ship('shipping', 0.05);
    const path = {
      shipping: [],
      shipped: ['shipped'],
      arrived: ['shipped', 'arrived'],
      collected: pos ? ['collected'] : ['shipped', 'arrived', 'collected'],
      returned: ['shipped', 'arrived', 'returned'],
      returning: ['shipped', 'arrived', 'returning'],
    }[delivery] ?? [];
    for (const s of path) ship(s, pos ? 0.0001 : 0.12);
    if (path.includes('shipped')) o.trackingNumber = rng.pick(['A', 'B', 'SF']) + rng.digits(10);
  }
  if (status === 'completed') o.completedAt = step(0.05);
  if (status === 'cancelled') o.cancelledAt = step(0.1);
  if (payment === 'refunding' || payment === 'refunded' || payment === 'partially_refunded') pay(payment, 0.1);
  // Delivery updates do not touch the order's updated_at upstream (order-search's own note).
  const touched = [o.createdAt, o.confirmedAt, o.completedAt, o.cancelledAt, ...o.paymentEvents.map((e) => e.at)];
  const last = Math.max(...touched.map((v) => v ?? 0));
  o.updatedAt = Math.min(now, last + 1000 + rng.int(0, 20 * MINUTE));
}

function newOrder(
  rng: Rng,
  setup: MerchantSetup,
  index: number,
  createdAt: number,
  numbers: Set<string>,
  by?: CreatedBy,
): OrderModel {
  const createdBy = by ?? rng.weighted([['shop', 60], ['admin', 20], ['pos', 10], ['visible_channels', 10]] as const);
  const customer = rng.pick(setup.customers);
  const gift = rng.chance(0.2);
  const recipient = gift ? rng.pick(setup.customers) : customer;
  const deliveries = setup.deliveries.filter((d) => (createdBy === 'pos') === (d.option.platform === 'pickup'));
  const payments = setup.payments.filter((p) => (createdBy === 'pos') === (p.method.type === 'pos_cash'));
  let orderNumber: string;
  do orderNumber = orderNumberAt(createdAt, rng.digits(3));
  while (numbers.has(orderNumber));
  numbers.add(orderNumber);
  const o: OrderModel = {
    index,
    id: setup.ids.next(createdAt),
    orderNumber,
    merchantOrderNumber: createdBy !== 'pos' && rng.chance(0.15) ? `${setup.site.toUpperCase()}-${rng.digits(6)}` : null,
    createdBy,
    createdAt,
    updatedAt: createdAt,
    status: 'pending',
    paymentStatus: 'pending',
    deliveryStatus: 'pending',
    confirmedAt: null,
    completedAt: null,
    cancelledAt: null,
    paidAt: null,
    paymentEvents: [],
    deliveryEvents: [],
    customer,
    recipientName: recipient.name,
    recipientPhone: recipient.phone,
    payment: rng.pick(payments),
    delivery: rng.pick(deliveries),
    lines: makeLines(rng, setup, createdAt, rng.weighted([[1, 4], [2, 3], [3, 2], [4, 1]] as const)),
    orderPromotionId: rng.chance(0.25) ? rng.pick(setup.promotions).id : null,
    affiliateSource: rng.chance(0.2) ? rng.pick(AFFILIATE_SOURCES) : null,
    trackingNumber: null,
    scheduledDeliveryDate: null,
    parentId: null,
    childIds: [],
    splitAt: null,
    beforeSplit: null,
    statusHistoryId: 0,
    historyChangesId: 0,
  };
  live(rng, o, setup.now);
  if (o.delivery.option.platform === 'post' && rng.chance(0.3)) {
    const day = Math.floor((o.createdAt + rng.int(2, 7) * DAY) / DAY) * DAY;
    o.scheduledDeliveryDate = day;
  }
  return o;
}

/**
 * `n` orders: some share `created_at` exactly (pagination ties) and a few parents were split into
 * children (the children count towards `n`).
 */
export function buildOrders(rng: Rng, setup: MerchantSetup, n: number): OrderModel[] {
  const now = setup.now;
  const children = n >= 4 ? Math.max(2, Math.floor(n / 30)) : 0;
  const base = n - children;
  const times = Array.from({ length: base }, () => rng.between(now - 120 * DAY, now - HOUR));
  if (base >= 2) {
    const picked = rng.sample([...times.keys()], 2 * Math.max(2, Math.floor(base / 50)));
    for (let i = 0; i + 1 < picked.length; i += 2) times[picked[i + 1] as number] = times[picked[i] as number] as number;
  }
  const numbers = new Set<string>();
  const orders = times.map((t, i) => newOrder(rng, setup, i, t, numbers));

  const candidates = orders.filter((o) => (o.status === 'confirmed' || o.status === 'completed') && o.createdBy !== 'pos' && o.createdAt < now - 2 * DAY);
  const parents = rng.sample(candidates.length >= children ? candidates : orders, children);
  for (const parent of parents) {
    if (parent.lines.length < 2) parent.lines.push(...makeLines(rng, setup, parent.createdAt, 1));
    if (parent.lines[0]?.product === parent.lines[1]?.product) parent.lines.pop();
    while (parent.lines.length < 2) parent.lines.push(...makeLines(rng, setup, parent.createdAt, 1));
    const splitAt = rng.between(parent.createdAt + 10 * MINUTE, parent.createdAt + Math.min(3 * DAY, (now - parent.createdAt) / 3));
    parent.beforeSplit = totals(setup, parent);
    const child = newOrder(rng, setup, orders.length, splitAt, numbers, parent.createdBy);
    Object.assign(child, {
      customer: parent.customer,
      recipientName: parent.recipientName,
      recipientPhone: parent.recipientPhone,
      payment: parent.payment,
      delivery: parent.delivery,
      orderPromotionId: null,
      affiliateSource: parent.affiliateSource,
      lines: parent.lines.splice(parent.lines.length - 1, 1),
      parentId: parent.id,
      splitAt,
    });
    parent.childIds.push(child.id);
    parent.updatedAt = Math.max(parent.updatedAt, Math.min(now, splitAt + 1000));
    orders.push(child);
  }
  return orders;
}
