/**
 * The one SQL implementation of keyset cursors and pages. A list declares its relation, filter,
 * sort keys (the last one unique) and select list; this file builds one statement that returns a
 * page of rows for one list or for the same list under many parents at once (a LATERAL join per
 * parent, each an index range of `first + 1` rows), plus the counts and page facts the selection
 * asks for and nothing else. Every statement is scoped to the caller's merchant here, from the
 * relation's merchant column: a list cannot be declared without it.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { label, merchantCondition, type Relation } from '../scoped.js';
import { cursorWindow, type ConnectionArgs, type CursorWindow, type PageRequest } from './args.js';
import type { SortValueType } from './cursor.js';
import type { ListNeeds } from './selection.js';

export interface SortKey {
  expr: SQL;
  direction: 'asc' | 'desc';
  type: SortValueType;
}

export type RawRow = Record<string, unknown>;

export interface ListSource<Node> {
  /** The list's name (`Order.actionLogs`): it labels the statement and scopes the cursors. */
  name: string;
  /** Everything else that defines the list besides its parent and merchant (filter, ordering). */
  key?: unknown;
  relation: Relation;
  /** The column naming each row's parent, for lists nested under a parent. */
  parent?: SQL;
  where?: readonly SQL[];
  sort: readonly SortKey[];
  /** The select list (the sort keys are added). */
  select: SQL;
  toNode: (row: RawRow) => Node;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  readonly startCursor: string | null;
  readonly endCursor: string | null;
}

export interface Edge<Node> {
  node: Node;
  readonly cursor: string;
}

