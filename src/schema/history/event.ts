/**
 * `HistoryEvent`: what every history record of every source has in common. Each source maps its
 * rows to an object that extends `HistoryEventBase`, so the interface's fields resolve the same
 * way for all of them and `typeName` tells GraphQL which member type a record is.
 */
import { builder } from '../builder.js';
import { orderById } from '../order/loaders.js';
import { OrderRef } from '../order/types.js';

export const HISTORY_SOURCES = ['ACTION_LOG', 'STATUS_HISTORY', 'CHANGE_HISTORY', 'TRACE'] as const;
export type HistorySource = (typeof HISTORY_SOURCES)[number];

export const HistorySourceRef = builder.enumType('HistorySource', {
  description: 'The upstream a history record comes from.',
  values: HISTORY_SOURCES,
});

export const ACTOR_KINDS = ['USER', 'CUSTOMER', 'SYSTEM', 'API', 'APPLICATION', 'UNKNOWN'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export interface Actor {
  kind: ActorKind;
  id: string | null;
  name: string | null;
}

const ActorKindRef = builder.enumType('ActorKind', { values: ACTOR_KINDS });

export const ActorRef = builder.objectRef<Actor>('Actor').implement({
  description: 'Who or what caused a history record, mapped from each source (performer, user, API key, sender).',
  fields: (t) => ({
    kind: t.field({ type: ActorKindRef, resolve: (a) => a.kind }),
    id: t.exposeString('id', { nullable: true }),
    name: t.exposeString('name', { nullable: true }),
  }),
});

export interface HistoryEventBase {
  /** The GraphQL object type of this record. */
  typeName: string;
  source: HistorySource;
  id: string;
  occurredAt: Date;
  /** Canonical id of the order the record belongs to, if any. */
  orderId: string | null;
  actor: Actor | null;
  summary: string;
}

export const HistoryEventRef = builder.interfaceRef<HistoryEventBase>('HistoryEvent').implement({
  description: 'A history record from any source.',
  resolveType: (event) => event.typeName,
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Unique within its type and merchant.' }),
    occurredAt: t.field({ type: 'DateTime', resolve: (e) => e.occurredAt }),
    source: t.field({ type: HistorySourceRef, resolve: (e) => e.source }),
    actor: t.field({ type: ActorRef, nullable: true, resolve: (e) => e.actor }),
    summary: t.string({
      description: 'One human-readable line.',
      // Upstream text (messages, procedure texts) may carry line breaks; a summary stays one line.
      resolve: (e) => e.summary.replace(/\s+/g, ' ').trim(),
    }),
    order: t.field({
      type: OrderRef,
      nullable: true,
      description: 'The order the record belongs to; null when the key may not see it.',
      resolve: (e, _args, ctx) => (e.orderId ? orderById(ctx).load(e.orderId) : null),
    }),
  }),
});
