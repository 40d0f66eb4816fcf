/**
 * Makes one migrated template database per run; each test file copies it (PGlite: a data
 * directory; PostgreSQL: `CREATE DATABASE ... TEMPLATE`), which is far faster than migrating anew.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { databaseUrlFor } from './database-url.js';
import { startPgBouncer } from './pgbouncer.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string | null;
    /** TEST_THROUGH_PGBOUNCER=1: a PgBouncer in front of DATABASE_URL's server, that tests' databases are reached through. */
    pgbouncerPort: number | null;
    runId: string;
  }
}

export async function setup(project: TestProject) {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  project.provide('runId', runId);
  const root = mkdtempSync(join(tmpdir(), 'ohg-test-'));
  const template = join(root, 'template');
  const pglite = await openPglite(template);
  await migrate(pglite);
  await pglite.close();
  project.provide('pgliteTemplate', template);

  const serverUrl = process.env.DATABASE_URL;
  let templateName: string | null = null;
  if (serverUrl) {
    templateName = `ohg_template_${runId}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${templateName}`);
    await admin.unsafe(`create database ${templateName}`);
    await admin.end();
    const url = databaseUrlFor(serverUrl, templateName);
    const database = await openPostgres(url, { poolSize: 1 });
    await migrate(database, url);
    await database.close();
  }
  project.provide('postgresTemplate', templateName);
  const bouncer = serverUrl && process.env.TEST_THROUGH_PGBOUNCER === '1' ? await startPgBouncer(Number(new URL(serverUrl).port || 5432)) : null;
  project.provide('pgbouncerPort', bouncer?.port ?? null);

  return async () => {
    if (bouncer) {
      const served = [...(await bouncer.transactions())].filter(([name]) => name.startsWith('ohg_t_'));
      const total = served.reduce((sum, [, count]) => sum + count, 0);
      console.log(`PgBouncer (transaction pooling) served ${total} transactions to ${served.length} test databases`);
      await bouncer.stop();
    }
    rmSync(root, { recursive: true, force: true });
    if (serverUrl && templateName) {
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      const leftovers = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`ohg_t_${runId}_%`}`;
      for (const { datname } of leftovers) await admin.unsafe(`drop database if exists ${datname}`);
      await admin.unsafe(`drop database if exists ${templateName}`);
      await admin.end();
    }
  };
}
