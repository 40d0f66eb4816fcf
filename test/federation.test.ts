/**
 * The service as an Apollo Federation v2 subgraph: `_service { sdl }` and `_entities`, sent the way
 * a gateway sends them, over the demo data set (merchants demo-a and demo-b, 100 orders each).
 */
import { Kind, parse, type ObjectTypeDefinitionNode, type SchemaExtensionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '../src/auth/demo-keys.js';
import { seedDemo } from '../src/demo/seed.js';
import { openTestApp, type TestApp } from './support/app.js';

const ORDERS_PER_MERCHANT = 100;
const keyOf = (merchantId: string) => DEMO_KEYS.find((k) => k.merchantId === merchantId && k.role === 'viewer')!.key;
const KEY_A = keyOf('demo-a');
const KEY_B = keyOf('demo-b');

/** The query a gateway sends for entities, here asking for each order's id. */
const ENTITIES = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) { __typename ... on Order { id orderNumber } }
}`;
const ENTITIES_WITH_TIMELINE = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Order { id timeline(first: 5) { nodes { summary } } } }
}`;

/** One select of the orders and one timeline statement for every order of the batch (the key is known). */
const TIMELINE_BATCH_STATEMENTS = 2;

let app: TestApp;
let idsA: string[];
let idsB: string[];
const orderRep = (id: string) => ({ __typename: 'Order', id });

async function orderIds(key: string): Promise<string[]> {
  const response = await app.gql(`{ orders(first: 100) { nodes { id } } }`, {}, key);
  return response.body.data.orders.nodes.map((node: { id: string }) => node.id);
}

beforeAll(async () => {
  app = await openTestApp();
  await seedDemo(app.database, ORDERS_PER_MERCHANT);
  idsA = await orderIds(KEY_A);
  idsB = await orderIds(KEY_B);
});
afterAll(() => app?.close());

describe('_service { sdl }', () => {
  it('is Federation v2 SDL with Order keyed by id and the shared value types @shareable', async () => {
    const response = await app.gql('{ _service { sdl } }', {}, KEY_A);
    expect(response.status).toBe(200);
    const sdl: string = response.body.data._service.sdl;
    const document = parse(sdl);

    const link = document.definitions
      .filter((d): d is SchemaExtensionNode => d.kind === Kind.SCHEMA_EXTENSION)
      .flatMap((d) => d.directives ?? [])
      .find((d) => d.name.value === 'link');
    const url = link?.arguments?.find((a) => a.name.value === 'url')?.value;
    expect(url?.kind === Kind.STRING && url.value).toMatch(/^https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+$/);

    const types = new Map(
      document.definitions
        .filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION)
        .map((d) => [d.name.value, d]),
    );
    const directives = (name: string) =>
      (types.get(name)?.directives ?? []).map((d) => ({
        name: d.name.value,
        args: Object.fromEntries((d.arguments ?? []).map((a) => [a.name.value, a.value.kind === Kind.STRING ? a.value.value : null])),
      }));
    expect(directives('Order')).toEqual([{ name: 'key', args: { fields: 'id' } }]);
    for (const shared of ['PageInfo', 'Money', 'OffsetPageInfo']) {
      expect(directives(shared), shared).toEqual([{ name: 'shareable', args: {} }]);
    }
    // The federation plumbing is not part of the printed SDL.
    expect(sdl).not.toMatch(/_entities|_service|_Any|_Entity/);
  });

  it('needs a key like every other field', async () => {
    const response = await app.gql('{ _service { sdl } }', {}, null);
    expect(response.status).toBe(401);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);
  });
});

