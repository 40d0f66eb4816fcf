/**
 * Live history through HTTP: `Query.events` and `Subscription.historyEvents` over Server-Sent
 * Events, fed by records written through the import's own path (NOTIFY at commit), on PGlite and
 * PostgreSQL. Across processes (import in one, two servers delivering, WebSocket) see
 * live-history-processes.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashKey, keyIdOf, revokeKey } from '../src/auth/keys.js';
import { importFile } from '../src/ingest/import/import-file.js';
import { upstreamFixture } from './fixtures/upstream/index.js';
import { openTestApp, type TestApp } from './support/app.js';
import { sseEvents, type SseStream } from './support/sse.js';

const dir = mkdtempSync(join(tmpdir(), 'ohg-live-'));
let app: TestApp;
let keyA: string;
let keyB: string;
let written = 0;

/** Writes one action log per reason through the import path; each record is new (its reason is). */
async function writeActionLogs(merchant: string, order: string, reasons: string[], at = new Date()): Promise<void> {
  const items = reasons.map((reason, i) => ({
    key: 'updated_status',
    data: { updated_status: 'confirmed', reason },
    created_at: new Date(at.getTime() + i).toISOString(),
    performer_name: 'shop',
    performer_type: 'User',
    performer_id: 'staff-1',
  }));
  const file = join(dir, `logs-${written++}.json`);
  writeFileSync(file, JSON.stringify({ items }));
  await importFile(app.database.db, merchant, { file, source: 'action-logs', orderId: order });
}

const SUBSCRIPTION = `subscription($orderId: ID, $sources: [HistorySource!], $after: String) {
  historyEvents(orderId: $orderId, sources: $sources, after: $after) {
    __typename source summary order { id }
    ... on UpdatedStatusLog { reason }
  }
}`;

async function subscribe(variables: Record<string, unknown>, key = keyA, target = app): Promise<SseStream & { response: Response }> {
  const response = await target.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: SUBSCRIPTION, variables }),
  });
  const stream = sseEvents(response);
  await stream.started();
  return Object.assign(stream, { response });
}

/** The reason of the next record the stream delivers (failing on an error or the end). */
async function nextReason(stream: SseStream): Promise<string> {
  const event = await stream.next();
  expect(event?.event).toBe('next');
  expect(event!.data.errors).toBeUndefined();
  return event!.data.data.historyEvents.reason;
}

