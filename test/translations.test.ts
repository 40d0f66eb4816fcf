/**
 * Translations keep the locales in the order upstream sent them, so `text()` falls back to the
 * first entry as the contract means it (PostgreSQL's jsonb would sort keys by length: `ja` before
 * `zh-hant`). Checked on an order's translated texts and on an action log's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseActionLogsBody, writeActionLogs } from '../src/ingest/action-logs.js';
import { normaliseOrdersBody, writeOrders } from '../src/ingest/orders.js';
import { upstreamFixture } from './fixtures/upstream/index.js';
import { openTestApp, type TestApp } from './support/app.js';

let app: TestApp;
let key: string;

/** No `en`, and the locale upstream put first sorts last by length. */
const LOCALES = { 'zh-hant': '信用卡', ja: 'クレジットカード' };
const ENTRIES = [{ locale: 'zh-hant', value: '信用卡' }, { locale: 'ja', value: 'クレジットカード' }];
const READ = { entries: ENTRIES, text: '信用卡', fr: '信用卡', ja: 'クレジットカード' };
const TRANSLATIONS = '{ entries { locale value } text fr: text(locale: "fr") ja: text(locale: "ja") }';

beforeAll(async () => {
  app = await openTestApp();
  key = (await app.merchant('shop-a')).viewer;
  const order = upstreamFixture('order-search').items[0];
  order.order_payment.name_translations = LOCALES;
  order.order_delivery.name_translations = LOCALES;
  order.subtotal_items[0].title_translations = LOCALES;
  await writeOrders(app.database.db, 'shop-a', normaliseOrdersBody({ items: [order] }));
  await writeActionLogs(app.database.db, 'shop-a', normaliseActionLogsBody({ items: [
    { key: 'update_payment_method', data: { from_payment_method: LOCALES, to_payment_method: LOCALES }, created_at: '2021-11-02T04:06:13.304Z' },
  ] }, order.id));
});
afterAll(() => app.close());

describe('translations', () => {
  it('keep upstream\'s order of locales on the order, its payment, delivery option and items', async () => {
    const response = await app.gql(`{ order(id: "5f450eace388093f603a3b95") {
      paymentMethod { name ${TRANSLATIONS} } deliveryOption { name ${TRANSLATIONS} } items { title ${TRANSLATIONS} } } }`, {}, key);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.order).toEqual({ paymentMethod: { name: READ }, deliveryOption: { name: READ }, items: [{ title: READ }] });
  });

  it('keep upstream\'s order of locales in action-log data', async () => {
    const response = await app.gql(`{ order(id: "5f450eace388093f603a3b95") { actionLogs { nodes {
      ... on UpdatePaymentMethodLog { fromPaymentMethod ${TRANSLATIONS} toPaymentMethod ${TRANSLATIONS} } } } } }`, {}, key);
    expect(response.body.data.order.actionLogs.nodes).toEqual([{ fromPaymentMethod: READ, toPaymentMethod: READ }]);
  });
});
