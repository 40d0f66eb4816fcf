/** Normalisers, part 1: values, order search, action logs. Pure: no database. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normaliseActionLogsBody } from '../src/ingest/action-logs.js';
import { normaliseOrdersBody } from '../src/ingest/orders.js';
import { dateTime } from '../src/ingest/values.js';
import { ingestErrorOf as errorOf, upstreamFixture as fixture } from './fixtures/upstream/index.js';
import type { Json } from './fixtures/upstream/index.js';

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;
const money = (cents: number, label: string) => ({
  cents, dollars: cents, currency_iso: 'TWD', currency_symbol: 'NT$', label,
});

describe('date-time values', () => {
  it.each([
    ['2021-11-02T04:06:13.304Z', '2021-11-02T04:06:13.304Z'],
    ['2019-02-01T12:19:47+01:00', '2019-02-01T11:19:47.000Z'],
    ['2019-02-01T12:19:47-05:30', '2019-02-01T17:49:47.000Z'],
    ['2019-02-01T12:19:47+0100', '2019-02-01T11:19:47.000Z'],
    ['2020-08-25T13:14:21.121+00:00', '2020-08-25T13:14:21.121Z'],
    ['2020-08-25T13:14:21.5Z', '2020-08-25T13:14:21.500Z'],
    ['2020-08-25T13:14:21.123456Z', '2020-08-25T13:14:21.123Z'],
    ['2024-03-01 19:00:00', '2024-03-01T19:00:00.000Z'],
    ['2024-02-29 23:59:59', '2024-02-29T23:59:59.000Z'],
  ])('reads %s as %s', (input, expected) => {
    expect(dateTime(input, 'x').toISOString()).toBe(expected);
  });

  it.each([
    '2024-03-01T19:00:00', '2024-03-01', '2024-02-30T00:00:00Z', '2023-02-29 00:00:00', '2024-03-01T24:00:00Z',
    '2024-03-01 19:00:00+01:00', '2024-03-01T19:00:00+25:00', 'yesterday', '', ' 2024-03-01 19:00:00',
  ])('refuses %j', (input) => {
    expect(errorOf(() => dateTime(input, 'a[0].b')).message).toBe('a[0].b: not a date-time');
  });

  it('refuses a number', () => {
    expect(errorOf(() => dateTime(1_700_000_000, 'at')).message).toBe('at: not a string');
  });
});

describe('order search', () => {
  const body = fixture('order-search');
  const [first, second] = normaliseOrdersBody(body);

  it('maps the first documented example field by field', () => {
    const o = first!.order;
    expect(o.id).toBe('5f450eace388093f603a3b95');
    expect(o.orderNumber).toBe('20200825131420941');
    expect(o.merchantOrderNumber).toBeNull();
    expect(o.status).toBe('pending');
    expect(o.paymentStatus).toBe('pending');
    expect(o.deliveryStatus).toBe('pending');
    expect(o.deliveryOptionId).toBe('5eaf957fe3880941178912fa');
    expect(o.deliveryPlatform).toBe('custom');
    expect(o.deliveryOptionName).toEqual({ en: '', 'zh-hant': '郵寄' });
    expect(o.paymentMethodId).toBe('5f360b7ee388097ed68f1491');
    expect(o.paymentType).toBe('two_checkout');
    expect(o.paymentMethodName).toEqual({ en: 'Credit Card', 'zh-hant': '信用卡' });
    expect(o.createdBy).toBe('shop');
    expect(o.customerId).toBe('5f450eaa01afcd3b6e5c5b74');
    expect(o.customerName).toBe('Grant Fong');
    expect(o.customerEmail).toBe(body.items[0].customer_email);
    expect(o.customerPhone).toBe('93863839');
    expect(o.recipientName).toBe('Grant Fong');
    expect(o.recipientPhone).toBe('93863839');
    expect(o.recipientNames).toEqual(['Grant Fong']);
    expect(o.recipientPhones).toEqual(['93863839']);
    expect(o.trackingNumber).toBeNull(); // upstream sends ""
    expect(o.promotionIds).toEqual(['5f438530e38809448f8e88ab']);
    expect(o.itemIds).toEqual(['5f3a5188e38809a2d1388bdd', '5f450eace388093f603a3b98']);
    expect(o.affiliateSource).toBeNull();
    expect(o.currencyIso).toBe('TWD');
    expect(o.total).toEqual(money(500, 'NT$500'));
    expect(o.subtotal).toEqual(money(13, 'NT$13'));
    expect(o.discount).toEqual(money(13, 'NT$13'));
    expect(o.parentOrderId).toBeNull(); // upstream sends ""
    expect(o.childOrderIds).toEqual([]);
    expect(iso(o.createdAt)).toBe('2020-08-25T13:14:20.384Z');
    expect(iso(o.updatedAt)).toBe('2020-08-25T13:14:33.151Z');
    for (const key of ['confirmedAt', 'paidAt', 'shippedAt', 'arrivedAt', 'collectedAt', 'returnedAt',
      'cancelledAt', 'splitAt', 'scheduledDeliveryDate'] as const) {
      expect(o[key], key).toBeNull();
    }
    expect(o.raw).toBe(body.items[0]);
  });

  it('maps the second example, which is paid', () => {
    const o = second!.order;
    expect(o.id).toBe('5f43f05de388093f603a3ac0');
    expect(o.paymentStatus).toBe('completed');
    expect(iso(o.paidAt)).toBe('2020-08-24T16:53:56.925Z');
    expect(o.paymentMethodName).toEqual({ en: 'Credit Card (via 2Checkout)', 'zh-hant': '信用卡 (經由2Checkout)' });
    expect(o.recipientNames).toEqual(['Customer 1']);
    expect(o.itemIds).toEqual(['5f3a5188e38809a2d1388bdd', '5f43f05de388093f603a3ac3']);
  });

  it('makes one item per subtotal item, keeping item_price and price apart', () => {
    expect(first!.items).toHaveLength(1);
    expect(first!.items[0]).toMatchObject({
      id: '5f450eace388093f603a3b98',
      position: 0,
      itemType: 'Product',
      itemId: '5f3a5188e38809a2d1388bdd',
      itemVariationId: '5f3f8653e388096adcb65c4d',
      itemVariationKey: '5f3f8653001e1200133a84a7',
      title: { en: 'Shopline.co', 'zh-hant': '商線科技' },
      sku: '2dd235',
      quantity: 1,
      itemPrice: money(13, 'NT$13'),
      price: money(30000, 'NT$30,000'),
      cost: money(609, 'NT$609'),
      total: money(13, 'NT$13'),
      options: { en: ['green', 'c1'], 'zh-hant': ['', ''] },
      variation: { id: '5f3f8653e388096adcb65c4d', sku: '2dd235', weight: 23, price_sale: { cents: 13, currency_iso: 'TWD' } },
      media: { id: '5f3a5185e38809a2d1388bda', alt_translations: {} },
    });
  });

  it('builds lower-cased search text from products, numbers, people and ids', () => {
    const words = first!.order.searchText!;
    for (const part of ['shopline.co', '商線科技', '20200825131420941', '5f450eaa01afcd3b6e5c5b74', 'grant fong',
      '93863839', '5f438530e38809448f8e88ab', '5f3a5188e38809a2d1388bdd', '5f450eace388093f603a3b98']) {
      expect(words).toContain(part);
    }
    expect(words).toBe(words.toLowerCase());
  });

  it('reads an order with only the four required fields, every other field null', () => {
    const raw = { id: 'o1', order_number: 'N1', status: 'confirmed', created_at: '2024-01-02T03:04:05+02:00', extra: { x: 1 } };
    const [result] = normaliseOrdersBody({ items: [raw] });
    const o = result!.order;
    expect(iso(o.createdAt)).toBe('2024-01-02T01:04:05.000Z');
    expect(iso(o.updatedAt)).toBe('2024-01-02T01:04:05.000Z');
    expect(o.paymentStatus).toBeNull();
    expect(o.total).toBeNull();
    expect(o.recipientNames).toEqual([]);
    expect(o.recipientPhones).toEqual([]);
    expect(o.promotionIds).toEqual([]);
    expect(o.searchText).toBe('n1');
    expect(o.raw).toEqual(raw); // unknown fields kept
    expect(result!.items).toEqual([]);
  });

  it('keys an item upstream sent without an id by its position, and searches only real ids', () => {
    const raw = { id: 'o1', order_number: 'N1', status: 'pending', created_at: '2024-01-01T00:00:00Z',
      subtotal_items: [{ item_id: 'p1' }, { id: 'i2', item_id: 'p1' }] };
    const [result] = normaliseOrdersBody({ items: [raw] });
    expect(result!.items.map((i) => [i.id, i.position])).toEqual([['#0', 0], ['i2', 1]]);
    expect(result!.order.itemIds).toEqual(['p1', 'i2']);
  });

  it('reads the less common fields', () => {
    const [result] = normaliseOrdersBody({
      items: [{
        id: 'o2', order_number: 'N2', merchant_order_number: 'M-2', status: 'cancelled',
        created_at: '2024-01-01T00:00:00Z', cancelled_at: '2024-01-03T00:00:00Z',
        order_delivery: { delivery_status: 'returning', returned_at: '2024-01-04T00:00:00Z' },
        delivery_address: { recipient_name: 'Ann', recipient_phone: '111' },
        delivery_data: { recipient_name: 'Bob', recipient_phone: '222', tracking_number: 'TRK9',
          scheduled_delivery_date: '2024-01-05T00:00:00.000Z' },
        affiliate_data: { affiliate_source: 'partner' },
        parent_order_id: 'o1', child_order_ids: ['o3', 'o4'],
        subtotal_items: [
          { id: 'i1', item_id: 'p1', quantity: 2, item_data: { promotion_id: 'promo-item' },
            price: { cents: 700, currency_iso: 'TWD' } },
        ],
        promotion_items: [{ promotion: { _id: 'promo-order' } }],
      }],
    });
    const o = result!.order;
    expect(o.merchantOrderNumber).toBe('M-2');
    expect(iso(o.cancelledAt)).toBe('2024-01-03T00:00:00.000Z');
    expect(o.deliveryStatus).toBe('returning');
    expect(iso(o.returnedAt)).toBe('2024-01-04T00:00:00.000Z');
    expect(o.recipientName).toBe('Ann');
    expect(o.recipientNames).toEqual(['Ann', 'Bob']);
    expect(o.recipientPhone).toBe('111');
    expect(o.recipientPhones).toEqual(['111', '222']);
    expect(o.trackingNumber).toBe('TRK9');
    expect(iso(o.scheduledDeliveryDate)).toBe('2024-01-05T00:00:00.000Z');
    expect(o.affiliateSource).toBe('partner');
    expect(o.parentOrderId).toBe('o1');
    expect(o.childOrderIds).toEqual(['o3', 'o4']);
    expect(o.promotionIds).toEqual(['promo-item', 'promo-order']);
    expect(o.itemIds).toEqual(['p1', 'i1']);
    expect(o.searchText).toBe('n2 m-2 ann bob 111 222 trk9 promo-item promo-order p1 i1');
    // item_data-style money has only cents and currency_iso; `price` stands in for a missing item_price.
    expect(result!.items[0]!.price).toEqual({ cents: 700, dollars: null, currency_iso: 'TWD', currency_symbol: null, label: null });
  });

  describe('refuses a bad record, naming its path', () => {
    const order = () => ({ id: 'o', order_number: 'N', status: 'pending', created_at: '2024-01-01T00:00:00Z' });
    const bodyWith = (index: number, patch: Json) => ({
      items: Array.from({ length: index + 1 }, (_, i) => (i === index ? { ...order(), ...patch } : order())),
    });
    it.each([
      [bodyWith(3, { created_at: 'yesterday' }), 'items[3].created_at: not a date-time'],
      [bodyWith(0, { id: undefined }), 'items[0].id: missing'],
      [bodyWith(0, { order_number: null }), 'items[0].order_number: must not be null'],
      [bodyWith(1, { status: 5 }), 'items[1].status: not a string'],
      [bodyWith(0, { customer_name: 'Ann\u0000' }), 'items[0].customer_name: contains a NUL byte'],
      [bodyWith(0, { order_notes: ['ok', 'bad\u0000'] }), 'items[0].order_notes[1]: contains a NUL byte'],
      [bodyWith(0, { order_notes: ['\ud800'] }), 'items[0].order_notes[0]: contains an unpaired surrogate'],
      [bodyWith(0, { total: { cents: '5', currency_iso: 'TWD' } }), 'items[0].total.cents: not a number'],
      [bodyWith(0, { subtotal_items: [{ id: 'a', quantity: 1.5 }] }), 'items[0].subtotal_items[0].quantity: not an integer'],
      [bodyWith(0, { subtotal_items: [{ id: 'a', quantity: 2 ** 31 }] }), 'items[0].subtotal_items[0].quantity: out of range for a 32-bit integer'],
      [bodyWith(0, { subtotal_items: [{ id: 'a' }, { id: 'a' }] }), 'items[0].subtotal_items[1].id: duplicate item id'],
      [bodyWith(0, { order_delivery: [] }), 'items[0].order_delivery: not an object'],
      [{ pagination: {} }, 'items: missing'],
      [[], '(body): not an object'],
      ['{"items": []}', '(body): not an object'],
    ])('%#: %s', (input, message) => {
      const error = errorOf(() => normaliseOrdersBody(input));
      expect(error.message).toBe(message);
      expect(`${error.path || '(body)'}: ${error.reason}`).toBe(message);
    });
  });
});

describe('action logs', () => {
  const body = fixture('action-logs');
  const logs = normaliseActionLogsBody(body, 'order-1');

  it('maps the documented example', () => {
    expect(logs[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      orderId: 'order-1',
      upstreamOrderId: 'order-1',
      key: 'updated_status',
      data: { updated_status: 'string', reason: 'string' },
      createdAt: new Date('2021-11-02T04:06:13.304Z'),
      performerId: '60c1e027a47d91004377f129',
      performerName: 'shop',
      performerType: 'User',
      performerApplicationId: '60c1e027a47d91004377f12f', // from performing_application_id
      raw: body.items[0],
    });
  });

  it('trims keys, reads both application id spellings, keeps null data, converts offsets', () => {
    const log = logs[1]!;
    expect(log.key).toBe('updated_delivery_details');
    expect(log.performerApplicationId).toBe('60c1e027a47d91004377f12f');
    expect(log.data).toBeNull();
    expect(log.createdAt.toISOString()).toBe('2021-11-02T03:05:00.000Z');
    expect(logs[2]!.data).toEqual(body.items[2].data);
    expect(logs[4]!.performerId).toBeNull();
  });

  it('derives ids from fields that never change', () => {
    const canonical = '["order-1","updated_status","2021-11-02T04:06:13.304Z","60c1e027a47d91004377f129",{"reason":"string","updated_status":"string"}]';
    expect(logs[0]!.id).toBe(createHash('sha256').update(canonical).digest('hex').slice(0, 32));
    expect(normaliseActionLogsBody(fixture('action-logs'), 'order-1').map((l) => l.id)).toEqual(logs.map((l) => l.id));
    expect(new Set(logs.map((l) => l.id)).size).toBe(logs.length);
    const renamed = { items: [{ ...body.items[0], performer_name: 'someone else', performing_application_id: 'x' }] };
    expect(normaliseActionLogsBody(renamed, 'order-1')[0]!.id).toBe(logs[0]!.id);
    const reordered = { items: [{ ...body.items[0], data: { reason: 'string', updated_status: 'string' } }] };
    expect(normaliseActionLogsBody(reordered, 'order-1')[0]!.id).toBe(logs[0]!.id);
    expect(normaliseActionLogsBody(body, 'order-2')[0]!.id).not.toBe(logs[0]!.id);
  });

  it('refuses bad records with their path', () => {
    const bad = (patch: Json) => ({ items: [body.items[0], { ...body.items[1], ...patch }] });
    expect(errorOf(() => normaliseActionLogsBody(bad({ created_at: '02/11/2021' }), 'o')).message)
      .toBe('items[1].created_at: not a date-time');
    expect(errorOf(() => normaliseActionLogsBody(bad({ key: '  ' }), 'o')).message).toBe('items[1].key: empty');
    expect(errorOf(() => normaliseActionLogsBody(bad({ data: { reason: 'a\u0000' } }), 'o')).message)
      .toBe('items[1].data.reason: contains a NUL byte');
    expect(errorOf(() => normaliseActionLogsBody(null, 'o')).message).toBe('(body): must not be null');
  });
});
