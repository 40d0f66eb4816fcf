/**
 * `key:create` and `seed:demo` as a person runs them, on an empty database (migrations first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPrincipal, hashKey } from '../src/auth/keys.js';
import { runCommand } from './support/cli.js';
import { emptyDatabase, type TestDatabase } from './support/database.js';

let target: TestDatabase;

beforeAll(async () => {
  target = await emptyDatabase();
});
afterAll(() => target.drop());

async function principalFor(key: string) {
  const database = await target.open();
  try {
    return await findPrincipal(database, hashKey(key));
  } finally {
    await database.close();
  }
}

describe('npm run key:create', () => {
  it('prints exactly the new key on stdout, and stores only its hash', async () => {
    const result = await runCommand('src/cli/key-create.ts', ['--merchant', 'shop-9', '--role', 'editor'], target.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ohg_[A-Za-z0-9_-]{32}\n$/);
    expect(result.stderr).toMatch(/Created key_[0-9a-f]{12}, an editor key for merchant shop-9/);
    const key = result.stdout.trim();
    expect(await principalFor(key)).toMatchObject({ merchantId: 'shop-9', role: 'editor' });
    expect(await principalFor(`${key}x`)).toBeNull();
  });

  it.each([
    [['--merchant', 'shop-9', '--role', 'admin'], /--role must be one of viewer, editor/],
    [['--role', 'viewer'], /--merchant is required/],
    [['--merchant', 'shop-9', '--role', 'viewer', '--colour', 'red'], /Unknown option '--colour'/],
  ])('refuses %j with a usage message and exit 2, printing no key', async (args, message) => {
    const result = await runCommand('src/cli/key-create.ts', args, target.env);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/usage: npm run -s key:create/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('npm run seed:demo', () => {
  it('loads the demo merchants and their keys, and is safe to run twice', async () => {
    for (let run = 0; run < 2; run++) {
      const result = await runCommand('src/cli/seed-demo.ts', ['--orders', '6'], target.env);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/Demo data loaded: 12 orders and \d+ history records/);
    }
    expect(await principalFor('demo-b-viewer-key')).toMatchObject({ merchantId: 'demo-b', role: 'viewer' });
  });

  it('refuses a bad size', async () => {
    const result = await runCommand('src/cli/seed-demo.ts', ['--orders', 'lots'], target.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--orders must be a whole number/);
  });
});
