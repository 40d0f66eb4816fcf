/**
 * The migrated template of the embedded database. Creating a PGlite data directory (initdb) takes
 * seconds, most of a first start, so `npm run build` makes one empty, migrated data directory under
 * `dist/pglite-template/` and a first start copies it into the empty DATA_DIR instead. It is used
 * only while its fingerprint matches the migrations and the PGlite version, and `migrate()` runs
 * after the copy all the same, so no database depends on the template being right.
 *
 * A plain directory copy rather than PGlite's `dumpDataDir()` tarball and `loadDataDir`: loading a
 * tarball writes every file through PGlite's virtual file system, about ten times slower.
 */
import { createHash } from 'node:crypto';
import { constants, cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The same from src/db and dist/db.
const root = fileURLToPath(new URL('../../', import.meta.url));
const migrationsFolder = join(root, 'drizzle');
export const TEMPLATE_DIR = join(root, 'dist', 'pglite-template');

/** PGlite's version: another one may bring another PostgreSQL, whose files this one cannot open. */
function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  return (JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
}

/** What a template must have been made from to be used: the migrations and the PGlite version. */
export function templateFingerprint(): string {
  const hash = createHash('sha256').update(`pglite ${pgliteVersion()}\n`);
  hash.update(readFileSync(join(migrationsFolder, 'meta', '_journal.json')));
  for (const file of readdirSync(migrationsFolder).filter((name) => name.endsWith('.sql')).sort()) {
    hash.update(`\n${file}\n`).update(readFileSync(join(migrationsFolder, file)));
  }
  return hash.digest('hex');
}

/** Whether `templateDir` holds a whole template made from the current migrations. */
export function templateIsCurrent(templateDir = TEMPLATE_DIR): boolean {
  try {
    const made = readFileSync(join(templateDir, 'fingerprint'), 'utf8').trim();
    return made === templateFingerprint() && existsSync(join(templateDir, 'pgdata', 'PG_VERSION'));
  } catch {
    return false;
  }
}

/**
 * Copies the template into `dataDir` when that holds no database yet and the template is current;
 * returns whether it did. PG_VERSION is what makes PGlite take a directory for a database (and
 * resume it rather than run initdb), so it is copied last: a copy cut short is made again next
 * time rather than opened half made.
 */
export function restoreTemplate(dataDir: string, templateDir = TEMPLATE_DIR): boolean {
  if (existsSync(join(dataDir, 'PG_VERSION')) || !templateIsCurrent(templateDir)) return false;
  const pgdata = join(templateDir, 'pgdata');
  const marker = join(pgdata, 'PG_VERSION');
  // A copy-on-write clone where the file system has them, a plain copy elsewhere.
  const copy = { recursive: true, mode: constants.COPYFILE_FICLONE };
  cpSync(pgdata, dataDir, { ...copy, filter: (source) => source !== marker });
  cpSync(marker, join(dataDir, 'PG_VERSION'), copy);
  return true;
}
