/**
 * `order`, `orders` and `ordersPage` over the demo data: fields, every filter and ordering. The
 * expected answers are computed in JavaScript from the same normalised demo orders the database
 * holds, so each filter is checked against an independent implementation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '../src/auth/demo-keys.js';
import type { NewOrder } from '../src/db/schema.js';
import { generateDemoData } from '../src/demo/generate.js';
import { seedDemo } from '../src/demo/seed.js';
import { normaliseOrdersBody } from '../src/ingest/orders.js';
import { openTestApp, type TestApp } from './support/app.js';

const ORDERS = 40;
let app: TestApp;
const key = DEMO_KEYS.find((k) => k.merchantId === 'demo-a' && k.role === 'viewer')!.key;
const otherKey = DEMO_KEYS.find((k) => k.merchantId === 'demo-b')!.key;
let demo: NewOrder[];

beforeAll(async () => {
  app = await openTestApp();
  await seedDemo(app.database, ORDERS);
  const [merchantA] = generateDemoData({ ordersPerMerchant: ORDERS });
  demo = normaliseOrdersBody({ items: merchantA!.orders }).map((n) => n.order as NewOrder);
});
afterAll(() => app.close());

/** All ids `ordersPage` returns for a filter, newest first. */
async function idsFor(filter: Record<string, unknown>): Promise<string[]> {
  const response = await app.gql(
    'query($filter: OrderFilter) { ordersPage(filter: $filter, perPage: 100) { items { id } pageInfo { totalCount } } }',
    { filter },
    key,
  );
  expect(response.body.errors).toBeUndefined();
  const page = response.body.data.ordersPage;
  expect(page.pageInfo.totalCount).toBe(page.items.length);
  return page.items.map((o: { id: string }) => o.id);
}

/** Ids of demo orders matching `match`, newest first (ties by id, descending). */
function expected(match: (o: NewOrder) => boolean): string[] {
  return demo
    .filter(match)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
    .map((o) => o.id);
}

const within = (date: Date | null | undefined, from: Date, to: Date) =>
  !!date && date.getTime() >= from.getTime() && date.getTime() <= to.getTime();

describe('order', () => {
  it('returns every order-search field of an order', async () => {
    const sample = demo.find((o) => o.trackingNumber && o.paidAt && o.subtotal)!;
    const response = await app.gql(
      `query($id: ID!) { order(id: $id) {
        id orderNumber status statusRaw paymentStatus deliveryStatus createdAt updatedAt paidAt shippedAt
        customer { id name email phone } recipient { name phone } trackingNumber createdBy
        total { cents dollars currencyIso currencySymbol label } subtotal { cents }
        deliveryOption { id type typeRaw name { text } } paymentMethod { id type name { text(locale: "zh-hant") } }
        items { id itemId sku quantity title { text } price { label } }
        sourceRefs { system externalId }
      } }`,
      { id: sample.id },
      key,
    );
    expect(response.body.errors).toBeUndefined();
    const order = response.body.data.order;
    expect(order).toMatchObject({
      id: sample.id,
      orderNumber: sample.orderNumber,
      statusRaw: sample.status,
      status: sample.status.toUpperCase(),
      createdAt: sample.createdAt.toISOString(),
      paidAt: sample.paidAt!.toISOString(),
      trackingNumber: sample.trackingNumber,
      customer: { id: sample.customerId, name: sample.customerName, email: sample.customerEmail, phone: sample.customerPhone },
      total: { cents: sample.total!.cents, currencyIso: sample.total!.currency_iso, label: sample.total!.label },
      deliveryOption: { id: sample.deliveryOptionId, typeRaw: sample.deliveryPlatform },
      paymentMethod: { id: sample.paymentMethodId },
    });
    expect(order.items.length).toBeGreaterThan(0);
    expect(order.sourceRefs).toContainEqual({ system: 'orders', externalId: sample.id });
    expect(order.sourceRefs).toContainEqual(expect.objectContaining({ system: 'status-history' }));
  });

  it('maps upstream `temp` payments to PENDING and keeps the raw value', async () => {
    const temp = demo.find((o) => o.paymentStatus === 'temp');
    expect(temp).toBeDefined();
    const response = await app.gql('query($id: ID!) { order(id: $id) { paymentStatus paymentStatusRaw } }', { id: temp!.id }, key);
    expect(response.body.data.order).toEqual({ paymentStatus: 'PENDING', paymentStatusRaw: 'temp' });
  });

  it('links split orders both ways', async () => {
    const child = demo.find((o) => o.parentOrderId)!;
    const response = await app.gql(
      'query($id: ID!) { order(id: $id) { parentOrder { id childOrders { id } } } }',
      { id: child.id },
      key,
    );
    expect(response.body.data.order.parentOrder.id).toBe(child.parentOrderId);
    expect(response.body.data.order.parentOrder.childOrders.map((o: { id: string }) => o.id)).toContain(child.id);
  });

  it('is null for an id that does not exist and for another merchant\'s order, alike', async () => {
    const missing = await app.gql('{ order(id: "no-such-order") { id } }', {}, key);
    const foreign = await app.gql('query($id: ID!) { order(id: $id) { id } }', { id: demo[0]!.id }, otherKey);
    expect(missing.body).toMatchObject({ data: { order: null } });
    expect(foreign.body).toMatchObject({ data: { order: null } });
    expect(foreign.body.errors).toBeUndefined();
  });
});

