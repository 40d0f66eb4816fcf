/**
 * `runSync` against the fake upstreams on loopback, into a real database: full copy, incremental
 * copy (delivery changes included), resuming after a failed run, order search past its window, and
 * retries. The CLI, its 401 and the kill-and-resume test are in sync-cli.test.ts.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { orders } from '../src/db/schema.js';
import { SyncError } from '../src/ingest/errors.js';
import { createClient, retryAfterMs, type RetryEvent } from '../src/ingest/sync/http.js';
import { runSync, SYNC_SOURCES, type SyncOptions } from '../src/ingest/sync/index.js';
import {
  addHistoryChange, addOrder, addStatusEntry, buildStore, shipOrder, smallOrderStore, updateOrder,
  type UpstreamStore,
} from './fake-upstream/fixtures.js';
import { contents, counts, importStore, storeCounts, writeLinks } from './fake-upstream/expected.js';
import { startFakeUpstream, type FakeUpstream } from './fake-upstream/server.js';
import { openTestApp, type TestApp } from './support/app.js';

const SEARCH = '/v1/orders/search';

function sync(fake: FakeUpstream, options: Partial<SyncOptions> = {}) {
  return runSync({
    database: app.database,
    merchantId: fake.store.merchantId,
    sources: SYNC_SOURCES,
    baseUrl: fake.url,
    token: fake.token,
    perPage: 20,
    baseDelayMs: 5,
    write: () => {},
    ...options,
  });
}

let app: TestApp;
/** Where each store is imported directly, to compare with; re-importing a grown store is the same as importing it anew. */
let reference: TestApp;
beforeAll(async () => {
  [app, reference] = await Promise.all([openTestApp(), openTestApp()]);
});
afterAll(() => Promise.all([app?.close(), reference?.close()]));

/** The database holds exactly what a direct import of the store gives: same rows, same contents. */
async function expectMirrors(store: UpstreamStore) {
  await importStore(reference.database.db, store);
  const want = await contents(reference.database.db, store.merchantId);
  const got = await contents(app.database.db, store.merchantId);
  expect(counts(got)).toEqual(counts(want));
  expect(got).toEqual(want);
  return got;
}

const requestsTo = (fake: FakeUpstream, pattern: RegExp) => fake.log.filter((entry) => pattern.test(entry.path));
const orderIdsIn = (fake: FakeUpstream, pattern: RegExp) =>
  requestsTo(fake, pattern).map((entry) => decodeURIComponent(entry.path.split('/')[3] ?? '')).sort();

