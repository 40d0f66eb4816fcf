/**
 * The demo data as a GraphiQL user meets it: seeded the way `npm start` seeds an empty database,
 * it shows every ActionLog member type, every HistoryValue member, deleted trace senders and split
 * orders through GraphQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_LOG_MEMBERS } from '../src/schema/action-log/members.js';
import { DEFAULT_DEMO_ORDERS, seedDemo } from '../src/demo/seed.js';
import { openTestApp, type TestApp } from './support/app.js';

let app: TestApp;
const key = 'demo-a-viewer-key';

beforeAll(async () => {
  app = await openTestApp();
  await seedDemo(app.database, DEFAULT_DEMO_ORDERS);
});
afterAll(() => app.close());

/** Every order of demo-a with `selection`, page by page. */
async function everyOrder<T>(selection: string): Promise<T[]> {
  const found: T[] = [];
  let after: string | null = null;
  for (;;) {
    const response = await app.gql(
      `query($after: String) { orders(first: 20, after: $after) { nodes { ${selection} } pageInfo { hasNextPage endCursor } } }`,
      { after },
      key,
    );
    expect(response.body.errors).toBeUndefined();
    found.push(...response.body.data.orders.nodes);
    if (!response.body.data.orders.pageInfo.hasNextPage) return found;
    after = response.body.data.orders.pageInfo.endCursor;
  }
}

describe('the demo data set', () => {
  it('shows every ActionLog member type, UnknownActionLog included', async () => {
    const orders = await everyOrder<{ actionLogs: { nodes: { __typename: string }[] } }>(
      'actionLogs(first: 100) { nodes { __typename } }',
    );
    const seen = new Set(orders.flatMap((o) => o.actionLogs.nodes.map((n) => n.__typename)));
    const all = [...Object.values(ACTION_LOG_MEMBERS).map((m) => m.type), 'UnknownActionLog'];
    expect([...seen].sort()).toEqual([...all].sort());
  });

  it('shows every HistoryValue member and every change source', async () => {
    const response = await app.gql(
      '{ historyChanges(first: 100) { totalCount nodes { changeSource oldValue { __typename } newValue { __typename } } } }',
      {},
      key,
    );
    const nodes: { changeSource: string; oldValue: { __typename: string } | null; newValue: { __typename: string } | null }[] =
      response.body.data.historyChanges.nodes;
    const values = new Set(nodes.flatMap((n) => [n.oldValue?.__typename, n.newValue?.__typename]));
    for (const member of ['HistoryStringValue', 'HistoryNumberValue', 'HistoryBooleanValue', 'HistoryDateTimeValue', 'HistoryDirectoryValue']) {
      expect(values).toContain(member);
    }
    expect(values).toContain(undefined); // an absent old or new value
    expect(new Set(nodes.map((n) => n.changeSource))).toEqual(new Set(['API', 'CODE', 'USER', 'RULE', 'COMBINE', 'SPLIT']));
  });

  it('shows traces of deleted senders and split orders linked both ways', async () => {
    const orders = await everyOrder<{
      id: string;
      childOrders: { id: string }[];
      traces: { nodes: { sender: { personId: number; firstName: string | null } | null }[] };
      actionLogs: { nodes: { __typename: string; linkedOrder?: { id: string } | null }[] };
    }>('id childOrders { id } traces(first: 50) { nodes { sender { personId firstName } } } actionLogs(first: 100, keys: ["order_split"]) { nodes { __typename ... on OrderSplitLog { linkedOrder { id } } } }');
    const senders = orders.flatMap((o) => o.traces.nodes.map((n) => n.sender));
    expect(senders.some((s) => s && s.personId && s.firstName === null)).toBe(true);
    const parent = orders.find((o) => o.childOrders.length > 0)!;
    expect(parent.actionLogs.nodes.map((n) => n.linkedOrder?.id)).toEqual(
      expect.arrayContaining([parent.childOrders[0]!.id]),
    );
  });
});