beforeAll(async () => {
  app = await openTestApp();
  keyA = (await app.merchant('live-a')).viewer;
  keyB = (await app.merchant('live-b')).viewer;
  await app.yoga.feed.listening();
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Subscription.historyEvents over SSE', () => {
  it("delivers each record of the key's merchant as it is written, never another merchant's", async () => {
    const stream = await subscribe({});
    expect(stream.response.headers.get('content-type')).toMatch(/text\/event-stream/);
    await writeActionLogs('live-b', 'order-b1', ['b-only']);
    await writeActionLogs('live-a', 'order-a1', ['a-first', 'a-second']);
    expect(await nextReason(stream)).toBe('a-first');
    expect(await nextReason(stream)).toBe('a-second');
    await stream.close();
  });

  it('keeps to one order and to the sources asked for', async () => {
    const stream = await subscribe({ orderId: 'order-a2', sources: ['ACTION_LOG'] });
    await writeActionLogs('live-a', 'order-a1', ['other order']);
    await writeActionLogs('live-a', 'order-a2', ['this order']);
    const event = await stream.next();
    expect(event!.data.data.historyEvents).toMatchObject({ reason: 'this order', source: 'ACTION_LOG', order: null });
    await stream.close();
    const traces = await subscribe({ sources: ['TRACE'] });
    await writeActionLogs('live-a', 'order-a2', ['not a trace']);
    await expect(traces.next(1_500)).rejects.toThrow(/no SSE event/);
    await traces.close();
  });

  it('resumes after a cursor of events: what was written since the page, once, then live records', async () => {
    const page = await app.gql('{ events(first: 1) { edges { cursor } } }', {}, keyA);
    const cursor = page.body.data.events.edges[0].cursor;
    await writeActionLogs('live-a', 'order-a3', ['between page and subscription']);
    const stream = await subscribe({ after: cursor });
    expect(await nextReason(stream)).toBe('between page and subscription');
    await writeActionLogs('live-a', 'order-a3', ['live after resume']);
    expect(await nextReason(stream)).toBe('live after resume');
    await stream.close();
  });

  it("resumes after a cursor of an order's timeline", async () => {
    await importFile(app.database.db, 'live-a', { file: fileURLToPath(new URL('./fixtures/upstream/order-search.json', import.meta.url)), source: 'orders' });
    const orderId = String(upstreamFixture('order-search').items[0].id);
    await writeActionLogs('live-a', orderId, ['seen on the page']);
    const page = await app.gql('query($id: ID!) { order(id: $id) { timeline(first: 1) { edges { cursor } } } }', { id: orderId }, keyA);
    const cursor = page.body.data.order.timeline.edges[0].cursor;
    await writeActionLogs('live-a', orderId, ['after the timeline page'], new Date(Date.now() + 1_000));
    const stream = await subscribe({ orderId, after: cursor });
    expect(await nextReason(stream)).toBe('after the timeline page');
    await stream.close();
  });

  it('refuses a cursor of another list or merchant before the stream opens', async () => {
    const other = await app.gql('{ events(first: 1) { edges { cursor } } }', {}, keyB);
    for (const after of ['garbage', other.body.data.events.edges[0].cursor]) {
      const stream = await subscribe({ after });
      const event = await stream.next();
      expect(event!.data.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(event!.data.errors[0].message).toMatch(/`after` is not a cursor of `events`/);
      await stream.close();
    }
  });

  it('closes the stream of a key that is revoked', async () => {
    const stream = await subscribe({}, keyB);
    await revokeKey(app.database, keyIdOf(hashKey(keyB)));
    const event = await stream.next();
    expect(event!.data.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await stream.next()).toMatchObject({ event: 'complete' });
    expect(app.yoga.feed.open).toBe(0);
  });
});

describe('bounds', () => {
  let bounded: TestApp;
  let key: string;
  beforeAll(async () => {
    bounded = await openTestApp({ maxSubscriptionsPerKey: 2, maxQueuedEvents: 5 });
    key = (await bounded.merchant('live-c')).viewer;
    await bounded.yoga.feed.listening();
  });
  afterAll(() => bounded.close());

  it('allows MAX_SUBSCRIPTIONS_PER_KEY streams per key, and one more once one closes', async () => {
    const open = [await subscribe({}, key, bounded), await subscribe({}, key, bounded)];
    const refused = await subscribe({}, key, bounded);
    const event = await refused.next();
    expect(event!.data.errors[0].extensions.code).toBe('TOO_MANY_SUBSCRIPTIONS');
    expect(event!.data.errors[0].message).toMatch(/MAX_SUBSCRIPTIONS_PER_KEY/);
    await open[0]!.close();
    await expect.poll(() => bounded.yoga.feed.open).toBe(1);
    const again = await subscribe({}, key, bounded);
    expect(bounded.yoga.feed.open).toBe(2);
    await Promise.all([open[1]!.close(), again.close()]);
  });

  it('drops a consumer that falls behind instead of buffering without bound', async () => {
    const stream = await subscribe({}, key, bounded);
    const reasons = Array.from({ length: 40 }, (_, i) => `burst ${i}`);
    const file = join(dir, 'burst.json');
    writeFileSync(
      file,
      JSON.stringify({ items: reasons.map((reason, i) => ({ key: 'updated_status', data: { reason }, created_at: new Date(Date.now() + i).toISOString() })) }),
    );
    await importFile(bounded.database.db, 'live-c', { file, source: 'action-logs', orderId: 'order-c1' });
    await expect.poll(() => bounded.yoga.feed.open).toBe(0);
    const events = [];
    for (let event = await stream.next(); event && event.event === 'next'; event = await stream.next()) events.push(event);
    expect(events.length).toBeLessThan(reasons.length);
    expect(events.at(-1)!.data.errors[0].extensions.code).toBe('SLOW_CONSUMER');
  });
});

describe('Query.events', () => {
  it("lists every source's records of the merchant, newest first, with the timeline's filters", async () => {
    const all = await app.gql('{ events(first: 100) { totalCount nodes { source occurredAt order { id } } } }', {}, keyA);
    const nodes = all.body.data.events.nodes;
    expect(nodes.length).toBeGreaterThan(5);
    const times = nodes.map((n: { occurredAt: string }) => n.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
    const filtered = await app.gql(
      `{ events(filter: { orderId: "order-a2", keys: ["updated_status"], since: "2000-01-01T00:00:00Z" }) { nodes { ... on UpdatedStatusLog { reason } } } }`,
      {},
      keyA,
    );
    expect(filtered.body.data.events.nodes.map((n: { reason: string }) => n.reason).sort()).toEqual(['not a trace', 'this order']);
    const none = await app.gql('{ events(filter: { keys: ["updated_status"], sources: [TRACE] }) { totalCount } }', {}, keyA);
    expect(none.body.data.events.totalCount).toBe(0);
    const stranger = (await app.merchant('live-d')).viewer;
    const other = await app.gql('{ events { totalCount } }', {}, stranger);
    expect(other.body.data.events.totalCount).toBe(0);
  });

  it('walks forward through the whole list without repeats, and refuses an empty range', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { body: { data: { events: { edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean } } } } } =
        await app.gql('query($after: String) { events(first: 3, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage } } }', { after }, keyA);
      const { edges, pageInfo } = page.body.data.events;
      seen.push(...edges.map((edge) => edge.node.id));
      if (!pageInfo.hasNextPage) break;
      after = edges.at(-1)!.cursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    const total = await app.gql('{ events { totalCount } }', {}, keyA);
    expect(seen.length).toBe(total.body.data.events.totalCount);
    const empty = await app.gql('{ events(filter: { since: "2025-02-01T00:00:00Z", until: "2025-01-01T00:00:00Z" }) { totalCount } }', {}, keyA);
    expect(empty.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.since' });
  });
});
