/**
 * SIGTERM under keep-alive load (CONTRACT §8), on the real process: no new request is taken on any
 * connection (idle keep-alive sockets are closed, answers carry `Connection: close`), a request
 * already received is answered in full, and the process exits 0 within SHUTDOWN_GRACE_MS + 1 s.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { compiled } from './support/cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ohg-shutdown-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const BODY = JSON.stringify({ query: '{ orders(first: 3) { nodes { id timeline(first: 5) { nodes { summary } } } } }' });
const request = (body = BODY) =>
  `POST /graphql HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer demo-a-viewer-key\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;

/** A raw keep-alive connection that collects what the server sends and notes when it closes. */
function open(port: number): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    let data = '';
    const socket = connect(port, '127.0.0.1');
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.once('error', () => undefined);
    socket.once('connect', () => resolve({ socket, received: () => data, closed }));
    socket.once('error', reject);
  });
}

const complete = (text: string) => {
  const [head, body] = text.split('\r\n\r\n');
  const length = Number(/content-length: (\d+)/i.exec(head ?? '')?.[1] ?? NaN);
  return Buffer.byteLength(body ?? '') >= length;
};

async function waitFor(check: () => boolean, what: string, ms = 20_000) {
  for (const started = Date.now(); !check(); ) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it('drains keep-alive connections on SIGTERM and exits 0', async () => {
  const graceMs = 5_000;
  const child = spawn(process.execPath, [compiled('src/server.ts')], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: '0', SHUTDOWN_GRACE_MS: String(graceMs) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await waitFor(() => /demo-b-viewer-key/.test(stdout), 'the server to start', 60_000);
  const port = Number(/127\.0\.0\.1:(\d+)/.exec(stdout)![1]);

  // Four connections that have been answered once and stay open, idle; one with a request half sent.
  const idle = await Promise.all([1, 2, 3, 4].map(() => open(port)));
  for (const connection of idle) connection.socket.write(request() + BODY);
  await waitFor(() => idle.every((c) => complete(c.received())), 'the first answers');
  for (const connection of idle) expect(connection.received()).toMatch(/^HTTP\/1\.1 200/);
  const busy = await open(port);
  busy.socket.write(request() + BODY.slice(0, 10));
  await new Promise((resolve) => setTimeout(resolve, 200)); // the server has its headers: the request is received

  const signalled = Date.now();
  child.kill('SIGTERM');
  // Idle connections are closed by the server without anything sent on them.
  await Promise.all(idle.map((c) => c.closed));
  // No new connection is accepted.
  await expect(open(port)).rejects.toThrow(/ECONNREFUSED/);
  // The request already received is answered in full, and its connection closed after it.
  busy.socket.write(BODY.slice(10));
  await busy.closed;
  const answer = busy.received();
  expect(answer).toMatch(/^HTTP\/1\.1 200/);
  expect(answer).toMatch(/\r\nconnection: close\r\n/i);
  expect(complete(answer)).toBe(true);
  expect(JSON.parse(answer.split('\r\n\r\n')[1]!).data.orders.nodes).toHaveLength(3);

  expect(await exited).toBe(0);
  expect(Date.now() - signalled).toBeLessThan(graceMs + 1_000);
}, 90_000);
