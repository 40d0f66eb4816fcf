/**
 * What a client sees of a failure that is not its own: `Unexpected error.` with no stack, SQL or
 * path, or SERVICE_UNAVAILABLE (HTTP 503, Retry-After) when the database cannot answer now. The
 * masked error keeps the original out of sight (`originalOf`), so the request log can write it
 * once per request, with the request's id.
 */
import { GraphQLError } from 'graphql';
import { maskError } from 'graphql-yoga';
import { isUnavailable } from '../db/unavailable.js';
import { serviceUnavailable } from '../errors.js';

const MAX_MESSAGE = 1_000;
const MAX_STACK_LINES = 12;
const ORIGINAL = Symbol('unexpected error');

/** An error as a log entry: its name, message (cut to 1,000 characters) and the top of its stack. */
export function loggable(error: unknown): string {
  const e = error instanceof Error ? error : new Error(String(error));
  const message = e.message.length > MAX_MESSAGE ? `${e.message.slice(0, MAX_MESSAGE)}… (${e.message.length} characters)` : e.message;
  const stack = (e.stack ?? '').split('\n').slice(1, MAX_STACK_LINES + 1).join('\n');
  return `${e.name}: ${message}${stack ? `\n${stack}` : ''}`;
}

/** The unexpected error a masked one stands for, or undefined for an error a client can act on. */
export const originalOf = (error: unknown): unknown => (error as { [ORIGINAL]?: unknown } | null)?.[ORIGINAL];

export function maskUnexpected(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (isUnavailable(original)) return serviceUnavailable();
  const masked = maskError(error, message, isDev);
  if (masked.message === message) Object.defineProperty(masked, ORIGINAL, { value: original });
  return masked;
}
