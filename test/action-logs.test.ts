/** `Order.actionLogs`: every key's member type, data fields and summary; performers; paging; batching. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders } from '../src/db/schema.js';
import { normaliseActionLogsBody } from '../src/ingest/action-logs.js';
import { writeActionLogs } from '../src/ingest/action-logs.js';
import { upstreamFixture, type Json } from './fixtures/upstream/index.js';
import { openTestApp, type TestApp } from './support/app.js';

let app: TestApp;
let key: string;
let batchKey: string;

const at = (minutes: number) => new Date(Date.UTC(2021, 10, 2, 4, 0) - minutes * 60_000).toISOString();
const shop = { performer_name: 'shop', performer_type: 'User', performer_id: 'u-1' };
/** Upstream money (`{money_object}`) and what `Money { cents dollars currencyIso currencySymbol label }` returns. */
const up = (dollars: number, label: string | null = `NT$${dollars}`) =>
  ({ cents: dollars, dollars, currency_iso: 'TWD', currency_symbol: 'NT$', label });
const gq = (dollars: number, label: string | null = `NT$${dollars}`) =>
  ({ cents: dollars, dollars, currencyIso: 'TWD', currencySymbol: 'NT$', label });
const lang = (en: string, zh: string) => ({ en, 'zh-hant': zh });

