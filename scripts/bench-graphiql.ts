/**
 * How soon GraphiQL is usable in a browser: headless Chromium (Debian's `chromium`, or
 * CHROMIUM=path) opens the page of a running embedded server, as a first visit (empty cache), and
 * the script reports when the run button is there, when pressing it shows the example's answer,
 * and the bytes that came over the wire. Skipped, saying so, where no Chromium is installed.
 *   npx tsx scripts/bench-graphiql.ts
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../test/support/server-process.js';

const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.log(`GraphiQL in a browser: skipped (no Chromium at ${executablePath}; apt install chromium, or set CHROMIUM)`);
  process.exit(0);
}

const dataDir = mkdtempSync(join(tmpdir(), 'ohg-graphiql-'));
const server = await startServer({ DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  let wire = 0;
  page.on('requestfinished', (request) => {
    void request.sizes().then((sizes) => (wire += sizes.responseBodySize + sizes.responseHeadersSize));
  });
  const started = performance.now();
  await page.goto(`${server.base}/graphql`);
  await page.locator('.graphiql-execute-button').waitFor({ state: 'visible', timeout: 30_000 });
  const runnable = performance.now() - started;
  await page.locator('.graphiql-execute-button').click();
  await page.locator('.result-window').getByText('"orderNumber"').first().waitFor({ timeout: 30_000 });
  const answered = performance.now() - started;
  await page.waitForLoadState('networkidle');
  console.log(`GraphiQL, first visit: run button after ${runnable.toFixed(0)} ms (target < 2000), example answered after ${answered.toFixed(0)} ms`);
  console.log(`GraphiQL over the wire: ${(wire / 1e6).toFixed(2)} MB (target < 2)`);
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
