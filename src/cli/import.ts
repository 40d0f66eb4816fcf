/**
 * `npm run import -- --merchant <id> --source <source> [--order <id>] [--entity <entity>] FILE`
 * `npm run import -- --merchant <id> --dir DIR [--fail-fast]`
 * Standard output stays empty; progress, refusals and the summary go to standard error. Flags are
 * checked before the database is opened, so a typo costs nothing.
 */
import { stat } from 'node:fs/promises';
import { CliError, openMigratedDatabase, runCli } from './run.js';
import { USAGE, parseImportArgs } from './import-args.js';
import { importDir, listSnapshot } from '../ingest/import/import-dir.js';
import { ImportFileError } from '../ingest/errors.js';
import { SOURCES } from '../ingest/registry.js';
import type { FileJob } from '../ingest/import/import-file.js';
import { ProgressLine, formatSummary, type ImportReporter } from '../ingest/import/progress.js';

const err = (text: string) => void process.stderr.write(`${text}\n`);

async function checkReadable(path: string, kind: 'file' | 'dir'): Promise<void> {
  const found = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new ImportFileError(path, error.code === 'ENOENT' ? 'cannot read: no such file or directory' : `cannot read: ${error.message}`);
  });
  if (kind === 'file' && found.isDirectory()) throw new ImportFileError(path, 'is a directory: import a snapshot with --dir');
  if (kind === 'dir' && !found.isDirectory()) throw new ImportFileError(path, 'is not a directory');
}

/** First Ctrl-C (or SIGTERM): roll back the file in progress and stop; a second one quits at once. */
function stopOnSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
    err('\nstopping: rolling back the file in progress (press Ctrl-C again to quit at once)');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return controller.signal;
}

runCli(async () => {
  const args = parseImportArgs(process.argv.slice(2));
  if (args.mode === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let jobs: FileJob[];
  if (args.mode === 'file') {
    await checkReadable(args.file, 'file');
    jobs = [{ file: args.file, source: args.source, orderId: args.orderId, entity: args.entity }];
  } else {
    await checkReadable(args.dir, 'dir');
    jobs = await listSnapshot(args.dir, err);
    if (jobs.length === 0) {
      const folders = SOURCES.map((source) => `${source}/`);
      err(`nothing to import in ${args.dir}: it has no .json files in ${folders.slice(0, -1).join(', ')} or ${folders.at(-1)}`);
      return;
    }
  }
  const signal = stopOnSignal();
  const database = await openMigratedDatabase();
  try {
    const progress = args.mode === 'dir' ? new ProgressLine(process.stderr, jobs.length) : undefined;
    // One file: its refusal is the command's error message, printed once by runCli.
    const reporter: ImportReporter = progress ?? { fileStarted() {}, rows() {}, fileDone() {}, problem() {} };
    const result = await importDir(database.db, args.merchantId, jobs, {
      failFast: args.mode === 'file' || args.failFast,
      signal,
      reporter,
    });
    progress?.finish();
    await database.refreshStatistics();
    const [firstRefused] = result.refused;
    if (args.mode === 'file' && firstRefused) throw firstRefused;
    process.stderr.write(formatSummary(result.totals));
    if (result.interruptedAt) {
      throw new CliError(`interrupted: nothing from ${result.interruptedAt} was written; the files before it were`, 130);
    }
    const { refused } = result.totals;
    if (refused > 0) {
      const stopped = args.mode === 'dir' && args.failFast ? ' and stopped there (--fail-fast)' : '';
      throw new CliError(`refused ${refused} file${refused === 1 ? '' : 's'} (named above)${stopped}: nothing from ${refused === 1 ? 'it' : 'them'} was written`);
    }
  } finally {
    await database.close();
  }
});