type Case = [key: string, data: Json | null, typename: string, fields: Json, summary: string];
// One item per key of CONTRACT §5 plus an unknown key, with data in the shapes of action-logs.txt.
const CASES: Case[] = [
  ['execute_shipment_job_failed', null, 'ExecuteShipmentJobFailedLog', { data: null }, 'Shipment job failed'],
  ['updated_delivery_status', { updated_delivery_status: 'shipped' }, 'UpdatedDeliveryStatusLog', { updatedDeliveryStatus: 'shipped' }, 'Delivery status → shipped'],
  ['updated_ref_delivery_status', { updated_ref_delivery_status: 'arrived' }, 'UpdatedRefDeliveryStatusLog', { updatedRefDeliveryStatus: 'arrived' }, 'Reference delivery status → arrived'],
  ['updated_status', { updated_status: 'confirmed', reason: '' }, 'UpdatedStatusLog', { updatedStatus: 'confirmed', reason: '' }, 'Status → confirmed'],
  ['updated_payment_status', { updated_payment_status: 'completed', reason: 'gateway notify' }, 'UpdatedPaymentStatusLog', { updatedPaymentStatus: 'completed', reason: 'gateway notify' }, 'Payment status → completed (gateway notify)'],
  ['set_shipment_id', { set_shipment_id: 'SHP123456789' }, 'SetShipmentIdLog', { setShipmentId: 'SHP123456789' }, 'Shipment id: SHP123456789'],
  ['updated_delivery_details ', null, 'UpdatedDeliveryDetailsLog', { data: null }, 'Delivery details updated'],
  ['updated_customer_details ', null, 'UpdatedCustomerDetailsLog', { data: null }, 'Customer details updated'],
  ['updated_order_details', null, 'UpdatedOrderDetailsLog', { data: null }, 'Order details updated'],
  ['added_a_comment', null, 'AddedACommentLog', { data: null }, 'Comment added'],
  ['create_delivery_remark', null, 'CreateDeliveryRemarkLog', { data: null }, 'Delivery remark added'],
  ['update_delivery_remark', null, 'UpdateDeliveryRemarkLog', { data: null }, 'Delivery remark updated'],
  ['delete_delivery_remark', null, 'DeleteDeliveryRemarkLog', { data: null }, 'Delivery remark deleted'],
  ['delivery_location_updated', { current_location_name: 'Taipei Main', updated_location_name: 'Xinyi' }, 'DeliveryLocationUpdatedLog', { currentLocationName: 'Taipei Main', updatedLocationName: 'Xinyi' }, 'Delivery location: Taipei Main → Xinyi'],
  ['returning_store_updated', { updated_location_name: 'Xinyi' }, 'ReturningStoreUpdatedLog', { updatedLocationName: 'Xinyi' }, 'Returning store → Xinyi'],
  ['order_edit', upstreamFixture('action-logs').items[2].data, 'OrderEditLog',
    { total: { from: gq(500), to: gq(450) }, subtotal: { from: gq(13), to: gq(13) }, discount: { from: gq(0, ''), to: gq(50) } },
    'Total: NT$500 → NT$450; Discount: NT$0 → NT$50'],
  ['order_split', { order_id: 'A-2' }, 'OrderSplitLog', { linkedOrderId: 'A-2', linkedOrder: { id: 'A-2', orderNumber: 'N-A-2' } }, 'Split into order A-2'],
  ['order_split_changes', { total: [up(500), up(300)], subtotal: [up(480), up(280)], discount: [up(20), up(20)] }, 'OrderSplitChangesLog',
    { total: { from: gq(500), to: gq(300) }, subtotal: { from: gq(480), to: gq(280) }, discount: { from: gq(20), to: gq(20) } },
    'Split changes — Total: NT$500 → NT$300; Subtotal: NT$480 → NT$280'],
  // B-1 is another merchant's order: its id shows, the order does not.
  ['order_split_from', { order_id: 'B-1' }, 'OrderSplitFromLog', { linkedOrderId: 'B-1', linkedOrder: null }, 'Split from order B-1'],
  ['update_delivery_method', { from_delivery_method: lang('Home delivery', '宅配'), to_delivery_method: lang('Store pickup', '門市取貨') }, 'UpdateDeliveryMethodLog',
    { fromDeliveryMethod: { entries: [{ locale: 'en', value: 'Home delivery' }, { locale: 'zh-hant', value: '宅配' }], text: 'Home delivery', fr: 'Home delivery', zh: '宅配' },
      toDeliveryMethod: { entries: [{ locale: 'en', value: 'Store pickup' }, { locale: 'zh-hant', value: '門市取貨' }], text: 'Store pickup', fr: 'Store pickup', zh: '門市取貨' } },
    'Delivery method: Home delivery → Store pickup'],
  // "" counts as missing: text falls back to the first entry that has one.
  ['update_payment_method', { from_payment_method: lang('', '信用卡'), to_payment_method: lang('Bank transfer', '銀行轉帳') }, 'UpdatePaymentMethodLog',
    { fromPaymentMethod: { entries: [{ locale: 'en', value: '' }, { locale: 'zh-hant', value: '信用卡' }], text: '信用卡', fr: '信用卡', zh: '信用卡' },
      toPaymentMethod: { entries: [{ locale: 'en', value: 'Bank transfer' }, { locale: 'zh-hant', value: '銀行轉帳' }], text: 'Bank transfer', fr: 'Bank transfer', zh: '銀行轉帳' } },
    'Payment method: 信用卡 → Bank transfer'],
  ['product_subscription_created', { product_subscription_id: 'sub-77', product_title: 'Coffee beans 1kg' }, 'ProductSubscriptionCreatedLog', { productSubscriptionId: 'sub-77', productTitle: 'Coffee beans 1kg' }, 'Product subscription created: Coffee beans 1kg'],
  ['cancell_product_subscription', null, 'CancellProductSubscriptionLog', { data: null }, 'Product subscription cancelled'],
  // A number where the document says string reads as a string.
  ['unmatch_amount', { amount: 35 }, 'UnmatchAmountLog', { amount: '35' }, 'Unmatched amount: 35'],
  ['added_order_payment_slip', null, 'AddedOrderPaymentSlipLog', { data: null }, 'Payment slip added'],
  ['order_transferred', { original_customer_id: 'c-1', original_customer_name: 'Mei Chen', new_customer_id: 'c-2', new_customer_name: 'Wei Lin' }, 'OrderTransferredLog',
    { originalCustomerId: 'c-1', originalCustomerName: 'Mei Chen', newCustomerId: 'c-2', newCustomerName: 'Wei Lin' }, 'Transferred: Mei Chen → Wei Lin'],
  ['order_created', { created_by: 'shop' }, 'OrderCreatedLog', { createdBy: 'shop' }, 'Order created via shop'],
  ['customer_cancel_requested', { cancelled_reason: 'Changed my mind', performer_ip: '203.0.113.7' }, 'CustomerCancelRequestedLog', { cancelledReason: 'Changed my mind', performerIp: '203.0.113.7' }, 'Cancellation requested: Changed my mind'],
  ['customer_cancel_failed', { cancelled_reason: 'Already shipped', performer_ip: '203.0.113.8' }, 'CustomerCancelFailedLog', { cancelledReason: 'Already shipped', performerIp: '203.0.113.8' }, 'Cancellation request failed: Already shipped'],
  ['chargeback_request', null, 'ChargebackRequestLog', { data: null }, 'Chargeback requested'],
  ['chargeback_review', null, 'ChargebackReviewLog', { data: null }, 'Chargeback under review'],
  ['chargeback_lost', null, 'ChargebackLostLog', { data: null }, 'Chargeback lost'],
  ['chargeback_expired', null, 'ChargebackExpiredLog', { data: null }, 'Chargeback expired'],
  ['chargeback_won', null, 'ChargebackWonLog', { data: null }, 'Chargeback won'],
  ['chargeback_canceled', null, 'ChargebackCanceledLog', { data: null }, 'Chargeback canceled'],
  ['chargeback_resolved', null, 'ChargebackResolvedLog', { data: null }, 'Chargeback resolved'],
  ['execute_shipment_failed', { messasge: 'Address incomplete' }, 'ExecuteShipmentFailedLog', { message: 'Address incomplete' }, 'Shipment failed: Address incomplete'],
  ['cancel_shipment_failed', { messasge: 'Already picked up' }, 'CancelShipmentFailedLog', { message: 'Already picked up' }, 'Shipment cancellation failed: Already picked up'],
  ['update_invoice_request', null, 'UpdateInvoiceRequestLog', { data: null }, 'Invoice request updated'],
  ['create_invoice', null, 'CreateInvoiceLog', { data: null }, 'Invoice created'],
  ['cancel_invoice', null, 'CancelInvoiceLog', { data: null }, 'Invoice cancelled'],
  ['update_invoice_status', { status: ['issued', 'cancelled'], updated_at: ['2021-11-01T00:00:00Z', '2021-11-02T00:00:00Z'] }, 'UpdateInvoiceStatusLog',
    { invoiceStatus: { from: 'issued', to: 'cancelled' }, invoiceUpdatedAt: { from: '2021-11-01T00:00:00Z', to: '2021-11-02T00:00:00Z' } }, 'Invoice status: issued → cancelled'],
  ['gift_card_applied', { code: 'GC-2021', amount: up(100) }, 'UnknownActionLog', { data: { code: 'GC-2021', amount: up(100) } }, 'gift_card_applied (unrecognised action log; see data)'],
];

