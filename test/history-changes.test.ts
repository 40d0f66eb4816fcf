/** Change history: every HistoryValue member, sources, links to other orders, filters and `sinceId`. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders } from '../src/db/schema.js';
import { normaliseHistoryChangesBody, type HistoryEntity } from '../src/ingest/history-changes.js';
import { writeHistoryChanges } from '../src/ingest/history-changes.js';
import { writeOrderLinks } from '../src/ingest/registry.js';
import { upstreamFixture, type Json } from './fixtures/upstream/index.js';
import { openTestApp, type TestApp } from './support/app.js';

let app: TestApp;
let a: { viewer: string; editor: string };
let b: { viewer: string; editor: string };
let c: { viewer: string; editor: string };
let d: { viewer: string; editor: string };

const order = (merchantId: string, id: string) => ({
  merchantId, id, orderNumber: `#${id}`, status: 'confirmed', createdAt: new Date('2024-01-01T00:00:00Z'), updatedAt: new Date('2024-01-01T00:00:00Z'), raw: {},
});
const ORDER_7001 = { id: 7001, externalId: 'ee-22-xx', site: 'shop-1' };
const change = (id: number, extra: Record<string, unknown>) => ({
  id, createdAt: '2024-03-02 10:00:00', source: 'code', field: 'comment', order: ORDER_7001, ...extra,
});

async function write(merchantId: string, history: unknown[], entity: HistoryEntity = 'order') {
  await writeHistoryChanges(app.database.db, merchantId, normaliseHistoryChangesBody({ success: true, history }, entity));
}

beforeAll(async () => {
  app = await openTestApp();
  a = await app.merchant('shop-a');
  b = await app.merchant('shop-b');
  c = await app.merchant('shop-c');
  d = await app.merchant('shop-d');
  const db = app.database.db;
  await db.insert(orders).values([order('shop-a', 'ord-7001'), order('shop-a', 'ord-7003'), order('shop-a', '7010'), order('shop-b', '7002')]);
  await writeOrderLinks(db, 'shop-a', [
    { system: 'history-changes', externalId: '7001', orderId: 'ord-7001' },
    { system: 'history-changes', externalId: '7003', orderId: 'ord-7003' },
  ]);
  await write('shop-a', upstreamFixture('history-changes').history);
  await write('shop-a', [
    change(907, { createdAt: '2024-03-01 19:30:00', source: 'import', field: 'tags', newValue: ['vip', 'gift'], combinedTo: { id: 7010 } }),
    change(908, { createdAt: '2024-03-01 19:35:00', source: 'user', user: { id: 5 }, field: 'customFields', oldValue: { color: 'red' }, newValue: '2024-03-05T08:30:00+01:00' }),
    change(909, { createdAt: '2024-03-01 19:40:00', field: 'comment', oldValue: 'old note' }),
  ]);
  await write('shop-a', [change(901, { createdAt: '2024-03-01 19:00:00', source: 'api', apiKey: { current: false }, field: 'quantity', oldValue: 1, newValue: 2 })], 'pack');
  await write('shop-a', [{ id: 950, createdAt: '2024-03-03 09:00:00', source: 'user', user: { id: 9 }, field: 'email', newValue: 'x@example.com', customer: { id: 31 } }], 'customer');
  await write('shop-b', [change(1, { source: 'api', field: 'discount', newValue: 1 })]);
  await write('shop-c', [9, 100, 10, 1000].map((id) => change(id, {})));
  await write('shop-d', [
    change(1, { field: 'statusComment', oldValue: 5, newValue: '2024-01-01 00:00:00' }),
    change(2, { field: 'deliveryDate', oldValue: '2015-03-25 12:15:00', newValue: 'tomorrow' }),
    change(3, { field: 'status', newValue: { code: 'assembling', cancel: false, group: 'work', ordering: 3 } }),
    change(4, { field: 'legalEntity', newValue: { code: 'le-1', name: 'Shop Ltd' }, oldValue: '2024-01-01 00:00:00' }),
    change(5, { field: 'price', newValue: '12.50' }),
  ]);
  await write('shop-d', [change(6, { field: 'quantity', newValue: 3, pack: { id: 77, item: { id: 8 } } })], 'pack');
  await write('shop-d', [
    { id: 7, createdAt: '2024-03-03 09:00:00', source: 'api', field: 'phone', newValue: '+886 912', customer: { id: 31, externalId: 'c-31', site: 'shop-1' } },
  ], 'customer');
});
afterAll(() => app.close());

async function data(query: string, variables: Record<string, unknown> = {}, key = a.viewer) {
  const response = await app.gql(query, variables, key);
  expect(response.body.errors).toBeUndefined();
  return response.body.data;
}

const VALUE = `__typename
  ... on HistoryStringValue { stringValue } ... on HistoryNumberValue { numberValue }
  ... on HistoryBooleanValue { booleanValue } ... on HistoryDateTimeValue { dateTimeValue }
  ... on HistoryDirectoryValue { code cancel }`;

describe('Order.historyChanges', () => {
  it('lists the order and pack changes of one order, oldest first by id, with every value type', async () => {
    const result = await data(`{ order(id: "ord-7001") { historyChanges { totalCount nodes {
      id upstreamId entity field createdAt changeSource changeSourceRaw summary actor { kind id }
      oldValue { ${VALUE} } newValue { ${VALUE} } user { id } apiKey { current } } } } }`);
    expect(result.order.historyChanges.totalCount).toBe(9);
    expect(result.order.historyChanges.nodes).toEqual([
      {
        id: 'order:901', upstreamId: '901', entity: 'ORDER', field: 'discount', createdAt: '2024-03-01T19:00:00.000Z', changeSource: 'API', changeSourceRaw: 'api',
        summary: 'discount: 250.5 → 260 (api)', actor: { kind: 'API', id: null },
        oldValue: { __typename: 'HistoryNumberValue', numberValue: 250.5 }, newValue: { __typename: 'HistoryNumberValue', numberValue: 260 },
        user: null, apiKey: { current: true },
      },
      {
        id: 'pack:901', upstreamId: '901', entity: 'PACK', field: 'quantity', createdAt: '2024-03-01T19:00:00.000Z', changeSource: 'API', changeSourceRaw: 'api',
        summary: 'quantity: 1 → 2 (api)', actor: { kind: 'API', id: null },
        oldValue: { __typename: 'HistoryNumberValue', numberValue: 1 }, newValue: { __typename: 'HistoryNumberValue', numberValue: 2 },
        user: null, apiKey: { current: false },
      },
      {
        id: 'order:902', upstreamId: '902', entity: 'ORDER', field: 'statusComment', createdAt: '2024-03-01T19:05:00.000Z', changeSource: 'USER', changeSourceRaw: 'user',
        summary: 'statusComment: set to "Items arrival is expected tomorrow"', actor: { kind: 'USER', id: '123' },
        oldValue: null, newValue: { __typename: 'HistoryStringValue', stringValue: 'Items arrival is expected tomorrow' },
        user: { id: '123' }, apiKey: null,
      },
      {
        id: 'order:903', upstreamId: '903', entity: 'ORDER', field: 'expired', createdAt: '2024-03-01T19:10:00.000Z', changeSource: 'CODE', changeSourceRaw: 'code',
        summary: 'expired: false → true (code)', actor: { kind: 'SYSTEM', id: null },
        oldValue: { __typename: 'HistoryBooleanValue', booleanValue: false }, newValue: { __typename: 'HistoryBooleanValue', booleanValue: true },
        user: null, apiKey: null,
      },
      {
        id: 'order:904', upstreamId: '904', entity: 'ORDER', field: 'deliveryDate', createdAt: '2024-03-01T19:15:00.000Z', changeSource: 'RULE', changeSourceRaw: 'rule',
        summary: 'deliveryDate: set to 2015-03-25 12:15 UTC (rule)', actor: { kind: 'SYSTEM', id: null },
        oldValue: null, newValue: { __typename: 'HistoryDateTimeValue', dateTimeValue: '2015-03-25T12:15:00.000Z' },
        user: null, apiKey: null,
      },
      {
        id: 'order:905', upstreamId: '905', entity: 'ORDER', field: 'status', createdAt: '2024-03-01T19:20:00.000Z', changeSource: 'COMBINE', changeSourceRaw: 'combine',
        summary: 'status: new → out-of-stock (cancelled)', actor: { kind: 'SYSTEM', id: null },
        oldValue: { __typename: 'HistoryDirectoryValue', code: 'new', cancel: null },
        newValue: { __typename: 'HistoryDirectoryValue', code: 'out-of-stock', cancel: true },
        user: null, apiKey: null,
      },
      {
        id: 'order:907', upstreamId: '907', entity: 'ORDER', field: 'tags', createdAt: '2024-03-01T19:30:00.000Z', changeSource: 'UNKNOWN', changeSourceRaw: 'import',
        summary: 'tags: set to ["vip","gift"] (import)', actor: { kind: 'UNKNOWN', id: null },
        oldValue: null, newValue: { __typename: 'HistoryStringValue', stringValue: '["vip","gift"]' },
        user: null, apiKey: null,
      },
      {
        id: 'order:908', upstreamId: '908', entity: 'ORDER', field: 'customFields', createdAt: '2024-03-01T19:35:00.000Z', changeSource: 'USER', changeSourceRaw: 'user',
        summary: 'customFields: {"color":"red"} → 2024-03-05 07:30 UTC', actor: { kind: 'USER', id: '5' },
        oldValue: { __typename: 'HistoryStringValue', stringValue: '{"color":"red"}' },
        newValue: { __typename: 'HistoryDateTimeValue', dateTimeValue: '2024-03-05T07:30:00.000Z' },
        user: { id: '5' }, apiKey: null,
      },
      {
        id: 'order:909', upstreamId: '909', entity: 'ORDER', field: 'comment', createdAt: '2024-03-01T19:40:00.000Z', changeSource: 'CODE', changeSourceRaw: 'code',
        summary: 'comment: cleared (was "old note") (code)', actor: { kind: 'SYSTEM', id: null },
        oldValue: { __typename: 'HistoryStringValue', stringValue: 'old note' }, newValue: null,
        user: null, apiKey: null,
      },
    ]);
  });

  it('reads a value sent as null like an absent one (the split example)', async () => {
    const result = await data(`{ order(id: "ord-7003") { historyChanges { nodes { id summary changeSource oldValue { __typename } newValue { ${VALUE} } } } } }`);
    expect(result.order.historyChanges.nodes).toEqual([
      { id: 'order:906', summary: 'status: set to new', changeSource: 'SPLIT', oldValue: null, newValue: { __typename: 'HistoryDirectoryValue', code: 'new', cancel: null } },
    ]);
  });

  it('filters by field and change source', async () => {
    const ids = async (args: string) => {
      const result = await data(`{ order(id: "ord-7001") { historyChanges(${args}) { totalCount nodes { id } } } }`);
      return result.order.historyChanges.nodes.map((n: { id: string }) => n.id);
    };
    expect(await ids('fields: ["status", "expired"]')).toEqual(['order:903', 'order:905']);
    expect(await ids('changeSources: [API]')).toEqual(['order:901', 'pack:901']);
    expect(await ids('changeSources: [USER, UNKNOWN]')).toEqual(['order:902', 'order:907', 'order:908']);
    expect(await ids('fields: ["comment"], changeSources: [CODE]')).toEqual(['order:909']);
    expect(await ids('fields: []')).toEqual([]);
  });
});

describe('links to other orders', () => {
  it('resolves combinedTo and ancestor through order links, then the id itself, for this merchant only', async () => {
    const result = await data(`{ historyChanges(filter: { fields: ["status", "tags"] }) { nodes {
      id combinedTo { id externalId site order { id } }
      ancestor { id externalId site managerId status order { id } } } } }`);
    expect(result.historyChanges.nodes).toEqual([
      // 7002 is an order of shop-b: null, exactly like an unknown one.
      { id: 'order:905', combinedTo: { id: '7002', externalId: 'ee-23-xx', site: 'shop-1', order: null }, ancestor: null },
      {
        id: 'order:906', combinedTo: null,
        ancestor: { id: '7001', externalId: 'ee-22-xx', site: 'shop-1', managerId: '6', status: 'availability-confirmed', order: { id: 'ord-7001' } },
      },
      { id: 'order:907', combinedTo: { id: '7010', externalId: null, site: null, order: { id: '7010' } }, ancestor: null },
    ]);
  });

  it('reads every linked order of a list in one statement', async () => {
    const statements = await app.statementsDuring(() =>
      data(`{ historyChanges { nodes { id combinedTo { order { id } } ancestor { order { id } } order { id } } } }`),
    );
    const linked = statements.filter((s) => s.includes('order_refs'));
    expect(linked).toHaveLength(1);
  });
});

describe('historyChanges (top level)', () => {
  const ids = async (filter: Record<string, unknown> | null, key = a.viewer) => {
    const result = await data(`query($f: HistoryChangeFilter) { historyChanges(filter: $f) { totalCount nodes { upstreamId } } }`, { f: filter }, key);
    expect(result.historyChanges.totalCount).toBe(result.historyChanges.nodes.length);
    return result.historyChanges.nodes.map((n: { upstreamId: string }) => n.upstreamId);
  };

  it("lists every entity's changes of the merchant oldest first, id then entity", async () => {
    expect(await ids(null)).toEqual(['901', '901', '902', '903', '904', '905', '906', '907', '908', '909', '950']);
  });

  it('gives each change an id unique across entities, the upstream id beside it', async () => {
    const result = await data(`{ historyChanges(filter: { sinceId: "900" }, first: 3) { nodes { id upstreamId entity } } }`);
    expect(result.historyChanges.nodes).toEqual([
      { id: 'order:901', upstreamId: '901', entity: 'ORDER' },
      { id: 'pack:901', upstreamId: '901', entity: 'PACK' },
      { id: 'order:902', upstreamId: '902', entity: 'ORDER' },
    ]);
    const customer = await data(`{ historyChanges(filter: { entity: CUSTOMER }) { nodes { id upstreamId } } }`);
    expect(customer.historyChanges.nodes).toEqual([{ id: 'customer:950', upstreamId: '950' }]);
  });

  it('filters by entity, order, fields, change sources and creation time', async () => {
    expect(await ids({ entity: 'PACK' })).toEqual(['901']);
    expect(await ids({ entity: 'CUSTOMER' })).toEqual(['950']);
    expect(await ids({ orderId: 'ord-7003' })).toEqual(['906']);
    expect(await ids({ orderId: '7003' })).toEqual(['906']);
    expect(await ids({ fields: ['discount', 'email'] })).toEqual(['901', '950']);
    expect(await ids({ changeSources: ['SPLIT', 'COMBINE'] })).toEqual(['905', '906']);
    expect(await ids({ changeSources: ['UNKNOWN'] })).toEqual(['907']);
    expect(await ids({ createdAt: { from: '2024-03-01T19:10:00Z', to: '2024-03-01T19:20:00Z' } })).toEqual(['903', '904', '905']);
    expect(await ids({ entity: 'ORDER', changeSources: ['USER'], sinceId: '902' })).toEqual(['908']);
  });

  it('keeps ids numerically greater than sinceId, oldest first', async () => {
    expect(await ids(null, c.viewer)).toEqual(['9', '10', '100', '1000']);
    expect(await ids({ sinceId: '9' }, c.viewer)).toEqual(['10', '100', '1000']);
    expect(await ids({ sinceId: '10' }, c.viewer)).toEqual(['100', '1000']);
    expect(await ids({ sinceId: '99' }, c.viewer)).toEqual(['100', '1000']);
    expect(await ids({ sinceId: '1000' }, c.viewer)).toEqual([]);
    expect(await ids({ sinceId: '123456789012345678901234567890' }, c.viewer)).toEqual([]);
  });

  it('refuses a sinceId that is not a number, naming it', async () => {
    for (const sinceId of ['abc', '10a', '-1', '1e3']) {
      const response = await app.gql(`query($s: ID) { historyChanges(filter: { sinceId: $s }) { totalCount } }`, { s: sinceId }, c.viewer);
      expect(response.body.errors).toHaveLength(1);
      expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(response.body.errors[0].message).toContain('sinceId');
    }
    const page = await app.gql(`{ historyChangesPage(filter: { sinceId: "x" }) { items { id } } }`, {}, c.viewer);
    expect(page.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it("shows another merchant none of the first one's changes", async () => {
    expect(await ids(null, b.viewer)).toEqual(['1']);
    expect(await ids({ orderId: 'ord-7001' }, b.viewer)).toEqual([]);
  });
});

describe('what a change is about, and its values', () => {
  const query = `{ historyChanges(first: 10) { nodes { id entity field
    upstreamOrder { id externalId site } customer { id externalId site } pack { id itemId }
    oldValue { ${VALUE} } newValue { ${VALUE} ... on HistoryDirectoryValue { extra } } } } }`;
  const changes = async () => new Map<string, Json>((await data(query, {}, d.viewer)).historyChanges.nodes.map((n: Json) => [n.id, n]));

  it('names the order of an order or pack change, the customer of a customer change and the pack of a pack change', async () => {
    const byId = await changes();
    const order = { id: '7001', externalId: 'ee-22-xx', site: 'shop-1' };
    expect(byId.get('order:1')).toMatchObject({ entity: 'ORDER', upstreamOrder: order, customer: null, pack: null });
    expect(byId.get('pack:6')).toMatchObject({ entity: 'PACK', upstreamOrder: order, customer: null, pack: { id: '77', itemId: '8' } });
    expect(byId.get('customer:7')).toMatchObject({
      entity: 'CUSTOMER', upstreamOrder: null, customer: { id: '31', externalId: 'c-31', site: 'shop-1' }, pack: null,
    });
  });

  it("types a value by its field's documented type first, by its shape otherwise", async () => {
    const byId = await changes();
    const values = (id: string) => [byId.get(id)!.oldValue, byId.get(id)!.newValue];
    // statusComment is a string field: a date-like text stays text; a number does not fit, so it reads by shape.
    expect(values('order:1')).toEqual([
      { __typename: 'HistoryNumberValue', numberValue: 5 },
      { __typename: 'HistoryStringValue', stringValue: '2024-01-01 00:00:00' },
    ]);
    expect(values('order:2')).toEqual([
      { __typename: 'HistoryDateTimeValue', dateTimeValue: '2015-03-25T12:15:00.000Z' },
      { __typename: 'HistoryStringValue', stringValue: 'tomorrow' },
    ]);
    expect(values('order:5')[1]).toEqual({ __typename: 'HistoryStringValue', stringValue: '12.50' });
    // An unlisted field reads by shape: a date-like text is a date.
    expect(values('order:4')[0]).toEqual({ __typename: 'HistoryDateTimeValue', dateTimeValue: '2024-01-01T00:00:00.000Z' });
  });

  it('keeps the keys of a directory object beyond code and cancel readable', async () => {
    const byId = await changes();
    expect(byId.get('order:3')!.newValue).toEqual({
      __typename: 'HistoryDirectoryValue', code: 'assembling', cancel: false, extra: { group: 'work', ordering: 3 },
    });
    expect(byId.get('order:4')!.newValue).toEqual({ __typename: 'HistoryDirectoryValue', code: 'le-1', cancel: null, extra: { name: 'Shop Ltd' } });
  });
});

describe('historyChangesPage', () => {
  it('pages oldest first with sinceId, as upstream', async () => {
    const result = await data(`{ historyChangesPage(filter: { sinceId: "9" }, page: 1, perPage: 2) {
      items { id } pageInfo { page perPage totalCount totalPages isLastPage firstOnPage lastOnPage } } }`, {}, c.viewer);
    expect(result.historyChangesPage).toEqual({
      items: [{ id: 'order:10' }, { id: 'order:100' }],
      pageInfo: { page: 1, perPage: 2, totalCount: 3, totalPages: 2, isLastPage: false, firstOnPage: 1, lastOnPage: 2 },
    });
  });

  it('defaults to 20 per page', async () => {
    const result = await data(`{ historyChangesPage { items { id } pageInfo { perPage totalCount isLastPage } } }`);
    expect(result.historyChangesPage.pageInfo).toEqual({ perPage: 20, totalCount: 11, isLastPage: true });
  });
});
