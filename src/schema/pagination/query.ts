/**
 * The one SQL implementation of keyset cursors and pages. A list declares where its rows come
 * from, how they filter and how they sort (the last sort key must be unique); this file builds one
 * statement that returns a page of rows plus the total count and the facts `pageInfo` needs, for
 * one list or for the same list under many parents at once (a LATERAL join per parent).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database, Db } from '../../db/client.js';
import { cursorWindow, type ConnectionArgs, type PageRequest } from './args.js';
import { decodeCursor, encodeCursor, listSignature, type SortValueType } from './cursor.js';

export interface SortKey {
  expr: SQL;
  direction: 'asc' | 'desc';
  type: SortValueType;
}

export interface ListSource {
  /** Everything that defines the list besides its parent: name, filter, ordering. */
  signature: unknown;
  /** The FROM clause, e.g. sql`orders o`. */
  from: SQL;
  /** The select list (without the sort keys, which are added). */
  select: SQL;
  /** The filter for one parent; `parent` is a SQL text expression (ignored by top-level lists). */
  where: (parent: SQL) => SQL;
  sort: SortKey[];
}

export type RawRow = Record<string, unknown>;

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

export interface OffsetPageInfo {
  page: number;
  perPage: number;
  totalCount: number;
  totalPages: number;
  isLastPage: boolean;
  firstOnPage: number | null;
  lastOnPage: number | null;
}

export interface OffsetPage<T> {
  items: T[];
  pageInfo: OffsetPageInfo;
}

/** The parent key a top-level list runs under. */
export const NO_PARENT = '';

const casts: Record<SortValueType, SQL> = {
  timestamptz: sql`timestamptz`,
  text: sql`text`,
  bigint: sql`bigint`,
  integer: sql`integer`,
  float: sql`float8`,
};

function orderBy(sort: SortKey[], reverse: boolean): SQL {
  return sql.join(
    sort.map((key) => {
      const ascending = (key.direction === 'asc') !== reverse;
      return sql`${key.expr} ${ascending ? sql`asc` : sql`desc`}`;
    }),
    sql`, `,
  );
}

/** Rows strictly after (`side = 'after'`) or before the cursor row, in the list's own order. */
function beyondCursor(sort: SortKey[], values: string[], side: 'after' | 'before'): SQL {
  const value = (i: number) => sql`${values[i]}::${casts[sort[i]!.type]}`;
  const greater = (key: SortKey) => (key.direction === 'asc') === (side === 'after');
  const sameDirection = sort.every((key) => key.direction === sort[0]!.direction);
  if (sameDirection) {
    const keys = sql.join(sort.map((key) => key.expr), sql`, `);
    const vals = sql.join(sort.map((_, i) => value(i)), sql`, `);
    return greater(sort[0]!) ? sql`(${keys}) > (${vals})` : sql`(${keys}) < (${vals})`;
  }
  const alternatives = sort.map((key, i) => {
    const equalBefore = sort.slice(0, i).map((prior, j) => sql`${prior.expr} = ${value(j)}`);
    const step = greater(key) ? sql`${key.expr} > ${value(i)}` : sql`${key.expr} < ${value(i)}`;
    return sql`(${sql.join([...equalBefore, step], sql` and `)})`;
  });
  return sql`(${sql.join(alternatives, sql` or `)})`;
}

function sortKeyColumns(sort: SortKey[]): SQL {
  return sql.join(
    sort.map((key, i) => sql`(${key.expr})::text as ${sql.identifier(`__k${i}`)}`),
    sql`, `,
  );
}

function textArray(values: string[]): SQL {
  return sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;
}

/**
 * Reads one cursor-form page of `source` for every parent. A parent whose `after`/`before` cursor
 * belongs to another list gets an Error in its place (DataLoader passes it to that field only).
 */
