/** Normalisers, part 2: status history, change history, traces. Pure: no database. */
import { describe, expect, it } from 'vitest';
import { normaliseHistoryChangesBody } from '../src/ingest/history-changes.js';
import { normaliseOrderLinksBody } from '../src/ingest/registry.js';
import { normaliseStatusHistoryBody } from '../src/ingest/status-history.js';
import { isTrace, normaliseTracesBody } from '../src/ingest/traces.js';
import { ingestErrorOf as errorOf, upstreamFixture as fixture } from './fixtures/upstream/index.js';
import type { Json } from './fixtures/upstream/index.js';

describe('status history', () => {
  it('reads the per-order bare array', () => {
    expect(normaliseStatusHistoryBody(fixture('status-history-order'))).toEqual([
      { id: 8, orderId: '416', upstreamOrderId: '416', statusId: 5, createdAt: new Date('2019-02-01T11:19:47Z'),
        userId: 6, procedureText: 'Esse voluptates consequatur.', raw: expect.objectContaining({ id: 8 }) },
      { id: 743, orderId: '938', upstreamOrderId: '938', statusId: 1, createdAt: new Date('2019-02-13T02:07:14Z'),
        userId: 2, procedureText: 'Ut delectus et.', raw: expect.objectContaining({ id: 743 }) },
    ]);
  });

  it('reads the list envelope', () => {
    const entries = normaliseStatusHistoryBody(fixture('status-history-list'));
    expect(entries.map((e) => [e.id, e.orderId, e.statusId, e.createdAt.toISOString(), e.userId])).toEqual([
      [483, '150', 9, '2019-02-06T07:37:54.000Z', 7],
      [440, '713', 9, '2019-02-01T16:22:20.000Z', 8],
    ]);
  });

  it('keeps fractional status ids and a null user', () => {
    const [entry] = normaliseStatusHistoryBody([
      { id: 9, orderId: 416, statusId: 3.1, createdAt: '2019-02-01T12:19:47+01:00', userId: null },
    ]);
    expect(entry).toMatchObject({ statusId: 3.1, userId: null, procedureText: null });
  });

  it('names paths in either shape', () => {
    const entry = { orderId: 416, statusId: 5, createdAt: '2019-02-01T12:19:47+01:00', id: 8 };
    expect(errorOf(() => normaliseStatusHistoryBody([entry, { ...entry, createdAt: 'soon' }])).message)
      .toBe('[1].createdAt: not a date-time');
    expect(errorOf(() => normaliseStatusHistoryBody({ page: 1, entries: [{ ...entry, id: '8' }] })).message)
      .toBe('entries[0].id: not an integer');
    expect(errorOf(() => normaliseStatusHistoryBody({ page: 1 })).message).toBe('entries: missing');
    expect(errorOf(() => normaliseStatusHistoryBody('x')).message).toBe('(body): not an object or array');
  });
});