describe('OrderFilter', () => {
  const sample = () => demo.find((o) => o.trackingNumber && o.promotionIds?.length && o.affiliateSource && o.customerEmail)!;

  it('lists only the key\'s own merchant', async () => {
    expect(await idsFor({})).toEqual(expected(() => true));
  });

  it.each([
    ['status', { status: 'CONFIRMED' }, (o: NewOrder) => o.status === 'confirmed'],
    ['statuses', { statuses: ['PENDING', 'CANCELLED'] }, (o: NewOrder) => ['pending', 'cancelled'].includes(o.status)],
    ['paymentStatus', { paymentStatus: 'PENDING' }, (o: NewOrder) => ['pending', 'temp'].includes(o.paymentStatus ?? '')],
    ['deliveryStatus', { deliveryStatus: 'SHIPPED' }, (o: NewOrder) => o.deliveryStatus === 'shipped'],
    ['deliveryStatuses', { deliveryStatuses: ['ARRIVED', 'COLLECTED'] }, (o: NewOrder) => ['arrived', 'collected'].includes(o.deliveryStatus ?? '')],
    ['deliveryOptionType', { deliveryOptionType: 'POST' }, (o: NewOrder) => o.deliveryPlatform === 'post'],
    ['createdBy', { createdBy: 'shop' }, (o: NewOrder) => o.createdBy === 'shop'],
  ])('%s', async (_name, filter, match) => {
    const want = expected(match);
    expect(await idsFor(filter)).toEqual(want);
  });

  it('matches ids, numbers and people exactly', async () => {
    const o = sample();
    const cases: [Record<string, unknown>, (x: NewOrder) => boolean][] = [
      [{ deliveryOptionId: o.deliveryOptionId }, (x) => x.deliveryOptionId === o.deliveryOptionId],
      [{ paymentMethodId: o.paymentMethodId }, (x) => x.paymentMethodId === o.paymentMethodId],
      [{ orderNumber: o.orderNumber }, (x) => x.orderNumber === o.orderNumber || x.merchantOrderNumber === o.orderNumber],
      [{ customerId: o.customerId }, (x) => x.customerId === o.customerId],
      [{ customerEmail: o.customerEmail!.toUpperCase() }, (x) => x.customerEmail?.toLowerCase() === o.customerEmail!.toLowerCase()],
      [{ name: o.customerName }, (x) => x.customerName === o.customerName || !!x.recipientNames?.includes(o.customerName!)],
      [{ phoneNumber: o.customerPhone }, (x) => x.customerPhone === o.customerPhone || !!x.recipientPhones?.includes(o.customerPhone!)],
      [{ trackingNumber: o.trackingNumber }, (x) => x.trackingNumber === o.trackingNumber],
      [{ promotionId: o.promotionIds![0] }, (x) => !!x.promotionIds?.includes(o.promotionIds![0]!)],
      [{ itemId: o.itemIds![0] }, (x) => !!x.itemIds?.includes(o.itemIds![0]!)],
      [{ affiliateSource: o.affiliateSource }, (x) => x.affiliateSource === o.affiliateSource],
    ];
    for (const [filter, match] of cases) {
      const got = await idsFor(filter);
      expect(got, JSON.stringify(filter)).toEqual(expected(match));
      expect(got, JSON.stringify(filter)).toContain(o.id);
    }
  });

  it('matches a merchant order number', async () => {
    const o = demo.find((x) => x.merchantOrderNumber)!;
    expect(await idsFor({ orderNumber: o.merchantOrderNumber })).toContain(o.id);
  });

  it('searches text with `query`, ignoring case and LIKE wildcards', async () => {
    const o = sample();
    const word = o.customerName!.split(' ')[0]!.toUpperCase();
    expect(await idsFor({ query: word })).toEqual(expected((x) => x.searchText!.includes(word.toLowerCase())));
    expect(await idsFor({ query: o.orderNumber })).toContain(o.id);
    expect(await idsFor({ query: '%' })).toEqual([]);
  });

  it('filters every date range, both bounds inclusive', async () => {
    const ranges = ['createdAt', 'updatedAt', 'paidAt', 'shippedAt', 'arrivedAt', 'collectedAt', 'returnedAt', 'cancelledAt', 'scheduledDeliveryDate'] as const;
    for (const field of ranges) {
      const dated = demo.filter((o) => o[field]).sort((a, b) => a[field]!.getTime() - b[field]!.getTime());
      expect(dated.length, `demo orders with ${field}`).toBeGreaterThan(1);
      const from = dated[0]![field]!;
      const to = dated[Math.floor(dated.length / 2)]![field]!;
      const got = await idsFor({ [field]: { from: from.toISOString(), to: to.toISOString() } });
      expect(got, field).toEqual(expected((o) => within(o[field], from, to)));
      expect(got.length, field).toBeGreaterThan(0);
    }
  });

  it('combines filters with AND', async () => {
    const got = await idsFor({ status: 'COMPLETED', createdBy: 'shop' });
    expect(got).toEqual(expected((o) => o.status === 'completed' && o.createdBy === 'shop'));
  });

  it('refuses an impossible date range', async () => {
    const response = await app.gql(
      '{ orders(filter: { createdAt: { from: "2025-02-01T00:00:00Z", to: "2025-01-01T00:00:00Z" } }) { totalCount } }',
      {},
      key,
    );
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors[0].message).toMatch(/filter\.createdAt.*from.*after.*to/);
  });
});

describe('OrderOrder', () => {
  it.each([
    ['CREATED_AT', 'ASC', (o: NewOrder) => o.createdAt.toISOString()],
    ['UPDATED_AT', 'DESC', (o: NewOrder) => o.updatedAt!.toISOString()],
    ['ORDER_NUMBER', 'ASC', (o: NewOrder) => o.orderNumber],
  ] as const)('sorts by %s %s with id breaking ties the same way', async (field, direction, value) => {
    const response = await app.gql(
      'query($o: OrderOrder) { ordersPage(orderBy: $o, perPage: 100) { items { id } } }',
      { o: { field, direction } },
      key,
    );
    const sign = direction === 'ASC' ? 1 : -1;
    const want = [...demo]
      .sort((a, b) => sign * (value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : a.id < b.id ? -1 : 1))
      .map((o) => o.id);
    expect(response.body.data.ordersPage.items.map((o: { id: string }) => o.id)).toEqual(want);
  });
});
