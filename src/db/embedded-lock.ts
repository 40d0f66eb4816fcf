/**
 * One process at a time on an embedded database. PGlite keeps a data directory in its own memory
 * and writes it back as it goes: a second process on the same directory would work on a copy and
 * its writes would be lost. So the first process to open a `DATA_DIR` holds `DATA_DIR/.gateway.lock`
 * (its pid) until it closes; another is refused with a message saying what to do. A lock left by a
 * process that no longer runs is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class EmbeddedDatabaseBusy extends Error {
  override readonly name = 'EmbeddedDatabaseBusy';

  constructor(readonly dataDir: string, readonly pid: number) {
    super(
      `The embedded database in ${dataDir} is in use by another process (pid ${pid}), most likely the server: ` +
        'stop it and run this again, or run the server and every command on PostgreSQL (DATABASE_URL), which serves several processes at once.',
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the directory's lock for this process; returns its release. */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, '.gateway.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new EmbeddedDatabaseBusy(dataDir, holder);
      }
      unlinkSync(path); // left by a process that is gone: take it over
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}
