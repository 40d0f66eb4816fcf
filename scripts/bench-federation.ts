/**
 * `npx tsx scripts/bench-federation.ts [--runs 50] [--orders 100]`: the latency of one order query
 * sent straight to this service and through `@apollo/gateway`, all on 127.0.0.1.
 *
 * Builds its own world in a temporary embedded database (never `DATA_DIR`): the demo data set, this
 * service over HTTP, the tests' second subgraph (`riskScore`), a supergraph composed from both
 * `_service { sdl }` and the gateway behind `@apollo/server`. Each of three variants is warmed up,
 * then sent `--runs` times, one request at a time, the variants interleaved; it prints median, p95
 * and mean per variant:
 *   direct           — this service, `order { id orderNumber timeline(first: 5) {...} }`
 *   gateway, 1 hop   — the same selection through the gateway (one subgraph fetch)
 *   gateway, 2 hops  — plus `riskScore`: the gateway then fetches `_entities` from the second subgraph
 */
import { cursorSecret } from '../src/auth/secrets.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_KEYS } from '../src/auth/demo-keys.js';
import { loadConfig } from '../src/config.js';
import { openPglite } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/seed.js';
import { buildYoga } from '../src/yoga.js';
import { listenOnLoopback } from '../test/support/http-server.js';
import { composeSupergraph, fetchSubgraphSdl, startGateway, startSecondSubgraph } from '../test/support/second-subgraph.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '50' }, orders: { type: 'string', default: '100' } } });
const runs = Number(values.runs);
const ordersPerMerchant = Number(values.orders);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(ordersPerMerchant) || ordersPerMerchant < 1) {
  process.stderr.write('usage: npx tsx scripts/bench-federation.ts [--runs N] [--orders N]\n');
  process.exit(2);
}
const WARMUP = 10;
const KEY = DEMO_KEYS.find((k) => k.merchantId === 'demo-a' && k.role === 'viewer')!.key;

const selection = (extra: string) => `query Bench($id: ID!) {
  order(id: $id) { id orderNumber ${extra} timeline(first: 5) { totalCount nodes { __typename occurredAt summary } } }
}`;

async function send(url: string, query: string, variables: Record<string, unknown>): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (!response.ok || body.errors || !body.data || Object.values(body.data).some((value) => value == null)) {
    throw new Error(`unexpected answer from ${url}: ${JSON.stringify(body)}`);
  }
  return body.data;
}

/** Times each variant `runs` times, interleaved (each round in a rotated order), so drift hits all alike. */
async function measure(variants: { url: string; query: string }[], ids: string[]): Promise<number[][]> {
  const variables = (i: number) => ({ id: ids[i % ids.length], ids, representations: ids.map((id) => ({ __typename: 'Order', id })) });
  for (let i = 0; i < WARMUP; i++) for (const { url, query } of variants) await send(url, query, variables(i));
  const times: number[][] = variants.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < variants.length; j++) {
      const v = (i + j) % variants.length;
      const started = process.hrtime.bigint();
      await send(variants[v]!.url, variants[v]!.query, variables(i));
      times[v]!.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  return times;
}

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
  return `median ${at(0.5).toFixed(2)} ms   p95 ${at(0.95).toFixed(2)} ms   mean ${mean.toFixed(2)} ms`;
}

const dir = mkdtempSync(join(tmpdir(), 'ohg-bench-federation-'));
const database = await openPglite(dir);
const config = loadConfig();
const closers: (() => unknown)[] = [() => database.close()];
try {
  await migrate(database);
  await seedDemo(database, ordersPerMerchant);
  const yoga = buildYoga(database, {
    ...config,
    rateLimitPoints: 0, // a load test from one key
    cursorSecret: await cursorSecret(database, config.cursorSecret),
  });
  closers.unshift(() => yoga.dispose());
  const orders = await listenOnLoopback(yoga);
  closers.unshift(orders.close);
  const risk = await startSecondSubgraph();
  closers.unshift(risk.close);
  const supergraphSdl = composeSupergraph([
    { name: 'orders', url: orders.url, sdl: await fetchSubgraphSdl(orders.url, KEY) },
    { name: 'risk', url: risk.url, sdl: await fetchSubgraphSdl(risk.url) },
  ]);
  const gateway = await startGateway(supergraphSdl);
  closers.unshift(gateway.stop);

  const list = (await send(orders.url, '{ order: orders(first: 100) { nodes { id } } }', {})) as { order: { nodes: { id: string }[] } };
  const ids = list.order.nodes.map((node) => node.id);
  console.log(`${runs} sequential requests per variant (interleaved) after ${WARMUP} warm-up, ${ids.length} demo-a orders in turn, node ${process.version}`);
  const [direct, oneHop, twoHops] = await measure(
    [
      { url: orders.url, query: selection('') },
      { url: gateway.url, query: selection('') },
      { url: gateway.url, query: selection('riskScore') },
    ],
    ids,
  );
  console.log(`direct           ${summary(direct!)}`);
  console.log(`gateway, 1 hop   ${summary(oneHop!)}`);
  console.log(`gateway, 2 hops  ${summary(twoHops!)}`);

  // A batch: the risk subgraph names 100 orders, the gateway asks this subgraph for their
  // timelines in one _entities request; compared with sending that _entities request directly.
  const timeline = 'timeline(first: 5) { totalCount nodes { __typename occurredAt summary } }';
  const [entitiesDirect, entitiesGateway] = await measure(
    [
      { url: orders.url, query: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Order { id ${timeline} } } }` },
      { url: gateway.url, query: `query($ids: [ID!]!) { flaggedOrders(ids: $ids) { id riskScore ${timeline} } }` },
    ],
    ids,
  );
  console.log(`\n_entities batch of ${ids.length} orders with their timelines:`);
  console.log(`direct _entities             ${summary(entitiesDirect!)}`);
  console.log(`gateway (risk list → orders) ${summary(entitiesGateway!)}`);
} finally {
  for (const close of closers) await close();
  rmSync(dir, { recursive: true, force: true });
}
