/**
 * Every leaf of the upstream documents' examples is readable through GraphQL with its value: the
 * order-search example orders (all but `order_payment.payment_data`, which is stored and never
 * served) and one example body of each history upstream, imported as they are.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseOrdersBody, writeOrders } from '../src/ingest/orders.js';
import { ORDER_RULES } from './fixtures/upstream/leaf-rules.js';
import { upstreamFixture } from './fixtures/upstream/index.js';
import { checkLeaves, selectionOf, type LeafReport } from './support/leaves.js';
import { openTestApp, type TestApp } from './support/app.js';

let app: TestApp;
let key: string;
const orderSearch = upstreamFixture('order-search');

const unserved = (path: string) => path === 'order_payment.payment_data' || path.startsWith('order_payment.payment_data.');

beforeAll(async () => {
  app = await openTestApp();
  key = (await app.merchant('shop-a')).editor;
  await writeOrders(app.database.db, 'shop-a', normaliseOrdersBody(orderSearch));
});
afterAll(() => app.close());

async function data(query: string, variables: Record<string, unknown> = {}) {
  const response = await app.gql(query, variables, key);
  expect(response.body.errors).toBeUndefined();
  return response.body.data;
}

function expectAllProven(report: LeafReport, minimum: number) {
  expect(report.unmapped, 'leaves no rule covers').toEqual([]);
  expect(report.differing, 'leaves served with another value').toEqual([]);
  expect(report.proven.length).toBe(report.leaves);
  expect(report.leaves).toBeGreaterThanOrEqual(minimum);
}

describe('the order-search example', () => {
  it('is the document\'s own example', () => {
    const text = readFileSync(new URL('../docs/upstream/order-search.txt', import.meta.url), 'utf8');
    const sample = text.slice(text.indexOf('JSON sample') + 'JSON sample'.length, text.lastIndexOf('}') + 1);
    expect(orderSearch).toEqual(JSON.parse(sample));
  });

  it.each([0, 1])('order %i: every leaf but payment_data is readable with its value', async (index) => {
    const upstream = orderSearch.items[index];
    const { order } = await data(`query($id: ID!) { order(id: $id) { ${selectionOf(ORDER_RULES)} } }`, { id: upstream.id });
    const report = checkLeaves(upstream, ORDER_RULES, order, unserved);
    expectAllProven(report, 300);
  });
});