const MONEY = '{ cents dollars currencyIso currencySymbol label }';
const TEXTS = '{ entries { locale value } text fr: text(locale: "fr") zh: text(locale: "zh-hant") }';
const SUB: Record<string, string> = {
  total: `{ from ${MONEY} to ${MONEY} }`, subtotal: `{ from ${MONEY} to ${MONEY} }`, discount: `{ from ${MONEY} to ${MONEY} }`,
  linkedOrder: '{ id orderNumber }', invoiceStatus: '{ from to }', invoiceUpdatedAt: '{ from to }',
  fromDeliveryMethod: TEXTS, toDeliveryMethod: TEXTS, fromPaymentMethod: TEXTS, toPaymentMethod: TEXTS,
};
const memberFragments = CASES.filter(([, , , fields]) => Object.keys(fields).length > 0).map(([, , type, fields]) =>
  `... on ${type} { ${Object.keys(fields).map((f) => `${f} ${SUB[f] ?? ''}`).join(' ')} }`).join('\n');

const body = (items: Json[]) => ({ items });
async function importLogs(merchantId: string, orderId: string, items: Json[]) {
  await writeActionLogs(app.database.db, merchantId, normaliseActionLogsBody(body(items), orderId));
}
async function addOrders(merchantId: string, ids: string[], when = new Date('2021-11-01T00:00:00Z')) {
  await app.database.db.insert(orders).values(ids.map((id, i) => ({
    merchantId, id, orderNumber: `N-${id}`, status: 'confirmed', createdAt: new Date(when.getTime() + i * 1000), updatedAt: when, raw: { id },
  })));
}
const logsOf = async (orderId: string, args: string, selection: string, as = key) => {
  const response = await app.gql(`{ order(id: "${orderId}") { actionLogs${args} { ${selection} } } }`, {}, as);
  return response.body;
};

