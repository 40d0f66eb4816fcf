/**
 * Documents and inputs built to hurt, each refused before it runs with a code a client can
 * branch on (CONTRACT §8): fan-out fragments, oversized `_entities` batches, variable defaults,
 * aliases, tokens, directives, introspection, impossible dates, huge lists, deep nesting, forged
 * cursors. The server answers each quickly and stays healthy.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.js';
import { openTestApp, type TestApp } from './support/app.js';
import { captureLogger } from './support/log.js';
import { listenOnLoopback, type LoopbackServer } from './support/http-server.js';

let app: TestApp;
let server: LoopbackServer;
const KEY_A = 'demo-a-viewer-key';
const KEY_B = 'demo-b-viewer-key';

beforeAll(async () => {
  app = await openTestApp();
  await seedDemo(app.database, 12);
  server = await listenOnLoopback(app.yoga);
});
afterAll(async () => {
  await server.close();
  await app.close();
});

const post = (body: unknown, key: string | null = KEY_A) =>
  fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function answer(query: string, variables: Record<string, unknown> = {}, key: string | null = KEY_A) {
  const response = await post({ query, variables }, key);
  return { status: response.status, body: (await response.json()) as any };
}

async function refused(query: string, code: string, message: RegExp, variables: Record<string, unknown> = {}) {
  const { body } = await answer(query, variables);
  expect(body.data ?? null, JSON.stringify(body)).toBeNull();
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0].extensions.code).toBe(code);
  expect(body.errors[0].message).toMatch(message);
  return body;
}

/** `query { ...F0 } fragment F0 on Query { ...F1 ...F1 } … fragment F<n> on Query { viewer { merchantId } }` */
function fanOut(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
  return `query { ...F0 } ${fragments.join(' ')} fragment F${levels} on Query { viewer { merchantId } }`;
}

describe('the cost of a document', () => {
  it('is computed once per fragment: 40 levels of doubling fragments are priced exactly and refused', async () => {
    const body = await refused(fanOut(40), 'QUERY_TOO_COMPLEX', /Query cost \d+ exceeds the limit of 50000/);
    expect(body.extensions.cost.requested).toBe(2 ** 40); // each of the 2^40 viewer objects
    expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
  });

  it('multiplies what _entities selects by its representations', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id timeline(first: 5) { nodes { id } } } } }';
    const cost = async (n: number) =>
      (await answer(query, { r: Array.from({ length: n }, (_, i) => ({ __typename: 'Order', id: `x${i}` })) })).body.extensions.cost.requested;
    const [one, sixty, thousand] = [await cost(1), await cost(60), await cost(1000)];
    // Per representation: the order, its timeline, five nodes; plus two statements (orders, timelines).
    expect([one, sixty, thousand]).toEqual([1 + 7 + 20, 1 + 60 * 7 + 20, 1 + 1000 * 7 + 20]);
  });

  it('refuses an _entities batch over MAX_ENTITIES before reading anything, however many ids', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id } } }';
    const batch = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'Order', id: `missing-${i}` }));
    const statements = await app.statementsDuring(() => refused(query, 'QUERY_TOO_COMPLEX', /got 1001 representations.*MAX_ENTITIES/, { r: batch(1001) }));
    expect(statements).toEqual([]);
    // 70,000 ids are 2.5 MB: over MAX_BODY_BYTES, refused before the body is even parsed…
    const response = await post({ query, variables: { r: batch(70_000) } });
    expect(response.status).toBe(413);
    expect(((await response.json()) as any).errors[0].message).toMatch(/too large/i);
    // …and with a larger body allowed, by MAX_ENTITIES still.
    const roomy = await openTestApp({ maxBodyBytes: 10_000_000 });
    try {
      await seedDemo(roomy.database, 1);
      const answer = await roomy.gql(query, { r: batch(70_000) }, KEY_A);
      expect(answer.body.errors[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX' } });
    } finally {
      await roomy.close();
    }
  });

  it('prices variables with their defaults', async () => {
    const query = (declared: string) => `query(${declared}) { orders(first: $f) { nodes { timeline(first: $f) { nodes { id } } } } }`;
    const defaulted = await answer(query('$f: Int = 100'));
    const given = await answer(query('$f: Int'), { f: 100 });
    // 1 + 100 × (order 1 + timeline 1 + 100 nodes) + two statements.
    expect(defaulted.body.extensions.cost.requested).toBe(1 + 100 * (2 + 100) + 20);
    expect(defaulted.body.extensions.cost.requested).toBe(given.body.extensions.cost.requested);
  });

  it('counts a statement for work that returns nothing, and introspection for what it describes', async () => {
    const empty = await answer('{ orders(first: 0, filter: { query: "x" }) { totalCount } }');
    expect(empty.body.extensions.cost.requested).toBe(1 + 10);
    const schema = await answer('{ __schema { types { name } } }');
    expect(schema.body.errors).toBeUndefined();
    expect(schema.body.extensions.cost.requested).toBeGreaterThan(2_000);
    const aliases = Array.from({ length: 25 }, (_, i) => `s${i}: __schema { types { fields { name } } }`).join(' ');
    await refused(`{ ${aliases} }`, 'QUERY_TOO_COMPLEX', /Query cost \d+ exceeds the limit/);
  });
});

