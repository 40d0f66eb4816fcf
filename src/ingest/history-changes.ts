/** Change history (`/api/v5/orders/history` and kin) → `history_changes` rows. */
import type { Db } from '../db/client.js';
import { historyChanges, type NewHistoryChange } from '../db/schema.js';
import { normaliseBody, type BodyShape } from './body.js';
import { IngestError, at } from './errors.js';
import { syncHistoryChanges } from './sync/history-changes.js';
import { HISTORY_ENTITIES, type HistoryEntity, type Upstream } from './upstream.js';
import { lastByKey, resolveOrderIds, upsert } from './write.js';
import { dateTime, id, integer, object, optBoolean, optId, optObject, storableJson, string } from './values.js';
import type { JsonObject } from './values.js';

/** The `--source` name: also the snapshot folder, checkpoint key and `order-links` system. */
const SOURCE = 'history-changes';

export { HISTORY_ENTITIES, type HistoryEntity } from './upstream.js';
/** `orderId` is still the upstream order id here (as is `upstreamOrderId`): the writer resolves it. */
export type HistoryChangeInput = Omit<NewHistoryChange, 'merchantId'> & { entity: HistoryEntity };

/** `{"success": true, "history": [...], "pagination": {...}}`; paths read `history[3].createdAt`. */
export function historyChangesShape(entity: HistoryEntity): BodyShape<HistoryChangeInput> {
  return {
    recordsKey: 'history',
    envelope: (o) => {
      if (o.success !== undefined && o.success !== true) throw new IngestError('success', 'not true');
    },
    record: (raw, path) => normaliseChange(raw, path, entity),
  };
}

export const normaliseHistoryChangesBody = (body: unknown, entity: HistoryEntity): HistoryChangeInput[] =>
  normaliseBody(historyChangesShape(entity), body);

/** `{"v": value}` keeps a JSON null apart from an absent value, which is SQL NULL. */
const boxed = (record: JsonObject, key: string, path: string) =>
  key in record ? { v: storableJson(record[key], at(path, key)) } : null;

function normaliseChange(raw: unknown, path: string, entity: HistoryEntity): HistoryChangeInput {
  const o = object(raw, path);
  const p = (key: string) => at(path, key);
  const subjectKey = entity === 'customer' ? 'customer' : 'order';
  // Order and pack changes name their order; a customer change names its customer, if anything.
  const subject = entity === 'customer' ? optObject(o.customer, p('customer')) : object(o.order, p('order'));
  const upstreamOrderId = entity === 'customer' ? null : id(subject?.id, at(p(subjectKey), 'id'));
  const user = optObject(o.user, p('user'));
  const apiKey = optObject(o.apiKey, p('apiKey'));
  return {
    id: integer(o.id, p('id')),
    entity,
    orderId: upstreamOrderId,
    upstreamOrderId,
    subject,
    // A pack change also names its pack; other entities have none.
    pack: entity === 'pack' ? optObject(o.pack, p('pack')) : null,
    field: string(o.field, p('field')),
    oldValue: boxed(o, 'oldValue', path),
    newValue: boxed(o, 'newValue', path),
    // Kept as sent (api/code/user/rule/combine/split): an unknown source must not refuse the record.
    source: string(o.source, p('source')),
    userId: optId(user?.id, at(p('user'), 'id')),
    apiKey: apiKey && (optBoolean(apiKey.current, at(p('apiKey'), 'current')), storableJson(apiKey, p('apiKey'))),
    combinedTo: optObject(o.combinedTo, p('combinedTo')),
    ancestor: optObject(o.ancestor, p('ancestor')),
    createdAt: dateTime(o.createdAt, p('createdAt')),
    raw: storableJson(o, path),
  };
}

export async function writeHistoryChanges(db: Db, merchantId: string, input: HistoryChangeInput[]): Promise<number> {
  const unique = lastByKey(input, (row) => `${row.entity}:${row.id}`);
  const ids = await resolveOrderIds(
    db,
    merchantId,
    SOURCE,
    unique.flatMap((row) => (row.upstreamOrderId ? [row.upstreamOrderId] : [])),
  );
  const rows = unique.map((row) => ({
    ...row,
    merchantId,
    orderId: row.upstreamOrderId ? (ids.get(row.upstreamOrderId) ?? row.upstreamOrderId) : null,
  }));
  return upsert(db, historyChanges, [historyChanges.merchantId, historyChanges.entity, historyChanges.id], rows);
}

/** Order, customer and pack changes come from separate URLs with the same body; only order changes are synced. */
export const historyChangesUpstream = {
  name: SOURCE,
  entities: HISTORY_ENTITIES,
  shape: ({ entity }) => historyChangesShape(entity ?? 'order'),
  write: writeHistoryChanges,
  linked: [historyChanges],
  sync: { path: '/api/v5/orders/history', run: syncHistoryChanges },
} as const satisfies Upstream<HistoryChangeInput>;
