/**
 * Part of `npm run build`: makes `dist/pglite-template/`, an empty embedded database with every
 * migration applied, which a first start copies instead of creating and migrating one
 * (src/db/pglite-template.ts). Does nothing while the template there is current.
 *   npx tsx scripts/build-pglite-template.ts
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATE_DIR, templateFingerprint, templateIsCurrent } from '../src/db/pglite-template.js';

if (!templateIsCurrent()) {
  const fingerprint = templateFingerprint();
  // Loaded only here: a build with a current template stays quick.
  const [{ openPglite }, { migrate }] = await Promise.all([import('../src/db/client.js'), import('../src/db/migrate.js')]);
  rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  // Made by the code a first start without a template runs, so the copy is that same database.
  const partial = join(TEMPLATE_DIR, 'pgdata.partial');
  const database = await openPglite(partial);
  await migrate(database);
  await database.close();
  renameSync(partial, join(TEMPLATE_DIR, 'pgdata'));
  // Last: a build cut short leaves no fingerprint, so no half-made template is ever used.
  writeFileSync(join(TEMPLATE_DIR, 'fingerprint'), `${fingerprint}\n`);
  process.stderr.write(`Made the migrated embedded database template in ${TEMPLATE_DIR}\n`);
}
