/**
 * `DateTimeRange`: both bounds inclusive, as upstream. A range whose `from` is after its `to` can
 * match nothing and is refused rather than answered with an empty list.
 */
import { sql, type SQL } from 'drizzle-orm';
import { badInput } from '../../errors.js';
import { builder } from '../builder.js';

export interface DateTimeRange {
  from?: Date | null;
  to?: Date | null;
}

export const DateTimeRangeRef = builder.inputType('DateTimeRange', {
  description: 'A span of time; both bounds are inclusive and either may be left out.',
  fields: (t) => ({
    from: t.field({ type: 'DateTime', required: false, description: 'The earliest instant, included.' }),
    to: t.field({ type: 'DateTime', required: false, description: 'The latest instant, included.' }),
  }),
});

/** SQL conditions for `column` within `range`; `argument` names the range in errors. */
export function rangeConditions(column: SQL, range: DateTimeRange | null | undefined, argument: string): SQL[] {
  if (!range) return [];
  const { from, to } = range;
  if (from && to && from.getTime() > to.getTime()) {
    throw badInput(`\`${argument}\`: \`from\` (${from.toISOString()}) is after \`to\` (${to.toISOString()}).`, argument);
  }
  const conditions: SQL[] = [];
  if (from) conditions.push(sql`${column} >= ${from.toISOString()}::timestamptz`);
  if (to) conditions.push(sql`${column} <= ${to.toISOString()}::timestamptz`);
  return conditions;
}
