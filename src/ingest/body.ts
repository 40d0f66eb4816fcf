/**
 * The shape of an upstream response body: where its records sit and how one record is read. One
 * description serves both the whole-body normalisers (`normaliseOrdersBody(body)`) and the streaming
 * import, which sees records one at a time and the envelope only at the end.
 */
import { IngestError, at } from './errors.js';
import { array, object } from './values.js';
import type { JsonObject } from './values.js';

export interface BodyShape<T> {
  /** The member of an object body that holds the records; null when the body is the bare array. */
  recordsKey: string | null;
  /** Also accept the records as a bare top-level array (status history's per-order form). */
  bareArray?: boolean;
  /**
   * Checks the object body's other members (`success`, `count`, ...); what it returns is written
   * after the records, for an upstream that keeps facts about the whole list (traces' `count`).
   */
  envelope?: (body: JsonObject) => T[] | void;
  /** One record; `path` is where it sits (`items[3]`, `[3]`). */
  record: (raw: unknown, path: string) => T;
}

/** A record an envelope made (a fact about the whole list, not one of its records): written, never counted. */
export interface ListFact {
  readonly listFact: true;
}

const isListFact = (record: unknown): boolean => typeof record === 'object' && record !== null && 'listFact' in record;

/** How many of `records` are the body's own records (list facts aside). */
export const countRecords = (records: readonly unknown[]): number => records.filter((record) => !isListFact(record)).length;

export type BodyKind = 'object' | 'array' | 'other';

export const kindOf = (body: unknown): BodyKind =>
  Array.isArray(body) ? 'array' : body !== null && typeof body === 'object' ? 'object' : 'other';

/** Refuses a body of the wrong kind. `body` is only read when the kind is `other`. */
export function checkBodyKind(shape: BodyShape<unknown>, kind: BodyKind, body?: unknown): void {
  const objects = shape.recordsKey !== null;
  const arrays = !objects || shape.bareArray === true;
  if ((kind === 'object' && objects) || (kind === 'array' && arrays)) return;
  if (objects && arrays) throw new IngestError('', 'not an object or array');
  if (kind === 'other') (objects ? object : array)(body, '');
  throw new IngestError('', objects ? 'not an object' : 'not an array');
}

/** The path of the record at `index`: `items[3]` in an object body, `[3]` in a bare array. */
export const recordPath = (kind: BodyKind, shape: BodyShape<unknown>, index: number): string =>
  at(kind === 'array' ? '' : (shape.recordsKey ?? ''), index);

/** Reads a whole parsed body; the first bad record throws an IngestError naming its path. */
export function normaliseBody<T>(shape: BodyShape<T>, body: unknown): T[] {
  const kind = kindOf(body);
  checkBodyKind(shape, kind, body);
  if (kind === 'array') return (body as unknown[]).map((raw, i) => shape.record(raw, recordPath(kind, shape, i)));
  const o = body as JsonObject;
  const facts = shape.envelope?.(o) ?? [];
  const key = shape.recordsKey as string;
  return [...array(o[key], key).map((raw, i) => shape.record(raw, recordPath(kind, shape, i))), ...facts];
}
