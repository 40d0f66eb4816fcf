/**
 * Orders that change history names by its own upstream id (`combinedTo`, `ancestor`): resolved
 * through order links (`system = 'history-changes'`), else the id itself, then read like any
 * order, among the caller's merchant's orders only. One statement per request resolves every link.
 */
import DataLoader from 'dataloader';
import { sql } from 'drizzle-orm';
import type { GraphQLResolveInfo } from 'graphql';
import { perRequest, type Context } from '../../context.js';
import { orderRefs } from '../../db/schema.js';
import { loadOrder } from '../order/loaders.js';
import { scopedRows, textArray, type Relation } from '../scoped.js';

const REFS: Relation = { from: sql`${orderRefs} r`, merchant: sql`r.merchant_id` };

const canonicalIds = perRequest(
  (ctx: Context) =>
    new DataLoader<string, string>(async (ids) => {
      const links = await scopedRows<{ externalId: string; orderId: string }>(
        ctx,
        'HistoryChange.linkedOrders',
        REFS,
        sql`r.external_id as "externalId", r.order_id as "orderId"`,
        [sql`r.system = 'history-changes'`, sql`r.external_id = any(${textArray(ids)})`],
      );
      const byId = new Map(links.map((link) => [link.externalId, link.orderId]));
      return ids.map((id) => byId.get(id) ?? id);
    }),
);

export async function loadChangeHistoryOrder(ctx: Context, upstreamId: string, info: GraphQLResolveInfo) {
  return loadOrder(ctx, await canonicalIds(ctx).load(upstreamId), info);
}
