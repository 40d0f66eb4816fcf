/**
 * What is known about one HTTP request as it goes through the plugins: its id (an incoming
 * `x-request-id` is kept, else one is made), when it started, and what its GraphQL operation
 * turned out to be. One place, so the log line, the metrics and the budget agree.
 */
import { randomUUID } from 'node:crypto';
import type { Allowance } from '../limits/budget.js';

export interface RequestInfo {
  id: string;
  startedAt: number;
  operationName?: string | null;
  cost?: number;
  /** The key's budget after this request's operation (when budgets are on). */
  budget?: Allowance;
  /** Statements the request's resolvers sent. */
  statements: number;
  /** `extensions.code` of each error in the answer. */
  errorCodes: string[];
  /** Unexpected errors (masked in the answer), logged once with the request id. */
  unexpected: unknown[];
}

const infos = new WeakMap<Request, RequestInfo>();
const SAFE_ID = /^[\w.:-]{1,128}$/;

/** The request's info, made on first sight (its id from a well-formed `x-request-id`, else new). */
export function requestInfo(request: Request): RequestInfo {
  let info = infos.get(request);
  if (!info) {
    const given = request.headers.get('x-request-id');
    info = { id: given && SAFE_ID.test(given) ? given : randomUUID(), startedAt: performance.now(), statements: 0, errorCodes: [], unexpected: [] };
    infos.set(request, info);
  }
  return info;
}
