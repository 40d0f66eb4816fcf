/**
 * What a client sees of a failure that is not its own: `Unexpected error.` with no stack, SQL or
 * path, or SERVICE_UNAVAILABLE (HTTP 503, Retry-After) when the database cannot answer now. The
 * server logs each failing request once, however many fields failed, and bounded in size.
 */
import { GraphQLError } from 'graphql';
import { maskError } from 'graphql-yoga';
import { isUnavailable } from '../db/unavailable.js';
import { serviceUnavailable } from '../errors.js';

export type ErrorLog = (message: string, error: unknown) => void;

const MAX_MESSAGE = 1_000;
const MAX_STACK_LINES = 12;

/** An error as a log entry: its name, message (cut to 1,000 characters) and the top of its stack. */
export function loggable(error: unknown): string {
  const e = error instanceof Error ? error : new Error(String(error));
  const message = e.message.length > MAX_MESSAGE ? `${e.message.slice(0, MAX_MESSAGE)}… (${e.message.length} characters)` : e.message;
  const stack = (e.stack ?? '').split('\n').slice(1, MAX_STACK_LINES + 1).join('\n');
  return `${e.name}: ${message}${stack ? `\n${stack}` : ''}`;
}

/**
 * Yoga masks a result's errors in one synchronous pass; collecting them until the next microtask
 * gathers one request's failures into one entry.
 */
function batchedLog(log: ErrorLog): (error: unknown) => void {
  let batch: unknown[] = [];
  return (error) => {
    if (batch.push(error) > 1) return;
    queueMicrotask(() => {
      const [first] = batch;
      const more = batch.length - 1;
      batch = [];
      log(`Unexpected error while answering a request${more ? ` (and ${more} more in the same answer)` : ''}:`, loggable(first));
    });
  };
}

export function errorMasking(log: ErrorLog) {
  const logUnexpected = batchedLog(log);
  return (error: unknown, message: string, isDev?: boolean): Error => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (isUnavailable(original)) return serviceUnavailable();
    const masked = maskError(error, message, isDev);
    if (masked.message === message) logUnexpected(original);
    return masked;
  };
}
