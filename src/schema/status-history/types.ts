/**
 * `StatusHistoryEntry`: one upstream status-history entry as a `HistoryEvent`.
 */
import { sql } from 'drizzle-orm';
import { statusHistory, type StatusHistoryRow } from '../../db/schema.js';
import { builder } from '../builder.js';
import { HistoryEventRef, registerHistoryKind, type HistoryNode } from '../history/event.js';
import { tableColumns, type RowShape, type Served } from '../pagination/columns.js';

/** Ids read as text (bigint), the rest as the table types them. */
export type StatusHistoryNode = HistoryNode<Served<Omit<StatusHistoryRow, 'id'>> & { id: string }>;
type Row = StatusHistoryNode['row'];
type Key = Exclude<keyof StatusHistoryRow, 'merchantId' | 'raw'>;

export const STATUS_HISTORY_SHAPE: RowShape<Key> = {
  columns: tableColumns(statusHistory, 'sh', ['merchantId', 'raw']),
  always: [],
  fields: {
    id: ['id'],
    occurredAt: ['createdAt'],
    createdAt: ['createdAt'],
    actor: ['userId'],
    summary: ['statusId', 'userId', 'procedureText'],
    order: ['orderId'],
    orderId: ['orderId'],
    upstreamOrderId: ['upstreamOrderId'],
    statusId: ['statusId'],
    userId: ['userId'],
    procedureText: ['procedureText'],
  },
};

function summary(row: Row): string {
  const by = row.userId != null ? ` (by user ${row.userId})` : '';
  return `Status ${row.statusId}${by}${row.procedureText ? `: ${row.procedureText}` : ''}`;
}

export const STATUS_HISTORY_KIND = registerHistoryKind<Row>({
  source: 'STATUS_HISTORY',
  relation: { from: sql`${statusHistory} sh`, merchant: sql`sh.merchant_id` },
  orderColumn: sql`sh.order_id`,
  writtenSeq: sql`sh.written_seq`,
  occurredAtKey: 'createdAt',
  sortId: sql`lpad(sh.id::text, 20, '0')`,
  shape: STATUS_HISTORY_SHAPE,
  typeName: () => 'StatusHistoryEntry',
  id: (row) => row.id,
  occurredAt: (row) => row.createdAt,
  orderId: (row) => row.orderId,
  // Upstream names only a user; an entry without one has no known actor.
  actor: (row) => (row.userId != null ? { kind: 'USER', id: String(row.userId), name: null } : null),
  summary,
});

export const StatusHistoryEntryRef = builder.objectRef<StatusHistoryNode>('StatusHistoryEntry').implement({
  description: 'A status the order entered, from the status-history upstream.',
  interfaces: [HistoryEventRef],
  fields: (t) => ({
    orderId: t.id({ description: "The order's canonical id.", resolve: (e) => e.row.orderId }),
    upstreamOrderId: t.id({ description: 'The order id as status history names it.', resolve: (e) => e.row.upstreamOrderId }),
    statusId: t.float({ description: 'The status entered (upstream `statusId`).', resolve: (e) => e.row.statusId }),
    createdAt: t.field({ type: 'DateTime', description: 'When the order entered the status.', resolve: (e) => e.row.createdAt }),
    userId: t.int({ nullable: true, description: 'The user who set the status, if upstream names one.', resolve: (e) => e.row.userId }),
    procedureText: t.string({ nullable: true, description: 'Upstream `procedureText`: what was done.', resolve: (e) => e.row.procedureText }),
  }),
});
