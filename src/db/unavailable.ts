/**
 * "The database cannot answer now": down, unreachable, refusing connections, shutting down, or a
 * statement cancelled past `STATEMENT_TIMEOUT_MS`. Such a failure is answered as HTTP 503
 * SERVICE_UNAVAILABLE with a Retry-After (the client may simply retry), never as a masked 500.
 */

export class DatabaseUnavailable extends Error {
  override readonly name = 'DatabaseUnavailable';

  constructor(readonly reason: string, options?: { cause?: unknown }) {
    super(`the database is unavailable: ${reason}`, options);
  }
}

/** Socket-level failures (Node's and postgres.js's own codes). */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN',
  'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT',
]);

/** SQLSTATEs of a server that cannot serve now: connection exceptions, shutdowns, overload, cancellation. */
const UNAVAILABLE_STATES = /^(08...|57P0[1-4]|57014|53300|53400)$/;

/** Whether `error` (or what it wraps) means the database is unavailable. */
export function isUnavailable(error: unknown): boolean {
  for (let current = error, hops = 0; current && hops < 5; current = (current as { cause?: unknown }).cause, hops++) {
    if (current instanceof DatabaseUnavailable) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || UNAVAILABLE_STATES.test(code))) return true;
  }
  return false;
}

/** How long a client should wait before retrying, in seconds. */
export const RETRY_AFTER_SECONDS = 2;
