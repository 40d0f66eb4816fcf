/**
 * Time from `npm start` to the first GraphQL answer: once on an empty data directory (database
 * created, migrated, demo data loaded) and once more on the same directory.
 *   npx tsx scripts/bench-start.ts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PORT = 4600 + Math.floor(Math.random() * 300);
const dataDir = mkdtempSync(join(tmpdir(), 'ohg-start-'));

async function firstAnswer(): Promise<number> {
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(PORT) },
    stdio: 'ignore',
    detached: true,
  });
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

try {
  console.log(`first start (empty DATA_DIR): ${(await firstAnswer()).toFixed(0)} ms to the first answer`);
  console.log(`later start (same DATA_DIR):  ${(await firstAnswer()).toFixed(0)} ms to the first answer`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
