/**
 * What an operator sees: `/metrics` scraped and parsed, one JSON log line per request (its id
 * kept or made, never the key), and answers compressed for clients that accept it.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.js';
import { openTestApp, type TestApp } from './support/app.js';
import { captureLogger, type CapturedLog } from './support/log.js';

let app: TestApp;
let log: CapturedLog;
const KEY = 'demo-a-viewer-key';

beforeAll(async () => {
  log = captureLogger();
  app = await openTestApp({ logger: log.logger });
  await seedDemo(app.database, 60);
});
afterAll(() => app.close());

const send = (body: unknown, headers: Record<string, string> = {}) =>
  app.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}`, ...headers },
    body: JSON.stringify(body),
  });

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus' text format, the way a scraper reads it. */
function parseMetrics(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

const sampleOf = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

describe('/metrics', () => {
  it('counts requests and their duration by operation, errors by code, SQL per request and the pool', async () => {
    for (let i = 0; i < 3; i++) expect((await send({ query: 'query Recent { orders(first: 2) { nodes { id timeline(first: 2) { nodes { summary } } } } }' })).status).toBe(200);
    const broken = await (await send({ query: 'query Broken { orders(first: 1, after: "garbage") { nodes { id } } }' })).json();
    expect(broken.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const response = await app.yoga.fetch('http://localhost/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const samples = parseMetrics(await response.text());

    expect(sampleOf(samples, 'graphql_envelop_request_duration_count', { operationName: 'Recent' })?.value).toBe(3);
    expect(sampleOf(samples, 'graphql_yoga_http_duration_count', { operationName: 'Recent', statusCode: '200' })?.value).toBe(3);
    expect(sampleOf(samples, 'gateway_errors_total', { code: 'BAD_USER_INPUT' })?.value).toBeGreaterThanOrEqual(1);
    const statements = sampleOf(samples, 'gateway_sql_statements_per_request_sum')!.value;
    const requests = sampleOf(samples, 'gateway_sql_statements_per_request_count')!.value;
    expect(requests).toBe(4);
    expect(statements).toBeGreaterThanOrEqual(3 * 2); // orders and their timelines, per request
    expect(sampleOf(samples, 'gateway_db_pool_size')?.value).toBe(app.database.kind === 'postgres' ? 10 : 1);
    expect(sampleOf(samples, 'gateway_db_statements_in_flight')?.value).toBe(0);
  });
});

describe('the request log', () => {
  it('writes one JSON line per request with its id, operation, merchant, cost and status, never the key', async () => {
    log.lines.length = 0;
    const response = await send({ query: 'query One { orders(first: 1) { nodes { id } } }' }, { 'x-request-id': 'req-42' });
    expect(response.headers.get('x-request-id')).toBe('req-42');
    const requests = log.lines.filter((line) => line.msg === 'request');
    expect(requests).toEqual([
      expect.objectContaining({
        level: 30,
        reqId: 'req-42',
        method: 'POST',
        path: '/graphql',
        status: 200,
        operation: 'One',
        merchant: 'demo-a',
        keyId: expect.stringMatching(/^key_[0-9a-f]{12}$/),
        cost: expect.any(Number),
        statements: expect.any(Number),
        ms: expect.any(Number),
      }),
    ]);
    expect(JSON.stringify(log.lines)).not.toContain(KEY);
  });

  it('makes an id when none (or a malformed one) comes with the request', async () => {
    log.lines.length = 0;
    const made = await send({ query: '{ viewer { role } }' }, { 'x-request-id': 'two words\nand a newline' });
    const id = made.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(log.lines.find((line) => line.msg === 'request')?.reqId).toBe(id);
  });

  it('logs a refused key without the key', async () => {
    log.lines.length = 0;
    const refused = await app.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-real-key-123' },
      body: '{"query":"{ viewer { role } }"}',
    });
    expect(refused.status).toBe(401);
    expect(log.lines).toEqual([expect.objectContaining({ msg: 'request', status: 401 })]);
    expect(JSON.stringify(log.lines)).not.toContain('not-a-real-key-123');
  });
});

describe('compression', () => {
  const PAGE = '{ orders(first: 50) { nodes { id orderNumber timeline(first: 20) { nodes { __typename occurredAt summary } } } } }';

  it('sends brotli or gzip as the client accepts, the same JSON once decoded', async () => {
    const plain = await (await send({ query: PAGE })).text();
    expect(plain.length).toBeGreaterThan(50_000);
    const br = await send({ query: PAGE }, { 'accept-encoding': 'gzip, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(plain.length / 5);
    expect(JSON.parse(brotliDecompressSync(brBytes).toString())).toEqual(JSON.parse(plain));
    const gz = await send({ query: PAGE }, { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString())).toEqual(JSON.parse(plain));
  });

  it('leaves small answers, and clients that refuse every coding, uncompressed', async () => {
    const small = await send({ query: '{ viewer { role } }' }, { 'accept-encoding': 'br' });
    expect(small.headers.get('content-encoding')).toBeNull();
    const refused = await send({ query: PAGE }, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers.get('content-encoding')).toBeNull();
  });
});
