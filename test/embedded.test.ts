/**
 * One process at a time on an embedded DATA_DIR (CONTRACT §8): while the server runs, a command on
 * the same directory is refused with exit 1 and a message saying what to do, writing nothing; once
 * the server stops, or if it was killed, the command runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { countKeys } from '../src/auth/keys.js';
import { openPglite } from '../src/db/client.js';
import { compiled, runCommand } from './support/cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ohg-embedded-'));
const env = { DATABASE_URL: '', DATA_DIR: dataDir, DEMO_DATA: '0' };
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [compiled('src/server.ts')], { env: { ...process.env, ...env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error('the server did not start')), 60_000);
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      if (/GraphQL and GraphiQL at/.test(stdout)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
  });
}

const stopped = (child: ChildProcess, signal: NodeJS.Signals) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });

async function keysOf(merchant: string): Promise<number> {
  const database = await openPglite(dataDir);
  try {
    return await countKeys(database.db, merchant);
  } finally {
    await database.close();
  }
}

it('refuses a second process while the server runs, and writes nothing', async () => {
  const server = await startServer();
  try {
    const refused = await runCommand('src/cli/key-create.ts', ['--merchant', 'shop-1', '--role', 'viewer'], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/in use by another process \(pid \d+\).*stop it and run this again.*DATABASE_URL/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    const links = join(dataDir, 'links.json');
    writeFileSync(links, '[]');
    const importing = await runCommand('src/cli/import.ts', ['--merchant', 'shop-1', '--source', 'order-links', links], env);
    expect(importing.code).toBe(1);
    expect(importing.stderr).toMatch(/in use by another process/);
  } finally {
    await stopped(server, 'SIGTERM');
  }
  expect(await keysOf('shop-1')).toBe(0);
  const created = await runCommand('src/cli/key-create.ts', ['--merchant', 'shop-1', '--role', 'viewer'], env);
  expect(created.code, created.stderr).toBe(0);
  expect(await keysOf('shop-1')).toBe(1);
}, 120_000);

it('takes over the lock of a server that was killed', async () => {
  const server = await startServer();
  await stopped(server, 'SIGKILL');
  const created = await runCommand('src/cli/key-create.ts', ['--merchant', 'shop-2', '--role', 'viewer'], env);
  expect(created.code, created.stderr).toBe(0);
}, 120_000);