describe('_entities', () => {
  it('needs a key', async () => {
    const response = await app.gql(ENTITIES, { representations: [orderRep(idsA[0]!)] }, null);
    expect(response.status).toBe(401);
    expect(response.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('resolves 100 representations with one orders statement, in the order given', async () => {
    const ids = [...idsA].reverse();
    expect(ids).toHaveLength(100);
    let response!: Awaited<ReturnType<TestApp['gql']>>;
    const statements = await app.statementsDuring(async () => {
      response = await app.gql(ENTITIES, { representations: ids.map(orderRep) }, KEY_A);
    });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data._entities.map((order: { id: string }) => order.id)).toEqual(ids);
    expect(response.body.data._entities.every((order: { __typename: string }) => order.__typename === 'Order')).toBe(true);
    // One select of all 100 orders (the key was looked up by an earlier request).
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^\/\* orders.byId \*\//);
  });

  it('is null for an id that does not exist and for another merchant\'s order', async () => {
    const representations = [idsA[0]!, 'no-such-order', idsB[0]!, idsA[1]!, idsA[0]!].map(orderRep);
    const response = await app.gql(ENTITIES, { representations }, KEY_A);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data._entities.map((order: { id: string } | null) => order?.id ?? null)).toEqual([
      idsA[0], null, null, idsA[1], idsA[0],
    ]);
    const asB = await app.gql(ENTITIES, { representations: [orderRep(idsA[0]!), orderRep(idsB[0]!)] }, KEY_B);
    expect(asB.body.data._entities).toEqual([null, expect.objectContaining({ id: idsB[0] })]);
  });

  it('resolves timelines for a batch with a fixed number of statements, whatever its size', async () => {
    const measure = async (ids: string[]) => {
      let body: { data?: { _entities: { timeline: { nodes: unknown[] } }[] }; errors?: unknown };
      const statements = await app.statementsDuring(async () => {
        body = (await app.gql(ENTITIES_WITH_TIMELINE, { representations: ids.map(orderRep) }, KEY_A)).body;
      });
      expect(body!.errors).toBeUndefined();
      expect(body!.data!._entities).toHaveLength(ids.length);
      expect(body!.data!._entities.some((order) => order.timeline.nodes.length > 0)).toBe(true);
      return statements.length;
    };
    const ten = await measure(idsA.slice(0, 10));
    const hundred = await measure(idsA);
    expect(hundred).toBe(ten);
    expect(hundred).toBe(TIMELINE_BATCH_STATEMENTS);
  });
});

describe('malformed representations', () => {
  const cases: [string, unknown, RegExp][] = [
    ['no __typename', { id: 'x' }, /representations\[1\] has no "__typename"; add one of "Order"/],
    ['an unknown __typename', { __typename: 'Nope', id: 'x' }, /"__typename": "Nope", which is not an entity of this subgraph; use one of "Order"/],
    ['a type that is not an entity', { __typename: 'Money', id: 'x' }, /"Money", which is not an entity/],
    ['a non-string __typename', { __typename: 7, id: 'x' }, /has "__typename" as a number; send one of "Order" as a string/],
    ['no id', { __typename: 'Order' }, /representations\[1\] \(Order\) has no "id"; add the order's id as a string/],
    ['a null id', { __typename: 'Order', id: null }, /has no "id"/],
    ['a numeric id', { __typename: 'Order', id: 42 }, /has "id" as a number; send it as a string/],
    ['an object id', { __typename: 'Order', id: { $in: ['x'] } }, /has "id" as an object; send it as a string/],
    ['a string', 'Order:1', /representations\[1\] is a string; send an object such as \{"__typename": "Order", "id": "<order id>"\}/],
    ['a number', 42, /representations\[1\] is a number; send an object/],
    ['a list', [orderRep('x')], /representations\[1\] is a list; send an object/],
  ];

  it.each(cases)('refuses %s with BAD_USER_INPUT before resolving anything', async (_name, bad, message) => {
    let response!: Awaited<ReturnType<TestApp['gql']>>;
    const statements = await app.statementsDuring(async () => {
      response = await app.gql(ENTITIES, { representations: [orderRep(idsA[0]!), bad] }, KEY_A);
    });
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors[0].message).toMatch(message);
    expect(response.body.data).toBeNull();
    expect(statements).toHaveLength(0); // no order was read (and the key was looked up before)
  });

  it('refuses a malformed representation written inline in the document', async () => {
    const response = await app.gql('{ _entities(representations: [{ id: "x" }]) { __typename } }', {}, KEY_A);
    expect(response.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/representations\[0\] has no "__typename"/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses a null representation as a bad variable', async () => {
    const response = await app.gql(ENTITIES, { representations: [null] }, KEY_A);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors[0].message).toMatch(/\$representations/);
  });
});
