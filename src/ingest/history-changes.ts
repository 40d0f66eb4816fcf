/** Change history (`/api/v5/orders/history` and kin) → `history_changes` rows. */
import type { NewHistoryChange } from '../db/schema.js';
import { normaliseBody, type BodyShape } from './body.js';
import { IngestError, at } from './errors.js';
import { dateTime, id, integer, object, optBoolean, optId, optObject, storableJson, string } from './values.js';
import type { JsonObject } from './values.js';

export type HistoryEntity = 'order' | 'customer' | 'pack';
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

export const HISTORY_ENTITIES: readonly HistoryEntity[] = ['order', 'customer', 'pack'];

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
