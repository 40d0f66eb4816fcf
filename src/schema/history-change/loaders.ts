/**
 * Orders that change history names by its own upstream id (`combinedTo`, `ancestor`): resolved
 * through order links (`system = 'history-changes'`), else the id itself, among the caller's
 * merchant's orders only. One statement per request for every link asked for.
 */
import DataLoader from 'dataloader';
import { sql } from 'drizzle-orm';
import { perRequest, type Context } from '../../context.js';
import { mapRow, selectColumns } from '../../db/rows.js';
import { orderRefs, orders } from '../../db/schema.js';
import { primeOrders, UNSERVED_ORDER_COLUMNS, type OrderView } from '../order/loaders.js';

export const orderByChangeHistoryId = perRequest(
  (ctx: Context) =>
    new DataLoader<string, OrderView | null>(async (ids) => {
      const merchantId = ctx.principal.merchantId;
      const rows = await ctx.database.rows<Record<string, unknown>>(
        sql`
          select u.id as "__key", ${selectColumns(orders, 'o', UNSERVED_ORDER_COLUMNS)}
          from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) as u(id)
          left join ${orderRefs} r
            on r.merchant_id = ${merchantId} and r.system = 'history-changes' and r.external_id = u.id
          join ${orders} o on o.merchant_id = ${merchantId} and o.id = coalesce(r.order_id, u.id)`,
        ctx.db,
      );
      const byId = new Map(rows.map((row) => [String(row.__key), mapRow(orders, row) as OrderView]));
      primeOrders(ctx, [...byId.values()]);
      return ids.map((id) => byId.get(id) ?? null);
    }),
);
