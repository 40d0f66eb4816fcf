/**
 * What hostile documents cost the compiled server on an embedded database with demo data: the
 * time to answer each (all refused or bounded), `/healthz` while they run, and the server's RSS
 * before and after a round of them.
 *   npx tsx scripts/bench-abuse.ts [--rounds 20]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '../test/support/server-process.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '20' } } });
const ROUNDS = Number(values.rounds);
const KEY = 'demo-a-viewer-key';

const fanOut = (levels: number) =>
  `query { ...F0 } ${Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F${levels} on Query { viewer { merchantId } }`;
const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
const DOCUMENTS: Record<string, string> = {
  'fan-out fragments, 40 levels': fanOut(40),
  '5,000 aliases of orders(first: 0) { totalCount }': aliases(5_000, 'orders(first: 0, filter: { query: "x" }) { totalCount }'),
  '50 aliases of a two-level __schema': aliases(50, '__schema { types { name fields { name } } }'),
  '200,000 __typename aliases (2.6 MB body)': aliases(200_000, '__typename'),
  'a selection nested 5,000 deep': `{ ${'viewer { '.repeat(5_000)}${'}'.repeat(5_000)} }`,
  '_entities with 3,000 representations': `{ _entities(representations: [${Array.from({ length: 3_000 }, (_, i) => `{ __typename: "Order", id: "${i}" }`).join(', ')}]) { ... on Order { id } } }`,
};

const dir = mkdtempSync(join(tmpdir(), 'ohg-abuse-'));
const server = await startServer({ DATABASE_URL: '', DATA_DIR: dir, RATE_LIMIT_POINTS: '0', LOG_LEVEL: 'warn' });
const base = server.base;
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

try {
  const post = async (query: string) => {
    const started = performance.now();
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify({ query }),
    });
    const text = await response.text();
    const code = response.status === 413 ? '413' : (JSON.parse(text).errors?.[0]?.extensions?.code ?? 'answered');
    return { ms: performance.now() - started, code, bytes: text.length };
  };
  await post('{ viewer { role } }');
  const before = rssMb();
  let slowestHealth = 0;
  const health = setInterval(async () => {
    const started = performance.now();
    await fetch(`${base}/healthz`).catch(() => undefined);
    slowestHealth = Math.max(slowestHealth, performance.now() - started);
  }, 100);
  console.log(`load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}; ${ROUNDS} rounds of each document`);
  console.log('| document | answer | median ms | max ms | answer bytes |');
  console.log('|---|---|---|---|---|');
  for (const [what, query] of Object.entries(DOCUMENTS)) {
    const runs = [];
    for (let i = 0; i < ROUNDS; i++) runs.push(await post(query));
    const times = runs.map((run) => run.ms).sort((a, b) => a - b);
    console.log(`| ${what} | ${runs[0]!.code} | ${times[Math.floor(times.length / 2)]!.toFixed(1)} | ${times.at(-1)!.toFixed(1)} | ${runs[0]!.bytes} |`);
  }
  clearInterval(health);
  console.log(`slowest /healthz while they ran: ${slowestHealth.toFixed(1)} ms; RSS ${before.toFixed(0)} MB before, ${rssMb().toFixed(0)} MB after`);
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
