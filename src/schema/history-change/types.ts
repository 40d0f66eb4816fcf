/**
 * `HistoryChange`: one field-level change from the change-history upstream, as a `HistoryEvent`.
 */
import { sql } from 'drizzle-orm';
import { historyChanges, type HistoryChangeRow } from '../../db/schema.js';
import { builder } from '../builder.js';
import { upstreamEnum } from '../common/upstream-enum.js';
import { HistoryEventRef, registerHistoryKind, type Actor, type HistoryNode } from '../history/event.js';
import { tableColumns, type RowShape, type Served } from '../pagination/columns.js';
import { OrderRef } from '../order/types.js';
import { loadChangeHistoryOrder } from './loaders.js';
import { describeValue, historyValue, HistoryValueRef, type HistoryValue } from './values.js';

export const changeSource = upstreamEnum('ChangeSource', ['api', 'code', 'user', 'rule', 'combine', 'split'] as const, {
  description: 'What made a change: the API, the system (code), a user, a trigger (rule), a merge (combine) or a split.',
});

export const HistoryEntityRef = builder.enumType('HistoryEntity', {
  description: 'What a change history record is about.',
  values: { ORDER: { value: 'order' }, CUSTOMER: { value: 'customer' }, PACK: { value: 'pack' } } as const,
});

/** Ids read as text (bigint), the rest as the table types them. */
export type HistoryChangeNode = HistoryNode<Served<Omit<HistoryChangeRow, 'id'>> & { id: string }>;
type Row = HistoryChangeNode['row'];
type Key = Exclude<keyof HistoryChangeRow, 'merchantId' | 'raw'>;

export const HISTORY_CHANGE_SHAPE: RowShape<Key> = {
  columns: tableColumns(historyChanges, 'hc', ['merchantId', 'raw']),
  always: [],
  fields: {
    id: ['entity', 'id'],
    upstreamId: ['id'],
    occurredAt: ['createdAt'],
    createdAt: ['createdAt'],
    actor: ['source', 'userId'],
    summary: ['field', 'oldValue', 'newValue', 'source'],
    order: ['orderId'],
    entity: ['entity'],
    field: ['field'],
    // The field's documented type decides the value's.
    oldValue: ['oldValue', 'field'],
    newValue: ['newValue', 'field'],
    upstreamOrder: ['entity', 'subject'],
    customer: ['entity', 'subject'],
    pack: ['pack'],
    changeSource: ['source'],
    changeSourceRaw: ['source'],
    user: ['userId'],
    apiKey: ['apiKey'],
    combinedTo: ['combinedTo'],
    ancestor: ['ancestor'],
    upstreamOrderId: ['upstreamOrderId'],
  },
};

type Json = Record<string, unknown>;
const jsonObject = (value: unknown): Json | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
/** An upstream id or code: numbers read as their decimal text. */
const text = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;

