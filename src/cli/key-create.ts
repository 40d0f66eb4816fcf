/**
 * `npm run key:create -- --merchant <id> --role viewer|editor [--label <text>]`
 * Prints the new key, and only the key, on standard output; it is never shown again.
 */
import { parseArgs } from 'node:util';
import { createKey, KEY_ROLES } from '../auth/keys.js';
import { CliError, openMigratedDatabase, runCli } from './run.js';
import type { KeyRole } from '../db/schema.js';

const USAGE = 'usage: npm run key:create -- --merchant <id> --role viewer|editor [--label <text>]';

runCli(async () => {
  let values;
  try {
    ({ values } = parseArgs({
      options: { merchant: { type: 'string' }, role: { type: 'string' }, label: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`, 2);
  }
  const merchant = values.merchant?.trim();
  if (!merchant) throw new CliError(`--merchant is required\n${USAGE}`, 2);
  if (!KEY_ROLES.includes(values.role as KeyRole)) {
    throw new CliError(`--role must be one of ${KEY_ROLES.join(', ')}\n${USAGE}`, 2);
  }
  const database = await openMigratedDatabase();
  try {
    const key = await createKey(database.db, merchant, values.role as KeyRole, { label: values.label });
    process.stderr.write(`Created a ${values.role} key for merchant ${merchant}. Store it now: it is not shown again.\n`);
    process.stdout.write(`${key}\n`);
  } finally {
    await database.close();
  }
});
