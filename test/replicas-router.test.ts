/**
 * Two gateway processes on one PostgreSQL behind a real federation router (`@apollo/gateway`,
 * sending each subgraph request to the next replica in turn): the same answers as one process,
 * cursors from one replica accepted by the other (the secret lives in the database), and requests
 * still answered once a replica is stopped.
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

async function post(url: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ query: PAGE, variables }),
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
    replicas = await Promise.all([startServer(target.env), startServer(target.env)]);
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
