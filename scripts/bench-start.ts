/**
 * How long the embedded database makes a person wait, through npm and the compiled code as they run
 * it: `npm start` to the first GraphQL answer once on an empty data directory (database copied
 * from the build's migrated template, demo data loaded) and once more on the same directory, then
 * `npm run key:create -- --help`, and `key:create` on an empty and on an existing data directory.
 *   npx tsx scripts/bench-start.ts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { templateIsCurrent } from '../src/db/pglite-template.js';

const PORT = 4600 + Math.floor(Math.random() * 300);
const root = mkdtempSync(join(tmpdir(), 'ohg-start-'));
const embedded = (dataDir: string) => ({ ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(PORT) });

async function firstAnswer(dataDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], { env: embedded(dataDir), stdio: 'ignore', detached: true });
  try {
    for (let attempt = 0; attempt < 600; attempt++) {
      try {
        const response = await fetch(`http://127.0.0.1:${PORT}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer demo-a-viewer-key' },
          body: JSON.stringify({ query: '{ orders(first: 1) { nodes { id } } }' }),
        });
        if (response.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('no answer within 30 s');
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

/** Runs `npm run -s <args>` to its end; its time, or an error naming what it printed. */
function timed(args: string[], dataDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn('npm', ['run', '-s', ...args], { env: embedded(dataDir), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) =>
    child.once('close', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`npm run ${args.join(' ')} exited ${code}:\n${output}`)))),
  );
}

const line = (what: string, ms: number, target: number) => console.log(`${what}: ${ms.toFixed(0)} ms (target < ${target})`);

try {
  // Without a current template the first figures measure initdb and the migrations instead.
  console.log(`migrated template: ${templateIsCurrent() ? 'current' : 'missing or stale (npm run build makes it)'}`);
  const server = join(root, 'server');
  line('first start (empty DATA_DIR)', await firstAnswer(server), 6000);
  line('later start (same DATA_DIR)', await firstAnswer(server), 2000);
  const command = join(root, 'command');
  line('key:create --help', await timed(['key:create', '--', '--help'], command), 1000);
  const create = ['key:create', '--', '--merchant', 'shop-1', '--role', 'viewer'];
  line('key:create (empty DATA_DIR)', await timed(create, command), 2500);
  line('key:create (existing DATA_DIR)', await timed(create, command), 2500);
} finally {
  rmSync(root, { recursive: true, force: true });
}