export interface Connection<Node> {
  nodes: Node[];
  readonly edges: Edge<Node>[];
  pageInfo: PageInfo;
  /** Only computed when the selection asks for it. */
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

export interface OffsetPage<Node> {
  items: Node[];
  pageInfo: OffsetPageInfo;
}

/** A key equal for equal values whatever their object key order. */
export function stableKey(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableKey).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableKey(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const casts: Record<SortValueType, SQL> = {
  timestamptz: sql`timestamptz`,
  text: sql`text`,
  bigint: sql`bigint`,
  integer: sql`integer`,
  float: sql`float8`,
};

function orderBy(sort: readonly SortKey[], reverse: boolean): SQL {
  return sql.join(
    sort.map((key) => sql`${key.expr} ${(key.direction === 'asc') !== reverse ? sql`asc` : sql`desc`}`),
    sql`, `,
  );
}

/** Rows strictly after (`side = 'after'`) or before the cursor row, in the list's own order. */
function beyondCursor(sort: readonly SortKey[], values: readonly string[], side: 'after' | 'before'): SQL {
  const value = (i: number) => sql`${values[i]}::${casts[sort[i]!.type]}`;
  const greater = (key: SortKey) => (key.direction === 'asc') === (side === 'after');
  if (sort.every((key) => key.direction === sort[0]!.direction)) {
    // One row comparison: an index range, whatever the depth.
    const keys = sql.join(sort.map((key) => key.expr), sql`, `);
    const vals = sql.join(sort.map((_, i) => value(i)), sql`, `);
    return greater(sort[0]!) ? sql`(${keys}) > (${vals})` : sql`(${keys}) < (${vals})`;
  }
  const alternatives = sort.map((key, i) => {
    const equalBefore = sort.slice(0, i).map((prior, j) => sql`${prior.expr} = ${value(j)}`);
    const step = greater(key) ? sql`${key.expr} > ${value(i)}` : sql`${key.expr} < ${value(i)}`;
    return sql`(${sql.join([...equalBefore, step], sql` and `)})`;
  });
  // The first key's bound, implied by the alternatives, is what an index range can use.
  const first = sort[0]!;
  const bound = greater(first) ? sql`${first.expr} >= ${value(0)}` : sql`${first.expr} <= ${value(0)}`;
  return sql`(${bound} and (${sql.join(alternatives, sql` or `)}))`;
}

const sortKeyColumns = (sort: readonly SortKey[]) =>
  sql.join(sort.map((key, i) => sql`(${key.expr})::text as ${sql.identifier(`__k${i}`)}`), sql`, `);

const and = (parts: readonly SQL[]) => sql.join([...parts], sql` and `);

/** The list's own conditions: merchant, parent (as `parent`), filter. */
function baseConditions(ctx: Context, source: ListSource<unknown>, parent: SQL | null): SQL[] {
  const conditions = [merchantCondition(ctx, source.relation)];
  if (source.parent && parent) conditions.push(sql`${source.parent} = ${parent}`);
  return [...conditions, ...(source.where ?? [])];
}

/** Signs and reads the cursors of one parent's list. */
function cursorScope(ctx: Context, source: ListSource<unknown>, parent: string | null): string {
  return stableKey([source.name, source.key ?? null, ctx.principal.merchantId, parent]);
}

/** Whether `cursor` was given out by `source`'s list under `parent` (null: top level) for this merchant. */
export function isCursorOf(ctx: Context, source: ListSource<unknown>, parent: string | null, cursor: string): boolean {
  try {
    ctx.cursors.decode(cursor, cursorScope(ctx, source, parent), source.sort.map((key) => key.type), 'after');
    return true;
  } catch {
    return false;
  }
}

/** Cursors are signed on first read: a page whose cursors are not selected costs no HMAC. */
class LazyPageInfo implements PageInfo {
  constructor(
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
    private readonly rows: readonly RawRow[],
    private readonly cursorOf: (row: RawRow) => string,
  ) {}

  get startCursor(): string | null {
    return this.rows.length ? this.cursorOf(this.rows[0]!) : null;
  }

  get endCursor(): string | null {
    return this.rows.length ? this.cursorOf(this.rows[this.rows.length - 1]!) : null;
  }
}

class LazyEdge<Node> implements Edge<Node> {
  constructor(
    readonly node: Node,
    private readonly row: RawRow,
    private readonly cursorOf: (row: RawRow) => string,
  ) {}

  get cursor(): string {
    return this.cursorOf(this.row);
  }
}

class Page<Node> implements Connection<Node> {
  private edgeList: Edge<Node>[] | undefined;

  constructor(
    readonly nodes: Node[],
    private readonly rows: RawRow[],
    private readonly cursorOf: (row: RawRow) => string,
    readonly pageInfo: PageInfo,
    readonly totalCount: number,
  ) {}

  get edges(): Edge<Node>[] {
    this.edgeList ??= this.nodes.map((node, i) => new LazyEdge(node, this.rows[i]!, this.cursorOf));
    return this.edgeList;
  }
}

interface Decoded {
  after: string[] | null;
  before: string[] | null;
}

/**
 * One cursor-form page of `source` for each of `parents` (null: a top-level list). A parent whose
 * `after`/`before` cursor belongs to another list gets an Error in its place (DataLoader passes it
 * to that field only).
 */
export async function fetchConnections<Node>(
  ctx: Context,
  source: ListSource<Node>,
  parents: readonly string[] | null,
  args: ConnectionArgs,
  needs: ListNeeds,
): Promise<Map<string | null, Connection<Node> | Error>> {
  const window: CursorWindow = cursorWindow(args);
  const types = source.sort.map((key) => key.type);
  const results = new Map<string | null, Connection<Node> | Error>();

  // A cursor names one parent's list, so it is valid for at most one parent of a batch.
  const valid: (string | null)[] = [];
  let decoded: Decoded = { after: null, before: null };
  for (const parent of parents ?? [null]) {
    if (!window.after && !window.before) {
      valid.push(parent);
      continue;
    }
    try {
      const scope = cursorScope(ctx, source, parent);
      decoded = {
        after: window.after ? ctx.cursors.decode(window.after, scope, types, 'after') : null,
        before: window.before ? ctx.cursors.decode(window.before, scope, types, 'before') : null,
      };
      valid.push(parent);
    } catch (error) {
      results.set(parent, error as Error);
    }
  }
  if (valid.length === 0) return results;

  const backward = window.direction === 'backward';
  const afterCondition = decoded.after ? beyondCursor(source.sort, decoded.after, 'after') : null;
  const beforeCondition = decoded.before ? beyondCursor(source.sort, decoded.before, 'before') : null;
  // Counts and existence checks run only when the selection asks for what they answer; the
  // direction of travel is answered by the one extra row each page reads.
  const wantsRowsBefore = afterCondition !== null && needs.hasPreviousPage;
  const wantsRowsAfter = beforeCondition !== null && needs.hasNextPage;
  const wantsFacts = needs.totalCount || wantsRowsBefore || wantsRowsAfter;

  const nested = parents !== null;
  const parentRef = nested ? sql`par.parent` : null;
  const base = and(baseConditions(ctx, source, parentRef));
  const pageWhere = and([base, ...[afterCondition, beforeCondition].filter((part): part is SQL => part !== null)]);
  const order = orderBy(source.sort, backward);
  const { from } = source.relation;
  // Rows carry their sort keys only when a cursor is selected.
  const keys = needs.cursors ? sql`, ${sortKeyColumns(source.sort)}` : sql``;
  const page = sql`select ${source.select}${keys}, row_number() over (order by ${order}) as "__rn"
      from ${from} where ${pageWhere} order by ${order} limit ${window.limit + 1}`;
  const facts = sql`select
        ${needs.totalCount ? sql`(select count(*)::int from ${from} where ${base})` : sql`0`} as "__total",
        ${wantsRowsBefore ? sql`exists(select 1 from ${from} where ${base} and not ${afterCondition})` : sql`false`} as "__rows_before",
        ${wantsRowsAfter ? sql`exists(select 1 from ${from} where ${base} and not ${beforeCondition})` : sql`false`} as "__rows_after"
      -- OFFSET 0 keeps the planner from pulling these subqueries up into the outer select, where
      -- they would run once per row of the page instead of once per parent.
      offset 0`;
  // Parents go in as one JSON parameter and come back as their position in it.
  const parentsFrom = nested
    ? sql`(select parent, ord::int from jsonb_array_elements_text(${JSON.stringify(valid)}::jsonb) with ordinality as e(parent, ord)) par`
    : sql`(select null::text as parent, 1 as ord) par`;
  const statement = wantsFacts
    ? sql`${label(source.name)} select par.ord as "__parent", facts.*, p.* from ${parentsFrom}
        cross join lateral (${facts}) facts left join lateral (${page}) p on true order by par.ord, p."__rn"`
    : sql`${label(source.name)} select par.ord as "__parent", p.* from ${parentsFrom}
        cross join lateral (${page}) p order by par.ord, p."__rn"`;

  const grouped: RawRow[][] = valid.map(() => []);
  const factsOf: (RawRow | undefined)[] = [];
  for (const row of await ctx.database.rows<RawRow>(statement, ctx.db)) {
    const at = Number(row.__parent) - 1;
    factsOf[at] = row;
    if (row.__rn != null) grouped[at]!.push(row);
  }

  for (const [at, parent] of valid.entries()) {
    const fetched = grouped[at]!;
    const fact = factsOf[at];
    const extra = fetched.length > window.limit;
    const rows = extra ? fetched.slice(0, window.limit) : fetched;
    if (backward) rows.reverse();
    const rowsBefore = fact?.__rows_before === true;
    const rowsAfter = fact?.__rows_after === true;
    let scope: string | undefined;
    const cursorOf = (row: RawRow) =>
      ctx.cursors.encode((scope ??= cursorScope(ctx, source, parent)), source.sort.map((_, i) => String(row[`__k${i}`])));
    const pageInfo = new LazyPageInfo(backward ? rowsAfter : extra || rowsAfter, backward ? extra || rowsBefore : rowsBefore, rows, cursorOf);
    results.set(parent, new Page(rows.map(source.toNode), rows, cursorOf, pageInfo, Number(fact?.__total ?? 0)));
  }
  return results;
}

/** One cursor-form page of a top-level list. */
export async function fetchConnection<Node>(
  ctx: Context,
  source: ListSource<Node>,
  args: ConnectionArgs,
  needs: ListNeeds,
): Promise<Connection<Node>> {
  const result = (await fetchConnections(ctx, source, null, args, needs)).get(null)!;
  if (result instanceof Error) throw result;
  return result;
}

/** One page-form page of a top-level list: rows at an offset, with exact page facts when asked for. */
export async function fetchOffsetPage<Node>(
  ctx: Context,
  source: ListSource<Node>,
  request: PageRequest,
  needs: ListNeeds,
): Promise<OffsetPage<Node>> {
  const offset = (request.page - 1) * request.perPage;
  const where = and(baseConditions(ctx, source, null));
  const order = orderBy(source.sort, false);
  const { from } = source.relation;
  const page = sql`select ${source.select}, row_number() over (order by ${order}) as "__rn"
      from ${from} where ${where} order by ${order} limit ${request.perPage} offset ${offset}`;
  const rows = await ctx.database.rows<RawRow>(
    needs.pageFacts
      ? sql`${label(source.name)} select facts.*, p.* from (select count(*)::int as "__total" from ${from} where ${where}) facts
          left join lateral (${page}) p on true order by p."__rn"`
      : sql`${label(source.name)} ${page}`,
    ctx.db,
  );
  const totalCount = Number(rows[0]?.__total ?? 0);
  const items = rows.filter((row) => row.__rn != null);
  const totalPages = Math.ceil(totalCount / request.perPage);
  return {
    items: items.map(source.toNode),
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
