/**
 * A test's gateway: its own copy of the migrated template database (PGlite, or PostgreSQL when
 * DATABASE_URL is set), the Yoga instance over it, and helpers to send GraphQL through
 * `yoga.fetch` and to capture the SQL a request sends.
 */
import { createKey } from '../../src/auth/keys.js';
import { cursorSecret } from '../../src/auth/secrets.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { buildYoga, type YogaOptions } from '../../src/yoga.js';
import { templateCopy } from './database.js';

export interface GraphQLResponse {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface TestApp {
  database: Database;
  yoga: ReturnType<typeof buildYoga>;
  /** Sends an operation as `POST /graphql` with `Authorization: Bearer <key>` (no header when key is null). */
  gql(query: string, variables?: Record<string, unknown>, key?: string | null): Promise<GraphQLResponse>;
  /** Runs `fn` and returns the SQL statements it sent (a key seen before is not looked up again). */
  statementsDuring(fn: () => Promise<unknown>): Promise<string[]>;
  /** Creates a merchant with a viewer and an editor key. */
  merchant(id: string): Promise<{ viewer: string; editor: string }>;
  close(): Promise<void>;
}

/**
 * The default settings, but a known key is remembered long enough never to be looked up twice in
 * a test, no budget (the budget tests set one), and no background sync (it would add statements
 * to those a test counts; `yoga.replicas.tick()` runs one).
 */
export const TEST_LIMITS = { ...loadConfig({}), keyCacheMs: 60_000, rateLimitPoints: 0, syncIntervalMs: 0 };

export async function openTestApp(options: Partial<YogaOptions> = {}): Promise<TestApp> {
  const target = await templateCopy();
  const database = await target.open();
  const secret = await cursorSecret(database, undefined);
  const yoga = buildYoga(database, { ...TEST_LIMITS, cursorSecret: secret, ...options });
  return {
    database,
    yoga,
    async gql(query, variables, key) {
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
      if (key) headers.authorization = `Bearer ${key}`;
      const response = await yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: await response.json() };
    },
    async statementsDuring(fn) {
      const statements: string[] = [];
      const stop = database.onStatement((statement) => statements.push(statement));
      try {
        await fn();
      } finally {
        stop();
      }
      return statements;
    },
    async merchant(id) {
      return {
        viewer: await createKey(database.db, id, 'viewer', { key: `${id}-viewer` }),
        editor: await createKey(database.db, id, 'editor', { key: `${id}-editor` }),
      };
    },
    close: async () => {
      await yoga.dispose();
      await database.close();
      await target.drop();
    },
  };
}
