/**
 * Opaque keyset cursors. A cursor holds the sort values of one row and a signature of the list it
 * came from (list name, filter, ordering, parent), so another list or filter refuses it.
 */
import { createHash } from 'node:crypto';
import { badInput } from '../../errors.js';

export type SortValueType = 'timestamptz' | 'text' | 'bigint' | 'integer' | 'float';

const validators: Record<SortValueType, (value: string) => boolean> = {
  timestamptz: (v) => /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/.test(v),
  text: (v) => !v.includes('\u0000'),
  bigint: (v) => /^-?\d{1,18}$/.test(v),
  integer: (v) => /^-?\d{1,9}$/.test(v),
  float: (v) => v.trim() !== '' && Number.isFinite(Number(v)),
};

/** A short, stable hash of everything that defines a list. */
export function listSignature(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 12);
}

export function encodeCursor(signature: string, values: string[]): string {
  return Buffer.from(JSON.stringify([signature, ...values])).toString('base64url');
}

/** Returns the sort values the cursor holds, or throws BAD_USER_INPUT naming `argument`. */
export function decodeCursor(
  cursor: string,
  signature: string,
  types: readonly SortValueType[],
  argument: string,
): string[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  const valid =
    Array.isArray(decoded) &&
    decoded.length === types.length + 1 &&
    decoded.every((part) => typeof part === 'string') &&
    types.every((type, i) => validators[type](decoded[i + 1] as string));
  if (!valid) {
    throw badInput(`\`${argument}\` is not a cursor this API gave out; pass a cursor from this list's edges or pageInfo.`, argument);
  }
  const [cursorSignature, ...values] = decoded as string[];
  if (cursorSignature !== signature) {
    throw badInput(
      `\`${argument}\` belongs to another list, filter or order; cursors work only in the list that gave them out.`,
      argument,
    );
  }
  return values;
}
