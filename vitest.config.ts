import { defineConfig } from 'vitest/config';

/**
 * With TEST_THROUGH_PGBOUNCER=1 (and DATABASE_URL), the tests that query through the gateway, run
 * with every test database reached through a PgBouncer in transaction pooling mode.
 */
const THROUGH_PGBOUNCER = [
  'access', 'action-logs', 'batching', 'budget', 'errors', 'federation', 'gateway', 'history-changes', 'keys',
  'live-history', 'live-history-processes', 'orders', 'orders-pagination', 'pagination', 'persisted', 'server',
  'sql-per-request', 'status-history', 'sync-worker', 'timeline', 'traces', 'translations', 'upstream-leaves',
].map((name) => `test/${name}.test.ts`);

export default defineConfig({
  // graphql 16 ships CJS and ESM copies; Node (and so @apollo/*) loads the CJS one, so tests must too,
  // or two copies of the schema classes meet.
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    globalSetup: ['./test/support/global-setup.ts'],
    include: process.env.TEST_THROUGH_PGBOUNCER === '1' ? THROUGH_PGBOUNCER : ['test/**/*.test.ts'],
    // Generous: no assertion depends on timing, and a busy machine may take several times as long
    // to spawn the processes some tests run (servers, commands, PostgreSQL).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