describe('change history', () => {
  const body = fixture('history-changes');
  const changes = normaliseHistoryChangesBody(body, 'order');
  const byId = new Map(changes.map((c) => [c.id, c]));

  it('maps the CONTRACT example record field by field', () => {
    expect(byId.get(901)).toEqual({
      id: 901,
      entity: 'order',
      orderId: '7001',
      upstreamOrderId: '7001',
      subject: { id: 7001, externalId: 'ee-22-xx', site: 'shop-1' },
      pack: null,
      field: 'discount',
      oldValue: { v: 250.5 },
      newValue: { v: 260 },
      source: 'api',
      userId: null,
      apiKey: { current: true },
      combinedTo: null,
      ancestor: null,
      createdAt: new Date('2024-03-01T19:00:00Z'),
      raw: body.history[0],
    });
  });

  it('boxes every value type and leaves an absent value SQL NULL', () => {
    expect(byId.get(902)).toMatchObject({ source: 'user', userId: '123', apiKey: null, oldValue: null,
      newValue: { v: 'Items arrival is expected tomorrow' } });
    expect(byId.get(903)).toMatchObject({ source: 'code', oldValue: { v: false }, newValue: { v: true } });
    expect(byId.get(904)).toMatchObject({ source: 'rule', oldValue: null, newValue: { v: '2015-03-25 12:15:00' } });
    expect(byId.get(905)).toMatchObject({
      source: 'combine', oldValue: { v: { code: 'new' } }, newValue: { v: { code: 'out-of-stock', cancel: true } },
      combinedTo: { id: 7002, externalId: 'ee-23-xx', site: 'shop-1' },
    });
    // An explicit null is a value; only a missing key is SQL NULL.
    expect(byId.get(906)).toMatchObject({ source: 'split', orderId: '7003', oldValue: { v: null },
      ancestor: { id: 7001, externalId: 'ee-22-xx', site: 'shop-1', managerId: 6, status: 'availability-confirmed' } });
  });

  it('keeps unknown sources, and reads customer and pack changes', () => {
    const record = { id: 1, createdAt: '2024-03-01 19:00:00', source: 'import', field: 'email', newValue: 'a@b.c' };
    const [customer] = normaliseHistoryChangesBody({ success: true, history: [{ ...record, customer: { id: 55 } }] }, 'customer');
    expect(customer).toMatchObject({ entity: 'customer', source: 'import', orderId: null, upstreamOrderId: null, subject: { id: 55 } });
    const [pack] = normaliseHistoryChangesBody({ history: [{ ...record, order: { id: 'ee-1' }, pack: { id: 77, item: { id: 8 } } }] }, 'pack');
    expect(pack).toMatchObject({ entity: 'pack', orderId: 'ee-1', upstreamOrderId: 'ee-1', pack: { id: 77, item: { id: 8 } } });
    // Only a pack change names a pack.
    const [order] = normaliseHistoryChangesBody({ history: [{ ...record, order: { id: 'ee-1' }, pack: { id: 77 } }] }, 'order');
    expect(order!.pack).toBeNull();
    expect(errorOf(() => normaliseHistoryChangesBody({ history: [{ ...record, order: { id: 'ee-1' }, pack: 77 }] }, 'pack')).message)
      .toBe('history[0].pack: not an object');
  });

  it('refuses bad records with their path', () => {
    const bad = (patch: Json) => ({ ...body, history: [body.history[0], { ...body.history[1], ...patch }] });
    expect(errorOf(() => normaliseHistoryChangesBody(bad({ createdAt: '2024-03-01T19:00:00' }), 'order')).message)
      .toBe('history[1].createdAt: not a date-time');
    expect(errorOf(() => normaliseHistoryChangesBody(bad({ order: undefined }), 'order')).message)
      .toBe('history[1].order: missing');
    expect(errorOf(() => normaliseHistoryChangesBody(bad({ id: 9.5 }), 'order')).message).toBe('history[1].id: not an integer');
    expect(errorOf(() => normaliseHistoryChangesBody(bad({ newValue: 'x\u0000' }), 'order')).message)
      .toBe('history[1].newValue: contains a NUL byte');
    expect(errorOf(() => normaliseHistoryChangesBody({ success: false, errorMsg: 'nope' }, 'order')).message)
      .toBe('success: not true');
  });
});

