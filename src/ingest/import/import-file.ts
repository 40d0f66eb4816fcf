/**
 * Imports one upstream response body from a file: all of it or none of it. A large file streams
 * through one transaction in batches, so memory holds one batch, not the file, and a bad record
 * anywhere rolls back the batches already written. A small file can instead be read and checked
 * whole first (`readRecords`) and written later together with others (see import-dir.ts).
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Db } from '../../db/client.js';
import { checkBodyKind, countRecords, type BodyShape } from '../body.js';
import { ImportFileError, ImportInterrupted, IngestError } from '../errors.js';
import { array } from '../values.js';
import { ensureMerchant } from '../write.js';
import { JsonBodyReader, JsonSyntaxError } from './json-stream.js';
import { upstreamNamed, type Source } from '../registry.js';
import type { BodyOptions } from '../upstream.js';

export interface FileJob extends BodyOptions {
  file: string;
  source: Source;
}

export interface ImportFileOptions {
  /** Records per write; each write is a few statements of at most 500 rows. */
  batchSize?: number;
  /** Called after each write with the number of records it wrote. */
  onRows?: (rows: number) => void;
  /** Checked between writes: once aborted, the file is rolled back and ImportInterrupted thrown. */
  signal?: AbortSignal | undefined;
}

export const DEFAULT_BATCH = 500;

/** The file's text in chunks; it is opened on the first pull, so an error surfaces there and not before. */
async function* chunksOf(file: string): AsyncGenerator<string> {
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) yield chunk as string;
}

/** Streams `job.file` into the database in one transaction, for the merchant (created when new). Returns the records. */
export async function importFile(db: Db, merchantId: string, job: FileJob, options: ImportFileOptions = {}): Promise<number> {
  const upstream = upstreamNamed(job.source);
  const chunks = chunksOf(job.file);
  try {
    return await db.transaction(async (tx) => {
      await ensureMerchant(tx, merchantId);
      return readBody(upstream.shape(job), chunks, options.batchSize, async (records) => {
        if (options.signal?.aborted) throw new ImportInterrupted(job.file);
        await upstream.write(tx, merchantId, records);
        options.onRows?.(countRecords(records));
      });
    });
  } catch (error) {
    throw refusal(error, job.file);
  } finally {
    await chunks.return(undefined); // closes the file when reading stopped early
  }
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

/** Reads and checks all of `job.file` into memory, writing nothing: for files small enough to hold. */
export async function readRecords(job: FileJob): Promise<unknown[]> {
  const records: unknown[] = [];
  try {
    // One read, not a stream: opening a stream costs more than a small file takes to read.
    const text = await readFile(job.file, 'utf8');
    await readBody(upstreamNamed(job.source).shape(job), once(text), Infinity, async (batch) => {
      for (const record of batch) records.push(record);
    });
    return records;
  } catch (error) {
    throw refusal(error, job.file);
  }
}

/**
 * Reads a body from `chunks`, handing its records to `onBatch` in batches as they are checked.
 * Throws an IngestError or JsonSyntaxError on the first problem; returns the number of records.
 */
export async function readBody(
  shape: BodyShape<unknown>,
  chunks: AsyncIterator<string>,
  batchSize = DEFAULT_BATCH,
  onBatch: (records: unknown[]) => Promise<void>,
): Promise<number> {
  const reader = new JsonBodyReader(chunks, shape.recordsKey, (kind) => {
    if (kind !== 'other') checkBodyKind(shape, kind);
  });
  let batch: unknown[] = [];
  let count = 0;
  for await (const { value, path } of reader.records()) {
    batch.push(shape.record(value, path));
    if (batch.length >= batchSize) {
      count += batch.length;
      await onBatch(batch);
      batch = [];
    }
  }
  if (reader.kind === 'other') checkBodyKind(shape, 'other', reader.value);
  if (reader.kind === 'object') {
    const facts = shape.envelope?.(reader.envelope) ?? [];
    // Present as an array, it was streamed; otherwise this names what is wrong with it.
    if (!reader.sawRecords && shape.recordsKey) array(reader.envelope[shape.recordsKey], shape.recordsKey);
    batch.push(...facts);
  }
  if (batch.length > 0) await onBatch(batch);
  return count + countRecords(batch);
}

/** What a person sees when the file is refused: file, then where and why. */
function refusal(error: unknown, file: string): unknown {
  if (error instanceof ImportFileError || error instanceof ImportInterrupted) return error;
  if (error instanceof IngestError) return new ImportFileError(file, error.message);
  if (error instanceof JsonSyntaxError) {
    return new ImportFileError(file, `malformed JSON: ${error.reason}`, `:${error.line}:${error.column}`);
  }
  const { code, syscall, message } = (error ?? {}) as NodeJS.ErrnoException;
  // "ENOENT: no such file or directory, open 'x.json'" -> "cannot read: no such file or directory"
  if (code && syscall) return new ImportFileError(file, `cannot read: ${message.replace(/^\w+: /, '').replace(/, \w+ '.*'$/, '')}`);
  return error;
}
