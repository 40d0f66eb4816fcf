/**
 * Reads scoped to the caller's merchant by construction: a relation names its merchant column and
 * every statement built here adds `= <the key's merchant>` to it, so no list or loader can forget
 * it. The pagination module scopes its statements the same way.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Context } from '../context.js';

/** Where rows come from: the FROM clause and its merchant column. */
export interface Relation {
  from: SQL;
  merchant: SQL;
}

/** A leading comment naming the statement in logs, `pg_stat_statements` and captured-SQL tests. */
export const label = (name: string): SQL => sql.raw(`/* ${name.replace(/\*\//g, '')} */`);

export const merchantCondition = (ctx: Context, relation: Relation): SQL =>
  sql`${relation.merchant} = ${ctx.principal.merchantId}`;

/** `select <select> from <relation> where <merchant> and <where…> [order by …]`, labelled `name`. */
export function scopedRows<T>(
  ctx: Context,
  name: string,
  relation: Relation,
  select: SQL,
  where: readonly SQL[],
  order?: SQL,
): Promise<T[]> {
  const conditions = sql.join([merchantCondition(ctx, relation), ...where], sql` and `);
  return ctx.database.rows<T>(
    sql`${label(name)} select ${select} from ${relation.from} where ${conditions}${order ? sql` order by ${order}` : sql``}`,
    ctx.db,
  );
}

export { textArray } from '../db/sql.js';
