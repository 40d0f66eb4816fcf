/** Status history (`/rest/orders/status-history` and the per-order list) → `status_history` rows. */
import type { Db } from '../db/client.js';
import { statusHistory, type NewStatusHistory } from '../db/schema.js';
import { normaliseBody, type BodyShape } from './body.js';
import { at } from './errors.js';
import { syncStatusHistory } from './sync/status-history.js';
import type { Upstream } from './upstream.js';
import { canonical, lastByKey, upsert } from './write.js';
import { dateTime, id, integer, number, object, optInt32, optString, storableJson } from './values.js';

/** The `--source` name: also the snapshot folder, checkpoint key and `order-links` system. */
const SOURCE = 'status-history';

/** `orderId` is still the upstream order id here (as is `upstreamOrderId`): the writer resolves it. */
export type StatusHistoryInput = Omit<NewStatusHistory, 'merchantId'>;

/**
 * Accepts the list envelope `{"page": 1, ..., "entries": [...]}` (paths `entries[3].createdAt`) and
 * the per-order bare array `[{...}]` (paths `[3].createdAt`).
 */
export const statusHistoryShape: BodyShape<StatusHistoryInput> = {
  recordsKey: 'entries',
  bareArray: true,
  record: (raw, path) => normaliseEntry(raw, path),
};

export const normaliseStatusHistoryBody = (body: unknown): StatusHistoryInput[] =>
  normaliseBody(statusHistoryShape, body);

function normaliseEntry(raw: unknown, path: string): StatusHistoryInput {
  const o = object(raw, path);
  const p = (key: string) => at(path, key);
  const upstreamOrderId = id(o.orderId, p('orderId'));
  return {
    id: integer(o.id, p('id')),
    orderId: upstreamOrderId,
    upstreamOrderId,
    statusId: number(o.statusId, p('statusId')),
    createdAt: dateTime(o.createdAt, p('createdAt')),
    userId: optInt32(o.userId, p('userId')),
    procedureText: optString(o.procedureText, p('procedureText')),
    raw: storableJson(o, path),
  };
}

export async function writeStatusHistory(db: Db, merchantId: string, input: StatusHistoryInput[]): Promise<number> {
  const rows = await canonical(db, merchantId, SOURCE, lastByKey(input, (row) => String(row.id)));
  return upsert(db, statusHistory, [statusHistory.merchantId, statusHistory.id], rows);
}

export const statusHistoryUpstream = {
  name: SOURCE,
  shape: () => statusHistoryShape,
  write: writeStatusHistory,
  linked: [statusHistory],
  sync: { path: '/rest/orders/status-history', run: syncStatusHistory },
} as const satisfies Upstream<StatusHistoryInput>;
