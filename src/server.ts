/**
 * `npm start`: opens the database (applying migrations, loading demo data into an empty embedded
 * one), serves GraphQL over HTTP and shuts down in order on SIGTERM/SIGINT.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_KEYS } from './auth/demo-keys.js';
import { findPrincipal, hashKey } from './auth/keys.js';
import { cursorSecret } from './auth/secrets.js';
import { openMigratedDatabase } from './cli/run.js';
import { ConfigError, loadConfig } from './config.js';
import type { Database } from './db/client.js';
import { isEmpty, seedDemo } from './demo/seed.js';
import { drainable } from './http/drain.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

/** The demo keys present in this database (none where demo data was never loaded). */
async function presentDemoKeys(database: Database) {
  const present = [];
  for (const demo of DEMO_KEYS) {
    if (await findPrincipal(database, hashKey(demo.key))) present.push(demo);
  }
  return present;
}

async function main(): Promise<void> {
  const config = loadConfig();
  // Open the database while the schema modules load: both take seconds on a cold start.
  const opening = openMigratedDatabase(config, { requestPath: true });
  opening.catch(() => undefined); // handled by the await below, once the import is done
  const { buildYoga, GRAPHQL_ENDPOINT } = await import('./yoga.js');
  const database = await opening;
  if (!config.databaseUrl && config.demoData && (await isEmpty(database))) {
    log('Empty embedded database: loading the demo data set…');
    const summary = await seedDemo(database);
    log(`Loaded ${summary.orders} demo orders and ${summary.historyRows} history records.`);
  }
  const demoKeys = await presentDemoKeys(database);
  const yoga = buildYoga(database, {
    ...config,
    cursorSecret: await cursorSecret(database, config.cursorSecret),
    graphiqlKey: demoKeys[0]?.key,
  });
  const drain = drainable(yoga);
  const server = createServer(drain.listener);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  console.log(`Order History Gateway: GraphQL and GraphiQL at http://${host}:${port}${GRAPHQL_ENDPOINT}`);
  console.log(`Database: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`}`);
  if (demoKeys.length) {
    console.log('Demo API keys (send as "Authorization: Bearer <key>"):');
    for (const { merchantId, role, key } of demoKeys) console.log(`  ${merchantId.padEnd(7)} ${role.padEnd(7)} ${key}`);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing requests in flight, then stopping.`);
    await drain.drain(server, config.shutdownGraceMs);
    await yoga.dispose();
    await database.close();
    log('Stopped.');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  log(error instanceof ConfigError ? error.message : `Could not start: ${(error as Error)?.stack ?? String(error)}`);
  process.exit(1);
});
