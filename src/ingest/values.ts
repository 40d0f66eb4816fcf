/**
 * Typed readers for upstream JSON. Each takes a value and its path and either returns it typed or
 * throws an IngestError naming the path. `opt*` variants read null/absent as null.
 */
import { createHash } from 'node:crypto';
import type { MoneyJson, OptionTranslationsJson, TranslationsJson } from '../db/json.js';
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
const LOCALE = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/;

export const lang: Reader<TranslationsJson> = (value, path) =>
  // fromEntries defines each locale as an own member, whatever its name.
  Object.fromEntries(
    Object.entries(object(value, path)).map(([locale, text]) => {
      if (!LOCALE.test(locale)) fail(at(path, locale), 'not a locale code (such as "en" or "zh-hant")');
      return [locale, optString(text, at(path, locale))];
    }),
  );

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

/** A date-time as ISO 8601 text in UTC, as JSON columns hold it. */
export const optInstant: Reader<string | null> = (value, path) => optDateTime(value, path)?.toISOString() ?? null;

/** A list of strings (ids, codes) as sent; entries may be null. */
export const optStrings: Reader<string[] | null> = (value, path) =>
  optArray(value, path)?.map((entry, i) => optString(entry, at(path, i)) as string) ?? null;

/** `{"en": ["green", "c1"], "zh-hant": ["", ""]}`: one text per option, per locale. */
export const optOptionTranslations: Reader<OptionTranslationsJson | null> = (value, path) => {
  const o = optObject(value, path);
  if (!o) return null;
  return Object.fromEntries(
    Object.entries(o).map(([locale, texts]) => {
      if (!LOCALE.test(locale)) fail(at(path, locale), 'not a locale code (such as "en" or "zh-hant")');
      return [locale, optArray(texts, at(path, locale))?.map((text, i) => optString(text, at(at(path, locale), i))) ?? null];
    }),
  );
};

/** A value whose shape no document gives, kept as sent (absent reads as null). */
export const anyJson: Reader<unknown> = (value, path) => (value === undefined ? null : storableJson(value, path));

/** Readers of the optional members of `o` (at `path`), each naming its own path: `r.text('city')`. */
export function membersOf(o: JsonObject, path: string) {
  const read = <T>(reader: Reader<T>) => (key: string) => reader(o[key], at(path, key));
  return {
    text: read(optString),
    number: read(optNumber),
    int: read(optInt32),
    flag: read(optBoolean),
    instant: read(optInstant),
    money: read(optMoney),
    lang: read(optLang),
    strings: read(optStrings),
    options: read(optOptionTranslations),
    object: read(optObject),
    array: read(optArray),
    any: read(anyJson),
    /** A list whose entries have no documented shape, kept as sent. */
    list: read((value, at) => {
      const list = optArray(value, at);
      return list && storableJson(list, at);
    }),
    /** Where member `key` sits, for readers of nested values. */
    at: (key: string) => at(path, key),
  };
}

/** `''` means "none" in several upstream fields (tracking number, parent order). */
export const blankToNull = (value: string | null): string | null => (value === '' ? null : value);

/** Upstream bodies nest a few levels; deeper input is refused rather than walked. */
export const MAX_JSON_DEPTH = 32;

/**
 * Checks a value kept verbatim as jsonb (raw records, log data) for text PostgreSQL refuses and
 * for nesting deeper than MAX_JSON_DEPTH, with a stack of its own (no input can exhaust the call
 * stack, here or in whatever reads the value later).
 */
export function storableJson<T>(value: T, path: string): T {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path, depth: 0 }];
  while (pending.length) {
    const item = pending.pop()!;
    if (typeof item.value === 'string') storableText(item.value, item.path);
    else if (item.value !== null && typeof item.value === 'object') {
      if (item.depth >= MAX_JSON_DEPTH) fail(item.path, `nested deeper than ${MAX_JSON_DEPTH} levels`);
      if (Array.isArray(item.value)) item.value.forEach((entry, i) => pending.push({ value: entry, path: at(item.path, i), depth: item.depth + 1 }));
      else {
        for (const [key, entry] of Object.entries(item.value)) {
          pending.push({ value: entry, path: at(item.path, storableText(key, item.path)), depth: item.depth + 1 });
        }
      }
    }
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
