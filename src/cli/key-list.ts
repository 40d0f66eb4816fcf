/**
 * `npm run -s key:list -- [--merchant <id>] [--json]`: every key with its merchant, role, label,
 * when it was created, last used and revoked. Never the key itself (it is not stored).
 */
import { listKeys, type KeyListing } from '../auth/keys.js';
import { openMigratedDatabase, parseCommandLine, runCli } from './run.js';
import { isoSeconds, textTable } from './table.js';

const USAGE = `usage: npm run -s key:list -- [--merchant <id>] [--json]
  Lists the API keys (never the keys themselves): id, merchant, role, label, created, last used, revoked.
  --merchant  only this merchant's keys
  --json      one JSON object per line instead of a table`;

function table(keys: KeyListing[]): string {
  const header = ['ID', 'MERCHANT', 'ROLE', 'LABEL', 'CREATED', 'LAST USED', 'REVOKED'];
  const when = isoSeconds;
  return textTable(header, keys.map((k) => [k.id, k.merchantId, k.role, k.label ?? '-', when(k.createdAt), when(k.lastUsedAt), when(k.revokedAt)]));
}

runCli(async () => {
  const { values } = parseCommandLine(USAGE, { merchant: { type: 'string' }, json: { type: 'boolean' } });
  const database = await openMigratedDatabase();
  try {
    const keys = await listKeys(database.db, values.merchant?.trim());
    if (values.json) for (const key of keys) process.stdout.write(`${JSON.stringify(key)}\n`);
    else process.stdout.write(keys.length ? `${table(keys)}\n` : 'No keys yet: create one with npm run -s key:create.\n');
  } finally {
    await database.close();
  }
});
