/**
 * A first start on an empty DATA_DIR gets a copy of the build's migrated template (`npm test` builds
 * it first) instead of a new database, and only while the template matches the migrations. A copy
 * is told from a new database by PostgreSQL's system identifier, which initdb draws at random and
 * every copy keeps; either way the database ends up with every migration applied.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { countKeys } from '../src/auth/keys.js';
import { openDatabase, openPglite, type Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { restoreTemplate, TEMPLATE_DIR, templateIsCurrent } from '../src/db/pglite-template.js';
import { runCommand } from './support/cli.js';

const root = mkdtempSync(join(tmpdir(), 'ohg-template-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const journal = JSON.parse(readFileSync(new URL('../drizzle/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] };

/** pg_control begins with the system identifier (a uint64, little-endian here). */
const systemIdentifierOf = (pgdata: string) => readFileSync(join(pgdata, 'global', 'pg_control')).readBigUInt64LE(0).toString();
const TEMPLATE_ID = () => systemIdentifierOf(join(TEMPLATE_DIR, 'pgdata'));

async function inspect(database: Database) {
  const [row] = await database.rows<{ id: string; migrations: number; similarity: number }>(sql`
    select (select system_identifier::text from pg_control_system()) as id,
           (select count(*)::int from drizzle.__drizzle_migrations) as migrations,
           similarity('order', 'order') as similarity`);
  return row!;
}

it('restores an empty DATA_DIR from the template, and never copies over a database', async () => {
  expect(templateIsCurrent(), 'npm run build makes the template').toBe(true);
  const dataDir = join(root, 'fresh');
  const database = await openDatabase({ dataDir });
  try {
    await migrate(database);
    expect(await inspect(database)).toEqual({ id: TEMPLATE_ID(), migrations: journal.entries.length, similarity: 1 });
  } finally {
    await database.close();
  }
  expect(restoreTemplate(dataDir)).toBe(false);
});

it('gives the compiled key:create on an empty DATA_DIR a copy of the template', async () => {
  const dataDir = join(root, 'command');
  const created = await runCommand('src/cli/key-create.ts', ['--merchant', 'shop-1', '--role', 'viewer'], { DATABASE_URL: '', DATA_DIR: dataDir });
  expect(created.code, created.stderr).toBe(0);
  expect(systemIdentifierOf(dataDir)).toBe(TEMPLATE_ID());
  const database = await openPglite(dataDir);
  try {
    expect(await countKeys(database.db, 'shop-1')).toBe(1);
  } finally {
    await database.close();
  }
});

it('ignores a template made from other migrations, and migrates a new database', async () => {
  const stale = join(root, 'stale-template');
  cpSync(TEMPLATE_DIR, stale, { recursive: true });
  writeFileSync(join(stale, 'fingerprint'), 'made from other migrations\n');
  expect(templateIsCurrent(stale)).toBe(false);
  const database = await openPglite(join(root, 'fallback'), { template: stale });
  try {
    await migrate(database);
    const found = await inspect(database);
    expect(found.id).not.toBe(TEMPLATE_ID());
    expect(found).toMatchObject({ migrations: journal.entries.length, similarity: 1 });
  } finally {
    await database.close();
  }
});
