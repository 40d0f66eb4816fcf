/**
 * What the benchmark's scenarios cost in SQL, asserted as statements per request (a property of
 * the code, stable on any machine): S1, 50 orders with 20 of each of their four history lists; S2,
 * 50 orders with their timelines; S5, the trivial query. A list reads only the columns its
 * selection needs, never the stored upstream body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.js';
import { openTestApp, type TestApp } from './support/app.js';

let app: TestApp;
const KEY = 'demo-a-viewer-key';

const S1 = (orders: number) => `{ orders(first: ${orders}) { nodes { id orderNumber
  actionLogs(first: 20) { nodes { __typename ... on ActionLogEntry { key createdAt } } }
  statusHistory(first: 20) { nodes { statusId createdAt } }
  historyChanges(first: 20) { nodes { field createdAt } }
  traces(first: 20) { nodes { date message status } } } } }`;
const S2 = (orders: number) => `{ orders(first: ${orders}) { nodes { id timeline(first: 30) { nodes { __typename occurredAt source summary } } } } }`;
const S5 = '{ viewer { role } }';

/** The label of each statement a request sent (its leading comment), sorted. */
async function labels(query: string): Promise<string[]> {
  const statements = await app.statementsDuring(async () => {
    const response = await app.gql(query, {}, KEY);
    expect(response.body.errors).toBeUndefined();
  });
  return statements.map((s) => /^\/\* (\S+) \*\//.exec(s)?.[1] ?? s).sort();
}

beforeAll(async () => {
  app = await openTestApp();
  await seedDemo(app.database, 60);
  await app.gql(S5, {}, KEY); // the key is known from here on
});
afterAll(() => app.close());

describe('statements per request', () => {
  it('S1: the orders page and one statement per history list, for 50 orders as for 5', async () => {
    const expected = ['Order.actionLogs', 'Order.historyChanges', 'Order.statusHistory', 'Order.traces', 'orders'];
    expect(await labels(S1(50))).toEqual(expected);
    expect(await labels(S1(5))).toEqual(expected);
  });

  it('S2: the orders page and one timeline statement, for 50 orders as for 5', async () => {
    expect(await labels(S2(50))).toEqual(['Order.timeline', 'orders']);
    expect(await labels(S2(5))).toEqual(['Order.timeline', 'orders']);
  });

  it('S5: none once the key is known; one lookup for a key not seen before', async () => {
    expect(await labels(S5)).toEqual([]);
    const fresh = await openTestApp({ keyCacheMs: 60_000 });
    try {
      await seedDemo(fresh.database, 1);
      const statements = await fresh.statementsDuring(() => fresh.gql(S5, {}, KEY));
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatch(/from "api_keys"/);
      expect(await fresh.statementsDuring(() => fresh.gql(S5, {}, KEY))).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});

describe('columns read', () => {
  it('a 50-order list of ids and numbers reads those two columns and none of the wide ones', async () => {
    const statements = await app.statementsDuring(() => app.gql('{ orders(first: 50) { nodes { id orderNumber } } }', {}, KEY));
    expect(statements).toHaveLength(1);
    expect(statements[0]!.match(/"o"\."\w+"/g)).toEqual(['"o"."id"', '"o"."order_number"']);
    expect(statements[0]).not.toMatch(/"(payment|delivery|delivery_address|delivery_data|invoice|promotions|raw|customer_info|channel)"/);
  });

  it('an order page reads the sub-objects it selects, and only those', async () => {
    const statements = await app.statementsDuring(() =>
      app.gql('{ orders(first: 5) { nodes { deliveryAddress { city } fees { total { label } } items { variant { sku } } } } }', {}, KEY),
    );
    const [list, items] = [statements.find((s) => s.startsWith('/* orders */'))!, statements.find((s) => s.startsWith('/* Order.items */'))!];
    expect(list).toMatch(/"delivery_address"/);
    expect(list).not.toMatch(/"delivery_data"|"promotions"|"invoice"|"payment"|"delivery"[^_]/);
    expect(items).toMatch(/"variation"/);
    expect(items).not.toMatch(/"media"|"item_data"|"options"/);
  });

  it('selecting two fields of a history list reads their columns and no stored upstream body', async () => {
    const statements = await app.statementsDuring(() =>
      app.gql('{ orders(first: 3) { nodes { statusHistory(first: 5) { nodes { statusId createdAt } } } } }', {}, KEY),
    );
    const list = statements.find((s) => s.startsWith('/* Order.statusHistory */'))!;
    expect(list).toMatch(/"status_id"/);
    expect(list).toMatch(/"created_at"/);
    expect(list).not.toMatch(/"procedure_text"|"user_id"/);
    for (const statement of statements) expect(statement).not.toMatch(/\braw\b/);
  });

  it('never reads the stored upstream body, whatever the history fields selected', async () => {
    const statements = await app.statementsDuring(() =>
      app.gql(`{ orders(first: 3) { nodes { id orderNumber status total { label } customer { name }
        actionLogs(first: 5) { nodes { __typename ... on HistoryEvent { id occurredAt summary actor { kind } } } }
        historyChanges(first: 5) { nodes { oldValue { __typename } newValue { __typename } apiKey { current } } }
        traces(first: 5) { nodes { summary sender { personId } } }
        timeline(first: 5) { nodes { summary } } } } }`, {}, KEY),
    );
    expect(statements.length).toBeGreaterThan(4);
    for (const statement of statements) expect(statement).not.toMatch(/\braw\b/);
  });
});
