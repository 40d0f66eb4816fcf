/**
 * A server that cannot start says why in one line on standard error and exits 1: no stack.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from './support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ohg-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function failedStart(env: Record<string, string>) {
  const result = await runCommand('src/server.ts', [], { DATABASE_URL: '', DATA_DIR: join(dir, 'data'), PORT: '0', ...env });
  expect(result.code).toBe(1);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return result.stderr.trim();
}

describe('a start-up failure', () => {
  it('names the port in use', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as { port: number };
    try {
      expect(await failedStart({ PORT: String(port) })).toBe(
        `Port ${port} on 127.0.0.1 is in use: stop what listens there, or set PORT to another port.`,
      );
    } finally {
      holder.close();
    }
  });

  it('names the database it cannot reach, without the password', async () => {
    const line = await failedStart({ DATABASE_URL: 'postgres://app:s3cret@127.0.0.1:1/orders' });
    expect(line).toMatch(/^Cannot reach the database at 127\.0\.0\.1:1\/orders \(ECONNREFUSED\): start it, or correct DATABASE_URL\.$/);
  });

  it('names a DATA_DIR it cannot use', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    expect(await failedStart({ DATA_DIR: join(file, 'data') })).toMatch(
      /^Cannot use DATA_DIR .*a-file\/data \(ENOTDIR: .*\): point DATA_DIR at a directory this user can write\.$/,
    );
  });

  it('names a bad setting, and a manifest it cannot read', async () => {
    expect(await failedStart({ MAX_COST: 'lots' })).toBe('MAX_COST must be a whole number from 1 to 100000000, got "lots"');
    expect(await failedStart({ RATE_LIMIT_WINDOW: '1 week' })).toMatch(/^RATE_LIMIT_WINDOW must be a duration .* such as 60s, 15m or 1h, got "1 week"$/);
    expect(await failedStart({ PERSISTED_DOCUMENTS: join(dir, 'none.json') })).toMatch(/^PERSISTED_DOCUMENTS: cannot read .*none\.json: ENOENT/);
    expect(await failedStart({ DATABASE_URL: '', DATABASE_DIRECT_URL: 'postgres://127.0.0.1:1/x' })).toBe(
      'DATABASE_DIRECT_URL needs DATABASE_URL: the pooled connection everything else uses',
    );
    expect(await failedStart({ DATABASE_URL: 'postgres://127.0.0.1:1/x', DATABASE_DIRECT_URL: 'mysql://x' })).toBe(
      'DATABASE_DIRECT_URL must start with postgres:// or postgresql://',
    );
  });
});
