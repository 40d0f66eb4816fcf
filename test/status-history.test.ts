/** Status history: `Order.statusHistory`, `statusHistory`, `statusHistoryPage`, from the upstream document's examples. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders } from '../src/db/schema.js';
import { normaliseStatusHistoryBody } from '../src/ingest/status-history.js';
import { writeOrderLinks } from '../src/ingest/registry.js';
import { writeStatusHistory } from '../src/ingest/status-history.js';
import { upstreamFixture } from './fixtures/upstream/index.js';
import { openTestApp, type TestApp } from './support/app.js';

let app: TestApp;
let a: { viewer: string; editor: string };
let b: { viewer: string; editor: string };

const order = (merchantId: string, id: string) => ({
  merchantId, id, orderNumber: `#${id}`, status: 'confirmed', createdAt: new Date('2019-01-01T00:00:00Z'), updatedAt: new Date('2019-01-01T00:00:00Z'), raw: {},
});

beforeAll(async () => {
  app = await openTestApp();
  a = await app.merchant('shop-a');
  b = await app.merchant('shop-b');
  const db = app.database.db;
  await db.insert(orders).values([order('shop-a', 'ord-416'), order('shop-b', 'ord-b1')]);
  await writeOrderLinks(db, 'shop-a', [{ system: 'status-history', externalId: '416', orderId: 'ord-416' }]);
  await writeStatusHistory(db, 'shop-a', normaliseStatusHistoryBody(upstreamFixture('status-history-order')));
  await writeStatusHistory(db, 'shop-a', normaliseStatusHistoryBody(upstreamFixture('status-history-list')));
  await writeStatusHistory(db, 'shop-a', normaliseStatusHistoryBody([
    { id: 9, orderId: 416, statusId: 3.1, createdAt: '2019-02-03T10:00:00Z' },
  ]));
  await writeStatusHistory(db, 'shop-b', normaliseStatusHistoryBody([
    { id: 1, orderId: 'ord-b1', statusId: 2, createdAt: '2019-02-03T10:00:00Z', userId: 1, procedureText: 'B only.' },
  ]));
});
afterAll(() => app.close());

async function data(query: string, variables: Record<string, unknown> = {}, key = a.viewer) {
  const response = await app.gql(query, variables, key);
  expect(response.body.errors).toBeUndefined();
  return response.body.data;
}

const ENTRY = `id orderId upstreamOrderId statusId createdAt userId procedureText occurredAt source summary actor { kind id name } order { id }`;

describe('Order.statusHistory', () => {
  it('lists the entries of one order, newest first, with every field', async () => {
    const result = await data(`{ order(id: "ord-416") { statusHistory { totalCount nodes { ${ENTRY} } } } }`);
    expect(result.order.statusHistory).toEqual({
      totalCount: 2,
      nodes: [
        {
          id: '9', orderId: 'ord-416', upstreamOrderId: '416', statusId: 3.1, createdAt: '2019-02-03T10:00:00.000Z',
          userId: null, procedureText: null, occurredAt: '2019-02-03T10:00:00.000Z', source: 'STATUS_HISTORY',
          summary: 'Status 3.1', actor: null, order: { id: 'ord-416' },
        },
        {
          id: '8', orderId: 'ord-416', upstreamOrderId: '416', statusId: 5, createdAt: '2019-02-01T11:19:47.000Z',
          userId: 6, procedureText: 'Esse voluptates consequatur.', occurredAt: '2019-02-01T11:19:47.000Z',
          source: 'STATUS_HISTORY', summary: 'Status 5 (by user 6): Esse voluptates consequatur.',
          actor: { kind: 'USER', id: '6', name: null }, order: { id: 'ord-416' },
        },
      ],
    });
  });

  it('is a HistoryEvent', async () => {
    const result = await data(`{ order(id: "ord-416") { statusHistory(first: 1) { nodes { __typename ... on HistoryEvent { id } } } } }`);
    expect(result.order.statusHistory.nodes).toEqual([{ __typename: 'StatusHistoryEntry', id: '9' }]);
  });
});

describe('statusHistory (top level)', () => {
  const ids = async (filter: Record<string, unknown> | null, key = a.viewer) => {
    const result = await data(`query($f: StatusHistoryFilter) { statusHistory(filter: $f) { totalCount nodes { id } } }`, { f: filter }, key);
    return { total: result.statusHistory.totalCount, ids: result.statusHistory.nodes.map((n: { id: string }) => n.id) };
  };

  it("lists the merchant's entries newest first", async () => {
    expect(await ids(null)).toEqual({ total: 5, ids: ['743', '483', '9', '440', '8'] });
  });

  it('filters by order (canonical or upstream id), status, user and creation time', async () => {
    expect(await ids({ orderId: 'ord-416' })).toEqual({ total: 2, ids: ['9', '8'] });
    expect(await ids({ orderId: '938' })).toEqual({ total: 1, ids: ['743'] });
    expect(await ids({ statusId: 9 })).toEqual({ total: 2, ids: ['483', '440'] });
    expect(await ids({ statusId: 3.1 })).toEqual({ total: 1, ids: ['9'] });
    expect(await ids({ userId: 7 })).toEqual({ total: 1, ids: ['483'] });
    expect(await ids({ createdAt: { from: '2019-02-01T16:22:20Z', to: '2019-02-06T07:37:54Z' } })).toEqual({ total: 3, ids: ['483', '9', '440'] });
    expect(await ids({ createdAt: { from: '2019-02-07T00:00:00Z' } })).toEqual({ total: 1, ids: ['743'] });
    expect(await ids({ orderId: 'ord-416', userId: 6 })).toEqual({ total: 1, ids: ['8'] });
  });

  it('refuses an impossible date range', async () => {
    const response = await app.gql(`{ statusHistory(filter: { createdAt: { from: "2019-03-01T00:00:00Z", to: "2019-02-01T00:00:00Z" } }) { totalCount } }`, {}, a.viewer);
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors[0].message).toContain('filter.createdAt');
  });

  it("shows another merchant none of the first one's entries", async () => {
    expect(await ids(null, b.viewer)).toEqual({ total: 1, ids: ['1'] });
    expect(await ids({ orderId: 'ord-416' }, b.viewer)).toEqual({ total: 0, ids: [] });
    const result = await data(`{ order(id: "ord-416") { id } }`, {}, b.viewer);
    expect(result.order).toBeNull();
  });
});

describe('statusHistoryPage', () => {
  it('answers with the page facts upstream gives', async () => {
    const result = await data(`{ statusHistoryPage(filter: { statusId: 9 }) {
      items { id orderId statusId userId procedureText }
      pageInfo { page perPage totalCount totalPages isLastPage firstOnPage lastOnPage } } }`);
    expect(result.statusHistoryPage).toEqual({
      items: [
        { id: '483', orderId: '150', statusId: 9, userId: 7, procedureText: 'Nisi aut et esse.' },
        { id: '440', orderId: '713', statusId: 9, userId: 8, procedureText: 'Nihil repellat autem qui rerum tempore.' },
      ],
      pageInfo: { page: 1, perPage: 25, totalCount: 2, totalPages: 1, isLastPage: true, firstOnPage: 1, lastOnPage: 2 },
    });
  });

  it('pages with itemsPerPage', async () => {
    const result = await data(`{ statusHistoryPage(page: 2, itemsPerPage: 2) { items { id } pageInfo { totalPages isLastPage firstOnPage lastOnPage } } }`);
    expect(result.statusHistoryPage).toEqual({
      items: [{ id: '9' }, { id: '440' }],
      pageInfo: { totalPages: 3, isLastPage: false, firstOnPage: 3, lastOnPage: 4 },
    });
  });
});
