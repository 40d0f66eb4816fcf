/**
 * `HistoryChange`: one field-level change from the change-history upstream, as a `HistoryEvent`.
 */
import type { HistoryChangeRow } from '../../db/schema.js';
import { builder } from '../builder.js';
import { upstreamEnum } from '../common/upstream-enum.js';
import { HistoryEventRef, type Actor, type HistoryEventBase } from '../history/event.js';
import { OrderRef } from '../order/types.js';
import { orderByChangeHistoryId } from './loaders.js';
import { describeValue, historyValue, HistoryValueRef, type HistoryValue } from './values.js';

export const changeSource = upstreamEnum('ChangeSource', ['api', 'code', 'user', 'rule', 'combine', 'split'] as const, {
  description: 'What made a change: the API, the system (code), a user, a trigger (rule), a merge (combine) or a split.',
});

export const HistoryEntityRef = builder.enumType('HistoryEntity', {
  description: 'What a change history record is about.',
  values: { ORDER: { value: 'order' }, CUSTOMER: { value: 'customer' }, PACK: { value: 'pack' } } as const,
});

export interface HistoryChangeEvent extends HistoryEventBase {
  row: HistoryChangeRow;
  oldValue: HistoryValue | null;
  newValue: HistoryValue | null;
}

type Json = Record<string, unknown>;
const jsonObject = (value: unknown): Json | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
/** An upstream id or code: numbers read as their decimal text. */
const text = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;

function actorOf(row: HistoryChangeRow): Actor {
  switch (changeSource.fromUpstream(row.source)) {
    case 'USER':
      return { kind: 'USER', id: row.userId, name: null };
    case 'API':
      return { kind: 'API', id: null, name: null };
    case 'UNKNOWN':
      return { kind: 'UNKNOWN', id: null, name: null };
    default:
      return { kind: 'SYSTEM', id: null, name: null };
  }
}

function summary(row: HistoryChangeRow, from: HistoryValue | null, to: HistoryValue | null): string {
  const change =
    from && to ? `${describeValue(from)} → ${describeValue(to)}`
    : to ? `set to ${describeValue(to)}`
    : from ? `cleared (was ${describeValue(from)})`
    : 'cleared';
  // The actor already says user/merge/split; it does not tell api, code and rule apart.
  const source = ['api', 'code', 'rule'].includes(row.source) || changeSource.fromUpstream(row.source) === 'UNKNOWN' ? ` (${row.source})` : '';
  return `${row.field}: ${change}${source}`;
}

export function historyChangeEvent(row: HistoryChangeRow): HistoryChangeEvent {
  const oldValue = historyValue(row.oldValue);
  const newValue = historyValue(row.newValue);
  return {
    typeName: 'HistoryChange',
    source: 'CHANGE_HISTORY',
    // Order, customer and pack changes are numbered separately upstream: the entity makes the id unique.
    id: `${row.entity}:${row.id}`,
    occurredAt: row.createdAt,
    orderId: row.orderId,
    actor: actorOf(row),
    summary: summary(row, oldValue, newValue),
    row,
    oldValue,
    newValue,
  };
}

const HistoryUserRef = builder.objectRef<{ id: string }>('HistoryUser').implement({
  fields: (t) => ({ id: t.exposeID('id', { description: 'The upstream user id.' }) }),
});

const HistoryApiKeyRef = builder.objectRef<{ current: boolean | null }>('HistoryApiKey').implement({
  fields: (t) => ({ current: t.exposeBoolean('current', { nullable: true, description: 'Made under the key the data was fetched with.' }) }),
});

const OrderReferenceRef = builder.objectRef<Json>('OrderReference').implement({
  description: 'An order as change history names it (upstream id, external id, site).',
  fields: (t) => ({
    id: t.id({ nullable: true, description: 'The change-history order id.', resolve: (o) => text(o.id) }),
    externalId: t.string({ nullable: true, resolve: (o) => text(o.externalId) }),
    site: t.string({ nullable: true, resolve: (o) => text(o.site) }),
    order: t.field({
      type: OrderRef,
      nullable: true,
      description: 'The order itself; null when it is unknown or the key may not see it.',
      resolve: (o, _args, ctx) => (text(o.id) ? orderByChangeHistoryId(ctx).load(text(o.id)!) : null),
    }),
  }),
});

const OrderAncestorRef = builder.objectRef<Json>('OrderAncestor').implement({
  description: 'The order this one was copied or split from.',
  fields: (t) => ({
    id: t.id({ nullable: true, description: 'The change-history order id.', resolve: (o) => text(o.id) }),
    externalId: t.string({ nullable: true, resolve: (o) => text(o.externalId) }),
    site: t.string({ nullable: true, resolve: (o) => text(o.site) }),
    managerId: t.id({ nullable: true, resolve: (o) => text(o.managerId) }),
    status: t.string({ nullable: true, description: 'The status code of the ancestor.', resolve: (o) => text(o.status) }),
    order: t.field({
      type: OrderRef,
      nullable: true,
      description: 'The order itself; null when it is unknown or the key may not see it.',
      resolve: (o, _args, ctx) => (text(o.id) ? orderByChangeHistoryId(ctx).load(text(o.id)!) : null),
    }),
  }),
});

export const HistoryChangeRef = builder.objectRef<HistoryChangeEvent>('HistoryChange').implement({
  description: 'A change of one field, from the change-history upstream.',
  interfaces: [HistoryEventRef],
  fields: (t) => ({
    upstreamId: t.id({
      description: "The upstream's id as a decimal string; `sinceId` compares these as numbers.",
      resolve: (e) => String(e.row.id),
    }),
    entity: t.field({ type: HistoryEntityRef, resolve: (e) => e.row.entity }),
    field: t.string({ resolve: (e) => e.row.field }),
    oldValue: t.field({ type: HistoryValueRef, nullable: true, description: 'Null when upstream sent none.', resolve: (e) => e.oldValue }),
    newValue: t.field({ type: HistoryValueRef, nullable: true, description: 'Null when upstream sent none.', resolve: (e) => e.newValue }),
    changeSource: t.field({ type: changeSource.ref, resolve: (e) => changeSource.fromUpstream(e.row.source)! }),
    changeSourceRaw: t.string({ description: 'Upstream `source` as sent.', resolve: (e) => e.row.source }),
    user: t.field({
      type: HistoryUserRef,
      nullable: true,
      resolve: (e) => (e.row.userId != null ? { id: e.row.userId } : null),
    }),
    apiKey: t.field({
      type: HistoryApiKeyRef,
      nullable: true,
      resolve: (e) => (jsonObject(jsonObject(e.row.raw)?.apiKey) ? { current: e.row.apiKeyCurrent } : null),
    }),
    combinedTo: t.field({ type: OrderReferenceRef, nullable: true, resolve: (e) => jsonObject(e.row.combinedTo) }),
    ancestor: t.field({ type: OrderAncestorRef, nullable: true, resolve: (e) => jsonObject(e.row.ancestor) }),
    upstreamOrderId: t.id({ nullable: true, description: 'The order id as change history names it.', resolve: (e) => e.row.upstreamOrderId }),
    createdAt: t.field({ type: 'DateTime', resolve: (e) => e.row.createdAt }),
  }),
});
