/**
 * `HistoryEvent`: what every history record of every source has in common. A record is a
 * `HistoryNode` — its source and the row columns the operation selected — and each source
 * registers a `HistoryKind` saying how its rows answer the interface's fields, computed only when
 * a field is asked for. The timeline and the live feed read all four kinds through this registry.
 */
import type { SQL } from 'drizzle-orm';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import { builder } from '../builder.js';
import { loadOrder } from '../order/loaders.js';
import { OrderRef } from '../order/types.js';
import type { RowShape } from '../pagination/columns.js';
import type { Relation } from '../scoped.js';

export const HISTORY_SOURCES = ['ACTION_LOG', 'STATUS_HISTORY', 'CHANGE_HISTORY', 'TRACE'] as const;
export type HistorySource = (typeof HISTORY_SOURCES)[number];

export const HistorySourceRef = builder.enumType('HistorySource', {
  description: 'The upstream a history record comes from.',
  values: Object.fromEntries(
    HISTORY_SOURCES.map((source) => [source, { description: `A record of the ${source.toLowerCase().replace('_', ' ')} upstream.` }]),
  ) as Record<HistorySource, { description: string }>,
});

export const ACTOR_KINDS = ['USER', 'CUSTOMER', 'SYSTEM', 'API', 'APPLICATION', 'UNKNOWN'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export interface Actor {
  kind: ActorKind;
  id: string | null;
  name: string | null;
}

const ActorKindRef = builder.enumType('ActorKind', {
  description: 'What kind of actor caused a history record.',
  values: {
    USER: { description: 'A person of the shop (staff), named by a user or person id.' },
    CUSTOMER: { description: 'The customer.' },
    SYSTEM: { description: 'The platform itself: code, rules, merges and splits.' },
    API: { description: 'An API key.' },
    APPLICATION: { description: 'A third-party application.' },
    UNKNOWN: { description: 'Upstream named an actor of a kind this gateway does not know.' },
  },
});

export const ActorRef = builder.objectRef<Actor>('Actor').implement({
  description: 'Who or what caused a history record, mapped from each source (performer, user, API key, sender).',
  fields: (t) => ({
    kind: t.field({ type: ActorKindRef, description: 'What kind of actor it is.', resolve: (a) => a.kind }),
    id: t.exposeString('id', { nullable: true, description: "The actor's upstream id, when upstream names one." }),
    name: t.exposeString('name', { nullable: true, description: "The actor's name, when upstream names one." }),
  }),
});

/** A history record as lists return it: its source and the columns the operation selected. */
export interface HistoryNode<Row = Record<string, unknown>> {
  source: HistorySource;
  row: Row;
}

/** How one source's rows answer `HistoryEvent`. Every function reads only keys its shape lists. */
export interface HistoryKind<Row = any> {
  source: HistorySource;
  /** The table with its alias (`action_logs a`); the columns below are named through the alias. */
  relation: Relation;
  orderColumn: SQL;
  /** The row's number in `history_write_seq`: the order rows were inserted in (the live feed). */
  writtenSeq: SQL;
  /** The shape's key holding when the record happened (`createdAt`, `date`). */
  occurredAtKey: string;
  /** Text that sorts like the upstream id within the source (numbers zero-padded). */
  sortId: SQL;
  shape: RowShape;
  typeName(row: Row): string;
  id(row: Row): string;
  /** ISO 8601 text. */
  occurredAt(row: Row): string;
  orderId(row: Row): string | null;
  actor(row: Row): Actor | null;
  /** Unbroken text; the interface folds white space into one line. */
  summary(row: Row): string;
}

const kinds = new Map<HistorySource, HistoryKind>();

export function registerHistoryKind<Row>(kind: HistoryKind<Row>): HistoryKind<Row> {
  kinds.set(kind.source, kind);
  return kind;
}

export function historyKind(source: HistorySource): HistoryKind {
  const kind = kinds.get(source);
  if (!kind) throw new Error(`no history kind registered for ${source}`);
  return kind;
}

/** The fields of `HistoryEvent` each kind's shape must map. */
export const HISTORY_EVENT_FIELDS = ['id', 'occurredAt', 'source', 'actor', 'summary', 'order'] as const;

const of = (node: HistoryNode) => historyKind(node.source);

/** Upstream text (messages, procedure texts) may carry line breaks; a summary stays one line. */
function oneLine(text: string): string {
  return /\s\s|[^\S ]|^\s|\s$/.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

/** `HistoryEvent.order` and its kin: the order with the columns its own selection reads. */
export const orderOfRecord = (id: string | null, ctx: Context, info: GraphQLResolveInfo) => (id ? loadOrder(ctx, id, info) : null);

export const HistoryEventRef = builder.interfaceRef<HistoryNode>('HistoryEvent').implement({
  description: 'A history record from any source.',
  resolveType: (node) => of(node).typeName(node.row),
  fields: (t) => ({
    id: t.id({ description: 'Unique within its type and merchant.', resolve: (node) => of(node).id(node.row) }),
    occurredAt: t.field({ type: 'DateTime', description: 'When it happened, as its source dates it.', resolve: (node) => of(node).occurredAt(node.row) }),
    source: t.field({ type: HistorySourceRef, description: 'The upstream it comes from.', resolve: (node) => node.source }),
    actor: t.field({ type: ActorRef, nullable: true, description: 'Who or what caused it, when its source says.', resolve: (node) => of(node).actor(node.row) }),
    summary: t.string({
      description: 'One human-readable line.',
      resolve: (node) => oneLine(of(node).summary(node.row)),
    }),
    order: t.field({
      type: OrderRef,
      nullable: true,
      description: 'The order the record belongs to; null when the key may not see it.',
      resolve: (node, _args, ctx, info) => orderOfRecord(of(node).orderId(node.row), ctx, info),
    }),
  }),
});