describe('the size of a document', () => {
  it('refuses more aliases than MAX_ALIASES before any statement', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: orders(first: 0, filter: { query: "x${i}" }) { totalCount }`).join(' ');
    const statements = await app.statementsDuring(() => refused(`{ ${aliases} }`, 'QUERY_TOO_COMPLEX', /Aliases limit of 30 exceeded, found 31\..*MAX_ALIASES/));
    expect(statements).toEqual([]);
  });

  it('refuses more tokens than MAX_TOKENS while parsing: a selection nested 5,000 deep never reaches the parser stack', async () => {
    const deep = `${'{ viewer '.repeat(5_000)}{ role }${' }'.repeat(5_000)}`;
    // A request error: 400 where the client speaks GraphQL over HTTP's own media type.
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${KEY_A}` },
      body: JSON.stringify({ query: deep }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as any;
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX' } });
    expect(body.errors[0].message).toMatch(/Token limit of 2000 exceeded.*MAX_TOKENS/);
  });

  it('refuses more directives than MAX_DIRECTIVES', async () => {
    const fields = Array.from({ length: 21 }, (_, i) => `v${i}: viewer @include(if: true) { role }`).join(' ');
    await refused(`{ ${fields} }`, 'QUERY_TOO_COMPLEX', /Directives limit of 20 exceeded.*MAX_DIRECTIVES/);
  });

  it('refuses a body over MAX_BODY_BYTES with 413 before parsing it (200,000 __typename aliases)', async () => {
    const aliases = Array.from({ length: 200_000 }, (_, i) => `t${i}: __typename`).join(' ');
    const response = await post({ query: `{ ${aliases} }` });
    expect(response.status).toBe(413);
  });
});

describe('client input', () => {
  const year0 = '0000-01-01T00:00:00Z';
  it.each([
    ['a year-0000 DateTime in a filter', `{ orders(filter: { createdAt: { from: "${year0}" } }) { totalCount } }`, {}],
    ['a year-0000 DateTime in a variable', 'query($d: DateTime) { orders(filter: { createdAt: { from: $d } }) { totalCount } }', { d: year0 }],
    ['a year-0000 since', `{ orders(first: 1) { nodes { timeline(since: "${year0}") { totalCount } } } }`, {}],
    ['70,000 action-log keys', 'query($k: [String!]) { orders(first: 1) { nodes { actionLogs(keys: $k) { totalCount } } } }', { k: Array(70_000).fill('order_edit') }],
    ['70,000 change fields', 'query($f: [String!]) { historyChanges(filter: { fields: $f }) { totalCount } }', { f: Array(70_000).fill('status') }],
    ['70,000 statuses', 'query($s: [OrderStatus!]) { orders(filter: { statuses: $s }) { totalCount } }', { s: Array(70_000).fill('PENDING') }],
  ])('%s is BAD_USER_INPUT', async (_case, query, variables) => {
    const { status, body } = await answer(query, variables);
    expect(status).toBeLessThan(500);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).not.toBe('Unexpected error.');
  });

  it('refuses a representation of 9,000 nested arrays', async () => {
    // Written by hand: JSON.stringify itself cannot nest that deep.
    const nested = `${'['.repeat(9_000)}${']'.repeat(9_000)}`;
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
    const response = await post(`{"query": ${JSON.stringify(query)}, "variables": {"r": [{"__typename": "Order", "id": ${nested}}]}}`);
    expect(response.status).toBeLessThan(500);
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/nested deeper than 16 levels/);
  });

  it('refuses a cursor of valid shape holding an impossible date', async () => {
    const forged = `${Buffer.from(JSON.stringify(['2025-02-30 00:00:00+00', 'x'])).toString('base64url')}.${Buffer.alloc(16).toString('base64url')}`;
    await refused(`{ orders(after: "${forged}") { totalCount } }`, 'BAD_USER_INPUT', /`after`/);
  });
});

