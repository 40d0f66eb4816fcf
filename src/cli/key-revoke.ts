/**
 * `npm run -s key:revoke -- <key id>`: the key is refused from then on, by running servers too
 * (they hear of it at once on PostgreSQL, and within KEY_CACHE_MS in any case).
 */
import { revokeKey } from '../auth/keys.js';
import { CliError, openMigratedDatabase, parseCommandLine, runCli } from './run.js';

const USAGE = `usage: npm run -s key:revoke -- <key id>
  Revokes an API key by its id (key_…, as key:list shows it); running servers refuse it at once.`;

runCli(async () => {
  const { positionals } = parseCommandLine(USAGE, {}, { positionals: true });
  const [id, ...rest] = positionals;
  if (!id || rest.length) throw new CliError(`give exactly one key id\n${USAGE}`, 2);
  const database = await openMigratedDatabase();
  try {
    const outcome = await revokeKey(database, id.trim());
    if (outcome === 'unknown') throw new CliError(`No key has the id ${id}: npm run -s key:list shows them.`);
    process.stderr.write(outcome === 'revoked' ? `Revoked ${id}.\n` : `${id} was already revoked.\n`);
  } finally {
    await database.close();
  }
});
