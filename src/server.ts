/**
 * `npm start`: opens the database (applying migrations, loading demo data into an empty embedded
 * one), serves GraphQL over HTTP and shuts down in order on SIGTERM/SIGINT.
 */
import { createServer, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_KEYS } from './auth/demo-keys.js';
import { findPrincipal, hashKey } from './auth/keys.js';
import { cursorSecret } from './auth/secrets.js';
import { openMigratedDatabase } from './cli/run.js';
import { startupFailure } from './cli/startup-failure.js';
import { loadConfig, type Config } from './config.js';
import { openPostgres, type Database } from './db/client.js';
import { isEmpty, seedDemo } from './demo/seed.js';
import { drainable } from './http/drain.js';
import { serveWebSocket } from './http/websocket.js';
import { createLogger } from './observability/log.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

/** The demo keys present in this database (none where demo data was never loaded). */
async function presentDemoKeys(database: Database) {
  const present = [];
  for (const demo of DEMO_KEYS) {
    if (await findPrincipal(database, hashKey(demo.key))) present.push(demo);
  }
  return present;
}

/** The manifest of `PERSISTED_DOCUMENTS`, checked against the schema before the server listens. */
async function persistedDocuments(config: Config) {
  if (!config.persistedDocuments) return undefined;
  const [{ loadManifest }, { schema }] = await Promise.all([import('./http/persisted.js'), import('./schema/index.js')]);
  return loadManifest(config.persistedDocuments, schema);
}

/** Until the gateway is ready: the 503 an outage gets, so clients retry. */
function starting(response: ServerResponse) {
  response.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' });
  response.end(JSON.stringify({ errors: [{ message: 'The gateway is starting; retry shortly.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }));
}

/** Read first, so a failure to start can name what it was told (port, DATA_DIR, database). */
let settings: Config | undefined;

async function main(): Promise<void> {
  const config = loadConfig();
  settings = config;
  const logger = createLogger({ level: config.logLevel, format: config.logFormat });
  // The port first: a port in use fails in a moment, before the database is opened or seeded.
  let handle: RequestListener | undefined;
  const server = createServer((request, response) => (handle ? handle(request, response) : starting(response)));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  // Open the database while the schema modules load: both take seconds on a cold start.
  const opening = openMigratedDatabase(config, { requestPath: true });
  opening.catch(() => undefined); // handled by the await below, once the import is done
  const { buildYoga, GRAPHQL_ENDPOINT } = await import('./yoga.js');
  const manifest = await persistedDocuments(config);
  const database = await opening;
  const readDatabase = config.databaseReadUrl
    ? await openPostgres(config.databaseReadUrl, { poolSize: config.dbPoolSize, prepare: config.databasePrepare, statementTimeoutMs: config.statementTimeoutMs })
    : undefined;
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
    logger,
    manifest,
    readDatabase,
  });
  const drain = drainable(yoga);
  handle = drain.listener;
  const websocket = serveWebSocket(yoga, server, GRAPHQL_ENDPOINT);
  // Listening before the URL is printed: a record written from then on reaches subscribers.
  await Promise.all([yoga.feed.listening(), yoga.replicas.listening()]);
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  console.log(`Order History Gateway: GraphQL and GraphiQL at http://${host}:${port}${GRAPHQL_ENDPOINT}`);
  console.log(`Database: ${config.databaseUrl ? `PostgreSQL (DATABASE_URL${readDatabase ? ', reads from DATABASE_READ_URL' : ''})` : `embedded PGlite in ${config.dataDir}`}`);
  if (manifest) console.log(`Trusted documents only: the ${manifest.size} of ${config.persistedDocuments}.`);
  if (config.rateLimitPoints) console.log(`Budget per key: ${config.rateLimitPoints} points every ${config.rateLimitWindowMs / 1000} s.`);
  if (demoKeys.length) {
    console.log('Demo API keys (send as "Authorization: Bearer <key>"):');
    for (const { merchantId, role, key } of demoKeys) console.log(`  ${merchantId.padEnd(7)} ${role.padEnd(7)} ${key}`);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing requests in flight, then stopping.`);
    // Streams end first (cleanly, with `complete`): they would otherwise hold the drain open.
    await yoga.feed.stop();
    await Promise.all([drain.drain(server, config.shutdownGraceMs), websocket.close()]);
    await yoga.dispose();
    await Promise.all([database.close(), readDatabase?.close()]);
    log('Stopped.');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  log(startupFailure(error, settings));
  process.exit(1);
});
