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
