/**
 * Typed readers for upstream JSON. Each takes a value and its path and either returns it typed or
 * throws an IngestError naming the path. `opt*` variants read null/absent as null.
 */
import { createHash } from 'node:crypto';
import type { MoneyJson, TranslationsJson } from '../db/schema.js';
import { IngestError, at } from './errors.js';

export type JsonObject = Record<string, unknown>;
type Reader<T> = (value: unknown, path: string) => T;

const fail = (path: string, reason: string): never => {
  throw new IngestError(path, reason);
};

const isAbsent = (value: unknown): value is null | undefined => value === null || value === undefined;

const optional =
  <T>(read: Reader<T>): Reader<T | null> =>
  (value, path) =>
    isAbsent(value) ? null : read(value, path);

function present(value: unknown, path: string): unknown {
  if (value === undefined) fail(path, 'missing');
  if (value === null) fail(path, 'must not be null');
  return value;
}

/** PostgreSQL stores neither NUL in text/jsonb nor an unpaired surrogate in jsonb. */
function storableText(value: string, path: string): string {
  if (value.includes('\u0000')) fail(path, 'contains a NUL byte');
  if (/\p{Cs}/u.test(value)) fail(path, 'contains an unpaired surrogate');
  return value;
}

export const string: Reader<string> = (value, path) =>
  typeof present(value, path) === 'string' ? storableText(value as string, path) : fail(path, 'not a string');

export const number: Reader<number> = (value, path) =>
  typeof present(value, path) === 'number' && Number.isFinite(value) ? (value as number) : fail(path, 'not a number');

export const integer: Reader<number> = (value, path) =>
  Number.isSafeInteger(present(value, path)) ? (value as number) : fail(path, 'not an integer');

/** For `integer` columns: a larger value would pass here and fail in the database, far from its path. */
export const int32: Reader<number> = (value, path) => {
  const n = integer(value, path);
  return n >= -2_147_483_648 && n <= 2_147_483_647 ? n : fail(path, 'out of range for a 32-bit integer');
};

export const boolean: Reader<boolean> = (value, path) =>
  typeof present(value, path) === 'boolean' ? (value as boolean) : fail(path, 'not a boolean');

export const object: Reader<JsonObject> = (value, path) =>
  typeof present(value, path) === 'object' && !Array.isArray(value)
    ? (value as JsonObject)
    : fail(path, 'not an object');

export const array: Reader<unknown[]> = (value, path) =>
  Array.isArray(present(value, path)) ? (value as unknown[]) : fail(path, 'not an array');

/** An upstream id: a non-empty string, or an integer (status history and change history use numbers). */
export const id: Reader<string> = (value, path) => {
  if (Number.isSafeInteger(present(value, path))) return String(value);
  if (string(value, path) === '') fail(path, 'empty');
  return value as string;
};

// ISO 8601 with a zone (`Z`, `+01:00`, `+0100`), or change history's zone-less `YYYY-MM-DD HH:MM:SS` (UTC).
const ISO = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:?\d\d)$/;
const PLAIN = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)()()$/;

/** A date-time in either upstream form, or null when the text is not one (a real instant, exactly). */
export function parseDateTime(text: string): Date | null {
  const match = ISO.exec(text) ?? PLAIN.exec(text);
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const local = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  local.setUTCFullYear(y); // Date.UTC reads years 0-99 as 1900-1999
  // Date.UTC rolls 2024-02-30 over to March: a value that does not survive the round trip is not a date.
  const exact =
    y >= 1 && local.getUTCFullYear() === y && local.getUTCMonth() === mo - 1 && local.getUTCDate() === d &&
    local.getUTCHours() === h && local.getUTCMinutes() === mi && local.getUTCSeconds() === s;
  const zone = match[8] ?? '';
  const offset = /^[+-](\d\d):?(\d\d)$/.exec(zone);
  const offsetMinutes = offset ? Number(offset[1]) * 60 + Number(offset[2]) : 0;
  if (!exact || (offset && (Number(offset[1]) > 23 || Number(offset[2]) > 59))) return null;
  return new Date(local.getTime() - (zone.startsWith('-') ? -1 : 1) * offsetMinutes * 60_000);
}

export const dateTime: Reader<Date> = (value, path) => parseDateTime(string(value, path)) ?? fail(path, 'not a date-time');

/** `{cents, dollars, currency_iso, currency_symbol, label}`; item_data money has only cents and currency_iso. */
export const money: Reader<MoneyJson> = (value, path) => {
  const o = object(value, path);
  return {
    cents: number(o.cents, at(path, 'cents')),
    dollars: optNumber(o.dollars, at(path, 'dollars')),
    currency_iso: string(o.currency_iso, at(path, 'currency_iso')),
    currency_symbol: optString(o.currency_symbol, at(path, 'currency_symbol')),
    label: optString(o.label, at(path, 'label')),
  };
};

/** A locale map, `{"en": "...", "zh-hant": "..."}`. */
export const lang: Reader<TranslationsJson> = (value, path) => {
  const result: TranslationsJson = {};
  for (const [locale, text] of Object.entries(object(value, path))) {
    result[storableText(locale, path)] = optString(text, at(path, locale));
  }
  return result;
};

export const optString = optional(string);
export const optNumber = optional(number);
export const optInteger = optional(integer);
export const optInt32 = optional(int32);
export const optBoolean = optional(boolean);
export const optObject = optional(object);
export const optArray = optional(array);
/** Optional ids also read `''` as absent: upstream sends empty strings for ids it does not have. */
export const optId: Reader<string | null> = (value, path) => (value === '' ? null : optional(id)(value, path));
export const optDateTime = optional(dateTime);
export const optMoney = optional(money);
export const optLang = optional(lang);

/** `''` means "none" in several upstream fields (tracking number, parent order). */
export const blankToNull = (value: string | null): string | null => (value === '' ? null : value);

/** Checks a value kept verbatim as jsonb (raw records, log data) for text PostgreSQL refuses. */
export function storableJson<T>(value: T, path: string): T {
  if (typeof value === 'string') storableText(value, path);
  else if (Array.isArray(value)) value.forEach((item, i) => storableJson(item, at(path, i)));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) storableJson(item, at(path, storableText(key, path)));
  }
  return value;
}

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as JsonObject;
    const keys = Object.keys(o).filter((key) => o[key] !== undefined).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(o[key])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Id for records upstream gives none: the first 32 hex digits of sha256 over fields that never change. */
export const stableId = (parts: unknown[]): string =>
  createHash('sha256').update(canonicalJson(parts)).digest('hex').slice(0, 32);
