/** Action logs (`GET /v1/orders/:id/action_logs`) → `action_logs` rows. */
import type { Db } from '../db/client.js';
import { actionLogs, type NewActionLog } from '../db/schema.js';
import { normaliseBody, type BodyShape } from './body.js';
import { IngestError, at } from './errors.js';
import { syncPerOrder } from './sync/per-order.js';
import { requiredOrderId, type Upstream } from './upstream.js';
import { dateTime, id, object, optString, stableId, storableJson, string } from './values.js';
import { canonical, lastByKey, upsert } from './write.js';

/** The `--source` name: also the snapshot folder, checkpoint key and `order-links` system. */
const SOURCE = 'action-logs';

/**
 * `orderId` is still the upstream order id here: the writer resolves it to the canonical one and
 * keeps the upstream one in `upstreamOrderId`, so a link that arrives later can move the row.
 */
export type ActionLogInput = Omit<NewActionLog, 'merchantId'> & { orderId: string; createdAt: Date };

/** `{"items": [...]}` for the order upstream took from the URL; paths read `items[3].created_at`. */
export function actionLogsShape(upstreamOrderId: string): BodyShape<ActionLogInput> {
  const orderId = id(upstreamOrderId, 'upstreamOrderId');
  return { recordsKey: 'items', record: (raw, path) => normaliseActionLog(raw, path, orderId) };
}

export const normaliseActionLogsBody = (body: unknown, upstreamOrderId: string): ActionLogInput[] =>
  normaliseBody(actionLogsShape(upstreamOrderId), body);

function normaliseActionLog(raw: unknown, path: string, orderId: string): ActionLogInput {
  const o = object(raw, path);
  const p = (key: string) => at(path, key);
  // Upstream documents keys with stray spaces ('updated_delivery_details ').
  const key = string(o.key, p('key')).trim();
  if (key === '') throw new IngestError(p('key'), 'empty');
  const data = storableJson(o.data ?? null, p('data'));
  const createdAt = dateTime(o.created_at, p('created_at'));
  const performerId = optString(o.performer_id, p('performer_id'));
  return {
    // Only what never changes for one log: names and application ids may be edited upstream.
    id: stableId([orderId, key, createdAt.toISOString(), performerId, data]),
    orderId,
    upstreamOrderId: orderId,
    key,
    data,
    createdAt,
    performerId,
    performerName: optString(o.performer_name, p('performer_name')),
    performerType: optString(o.performer_type, p('performer_type')),
    // The response example spells it `performing_application_id`, the key table `performer_application_id`.
    performerApplicationId:
      optString(o.performer_application_id, p('performer_application_id')) ??
      optString(o.performing_application_id, p('performing_application_id')),
    raw: storableJson(o, path),
  };
}

export async function writeActionLogs(db: Db, merchantId: string, input: ActionLogInput[]): Promise<number> {
  const rows = await canonical(db, merchantId, SOURCE, lastByKey(input, (row) => row.id));
  return upsert(db, actionLogs, [actionLogs.merchantId, actionLogs.id], rows);
}

/** At most the 100 newest logs per request, so an import or sync adds and updates, never deletes. */
export const actionLogsUpstream = {
  name: SOURCE,
  perOrder: true,
  shape: (options) => actionLogsShape(requiredOrderId(SOURCE, options)),
  write: writeActionLogs,
  linked: [actionLogs],
  sync: { path: '/v1/orders/:id/action_logs', run: syncPerOrder },
} as const satisfies Upstream<ActionLogInput>;
