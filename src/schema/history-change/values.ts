/**
 * `HistoryValue`: a change's old or new value, typed from its JSON shape (upstream's value type
 * depends on the field, and nothing else says which). A shape this gateway does not know becomes
 * a string of its JSON, so no upstream value ever fails a query.
 */
import { parseDateTime } from '../../ingest/values.js';
import { builder } from '../builder.js';
import { formatInstant } from '../history/format.js';

export type HistoryValue =
  /** `json`: the JSON text of a shape this gateway does not know (not exposed; it reads unquoted in summaries). */
  | { kind: 'HistoryStringValue'; stringValue: string; json?: true }
  | { kind: 'HistoryNumberValue'; numberValue: number }
  | { kind: 'HistoryBooleanValue'; booleanValue: boolean }
  | { kind: 'HistoryDateTimeValue'; dateTimeValue: Date }
  | { kind: 'HistoryDirectoryValue'; code: string; cancel: boolean | null };

function isDirectory(value: object): value is { code: string; cancel?: boolean | null } {
  const o = value as Record<string, unknown>;
  return (
    typeof o.code === 'string' &&
    (o.cancel == null || typeof o.cancel === 'boolean') &&
    Object.keys(o).every((key) => key === 'code' || key === 'cancel')
  );
}

/** The stored `{"v": value}` box (SQL NULL when upstream left the value out); JSON null reads as absent too. */
export function historyValue(box: unknown): HistoryValue | null {
  if (box === null || typeof box !== 'object' || !('v' in box)) return null;
  const value: unknown = box.v;
  switch (typeof value) {
    case 'string': {
      const date = parseDateTime(value);
      return date ? { kind: 'HistoryDateTimeValue', dateTimeValue: date } : { kind: 'HistoryStringValue', stringValue: value };
    }
    case 'number':
      return { kind: 'HistoryNumberValue', numberValue: value };
    case 'boolean':
      return { kind: 'HistoryBooleanValue', booleanValue: value };
    default:
      if (value === null || value === undefined) return null;
      if (typeof value === 'object' && !Array.isArray(value) && isDirectory(value)) {
        return { kind: 'HistoryDirectoryValue', code: value.code, cancel: value.cancel ?? null };
      }
      return { kind: 'HistoryStringValue', stringValue: JSON.stringify(value), json: true };
  }
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
  fields: (t) => ({ stringValue: t.exposeString('stringValue') }),
});
const NumberValueRef = builder.objectRef<Member<'HistoryNumberValue'>>('HistoryNumberValue').implement({
  fields: (t) => ({ numberValue: t.exposeFloat('numberValue') }),
});
const BooleanValueRef = builder.objectRef<Member<'HistoryBooleanValue'>>('HistoryBooleanValue').implement({
  fields: (t) => ({ booleanValue: t.exposeBoolean('booleanValue') }),
});
const DateTimeValueRef = builder.objectRef<Member<'HistoryDateTimeValue'>>('HistoryDateTimeValue').implement({
  description: 'A date-time (upstream `yyyy-MM-dd HH:MM:SS`, read as UTC).',
  fields: (t) => ({ dateTimeValue: t.field({ type: 'DateTime', resolve: (v) => v.dateTimeValue }) }),
});
const DirectoryValueRef = builder.objectRef<Member<'HistoryDirectoryValue'>>('HistoryDirectoryValue').implement({
  description: 'A reference-book entry by its symbolic code; `cancel` is true for a cancelling item status.',
  fields: (t) => ({
    code: t.exposeString('code'),
    cancel: t.exposeBoolean('cancel', { nullable: true }),
  }),
});

export const HistoryValueRef = builder.unionType('HistoryValue', {
  description: 'A changed value, typed by its shape.',
  types: [StringValueRef, NumberValueRef, BooleanValueRef, DateTimeValueRef, DirectoryValueRef],
  resolveType: (value) => value.kind,
});
