/**
 * Through a real gateway: this service and a second subgraph on loopback ports, `@apollo/gateway`
 * over the supergraph composed from both `_service { sdl }` (fetched with a key: this service
 * refuses `_service` without one), behind `@apollo/server`, forwarding `Authorization`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '../src/auth/demo-keys.js';
import { seedDemo } from '../src/demo/seed.js';
import { openTestApp, type TestApp } from './support/app.js';
import { listenOnLoopback, type LoopbackServer } from './support/http-server.js';
import {
  composeSupergraph, fetchSubgraphSdl, riskScoreOf, startGateway, startSecondSubgraph,
  type RunningGateway, type SecondSubgraph,
} from './support/second-subgraph.js';

const keyOf = (merchantId: string) => DEMO_KEYS.find((k) => k.merchantId === merchantId && k.role === 'viewer')!.key;
const KEY_A = keyOf('demo-a');
const KEY_B = keyOf('demo-b');

const ORDER_WITH_RISK = `query OrderWithRisk($id: ID!) {
  order(id: $id) {
    id
    orderNumber
    riskScore
    timeline(first: 5) { totalCount nodes { __typename occurredAt summary } }
  }
}`;

let app: TestApp;
let orders: LoopbackServer;
let risk: SecondSubgraph;
let gateway: RunningGateway;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function post(url: string, query: string, variables: Record<string, unknown>, key: string | null): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: await response.json() };
}
const viaGateway = (query: string, variables: Record<string, unknown>, key: string | null) => post(gateway.url, query, variables, key);
const direct = (query: string, variables: Record<string, unknown>, key: string | null) => post(orders.url, query, variables, key);

async function orderIdsDirect(key: string): Promise<string[]> {
  const { body } = await direct('{ orders(first: 100) { nodes { id } } }', {}, key);
  return body.data.orders.nodes.map((node: { id: string }) => node.id).sort();
}

beforeAll(async () => {
  app = await openTestApp();
  await seedDemo(app.database, 30);
  orders = await listenOnLoopback(app.yoga);
  risk = await startSecondSubgraph();
  const supergraphSdl = composeSupergraph([
    { name: 'orders', url: orders.url, sdl: await fetchSubgraphSdl(orders.url, KEY_A) },
    { name: 'risk', url: risk.url, sdl: await fetchSubgraphSdl(risk.url) },
  ]);
  gateway = await startGateway(supergraphSdl);
});
afterAll(async () => {
  await gateway?.stop();
  await risk?.close();
  await orders?.close();
  await app?.close();
});

describe('through @apollo/gateway', () => {
  it("resolves a list the other subgraph names with one _entities batch: one orders statement, one timeline statement", async () => {
    const ids = await orderIdsDirect(KEY_A);
    const query = 'query($ids: [ID!]!) { flaggedOrders(ids: $ids) { id riskScore orderNumber timeline(first: 3) { totalCount nodes { summary } } } }';
    let response!: Awaited<ReturnType<typeof viaGateway>>;
    const statements = await app.statementsDuring(async () => {
      response = await viaGateway(query, { ids }, KEY_A);
    });
    expect(response.body.errors).toBeUndefined();
    const flagged = response.body.data.flaggedOrders;
    expect(flagged.map((o: { id: string }) => o.id)).toEqual(ids);
    expect(flagged.every((o: { orderNumber: string; timeline: { nodes: unknown[] } }) => o.orderNumber && o.timeline.nodes.length > 0)).toBe(true);
    // The orders of the batch and their timelines (the key was looked up by an earlier request).
    expect(statements.map((s) => /^\/\* (\S+) \*\//.exec(s)?.[1])).toEqual(['orders.byId', 'Order.timeline']);
  });

  it('answers one query from both subgraphs, forwarding the key to each', async () => {
    const [id] = await orderIdsDirect(KEY_A);
    const expected = await direct(
      `query($id: ID!) { order(id: $id) { id orderNumber timeline(first: 5) { totalCount nodes { __typename occurredAt summary } } } }`,
      { id },
      KEY_A,
    );
    expect(expected.body.data.order.timeline.nodes.length).toBeGreaterThan(0);

    const seenBefore = risk.authorizations.length;
    const { status, body } = await viaGateway(ORDER_WITH_RISK, { id }, KEY_A);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ order: { ...expected.body.data.order, riskScore: riskScoreOf(id!) } });
    expect(risk.authorizations.slice(seenBefore)).toEqual([`Bearer ${KEY_A}`]);
  });

  it('keeps merchants apart: another merchant\'s order is null and lists hold only the key\'s orders', async () => {
    const idsA = await orderIdsDirect(KEY_A);
    const idsB = await orderIdsDirect(KEY_B);
    expect(idsA.filter((id) => idsB.includes(id))).toEqual([]);

    const foreign = await viaGateway(ORDER_WITH_RISK, { id: idsA[0] }, KEY_B);
    expect(foreign.body).toEqual({ data: { order: null } });

    const list = await viaGateway('{ orders(first: 100) { totalCount nodes { id riskScore } } }', {}, KEY_B);
    expect(list.body.errors).toBeUndefined();
    expect(list.body.data.orders.totalCount).toBe(idsB.length);
    const nodes: { id: string; riskScore: number }[] = list.body.data.orders.nodes;
    expect(nodes.map((node) => node.id).sort()).toEqual(idsB);
    expect(nodes.every((node) => node.riskScore === riskScoreOf(node.id))).toBe(true);
  });

  it('refuses a request without a key', async () => {
    const [id] = await orderIdsDirect(KEY_A);
    const { body } = await viaGateway(ORDER_WITH_RISK, { id }, null);
    expect(body.data?.order ?? null).toBeNull();
    expect(body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
    expect(JSON.stringify(body)).not.toContain(id);
  });

});
