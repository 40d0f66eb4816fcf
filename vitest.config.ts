import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql 16 ships CJS and ESM copies; Node (and so @apollo/*) loads the CJS one, so tests must too,
  // or two copies of the schema classes meet.
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    globalSetup: ['./test/support/global-setup.ts'],
    include: ['test/**/*.test.ts'],
    // Generous: no assertion depends on timing, and a busy machine may take several times as long
    // to spawn the processes some tests run (servers, commands, PostgreSQL).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
