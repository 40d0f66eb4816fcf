/**
 * A refused upstream record. `path` names the offending value the way it appears in the body
 * (`items[3].created_at`), so an import can say exactly what to fix.
 */
export class IngestError extends Error {
  override readonly name = 'IngestError';

  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path || '(body)'}: ${reason}`);
  }

  /** The same error one level further out: `prefixed('history')` turns `[2].id` into `history[2].id`. */
  prefixed(prefix: string): IngestError {
    return new IngestError(joinPath(prefix, this.path), this.reason);
  }
}

/** The path of `key` inside the value at `path`: `at('items', 3)` is `items[3]`, then `.id` is `items[3].id`. */
export function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** Puts `prefix` in front of a path that may start with an index (`[2].id`) or a key (`id`). */
export function joinPath(prefix: string, path: string): string {
  if (!prefix) return path;
  if (!path) return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

/** Runs `fn`, prefixing the path of any IngestError it throws. */
export function withPathPrefix<T>(prefix: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw error instanceof IngestError ? error.prefixed(prefix) : error;
  }
}

/** A file refused whole: the message names the file (with `:line:column` for malformed JSON) and what to fix. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';

  constructor(
    readonly file: string,
    readonly reason: string,
    where = '',
  ) {
    super(`${file}${where}: ${reason}`);
  }
}

/** Stopped by a signal; nothing from the file in progress was written. */
export class ImportInterrupted extends Error {
  override readonly name = 'ImportInterrupted';

  constructor(readonly file: string) {
    super(`interrupted: nothing from ${file} was written`);
  }
}

/** A sync stopped: the upstream refused, kept failing, or sent what cannot be read. The message names the URL. */
export class SyncError extends Error {
  override readonly name: string = 'SyncError';
}

/** Another process is syncing the same merchant and source: this run did not start. */
export class SyncBusy extends SyncError {
  override readonly name = 'SyncBusy';
}

/** A refusal that retrying cannot fix (400, 403, 404, 422 ...): the message names status and URL. */
export class UpstreamError extends SyncError {
  override readonly name = 'UpstreamError';

  constructor(
    readonly status: number,
    readonly url: string,
    detail: string,
  ) {
    super(`the upstream answered ${status} for ${url}${detail ? `: ${detail}` : ''}`);
  }
}
