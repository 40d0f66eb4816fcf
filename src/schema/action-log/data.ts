/**
 * Reads an action log's `data` for its member's fields. Upstream data is unvalidated JSON, so
 * every reader returns null for a shape it does not expect: a bad value never fails a query.
 */
import type { MoneyJson, TranslationsJson } from '../../db/schema.js';
import { translate } from '../common/values.js';
import type { DataField, SummaryText } from './members.js';

export interface Change<T> {
  from: T | null;
  to: T | null;
}

export type FieldValue = string | Change<MoneyJson> | Change<string> | TranslationsJson | null;
export type FieldValues = Readonly<Record<string, FieldValue>>;

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Strings as they are; numbers and booleans as text; anything else null. */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
  return null;
}

function number(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** A money object needs `cents` and `currency_iso` (both non-null in `Money`). */
function money(value: unknown): MoneyJson | null {
  if (!isObject(value)) return null;
  const cents = number(value.cents);
  const currencyIso = typeof value.currency_iso === 'string' ? value.currency_iso : null;
  if (cents === null || currencyIso === null) return null;
  return {
    cents,
    dollars: number(value.dollars),
    currency_iso: currencyIso,
    currency_symbol: typeof value.currency_symbol === 'string' ? value.currency_symbol : null,
    label: typeof value.label === 'string' ? value.label : null,
  };
}

/** `[from, to]`; null unless it is a pair with at least one readable side. */
function pair<T>(value: unknown, read: (side: unknown) => T | null): Change<T> | null {
  if (!Array.isArray(value) || value.length !== 2) return null;
  const change = { from: read(value[0]), to: read(value[1]) };
  return change.from === null && change.to === null ? null : change;
}

function translations(value: unknown): TranslationsJson | null {
  if (!isObject(value)) return null;
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** An order id: a non-blank string, or an integer (upstream ids are sometimes numbers). */
function orderId(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  return Number.isSafeInteger(value) ? String(value) : null;
}

const readers = {
  string: text,
  moneyChange: (value: unknown) => pair(value, money),
  stringChange: (value: unknown) => pair(value, text),
  translations,
  linkedOrder: orderId,
} satisfies Record<DataField['kind'], (value: unknown) => FieldValue>;

/** One field's value; null when `data` is not an object or holds no readable value for it. */
export function readField(field: DataField, data: unknown): FieldValue {
  return isObject(data) && Object.hasOwn(data, field.from) ? readers[field.kind](data[field.from]) : null;
}

/** The value of each field, by field name; all null when `data` is not an object. */
export function readFields(fields: readonly DataField[], data: unknown): FieldValues {
  return Object.fromEntries(fields.map((field) => [field.name, readField(field, data)]));
}

/** `NT$500`: the label, else the currency and the amount. */
export function moneyText(m: MoneyJson): string {
  if (m.label) return m.label;
  const currency = m.currency_symbol || `${m.currency_iso} `;
  return m.dollars != null ? `${currency}${m.dollars}` : `${m.cents} ${m.currency_iso} cents`;
}

function changeText<T>(change: Change<T> | null, show: (side: T) => string): string | null {
  if (!change) return null;
  const from = change.from === null ? '—' : show(change.from);
  const to = change.to === null ? '—' : show(change.to);
  return from === to ? null : `${from} → ${to}`;
}

const nonEmpty = (value: string | null) => (value === null || value.trim() === '' ? null : value);

const show = {
  string: (value: FieldValue) => nonEmpty(value as string | null),
  moneyChange: (value: FieldValue) => changeText(value as Change<MoneyJson> | null, moneyText),
  stringChange: (value: FieldValue) => changeText(value as Change<string> | null, (side) => side),
  translations: (value: FieldValue) => (value ? translate(value as TranslationsJson, 'en') : null),
  linkedOrder: (value: FieldValue) => value as string | null,
} satisfies Record<DataField['kind'], (value: FieldValue) => string | null>;

/** The display text of each field, for the member's summary (see `SummaryText`). */
export function summaryText(fields: readonly DataField[], values: FieldValues): SummaryText {
  return Object.fromEntries(fields.map((field) => [field.name, show[field.kind](values[field.name] ?? null)]));
}
