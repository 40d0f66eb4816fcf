/**
 * One database interface over two drivers: PGlite (embedded, the default) and postgres.js (a real
 * server). Everything above this file sees only `Database`.
 *
 * Writes go through drizzle. Reads of the request path (`rows`) go to the driver itself: a
 * prepared statement on postgres.js (PostgreSQL then plans each statement once per connection),
 * and raw rows, with timestamps as the text PostgreSQL sends in a UTC session, which
 * `pagination/columns.ts` turns into ISO 8601 without building a Date.
 */
import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { SQL } from 'drizzle-orm';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema.js';
import { lockDataDir } from './embedded-lock.js';
import { restoreTemplate, TEMPLATE_DIR } from './pglite-template.js';
import { DatabaseUnavailable } from './unavailable.js';

export type Schema = typeof schema;
/** A drizzle handle: the database itself or a transaction inside it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type StatementListener = (statement: string) => void;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** Runs raw SQL and returns its rows, the same shape on both drivers; `on` runs it in a transaction. */
  rows<T = Record<string, unknown>>(query: SQL, on?: Db): Promise<T[]>;
  /** Resolves while the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * Calls `onMessage` with each NOTIFY payload on `channel`, from any process on a server (from this
   * one on PGlite, which only this process can open); resolves, listening, to the unsubscribe.
   */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /** NOTIFY: delivered to every listener once the surrounding transaction (if any) commits. */
  notify(channel: string, payload: string): Promise<void>;
  /**
   * Session advisory locks on every one of `names`, held until the returned release (on a server,
   * on a direct connection of their own, which dies with the process); null, holding none, when
   * another session holds one of them.
   */
  tryLock(names: readonly string[]): Promise<(() => Promise<void>) | null>;
  /** Calls `listener` with every statement sent; returns the unsubscribe. Tests count with it. */
  onStatement(listener: StatementListener): () => void;
  /**
   * Brings the planner's statistics up to date after a bulk write. PGlite runs no autovacuum, so
   * without this it would plan every query as if the tables were still empty; a server's
   * autovacuum does it by itself.
   */
  refreshStatistics(): Promise<void>;
}

const dialect = new PgDialect();

/** The first key of every named lock (the second is the name's hash); the migrations' lock is a single key. */
const NAMED_LOCKS = 7_240_002;
const TRY_LOCK = `select bool_and(pg_try_advisory_lock(${NAMED_LOCKS}, hashtext(name))) as held from unnest($1::text[]) as name`;
const UNLOCK = `select pg_advisory_unlock(${NAMED_LOCKS}, hashtext(name)) from unnest($1::text[]) as name`;

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

const asText = (value: string) => value;
/** Timestamps stay text, as on postgres.js under drizzle. */
const PGLITE_PARSERS = { [types.TIMESTAMPTZ]: asText, [types.TIMESTAMP]: asText, [types.DATE]: asText };

/**
 * Opens the embedded database in `dataDir` (in memory without one). A directory with no database
 * yet gets a copy of `template`, the build's migrated one, when it matches the migrations.
 */
const PGLITE_SHARED_BUFFERS = '32MB';

export async function openPglite(dataDir: string | undefined, { template = TEMPLATE_DIR } = {}): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const release = dataDir ? lockDataDir(dataDir) : () => {};
  let client: PGlite;
  try {
    // Under the lock, so two processes never copy into one directory.
    if (dataDir) restoreTemplate(dataDir, template);
    // The extensions the migrations create (the order search's trigram index). PGlite's 128 MB of
    // shared buffers cost half a second at every start; one process and one connection need less.
    client = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      extensions: { pg_trgm, btree_gin },
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    });
  } catch (error) {
    release();
    throw error;
  }
  await client.exec(`set time zone 'UTC'`);
  const hub = statementHub();
  const db = drizzlePglite(client, { schema, logger: hub.logger }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    async rows<T>(query: SQL, on?: Db) {
      if (on && on !== db) return rowsOf<T>(on, query);
      const { sql: text, params } = dialect.sqlToQuery(query);
      hub.logger.logQuery(text);
      return (await client.query<T>(text, params, { rowMode: 'object', parsers: PGLITE_PARSERS })).rows;
    },
    ping: async () => void (await client.query('select 1')),
    listen: (channel, onMessage) => client.listen(channel, onMessage),
    notify: async (channel, payload) => void (await client.query('select pg_notify($1, $2)', [channel, payload])),
    async tryLock(names) {
      const [row] = (await client.query<{ held: boolean }>(TRY_LOCK, [names])).rows;
      // Session locks stack: what this call took is given back whether or not it got them all.
      const release = async () => void (await client.query(UNLOCK, [names]));
      if (row?.held) return release;
      await release();
      return null;
    },
    close: async () => {
      await client.close();
      release();
    },
    onStatement: hub.subscribe,
    refreshStatistics: async () => void (await client.exec('analyze')),
  };
}

