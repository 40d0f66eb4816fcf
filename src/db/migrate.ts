/**
 * Applies pending drizzle-kit migrations from `drizzle/`. Every command calls it before anything
 * else, so each one works on an empty database.
 */
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Database } from './client.js';

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));
/** Any constant works; it keeps two processes from migrating one server at once. */
const MIGRATION_LOCK = 7_240_001;

export async function migrate(database: Database, databaseUrl?: string): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  if (!databaseUrl) throw new Error('migrate: a postgres database needs its URL');
  // One dedicated connection, so the advisory lock and the migration share a session: `databaseUrl`
  // must not go through a transaction pooler (DATABASE_DIRECT_URL).
  const client = postgres(databaseUrl, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzle(client), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