describe('sync from the five upstreams', () => {
  let store: UpstreamStore;
  let fake: FakeUpstream;
  beforeAll(async () => {
    store = buildStore({ ordersPerMerchant: 40 });
    fake = await startFakeUpstream({ store });
    await writeLinks(app.database.db, store);
  });
  afterAll(() => fake?.close());

  it('copies everything on the first run: the database equals the upstreams', async () => {
    const result = await sync(fake);
    const got = await expectMirrors(store);
    const want = storeCounts(store);
    expect(counts(got)).toMatchObject(want);
    expect(result.sources.map((s) => [s.source, s.rows])).toEqual([
      ['orders', want.orders], ['status-history', want.statusHistory], ['history-changes', want.historyChanges],
      ['action-logs', want.actionLogs], ['traces', want.traces],
    ]);
    // Order search by previous_id only; every order's logs and traces asked for once.
    for (const entry of requestsTo(fake, /^\/v1\/orders\/search$/)) expect(entry.query.has('page')).toBe(false);
    expect(orderIdsIn(fake, /\/action_logs$/)).toEqual([...store.orders.keys()].sort());
    expect(orderIdsIn(fake, /^\/api\/orders\/.+\/traces$/)).toEqual([...store.orders.keys()].sort());
  });

  it("serves an order's merged timeline through GraphQL", async () => {
    const linked = (system: string, id: string) =>
      store.orderLinks.filter((l) => l.system === system && l.orderId === id).map((l) => Number(l.externalId));
    const expected = (id: string) => ({
      ACTION_LOG: store.actionLogs.get(id)?.length ?? 0,
      TRACE: store.traces.get(id)?.items.length ?? 0,
      STATUS_HISTORY: store.statusHistory.filter((e) => linked('status-history', id).includes(e.orderId)).length,
      CHANGE_HISTORY: store.historyChanges.filter((r) => linked('history-changes', id).includes(r.order.id)).length,
    });
    const sample = [...store.orders.keys()].find((id) => Object.values(expected(id)).every((n) => n > 0));
    expect(sample).toBeDefined();
    const keys = await app.merchant(store.merchantId);
    const response = await app.gql(
      'query ($id: ID!) { order(id: $id) { id timeline(first: 100) { totalCount nodes { source } } } }',
      { id: sample },
      keys.viewer,
    );
    expect(response.body.errors).toBeUndefined();
    const timeline = response.body.data.order.timeline;
    const bySource: Record<string, number> = {};
    for (const node of timeline.nodes as { source: string }[]) bySource[node.source] = (bySource[node.source] ?? 0) + 1;
    expect(bySource).toEqual(expected(sample as string));
    expect(timeline.totalCount).toBe(timeline.nodes.length);
  });

  it('then fetches only what changed, a delivery change that leaves updated_at alone included', async () => {
    const lastChangeId = Math.max(...store.historyChanges.map((r) => r.id as number));
    const newest = Math.max(...store.statusHistory.map((e) => Date.parse(e.createdAt)));
    // Status history is asked from a second before the newest entry it has seen.
    const atNewest = store.statusHistory.filter((e) => Date.parse(e.createdAt) >= newest - 1000).length;
    const existing = [...store.orders.values()];
    const updated = existing[3]!.id as string;
    const shippable = existing.find((o) => o.id !== updated && o.order_delivery.shipped_at === null)!;
    const shipped = shippable.id as string;
    const updatedAtBefore = shippable.updated_at as string;

    const now = Date.now();
    const created = [addOrder(store, now), addOrder(store, now + 1)];
    updateOrder(store, updated, now);
    shipOrder(store, shipped, now);
    expect(store.orders.get(shipped)!.updated_at).toBe(updatedAtBefore);
    const statusId = addStatusEntry(store, store.statusHistory[0]!.orderId as number, now);
    const changeId = addHistoryChange(store, store.historyChanges[0]!.order, now);
    fake.log.length = 0;

    const result = await sync(fake);

    const changed = [...created, updated, shipped].sort();
    expect(result.sources.find((s) => s.source === 'orders')?.rows).toBe(changed.length);
    // Every search is filtered by a change time; logs and traces only for the changed orders.
    for (const entry of requestsTo(fake, /^\/v1\/orders\/search$/)) {
      expect([...entry.query.keys()].some((key) => /^(updated|shipped|arrived|collected|returned)_after$/.test(key))).toBe(true);
    }
    const shippedPass = requestsTo(fake, /^\/v1\/orders\/search$/).filter((e) => e.query.has('shipped_after'));
    expect(shippedPass.flatMap((e) => e.ids)).toContain(shipped);
    expect(orderIdsIn(fake, /\/action_logs$/)).toEqual(changed);
    expect(orderIdsIn(fake, /^\/api\/orders\/.+\/traces$/)).toEqual(changed);
    const [history] = requestsTo(fake, /^\/api\/v5\/orders\/history$/);
    expect(history?.query.get('sinceId')).toBe(String(lastChangeId));
    expect(history?.items).toBe(1);
    const [status] = requestsTo(fake, /^\/rest\/orders\/status-history$/);
    expect(status?.query.get('createdAtFrom')).toBe(new Date(newest - 1000).toISOString().replace('.000Z', '+00:00'));
    expect(status?.items).toBe(atNewest + 1);

    await expectMirrors(store);
    const [row] = await app.database.db.select().from(orders).where(eq(orders.id, shipped));
    expect(row).toMatchObject({ deliveryStatus: 'shipped', updatedAt: new Date(updatedAtBefore) });
    expect(statusId).toBeGreaterThan(0);
    expect(changeId).toBeGreaterThan(lastChangeId);
  });
});

describe('resuming after a failed run', () => {
  it('continues from the checkpoint and ends equal to a clean copy', async () => {
    const store = buildStore({ ordersPerMerchant: 30, merchantId: 'demo-b' });
    const fake = await startFakeUpstream({ store });
    try {
      await writeLinks(app.database.db, store);
      // Fails on the third order-search page, then on the 15th action-log request.
      fake.fault({ match: (path) => path === SEARCH && fake.log.filter((e) => e.path === SEARCH).length === 2, kind: 'status', status: 503 });
      await expect(sync(fake, { maxRetries: 0, perPage: 10 })).rejects.toThrow(/gave up on .* after 1 attempts: HTTP 503/);
      const stoppedAfter = fake.log.filter((e) => e.path === SEARCH && e.status === 200).at(-1)!;
      fake.fault({ match: (path) => path.endsWith('/action_logs') && fake.log.filter((e) => e.path.endsWith('/action_logs')).length === 14, kind: 'status', status: 500 });
      await expect(sync(fake, { maxRetries: 0, perPage: 10 })).rejects.toThrow(/HTTP 500/);
      const resumed = fake.log.filter((e) => e.path === SEARCH && e.status === 200)[2]!;
      expect(resumed.query.get('previous_id')).toBe(stoppedAfter.ids.at(-1));
      await sync(fake, { perPage: 10 });
      await expectMirrors(store);
    } finally {
      await fake.close();
    }
  });
});

