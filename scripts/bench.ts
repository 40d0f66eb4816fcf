/**
 * `npm run bench`: the main scenarios against a throwaway PostgreSQL 15 holding the demo data set
 * at scale (20,000 orders per merchant by default), served by the compiled server over HTTP.
 * Prints, per scenario: req/s, p50/p99 latency, the server's CPU ms per request, SQL statements
 * and PostgreSQL execution ms per request (pg_stat_statements), and KB the server read per
 * request; then the deep page's cost against the first page, and the peak RSS under S1 load.
 * Then `Query.events` deep against its first page, and live delivery latency with 100 open streams.
 * The server runs with request logs off (LOG_LEVEL=warn), as the peers it is compared with do.
 *   npm run bench -- [--orders 20000] [--seconds 10] [--connections 10] [--only S1,S5,E1,E100k,LIVE]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openMigratedDatabase } from '../src/cli/run.js';
import { loadConfig } from '../src/config.js';
import { seedDemo } from '../src/demo/seed.js';
import { freePort, startPostgres } from '../test/support/postgres-server.js';
import { measureLiveDelivery } from './bench/live.js';
import { measureLoad, type LoadResult } from './bench/load.js';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '20000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    only: { type: 'string' },
  },
});
const ORDERS = Number(values.orders);
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const KEY = 'demo-a-viewer-key';
const log = (line: string) => process.stderr.write(`${line}\n`);

const EVENTS = 'query($after: String) { events(first: 20, after: $after) { nodes { __typename source occurredAt summary } pageInfo { hasNextPage endCursor } } }';
const DEEP = 'query($after: String) { statusHistory(first: 20, after: $after) { nodes { id statusId createdAt } pageInfo { hasNextPage endCursor } } }';
const SCENARIOS: Record<string, { what: string; query: string }> = {
  S1: {
    what: '50 orders × 20 of each of the four history lists',
    query: `{ orders(first: 50) { nodes { id orderNumber
      actionLogs(first: 20) { nodes { __typename ... on ActionLogEntry { key createdAt } } }
      statusHistory(first: 20) { nodes { statusId createdAt } }
      historyChanges(first: 20) { nodes { field createdAt } }
      traces(first: 20) { nodes { date message status } } } } }`,
  },
  S2: { what: '50 orders × timeline(first: 30)', query: '{ orders(first: 50) { nodes { id timeline(first: 30) { nodes { __typename occurredAt source summary } } } } }' },
  S3: {
    what: 'a filtered search with a CJK text query',
    query: '{ orders(first: 20, filter: { query: "烏龍茶", statuses: [PENDING, CONFIRMED] }) { totalCount nodes { id orderNumber } } }',
  },
  S5: { what: 'trivial: { viewer { role } } (the key checked)', query: '{ viewer { role } }' },
  D1: { what: 'merchant-wide statusHistory(first: 20), first page', query: DEEP },
  D10k: { what: 'the same, after the cursor of row 10,000', query: DEEP },
  E1: { what: 'Query.events(first: 20), first page', query: EVENTS },
  E100k: { what: 'the same, after the cursor of row 100,000', query: EVENTS },
};
const chosen = values.only ? values.only.split(',') : Object.keys(SCENARIOS);
const scenarioIds = chosen.filter((id) => id !== 'LIVE');

log(`starting PostgreSQL and loading ${ORDERS} demo orders per merchant…`);
const pg = await startPostgres({ settings: { shared_preload_libraries: 'pg_stat_statements' } });
let server: ReturnType<typeof spawn> | undefined;
try {
  await pg.psql('postgres', 'create database bench');
  await pg.psql('postgres', 'create extension pg_stat_statements');
  const databaseUrl = pg.url('bench');
  const started = Date.now();
  const database = await openMigratedDatabase(loadConfig({ DATABASE_URL: databaseUrl }));
  const seeded = await seedDemo(database, ORDERS);
  await database.close();
  await pg.psql('bench', 'vacuum analyze');
  log(`loaded ${seeded.orders} orders and ${seeded.historyRows} history records in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  const port = await freePort();
  server = spawn(process.execPath, ['--max-semi-space-size=64', 'dist/server.js'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', DB_POOL_SIZE: '10', RATE_LIMIT_POINTS: '0', MAX_SUBSCRIPTIONS_PER_KEY: '100', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (await fetch(`${base}/readyz`).then((r) => r.ok, () => false)) break;
    if (attempt > 600) throw new Error('the server did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const post = async (query: string, variables?: Record<string, unknown>) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };

  // The cursor of row 10,000 of the merchant's status history.
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    after = (await post('query($after: String) { statusHistory(first: 100, after: $after) { pageInfo { endCursor } } }', { after })).statusHistory.pageInfo.endCursor;
  }
  // And of row 100,000 of the merchant's events (all four sources).
  let eventsAfter: string | null = null;
  if (chosen.includes('E100k')) {
    for (let page = 0; page < 1000; page++) {
      eventsAfter = (await post('query($after: String) { events(first: 100, after: $after) { pageInfo { endCursor } } }', { after: eventsAfter })).events.pageInfo.endCursor;
    }
  }
  const variablesOf: Record<string, Record<string, unknown> | undefined> = { D1: { after: null }, D10k: { after }, E1: { after: null }, E100k: { after: eventsAfter } };

  const statementsPerRequest = async (body: string, runs = 20) => {
    await pg.psql('postgres', 'select pg_stat_statements_reset()');
    for (let i = 0; i < runs; i++) {
      await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body }).then((r) => r.text());
    }
    const [calls, ms] = (
      await pg.psql('postgres', `select coalesce(sum(calls), 0), coalesce(sum(total_exec_time), 0) from pg_stat_statements
        where dbid = (select oid from pg_database where datname = 'bench') and query not like '%pg_stat_statements%'`)
    ).trim().split('|').map(Number);
    return { statements: calls! / runs, pgMs: ms! / runs };
  };

  const results: { id: string; load: LoadResult; statements: number; pgMs: number }[] = [];
  let peakRssMb = 0;
  for (const id of scenarioIds) {
    const scenario = SCENARIOS[id];
    if (!scenario) throw new Error(`no scenario ${id}`);
    const body = JSON.stringify({ query: scenario.query, variables: variablesOf[id] });
    await post(scenario.query, variablesOf[id]); // answers without errors
    const sql = await statementsPerRequest(body);
    log(`${id}: ${scenario.what}…`);
    const load = await measureLoad({ url: `${base}/graphql`, body, headers: { authorization: `Bearer ${KEY}` }, pid: server.pid!, seconds: SECONDS, connections: CONNECTIONS });
    if (id === 'S1') peakRssMb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    results.push({ id, load, ...sql });
  }

  const f = (n: number, digits = 1) => n.toFixed(digits);
  console.log(`\nPostgreSQL 15, ${seeded.orders} demo orders (${seeded.historyRows} history records), wrk-like load: ${CONNECTIONS} connections, ${SECONDS} s per scenario, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}\n`);
  console.log('| scenario | req/s | p50 ms | p99 ms | node CPU ms/req | statements/req | PG exec ms/req | node read KB/req | failed |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const { id, load, statements, pgMs } of results) {
    console.log(`| ${id} ${SCENARIOS[id]!.what} | ${f(load.rps, 0)} | ${f(load.p50)} | ${f(load.p99)} | ${f(load.cpuMsPerRequest, 2)} | ${f(statements, 2)} | ${f(pgMs, 2)} | ${f(load.readKbPerRequest)} | ${load.failed} |`);
  }
  const byId = new Map(results.map((r) => [r.id, r]));
  const [d1, d10k] = [byId.get('D1'), byId.get('D10k')];
  if (d1 && d10k) {
    console.log(`\ndeep page, row 10,000 vs page 1: node CPU ${f(d10k.load.cpuMsPerRequest / d1.load.cpuMsPerRequest, 2)}×, PG exec ${f(d10k.pgMs / d1.pgMs, 2)}×, p50 ${f(d10k.load.p50 / d1.load.p50, 2)}×`);
  }
  const [e1, e100k] = [byId.get('E1'), byId.get('E100k')];
  if (e1 && e100k) {
    console.log(`events, row 100,000 vs page 1: node CPU ${f(e100k.load.cpuMsPerRequest / e1.load.cpuMsPerRequest, 2)}×, PG exec ${f(e100k.pgMs / e1.pgMs, 2)}×, p50 ${f(e100k.load.p50 / e1.load.p50, 2)}×`);
  }
  if (peakRssMb) console.log(`peak RSS of the server after S1 load: ${f(peakRssMb, 0)} MB`);
  if (!values.only || chosen.includes('LIVE')) {
    log('LIVE: 100 SSE subscriptions, 30 writes…');
    const writer = await openMigratedDatabase(loadConfig({ DATABASE_URL: databaseUrl }));
    try {
      const live = await measureLiveDelivery({ base, key: KEY, merchant: 'demo-a', database: writer, streams: 100, writes: 30 });
      console.log(`live delivery, write → client with 100 open streams: p50 ${f(live.p50)} ms, p99 ${f(live.p99)} ms (${live.deliveries} deliveries)`);
    } finally {
      await writer.close();
    }
  }
} finally {
  server?.kill('SIGTERM');
  await pg.destroy();
}
