/**
 * Scheduled syncs as jobs (PostgreSQL: the queue lives there): four merchants, each with its own
 * fake upstream, scheduled with `npm run sync:schedule`; two `npm run worker` processes share them,
 * one is killed (SIGKILL) mid-sync, and the other resumes its job from the checkpoint. Every
 * merchant ends with the rows a clean sync gives; failures back off and show in `npm run
 * sync:status`; no token reaches the database; one merchant's source never syncs twice at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.js';
import { runSync, SYNC_SOURCES, syncLockName } from '../src/ingest/sync/index.js';
import { backoffSeconds } from '../src/jobs/schedules.js';
import { contents, counts, writeLinks } from './fake-upstream/expected.js';
import { buildStore } from './fake-upstream/fixtures.js';
import { startFakeUpstream, type FakeUpstream, type LoggedRequest } from './fake-upstream/server.js';
import { compiled, runCommand } from './support/cli.js';
import { templateCopy, type TestDatabase } from './support/database.js';

const onPostgres = Boolean(process.env.DATABASE_URL);
const MERCHANTS = ['m1', 'm2', 'm3', 'm4'];
const PER_PAGE = 5;

interface Worker {
  child: ChildProcess;
  stderr(): string;
  /** The graphile-worker ids it logged as ready. */
  workerIds(): string[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startWorker(env: Record<string, string>): Worker {
  const child = spawn(process.execPath, [compiled('src/cli/worker.ts'), '--sweep', '1s'], {
    env: { ...process.env, LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const lines = () => stderr.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
  return { child, exit, stderr: () => stderr, workerIds: () => lines().filter((l) => l.msg === 'worker ready').map((l) => l.worker) };
}

interface Status {
  merchantId: string;
  source: string;
  lastOutcome: string | null;
  lastRows: number | null;
  lastError: string | null;
  failures: number;
  lastFinishedAt: string | null;
  nextRunAt: string | null;
  runningOn: string | null;
  queued: boolean;
}

/** Milliseconds from the end of the last run to the next one (both from the database's clock). */
const wait = (status: Status) => Date.parse(status.nextRunAt!) - Date.parse(status.lastFinishedAt!);

async function statuses(env: Record<string, string>): Promise<Status[]> {
  const result = await runCommand('src/cli/sync-status.ts', ['--json'], env);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

/** Polls sync:status (bounded) until `done` holds. */
async function statusesWhen(env: Record<string, string>, done: (all: Status[]) => boolean, what: string): Promise<Status[]> {
  for (let attempt = 0; attempt < 240; attempt++) {
    const all = await statuses(env);
    if (done(all)) return all;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`never: ${what}`);
}

describe.skipIf(onPostgres)('scheduled syncs on the embedded database', () => {
  it('say they need PostgreSQL, and refuse bad flags with the usage', async () => {
    for (const script of ['src/cli/worker.ts', 'src/cli/sync-status.ts']) {
      const result = await runCommand(script, [], { DATABASE_URL: '' });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^npm run (worker|sync:status) needs PostgreSQL: set DATABASE_URL/);
    }
    const sweep = await runCommand('src/cli/worker.ts', ['--sweep', 'often'], {});
    expect(sweep.code).toBe(2);
    expect(sweep.stderr).toContain('--sweep must be a duration from 1s to 1h such as 30s, got "often"');
    const good = ['--merchant', 'm', '--source', 'all', '--base-url', 'http://x', '--token-env', 'T', '--every', '10m'];
    const refusals: [string[], string][] = [
      [['--merchant', ' ', ...good.slice(2)], '--merchant is required'],
      [[...good.slice(0, 2), '--source', 'everything', ...good.slice(4)], '--source must be one of orders, status-history, history-changes, action-logs, traces, all, got "everything"'],
      [[...good.slice(0, 4), '--base-url', 'ftp://x', ...good.slice(6)], '--base-url must be an http:// or https:// URL'],
      [[...good.slice(0, 6), '--token-env', 'MY-TOKEN', ...good.slice(8)], '--token-env must name an environment variable (letters, digits, _), got "MY-TOKEN"'],
      [[...good.slice(0, 8), '--every', '5s'], '--every must be a duration from 1m to 168h such as 10m, got "5s"'],
    ];
    for (const [args, message] of refusals) {
      const bad = await runCommand('src/cli/sync-schedule.ts', args, {});
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.stderr).toContain(message);
      expect(bad.stderr).toContain('usage: npm run sync:schedule');
    }
    const embedded = await runCommand('src/cli/sync-schedule.ts', good, { DATABASE_URL: '' });
    expect(embedded.code).toBe(1);
    expect(embedded.stderr).toMatch(/^npm run sync:schedule needs PostgreSQL/);
  });
});

describe.skipIf(!onPostgres)('scheduled syncs on a job queue (npm run worker)', () => {
  let target: TestDatabase;
  let database: Database;
  const fakes = new Map<string, FakeUpstream>();
  const tokens: Record<string, string> = {};
  let workers: Worker[] = [];

  beforeAll(async () => {
    target = await templateCopy();
    database = await target.open();
    for (const [i, merchantId] of MERCHANTS.entries()) {
      const store = { ...buildStore({ ordersPerMerchant: 30 + 5 * i, merchantId: i % 2 ? 'demo-b' : 'demo-a' }), merchantId };
      const fake = await startFakeUpstream({ store, token: `token-of-${merchantId}` });
      fakes.set(merchantId, fake);
      tokens[`UPSTREAM_TOKEN_${merchantId.toUpperCase()}`] = fake.token;
      await writeLinks(database.db, store);
    }
  });
  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await Promise.all(workers.map((worker) => worker.exit));
    await Promise.all([...fakes.values()].map((fake) => fake.close()));
    await database?.close();
    await target?.drop();
  });

  const schedule = (merchantId: string, tokenEnv: string, baseUrl = fakes.get(merchantId)?.url ?? 'http://127.0.0.1:1') =>
    runCommand(
      'src/cli/sync-schedule.ts',
      ['--merchant', merchantId, '--source', 'all', '--base-url', baseUrl, '--token-env', tokenEnv, '--every', '1h', '--per-page', String(PER_PAGE)],
      target.env,
    );

  it('two workers share four merchants; one killed mid-sync, the other resumes its job; all end as a clean sync', async () => {
    for (const merchantId of MERCHANTS) {
      const result = await schedule(merchantId, `UPSTREAM_TOKEN_${merchantId.toUpperCase()}`);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe(`Scheduled sync:${merchantId}:all: due now, then every 1 h; workers read the token from UPSTREAM_TOKEN_${merchantId.toUpperCase()}.\n`);
    }
    const env = { ...target.env, ...tokens };
    workers = [startWorker(env), startWorker(env)];

    // On the third order-search page of whichever merchant gets there first, kill the worker running it.
    const admin = postgres(target.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    let killed: { merchantId: string; worker: Worker; logFrom: number } | undefined;
    const killing = new Promise<void>((resolve) => {
      for (const [merchantId, fake] of fakes) {
        let pages = 0;
        fake.onServed = (entry: LoggedRequest) => {
          if (killed || entry.path !== '/v1/orders/search' || entry.status !== 200 || ++pages !== 3) return;
          killed = { merchantId, worker: workers[0]!, logFrom: fake.log.length };
          void admin`select locked_by from graphile_worker.jobs where key = ${`sync:${merchantId}:all`}`.then(([job]) => {
            const owner = workers.find((worker) => worker.workerIds().includes(job?.locked_by));
            if (!owner) throw new Error(`no worker process logged ${job?.locked_by} as ready`);
            killed!.worker = owner;
            owner.child.kill('SIGKILL');
            resolve();
          });
        };
      }
    });
    await killing;
    await admin.end();
    for (const fake of fakes.values()) fake.onServed = null;
    expect((await killed!.worker.exit).signal).toBe('SIGKILL');
    const survivor = workers.find((worker) => worker !== killed!.worker)!;

    const done = await statusesWhen(env, (all) => all.length === 4 && all.every((s) => s.lastOutcome === 'ok' && !s.runningOn), 'all four synced');
    for (const status of done) {
      expect(status).toMatchObject({ source: 'all', failures: 0, lastError: null });
      expect(status.lastRows).toBeGreaterThan(0);
      expect(Math.abs(wait(status) - 3_600_000)).toBeLessThanOrEqual(1);
    }
    expect(survivor.stderr()).toContain(`"job":"sync:${killed!.merchantId}:all"`);
    expect(survivor.stderr()).toContain('worker died mid-sync: its job is free for another');
    // The survivor resumed from the checkpoint: its first order-search request walks on from the last committed page.
    const after = fakes.get(killed!.merchantId)!.log.slice(killed!.logFrom);
    expect(after.find((entry) => entry.path === '/v1/orders/search')?.query.get('previous_id')).toBeTruthy();

    const clean = await templateCopy();
    const reference = await clean.open();
    try {
      for (const [merchantId, fake] of fakes) {
        await writeLinks(reference.db, { ...fake.store, merchantId });
        await runSync({ database: reference, merchantId, sources: SYNC_SOURCES, baseUrl: fake.url, token: fake.token, perPage: PER_PAGE, write: () => {} });
        const want = await contents(reference.db, merchantId);
        const got = await contents(database.db, merchantId);
        expect(counts(got), merchantId).toEqual(counts(want));
        expect(got, merchantId).toEqual(want);
      }
    } finally {
      await reference.close();
      await clean.drop();
    }

    const table = await runCommand('src/cli/sync-status.ts', [], target.env);
    expect(table.stdout.split('\n')[0]).toMatch(/^MERCHANT\s+SOURCE\s+EVERY\s+LAST RUN\s+OUTCOME\s+ROWS\s+FAILURES\s+NEXT RUN\s+LAST ERROR$/);
    expect(table.stdout).toMatch(/^m1\s+all\s+1h\s+\S+Z\s+ok\s+\d+\s+0\s+\S+Z\s+-$/m);
  });

  it('records failures with their error and backs off, doubling from the first retry', async () => {
    expect((await schedule('m5', 'UNSET_TOKEN_VARIABLE')).code).toBe(0);
    expect((await schedule('m6', 'UPSTREAM_TOKEN_M1', fakes.get('m2')!.url)).code).toBe(0);
    const failed = await statusesWhen(
      target.env,
      (all) => ['m5', 'm6'].every((m) => all.find((s) => s.merchantId === m)?.lastOutcome === 'failed' && all.find((s) => s.merchantId === m)?.nextRunAt),
      'm5 and m6 failed',
    );
    const m5 = failed.find((s) => s.merchantId === 'm5')!;
    const m6 = failed.find((s) => s.merchantId === 'm6')!;
    expect(m5.lastError).toBe("UNSET_TOKEN_VARIABLE is not set in this worker's environment: it holds the upstream token");
    expect(m6.lastError).toContain(`the upstream refused the token (401) for ${fakes.get('m2')!.url}/v1/orders/search`);
    for (const status of [m5, m6]) {
      expect(status.failures).toBeGreaterThanOrEqual(1);
      expect(Math.abs(wait(status) - backoffSeconds(status.failures, 3600) * 1000)).toBeLessThanOrEqual(1);
    }
  });

  it('queues again a schedule whose job went missing, at its next run', async () => {
    const admin = postgres(target.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      const [removed] = await admin`select graphile_worker.remove_job('sync:m3:all') as job`;
      expect(removed!.job).not.toBeNull();
      const requeued = () => workers.some((w) => /"job":"sync:m3:all".*"msg":"scheduled sync missing from the queue: queued again"/.test(w.stderr()));
      for (let attempt = 0; attempt < 100 && !requeued(); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(requeued()).toBe(true);
      const back = await statusesWhen(target.env, (all) => all.find((s) => s.merchantId === 'm3')!.queued, 'm3 queued again');
      const [job] = await admin`select run_at from graphile_worker.jobs where key = 'sync:m3:all'`;
      expect((job!.run_at as Date).toISOString()).toBe(back.find((s) => s.merchantId === 'm3')!.nextRunAt);
    } finally {
      await admin.end();
    }
  });

  it('keeps the tokens out of the database', async () => {
    const admin = postgres(target.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      const [stored] = await admin`
        select (select coalesce(json_agg(s)::text, '') from sync_schedules s) as schedules,
               (select coalesce(json_agg(j.payload)::text, '') from graphile_worker._private_jobs j) as payloads`;
      expect(stored!.schedules).toContain('UPSTREAM_TOKEN_M1');
      for (const token of Object.values(tokens)) expect(`${stored!.schedules}${stored!.payloads}`).not.toContain(token);
    } finally {
      await admin.end();
    }
  });

  it('refuses a second sync of the same merchant and source while one runs', async () => {
    const held = await database.tryLock([syncLockName('m1', 'orders')]);
    expect(held).not.toBeNull();
    try {
      const fake = fakes.get('m1')!;
      const result = await runCommand('src/cli/sync.ts', ['--merchant', 'm1', '--source', 'orders', '--base-url', fake.url, '--token', fake.token], target.env);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe('merchant m1 is being synced (orders) by another process: try again once it is done\n');
    } finally {
      await held!();
    }
  });

  it('stops a worker on SIGTERM', async () => {
    const worker = workers.find((w) => w.child.exitCode === null && w.child.signalCode === null)!;
    worker.child.kill('SIGTERM');
    const exit = await worker.exit;
    expect(exit.code === 0 || exit.signal === 'SIGTERM', worker.stderr()).toBe(true);
  });
});
