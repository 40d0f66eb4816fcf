/**
 * Pagination, the same on every history list: keyset walks forward and backward over rows that
 * share timestamps, exact page facts, and every refusal (sizes, depth, foreign cursors).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders } from '../src/db/schema.js';
import { normaliseActionLogsBody } from '../src/ingest/action-logs.js';
import { normaliseHistoryChangesBody } from '../src/ingest/history-changes.js';
import { normaliseStatusHistoryBody } from '../src/ingest/status-history.js';
import { normaliseTracesBody } from '../src/ingest/traces.js';
import { writeActionLogs } from '../src/ingest/action-logs.js';
import { writeHistoryChanges } from '../src/ingest/history-changes.js';
import { writeStatusHistory } from '../src/ingest/status-history.js';
import { writeTraces } from '../src/ingest/traces.js';
import { openTestApp, type TestApp } from './support/app.js';

let app: TestApp;
let key: string;

const T = ['2024-05-01T10:00:00Z', '2024-05-02T10:00:00Z', '2024-05-03T10:00:00Z'] as const;
const order = (id: string) => ({
  merchantId: 'shop-a', id, orderNumber: `#${id}`, status: 'confirmed', createdAt: new Date(T[0]), updatedAt: new Date(T[0]), raw: {},
});

beforeAll(async () => {
  app = await openTestApp();
  key = (await app.merchant('shop-a')).viewer;
  const db = app.database.db;
  const m = 'shop-a';
  await db.insert(orders).values([order('ord-1'), order('ord-2')]);
  // Ids deliberately out of step with time, and several rows per instant.
  const entries: [number, string, string][] = [
    [5, 'ord-1', T[0]], [50, 'ord-1', T[0]], [500, 'ord-1', T[0]], [7, 'ord-1', T[1]], [70, 'ord-1', T[1]],
    [3, 'ord-1', T[2]], [30, 'ord-1', T[2]], [4, 'ord-2', T[1]], [40, 'ord-2', T[2]],
  ];
  await writeStatusHistory(db, m, normaliseStatusHistoryBody(entries.map(([id, orderId, createdAt]) => ({ id, orderId, statusId: 1, createdAt }))));
  const change = (id: number, orderId: string, createdAt: string) =>
    ({ id, createdAt, source: 'code', field: 'f', newValue: id, order: { id: orderId } });
  await writeHistoryChanges(db, m, normaliseHistoryChangesBody({ history: [
    change(9, 'ord-1', '2024-05-01 10:00:00'), change(10, 'ord-1', '2024-05-01 10:00:00'), change(100, 'ord-1', '2024-05-01 10:00:00'),
    change(1000, 'ord-1', '2024-05-02 10:00:00'), change(11, 'ord-2', '2024-05-01 10:00:00'),
  ] }, 'order'));
  await writeHistoryChanges(db, m, normaliseHistoryChangesBody({ history: [
    change(10, 'ord-1', '2024-05-01 10:00:00'), change(100, 'ord-1', '2024-05-02 10:00:00'),
  ] }, 'pack'));
  const trace = (message: string, date: string) => ({ date, message, status: 1, statust: 'New', sender: { pid: 1 } });
  await writeTraces(db, m, normaliseTracesBody({ items: ['a', 'b', 'c', 'd'].map((msg) => trace(msg, T[0])).concat(trace('e', T[1])) }, 'ord-1'));
  await writeActionLogs(db, m, normaliseActionLogsBody({ items: [1, 2, 3].map((n) => ({ key: 'added_a_comment', data: { n }, created_at: T[0] })) }, 'ord-1'));
});
afterAll(() => app.close());

type Node = Record<string, unknown>;
interface Conn { totalCount: number; nodes: Node[]; edges: { cursor: string }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null } }

async function gql(query: string) {
  const response = await app.gql(query, {}, key);
  return response.body;
}
async function data(query: string) {
  const body = await gql(query);
  expect(body.errors).toBeUndefined();
  return body.data;
}

interface CursorList {
  name: string;
  /** The operation, with `ARGS` where the connection's arguments go. */
  query: string;
  at: (data: Node) => Conn;
  total: number;
}
/** Change ids repeat across entities (order, pack), so lists that hold changes select the entity too. */
const selection = (changes: boolean) => `totalCount edges { cursor }
  nodes { __typename ... on HistoryEvent { id occurredAt } ${changes ? '... on HistoryChange { entity }' : ''} }
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;
const SELECTION = selection(false);
const withChanges = (field: string) => field === 'historyChanges' || field === 'timeline';
const orderList = (field: string, extra = ''): Pick<CursorList, 'query' | 'at'> => ({
  query: `{ order(id: "ord-1") { ${field}(ARGS${extra}) { ${selection(withChanges(field))} } } }`,
  at: (d) => (d.order as Node)[field] as Conn,
});
const topList = (field: string, filter = ''): Pick<CursorList, 'query' | 'at'> => ({
  query: `{ ${field}(ARGS${filter}) { ${selection(withChanges(field))} } }`,
  at: (d) => d[field] as Conn,
});

const CURSOR_LISTS: CursorList[] = [
  { name: 'statusHistory', ...topList('statusHistory'), total: 9 },
  { name: 'statusHistory (filtered)', ...topList('statusHistory', ', filter: { orderId: "ord-1" }'), total: 7 },
  { name: 'historyChanges', ...topList('historyChanges'), total: 7 },
  { name: 'historyChanges (sinceId)', ...topList('historyChanges', ', filter: { sinceId: "9" }'), total: 6 },
  { name: 'Order.statusHistory', ...orderList('statusHistory'), total: 7 },
  { name: 'Order.historyChanges', ...orderList('historyChanges'), total: 6 },
  { name: 'Order.historyChanges (filtered)', ...orderList('historyChanges', ', changeSources: [CODE], fields: ["f"]'), total: 6 },
  { name: 'Order.traces', ...orderList('traces'), total: 5 },
  { name: 'Order.timeline', ...orderList('timeline'), total: 21 },
  { name: 'Order.timeline (filtered)', ...orderList('timeline', `, sources: [TRACE, ACTION_LOG, CHANGE_HISTORY], since: "${T[0]}", until: "${T[0]}"`), total: 11 },
];

const identity = (node: Node) => `${node.__typename}:${node.id}:${node.entity ?? ''}`;
const read = async (list: CursorList, args: string) => list.at(await data(list.query.replace('ARGS', args)));

describe.each(CURSOR_LISTS)('$name', (list) => {
  it('walks forward and backward two at a time through the same items, none repeated or skipped', async () => {
    const all = await read(list, 'first: 100');
    expect(all.totalCount).toBe(list.total);
    expect(all.nodes).toHaveLength(list.total);
    const expected = all.nodes.map(identity);
    expect(new Set(expected).size).toBe(list.total);

    const forward: string[] = [];
    let page = await read(list, 'first: 2');
    expect(page.pageInfo.hasPreviousPage).toBe(false);
    for (;;) {
      expect(page.totalCount).toBe(list.total);
      expect(page.nodes.length).toBeLessThanOrEqual(2);
      expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      forward.push(...page.nodes.map(identity));
      if (!page.pageInfo.hasNextPage) break;
      page = await read(list, `first: 2, after: "${page.pageInfo.endCursor}"`);
      expect(page.pageInfo.hasPreviousPage).toBe(true);
    }
    expect(forward).toEqual(expected);

    const backward: string[] = [];
    page = await read(list, 'last: 2');
    expect(page.pageInfo.hasNextPage).toBe(false);
    for (;;) {
      expect(page.totalCount).toBe(list.total);
      backward.unshift(...page.nodes.map(identity));
      if (!page.pageInfo.hasPreviousPage) break;
      page = await read(list, `last: 2, before: "${page.pageInfo.startCursor}"`);
      expect(page.pageInfo.hasNextPage).toBe(true);
    }
    expect(backward).toEqual(expected);
  });

  it('reads the window between two cursors, and 20 items by default', async () => {
    const all = await read(list, 'first: 100');
    const [after, before] = [all.edges[1]!.cursor, all.edges[4]!.cursor];
    const between = await read(list, `first: 10, after: "${after}", before: "${before}"`);
    expect(between.nodes.map(identity)).toEqual(all.nodes.slice(2, 4).map(identity));
    expect(between.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect((await read(list, 'after: null')).nodes).toHaveLength(Math.min(20, list.total));
    expect((await read(list, 'first: 0')).nodes).toEqual([]);
  });
});

describe('page forms', () => {
  const PAGE_LISTS = [
    { field: 'statusHistoryPage', size: 'itemsPerPage', cursor: 'statusHistory', total: 9 },
    { field: 'historyChangesPage', size: 'perPage', cursor: 'historyChanges', total: 7 },
  ];
  const facts = 'pageInfo { page perPage totalCount totalPages isLastPage firstOnPage lastOnPage }';

  it.each(PAGE_LISTS)('$field: pages of 2 give the cursor order with exact facts', async ({ field, size, cursor, total }) => {
    const node = `__typename id ${cursor === 'historyChanges' ? 'entity' : ''}`;
    const all = (await data(`{ ${cursor}(first: 100) { nodes { ${node} } } }`))[cursor].nodes.map(identity);
    const seen: string[] = [];
    const totalPages = Math.ceil(total / 2);
    for (let page = 1; page <= totalPages; page++) {
      const result = (await data(`{ ${field}(page: ${page}, ${size}: 2) { items { ${node} } ${facts} } }`))[field];
      const count = result.items.length;
      expect(result.pageInfo).toEqual({
        page, perPage: 2, totalCount: total, totalPages, isLastPage: page === totalPages,
        firstOnPage: (page - 1) * 2 + 1, lastOnPage: (page - 1) * 2 + count,
      });
      seen.push(...result.items.map(identity));
    }
    expect(seen).toEqual(all);
    const past = (await data(`{ ${field}(page: ${totalPages + 1}, ${size}: 2) { items { id } ${facts} } }`))[field];
    expect(past).toEqual({
      items: [],
      pageInfo: { page: totalPages + 1, perPage: 2, totalCount: total, totalPages, isLastPage: true, firstOnPage: null, lastOnPage: null },
    });
  });

  it('describe an empty list exactly', async () => {
    const status = await data(`{ statusHistoryPage(filter: { userId: 12345 }) { items { id } ${facts} } }`);
    expect(status.statusHistoryPage).toEqual({
      items: [], pageInfo: { page: 1, perPage: 25, totalCount: 0, totalPages: 0, isLastPage: true, firstOnPage: null, lastOnPage: null },
    });
    const changes = await data(`{ historyChangesPage(filter: { sinceId: "100000" }) { items { id } ${facts} } }`);
    expect(changes.historyChangesPage.pageInfo).toEqual({ page: 1, perPage: 20, totalCount: 0, totalPages: 0, isLastPage: true, firstOnPage: null, lastOnPage: null });
  });

  it.each(PAGE_LISTS)('$field refuses page × $size over 10,000, naming the cursor form', async ({ field, size, cursor }) => {
    const body = await gql(`{ ${field}(page: 101, ${size}: 100) { items { id } } }`);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toContain('10000');
    expect(body.errors[0].message).toContain(`\`${cursor}\``);
    expect((await gql(`{ ${field}(page: 100, ${size}: 100) { items { id } } }`)).errors).toBeUndefined();
  });
});