describe('order search past its page window', () => {
  it('walks by previous_id, never asking for page * per_page over the window', async () => {
    const store = smallOrderStore(130, 'window-shop');
    const fake = await startFakeUpstream({ store, window: 50 });
    try {
      const refused = await fetch(`${fake.url}${SEARCH}?page=6&per_page=10`, { headers: { authorization: `Bearer ${fake.token}` } });
      expect(refused.status).toBe(422);
      await sync(fake, { sources: ['orders'], perPage: 10 });
      const searches = requestsTo(fake, /^\/v1\/orders\/search$/).filter((e) => e.status === 200);
      const copy = searches.filter((e) => ![...e.query.keys()].some((key) => key.endsWith('_after')));
      expect(copy.length).toBeGreaterThan(50 / 10);
      for (const entry of searches) expect(entry.query.has('page')).toBe(false);
      expect(copy.slice(1).every((entry) => entry.query.has('previous_id'))).toBe(true);
      expect(counts(await contents(app.database.db, store.merchantId)).orders).toBe(130);
    } finally {
      await fake.close();
    }
  });
});

describe('retries', () => {
  let fake: FakeUpstream;
  let shops = 0;
  beforeEach(async () => {
    fake = await startFakeUpstream({ store: smallOrderStore(30, `retry-shop-${++shops}`) });
  });
  afterEach(() => fake?.close());

  /** Syncs the 30 orders 10 a page, recording retries; the second page is `secondPage`. */
  async function syncRecording(options: Partial<SyncOptions> = {}) {
    const retries: RetryEvent[] = [];
    await sync(fake, { sources: ['orders'], perPage: 10, onRetry: (event) => retries.push(event), ...options });
    return retries;
  }
  /** Every request for the second page of the copy (ids run newest first, 10 a page). */
  const secondPage = (path: string, query: URLSearchParams) =>
    path === SEARCH && query.get('previous_id') === [...fake.store.orders.keys()].sort().reverse()[9];
  const stored = async () => counts(await contents(app.database.db, fake.store.merchantId)).orders;

  it('waits as long as a 429 Retry-After says, then carries on', async () => {
    fake.fault({ match: secondPage, kind: 'status', status: 429, retryAfter: '1' });
    const retries = await syncRecording();
    expect(retries).toEqual([expect.objectContaining({ attempt: 1, reason: 'HTTP 429', delayMs: 1000 })]);
    const refused = fake.log.findIndex((e) => e.status === 429);
    expect(fake.log[refused + 1]!.at - fake.log[refused]!.at).toBeGreaterThanOrEqual(950);
    expect(await stored()).toBe(30);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-06-30T12:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Mon, 30 Jun 2025 12:00:03 GMT', now)).toBe(3000);
    expect(retryAfterMs('Mon, 30 Jun 2025 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });

  it('retries 500s with exponential backoff and full jitter, within bounds', async () => {
    fake.fault({ match: SEARCH, kind: 'status', status: 500, times: 3 });
    const delays: number[] = [];
    const client = createClient({
      baseUrl: fake.url, token: fake.token, baseDelayMs: 100, maxDelayMs: 250, random: () => 1,
      sleep: async (ms) => void delays.push(ms),
    });
    await expect(client.get(SEARCH, { per_page: 5 })).resolves.toMatchObject({ body: { items: expect.any(Array) } });
    expect(delays).toEqual([100, 200, 250]);
  });

  it('retries a 500, then succeeds', async () => {
    fake.fault({ match: secondPage, kind: 'status', status: 500, times: 2 });
    const retries = await syncRecording();
    expect(retries.map((r) => r.reason)).toEqual(['HTTP 500', 'HTTP 500']);
    expect(await stored()).toBe(30);
  });

  it('retries a connection dropped mid-page, then succeeds', async () => {
    fake.fault({ match: secondPage, kind: 'drop' });
    const retries = await syncRecording();
    expect(retries).toHaveLength(1);
    expect(retries[0]!.reason).toBe('connection failed (other side closed)');
    expect(await stored()).toBe(30);
  });

  it('retries a page slower than the timeout', async () => {
    fake.fault({ match: secondPage, kind: 'slow', delayMs: 1500 });
    const retries = await syncRecording({ timeoutMs: 300 });
    expect(retries.map((r) => r.reason)).toEqual(['connection failed (no answer within 300 ms)']);
    expect(await stored()).toBe(30);
  });

  it('gives up after the last attempt, keeping the pages already committed', async () => {
    fake.fault({ match: secondPage, kind: 'status', status: 503, times: 10 });
    const run = syncRecording({ maxRetries: 2 });
    await expect(run).rejects.toThrow(SyncError);
    await expect(run).rejects.toThrow(/^gave up on http:\/\/127\.0\.0\.1:\d+\/v1\/orders\/search\?per_page=10&previous_id=\w+ after 3 attempts: HTTP 503$/);
    expect(await stored()).toBe(10);
  });

  it('stops at once on a 401, naming the URL', async () => {
    const run = sync({ ...fake, token: 'wrong' } as FakeUpstream, { sources: ['orders'], perPage: 10 });
    await expect(run).rejects.toThrow(new SyncError(`the upstream refused the token (401) for ${fake.url}/v1/orders/search?per_page=10`));
    expect(fake.log.map((e) => e.status)).toEqual([401]);
  });
});
