/**
 * `npm run import` as a person runs it, on an empty database (migrations first): exit statuses,
 * messages on standard error, nothing on standard output, idempotency, atomicity, links.
 */
import { cursorSecret } from '../src/auth/secrets.js';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../src/auth/keys.js';
import { parseImportArgs } from '../src/cli/import-args.js';
import type { Database } from '../src/db/client.js';
import { buildYoga } from '../src/yoga.js';
import { TEST_LIMITS } from './support/app.js';
import { runCommand } from './support/cli.js';
import { emptyDatabase, type TestDatabase } from './support/database.js';
import {
  FIRST, SECOND, SNAPSHOT_COUNTS, contentsOf, countsOf, writeJson, writeSnapshot,
} from './fixtures/upstream/snapshot.js';

const CLI = 'src/cli/import.ts';
const M = 'shop-1';

let target: TestDatabase;
let tmp: string;
beforeAll(async () => {
  target = await emptyDatabase();
  tmp = mkdtempSync(join(tmpdir(), 'ohg-import-cli-'));
});
afterAll(async () => {
  await target?.drop();
  rmSync(tmp, { recursive: true, force: true });
});

const importCli = (args: string[]) => runCommand(CLI, args, target.env);

async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await target.open();
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function gql(database: Database, query: string, variables: Record<string, unknown> = {}) {
  const key = await createKey(database.db, M, 'viewer', { key: `${M}-viewer` });
  const yoga = buildYoga(database, { ...TEST_LIMITS, cursorSecret: await cursorSecret(database, undefined) });
  try {
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data: any; errors?: unknown[] };
  } finally {
    await yoga.dispose();
  }
}

const order = (id: string, patch: Record<string, unknown> = {}) => ({
  id, order_number: `N-${id}`, status: 'pending', created_at: '2024-01-01T00:00:00Z', ...patch,
});

