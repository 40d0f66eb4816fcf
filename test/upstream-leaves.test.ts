/**
 * Every leaf of the upstream documents' examples is readable through GraphQL with its value: the
 * order-search example orders (all but `order_payment.payment_data`, which is stored and never
 * served) and one example body of each history upstream, imported as they are.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseOrdersBody, writeOrders } from '../src/ingest/orders.js';
import { writeBodies } from '../src/ingest/registry.js';
import {
  ACTION_LOG_RULES, HISTORY_CHANGE_RULES, ORDER_RULES, STATUS_HISTORY_RULES, TRACE_RULES,
} from './fixtures/upstream/leaf-rules.js';
import { upstreamFixture, type Json } from './fixtures/upstream/index.js';
import { checkLeaves, selectionOf, type LeafReport, type Rules } from './support/leaves.js';
import { openTestApp, type TestApp } from './support/app.js';

let app: TestApp;
let key: string;
const orderSearch = upstreamFixture('order-search');

const unserved = (path: string) => path === 'order_payment.payment_data' || path.startsWith('order_payment.payment_data.');

const [FIRST, SECOND] = [orderSearch.items[0].id as string, orderSearch.items[1].id as string];
const bodies = {
  actionLogs: upstreamFixture('action-logs'),
  statusHistory: upstreamFixture('status-history-list'),
  historyChanges: upstreamFixture('history-changes'),
  traces: upstreamFixture('traces'),
};
/** The traces example with each sender sent as upstream types it: a list, here of two. */
const tracesWithSenderLists: Json = {
  ...bodies.traces,
  items: bodies.traces.items.map((item: Json, i: number) => ({ ...item, sender: [item.sender, bodies.traces.items[1 - i].sender] })),
};
const THIRD = 'order-with-sender-lists';

beforeAll(async () => {
  app = await openTestApp();
  key = (await app.merchant('shop-a')).editor;
  const db = app.database.db;
  await writeOrders(db, 'shop-a', normaliseOrdersBody(orderSearch));
  await writeOrders(db, 'shop-a', normaliseOrdersBody({ items: [{ ...orderSearch.items[1], id: THIRD, order_number: 'third' }] }));
  // Each body exactly as the import CLI reads it, on the documented orders (their ids need no link).
  await writeBodies(db, 'shop-a', 'action-logs', [{ body: bodies.actionLogs, options: { orderId: SECOND } }]);
  await writeBodies(db, 'shop-a', 'traces', [{ body: bodies.traces, options: { orderId: FIRST } }]);
  await writeBodies(db, 'shop-a', 'traces', [{ body: tracesWithSenderLists, options: { orderId: THIRD } }]);
  await writeBodies(db, 'shop-a', 'status-history', [{ body: bodies.statusHistory }]);
  await writeBodies(db, 'shop-a', 'history-changes', [{ body: bodies.historyChanges, options: { entity: 'order' } }]);
});
afterAll(() => app.close());

async function data(query: string, variables: Record<string, unknown> = {}) {
  const response = await app.gql(query, variables, key);
  expect(response.body.errors).toBeUndefined();
  return response.body.data;
}

const leafCounts: Record<string, string> = {};

function expectAllProven(report: LeafReport, minimum: number, name?: string) {
  if (name) leafCounts[name] = `${report.proven.length}/${report.leaves}`;
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
    expectAllProven(report, 300, `order ${index}`);
  });
});

describe('one example of each history upstream', () => {
  const orderLists = async (orderId: string, rules: Rules) =>
    (await data(`query($id: ID!) { order(id: $id) { ${selectionOf(rules)} } }`, { id: orderId })).order;

  it('action logs: every leaf is readable with its value', async () => {
    const report = checkLeaves(bodies.actionLogs, ACTION_LOG_RULES, await orderLists(SECOND, ACTION_LOG_RULES));
    expectAllProven(report, 40, 'action logs');
  });

  it('status history: every leaf is readable with its value', async () => {
    const served = await data(`{ ${selectionOf(STATUS_HISTORY_RULES).replace('statusHistoryPage', 'statusHistoryPage(page: 1, itemsPerPage: 25)')} }`);
    expectAllProven(checkLeaves(bodies.statusHistory, STATUS_HISTORY_RULES, served), 19, 'status history');
  });

  it("change history: every leaf is readable with its value (but `success`, which a GraphQL answer's lack of errors says)", async () => {
    const served = await data(`{ ${selectionOf(HISTORY_CHANGE_RULES).replace('historyChangesPage', 'historyChangesPage(page: 1, perPage: 20)')} }`);
    const report = checkLeaves(bodies.historyChanges, HISTORY_CHANGE_RULES, served, (path) => path === 'success');
    expectAllProven(report, 60, 'history changes');
  });

  it('traces: every leaf is readable with its value, senders sent as one object or as a list', async () => {
    expectAllProven(checkLeaves(bodies.traces, TRACE_RULES, await orderLists(FIRST, TRACE_RULES)), 18, 'traces');
    expectAllProven(checkLeaves(tracesWithSenderLists, TRACE_RULES, await orderLists(THIRD, TRACE_RULES)), 28, 'traces (sender lists)');
  });

  afterAll(() => {
    // The closing note's figures: proven/total per body.
    console.info(`leaves proven: ${Object.entries(leafCounts).map(([name, count]) => `${name} ${count}`).join(', ')}`);
  });
});
