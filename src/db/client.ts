/**
 * One database interface over two drivers: PGlite (embedded, the default) and postgres.js (a real
 * server). Everything above this file sees only `Database`.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** A drizzle handle: the database itself or a transaction inside it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type StatementListener = (statement: string) => void;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** Runs raw SQL and returns its rows, the same shape on both drivers. */
  rows<T = Record<string, unknown>>(query: SQL, on?: Db): Promise<T[]>;
  /** Resolves while the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Calls `listener` with every statement sent; returns the unsubscribe. Tests count with it. */
  onStatement(listener: StatementListener): () => void;
  /**
   * Brings the planner's statistics up to date after a bulk write. PGlite runs no autovacuum, so
   * without this it would plan every query as if the tables were still empty; a server's
   * autovacuum does it by itself.
   */
  refreshStatistics(): Promise<void>;
}

function statementHub() {
  const listeners = new Set<StatementListener>();
  return {
    logger: { logQuery: (statement: string) => listeners.forEach((listen) => listen(statement)) },
    subscribe(listener: StatementListener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir ? { dataDir } : {});
  const hub = statementHub();
  const db = drizzlePglite(client, { schema, logger: hub.logger }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    rows: (query, on = db) => rowsOf(on, query),
    ping: async () => void (await client.query('select 1')),
    close: () => client.close(),
    onStatement: hub.subscribe,
    refreshStatistics: async () => void (await client.exec('analyze')),
  };
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const client = postgres(url, { max: poolSize, onnotice: () => {} });
  const hub = statementHub();
  const db = drizzlePostgres(client, { schema, logger: hub.logger }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    rows: (query, on = db) => rowsOf(on, query),
    ping: async () => void (await client`select 1`),
    close: () => client.end({ timeout: 5 }),
    onStatement: hub.subscribe,
    refreshStatistics: async () => {},
  };
}

export function openDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  poolSize?: number;
}): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize)
    : openPglite(options.dataDir);
}