export async function fetchConnections(
  database: Database,
  db: Db,
  source: ListSource,
  parents: readonly string[],
  args: ConnectionArgs,
): Promise<Map<string, Connection<RawRow> | Error>> {
  const window = cursorWindow(args);
  const types = source.sort.map((key) => key.type);
  const results = new Map<string, Connection<RawRow> | Error>();
  const signatureOf = (parent: string) => listSignature([source.signature, parent]);

  // A cursor names one parent's list, so it is valid for at most one parent of a batch.
  const decoded = new Map<string, { after: string[] | null; before: string[] | null }>();
  for (const parent of parents) {
    try {
      const signature = signatureOf(parent);
      decoded.set(parent, {
        after: window.after ? decodeCursor(window.after, signature, types, 'after') : null,
        before: window.before ? decodeCursor(window.before, signature, types, 'before') : null,
      });
    } catch (error) {
      results.set(parent, error as Error);
    }
  }
  const valid = [...decoded.keys()];
  if (valid.length === 0) return results;
  const { after, before } = decoded.get(valid[0]!)!;

  const backward = window.direction === 'backward';
  const where = source.where(sql`par.parent`);
  const afterCondition = after ? beyondCursor(source.sort, after, 'after') : null;
  const beforeCondition = before ? beyondCursor(source.sort, before, 'before') : null;
  const pageWhere = [where, afterCondition, beforeCondition].filter((part): part is SQL => part !== null);
  const order = orderBy(source.sort, backward);

  const statement = sql`
    select par.parent as "__parent", facts.*, p.*
    from unnest(${textArray(valid)}) as par(parent)
    cross join lateral (
      select
        (select count(*)::int from ${source.from} where ${where}) as "__total",
        ${afterCondition ? sql`exists(select 1 from ${source.from} where ${where} and not ${afterCondition})` : sql`false`} as "__rows_before",
        ${beforeCondition ? sql`exists(select 1 from ${source.from} where ${where} and not ${beforeCondition})` : sql`false`} as "__rows_after"
      -- OFFSET 0 keeps the planner from pulling these subqueries up into the outer select, where
      -- they would run once per row of the page instead of once per parent.
      offset 0
    ) facts
    left join lateral (
      select ${source.select}, ${sortKeyColumns(source.sort)}, row_number() over (order by ${order}) as "__rn"
      from ${source.from}
      where ${sql.join(pageWhere, sql` and `)}
      order by ${order}
      limit ${window.limit + 1}
    ) p on true
    order by par.parent, p."__rn"`;

  const grouped = new Map<string, RawRow[]>();
  const facts = new Map<string, RawRow>();
  for (const row of await database.rows<RawRow>(statement, db)) {
    const parent = String(row.__parent);
    facts.set(parent, row);
    if (row.__rn == null) continue;
    const list = grouped.get(parent) ?? [];
    list.push(row);
    grouped.set(parent, list);
  }

  for (const parent of valid) {
    const fetched = grouped.get(parent) ?? [];
    const fact = facts.get(parent)!;
    const extra = fetched.length > window.limit;
    const rows = fetched.slice(0, window.limit);
    if (backward) rows.reverse();
    const signature = signatureOf(parent);
    const edges = rows.map((row) => ({
      cursor: encodeCursor(signature, source.sort.map((_, i) => String(row[`__k${i}`]))),
      node: row,
    }));
    const rowsBefore = fact.__rows_before === true;
    const rowsAfter = fact.__rows_after === true;
    results.set(parent, {
      edges,
      totalCount: Number(fact.__total),
      pageInfo: {
        hasNextPage: backward ? rowsAfter : extra || rowsAfter,
        hasPreviousPage: backward ? extra || rowsBefore : rowsBefore,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    });
  }
  return results;
}

/** One cursor-form page of a top-level list. */
export async function fetchConnection(
  database: Database,
  db: Db,
  source: ListSource,
  args: ConnectionArgs,
): Promise<Connection<RawRow>> {
  const result = (await fetchConnections(database, db, source, [NO_PARENT], args)).get(NO_PARENT)!;
  if (result instanceof Error) throw result;
  return result;
}

/** One page-form page of a top-level list: rows at an offset, with exact page facts. */
export async function fetchOffsetPage(
  database: Database,
  db: Db,
  source: ListSource,
  request: PageRequest,
): Promise<OffsetPage<RawRow>> {
  const offset = (request.page - 1) * request.perPage;
  const where = source.where(sql`${NO_PARENT}`);
  const order = orderBy(source.sort, false);
  const rows = await database.rows<RawRow>(
    sql`
      select facts.*, p.*
      from (select count(*)::int as "__total" from ${source.from} where ${where}) facts
      left join lateral (
        select ${source.select}, row_number() over (order by ${order}) as "__rn"
        from ${source.from}
        where ${where}
        order by ${order}
        limit ${request.perPage} offset ${offset}
      ) p on true
      order by p."__rn"`,
    db,
  );
  const totalCount = Number(rows[0]?.__total ?? 0);
  const items = rows.filter((row) => row.__rn != null);
  const totalPages = Math.ceil(totalCount / request.perPage);
  return {
    items,
    pageInfo: {
      page: request.page,
      perPage: request.perPage,
      totalCount,
      totalPages,
      isLastPage: request.page >= totalPages,
      firstOnPage: items.length ? offset + 1 : null,
      lastOnPage: items.length ? offset + items.length : null,
    },
  };
}

/** Maps a connection's raw rows to domain objects. */
export function mapConnection<T>(connection: Connection<RawRow>, map: (row: RawRow) => T): Connection<T> {
  return { ...connection, edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: map(edge.node) })) };
}
