/**
 * `HistoryValue`: a change's old or new value, typed by its field's documented type first (the
 * change-history document lists string, number, boolean, date and directory fields), by its JSON
 * shape for any other field or a value that does not fit its field's type. A shape this gateway
 * does not know becomes a string of its JSON, so no upstream value ever fails a query.
 */
import { parseDateTime } from '../../ingest/values.js';
import { builder } from '../builder.js';
import { formatInstant } from '../history/format.js';

type Json = Record<string, unknown>;

export type HistoryValue =
  /** `json`: the JSON text of a shape this gateway does not know (not exposed; it reads unquoted in summaries). */
  | { kind: 'HistoryStringValue'; stringValue: string; json?: true }
  | { kind: 'HistoryNumberValue'; numberValue: number }
  | { kind: 'HistoryBooleanValue'; booleanValue: boolean }
  | { kind: 'HistoryDateTimeValue'; dateTimeValue: Date }
  | { kind: 'HistoryDirectoryValue'; code: string; cancel: boolean | null; extra: Json | null };

export type ValueType = 'string' | 'number' | 'boolean' | 'date' | 'directory';

/** The fields the change-history document names under each value type. */
export const DOCUMENTED_FIELD_TYPES: Readonly<Record<string, ValueType>> = {
  street: 'string', phone: 'string', statusComment: 'string',
  price: 'number', discount: 'number', quantity: 'number',
  shipped: 'boolean', expired: 'boolean',
  deliveryDate: 'date', shipmentDate: 'date',
  ...Object.fromEntries(
    ['status', 'orderType', 'orderMethod', 'deliveryType', 'deliveryService', 'paymentType', 'paymentStatus', 'site', 'segments', 'store']
      .map((field) => [field, 'directory' as const]),
  ),
};

const isJsonObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** `{"code": ..., "cancel"?: bool, ...}`; keys beyond those two stay readable as `extra`. */
function directory(value: unknown): HistoryValue | null {
  if (!isJsonObject(value) || typeof value.code !== 'string') return null;
  const cancel = typeof value.cancel === 'boolean' ? value.cancel : null;
  const rest = Object.entries(value).filter(([key, v]) => key !== 'code' && !(key === 'cancel' && (v === null || typeof v === 'boolean')));
  return { kind: 'HistoryDirectoryValue', code: value.code, cancel, extra: rest.length ? Object.fromEntries(rest) : null };
}

/** The value read as `type`; null when it does not fit. */
function asType(value: unknown, type: ValueType): HistoryValue | null {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? { kind: 'HistoryStringValue', stringValue: value } : null;
    case 'number':
      return typeof value === 'number' ? { kind: 'HistoryNumberValue', numberValue: value } : null;
    case 'boolean':
      return typeof value === 'boolean' ? { kind: 'HistoryBooleanValue', booleanValue: value } : null;
    case 'date': {
      const date = typeof value === 'string' ? parseDateTime(value) : null;
      return date ? { kind: 'HistoryDateTimeValue', dateTimeValue: date } : null;
    }
    case 'directory':
      return directory(value);
  }
}

/** By shape: a date-time text is a date, an object with a `code` a directory entry. */
function byShape(value: unknown): HistoryValue {
  switch (typeof value) {
    case 'string':
      return asType(value, 'date') ?? { kind: 'HistoryStringValue', stringValue: value };
    case 'number':
      return { kind: 'HistoryNumberValue', numberValue: value };
    case 'boolean':
      return { kind: 'HistoryBooleanValue', booleanValue: value };
    default:
      return directory(value) ?? { kind: 'HistoryStringValue', stringValue: JSON.stringify(value), json: true };
  }
}

/** The stored `{"v": value}` box of `field`'s change (SQL NULL when upstream left the value out); JSON null reads as absent too. */
export function historyValue(box: unknown, field: string): HistoryValue | null {
  if (box === null || typeof box !== 'object' || !('v' in box)) return null;
  const value: unknown = box.v;
  if (value === null || value === undefined) return null;
  const type = Object.hasOwn(DOCUMENTED_FIELD_TYPES, field) ? DOCUMENTED_FIELD_TYPES[field]! : null;
  return (type && asType(value, type)) ?? byShape(value);
}

/** The value as it reads in a summary line. */
export function describeValue(value: HistoryValue): string {
  switch (value.kind) {
    case 'HistoryStringValue':
      return value.json ? value.stringValue : `"${value.stringValue}"`;
    case 'HistoryNumberValue':
      return String(value.numberValue);
    case 'HistoryBooleanValue':
      return String(value.booleanValue);
    case 'HistoryDateTimeValue':
      return formatInstant(value.dateTimeValue);
    case 'HistoryDirectoryValue':
      return value.cancel ? `${value.code} (cancelled)` : value.code;
  }
}

type Member<K extends HistoryValue['kind']> = Extract<HistoryValue, { kind: K }>;

const StringValueRef = builder.objectRef<Member<'HistoryStringValue'>>('HistoryStringValue').implement({
  description: 'A text value; also the JSON text of a value of a shape this gateway does not know.',
  fields: (t) => ({ stringValue: t.exposeString('stringValue', { description: 'The text as sent.' }) }),
});
const NumberValueRef = builder.objectRef<Member<'HistoryNumberValue'>>('HistoryNumberValue').implement({
  description: 'A number (an integer or a fraction, e.g. a price or a quantity).',
  fields: (t) => ({ numberValue: t.exposeFloat('numberValue', { description: 'The number as sent.' }) }),
});
const BooleanValueRef = builder.objectRef<Member<'HistoryBooleanValue'>>('HistoryBooleanValue').implement({
  description: 'A true/false value (e.g. `expired`, `shipped`).',
  fields: (t) => ({ booleanValue: t.exposeBoolean('booleanValue', { description: 'The value as sent.' }) }),
});
const DateTimeValueRef = builder.objectRef<Member<'HistoryDateTimeValue'>>('HistoryDateTimeValue').implement({
  description: 'A date-time (upstream `yyyy-MM-dd HH:MM:SS`, read as UTC).',
  fields: (t) => ({
    dateTimeValue: t.field({ type: 'DateTime', description: 'The instant, read as UTC.', resolve: (v) => v.dateTimeValue }),
  }),
});
const DirectoryValueRef = builder.objectRef<Member<'HistoryDirectoryValue'>>('HistoryDirectoryValue').implement({
  description: 'A reference-book entry by its symbolic code; `cancel` is true for a cancelling item status.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The entry\'s symbolic code (`new`, `out-of-stock`).' }),
    cancel: t.exposeBoolean('cancel', { nullable: true, description: 'True when a cancelling item status was set; null when not sent.' }),
    extra: t.field({
      type: 'JSON',
      nullable: true,
      description: 'Any other keys upstream sent beside `code` and `cancel`, as sent; null when there are none.',
      resolve: (v) => v.extra,
    }),
  }),
});

export const HistoryValueRef = builder.unionType('HistoryValue', {
  description: "A changed value, typed by its field's documented type, else by its shape.",
  types: [StringValueRef, NumberValueRef, BooleanValueRef, DateTimeValueRef, DirectoryValueRef],
  resolveType: (value) => value.kind,
});
