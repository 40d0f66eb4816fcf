/**
 * `order-links` bodies: `[{"system": "status-history", "externalId": "416", "orderId": "<canonical id>"}]`,
 * how the other upstreams name an order-search order. Not an upstream of its own: an operator's file.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { orderRefs } from '../db/schema.js';
import { normaliseBody, type BodyShape } from './body.js';
import { IngestError, at } from './errors.js';
import type { Upstream } from './upstream.js';
import { id, object, string } from './values.js';
import { textArray } from '../db/sql.js';
import { lastByKey, upsert } from './write.js';

export interface OrderLink {
  /** The `--source` name of the upstream that calls the order `externalId`. */
  system: string;
  externalId: string;
  orderId: string;
}

/** The source whose records are links between `linkable`'s order ids and canonical ones. */
export function orderLinksUpstream(linkable: readonly Upstream[]) {
  const systems = linkable.filter((upstream) => upstream.linked).map((upstream) => upstream.name);

  function normaliseLink(raw: unknown, path: string): OrderLink {
    const o = object(raw, path);
    const system = string(o.system, at(path, 'system'));
    if (!systems.includes(system)) throw new IngestError(at(path, 'system'), `not one of ${systems.join(', ')}`);
    return { system, externalId: id(o.externalId, at(path, 'externalId')), orderId: id(o.orderId, at(path, 'orderId')) };
  }
  const shape: BodyShape<OrderLink> = { recordsKey: null, record: normaliseLink };

  /**
   * Upserts links. History already written under a linked upstream id moves to the linked order, so
   * links and history may arrive in either order.
   */
  async function write(db: Db, merchantId: string, links: OrderLink[]): Promise<number> {
    const rows = lastByKey(links, (link) => `${link.system}\u0000${link.externalId}`);
    await upsert(db, orderRefs, [orderRefs.merchantId, orderRefs.system, orderRefs.externalId], rows.map((link) => ({ ...link, merchantId })));
    for (const upstream of linkable) {
      const externalIds = rows.filter((link) => link.system === upstream.name).map((link) => link.externalId);
      if (externalIds.length === 0) continue;
      for (const table of upstream.linked ?? []) {
        await db.execute(sql`
          update ${table} set order_id = r.order_id
          from ${orderRefs} r
          where r.merchant_id = ${merchantId} and r.system = ${upstream.name} and r.external_id = any(${textArray(externalIds)})
            and ${table}.merchant_id = ${merchantId} and ${table}.upstream_order_id = r.external_id
            and ${table}.order_id is distinct from r.order_id`);
      }
    }
    return rows.length;
  }

  return {
    name: 'order-links',
    shape: () => shape,
    write,
    normaliseBody: (body: unknown): OrderLink[] => normaliseBody(shape, body),
  } as const satisfies Upstream<OrderLink> & { normaliseBody: unknown };
}
