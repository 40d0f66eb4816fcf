/** `order-links` bodies: `[{"system": "status-history", "externalId": "416", "orderId": "<canonical id>"}]`. */
import { normaliseBody, type BodyShape } from './body.js';
import { IngestError, at } from './errors.js';
import { id, object, string } from './values.js';
import { LINK_SYSTEMS, type LinkSystem, type OrderLink } from './write.js';

function normaliseLink(raw: unknown, path: string): OrderLink {
  const o = object(raw, path);
  const system = string(o.system, at(path, 'system'));
  if (!(LINK_SYSTEMS as readonly string[]).includes(system)) {
    throw new IngestError(at(path, 'system'), `not one of ${LINK_SYSTEMS.join(', ')}`);
  }
  return {
    system: system as LinkSystem,
    externalId: id(o.externalId, at(path, 'externalId')),
    orderId: id(o.orderId, at(path, 'orderId')),
  };
}

export const orderLinksShape: BodyShape<OrderLink> = { recordsKey: null, record: normaliseLink };

export const normaliseOrderLinksBody = (body: unknown): OrderLink[] => normaliseBody(orderLinksShape, body);
