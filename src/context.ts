/**
 * The per-request context: who is asking, the database, and a memo for per-request loaders.
 * Nothing in it outlives the request.
 */
import type { Database, Db } from './db/client.js';
import type { KeyRole } from './db/schema.js';
import type { HistoryFeed } from './live/feed.js';
import type { CursorCodec } from './schema/pagination/cursor.js';

export interface Principal {
  /** The key's id (`key_…`), never the key. */
  keyId: string;
  merchantId: string;
  role: KeyRole;
}

export interface Context {
  principal: Principal;
  database: Database;
  /** The drizzle handle resolvers query through; a test may hand in a transaction. */
  db: Db;
  /** Signs and checks cursors with the server's secret. */
  cursors: CursorCodec;
  memo: Map<symbol, unknown>;
  /** The live history feed subscriptions read (absent where nothing serves them). */
  feed?: HistoryFeed;
}

export function createContext(
  database: Database,
  principal: Principal,
  cursors: CursorCodec,
  { db = database.db, feed }: { db?: Db; feed?: HistoryFeed } = {},
): Context {
  return { principal, database, db, cursors, memo: new Map(), ...(feed ? { feed } : {}) };
}

/** `database`, with every statement its reads send counted by `onStatement` and its completion. */
export function countingDatabase(database: Database, onStart: () => void, onEnd: () => void): Database {
  return {
    ...database,
    rows: async (query, on) => {
      onStart();
      try {
        return await database.rows(query, on);
      } finally {
        onEnd();
      }
    },
  };
}

/**
 * Declares a value made once per request on first use, such as a DataLoader:
 * `const orderLoader = perRequest((ctx) => new DataLoader(...))`, then `orderLoader(ctx).load(id)`.
 */
export function perRequest<T>(create: (ctx: Context) => T): (ctx: Context) => T {
  const key = Symbol();
  return (ctx) => {
    if (!ctx.memo.has(key)) ctx.memo.set(key, create(ctx));
    return ctx.memo.get(key) as T;
  };
}