function actorOf(row: Row): Actor {
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

function summary(row: Row): string {
  const from = historyValue(row.oldValue, row.field);
  const to = historyValue(row.newValue, row.field);
  const change =
    from && to ? `${describeValue(from)} → ${describeValue(to)}`
    : to ? `set to ${describeValue(to)}`
    : from ? `cleared (was ${describeValue(from)})`
    : 'cleared';
  // The actor already says user/merge/split; it does not tell api, code and rule apart.
  const source = ['api', 'code', 'rule'].includes(row.source) || changeSource.fromUpstream(row.source) === 'UNKNOWN' ? ` (${row.source})` : '';
  return `${row.field}: ${change}${source}`;
}

export const HISTORY_CHANGE_KIND = registerHistoryKind<Row>({
  source: 'CHANGE_HISTORY',
  relation: { from: sql`${historyChanges} hc`, merchant: sql`hc.merchant_id` },
  orderColumn: sql`hc.order_id`,
  writtenSeq: sql`hc.written_seq`,
  occurredAtKey: 'createdAt',
  // Order and pack changes number separately: the entity breaks a tie of ids.
  sortId: sql`lpad(hc.id::text, 20, '0') || ':' || hc.entity`,
  shape: HISTORY_CHANGE_SHAPE,
  typeName: () => 'HistoryChange',
  // Order, customer and pack changes are numbered separately upstream: the entity makes the id unique.
  id: (row) => `${row.entity}:${row.id}`,
  occurredAt: (row) => row.createdAt,
  orderId: (row) => row.orderId,
  actor: actorOf,
  summary,
});

const HistoryUserRef = builder.objectRef<{ id: string }>('HistoryUser').implement({
  description: 'The user who made a change (changes made by a user only).',
  fields: (t) => ({ id: t.exposeID('id', { description: 'The upstream user id.' }) }),
});

const HistoryApiKeyRef = builder.objectRef<{ current: boolean | null }>('HistoryApiKey').implement({
  description: 'The API key a change was made with (changes made through the API only).',
  fields: (t) => ({ current: t.exposeBoolean('current', { nullable: true, description: 'Made under the key the data was fetched with.' }) }),
});

const OrderReferenceRef = builder.objectRef<Json>('OrderReference').implement({
  description: 'An order as change history names it (upstream id, external id, site).',
  fields: (t) => ({
    id: t.id({ nullable: true, description: 'The change-history order id.', resolve: (o) => text(o.id) }),
    externalId: t.string({ nullable: true, description: "The order's external id (`ee-22-xx`).", resolve: (o) => text(o.externalId) }),
    site: t.string({ nullable: true, description: 'The code of the site (shop) the order belongs to.', resolve: (o) => text(o.site) }),
    order: t.field({
      type: OrderRef,
      nullable: true,
      description: 'The order itself; null when it is unknown or the key may not see it.',
      resolve: (o, _args, ctx, info) => (text(o.id) ? loadChangeHistoryOrder(ctx, text(o.id)!, info) : null),
    }),
  }),
});

const OrderAncestorRef = builder.objectRef<Json>('OrderAncestor').implement({
  description: 'The order this one was copied or split from.',
  fields: (t) => ({
    id: t.id({ nullable: true, description: 'The change-history order id.', resolve: (o) => text(o.id) }),
    externalId: t.string({ nullable: true, description: "The ancestor's external id.", resolve: (o) => text(o.externalId) }),
    site: t.string({ nullable: true, description: 'The code of the site (shop) the ancestor belongs to.', resolve: (o) => text(o.site) }),
    managerId: t.id({ nullable: true, description: "The ancestor's manager (upstream user id).", resolve: (o) => text(o.managerId) }),
    status: t.string({ nullable: true, description: 'The status code of the ancestor.', resolve: (o) => text(o.status) }),
    order: t.field({
      type: OrderRef,
      nullable: true,
      description: 'The order itself; null when it is unknown or the key may not see it.',
      resolve: (o, _args, ctx, info) => (text(o.id) ? loadChangeHistoryOrder(ctx, text(o.id)!, info) : null),
    }),
  }),
});

const HistoryCustomerRef = builder.objectRef<Json>('HistoryCustomer').implement({
  description: 'The customer a customer change is about, as change history names it.',
  fields: (t) => ({
    id: t.id({ nullable: true, description: 'The change-history customer id.', resolve: (o) => text(o.id) }),
    externalId: t.string({ nullable: true, description: "The customer's external id.", resolve: (o) => text(o.externalId) }),
    site: t.string({ nullable: true, description: 'The code of the site (shop) the customer belongs to.', resolve: (o) => text(o.site) }),
  }),
});

const HistoryPackRef = builder.objectRef<Json>('HistoryPack').implement({
  description: 'The pack (a shipped part of an order item) a pack change is about, as change history names it.',
  fields: (t) => ({
    id: t.id({ nullable: true, description: 'The change-history pack id.', resolve: (o) => text(o.id) }),
    itemId: t.id({
      nullable: true,
      description: 'The order item the pack belongs to (upstream `pack.item.id`).',
      resolve: (o) => text(jsonObject(o.item)?.id),
    }),
  }),
});

export const HistoryChangeRef = builder.objectRef<HistoryChangeNode>('HistoryChange').implement({
  description: 'A change of one field, from the change-history upstream.',
  interfaces: [HistoryEventRef],
  fields: (t) => ({
    upstreamId: t.id({
      description: "The upstream's id as a decimal string; `sinceId` compares these as numbers.",
      resolve: (e) => e.row.id,
    }),
    entity: t.field({ type: HistoryEntityRef, description: 'What the change is about.', resolve: (e) => e.row.entity }),
    field: t.string({ description: 'The changed field, as upstream names it (`status`, `discount`).', resolve: (e) => e.row.field }),
    oldValue: t.field({
      type: HistoryValueRef,
      nullable: true,
      description: 'The value before; null when upstream sent none.',
      resolve: (e) => historyValue(e.row.oldValue, e.row.field),
    }),
    newValue: t.field({
      type: HistoryValueRef,
      nullable: true,
      description: 'The value after; null when upstream sent none.',
      resolve: (e) => historyValue(e.row.newValue, e.row.field),
    }),
    changeSource: t.field({ type: changeSource.ref, description: 'What made the change.', resolve: (e) => changeSource.fromUpstream(e.row.source)! }),
    changeSourceRaw: t.string({ description: 'Upstream `source` as sent.', resolve: (e) => e.row.source }),
    user: t.field({
      type: HistoryUserRef,
      nullable: true,
      description: 'The user who made it, when upstream names one.',
      resolve: (e) => (e.row.userId != null ? { id: e.row.userId } : null),
    }),
    apiKey: t.field({
      type: HistoryApiKeyRef,
      nullable: true,
      description: 'The API key it was made with, when upstream names one.',
      resolve: (e) => {
        const apiKey = jsonObject(e.row.apiKey);
        return apiKey ? { current: typeof apiKey.current === 'boolean' ? apiKey.current : null } : null;
      },
    }),
    upstreamOrder: t.field({
      type: OrderReferenceRef,
      nullable: true,
      description: 'The order an order or pack change belongs to, as change history names it (id, external id, site); null for a customer change.',
      resolve: (e) => (e.row.entity === 'customer' ? null : jsonObject(e.row.subject)),
    }),
    customer: t.field({
      type: HistoryCustomerRef,
      nullable: true,
      description: 'The customer a customer change is about, as its body names it; null for order and pack changes.',
      resolve: (e) => (e.row.entity === 'customer' ? jsonObject(e.row.subject) : null),
    }),
    pack: t.field({
      type: HistoryPackRef,
      nullable: true,
      description: 'The pack a pack change is about, as its body names it; null for order and customer changes.',
      resolve: (e) => jsonObject(e.row.pack),
    }),
    combinedTo: t.field({ type: OrderReferenceRef, nullable: true, description: 'The order this one was merged into.', resolve: (e) => jsonObject(e.row.combinedTo) }),
    ancestor: t.field({ type: OrderAncestorRef, nullable: true, description: 'The order this one was copied or split from.', resolve: (e) => jsonObject(e.row.ancestor) }),
    upstreamOrderId: t.id({ nullable: true, description: 'The order id as change history names it.', resolve: (e) => e.row.upstreamOrderId }),
    createdAt: t.field({ type: 'DateTime', description: 'When the change was made (upstream `createdAt`, read as UTC).', resolve: (e) => e.row.createdAt }),
  }),
});
