/**
 * Live history across processes, on PostgreSQL (the embedded database serves one process only):
 * `npm run import` in its own process writes a record, and two gateway processes on the same
 * database both deliver it, over SSE and over WebSocket (graphql-ws, as Apollo Client speaks
 * it); SIGTERM ends the streams cleanly.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createKey } from '../src/auth/keys.js';
import { runCommand } from './support/cli.js';
import { templateCopy, type TestDatabase } from './support/database.js';
import { startServer, type ServerProcess } from './support/server-process.js';
import { sseEvents, type SseStream } from './support/sse.js';

const onPostgres = Boolean(process.env.DATABASE_URL);
const dir = mkdtempSync(join(tmpdir(), 'ohg-live-proc-'));
let target: TestDatabase;
let servers: ServerProcess[] = [];
let key: string;
let written = 0;

const SUBSCRIPTION = 'subscription { historyEvents { source order { id } ... on UpdatedStatusLog { reason } } }';

/** `npm run import` of one new action log, in a process of its own. */
async function importActionLog(merchant: string, reason: string): Promise<void> {
  const file = join(dir, `log-${written++}.json`);
  const item = { key: 'updated_status', data: { updated_status: 'confirmed', reason }, created_at: new Date().toISOString() };
  writeFileSync(file, JSON.stringify({ items: [item] }));
  const result = await runCommand('src/cli/import.ts', ['--merchant', merchant, '--source', 'action-logs', '--order', 'order-1', file], target.env);
  expect(result.code, result.stderr).toBe(0);
}

async function subscribeSse(server: ServerProcess): Promise<SseStream> {
  const response = await fetch(`${server.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: SUBSCRIPTION }),
  });
  expect(response.status).toBe(200);
  const stream = sseEvents(response);
  await stream.started();
  return stream;
}

function wsClient(server: ServerProcess, authorization = `Bearer ${key}`): Client {
  return createClient({
    url: `${server.base.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization },
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined, // the test reads the error from the subscription
  });
}

/** Waits (a bounded number of polls) until the server holds `count` subscriptions. */
async function subscriptionsOpen(server: ServerProcess, count: number): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const metrics = await (await fetch(`${server.base}/metrics`)).text();
    if (new RegExp(`^gateway_subscriptions_open ${count}$`, 'm').test(metrics)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server never held ${count} subscriptions`);
}

const reasonOf = (event: { event: string; data: { data: { historyEvents: { reason: string } } } } | null) => event?.data.data.historyEvents.reason;

describe.skipIf(!onPostgres)('live history across processes (PostgreSQL)', () => {
  beforeAll(async () => {
    target = await templateCopy();
    const database = await target.open();
    key = await createKey(database.db, 'live-p', 'viewer');
    await database.close();
    servers = await Promise.all([startServer(target.env), startServer(target.env)]);
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await target?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers a record imported by another process from both gateway processes, over SSE', async () => {
    const streams = await Promise.all(servers.map(subscribeSse));
    const started = Date.now();
    await importActionLog('live-p', 'imported elsewhere');
    for (const stream of streams) expect(reasonOf(await stream.next())).toBe('imported elsewhere');
    console.log(`import to both subscribers: ${Date.now() - started} ms (the import process included)`);
    await Promise.all(streams.map((stream) => stream.close()));
  });

  it("delivers over graphql-ws, and never another merchant's record", async () => {
    const client = wsClient(servers[0]!);
    const events = client.iterate<{ historyEvents: { reason: string } }>({ query: SUBSCRIPTION });
    const first = events.next();
    await subscriptionsOpen(servers[0]!, 1);
    await importActionLog('live-other', 'another merchant');
    await importActionLog('live-p', 'over the socket');
    expect((await first).value?.data?.historyEvents.reason).toBe('over the socket');
    await events.return?.(undefined);
    await client.dispose();
  });

  it('refuses a socket with an unknown key', async () => {
    const client = wsClient(servers[0]!, 'Bearer not-a-key');
    const events = client.iterate({ query: SUBSCRIPTION });
    await expect(events.next()).rejects.toMatchObject({ code: 4403 });
    await client.dispose();
  });

  it('ends SSE and WebSocket streams cleanly on SIGTERM, and exits 0', async () => {
    const server = await startServer(target.env);
    const sse = await subscribeSse(server);
    const client = wsClient(server);
    const closed = new Promise<number>((resolve) => client.on('closed', (event) => resolve((event as { code: number }).code)));
    const events = client.iterate({ query: SUBSCRIPTION });
    const ended = events.next();
    await subscriptionsOpen(server, 2);
    expect(await server.stop()).toBe(0);
    expect(await sse.next()).toMatchObject({ event: 'complete' });
    expect((await ended).done).toBe(true);
    expect(await closed).toBe(1001);
  });
});