describe('refusals', () => {
  const refused = async (query: string, ...words: string[]) => {
    const body = await gql(query);
    expect(body.errors, query).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    for (const word of words) expect(body.errors[0].message).toContain(word);
    return body.errors[0].message as string;
  };

  it('refuses sizes out of range, naming the argument and the range', async () => {
    await refused('{ statusHistory(first: 101) { totalCount } }', '`first`', '0 to 100', '101');
    await refused('{ historyChanges(last: -1) { totalCount } }', '`last`', '0 to 100');
    await refused('{ order(id: "ord-1") { timeline(first: 101) { totalCount } } }', '`first`', '0 to 100');
    await refused('{ order(id: "ord-1") { traces(last: -1) { totalCount } } }', '`last`', '0 to 100');
    await refused('{ historyChangesPage(perPage: 0) { items { id } } }', '`perPage`', '1 to 100');
    await refused('{ statusHistoryPage(itemsPerPage: 101) { items { id } } }', '`itemsPerPage`', '1 to 100');
    await refused('{ statusHistoryPage(page: 0) { items { id } } }', '`page`');
  });

  it('refuses a cursor from another list, another filter or another order', async () => {
    const cursorOf = async (query: string, at: (d: Node) => Conn) => at(await data(query)).pageInfo.endCursor!;
    const orderCursor = await cursorOf(`{ order(id: "ord-1") { statusHistory(first: 1) { ${SELECTION} } } }`, (d) => (d.order as Node).statusHistory as Conn);
    const topCursor = await cursorOf(`{ statusHistory(first: 1) { ${SELECTION} } }`, (d) => d.statusHistory as Conn);
    const changesCursor = await cursorOf(`{ historyChanges(first: 1, filter: { sinceId: "9" }) { ${SELECTION} } }`, (d) => d.historyChanges as Conn);
    const timelineCursor = await cursorOf(`{ order(id: "ord-1") { timeline(first: 1, sources: [TRACE]) { ${SELECTION} } } }`, (d) => (d.order as Node).timeline as Conn);

    await refused(`{ statusHistory(after: "${orderCursor}") { totalCount } }`, '`after`');
    await refused(`{ order(id: "ord-2") { statusHistory(after: "${orderCursor}") { totalCount } } }`, '`after`');
    await refused(`{ order(id: "ord-1") { traces(before: "${orderCursor}") { totalCount } } }`, '`before`');
    await refused(`{ statusHistory(after: "${topCursor}", filter: { orderId: "ord-1" }) { totalCount } }`, '`after`');
    await refused(`{ historyChanges(after: "${changesCursor}") { totalCount } }`, '`after`');
    await refused(`{ historyChanges(after: "${changesCursor}", filter: { sinceId: "10" }) { totalCount } }`, '`after`');
    await refused(`{ order(id: "ord-1") { timeline(after: "${timelineCursor}") { totalCount } } }`, '`after`');
    await refused(`{ order(id: "ord-1") { timeline(after: "${timelineCursor}", sources: [TRACE], since: "${T[0]}") { totalCount } } }`, '`after`');
    await refused(`{ order(id: "ord-1") { timeline(before: "not-a-cursor") { totalCount } } }`, '`before`');
    // The same cursor in its own list works.
    expect((await gql(`{ statusHistory(after: "${topCursor}") { totalCount } }`)).errors).toBeUndefined();
    expect((await gql(`{ order(id: "ord-1") { timeline(after: "${timelineCursor}", sources: [TRACE]) { totalCount } } }`)).errors).toBeUndefined();
  });
});
