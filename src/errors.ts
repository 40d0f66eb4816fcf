/**
 * Errors a client can act on. Anything else thrown in a resolver is masked as `Unexpected error.`
 * and logged in full by the server.
 */
import { GraphQLError } from 'graphql';
import { RETRY_AFTER_SECONDS } from './db/unavailable.js';

export function badInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', ...(argument ? { argument } : {}) },
  });
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
}

export function tooComplex(message: string, cost: { requested: number; limit: number }): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', cost } });
}

export const UNAVAILABLE_MESSAGE = 'The database is unavailable; retry shortly.';

/** HTTP 503 with Retry-After: the database cannot answer now (see `db/unavailable.ts`). */
export function serviceUnavailable(): GraphQLError {
  return new GraphQLError(UNAVAILABLE_MESSAGE, {
    extensions: {
      code: 'SERVICE_UNAVAILABLE',
      http: { status: 503, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } },
    },
  });
}

/** HTTP 429: the key's budget does not cover the operation until `resetAt` (ms since the epoch). */
export function rateLimited(cost: number, remaining: number, resetAt: number, now: number): GraphQLError {
  const seconds = Math.max(1, Math.ceil((resetAt - now) / 1000));
  return new GraphQLError(
    `This operation costs ${cost} points and this key has ${remaining} left until ${new Date(resetAt).toISOString()}; retry in ${seconds} s, or ask for less.`,
    { extensions: { code: 'RATE_LIMITED', http: { status: 429, headers: { 'retry-after': String(seconds) } } } },
  );
}
