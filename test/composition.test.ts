/**
 * The subgraph composes into a supergraph: its SDL as `_service { sdl }` serves it (not the printed
 * file), beside a second subgraph that extends `Order` and shares `PageInfo` and `Money`.
 */
import { composeServices } from '@apollo/composition';
import { isObjectType, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from './support/app.js';
import { SECOND_SUBGRAPH_SDL } from './support/second-subgraph.js';

let app: TestApp;
let sdl: string;

beforeAll(async () => {
  app = await openTestApp();
  const { viewer } = await app.merchant('composer');
  const response = await app.gql('{ _service { sdl } }', {}, viewer);
  expect(response.status).toBe(200);
  sdl = response.body.data._service.sdl;
});
afterAll(() => app?.close());

const compose = (...subgraphs: { name: string; sdl: string }[]) =>
  composeServices(
    subgraphs.map(({ name, sdl: typeDefs }) => ({ name, url: `http://${name}.invalid/graphql`, typeDefs: parse(typeDefs) })),
  );

/** A composition that must have no errors: its supergraph SDL and API schema (what clients see). */
function composed(result: ReturnType<typeof compose>) {
  expect(result.errors?.map((error) => error.message) ?? []).toEqual([]);
  if (result.errors) throw new Error('composition failed');
  return { supergraphSdl: result.supergraphSdl, api: result.schema.toAPISchema().toGraphQLJSSchema() };
}

describe('composition', () => {
  it('composes on its own with no errors', () => {
    const { api } = composed(compose({ name: 'orders', sdl }));
    expect(Object.keys(api.getQueryType()!.getFields())).toEqual(
      expect.arrayContaining(['order', 'orders', 'ordersPage', 'statusHistory', 'historyChanges', 'viewer']),
    );
  });

  it('composes beside a subgraph that extends Order and shares PageInfo and Money', () => {
    const { supergraphSdl, api } = composed(compose({ name: 'orders', sdl }, { name: 'risk', sdl: SECOND_SUBGRAPH_SDL }));
    const order = api.getType('Order');
    if (!isObjectType(order)) throw new Error('Order is not an object type in the supergraph');
    const fields = order.getFields();
    expect(String(fields.riskScore?.type)).toBe('Float!');
    expect(String(fields.timeline?.type)).toBe('HistoryEventConnection!');

    // Both subgraphs resolve the shared types; the supergraph records each type in both.
    for (const shared of ['PageInfo', 'Money']) {
      const joins = [...supergraphSdl.matchAll(new RegExp(`^type ${shared}\\n([^{]*)\\{`, 'gm'))][0]?.[1] ?? '';
      expect(joins, shared).toContain('@join__type(graph: ORDERS)');
      expect(joins, shared).toContain('@join__type(graph: RISK)');
    }
    // And Order is an entity of both, keyed by id.
    expect(supergraphSdl).toMatch(/type Order\n(\s+@join__type\(graph: (ORDERS|RISK), key: "id"\)\n){2}/);
  });

  it('refuses a second subgraph whose Money is not @shareable', () => {
    const unshared = SECOND_SUBGRAPH_SDL.replace('type Money @shareable', 'type Money');
    const result = compose({ name: 'orders', sdl }, { name: 'risk', sdl: unshared });
    expect(result.errors?.map((e) => e.extensions.code)).toContain('INVALID_FIELD_SHARING');
  });
});