beforeAll(async () => {
  app = await openTestApp();
  key = (await app.merchant('shop-a')).viewer;
  await app.merchant('shop-b');
  batchKey = (await app.merchant('shop-batch')).viewer;
  await addOrders('shop-a', ['A-1', 'A-2', 'A-fixture', 'A-actors', 'A-bad', 'A-page']);
  await addOrders('shop-b', ['B-1']);
  await importLogs('shop-a', 'A-1', CASES.map(([k, data], i) => ({ key: k, data, created_at: at(i), ...shop })));
  await importLogs('shop-a', 'A-fixture', upstreamFixture('action-logs').items);
  await importLogs('shop-a', 'A-page', Array.from({ length: 25 }, (_, i) =>
    ({ key: 'added_a_comment', data: null, created_at: at(0), ...shop, performer_id: `u-${i}` })));
  const batch = Array.from({ length: 50 }, (_, i) => `O-${String(i).padStart(2, '0')}`);
  await addOrders('shop-batch', batch);
  // Older than the batch, so never on its page: linking to it costs a lookup (a page's own orders are primed).
  await addOrders('shop-batch', ['X-linked'], new Date('2021-01-01T00:00:00Z'));
  for (const id of batch) {
    await importLogs('shop-batch', id, [
      { key: 'updated_status', data: { updated_status: 'confirmed' }, created_at: at(1), ...shop },
      { key: 'order_split', data: { order_id: 'X-linked' }, created_at: at(2), ...shop },
      { key: 'chargeback_won', data: null, created_at: at(3), performer_type: 'System', performer_name: 'system' },
    ]);
  }
});
afterAll(() => app?.close());

