/** `Order.timeline`: four sources merged newest first, ties across sources, filters and their errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders } from '../src/db/schema.js';
import { normaliseActionLogsBody } from '../src/ingest/action-logs.js';
import { normaliseHistoryChangesBody } from '../src/ingest/history-changes.js';
import { normaliseStatusHistoryBody } from '../src/ingest/status-history.js';
import { normaliseTracesBody } from '../src/ingest/traces.js';
import { writeActionLogs } from '../src/ingest/action-logs.js';
import { writeHistoryChanges } from '../src/ingest/history-changes.js';
import { writeOrderLinks } from '../src/ingest/registry.js';
import { writeStatusHistory } from '../src/ingest/status-history.js';
import { writeTraces } from '../src/ingest/traces.js';
import { upstreamFixture } from './fixtures/upstream/index.js';
import { openTestApp, type TestApp } from './support/app.js';

let app: TestApp;
let a: { viewer: string; editor: string };
let b: { viewer: string; editor: string };

const T1 = '2024-05-01T10:00:00.000Z';
const T2 = '2024-05-02T10:00:00.000Z';
const order = (merchantId: string, id: string) => ({
  merchantId, id, orderNumber: `#${id}`, status: 'confirmed', createdAt: new Date('2021-01-01T00:00:00Z'), updatedAt: new Date('2021-01-01T00:00:00Z'), raw: {},
});
const upstreamOrder = { id: 7001, externalId: 'ee-22-xx', site: 'shop-1' };

beforeAll(async () => {
  app = await openTestApp();
  a = await app.merchant('shop-a');
  b = await app.merchant('shop-b');
  const db = app.database.db;
  const m = 'shop-a';
  await db.insert(orders).values([order(m, 'ord-1'), order(m, 'ord-2'), order('shop-b', 'ord-1')]);
  await writeOrderLinks(db, m, [
    { system: 'action-logs', externalId: 'al-1', orderId: 'ord-1' },
    { system: 'status-history', externalId: '416', orderId: 'ord-1' },
    { system: 'history-changes', externalId: '7001', orderId: 'ord-1' },
    { system: 'traces', externalId: '4711', orderId: 'ord-1' },
  ]);
  const logs = upstreamFixture('action-logs');
  logs.items.push({ key: 'order_created', data: { created_by: 'shop' }, created_at: T1, performer_type: 'User', performer_id: 'u1', performer_name: 'shop' });
  await writeActionLogs(db, m, normaliseActionLogsBody(logs, 'al-1'));
  await writeStatusHistory(db, m, normaliseStatusHistoryBody([
    ...[9, 10, 100].map((id) => ({ id, orderId: 416, statusId: 2, createdAt: T1, userId: 1 })),
    { id: 8, orderId: 416, statusId: 1, createdAt: '2019-02-01T12:19:47+01:00', userId: 6, procedureText: 'Esse voluptates consequatur.' },
    { id: 11, orderId: 'ord-2', statusId: 1, createdAt: T1 },
  ]));
  const change = { id: 901, createdAt: '2024-05-01 10:00:00', source: 'api', field: 'discount', oldValue: 250.5, newValue: 260, order: upstreamOrder };
  await writeHistoryChanges(db, m, normaliseHistoryChangesBody({ history: [change, { ...change, id: 902, createdAt: '2024-05-02 10:00:00' }] }, 'order'));
  await writeHistoryChanges(db, m, normaliseHistoryChangesBody({ history: [{ ...change, field: 'quantity' }] }, 'pack'));
  const traces = upstreamFixture('traces');
  traces.items.push({ date: T1, message: 'Same instant', status: 2, statust: 'In progress', sender: { pid: 201 } });
  await writeTraces(db, m, normaliseTracesBody(traces, '4711'));
});
afterAll(() => app.close());

async function timeline(args = '', key = a.viewer, id = 'ord-1') {
  const response = await app.gql(`{ order(id: "${id}") { timeline${args ? `(${args})` : ''} { totalCount
    nodes { __typename id source occurredAt summary order { id } } } } }`, {}, key);
  expect(response.body.errors).toBeUndefined();
  return response.body.data.order.timeline;
}

const brief = (nodes: { source: string; occurredAt: string; summary: string; __typename: string }[]) =>
  nodes.map((n) => `${n.occurredAt} ${n.source} ${n.__typename} ${n.summary}`);

describe('Order.timeline', () => {
  it('merges all four sources newest first: occurredAt desc, then source, then id desc', async () => {
    const result = await timeline('first: 100');
    expect(result.totalCount).toBe(16);
    expect(result.nodes.every((n: { order: { id: string } }) => n.order.id === 'ord-1')).toBe(true);
    expect(brief(result.nodes)).toEqual([
      `${T2} CHANGE_HISTORY HistoryChange discount: 250.5 → 260 (api)`,
      `${T1} ACTION_LOG OrderCreatedLog Order created via shop`,
      `${T1} CHANGE_HISTORY HistoryChange quantity: 250.5 → 260 (api)`,
      `${T1} CHANGE_HISTORY HistoryChange discount: 250.5 → 260 (api)`,
      `${T1} STATUS_HISTORY StatusHistoryEntry Status 2 (by user 1)`,
      `${T1} STATUS_HISTORY StatusHistoryEntry Status 2 (by user 1)`,
      `${T1} STATUS_HISTORY StatusHistoryEntry Status 2 (by user 1)`,
      `${T1} TRACE Trace In progress — person 201 (deleted): Same instant`,
      '2022-11-11T14:48:36.517Z TRACE Trace In progress — Marcus Leen: Thank you for this information',
      '2022-11-11T14:31:14.183Z TRACE Trace In progress — John Mann: We will deliver tomorrow, a day earlier :-)',
      '2021-11-02T04:06:13.304Z ACTION_LOG UpdatedStatusLog Status → string (string)',
      '2021-11-02T03:05:00.000Z ACTION_LOG UpdatedDeliveryDetailsLog Delivery details updated',
      '2021-11-01T09:00:00.000Z ACTION_LOG OrderEditLog Total: NT$500 → NT$450; Discount: NT$0 → NT$50',
      '2021-10-31T09:00:00.000Z ACTION_LOG UpdateDeliveryMethodLog Delivery method: Post → Store pickup',
      '2021-10-30T09:00:00.000Z ACTION_LOG ExecuteShipmentJobFailedLog Shipment job failed',
      '2019-02-01T11:19:47.000Z STATUS_HISTORY StatusHistoryEntry Status 1 (by user 6): Esse voluptates consequatur.',
    ]);
    // At one instant, numeric ids sort as numbers (100, 10, 9), and a pack change beside the order change of the same id.
    expect(result.nodes.slice(2, 7).map((n: { id: string }) => n.id)).toEqual(['pack:901', 'order:901', '100', '10', '9']);
  });

  it("resolves each member's own fields", async () => {
    const response = await app.gql(`{ order(id: "ord-1") { timeline(since: "${T1}", until: "${T1}") { nodes {
      __typename actor { kind id name }
      ... on ActionLogEntry { key performer { name } }
      ... on OrderCreatedLog { createdBy }
      ... on HistoryChange { entity field newValue { ... on HistoryNumberValue { numberValue } } }
      ... on StatusHistoryEntry { statusId userId }
      ... on Trace { statusTitle sender { personId firstName } } } } } }`, {}, a.viewer);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.order.timeline.nodes).toEqual([
      { __typename: 'OrderCreatedLog', actor: { kind: 'USER', id: 'u1', name: 'shop' }, key: 'order_created', performer: { name: 'shop' }, createdBy: 'shop' },
      { __typename: 'HistoryChange', actor: { kind: 'API', id: null, name: null }, entity: 'PACK', field: 'quantity', newValue: { numberValue: 260 } },
      { __typename: 'HistoryChange', actor: { kind: 'API', id: null, name: null }, entity: 'ORDER', field: 'discount', newValue: { numberValue: 260 } },
      ...[1, 2, 3].map(() => ({ __typename: 'StatusHistoryEntry', actor: { kind: 'USER', id: '1', name: null }, statusId: 2, userId: 1 })),
      { __typename: 'Trace', actor: { kind: 'USER', id: '201', name: null }, statusTitle: 'In progress', sender: { personId: 201, firstName: null } },
    ]);
  });

  it('keeps only the sources asked for, with totalCount to match', async () => {
    const result = await timeline('sources: [TRACE, STATUS_HISTORY]');
    expect(result.totalCount).toBe(7);
    expect(result.nodes.map((n: { source: string }) => n.source)).toEqual([
      'STATUS_HISTORY', 'STATUS_HISTORY', 'STATUS_HISTORY', 'TRACE', 'TRACE', 'TRACE', 'STATUS_HISTORY',
    ]);
    expect(await timeline('sources: [ACTION_LOG]')).toMatchObject({ totalCount: 6 });
    expect(await timeline('sources: []')).toEqual({ totalCount: 0, nodes: [] });
  });

  it('reads since and until inclusively', async () => {
    expect((await timeline(`since: "${T1}", until: "${T1}"`)).totalCount).toBe(7);
    expect((await timeline(`since: "${T1}"`)).totalCount).toBe(8);
    expect((await timeline(`until: "${T1}"`)).totalCount).toBe(15);
    expect((await timeline(`since: "2024-05-01T10:00:00.001Z", until: "${T2}"`)).totalCount).toBe(1);
    const result = await timeline(`sources: [CHANGE_HISTORY], since: "${T1}", until: "${T1}"`);
    expect(result.totalCount).toBe(2);
  });

  it('refuses an impossible range', async () => {
    const response = await app.gql(`{ order(id: "ord-1") { timeline(since: "${T2}", until: "${T1}") { totalCount } } }`, {}, a.viewer);
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors[0].message).toMatch(/`since`.*`until`/);
  });

  it("lists only the order's own records, and nothing of another merchant", async () => {
    expect(brief((await timeline('', a.viewer, 'ord-2')).nodes)).toEqual([`${T1} STATUS_HISTORY StatusHistoryEntry Status 1`]);
    expect(await timeline('', b.viewer, 'ord-1')).toEqual({ totalCount: 0, nodes: [] });
  });
});
