/**
 * `npm run sync` as a real process: flags, a refused token, and a sync killed (SIGKILL) at several
 * points that, re-run, ends with exactly the database a clean sync gives. The child writes to a
 * copy of the migrated template (a PGlite DATA_DIR, or a PostgreSQL database when DATABASE_URL is set).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPglite, openPostgres, type Database } from '../src/db/client.js';
import { runSync, SYNC_SOURCES } from '../src/ingest/sync/index.js';
import { contents, counts, writeLinks } from './fake-upstream/expected.js';
import { buildStore, type UpstreamStore } from './fake-upstream/fixtures.js';
import { startFakeUpstream, type FakeUpstream, type LoggedRequest } from './fake-upstream/server.js';
import { openTestApp } from './support/app.js';
import { compiled } from './support/cli.js';
import { templateCopy } from './support/database.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the sync CLI; `killWhen` sees every request the fake serves and SIGKILLs the child on true. */
function runCli(args: string[], env: Record<string, string>, fake?: FakeUpstream, killWhen?: (entry: LoggedRequest) => boolean): Promise<Exit> {
  const child = spawn(process.execPath, [compiled('src/cli/sync.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  if (fake && killWhen) fake.onServed = (entry) => void (killWhen(entry) && child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (fake) fake.onServed = null;
      resolve({ code, signal, stderr });
    });
  });
}

/** True on the `n`th served request whose path matches, counted from now. */
function nth(n: number, pattern: RegExp): (entry: LoggedRequest) => boolean {
  let seen = 0;
  return (entry) => pattern.test(entry.path) && entry.status === 200 && ++seen === n;
}

describe('npm run sync', () => {
  let store: UpstreamStore;
  let fake: FakeUpstream;
  let child: Awaited<ReturnType<typeof templateCopy>>;
  let args: string[];
  beforeAll(async () => {
    store = buildStore({ ordersPerMerchant: 80 });
    fake = await startFakeUpstream({ store });
    child = await templateCopy();
    const database = await child.open();
    await writeLinks(database.db, store);
    await database.close();
    args = ['--merchant', store.merchantId, '--source', 'all', '--base-url', fake.url, '--token', fake.token, '--per-page', '10'];
  });
  afterAll(async () => {
    await fake?.close();
    await child?.drop();
  });

  it('refuses bad flags with the usage and exit status 2', async () => {
    const exit = await runCli(['--source', 'everything', '--base-url', fake.url, '--token', 't'], child.env);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain('--source must be one of orders, status-history, history-changes, action-logs, traces or all, got "everything"');
    expect(exit.stderr).toContain('usage: npm run sync');
    const url = await runCli(['--source', 'orders', '--base-url', 'ftp://x', '--token', 't'], child.env);
    expect(url.code).toBe(2);
    expect(url.stderr).toContain('--base-url must be an http:// or https:// URL\nusage: npm run sync');
  });

  it('stops on a refused token with one clear line and exit status 1', async () => {
    const exit = await runCli([...args.slice(0, -3), 'wrong-token', '--per-page', '10'], child.env);
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain(`the upstream refused the token (401) for ${fake.url}/v1/orders/search?per_page=10\n`);
    expect(exit.stderr).not.toMatch(/^\s+at /m);
  });

  it("runs CONTRACT §7's command as written, with no --merchant: the upstream host names the merchant", async () => {
    const exit = await runCli(['--source', 'history-changes', '--base-url', fake.url, '--token', fake.token], child.env);
    const host = new URL(fake.url).host;
    expect(exit.code, exit.stderr).toBe(0);
    expect(exit.stderr).toContain(`the rows belong to merchant "${host}"`);
    expect(exit.stderr).toMatch(new RegExp(`sync ${host} history-changes: \\d+ pages, ${store.historyChanges.length} rows in`));
  });

  it('killed mid-run three times, then re-run, ends equal to a clean sync', async () => {
    const kills = [
      nth(4, /^\/v1\/orders\/search$/),
      nth(2, /^\/rest\/orders\/status-history$/),
      nth(60, /\/action_logs$/),
    ];
    const runs: LoggedRequest[][] = [];
    for (const killWhen of [...kills, null]) {
      const from = fake.log.length;
      const exit = await runCli(args, child.env, fake, killWhen ?? undefined);
      runs.push(fake.log.slice(from));
      if (killWhen) expect(exit.signal, exit.stderr).toBe('SIGKILL');
      else expect(exit.code, exit.stderr).toBe(0);
      if (!killWhen) expect(exit.stderr).toMatch(/rows\/s\)\n$/);
    }
    // Each re-run picked up where the killed one had committed, rather than starting over.
    const first = (run: LoggedRequest[], pattern: RegExp) => run.find((entry) => pattern.test(entry.path));
    expect(first(runs[1]!, /^\/v1\/orders\/search$/)?.query.get('previous_id')).toBeTruthy();
    expect(Number(first(runs[2]!, /^\/rest\/orders\/status-history$/)?.query.get('page'))).toBeGreaterThan(1);
    expect(runs[2]!.some((entry) => entry.path === '/v1/orders/search' && !/_after=/.test(entry.query.toString()))).toBe(false);
    expect(runs[3]!.filter((entry) => entry.path.endsWith('/action_logs')).length).toBe(80 - 50);

    const clean = await openTestApp();
    const database = await child.open();
    try {
      await writeLinks(clean.database.db, store);
      await runSync({ database: clean.database, merchantId: store.merchantId, sources: SYNC_SOURCES, baseUrl: fake.url, token: fake.token, perPage: 10, write: () => {} });
      const want = await contents(clean.database.db, store.merchantId);
      const got = await contents(database.db, store.merchantId);
      expect(counts(got)).toEqual(counts(want));
      expect(got).toEqual(want);
    } finally {
      await database.close();
      await clean.close();
    }
  });
});
