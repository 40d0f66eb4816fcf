/**
 * Opaque keyset cursors, signed. A cursor holds the sort values of one row and an HMAC over them
 * and the list's scope (list name, filter, ordering, parent and merchant) under the server's
 * secret, so a cursor of another list, parent or merchant, or one altered in any byte, is refused.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { badInput } from '../../errors.js';

export type SortValueType = 'timestamptz' | 'text' | 'bigint' | 'integer' | 'float';

/** A PostgreSQL timestamptz as text, checked to name a real instant (no 2025-02-30, no year 0). */
function isTimestamp(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/.exec(value);
  if (!match) return false;
  const [y, mo, d, h, mi, s] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  return y >= 1 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
}

const validators: Record<SortValueType, (value: string) => boolean> = {
  timestamptz: isTimestamp,
  text: (v) => !v.includes('\u0000'),
  bigint: (v) => /^-?\d{1,18}$/.test(v),
  integer: (v) => /^-?\d{1,9}$/.test(v),
  float: (v) => v.trim() !== '' && Number.isFinite(Number(v)),
};

const MAC_BYTES = 16;

export class CursorCodec {
  constructor(private readonly secret: Buffer) {}

  private mac(scope: string, payload: string): Buffer {
    return createHmac('sha256', this.secret).update(scope).update('\n').update(payload).digest().subarray(0, MAC_BYTES);
  }

  encode(scope: string, values: readonly string[]): string {
    const payload = Buffer.from(JSON.stringify(values)).toString('base64url');
    return `${payload}.${this.mac(scope, payload).toString('base64url')}`;
  }

  /** The sort values the cursor holds, or BAD_USER_INPUT naming `argument`. */
  decode(cursor: string, scope: string, types: readonly SortValueType[], argument: string): string[] {
    const refuse = (why: string) =>
      badInput(`\`${argument}\` ${why}; pass a cursor from this list's edges or pageInfo, unchanged.`, argument);
    const dot = cursor.indexOf('.');
    const payload = dot > 0 ? cursor.slice(0, dot) : '';
    const macText = dot > 0 ? cursor.slice(dot + 1) : '';
    const mac = Buffer.from(macText, 'base64url');
    // Only the canonical spelling: base64 would otherwise accept other last characters for the same bytes.
    const canonical = mac.toString('base64url') === macText && Buffer.from(payload, 'base64url').toString('base64url') === payload;
    if (!/^[\w-]+$/.test(payload) || mac.length !== MAC_BYTES || !canonical) throw refuse('is not a cursor this API gave out');
    if (!timingSafeEqual(mac, this.mac(scope, payload))) {
      throw refuse('is not a cursor of this list: it belongs to another list, filter, order, parent or merchant, or was altered');
    }
    let values: unknown;
    try {
      values = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      values = null;
    }
    const valid =
      Array.isArray(values) &&
      values.length === types.length &&
      types.every((type, i) => typeof values[i] === 'string' && validators[type](values[i]));
    if (!valid) throw refuse('is not a cursor this API gave out');
    return values as string[];
  }
}
