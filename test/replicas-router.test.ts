/**
 * Two gateway processes on one PostgreSQL behind a real federation router (`@apollo/gateway`,
 * sending each subgraph request to the next replica in turn): the same answers as one process,
 * cursors from one replica accepted by the other (the secret lives in the database), one budget
 * per key spent across both, and requests still answered once a replica is stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.js';
import { templateCopy, type TestDatabase } from './support/database.js';
import { composeSupergraph, fetchSubgraphSdl, startGateway, type RunningGateway } from './support/second-subgraph.js';
import { startServer, type ServerProcess } from './support/server-process.js';

const onPostgres = Boolean(process.env.DATABASE_URL);
const KEY = 'demo-a-viewer-key';
const PAGE = `query Page($after: String) {
  orders(first: 3, after: $after) {
    edges { cursor node { id orderNumber timeline(first: 3) { totalCount nodes { __typename summary } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

let target: TestDatabase;
let replicas: ServerProcess[] = [];
let router: RunningGateway;

/** What the budget test spends, with a key of its own so the other tests keep theirs. */
const BUDGET_KEY = 'demo-b-viewer-key';
const EXPENSIVE = '{ orders(first: 100) { nodes { id timeline(first: 100) { nodes { summary } } } } }';
const BUDGET = { RATE_LIMIT_POINTS: '20000', RATE_LIMIT_WINDOW: '1h' };

async function post(url: string, variables: Record<string, unknown> = {}, { key = KEY, query = PAGE } = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe.skipIf(!onPostgres)('two replicas behind a federation router (PostgreSQL)', () => {
  beforeAll(async () => {
    target = await templateCopy();
    const database = await target.open();
    await seedDemo(database, 8);
    await database.close();
    replicas = await Promise.all([startServer({ ...target.env, ...BUDGET }), startServer({ ...target.env, ...BUDGET })]);
    const [a, b] = replicas.map((replica) => `${replica.base}/graphql`) as [string, string];
    const sdl = await fetchSubgraphSdl(a, KEY);
    router = await startGateway(composeSupergraph([{ name: 'orders', url: a, sdl }]), { [a]: [a, b] });
  }, 120_000);
  afterAll(async () => {
    await router?.stop();
    await Promise.all(replicas.map((replica) => replica.stop()));
    await target?.drop();
  });

  it('answers as one replica does, whichever replica serves, and takes one replica\'s cursor on the other', async () => {
    const direct = await post(`${replicas[0]!.base}/graphql`);
    expect(direct.body.errors).toBeUndefined();
    const served = () => replicas.map((replica) => replica.stderr().split('"operation":"Page__').length);
    const before = served();
    for (let i = 0; i < 4; i++) expect((await post(router.url)).body.data).toEqual(direct.body.data);
    // Each replica served some of them (the request log names the router's operation, Page__…).
    served().forEach((count, i) => expect(count).toBeGreaterThan(before[i]!));
    const after = direct.body.data.orders.pageInfo.endCursor;
    const secondPage = await post(`${replicas[1]!.base}/graphql`, { after });
    expect(secondPage.body.errors).toBeUndefined();
    for (let i = 0; i < 2; i++) expect((await post(router.url, { after })).body.data).toEqual(secondPage.body.data);
  });

  it('spends one budget per key on both replicas: spent on one, refused by the other and through the router', async () => {
    const spend = (url: string) => post(url, {}, { key: BUDGET_KEY, query: EXPENSIVE });
    let refused = false;
    for (let i = 0; i < 50 && !refused; i++) refused = (await spend(`${replicas[0]!.base}/graphql`)).status === 429;
    expect(refused).toBe(true);
    // The other replica learns the spending from the database within a second or so.
    let other = await spend(`${replicas[1]!.base}/graphql`);
    for (let i = 0; i < 100 && other.status !== 429; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      other = await spend(`${replicas[1]!.base}/graphql`);
    }
    expect(other.status).toBe(429);
    expect(other.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    const routed = await spend(router.url);
    expect(routed.body.data?.orders ?? null).toBeNull();
    expect(JSON.stringify(routed.body.errors)).toMatch(/429|RATE_LIMITED|budget/i);
    // The other key's budget is its own.
    expect((await post(router.url)).body.errors).toBeUndefined();
  });

  it('still answers once a replica is stopped', async () => {
    const before = await post(router.url);
    expect(await replicas[1]!.stop()).toBe(0);
    for (let i = 0; i < 4; i++) {
      const answer = await post(router.url);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(before.body);
      expect(answer.body.data.orders.edges).toHaveLength(3);
    }
  });
});
