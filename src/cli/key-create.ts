/**
 * `npm run -s key:create -- --merchant <id> --role viewer|editor [--label <text>]`
 * Prints the new key, and only the key, on standard output; it is never shown again.
 */
import { createKey, hashKey, keyIdOf, KEY_ROLES } from '../auth/keys.js';
import type { KeyRole } from '../db/schema.js';
import { CliError, openMigratedDatabase, parseCommandLine, runCli } from './run.js';

const USAGE = `usage: npm run -s key:create -- --merchant <id> --role viewer|editor [--label <text>]
  Creates an API key and prints it, alone, on standard output (store it: it is not shown again).
  --merchant  the merchant whose data the key reads
  --role      viewer or editor (an editor may also add traces: TraceConnection.canAdd)
  --label     what the key is for, shown by key:list`;

runCli(async () => {
  const { values } = parseCommandLine(USAGE, {
    merchant: { type: 'string' },
    role: { type: 'string' },
    label: { type: 'string' },
  });
  const merchant = values.merchant?.trim();
  if (!merchant) throw new CliError(`--merchant is required\n${USAGE}`, 2);
  if (!KEY_ROLES.includes(values.role as KeyRole)) {
    throw new CliError(`--role must be one of ${KEY_ROLES.join(', ')}\n${USAGE}`, 2);
  }
  const database = await openMigratedDatabase();
  try {
    const key = await createKey(database.db, merchant, values.role as KeyRole, { label: values.label });
    process.stderr.write(
      `Created ${keyIdOf(hashKey(key))}, ${values.role === 'editor' ? 'an' : 'a'} ${values.role} key for merchant ${merchant}. Store it now: it is not shown again.\n`,
    );
    process.stdout.write(`${key}\n`);
  } finally {
    await database.close();
  }
});
