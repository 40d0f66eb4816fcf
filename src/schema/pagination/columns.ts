/**
 * What a node type reads from its table: each row key's column, and which keys each GraphQL field
 * needs. A statement selects only the keys the operation's fields need (never the stored upstream
 * body), and rows come back keyed like the drizzle row types, with dates and JSON decoded.
 */
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

export type PgType = 'text' | 'integer' | 'float8' | 'boolean' | 'timestamptz' | 'json' | 'jsonb' | 'text[]';

export interface Column {
  sql: SQL;
  type: PgType;
}

export interface RowShape<K extends string = string> {
  columns: Readonly<Record<K, Column>>;
  /** GraphQL field name → the row keys its resolver reads; a field not listed reads none. */
  fields: Readonly<Partial<Record<string, readonly K[]>>>;
  /** Keys every node needs whatever is selected (its id, what decides its GraphQL type). */
  always: readonly K[];
}

export const column = (expr: SQL, type: PgType): Column => ({ sql: expr, type });

const PG_TYPES: Readonly<Record<string, PgType>> = {
  PgText: 'text',
  PgInteger: 'integer',
  PgDoublePrecision: 'float8',
  PgBoolean: 'boolean',
  PgTimestamp: 'timestamptz',
  PgJson: 'json',
  PgJsonb: 'jsonb',
  PgArray: 'text[]',
};

/**
 * Every column of a drizzle table as `alias.column`, keyed as drizzle's row type, but those in
 * `omit` (never read on the request path, such as the stored upstream body). Bigint ids read as
 * text: they are served as strings, and drivers disagree on how they decode them.
 */
export function tableColumns<T extends PgTable, O extends keyof T['_']['columns'] & string>(
  table: T,
  alias: string,
  omit: readonly O[],
): Record<Exclude<keyof T['_']['columns'] & string, O>, Column> {
  const columns: Record<string, Column> = {};
  for (const [key, col] of Object.entries(getTableColumns(table))) {
    if ((omit as readonly string[]).includes(key)) continue;
    const ref = sql`${sql.identifier(alias)}.${sql.identifier(col.name)}`;
    if (col.columnType === 'PgBigInt53') columns[key] = column(sql`${ref}::text`, 'text');
    else {
      const type = PG_TYPES[col.columnType];
      if (!type) throw new Error(`tableColumns: no type for ${col.columnType} (${key})`);
      columns[key] = column(ref, type);
    }
  }
  return columns as Record<Exclude<keyof T['_']['columns'] & string, O>, Column>;
}

/** The row keys `fields` read (and `extra`), in the shape's own key order (so equal selections give equal lists). */
export function keysFor<K extends string>(shape: RowShape<K>, fields: Iterable<string>, extra: readonly K[] = []): K[] {
  const wanted = new Set<K>([...shape.always, ...extra]);
  for (const field of fields) for (const key of shape.fields[field] ?? []) wanted.add(key);
  return (Object.keys(shape.columns) as K[]).filter((key) => wanted.has(key));
}

/** `column as "key", …` for `keys`. */
export function selectList<K extends string>(shape: RowShape<K>, keys: readonly K[]): SQL {
  if (keys.length === 0) return sql`null as "__none"`;
  return sql.join(
    keys.map((key) => sql`${shape.columns[key].sql} as ${sql.identifier(key)}`),
    sql`, `,
  );
}

type Decode = (value: unknown) => unknown;

/**
 * A timestamp as ISO 8601 in UTC (`2024-03-01T19:00:00.000Z`), from PostgreSQL's text in a UTC
 * session (`2024-03-01 19:00:00.123456+00`) by slicing, without a Date; other text is parsed.
 */
export function isoInstant(text: string): string {
  if (text.length >= 22 && text.endsWith('+00') && text.charCodeAt(10) === 32) {
    const fraction = text.charCodeAt(19) === 46 ? `${text.slice(20, -3)}00`.slice(0, 3) : '000';
    return `${text.slice(0, 10)}T${text.slice(11, 19)}.${fraction}Z`;
  }
  return new Date(text).toISOString();
}

/** A row as the API reads it: timestamps are ISO 8601 text (see `isoInstant`). */
export type Served<Row> = { [K in keyof Row]: Row[K] extends Date ? string : Row[K] extends Date | null ? string | null : Row[K] };

// Drivers hand timestamps over as text (drizzle turns their own parsing off) and JSON either way.
const decoders: Record<PgType, Decode | null> = {
  timestamptz: (value) => (value instanceof Date ? value.toISOString() : isoInstant(value as string)),
  json: (value) => (typeof value === 'string' ? JSON.parse(value) : value),
  jsonb: (value) => (typeof value === 'string' ? JSON.parse(value) : value),
  text: null,
  integer: null,
  float8: (value) => (typeof value === 'string' ? Number(value) : value),
  boolean: null,
  'text[]': null,
};

/** A driver's value of a column of `type`, as the row types hold it (null stays null). */
export function decodeValue(type: PgType, value: unknown): unknown {
  if (value == null) return null;
  const decode = decoders[type];
  return decode ? decode(value) : value;
}

/** Decodes `keys` of a driver's row in place (a list reads thousands: no copies) and types it. */
export function decodeRow<K extends string, Row>(shape: RowShape<K>, keys: readonly K[], raw: Record<string, unknown>): Row {
  for (const key of keys) raw[key] = decodeValue(shape.columns[key].type, raw[key]);
  return raw as Row;
}
