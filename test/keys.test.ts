/**
 * Key management as an operator does it: create, list (never the key), revoke, and a revoked key
 * refused by a server that is already running. Plus `--help` on every command.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashKey, keyIdOf, revokeKey } from '../src/auth/keys.js';
import { openTestApp } from './support/app.js';
import { runCommand } from './support/cli.js';
import { emptyDatabase, type TestDatabase } from './support/database.js';
import { startServer } from './support/server-process.js';

const onPostgres = Boolean(process.env.DATABASE_URL);
let target: TestDatabase;
let key: string;
let id: string;

beforeAll(async () => {
  target = await emptyDatabase();
  const created = await runCommand('src/cli/key-create.ts', ['--merchant', 'shop-1', '--role', 'editor', '--label', 'ops dashboard'], target.env);
  expect(created.code, created.stderr).toBe(0);
  key = created.stdout.trim();
  id = keyIdOf(hashKey(key));
});
afterAll(() => target.drop());

const ask = (base: string, as: string) =>
  fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${as}` },
    body: JSON.stringify({ query: '{ viewer { merchantId } }' }),
  });

describe('npm run key:create and key:list', () => {
  it('names the new key by its id, and lists it with its label but never the key or its hash', async () => {
    const created = await runCommand('src/cli/key-create.ts', ['--merchant', 'shop-2', '--role', 'viewer'], target.env);
    expect(created.stderr).toContain(`Created ${keyIdOf(hashKey(created.stdout.trim()))}, a viewer key for merchant shop-2`);
    const listed = await runCommand('src/cli/key-list.ts', [], target.env);
    expect(listed.code, listed.stderr).toBe(0);
    const [header, ...rows] = listed.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID\s+MERCHANT\s+ROLE\s+LABEL\s+CREATED\s+LAST USED\s+REVOKED$/);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(new RegExp(`^${id}\\s+shop-1\\s+editor\\s+ops dashboard\\s+\\d{4}-\\d\\d-\\d\\dT[\\d:]+Z\\s+-\\s+-$`));
    expect(listed.stdout).not.toContain(key);
    expect(listed.stdout).not.toContain(hashKey(key));

    const json = await runCommand('src/cli/key-list.ts', ['--merchant', 'shop-2', '--json'], target.env);
    const lines = json.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual([expect.objectContaining({ merchantId: 'shop-2', role: 'viewer', label: null, lastUsedAt: null, revokedAt: null })]);
  });
});

describe('npm run key:revoke', () => {
  it('refuses an unknown id (exit 1) and a missing one (exit 2)', async () => {
    const unknown = await runCommand('src/cli/key-revoke.ts', ['key_000000000000'], target.env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No key has the id key_000000000000: npm run -s key:list shows them/);
    const missing = await runCommand('src/cli/key-revoke.ts', [], target.env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/usage: npm run -s key:revoke -- <key id>/);
  });

  it.runIf(onPostgres)('is refused at once by a server already running, which wrote when the key was last used', async () => {
    // A key cache of a minute: only the revocation's announcement can make it take effect sooner.
    const server = await startServer({ ...target.env, KEY_CACHE_MS: '60000' });
    try {
      expect((await ask(server.base, key)).status).toBe(200);
      const revoked = await runCommand('src/cli/key-revoke.ts', [id], target.env);
      expect(revoked.code, revoked.stderr).toBe(0);
      expect(revoked.stderr).toBe(`Revoked ${id}.\n`);
      let status = 200;
      for (const started = Date.now(); status === 200 && Date.now() - started < 10_000; ) {
        status = (await ask(server.base, key)).status;
      }
      expect(status).toBe(401);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const listed = await runCommand('src/cli/key-list.ts', ['--merchant', 'shop-1', '--json'], target.env);
    const [row] = listed.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(row.lastUsedAt).toEqual(expect.stringMatching(/^\d{4}-/));
    expect(row.revokedAt).toEqual(expect.stringMatching(/^\d{4}-/));
    const again = await runCommand('src/cli/key-revoke.ts', [id], target.env);
    expect(again.stderr).toBe(`${id} was already revoked.\n`);
  });

  it.runIf(!onPostgres)('on an embedded database a running server holds, is refused saying what to do', async () => {
    const server = await startServer({ ...target.env, DEMO_DATA: '0' });
    try {
      const refused = await runCommand('src/cli/key-revoke.ts', [id], target.env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/The embedded database in .* is in use by another process .*: stop it and run this again, or run .* on PostgreSQL \(DATABASE_URL\)/);
      expect((await ask(server.base, key)).status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const listed = await runCommand('src/cli/key-list.ts', ['--merchant', 'shop-1', '--json'], target.env);
    expect(JSON.parse(listed.stdout).lastUsedAt).toEqual(expect.stringMatching(/^\d{4}-/));
  });
});

describe('a revocation inside the server process (the embedded database)', () => {
  it('is heard at once, however long the key would be remembered', async () => {
    const app = await openTestApp({ keyCacheMs: 60_000 });
    try {
      const { viewer } = await app.merchant('shop-r');
      expect((await app.gql('{ viewer { merchantId } }', {}, viewer)).status).toBe(200);
      await app.yoga.replicas.listening();
      expect(await revokeKey(app.database, keyIdOf(hashKey(viewer)))).toBe('revoked');
      let status = 200;
      for (let attempt = 0; attempt < 200 && status === 200; attempt++) {
        status = (await app.gql('{ viewer { merchantId } }', {}, viewer)).status;
        if (status === 200) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(status).toBe(401);
    } finally {
      await app.close();
    }
  });
});

describe('--help', () => {
  it.each([
    ['src/cli/key-create.ts', /usage: npm run -s key:create -- --merchant <id> --role viewer\|editor \[--label <text>\]/],
    ['src/cli/key-list.ts', /usage: npm run -s key:list/],
    ['src/cli/key-revoke.ts', /usage: npm run -s key:revoke/],
    ['src/cli/import.ts', /usage:\n  npm run import/],
    ['src/cli/sync.ts', /usage: npm run sync/],
    ['src/cli/seed-demo.ts', /usage: npm run seed:demo/],
  ])('%s prints its usage on standard output and exits 0 without opening a database', async (script, usage) => {
    const result = await runCommand(script, ['--help'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', DATA_DIR: '/nonexistent' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(usage);
    expect(result.stderr).toBe('');
  });
});
