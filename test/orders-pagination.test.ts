/**
 * Keyset cursors and pages over orders: walks in both directions agree, ties on `created_at` are
 * broken by id, page facts are exact, and the SQL a page costs does not grow with its size.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.js';
import { normaliseOrdersBody } from '../src/ingest/orders.js';
import { writeOrders } from '../src/ingest/orders.js';
import { openTestApp, type TestApp } from './support/app.js';

let app: TestApp;
const key = 'demo-a-viewer-key';
const TIED = '2025-01-01T00:00:00.000Z';

beforeAll(async () => {
  app = await openTestApp();
  await seedDemo(app.database, 50);
  // Seven more orders created in the same millisecond: only the id can order them.
  const tied = Array.from({ length: 7 }, (_, i) => ({ id: `tie-${i}`, order_number: `T${i}`, status: 'pending', created_at: TIED }));
  await writeOrders(app.database.db, 'demo-a', normaliseOrdersBody({ items: tied }));
});
afterAll(() => app.close());

interface Page {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

async function ordersPage(args: string, variables: Record<string, unknown> = {}): Promise<Page> {
  const response = await app.gql(
    `query($after: String, $before: String, $filter: OrderFilter, $orderBy: OrderOrder) {
      orders(${args}, after: $after, before: $before, filter: $filter, orderBy: $orderBy) {
        edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }`,
    variables,
    key,
  );
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data.orders;
}

async function allIds(orderBy?: unknown): Promise<string[]> {
  const response = await app.gql(
    'query($orderBy: OrderOrder) { ordersPage(perPage: 100, orderBy: $orderBy) { items { id } } }',
    { orderBy },
    key,
  );
  return response.body.data.ordersPage.items.map((o: { id: string }) => o.id);
}

describe('cursor form', () => {
  it.each([undefined, { field: 'ORDER_NUMBER', direction: 'ASC' }, { field: 'UPDATED_AT', direction: 'DESC' }])(
    'walks forward and backward over the same items (orderBy %j)',
    async (orderBy) => {
      const everything = await allIds(orderBy);
      expect(everything).toHaveLength(57);

      const forward: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: Page = await ordersPage('first: 3', { after, orderBy });
        forward.push(...page.edges.map((e) => e.node.id));
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        expect(page.totalCount).toBe(57);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(forward).toEqual(everything);

      const backward: string[] = [];
      let before: string | null = null;
      for (;;) {
        const page: Page = await ordersPage('last: 4', { before, orderBy });
        backward.unshift(...page.edges.map((e) => e.node.id));
        expect(page.pageInfo.hasNextPage).toBe(before !== null);
        if (!page.pageInfo.hasPreviousPage) break;
        before = page.pageInfo.startCursor;
      }
      expect(backward).toEqual(everything);
    },
  );

  it('breaks ties on created_at by id, in the list direction', async () => {
    const ties = (await allIds()).filter((id) => id.startsWith('tie-'));
    expect(ties).toEqual(['tie-6', 'tie-5', 'tie-4', 'tie-3', 'tie-2', 'tie-1', 'tie-0']);
  });

  it('reads between two cursors', async () => {
    const everything = await allIds();
    const first = await ordersPage('first: 10');
    const between = await ordersPage('first: 20', { after: first.edges[2]!.cursor, before: first.edges[7]!.cursor });
    expect(between.edges.map((e) => e.node.id)).toEqual(everything.slice(3, 7));
    expect(between.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });

  it('answers first: 0 with no items and the right facts', async () => {
    const page = await ordersPage('first: 0');
    expect(page.edges).toEqual([]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null });
    expect(page.totalCount).toBe(57);
  });

  it('keeps a cursor stable when rows are added before it', async () => {
    const page = await ordersPage('first: 5');
    const next = await ordersPage('first: 5', { after: page.pageInfo.endCursor });
    await writeOrders(app.database.db, 'demo-a', normaliseOrdersBody({ items: [{ id: 'newest', order_number: 'N', status: 'pending', created_at: '2030-01-01T00:00:00Z' }] }));
    const again = await ordersPage('first: 5', { after: page.pageInfo.endCursor });
    expect(again.edges.map((e) => e.node.id)).toEqual(next.edges.map((e) => e.node.id));
    expect(again.totalCount).toBe(next.totalCount + 1);
    await app.database.rows(sql`delete from orders where id = 'newest'`);
  });

  it('refuses a cursor from another filter or ordering', async () => {
    const page = await ordersPage('first: 2', { filter: { status: 'COMPLETED' } });
    for (const variables of [{ filter: { status: 'PENDING' } }, {}, { orderBy: { field: 'CREATED_AT', direction: 'ASC' } }]) {
      const response = await app.gql(
        'query($after: String, $filter: OrderFilter, $orderBy: OrderOrder) { orders(first: 2, after: $after, filter: $filter, orderBy: $orderBy) { totalCount } }',
        { after: page.pageInfo.endCursor, ...variables },
        key,
      );
      expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(response.body.errors[0].message).toMatch(/belongs to another list, filter, order, parent or merchant/);
    }
  });
});

describe('page form', () => {
  it('gives exact page facts', async () => {
    const response = await app.gql(
      '{ p2: ordersPage(page: 2, perPage: 10) { items { id } pageInfo { page perPage totalCount totalPages isLastPage firstOnPage lastOnPage } } ' +
        'p6: ordersPage(page: 6, perPage: 10) { items { id } pageInfo { isLastPage firstOnPage lastOnPage } } ' +
        'p9: ordersPage(page: 9, perPage: 10) { items { id } pageInfo { isLastPage firstOnPage lastOnPage totalPages } } }',
      {},
      key,
    );
    const { p2, p6, p9 } = response.body.data;
    const everything = await allIds();
    expect(p2.items.map((o: { id: string }) => o.id)).toEqual(everything.slice(10, 20));
    expect(p2.pageInfo).toEqual({ page: 2, perPage: 10, totalCount: 57, totalPages: 6, isLastPage: false, firstOnPage: 11, lastOnPage: 20 });
    expect(p6.pageInfo).toEqual({ isLastPage: true, firstOnPage: 51, lastOnPage: 57 });
    expect(p9).toEqual({ items: [], pageInfo: { isLastPage: true, firstOnPage: null, lastOnPage: null, totalPages: 6 } });
  });

  it('describes an empty list', async () => {
    const response = await app.gql(
      '{ ordersPage(filter: { orderNumber: "none" }) { items { id } pageInfo { totalCount totalPages isLastPage firstOnPage lastOnPage } } }',
      {},
      key,
    );
    expect(response.body.data.ordersPage).toEqual({
      items: [],
      pageInfo: { totalCount: 0, totalPages: 0, isLastPage: true, firstOnPage: null, lastOnPage: null },
    });
  });
});

describe('SQL per request', () => {
  const listing = (n: number) =>
    `{ orders(first: ${n}) { nodes { id orderNumber customer { id name email phone } items { id sku quantity price { label } } } } }`;

  it('lists orders with customer and items in a fixed number of statements, whatever the page size', async () => {
    const counts: number[] = [];
    await app.gql('{ viewer { role } }', {}, key); // the key is then known: no lookup below
    for (const n of [1, 5, 50]) {
      const statements = await app.statementsDuring(async () => {
        const response = await app.gql(listing(n), {}, key);
        expect(response.body.data.orders.nodes.length).toBe(n);
      });
      counts.push(statements.length);
    }
    // The orders page and the items of every order on it.
    expect(counts).toEqual([2, 2, 2]);
  });
});
