/**
 * Throwaway databases for tests: a copy of the migrated template (`templateCopy`) or an empty one
 * (`emptyDatabase`), as a PGlite data directory, or as a PostgreSQL database when the suite runs
 * with DATABASE_URL (reached through a PgBouncer with TEST_THROUGH_PGBOUNCER=1). Each gives the environment a child process needs to use it, a way to open it
 * here, and a way to drop it.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openPglite, openPostgres, type Database } from '../../src/db/client.js';
import { databaseUrlFor } from './database-url.js';

export interface TestDatabase {
  /** Environment that points a child process at this database. */
  env: Record<string, string>;
  /** Opens it in this process (for PGlite, only while no child uses it). */
  open(): Promise<Database>;
  drop(): Promise<void>;
}

async function serverDatabase(serverUrl: string, template: string | null): Promise<TestDatabase> {
  const name = `ohg_t_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(template ? `create database ${name} template ${template}` : `create database ${name}`);
  const url = databaseUrlFor(serverUrl, name);
  const bouncer = inject('pgbouncerPort');
  if (bouncer) {
    // Through the pooler, as in production behind one: no prepared statements, LISTEN and the
    // migrations' lock on the direct URL.
    const pooled = databaseUrlFor(`postgres://postgres@127.0.0.1:${bouncer}`, name);
    return {
      env: { DATABASE_URL: pooled, DATABASE_DIRECT_URL: url, DATABASE_PREPARE: '0', DATA_DIR: '' },
      open: () => openPostgres(pooled, { poolSize: 4, prepare: false, directUrl: url }),
      drop: () => dropDatabase(admin, name),
    };
  }
  return {
    env: { DATABASE_URL: url, DATA_DIR: '' },
    open: () => openPostgres(url, { poolSize: 4 }),
    drop: () => dropDatabase(admin, name),
  };
}

async function dropDatabase(admin: postgres.Sql, name: string): Promise<void> {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}

function pgliteDirectory(template: string | null): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'ohg-db-'));
  if (template) cpSync(template, dir, { recursive: true });
  return {
    env: { DATABASE_URL: '', DATA_DIR: dir },
    open: () => openPglite(dir),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A copy of the migrated template database. */
export function templateCopy(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  const template = inject('postgresTemplate');
  if (serverUrl && template) return serverDatabase(serverUrl, template);
  return Promise.resolve(pgliteDirectory(inject('pgliteTemplate')));
}

/** An empty database, not even migrated: what a first run of a command meets. */
export function emptyDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) return serverDatabase(serverUrl, null);
  return Promise.resolve(pgliteDirectory(null));
}