export interface PostgresOptions {
  poolSize?: number;
  /** Prepared statements (off behind a transaction-pooling PgBouncer). */
  prepare?: boolean;
  /**
   * Cancels a statement that runs longer (the server's request path; 0: none). `rows` also gives
   * up on a statement this much later than that, queued or not, so no request waits on a
   * database that does not answer.
   */
  statementTimeoutMs?: number;
  /**
   * The same server without a transaction pooler in between, for LISTEN: a pooler hands each
   * statement to any server connection, so a LISTEN there would hear nothing (default: `url`).
   */
  directUrl?: string | undefined;
}

/** How long a connection attempt may take before the database counts as unreachable. */
const CONNECT_TIMEOUT_S = 2;
/** Seconds between reconnection attempts: short, so a database back from an outage is used at once. */
const reconnectBackoff = (attempt: number) => Math.min(0.05 * 2 ** attempt, 0.5);
/** `/readyz` says the database is away when it has not answered within this. */
const PING_TIMEOUT_MS = 1_500;

/** `promise`, or DatabaseUnavailable once `ms` have passed (then `onTimeout` runs). */
function within<T>(promise: Promise<T>, ms: number, what: string, onTimeout?: () => void): Promise<T> {
  if (!ms) return promise;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new DatabaseUnavailable(`${what} did not answer within ${ms} ms`));
    }, ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  const prepare = options.prepare ?? true;
  const statementTimeoutMs = options.statementTimeoutMs ?? 0;
  const connection = { TimeZone: 'UTC', ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs } : {}) };
  const common = { connect_timeout: CONNECT_TIMEOUT_S, backoff: reconnectBackoff, onnotice: () => {} };
  const client = postgres(url, { ...common, max: options.poolSize ?? 10, prepare, connection });
  // Readiness has a connection of its own: a busy pool must not make a healthy database look away.
  const probe = postgres(url, { ...common, max: 1, idle_timeout: 30 });
  const direct = options.directUrl && options.directUrl !== url ? postgres(options.directUrl, { ...common, max: 1 }) : undefined;
  const listener = direct ?? client;
  const hub = statementHub();
  // drizzle turns the client's own timestamp parsing off: `rows` then gets text too.
  const db = drizzlePostgres(client, { schema, logger: hub.logger }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    async rows<T>(query: SQL, on?: Db) {
      if (on && on !== db) return rowsOf<T>(on, query);
      const { sql: text, params } = dialect.sqlToQuery(query);
      hub.logger.logQuery(text);
      const pending = client.unsafe(text, params as never[], { prepare });
      const deadline = statementTimeoutMs ? statementTimeoutMs + 1_000 : 0;
      return (await within(pending, deadline, 'a statement', () => void pending.cancel())) as unknown as T[];
    },
    ping: async () => void (await within(probe`select 1`, PING_TIMEOUT_MS, 'the readiness probe')),
    async listen(channel, onMessage) {
      const { unlisten } = await listener.listen(channel, onMessage);
      return unlisten;
    },
    notify: async (channel, payload) => void (await client.notify(channel, payload)),
    async tryLock(names) {
      const session = postgres(options.directUrl ?? url, { ...common, max: 1 });
      const end = async () => void (await session.end({ timeout: 5 }));
      try {
        const [row] = await session.unsafe<{ held: boolean }[]>(TRY_LOCK, [names as string[]]);
        if (row?.held) return end;
      } catch (error) {
        await end();
        throw error;
      }
      await end();
      return null;
    },
    close: async () => {
      await Promise.all([client.end({ timeout: 5 }), probe.end({ timeout: 1 }), direct?.end({ timeout: 1 })]);
    },
    onStatement: hub.subscribe,
    refreshStatistics: async () => {},
  };
}

export function openDatabase(options: PostgresOptions & { databaseUrl?: string | undefined; dataDir?: string | undefined }): Promise<Database> {
  const { databaseUrl, dataDir, ...postgresOptions } = options;
  return databaseUrl ? openPostgres(databaseUrl, postgresOptions) : openPglite(dataDir);
}
