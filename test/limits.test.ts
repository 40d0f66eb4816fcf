/**
 * Depth and cost bounds, `extensions.cost`, introspection, and the argument ranges of §3.
 */
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.js';
import { openTestApp, type TestApp } from './support/app.js';

let app: TestApp;
const key = 'demo-a-viewer-key';

beforeAll(async () => {
  app = await openTestApp();
  await seedDemo(app.database, 8);
});
afterAll(() => app.close());

/** `depth` levels of parentOrder under `order`, ending in `id`. */
function nested(depth: number): string {
  let selection = 'id';
  for (let i = 0; i < depth - 2; i++) selection = `parentOrder { ${selection} }`;
  return `{ order(id: "x") { ${selection} } }`;
}

describe('query cost', () => {
  it('reports the computed cost on every response', async () => {
    const response = await app.gql('{ orders(first: 10) { nodes { id items { id } } } }', {}, key);
    // 1 connection + 10 × (order 1 + items 1), and 10 for each of the two statements (orders, items)
    expect(response.body.extensions.cost).toEqual({ requested: 21 + 2 * 10, limit: 50_000 });
  });

  it('multiplies by the page size, 20 when none is given, and by perPage defaults', async () => {
    const plain = await app.gql('{ orders { edges { node { id } } pageInfo { hasNextPage } } }', {}, key);
    expect(plain.body.extensions.cost.requested).toBe(1 + 20 * 2 + 1 + 10);
    const page = await app.gql('{ ordersPage { items { id } pageInfo { page } } }', {}, key);
    expect(page.body.extensions.cost.requested).toBe(1 + 24 + 1 + 10);
    const variables = await app.gql('query($n: Int) { orders(first: $n) { nodes { id } } }', { n: 7 }, key);
    expect(variables.body.extensions.cost.requested).toBe(8 + 10);
  });

  it('counts fragments and inline fragments', async () => {
    const response = await app.gql(
      'query { orders(first: 3) { ...F } } fragment F on OrderConnection { nodes { ... on Order { items { id } } } }',
      {},
      key,
    );
    expect(response.body.extensions.cost.requested).toBe(1 + 3 * 2 + 2 * 10);
  });

  it('lets 50 orders each with five lists of 20 run', async () => {
    const list = (field: string) => `${field}(first: 20) { edges { cursor node { __typename ... on HistoryEvent { id summary actor { kind } } } } }`;
    const lists = ['actionLogs', 'statusHistory', 'historyChanges', 'traces', 'timeline'].map(list).join(' ');
    const response = await app.gql(`{ orders(first: 50) { nodes { id ${lists} } } }`, {}, key);
    expect(response.body.errors).toBeUndefined();
    // 1 + 50 × (1 + 5 × (1 + 20 × (edge 1 + node 1 + actor 1))), and six statements (orders, five lists)
    expect(response.body.extensions.cost.requested).toBe(1 + 50 * (1 + 5 * (1 + 20 * 3)) + 6 * 10);
  });

  it('refuses four nested lists of 100', async () => {
    const response = await app.gql(
      '{ orders(first: 100) { nodes { actionLogs(first: 100) { nodes { ... on ActionLogEntry { order { timeline(first: 100) { nodes { order { traces(first: 100) { nodes { id } } } } } } } } } } } }',
      {},
      key,
    );
    expect(response.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(response.body.extensions.cost.requested).toBeGreaterThan(100_000_000);
  });

  it('refuses an operation over the cost bound before it runs', async () => {
    // 25 × (1 + 100 × 6 + 5 statements × 10) = 16,275, over a limit of 10,000.
    const strict = await openTestApp({ maxCost: 10_000 });
    await strict.merchant('m');
    const lists = Array.from({ length: 25 }, (_, i) => `l${i}: orders(first: 100) { edges { node { items { id } childOrders { id } parentOrder { id } sourceRefs { system } } } }`);
    const statements = await strict.statementsDuring(async () => {
      const response = await strict.gql(`{ ${lists.join(' ')} }`, {}, 'm-viewer');
      expect(response.body.data).toBeUndefined();
      expect(response.body.errors).toHaveLength(1);
      expect(response.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
      expect(response.body.errors[0].message).toBe('Query cost 16275 exceeds the limit of 10000; ask for fewer items (first/last/perPage) or nest fewer lists.');
      expect(response.body.extensions.cost).toEqual({ requested: 16_275, limit: 10_000 });
    });
    await strict.close();
    // Nothing ran: no statement beyond the key lookup.
    expect(statements.filter((s) => !s.includes('"api_keys"'))).toEqual([]);
  });

  it('honours a lower cost setting', async () => {
    const strict = await openTestApp({ maxCost: 10 });
    try {
      await strict.merchant('m');
      const response = await strict.gql('{ orders(first: 10) { nodes { id } } }', {}, 'm-viewer');
      expect(response.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: { requested: 11 + 10, limit: 10 } });
    } finally {
      await strict.close();
    }
  });
});

describe('query depth', () => {
  it('runs an operation at the depth limit', async () => {
    const response = await app.gql(nested(12), {}, key);
    expect(response.body.errors).toBeUndefined();
  });

  it('refuses one level deeper, naming its depth and the limit', async () => {
    const response = await app.gql(nested(13), {}, key);
    expect(response.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(response.body.errors[0].message).toBe('Query depth 13 exceeds the limit of 12; nest fewer levels.');
  });

  it("always runs GraphiQL's own introspection query", async () => {
    for (const options of [{}, { inputValueDeprecation: true, schemaDescription: true, specifiedByUrl: true, directiveIsRepeatable: true }]) {
      const response = await app.gql(getIntrospectionQuery(options), {}, key);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data.__schema.queryType.name).toBe('Query');
    }
  });

  it('refuses introspection nested deeper than that', async () => {
    let type = 'name';
    for (let i = 0; i < 16; i++) type = `ofType { ${type} }`;
    const response = await app.gql(`{ __schema { types { fields { type { ${type} } } } } }`, {}, key);
    expect(response.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('can switch introspection off', async () => {
    const closed = await openTestApp({ introspection: false });
    try {
      await closed.merchant('m');
      const response = await closed.gql('{ __schema { queryType { name } } }', {}, 'm-viewer');
      expect(response.body.errors[0].message).toMatch(/introspection/i);
      const data = await closed.gql('{ viewer { role } }', {}, 'm-viewer');
      expect(data.body.data.viewer.role).toBe('VIEWER');
    } finally {
      await closed.close();
    }
  });
});

describe('page sizes', () => {
  it.each([
    ['orders(first: 101)', 'first', /`first` must be from 0 to 100, got 101/],
    ['orders(first: -1)', 'first', /`first` must be from 0 to 100, got -1/],
    ['orders(last: 101)', 'last', /`last` must be from 0 to 100/],
    ['orders(first: 1, last: 1)', 'last', /not both/],
    ['ordersPage(page: 0)', 'page', /`page` must be 1 or more/],
    ['ordersPage(perPage: 0)', 'perPage', /`perPage` must be from 1 to 100, got 0/],
    ['ordersPage(perPage: 101)', 'perPage', /`perPage` must be from 1 to 100/],
    ['ordersPage(page: 101, perPage: 100)', 'page', /at most 10000.*use the cursor form `orders`/],
  ])('%s is refused naming %s', async (field, argument, message) => {
    const response = await app.gql(`{ ${field} { __typename } }`, {}, key);
    expect(response.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(response.body.errors[0].message).toMatch(message);
  });

  it('returns 20 items when neither first nor last is given', async () => {
    const response = await app.gql('{ orders { nodes { id } } }', {}, key);
    expect(response.body.data.orders.nodes).toHaveLength(8);
    const big = await openTestApp();
    try {
      await seedDemo(big.database, 25);
      const many = await big.gql('{ orders { nodes { id } pageInfo { hasNextPage } } }', {}, key);
      expect(many.body.data.orders.nodes).toHaveLength(20);
      expect(many.body.data.orders.pageInfo.hasNextPage).toBe(true);
    } finally {
      await big.close();
    }
  });

  it('allows the deepest page, 10,000 rows down', async () => {
    const response = await app.gql('{ ordersPage(page: 100, perPage: 100) { items { id } pageInfo { isLastPage } } }', {}, key);
    expect(response.body.data.ordersPage).toEqual({ items: [], pageInfo: { isLastPage: true } });
  });
});
