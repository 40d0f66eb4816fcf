/**
 * One against two gateway processes behind `@apollo/gateway` (round robin over the replicas), on
 * one throwaway PostgreSQL 15 with the demo data set: S1 (50 orders × 20 of each history) under
 * load through the router, first with one replica, then with two. Prints req/s, p50/p99 and the
 * ratio. On 2 cores the router, both replicas, PostgreSQL and the load generator share the CPU,
 * so expect little; see the README's production layout for what scales.
 *   npx tsx scripts/bench-replicas.ts [--orders 2000] [--seconds 10] [--connections 10]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openMigratedDatabase } from '../src/cli/run.js';
import { loadConfig } from '../src/config.js';
import { seedDemo } from '../src/demo/seed.js';
import { startPostgres } from '../test/support/postgres-server.js';
import { startServer, type ServerProcess } from '../test/support/server-process.js';
import { composeSupergraph, fetchSubgraphSdl, startGateway, type RunningGateway } from '../test/support/second-subgraph.js';
import { measureLoad, type LoadResult } from './bench/load.js';

const { values } = parseArgs({
  options: { orders: { type: 'string', default: '2000' }, seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' } },
});
const KEY = 'demo-a-viewer-key';
const S1 = `{ orders(first: 50) { nodes { id orderNumber
  actionLogs(first: 20) { nodes { __typename ... on ActionLogEntry { key createdAt } } }
  statusHistory(first: 20) { nodes { statusId createdAt } }
  historyChanges(first: 20) { nodes { field createdAt } }
  traces(first: 20) { nodes { date message status } } } } }`;

const pg = await startPostgres();
const servers: ServerProcess[] = [];
const routers: RunningGateway[] = [];
try {
  await pg.psql('postgres', 'create database bench');
  const databaseUrl = pg.url('bench');
  const database = await openMigratedDatabase(loadConfig({ DATABASE_URL: databaseUrl }));
  const seeded = await seedDemo(database, Number(values.orders));
  await database.close();
  await pg.psql('bench', 'vacuum analyze');

  const env = { DATABASE_URL: databaseUrl, RATE_LIMIT_POINTS: '0', LOG_LEVEL: 'warn', NODE_ENV: 'production' };
  servers.push(...(await Promise.all([startServer(env), startServer(env)])));
  const urls = servers.map((server) => `${server.base}/graphql`);
  const supergraph = composeSupergraph([{ name: 'orders', url: urls[0]!, sdl: await fetchSubgraphSdl(urls[0]!, KEY) }]);
  const results: [string, LoadResult][] = [];
  for (const replicas of [urls.slice(0, 1), urls]) {
    const router = await startGateway(supergraph, { [urls[0]!]: replicas });
    routers.push(router);
    const load = await measureLoad({
      url: router.url,
      body: JSON.stringify({ query: S1 }),
      headers: { authorization: `Bearer ${KEY}` },
      pid: servers[0]!.child.pid!,
      seconds: Number(values.seconds),
      connections: Number(values.connections),
    });
    results.push([`${replicas.length} replica${replicas.length > 1 ? 's' : ''}`, load]);
  }
  console.log(`\nPostgreSQL 15, ${seeded.orders} demo orders; S1 through @apollo/gateway, ${values.connections} connections, ${values.seconds} s each; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  console.log('| behind the router | req/s | p50 ms | p99 ms | failed |');
  console.log('|---|---|---|---|---|');
  for (const [what, load] of results) console.log(`| ${what} | ${load.rps.toFixed(1)} | ${load.p50} | ${load.p99} | ${load.failed} |`);
  const [[, one], [, two]] = results as [[string, LoadResult], [string, LoadResult]];
  console.log(`two replicas / one: req/s ${(two.rps / one.rps).toFixed(2)}×, p50 ${(two.p50 / one.p50).toFixed(2)}×`);
} finally {
  for (const router of routers) await router.stop();
  await Promise.all(servers.map((server) => server.stop()));
  await pg.destroy();
}
