/**
 * The real process: the compiled server on a free port, over HTTP. Start-up on an empty data
 * directory (demo data loaded, keys printed), health and readiness, the self-contained GraphiQL
 * page, CORS, and an orderly SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiled } from './support/cli.js';

let child: ChildProcess;
let base: string;
let stdout = '';
let stderr = '';
let exit: Promise<number | null>;
const dataDir = mkdtempSync(join(tmpdir(), 'ohg-server-'));

beforeAll(async () => {
  child = spawn(process.execPath, [compiled('src/server.ts')], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: '0', CORS_ORIGINS: 'https://app.example' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${stdout}\n${stderr}`)), 60_000);
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /at (http:\/\/[^\s]+)\/graphql/.exec(stdout);
      if (match && stdout.includes('demo-b-viewer-key')) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
}, 90_000);

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer demo-a-viewer-key', ...headers },
    body: JSON.stringify(body),
  });

describe('npm start', () => {
  it('prints the URL and the demo keys on an empty data directory', () => {
    expect(stdout).toMatch(/GraphQL and GraphiQL at http:\/\/127\.0\.0\.1:\d+\/graphql/);
    for (const key of ['demo-a-viewer-key', 'demo-a-editor-key', 'demo-b-viewer-key']) expect(stdout).toContain(key);
    expect(stderr).toMatch(/Loaded \d+ demo orders/);
  });

  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('serves a GraphiQL page that loads nothing from outside and opens with the example and the demo key', async () => {
    const response = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Order History Gateway');
    expect(html).not.toMatch(/<script[^>]+src=["']?https?:/i);
    expect(html).not.toMatch(/<link[^>]+href=["']?https?:/i);
    expect(html).not.toMatch(/@import\s+url\(["']?https?:/i);
    expect(html).toContain('query RecentOrders');
    expect(html).toContain('Bearer demo-a-viewer-key');
  });

  it('runs the example operation with the demo key', async () => {
    const html = await (await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('RecentOrders');
    const { EXAMPLE_OPERATION } = await import('../src/yoga.js');
    const response = await post({ query: EXAMPLE_OPERATION });
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.orders.nodes.length).toBe(5);
    expect(body.data.viewer).toEqual({ merchantId: 'demo-a', role: 'VIEWER' });
  });

  it('allows only the configured browser origins', async () => {
    const allowed = await fetch(`${base}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const other = await post({ query: '{ viewer { role } }' }, { origin: 'https://evil.example' });
    expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
  });

  it('exits 0 on SIGTERM (shutdown.test.ts drains connections under load)', async () => {
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(stderr).toMatch(/SIGTERM: finishing requests in flight/);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
