/**
 * What every upstream's writer shares: idempotent upserts by primary key (a second run of the same
 * input leaves the database as it was) and the mapping of upstream order ids to canonical ones.
 * Writers take a `Db`, which may be a transaction the caller opened; none opens one.
 */
import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { textArray } from '../db/sql.js';
import { merchants, orderRefs } from '../db/schema.js';

/** Rows per statement: well under PostgreSQL's 65,535 bind parameters even for `orders`. */
const CHUNK = 500;

export function chunks<T>(rows: T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < rows.length; i += size) result.push(rows.slice(i, i + size));
  return result;
}

/** The last row for each key: one statement may not upsert the same row twice. */
export function lastByKey<T>(rows: T[], key: (row: T) => string): T[] {
  return [...new Map(rows.map((row) => [key(row), row])).values()];
}

const WRITTEN_SEQ = 'written_seq';

/** Inserts `rows`; a row whose key exists replaces every other column, and is left alone when nothing differs. */
export async function upsert<T extends PgTable>(
  db: Db,
  table: T,
  key: PgColumn[],
  rows: T['$inferInsert'][],
): Promise<number> {
  const set: Record<string, SQL> = {};
  const compared: SQL[] = [];
  for (const [name, column] of Object.entries(getTableColumns(table))) {
    // Generated columns follow the columns they are made from; a history row keeps the number it
    // got when first inserted (`written_seq`: the live feed announces new rows only).
    if (key.includes(column) || column.generated || column.name === WRITTEN_SEQ) continue;
    set[name] = sql`excluded.${sql.identifier(column.name)}`;
    compared.push(sql`${sql.identifier(column.name)}`);
  }
  // Skipping unchanged rows keeps a re-import from rewriting (and bloating) every row. Rows compare
  // as text: `json` columns have no equality operator, and their text is exactly what was sent.
  const excluded = sql.join(compared.map((column) => sql`excluded.${column}`), sql`, `);
  const setWhere = sql`row(${sql.join(compared.map((column) => sql`${table}.${column}`), sql`, `)})::text is distinct from row(${excluded})::text`;
  for (const chunk of chunks(rows)) {
    await db.insert(table).values(chunk).onConflictDoUpdate({ target: key, set, setWhere });
  }
  return rows.length;
}

export async function ensureMerchant(db: Db, merchantId: string): Promise<void> {
  await db.insert(merchants).values({ id: merchantId }).onConflictDoNothing();
}

/** Canonical order ids for one upstream's ids, in one query; an id without a link maps to itself. */
export async function resolveOrderIds(
  db: Db,
  merchantId: string,
  system: string,
  upstreamIds: string[],
): Promise<Map<string, string>> {
  const ids = [...new Set(upstreamIds)];
  const resolved = new Map(ids.map((id) => [id, id]));
  if (ids.length === 0) return resolved;
  const links = await db
    .select({ externalId: orderRefs.externalId, orderId: orderRefs.orderId })
    .from(orderRefs)
    .where(
      and(
        eq(orderRefs.merchantId, merchantId),
        eq(orderRefs.system, system),
        sql`${orderRefs.externalId} = any(${textArray(ids)})`,
      ),
    );
  for (const link of links) resolved.set(link.externalId, link.orderId);
  return resolved;
}

/** Rows whose `orderId` is an upstream id, moved to their canonical order; the upstream id stays beside it. */
export async function canonical<T extends { orderId: string; upstreamOrderId?: string | null }>(
  db: Db,
  merchantId: string,
  system: string,
  rows: T[],
): Promise<(T & { merchantId: string; upstreamOrderId: string })[]> {
  const ids = await resolveOrderIds(db, merchantId, system, rows.map((row) => row.upstreamOrderId ?? row.orderId));
  return rows.map((row) => {
    const upstreamOrderId = row.upstreamOrderId ?? row.orderId;
    return { ...row, merchantId, upstreamOrderId, orderId: ids.get(upstreamOrderId) ?? upstreamOrderId };
  });
}
