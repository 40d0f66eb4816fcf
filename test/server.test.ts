/**
 * The real process: the compiled server on a free port, over HTTP. Start-up on an empty data
 * directory (demo data loaded, keys printed), health and readiness, the self-contained GraphiQL
 * page and its compressed assets, CORS, and an orderly SIGTERM.
 */
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from './support/server-process.js';

let server: ServerProcess;
let base: string;
const dataDir = mkdtempSync(join(tmpdir(), 'ohg-server-'));

beforeAll(async () => {
  server = await startServer(
    { DATABASE_URL: '', DATA_DIR: dataDir, CORS_ORIGINS: 'https://app.example' },
    { ready: (stdout) => stdout.includes('demo-b-viewer-key') },
  );
  base = server.base;
}, 90_000);

afterAll(async () => {
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** GET as a browser sends it, with the bytes that crossed the wire (not decompressed). */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { headers }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, bytes }));
    });
    req.once('error', reject);
    req.end();
  });
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer demo-a-viewer-key', ...headers },
    body: JSON.stringify(body),
  });

describe('npm start', () => {
  it('prints the URL and the demo keys on an empty data directory', () => {
    expect(server.stdout()).toMatch(/GraphQL and GraphiQL at http:\/\/127\.0\.0\.1:\d+\/graphql/);
    for (const key of ['demo-a-viewer-key', 'demo-a-editor-key', 'demo-b-viewer-key']) expect(server.stdout()).toContain(key);
    expect(server.stderr()).toMatch(/Loaded \d+ demo orders/);
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
    // A complete order page: where it goes, what it costs line by line, which variant was bought.
    type Node = { deliveryAddress: { countryCode: string } | null; fees: { subtotal: { label: string }; total: { label: string } };
      items: { variant: { sku: string; options: { text: string }[] } | null }[] };
    const nodes: Node[] = body.data.orders.nodes;
    expect(nodes.every((n) => n.deliveryAddress?.countryCode && n.fees.subtotal.label && n.fees.total.label)).toBe(true);
    expect(nodes.some((n) => n.items.some((item) => item.variant?.sku && item.variant.options[0]?.text))).toBe(true);
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

  it('serves the assets of GraphiQL compressed and cacheable, under 2 MB over the wire in all, and leads / to it', async () => {
    const page = await (await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } })).text();
    const assets = [...page.matchAll(/(?:src|href)="(\/graphiql\/[^"]+)"|'(\/graphiql\/[^']+)'/g)].map((m) => m[1] ?? m[2]!);
    expect(assets.length).toBe(6);
    let wire = Buffer.byteLength(page);
    for (const asset of assets) {
      const response = await rawGet(asset, { 'accept-encoding': 'gzip, deflate, br' });
      expect(response.status).toBe(200);
      expect(response.headers['content-encoding']).toBe('br');
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      wire += response.bytes;
    }
    expect(wire).toBeLessThan(2_000_000);
    expect((await rawGet(assets[0]!)).headers['content-encoding']).toBeUndefined();
    expect((await rawGet('/graphiql/nothing.js')).status).toBe(404);
    const root = await rawGet('/');
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/graphql');
  });

  it('answers a preflight from another origin with a 403 that names CORS_ORIGINS', async () => {
    const refused = await fetch(`${base}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const body = await refused.json();
    expect(body.errors[0]).toEqual({
      message: 'Origin https://evil.example may not call this API from a browser (CORS_ORIGINS is https://app.example); add it to CORS_ORIGINS, comma-separated.',
      extensions: { code: 'CORS_ORIGIN_NOT_ALLOWED' },
    });
  });

  it('exits 0 on SIGTERM (shutdown.test.ts drains connections under load)', async () => {
    expect(await server.stop()).toBe(0);
    expect(server.stderr()).toMatch(/SIGTERM: finishing requests in flight/);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
