/**
 * Raw-SQL helpers that keep drizzle's column mapping: select a table's columns under their
 * TypeScript names, and map a raw row back through each column's own driver mapping (dates,
 * bigints), so raw queries return the same shapes as drizzle's query builder on both drivers.
 */
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/** `alias.column AS "key", ...` for every column of `table` but those named in `omit`. */
export function selectColumns(table: PgTable, alias: string, omit: readonly string[] = []): SQL {
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => !omit.includes(key));
  return sql.join(
    columns.map(([key, column]) => sql`${sql.identifier(alias)}.${sql.identifier(column.name)} as ${sql.identifier(key)}`),
    sql`, `,
  );
}

/** The columns of `table` but those named in `omit`, typed, for drizzle's `select(...)`. */
export function columnsExcept<T extends PgTable, K extends keyof T['_']['columns'] & string>(
  table: T,
  omit: readonly K[],
): Omit<T['_']['columns'], K> {
  return Object.fromEntries(
    Object.entries(getTableColumns(table)).filter(([key]) => !(omit as readonly string[]).includes(key)),
  ) as Omit<T['_']['columns'], K>;
}

/** Maps a row selected with `selectColumns` to the table's select type. */
export function mapRow<T extends PgTable>(table: T, row: Record<string, unknown>): T['$inferSelect'] {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = row[key];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as T['$inferSelect'];
}

/**
 * Maps a `to_jsonb(row)` object (keyed by column name) to the table's select type. jsonb columns
 * are already JSON there and pass through untouched.
 */
export function mapJsonRow<T extends PgTable>(table: T, json: Record<string, unknown>): T['$inferSelect'] {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = json[column.name];
    out[key] = value == null ? null : column.columnType === 'PgJsonb' ? value : column.mapFromDriverValue(value);
  }
  return out as T['$inferSelect'];
}
