/**
 * Imports a snapshot laid out like the upstream URLs, file by file, each file in its own
 * transaction. Only file names are listed up front; bodies are streamed one at a time.
 *
 *   DIR/orders/*.json                    order-search responses
 *   DIR/order-links/*.json
 *   DIR/action-logs/<order id>.json      the order id upstream took from the URL
 *   DIR/traces/<order id>.json
 *   DIR/status-history/*.json            list envelopes or per-order arrays
 *   DIR/history-changes/*.json           order changes; subfolders order/, customer/ and pack/
 *                                        hold that entity's changes
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../../db/client.js';
import { ensureMerchant } from '../write.js';
import { ImportFileError, ImportInterrupted } from '../errors.js';
import { countRecords } from '../body.js';
import { DEFAULT_BATCH, importFile, readRecords, type FileJob } from './import-file.js';
import type { ImportReporter, ImportTotals } from './progress.js';
import { SOURCES, isSource, upstreamNamed, type Source } from '../registry.js';
import type { HistoryEntity } from '../upstream.js';

export interface ImportDirOptions {
  /** Stop at the first refused file instead of going on with the rest (files before it are written). */
  failFast?: boolean;
  /** Checked between writes: once aborted, the file or group in progress is dropped and the import stops. */
  signal?: AbortSignal | undefined;
  reporter?: ImportReporter;
  /** Records per write (default 500). */
  batchSize?: number;
}

export interface ImportDirResult {
  totals: ImportTotals;
  /** Each refused file's error, in import order. */
  refused: ImportFileError[];
  /** The first file not written when the signal came: it and the files after it were not imported. */
  interruptedAt?: string;
}

const byName = new Intl.Collator('en', { numeric: true }).compare;

async function entries(folder: string): Promise<Dirent[]> {
  try {
    const found = await readdir(folder, { withFileTypes: true });
    return found.filter((entry) => !entry.name.startsWith('.')).sort((a, b) => byName(a.name, b.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

const isJsonFile = (entry: Dirent) => (entry.isFile() || entry.isSymbolicLink()) && entry.name.endsWith('.json');

/** The snapshot's files in import order; anything else is reported through `skip` and left alone. */
export async function listSnapshot(dir: string, skip: (message: string) => void = () => {}): Promise<FileJob[]> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.name.startsWith('.') && !(entry.isDirectory() && isSource(entry.name))) {
      skip(`skipped ${join(dir, entry.name)}: not a source folder (${SOURCES.join(', ')})`);
    }
  }
  const jobs: FileJob[] = [];
  for (const source of SOURCES) {
    const { perOrder, entities } = upstreamNamed(source);
    const folder = join(dir, source);
    for (const entry of await entries(folder)) {
      const file = join(folder, entry.name);
      if (entities && entry.isDirectory() && entities.includes(entry.name as HistoryEntity)) {
        for (const inner of await entries(file)) {
          if (isJsonFile(inner)) jobs.push({ file: join(file, inner.name), source, entity: entry.name as HistoryEntity });
          else skip(`skipped ${join(file, inner.name)}: not a .json file`);
        }
        continue;
      }
      if (!isJsonFile(entry)) {
        const expected = entities ? `a .json file or one of the folders ${entities.join(', ')}` : 'a .json file';
        skip(`skipped ${file}: not ${expected}`);
        continue;
      }
      const orderId = entry.name.slice(0, -'.json'.length);
      if (perOrder) {
        if (orderId === '') skip(`skipped ${file}: the file name must be the order id`);
        else jobs.push({ file, source, orderId });
      } else jobs.push(entities ? { file, source, entity: entities[0] } : { file, source });
    }
  }
  return jobs;
}

/** Files up to this size are read and checked whole, then written together with their neighbours. */
export const SMALL_FILE_BYTES = 256 * 1024;

interface Group {
  source: Source;
  files: { file: string; records: number }[];
  records: unknown[];
}

/**
 * Imports the snapshot's files in order, each atomically; a refused file is reported and skipped.
 * A large file streams through its own transaction. Small files (one per order, typically) are
 * checked whole in memory and then written in groups of about `batchSize` records, one transaction
 * per group: a file is never split across groups and a refused one never joins one, so each file
 * is still all or nothing, at a fraction of the cost of a transaction per file.
 */
export async function importDir(
  db: Db,
  merchantId: string,
  jobs: FileJob[],
  options: ImportDirOptions = {},
): Promise<ImportDirResult> {
  const started = performance.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const totals: ImportTotals = { files: jobs.length, refused: 0, rows: 0, ms: 0, bySource: {} };
  const refused: ImportFileError[] = [];
  const { reporter, signal } = options;
  let group: Group | undefined;

  const imported = (source: Source, records: number) => {
    const sum = (totals.bySource[source] ??= { files: 0, rows: 0 });
    sum.files++;
    sum.rows += records;
    totals.rows += records;
    reporter?.fileDone(true);
  };
  const flush = async () => {
    const pending = group;
    group = undefined;
    if (!pending) return;
    if (signal?.aborted) throw new ImportInterrupted(pending.files[0]!.file);
    await db.transaction(async (tx) => {
      await ensureMerchant(tx, merchantId);
      await upstreamNamed(pending.source).write(tx, merchantId, pending.records);
    });
    reporter?.rows(countRecords(pending.records));
    for (const { records } of pending.files) imported(pending.source, records);
  };
  const refuse = (error: ImportFileError) => {
    refused.push(error);
    totals.refused++;
    reporter?.problem(error.message);
    reporter?.fileDone(false);
  };

  let interruptedAt: string | undefined;
  try {
    for (const job of jobs) {
      if (signal?.aborted) throw new ImportInterrupted(group?.files[0]?.file ?? job.file);
      reporter?.fileStarted(job.file, job.source);
      if (group && group.source !== job.source) await flush();
      try {
        if ((await sizeOf(job.file)) <= SMALL_FILE_BYTES) {
          const records = await readRecords(job);
          group ??= { source: job.source, files: [], records: [] };
          group.files.push({ file: job.file, records: countRecords(records) });
          for (const record of records) group.records.push(record);
          if (group.records.length >= batchSize) await flush();
        } else {
          await flush();
          const records = await importFile(db, merchantId, job, { signal, batchSize, onRows: (n) => reporter?.rows(n) });
          imported(job.source, records);
        }
      } catch (error) {
        if (!(error instanceof ImportFileError)) throw error;
        refuse(error);
        if (options.failFast) break;
      }
    }
    await flush();
  } catch (error) {
    if (!(error instanceof ImportInterrupted)) throw error;
    interruptedAt = error.file;
  }
  totals.ms = performance.now() - started;
  return interruptedAt === undefined ? { totals, refused } : { totals, refused, interruptedAt };
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0; // readRecords names the problem
  }
}
