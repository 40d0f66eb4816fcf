/**
 * `npm run bench`: latency and SQL statements of typical operations on the demo data, through
 * `yoga.fetch` (no network), on PGlite or on DATABASE_URL. Prints a table; asserts nothing.
 *   npm run bench -- [--orders 200] [--runs 30]
 */
import { cursorSecret } from '../src/auth/secrets.js';
import { parseArgs } from 'node:util';
import { openMigratedDatabase } from '../src/cli/run.js';
import { loadConfig } from '../src/config.js';
import { isEmpty, seedDemo } from '../src/demo/seed.js';
import { buildYoga } from '../src/yoga.js';

const { values } = parseArgs({ options: { orders: { type: 'string' }, runs: { type: 'string' } } });
const ordersPerMerchant = Number(values.orders ?? 200);
const runs = Number(values.runs ?? 30);

const list = (field: string) => `${field}(first: 20) { totalCount nodes { __typename ... on HistoryEvent { id occurredAt summary actor { kind name } } } }`;
const OPERATIONS: Record<string, string> = {
  'orders(50) with customer and items': `{ orders(first: 50) { nodes { id orderNumber customer { name email } items { sku quantity price { label } } } } }`,
  'orders(50) × five history lists of 20': `{ orders(first: 50) { nodes { id ${['actionLogs', 'statusHistory', 'historyChanges', 'traces', 'timeline'].map(list).join(' ')} } } }`,
  'ordersPage(perPage 100) filtered by text': `{ ordersPage(perPage: 100, filter: { query: "a" }) { items { id } pageInfo { totalCount } } }`,
  'one order timeline(first 100)': `query($id: ID!) { order(id: $id) { ${list('timeline').replace('first: 20', 'first: 100')} } }`,
  'statusHistory(first 100)': `{ statusHistory(first: 100) { totalCount nodes { id statusId summary } } }`,
  'historyChanges(first 100, sinceId)': `{ historyChanges(first: 100, filter: { sinceId: "950" }) { totalCount nodes { id field oldValue { __typename } newValue { __typename } } } }`,
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const config = loadConfig({ ...process.env, DATA_DIR: '' });
const database = await openMigratedDatabase({ ...config, dataDir: '' });
if (await isEmpty(database)) {
  const started = performance.now();
  await seedDemo(database, ordersPerMerchant);
  console.error(`seeded ${ordersPerMerchant} demo orders per merchant in ${Math.round(performance.now() - started)} ms`);
}
const yoga = buildYoga(database, { ...config, cursorSecret: await cursorSecret(database, config.cursorSecret), maxCost: 1_000_000 });
const first = await database.rows<{ id: string }>(
  (await import('drizzle-orm')).sql`select id from orders where merchant_id = 'demo-a' order by created_at desc limit 1`,
);
const variables = { id: first[0]?.id };

console.log(`${database.kind}, ${ordersPerMerchant} demo orders per merchant, ${runs} runs each\n`);
console.log('| operation | statements | median ms | p95 ms |');
console.log('|---|---|---|---|');
for (const [name, query] of Object.entries(OPERATIONS)) {
  const times: number[] = [];
  let statements = 0;
  for (let run = 0; run < runs + 3; run++) {
    let count = 0;
    const stop = database.onStatement(() => count++);
    const started = performance.now();
    const response = await yoga.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo-a-viewer-key' },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    const elapsed = performance.now() - started;
    stop();
    if (body.errors) throw new Error(`${name}: ${JSON.stringify(body.errors)}`);
    if (run >= 3) times.push(elapsed); // the first runs warm caches and JIT
    statements = count;
  }
  times.sort((a, b) => a - b);
  console.log(`| ${name} | ${statements} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |`);
}
await database.close();