describe('traces', () => {
  const body = fixture('traces');
  const records = normaliseTracesBody(body, '4711');
  const traces = records.filter(isTrace);
  const tracesOf = (b: unknown, orderId: string) => normaliseTracesBody(b, orderId).filter(isTrace);
  const withSender = (sender: unknown) => tracesOf({ ...body, items: [{ ...body.items[0], sender }] }, '4711')[0]!;

  it('maps the documented example field by field, then the list facts (count may exceed the items sent)', () => {
    expect(traces).toHaveLength(2);
    expect(records).toHaveLength(3);
    expect(records[2]).toEqual({ listFact: true, upstreamOrderId: '4711', count: 16, canAdd: true });
    expect(normaliseTracesBody({ items: [] }, '9').at(-1)).toEqual({ listFact: true, upstreamOrderId: '9', count: null, canAdd: null });
    expect(traces[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      orderId: '4711',
      upstreamOrderId: '4711',
      date: new Date('2022-11-11T14:48:36.517Z'),
      message: 'Thank you for this information',
      status: 2,
      statusTitle: 'In progress',
      deadline: new Date('2022-10-28T11:00:00Z'),
      senderPersonId: 201,
      senderFirstName: 'Marcus',
      senderLastName: 'Leen',
      senderCompanyId: 76,
      senderCompanyName: 'Henderson Inc',
      senders: [{ personId: 201, firstName: 'Marcus', lastName: 'Leen', companyId: 76, companyName: 'Henderson Inc' }],
      raw: body.items[0],
    });
    expect(traces[1]).toMatchObject({ senderPersonId: 562, senderCompanyName: 'Translation Profis' });
    expect(traces[0]!.id).not.toBe(traces[1]!.id);
  });

  it('keeps the same id across runs, for a deleted sender, and for a sender sent as an array', () => {
    expect(tracesOf(fixture('traces'), '4711').map((t) => t.id)).toEqual(traces.map((t) => t.id));
    const deleted = withSender({ pid: 201, pfname: null, plname: null, cid: null, cname: null });
    expect(deleted).toMatchObject({ id: traces[0]!.id, senderPersonId: 201, senderFirstName: null,
      senderLastName: null, senderCompanyId: null, senderCompanyName: null });
    const asArray = withSender([body.items[0].sender]);
    expect({ ...asArray, raw: null }).toEqual({ ...traces[0], raw: null });
  });

  it('keeps every sender of an array, the first also in the sender columns', () => {
    const both = withSender([body.items[0].sender, { pid: 7, pfname: null, plname: null, cid: null, cname: null }]);
    expect(both.senders).toEqual([
      { personId: 201, firstName: 'Marcus', lastName: 'Leen', companyId: 76, companyName: 'Henderson Inc' },
      { personId: 7, firstName: null, lastName: null, companyId: null, companyName: null },
    ]);
    expect(both).toMatchObject({ id: traces[0]!.id, senderPersonId: 201, senderFirstName: 'Marcus' });
  });

  it('reads an absent sender, message and deadline as null', () => {
    const t = tracesOf({ items: [{ date: '2022-11-11T14:48:36Z', status: 1, statust: 'New' }] }, '1')[0]!;
    expect(t).toMatchObject({ message: null, deadline: null, senderPersonId: null, senderFirstName: null, senders: [] });
    expect(withSender([]).senderPersonId).toBeNull();
  });

  it('refuses bad records with their path', () => {
    expect(errorOf(() => withSender({ pfname: 'x' })).message).toBe('items[0].sender.pid: missing');
    expect(errorOf(() => withSender([{ pid: 'x' }])).message).toBe('items[0].sender[0].pid: not an integer');
    expect(errorOf(() => withSender({ pid: 2 ** 40 })).message).toBe('items[0].sender.pid: out of range for a 32-bit integer');
    expect(errorOf(() => normaliseTracesBody({ ...body, count: 'many' }, '1')).message).toBe('count: not an integer');
    const bad = { ...body, items: [body.items[0], { ...body.items[1], date: '11.11.2022' }] };
    expect(errorOf(() => normaliseTracesBody(bad, '1')).message).toBe('items[1].date: not a date-time');
    expect(errorOf(() => normaliseTracesBody({ ...body, items: [{ ...body.items[0], statust: null }] }, '1')).message)
      .toBe('items[0].statust: must not be null');
  });
});

describe('order links', () => {
  it('reads the bare array, numeric ids as strings', () => {
    expect(normaliseOrderLinksBody([
      { system: 'status-history', externalId: '416', orderId: 'c1' },
      { system: 'history-changes', externalId: 7001, orderId: 'c2' },
    ])).toEqual([
      { system: 'status-history', externalId: '416', orderId: 'c1' },
      { system: 'history-changes', externalId: '7001', orderId: 'c2' },
    ]);
  });

  it('refuses an unknown system, a missing id and a body that is not an array', () => {
    expect(errorOf(() => normaliseOrderLinksBody([{ system: 'orders', externalId: '1', orderId: 'c' }])).message)
      .toBe('[0].system: not one of action-logs, traces, status-history, history-changes');
    expect(errorOf(() => normaliseOrderLinksBody([{ system: 'traces', externalId: '' , orderId: 'c' }])).message)
      .toBe('[0].externalId: empty');
    expect(errorOf(() => normaliseOrderLinksBody({ links: [] })).message).toBe('(body): not an array');
    expect(errorOf(() => normaliseOrderLinksBody(null)).message).toBe('(body): must not be null');
  });
});
