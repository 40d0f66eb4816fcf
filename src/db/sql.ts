/** SQL fragments every layer that writes statements shares. */
import { sql, type SQL } from 'drizzle-orm';

/**
 * A list of texts as one bind parameter, however long (PostgreSQL allows 65,535 parameters).
 * Compare with `= any(textArray(…))`: an index condition, where `in (select …)` let the planner
 * of a freshly loaded table scan every row of the merchant once per value.
 */
export const textArray = (values: readonly string[]): SQL =>
  sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
