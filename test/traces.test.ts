/** Order traces: fields, senders (deleted, sent as an array, absent), summaries, upstream's count, `canAdd` per role and upstream. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders } from '../src/db/schema.js';
import { normaliseTracesBody } from '../src/ingest/traces.js';
import { writeOrderLinks } from '../src/ingest/registry.js';
import { writeTraces } from '../src/ingest/traces.js';
import { upstreamFixture } from './fixtures/upstream/index.js';
import { openTestApp, type TestApp } from './support/app.js';

let app: TestApp;
let a: { viewer: string; editor: string };
let b: { viewer: string; editor: string };

const order = (merchantId: string, id: string) => ({
  merchantId, id, orderNumber: `#${id}`, status: 'confirmed', createdAt: new Date('2022-01-01T00:00:00Z'), updatedAt: new Date('2022-01-01T00:00:00Z'), raw: {},
});

beforeAll(async () => {
  app = await openTestApp();
  a = await app.merchant('shop-a');
  b = await app.merchant('shop-b');
  const db = app.database.db;
  await db.insert(orders).values([order('shop-a', 'ord-4711'), order('shop-b', 'ord-4711')]);
  await writeOrderLinks(db, 'shop-a', [{ system: 'traces', externalId: '4711', orderId: 'ord-4711' }]);
  const body = upstreamFixture('traces');
  body.items.push(
    { date: '2022-11-12T09:00:00Z', message: 'Still waiting', status: 3, statust: 'Waiting', deadline: null, sender: { pid: 99, pfname: null, plname: null, cid: null, cname: null } },
    { date: '2022-11-10T08:00:00Z', message: null, status: 1, statust: 'New', deadline: '2022-10-28T11:00:00Z', sender: [
      { pid: 562, pfname: 'John', plname: 'Mann', cid: 537, cname: 'Translation Profis' },
      { pid: 201, pfname: 'Marcus', plname: 'Leen', cid: 76, cname: 'Henderson Inc' },
    ] },
    { date: '2022-11-09T08:00:00Z', status: 0, statust: 'Draft' },
  );
  await writeTraces(db, 'shop-a', normaliseTracesBody(body, '4711'));
});
afterAll(() => app.close());

async function data(query: string, key = a.viewer) {
  const response = await app.gql(query, {}, key);
  expect(response.body.errors).toBeUndefined();
  return response.body.data;
}

describe('Order.traces', () => {
  it('lists traces newest first with every field', async () => {
    const result = await data(`{ order(id: "ord-4711") { traces { totalCount canAdd nodes {
      __typename date message status statusTitle deadline sender { personId firstName lastName companyId companyName }
      occurredAt source summary actor { kind id name } order { id } } } } }`);
    expect(result.order.traces).toEqual({
      totalCount: 5,
      canAdd: false,
      nodes: [
        {
          __typename: 'Trace', date: '2022-11-12T09:00:00.000Z', message: 'Still waiting', status: 3, statusTitle: 'Waiting', deadline: null,
          sender: { personId: 99, firstName: null, lastName: null, companyId: null, companyName: null },
          occurredAt: '2022-11-12T09:00:00.000Z', source: 'TRACE', summary: 'Waiting — person 99 (deleted): Still waiting',
          actor: { kind: 'USER', id: '99', name: null }, order: { id: 'ord-4711' },
        },
        {
          __typename: 'Trace', date: '2022-11-11T14:48:36.517Z', message: 'Thank you for this information', status: 2, statusTitle: 'In progress',
          deadline: '2022-10-28T11:00:00.000Z', sender: { personId: 201, firstName: 'Marcus', lastName: 'Leen', companyId: 76, companyName: 'Henderson Inc' },
          occurredAt: '2022-11-11T14:48:36.517Z', source: 'TRACE', summary: 'In progress — Marcus Leen: Thank you for this information',
          actor: { kind: 'USER', id: '201', name: 'Marcus Leen' }, order: { id: 'ord-4711' },
        },
        {
          __typename: 'Trace', date: '2022-11-11T14:31:14.183Z', message: 'We will deliver tomorrow, a day earlier :-)', status: 2, statusTitle: 'In progress',
          deadline: '2022-10-28T11:00:00.000Z', sender: { personId: 562, firstName: 'John', lastName: 'Mann', companyId: 537, companyName: 'Translation Profis' },
          occurredAt: '2022-11-11T14:31:14.183Z', source: 'TRACE', summary: 'In progress — John Mann: We will deliver tomorrow, a day earlier :-)',
          actor: { kind: 'USER', id: '562', name: 'John Mann' }, order: { id: 'ord-4711' },
        },
        {
          __typename: 'Trace', date: '2022-11-10T08:00:00.000Z', message: null, status: 1, statusTitle: 'New',
          deadline: '2022-10-28T11:00:00.000Z', sender: { personId: 562, firstName: 'John', lastName: 'Mann', companyId: 537, companyName: 'Translation Profis' },
          occurredAt: '2022-11-10T08:00:00.000Z', source: 'TRACE', summary: 'New — John Mann: Deadline → 2022-10-28 11:00 UTC',
          actor: { kind: 'USER', id: '562', name: 'John Mann' }, order: { id: 'ord-4711' },
        },
        {
          __typename: 'Trace', date: '2022-11-09T08:00:00.000Z', message: null, status: 0, statusTitle: 'Draft', deadline: null, sender: null,
          occurredAt: '2022-11-09T08:00:00.000Z', source: 'TRACE', summary: 'Draft', actor: null, order: { id: 'ord-4711' },
        },
      ],
    });
  });

  it('gives each trace a stable id, unique in the list', async () => {
    const first = await data(`{ order(id: "ord-4711") { traces { nodes { id } } } }`);
    const ids = first.order.traces.nodes.map((n: { id: string }) => n.id);
    expect(new Set(ids).size).toBe(5);
    await writeTraces(app.database.db, 'shop-a', normaliseTracesBody(upstreamFixture('traces'), '4711'));
    const again = await data(`{ order(id: "ord-4711") { traces { totalCount nodes { id } } } }`);
    expect(again.order.traces.nodes.map((n: { id: string }) => n.id)).toEqual(ids);
  });

  it('keeps every sender of an array, the first as `sender`', async () => {
    const result = await data(`{ order(id: "ord-4711") { traces { nodes { date sender { personId } senders { personId firstName } } } } }`);
    expect(result.order.traces.nodes.find((n: { date: string }) => n.date === '2022-11-10T08:00:00.000Z')).toEqual({
      date: '2022-11-10T08:00:00.000Z',
      sender: { personId: 562 },
      senders: [{ personId: 562, firstName: 'John' }, { personId: 201, firstName: 'Marcus' }],
    });
    const none = result.order.traces.nodes.find((n: { date: string }) => n.date === '2022-11-09T08:00:00.000Z');
    expect(none).toEqual({ date: '2022-11-09T08:00:00.000Z', sender: null, senders: [] });
  });

  it("serves upstream's count, which may exceed the traces sent", async () => {
    const result = await data(`{ order(id: "ord-4711") { traces(first: 1) { upstreamCount totalCount } } }`);
    expect(result.order.traces).toEqual({ upstreamCount: 16, totalCount: 5 });
  });

  it('says canAdd for editor keys where upstream allowed adding', async () => {
    const query = `{ order(id: "ord-4711") { traces(first: 0) { canAdd totalCount } } }`;
    expect((await data(query, a.editor)).order.traces).toEqual({ canAdd: true, totalCount: 5 });
    expect((await data(query, a.viewer)).order.traces).toEqual({ canAdd: false, totalCount: 5 });
    // The next body says upstream no longer allows adding: not even an editor may.
    await writeTraces(app.database.db, 'shop-a', normaliseTracesBody({ ...upstreamFixture('traces'), canAdd: false, count: 17 }, '4711'));
    const editor = await data(`{ order(id: "ord-4711") { traces(first: 0) { canAdd upstreamCount } } }`, a.editor);
    expect(editor.order.traces).toEqual({ canAdd: false, upstreamCount: 17 });
    await writeTraces(app.database.db, 'shop-a', normaliseTracesBody(upstreamFixture('traces'), '4711'));
  });

  it("shows another merchant's order of the same id none of these traces", async () => {
    // Nothing upstream said about that order: no count, and no leave to add.
    const result = await data(`{ order(id: "ord-4711") { traces { totalCount upstreamCount canAdd } } }`, b.editor);
    expect(result.order.traces).toEqual({ totalCount: 0, upstreamCount: null, canAdd: false });
  });
});