describe('cursors', () => {
  const endCursor = async (query: string, pick: (data: any) => string, key = KEY_A) => pick((await answer(query, {}, key)).body.data);

  it("refuse another merchant's cursor of the same list", async () => {
    const cursor = await endCursor('{ orders(first: 2) { pageInfo { endCursor } } }', (d) => d.orders.pageInfo.endCursor);
    const { body } = await answer(`{ orders(first: 2, after: "${cursor}") { totalCount } }`, {}, KEY_B);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/merchant/);
  });

  it("refuse a timeline cursor on another order's timeline", async () => {
    const ids = (await answer('{ orders(first: 2) { nodes { id } } }')).body.data.orders.nodes.map((n: { id: string }) => n.id);
    const cursor = await endCursor(`{ order(id: "${ids[0]}") { timeline(first: 1) { pageInfo { endCursor } } } }`, (d) => d.order.timeline.pageInfo.endCursor);
    expect((await answer(`{ order(id: "${ids[0]}") { timeline(first: 1, after: "${cursor}") { totalCount } } }`)).body.errors).toBeUndefined();
    const other = await answer(`{ order(id: "${ids[1]}") { timeline(first: 1, after: "${cursor}") { totalCount } } }`);
    expect(other.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuse a cursor altered in any byte', async () => {
    const cursor = await endCursor('{ orders(first: 2) { pageInfo { endCursor } } }', (d) => d.orders.pageInfo.endCursor);
    for (const at of [0, Math.floor(cursor.length / 2), cursor.length - 1]) {
      const altered = cursor.slice(0, at) + (cursor[at] === 'A' ? 'B' : 'A') + cursor.slice(at + 1);
      const { body } = await answer(`{ orders(first: 2, after: "${altered}") { totalCount } }`);
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('a failing request', () => {
  it('logs once, bounded in size, however many of its fields fail', async () => {
    const log = captureLogger();
    const failing = await openTestApp({ logger: log.logger });
    try {
      await seedDemo(failing.database, 1);
      // A real failure of every order read: the column the statement names is gone.
      await failing.database.rows(sql`alter table orders rename column order_number to order_number_gone`);
      const representations = Array.from({ length: 500 }, (_, i) => ({ __typename: 'Order', id: `o${i}` }));
      const response = await failing.gql(
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id orderNumber } } }',
        { r: representations },
        KEY_A,
      );
      expect(response.body.errors.length).toBeGreaterThan(1);
      expect(response.body.errors.every((e: { message: string }) => e.message === 'Unexpected error.')).toBe(true);
      const entries = log.lines.filter((line) => line.msg === 'unexpected error');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ reqId: expect.any(String), count: response.body.errors.length });
      expect(JSON.stringify(entries[0]).length).toBeLessThan(4_000);
    } finally {
      await failing.close();
    }
  });
});

describe('the federation SDL', () => {
  it('follows INTROSPECTION unless FEDERATION_SDL says otherwise', async () => {
    for (const [options, served] of [
      [{ introspection: false, federationSdl: false }, false],
      [{ introspection: false, federationSdl: true }, true],
    ] as const) {
      const closed = await openTestApp(options);
      try {
        await closed.merchant('m');
        const response = await closed.gql('{ _service { sdl } }', {}, 'm-viewer');
        if (served) expect(response.body.data._service.sdl).toMatch(/type Order/);
        else expect(response.body.errors[0].message).toMatch(/FEDERATION_SDL=0/);
      } finally {
        await closed.close();
      }
    }
  });
});
