/**
 * The budget per key: every answer says what is left, an operation the budget does not cover is
 * refused with 429 before anything runs, the window's end refills it, and two replicas on one
 * database spend from one budget. The windows' clock is the test's, so nothing depends on timing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cursorSecret } from '../src/auth/secrets.js';
import { buildYoga, type Gateway } from '../src/yoga.js';
import { openTestApp, TEST_LIMITS, type GraphQLResponse, type TestApp } from './support/app.js';

const POINTS = 100;
const WINDOW_MS = 60_000;
const QUERY = '{ orders(first: 3) { nodes { id } } }';

let app: TestApp;
let key: string;
let now = 7 * WINDOW_MS; // the start of a window
const clock = () => now;

beforeAll(async () => {
  app = await openTestApp({ rateLimitPoints: POINTS, rateLimitWindowMs: WINDOW_MS, clock });
  ({ viewer: key } = await app.merchant('shop-budget'));
});
afterAll(() => app.close());

async function send(gateway: Gateway, query = QUERY, as = key): Promise<GraphQLResponse> {
  const response = await gateway.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${as}` },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const remaining = (response: GraphQLResponse) => Number(response.headers.get('x-ratelimit-remaining'));

describe('the budget per key', () => {
  it('is spent by each operation, shown in headers and extensions.cost, then refuses with 429 and runs nothing', async () => {
    const first = await send(app.yoga);
    expect(first.status).toBe(200);
    const cost = first.body.extensions.cost.requested as number;
    expect(cost).toBeGreaterThan(1);
    expect(first.headers.get('x-ratelimit-limit')).toBe(String(POINTS));
    expect(remaining(first)).toBe(POINTS - cost);
    expect(first.headers.get('x-ratelimit-reset')).toBe(String((now + WINDOW_MS) / 1000));
    expect(first.body.extensions.cost).toMatchObject({ remaining: POINTS - cost, resetAt: new Date(now + WINDOW_MS).toISOString() });

    let left = POINTS - cost;
    while (left >= cost) {
      const next = await send(app.yoga);
      expect(next.status).toBe(200);
      left -= cost;
      expect(remaining(next)).toBe(left);
    }

    now += 15_000; // 45 s before the window ends
    let refused!: GraphQLResponse;
    const statements = await app.statementsDuring(async () => (refused = await send(app.yoga)));
    expect(refused.status).toBe(429);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(refused.body.errors[0].message).toMatch(new RegExp(`costs ${cost} points and this key has ${left} left`));
    expect(refused.headers.get('retry-after')).toBe('45');
    expect(remaining(refused)).toBe(left);
    expect(refused.body.extensions.cost.remaining).toBe(left);
    expect(statements).toEqual([]);
  });

  it('still answers what costs less than what is left, and says so on an answer that ran nothing', async () => {
    const cheap = await send(app.yoga, '{ viewer { merchantId } }');
    expect(cheap.status).toBe(200);
    const malformed = await send(app.yoga, '{ viewer { ');
    expect(malformed.body.errors[0].message).toMatch(/Syntax Error/);
    expect(remaining(malformed)).toBe(remaining(cheap));
  });

  it('is whole again when the window ends', async () => {
    now = 8 * WINDOW_MS;
    const refilled = await send(app.yoga);
    expect(refilled.status).toBe(200);
    expect(remaining(refilled)).toBe(POINTS - refilled.body.extensions.cost.requested);
  });

  it('is one budget for two replicas on one database, synced in the background', async () => {
    now = 20 * WINDOW_MS;
    const secret = await cursorSecret(app.database, undefined);
    const settings = { ...TEST_LIMITS, rateLimitPoints: POINTS, rateLimitWindowMs: WINDOW_MS, clock, cursorSecret: secret };
    const replicaA = buildYoga(app.database, settings);
    const replicaB = buildYoga(app.database, { ...settings, syncIntervalMs: 50 });
    try {
      const first = await send(replicaA);
      const cost = first.body.extensions.cost.requested as number;
      let spentOnA = cost;
      while (POINTS - spentOnA >= cost) {
        expect((await send(replicaA)).status).toBe(200);
        spentOnA += cost;
      }
      await replicaA.replicas.tick();
      // B has not seen the key: it admits one (its overspend bound), then its own sync tells it the total.
      const onB = await send(replicaB);
      expect(onB.status).toBe(200);
      expect(remaining(onB)).toBe(POINTS - cost);
      let refusedOnB: GraphQLResponse | undefined;
      for (let attempt = 0; attempt < 600 && !refusedOnB; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const probe = await send(replicaB, '{ viewer { merchantId } }');
        if (remaining(probe) < POINTS - cost - 1) refusedOnB = await send(replicaB);
      }
      expect(refusedOnB?.status).toBe(429);
      expect(remaining(refusedOnB!)).toBeLessThan(cost);
      // A still sees points left of its own, until its next sync tells it what B spent.
      expect(POINTS - spentOnA).toBeGreaterThan(0);
      await replicaA.replicas.tick();
      expect((await send(replicaA, '{ viewer { merchantId } }')).status).toBe(429);
    } finally {
      await replicaA.dispose();
      await replicaB.dispose();
    }
  });
});

describe('RATE_LIMIT_POINTS=0', () => {
  it('turns budgets off: no headers, no remaining', async () => {
    const free = await openTestApp();
    try {
      const { viewer } = await free.merchant('shop-free');
      const response = await free.gql(QUERY, {}, viewer);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-ratelimit-limit')).toBeNull();
      expect(response.body.extensions.cost).toEqual({ requested: expect.any(Number), limit: TEST_LIMITS.maxCost });
    } finally {
      await free.close();
    }
  });
});