describe('ActionLog members', () => {
  it('gives every key its own type, data fields and summary, newest first', async () => {
    expect(new Set(CASES.map(([, , type]) => type)).size).toBe(43);
    const result = await logsOf('A-1', '(first: 100)', `totalCount nodes { __typename ... on ActionLogEntry { key summary } ${memberFragments} }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.order.actionLogs.totalCount).toBe(CASES.length);
    expect(result.data.order.actionLogs.nodes).toEqual(
      CASES.map(([k, , __typename, fields, summary]) => ({ __typename, key: k.trim(), summary, ...fields })),
    );
  });

  it('shares the HistoryEvent fields', async () => {
    const result = await logsOf('A-1', '(first: 1)', 'nodes { ... on HistoryEvent { id source occurredAt order { id } } ... on ActionLogEntry { createdAt } }');
    const [node] = result.data.order.actionLogs.nodes;
    expect(node).toEqual({ id: expect.any(String), source: 'ACTION_LOG', occurredAt: at(0), createdAt: at(0), order: { id: 'A-1' } });
  });
});

describe('performers and actors', () => {
  const who = 'nodes { ... on ActionLogEntry { key performer { id name type applicationId } actor { kind id name } } }';

  it('reads either application id spelling and trims keys (the document\'s own example)', async () => {
    const result = await logsOf('A-fixture', '', who);
    const user = { id: '60c1e027a47d91004377f129', name: 'shop', type: 'User' };
    const userActor = { kind: 'USER', id: '60c1e027a47d91004377f129', name: 'shop' };
    expect(result.data.order.actionLogs.nodes).toEqual([
      // `performing_application_id`, as in the response example
      { key: 'updated_status', performer: { ...user, applicationId: '60c1e027a47d91004377f12f' }, actor: userActor },
      // `performer_application_id`, as in the key table; the key came with a trailing space
      { key: 'updated_delivery_details', performer: { ...user, applicationId: '60c1e027a47d91004377f12f' }, actor: userActor },
      { key: 'order_edit', performer: { ...user, applicationId: null }, actor: userActor },
      { key: 'update_delivery_method', performer: { ...user, applicationId: '60c1e027a47d91004377f12f' }, actor: userActor },
      { key: 'execute_shipment_job_failed',
        performer: { id: null, name: 'system', type: 'Application', applicationId: '60c1e027a47d91004377f12f' },
        actor: { kind: 'APPLICATION', id: '60c1e027a47d91004377f12f', name: 'system' } },
    ]);
  });

  it('maps each performer type to an actor kind', async () => {
    const performers: [Json, Json | null][] = [
      [{ performer_type: 'User', performer_id: 'u-9', performer_name: 'Ann', performing_application_id: 'app-9' }, { kind: 'USER', id: 'u-9', name: 'Ann' }],
      [{ performer_type: 'Customer', performer_id: 'c-1', performer_name: 'Mei Chen' }, { kind: 'CUSTOMER', id: 'c-1', name: 'Mei Chen' }],
      [{ performer_type: 'System', performer_name: 'system' }, { kind: 'SYSTEM', id: null, name: 'system' }],
      [{ performer_type: 'Application', performer_id: 'app-9', performer_name: 'POS' }, { kind: 'APPLICATION', id: 'app-9', name: 'POS' }],
      [{ performer_application_id: 'app-7' }, { kind: 'APPLICATION', id: 'app-7', name: null }],
      [{ performer_type: 'Robot', performer_id: 'r-1', performer_name: 'R2' }, { kind: 'UNKNOWN', id: 'r-1', name: 'R2' }],
      [{}, null],
    ];
    await importLogs('shop-a', 'A-actors', performers.map(([p], i) => ({ key: 'added_a_comment', data: null, created_at: at(i), ...p })));
    const result = await logsOf('A-actors', '', who);
    expect(result.data.order.actionLogs.nodes.map((n: Json) => n.actor)).toEqual(performers.map(([, actor]) => actor));
    expect(result.data.order.actionLogs.nodes.at(-1).performer).toBeNull();
  });
});

describe('unexpected data shapes', () => {
  it('read as null and never fail the query', async () => {
    const none = { total: null, subtotal: null, discount: null };
    const cases: Case[] = [
      ['order_edit', { total: 'NT$500', subtotal: [up(13)], discount: [{ cents: 'x' }, { currency_iso: 'TWD' }] }, 'OrderEditLog', none, 'Order edited'],
      ['order_edit', { total: [up(500), 'oops'] }, 'OrderEditLog', { ...none, total: { from: gq(500), to: null } }, 'Total: NT$500 → —'],
      ['update_delivery_method', null, 'UpdateDeliveryMethodLog', { fromDeliveryMethod: null, toDeliveryMethod: null }, 'Delivery method changed'],
      ['update_payment_method', { from_payment_method: 'Cash', to_payment_method: ['x'] }, 'UpdatePaymentMethodLog', { fromPaymentMethod: null, toPaymentMethod: null }, 'Payment method changed'],
      ['update_invoice_status', { status: 'issued', updated_at: ['2021-11-01'] }, 'UpdateInvoiceStatusLog', { invoiceStatus: null, invoiceUpdatedAt: null }, 'Invoice status updated'],
      ['updated_status', { updated_status: { code: 1 } }, 'UpdatedStatusLog', { updatedStatus: null, reason: null }, 'Status changed'],
      ['order_split', { order_id: 12345 }, 'OrderSplitLog', { linkedOrderId: '12345', linkedOrder: null }, 'Split into order 12345'],
      ['customer_cancel_requested', ['x'] as unknown as Json, 'CustomerCancelRequestedLog', { cancelledReason: null, performerIp: null }, 'Cancellation requested'],
      ['gift_card_applied', null, 'UnknownActionLog', { data: null }, 'gift_card_applied (unrecognised action log; see data)'],
      // Documented with `data: null`, sent with some anyway: it stays readable, as sent.
      ['updated_delivery_details', { address_1: '1 Main St', fields: ['address_1'] }, 'UpdatedDeliveryDetailsLog',
        { data: { address_1: '1 Main St', fields: ['address_1'] } }, 'Delivery details updated'],
      ['chargeback_won', { amount: up(100) }, 'ChargebackWonLog', { data: { amount: up(100) } }, 'Chargeback won'],
    ];
    await importLogs('shop-a', 'A-bad', cases.map(([k, data], i) => ({ key: k, data, created_at: at(i), ...shop })));
    const result = await logsOf('A-bad', '', `nodes { __typename ... on ActionLogEntry { key summary } ${memberFragments} }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.order.actionLogs.nodes).toEqual(
      cases.map(([k, , __typename, fields, summary]) => ({ __typename, key: k, summary, ...fields })),
    );
  });
});