describe('npm run import', () => {
  it('refuses bad flags with the usage and exit status 2, before opening any database', async () => {
    const dataDir = join(tmp, 'never-opened');
    const result = await runCommand(CLI, ['--merchant', M, '--source', 'action-logs', 'logs.json'], { DATABASE_URL: '', DATA_DIR: dataDir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^import: --order is required for --source action-logs: upstream takes the order id from the URL\n\nusage:/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(dataDir)).toBe(false);
  });

  let before: Record<string, string[]>;

  it('imports a snapshot with progress and a summary; links apply; the data answers through GraphQL', async () => {
    const snapshot = writeSnapshot(join(tmp, 'snapshot'));
    const result = await importCli(['--merchant', M, '--dir', snapshot]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^progress: 8\/8 files, 24 rows, [\d,]+ rows\/s$/m);
    expect(result.stderr).toMatch(/^imported 8 of 8 files in \d+\.\d s: 24 rows, [\d,]+ rows\/s$/m);
    expect(result.stderr).toMatch(/^ {2}status-history +4 rows from 2 files$/m);
    expect(result.stderr).toMatch(/^ {2}history-changes +7 rows from 2 files$/m);

    await withDatabase(async (database) => {
      expect(await countsOf(database, M)).toEqual(SNAPSHOT_COUNTS);
      before = await contentsOf(database, M);
      expect(await database.rows(sql`select order_id, upstream_order_id from status_history where merchant_id = ${M} and id = 8`))
        .toEqual([{ order_id: FIRST, upstream_order_id: '416' }]);
      const answer = await gql(database, `query($id: ID!) {
        orders { nodes { id orderNumber } }
        order(id: $id) { sourceRefs { system externalId } statusHistory { nodes { id statusId } } }
      }`, { id: FIRST });
      expect(answer.errors).toBeUndefined();
      expect(answer.data.orders.nodes.map((o: { id: string }) => o.id)).toEqual([FIRST, SECOND]);
      expect(answer.data.order.sourceRefs).toContainEqual({ system: 'status-history', externalId: '416' });
      expect(answer.data.order.statusHistory.nodes).toEqual([{ id: '8', statusId: 5 }]);
    });

    const again = await importCli(['--merchant', M, '--dir', snapshot]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/^imported 8 of 8 files in .*: 24 rows/m);
    await withDatabase(async (database) => {
      expect(await countsOf(database, M)).toEqual(SNAPSHOT_COUNTS);
      expect(await contentsOf(database, M)).toEqual(before);
    });
  });

  it('refuses a file whose 4th record is bad with exit status 1, writing nothing from it', async () => {
    const items = [order('new-1'), order('new-2'), order('new-3'), order('new-4', { created_at: 'yesterday' }), order('new-5')];
    const file = writeJson(join(tmp, 'orders.json'), { items, pagination: {} });
    const result = await importCli(['--merchant', M, '--source', 'orders', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${file}: items[3].created_at: not a date-time\n`);
    await withDatabase(async (database) => expect(await contentsOf(database, M)).toEqual(before));
  });

  it('refuses malformed JSON with exit status 1, naming line and column', async () => {
    const file = writeJson(join(tmp, 'history.json'), '{"success": true,\n "history": [\n  {"id": 1 "field": "x"}\n]}');
    const result = await importCli(['--merchant', M, '--source', 'history-changes', '--entity', 'customer', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${file}:3:12: malformed JSON: expected ',' or '}' after a property value, found '"'\n`);
  });
});

describe('hostile bodies', () => {
  it.each([
    ['a member named __proto__ in translations',
      JSON.stringify({ items: [order('h-1', { order_delivery: { name_translations: { __proto__: null } } })] }).replace('"name_translations":{}', '"name_translations":{"__proto__":null}'),
      /items\[0\]\.order_delivery\.name_translations\.__proto__: not a locale code/],
    ['JSON nested 2,000 deep',
      `{"items": [${JSON.stringify(order('h-2')).slice(0, -1)}, "custom_data": ${'['.repeat(2_000)}${']'.repeat(2_000)}}]}`,
      /items\[0\]\.custom_data(\[0\])+: nested deeper than 32 levels/],
    ['a member given twice',
      `{"items": [${JSON.stringify(order('h-3'))}], "items": [${JSON.stringify(order('h-4'))}]}`,
      /: items: appears twice in the body; send each member once/],
  ])('refuses %s naming the path, with exit 1 and nothing written', async (_case, text, message) => {
    const file = writeJson(join(tmp, 'hostile.json'), text);
    const before = await withDatabase((database) => contentsOf(database, M));
    const result = await importCli(['--merchant', M, '--source', 'orders', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/TypeError|RangeError|\n\s+at /);
    await withDatabase(async (database) => expect(await contentsOf(database, M)).toEqual(before));
  });
});

describe('flags (parsed without spawning)', () => {
  it('reads the two forms', () => {
    expect(parseImportArgs(['--merchant', 'm', '--source', 'traces', '--order', '4711', 't.json'])).toEqual({
      mode: 'file', merchantId: 'm', source: 'traces', file: 't.json', orderId: '4711',
    });
    expect(parseImportArgs(['--merchant', 'm', '--source', 'history-changes', '--entity', 'customer', 'h.json']))
      .toMatchObject({ source: 'history-changes', entity: 'customer' });
    expect(parseImportArgs(['--merchant', ' m ', '--dir', 'snap'])).toEqual({ mode: 'dir', merchantId: 'm', dir: 'snap', failFast: false });
    expect(parseImportArgs(['--dir', 'snap', '--fail-fast', '--merchant', 'm'])).toMatchObject({ failFast: true });
    expect(parseImportArgs(['-h'])).toEqual({ mode: 'help' });
  });

  it.each([
    [['--source', 'orders', 'o.json'], '--merchant is required'],
    [['--merchant', '', '--source', 'orders', 'o.json'], '--merchant needs a value'],
    [['--merchant', 'm', 'o.json'], 'give --source with a FILE, or --dir'],
    [['--merchant', 'm', '--source', 'order', 'o.json'], '--source must be one of orders, order-links, action-logs, traces, status-history, history-changes, got "order"'],
    [['--merchant', 'm', '--source', 'orders'], 'FILE is missing'],
    [['--merchant', 'm', '--source', 'orders', 'a.json', 'b.json'], 'one FILE at a time (got 2); use --dir for a snapshot'],
    [['--merchant', 'm', '--source', 'action-logs', 'a.json'], '--order is required for --source action-logs: upstream takes the order id from the URL'],
    [['--merchant', 'm', '--source', 'orders', '--order', '1', 'o.json'], '--order is only for action-logs and traces: orders records name their own order'],
    [['--merchant', 'm', '--source', 'orders', '--entity', 'order', 'o.json'], '--entity is only for --source history-changes'],
    [['--merchant', 'm', '--source', 'history-changes', '--entity', 'shop', 'h.json'], '--entity must be one of order, customer, pack, got "shop"'],
    [['--merchant', 'm', '--dir', 'd', '--source', 'orders'], "--dir takes no --source: a snapshot's layout says what each file is"],
    [['--merchant', 'm', '--dir', 'd', 'x.json'], "--dir takes no FILE: a snapshot's layout says what each file is"],
    [['--merchant', 'm', '--source', 'orders', '--fail-fast', 'o.json'], '--fail-fast goes with --dir'],
    [['--merchant', 'm', '--colour', 'red'], "Unknown option '--colour'"],
  ])('refuses %j with exit status 2 and the usage', (argv, problem) => {
    let error: unknown;
    try {
      parseImportArgs(argv);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ exitCode: 2 });
    expect((error as Error).message).toContain(`import: ${problem}`);
    expect((error as Error).message).toContain('usage:\n  npm run import -- --merchant <id> --source <source>');
  });
});
