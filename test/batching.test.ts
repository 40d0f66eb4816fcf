/**
 * Per-order history lists cost one statement per list field, however many orders ask: 50 orders ×
 * (statusHistory, historyChanges, traces, timeline) send exactly as many statements as 5 orders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders } from '../src/db/schema.js';
import { normaliseActionLogsBody } from '../src/ingest/action-logs.js';
import { normaliseHistoryChangesBody } from '../src/ingest/history-changes.js';
import { normaliseStatusHistoryBody } from '../src/ingest/status-history.js';
import { normaliseTracesBody } from '../src/ingest/traces.js';
import { writeActionLogs } from '../src/ingest/action-logs.js';
import { writeHistoryChanges } from '../src/ingest/history-changes.js';
import { writeStatusHistory } from '../src/ingest/status-history.js';
import { writeTraces } from '../src/ingest/traces.js';
import type { Json } from './fixtures/upstream/index.js';
import { openTestApp, type TestApp } from './support/app.js';

let app: TestApp;
let key: string;

const ORDERS = 50;
const ids = Array.from({ length: ORDERS }, (_, i) => `ord-${String(i).padStart(2, '0')}`);
const at = (i: number, minutes: number) => new Date(Date.UTC(2024, 0, 1 + i, 0, minutes)).toISOString();

beforeAll(async () => {
  app = await openTestApp();
  key = (await app.merchant('shop-a')).editor;
  const db = app.database.db;
  const m = 'shop-a';
  await db.insert(orders).values(ids.map((id, i) => ({
    merchantId: m, id, orderNumber: `#${i}`, status: 'confirmed', createdAt: new Date(at(i, 0)), updatedAt: new Date(at(i, 0)), raw: {},
  })));
  await writeStatusHistory(db, m, normaliseStatusHistoryBody(ids.flatMap((orderId, i) =>
    [1, 2, 3].map((n) => ({ id: i * 10 + n, orderId, statusId: n, createdAt: at(i, n), userId: 1 })))));
  await writeHistoryChanges(db, m, normaliseHistoryChangesBody({ history: ids.flatMap((orderId, i) => [1, 2].map((n) => ({
    id: i * 10 + n, createdAt: at(i, n).replace('T', ' ').slice(0, 19), source: 'combine', field: 'status',
    newValue: { code: 'new' }, order: { id: orderId }, combinedTo: { id: ids[(i + 1) % ORDERS] }, ancestor: { id: ids[(i + 2) % ORDERS] },
  }))) }, 'order'));
  for (const [i, orderId] of ids.entries()) {
    const items = [1, 2].map((n) => ({ date: at(i, n), message: `m${n}`, status: 1, statust: 'New', sender: { pid: n } }));
    await writeTraces(db, m, normaliseTracesBody({ count: 2, items, canAdd: true }, orderId));
    await writeActionLogs(db, m, normaliseActionLogsBody({ items: [{ key: 'added_a_comment', data: null, created_at: at(i, 4) }] }, orderId));
  }
}, 120_000);
afterAll(() => app.close());

const QUERY = `query($n: Int) { orders(first: $n, orderBy: { field: CREATED_AT, direction: ASC }) { nodes { id
  statusHistory(first: 2) { totalCount nodes { id summary order { id } } }
  historyChanges(first: 2) { totalCount nodes { id summary combinedTo { order { id } } ancestor { order { id } } } }
  traces(first: 2) { totalCount canAdd nodes { id summary } }
  timeline(first: 5) { totalCount pageInfo { hasNextPage } nodes { __typename id source order { id } } }
} } }`;

async function run(n: number) {
  let body: { data?: { orders: { nodes: Json[] } }; errors?: unknown } = {};
  await app.gql('{ viewer { role } }', {}, key); // the key is then known: no lookup below
  const statements = await app.statementsDuring(async () => {
    body = (await app.gql(QUERY, { n }, key)).body;
  });
  expect(body.errors).toBeUndefined();
  return { statements, nodes: body.data!.orders.nodes };
}

describe('batching', () => {
  it('answers every order in full', async () => {
    const { nodes } = await run(ORDERS);
    expect(nodes).toHaveLength(ORDERS);
    for (const [i, node] of nodes.entries()) {
      expect(node.statusHistory.totalCount).toBe(3);
      expect(node.statusHistory.nodes.map((e: { id: string }) => e.id)).toEqual([`${i * 10 + 3}`, `${i * 10 + 2}`]);
      expect(node.statusHistory.nodes[0].order).toEqual({ id: ids[i] });
      expect(node.historyChanges.totalCount).toBe(2);
      expect(node.historyChanges.nodes[0].combinedTo.order).toEqual({ id: ids[(i + 1) % ORDERS] });
      expect(node.historyChanges.nodes[0].ancestor.order).toEqual({ id: ids[(i + 2) % ORDERS] });
      expect(node.traces).toMatchObject({ totalCount: 2, canAdd: true });
      expect(node.timeline.totalCount).toBe(8);
      expect(node.timeline.pageInfo.hasNextPage).toBe(true);
      expect(node.timeline.nodes.map((e: { source: string }) => e.source)).toEqual(['ACTION_LOG', 'STATUS_HISTORY', 'CHANGE_HISTORY', 'STATUS_HISTORY', 'TRACE']);
    }
  });

  it('sends one statement per list field for 50 orders, the same as for 5', async () => {
    const fifty = await run(ORDERS);
    const five = await run(5);
    const labelled = (statements: string[], name: string) => statements.filter((s) => s.includes(`/* ${name} */`)).length;
    const history = (statements: string[]) => ({
      statusHistory: labelled(statements, 'Order.statusHistory'),
      historyChanges: labelled(statements, 'Order.historyChanges'),
      traces: labelled(statements, 'Order.traces'),
      traceLists: labelled(statements, 'Order.traces.list'),
      timeline: labelled(statements, 'Order.timeline'),
      linkedOrders: labelled(statements, 'HistoryChange.linkedOrders'),
    });
    expect(history(fifty.statements)).toEqual({ statusHistory: 1, historyChanges: 1, traces: 1, traceLists: 1, timeline: 1, linkedOrders: 1 });
    // The orders, the four lists (and what upstream said of the traces: `canAdd`), and the links combinedTo/ancestor name. Of 50 orders the ones
    // they name were listed already; of 5, the others are read in one more batched statement.
    const labels = (statements: string[]) => statements.map((s) => /^\/\* (\S+) \*\//.exec(s)?.[1]).sort();
    expect(labels(fifty.statements)).toEqual(
      ['HistoryChange.linkedOrders', 'Order.historyChanges', 'Order.statusHistory', 'Order.timeline', 'Order.traces', 'Order.traces.list', 'orders'],
    );
    expect(labels(five.statements)).toEqual([...labels(fifty.statements), 'orders.byId'].sort());
  });

  it('sends one statement per distinct set of arguments', async () => {
    let body: { errors?: unknown } = {};
    const statements = await app.statementsDuring(async () => {
      body = (await app.gql(`{ orders(first: ${ORDERS}) { nodes {
        a: statusHistory(first: 1) { nodes { id } } b: statusHistory(first: 1) { nodes { id } } c: statusHistory(first: 2) { nodes { id } }
        d: timeline(sources: [TRACE]) { totalCount } e: timeline { totalCount } } } }`, {}, key)).body;
    });
    expect(body.errors).toBeUndefined();
    expect(statements.filter((s) => s.includes('/* Order.statusHistory */'))).toHaveLength(2);
    expect(statements.filter((s) => s.includes('/* Order.timeline */'))).toHaveLength(2);
  });
});