describe('pagination', () => {
  const page = 'edges { cursor node { ... on HistoryEvent { id } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

  it('walks logs with identical created_at the same way forward and backward', async () => {
    const forward: string[] = [];
    for (let after: string | null = null; ;) {
      const { data } = await logsOf('A-page', `(first: 7${after ? `, after: "${after}"` : ''})`, page);
      forward.push(...data.order.actionLogs.edges.map((e: Json) => e.node.id));
      if (!data.order.actionLogs.pageInfo.hasNextPage) break;
      after = data.order.actionLogs.pageInfo.endCursor;
    }
    const backward: string[] = [];
    for (let before: string | null = null; ;) {
      const { data } = await logsOf('A-page', `(last: 7${before ? `, before: "${before}"` : ''})`, page);
      backward.unshift(...data.order.actionLogs.edges.map((e: Json) => e.node.id));
      if (!data.order.actionLogs.pageInfo.hasPreviousPage) break;
      before = data.order.actionLogs.pageInfo.startCursor;
    }
    expect(new Set(forward).size).toBe(25);
    expect(backward).toEqual(forward);
    // Same created_at: the id breaks the tie, descending.
    expect(forward).toEqual([...forward].sort().reverse());
  });

  it('counts only the keys asked for, trimmed', async () => {
    const count = async (keys: string) => (await logsOf('A-1', `(keys: ${keys})`, 'totalCount nodes { ... on ActionLogEntry { key } }')).data.order.actionLogs;
    expect(await count('["order_edit", " order_split "]')).toEqual({ totalCount: 2, nodes: [{ key: 'order_edit' }, { key: 'order_split' }] });
    expect((await count('["updated_delivery_details"]')).totalCount).toBe(1);
    expect((await count('["no_such_key"]')).totalCount).toBe(0);
    expect((await count('[]')).totalCount).toBe(0);
  });

  it("refuses a cursor from another order's or another filter's list", async () => {
    const cursor = (await logsOf('A-page', '(first: 2)', page)).data.order.actionLogs.pageInfo.endCursor;
    const filtered = (await logsOf('A-page', '(first: 2, keys: ["added_a_comment"])', page)).data.order.actionLogs.pageInfo.endCursor;
    expect((await logsOf('A-page', `(first: 2, after: "${cursor}")`, 'totalCount')).errors).toBeUndefined();
    // The same filter spelt differently is the same list.
    expect((await logsOf('A-page', `(keys: [" added_a_comment", "added_a_comment"], after: "${filtered}")`, 'totalCount')).errors).toBeUndefined();
    for (const [orderId, args] of [['A-1', `(after: "${cursor}")`], ['A-page', `(after: "${filtered}")`], ['A-page', `(keys: ["order_edit"], before: "${cursor}")`]] as const) {
      const result = await logsOf(orderId, args, 'totalCount');
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('batching', () => {
  const query = (extra: string) => `query ($n: Int!) { orders(first: $n) { nodes { id actionLogs(first: 20) {
    nodes { __typename ... on ActionLogEntry { summary performer { name } } ${extra} } } } } }`;
  const run = async (n: number, extra = '') => {
    let body: Json = {};
    await app.gql('{ viewer { role } }', {}, batchKey); // the key is then known: no lookup below
    const statements = await app.statementsDuring(async () => { body = (await app.gql(query(extra), { n }, batchKey)).body; });
    expect(body.errors).toBeUndefined();
    expect(body.data.orders.nodes).toHaveLength(n);
    for (const order of body.data.orders.nodes) expect(order.actionLogs.nodes).toHaveLength(3);
    expect(statements.filter((sql) => sql.includes('/* Order.actionLogs */'))).toHaveLength(1);
    return { count: statements.length, logs: body.data.orders.nodes.flatMap((o: Json) => o.actionLogs.nodes) };
  };

  it('reads the logs of 50 orders in one statement: orders + action logs', async () => {
    expect((await run(5)).count).toBe(2);
    expect((await run(50)).count).toBe(2);
  });

  it('adds one batched order lookup for linkedOrder', async () => {
    const linked = '... on OrderSplitLog { linkedOrder { id } }';
    expect((await run(5, linked)).count).toBe(3);
    const { count, logs } = await run(50, linked);
    expect(count).toBe(3);
    expect(logs.filter((log: Json) => log.__typename === 'OrderSplitLog').map((log: Json) => log.linkedOrder))
      .toEqual(Array(50).fill({ id: 'X-linked' }));
  });
});
