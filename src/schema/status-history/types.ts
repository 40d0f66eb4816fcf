/**
 * `StatusHistoryEntry`: one upstream status-history entry as a `HistoryEvent`.
 */
import type { StatusHistoryRow } from '../../db/schema.js';
import { builder } from '../builder.js';
import { HistoryEventRef, type HistoryEventBase } from '../history/event.js';

export interface StatusHistoryEvent extends HistoryEventBase {
  row: StatusHistoryRow;
}

function summary(row: StatusHistoryRow): string {
  const by = row.userId != null ? ` (by user ${row.userId})` : '';
  return `Status ${row.statusId}${by}${row.procedureText ? `: ${row.procedureText}` : ''}`;
}

export function statusHistoryEvent(row: StatusHistoryRow): StatusHistoryEvent {
  return {
    typeName: 'StatusHistoryEntry',
    source: 'STATUS_HISTORY',
    id: String(row.id),
    occurredAt: row.createdAt,
    orderId: row.orderId,
    // Upstream names only a user; an entry without one has no known actor.
    actor: row.userId != null ? { kind: 'USER', id: String(row.userId), name: null } : null,
    summary: summary(row),
    row,
  };
}

export const StatusHistoryEntryRef = builder.objectRef<StatusHistoryEvent>('StatusHistoryEntry').implement({
  description: 'A status the order entered, from the status-history upstream.',
  interfaces: [HistoryEventRef],
  fields: (t) => ({
    orderId: t.id({ description: "The order's canonical id.", resolve: (e) => e.row.orderId }),
    upstreamOrderId: t.id({ description: 'The order id as status history names it.', resolve: (e) => e.row.upstreamOrderId }),
    statusId: t.float({ resolve: (e) => e.row.statusId }),
    createdAt: t.field({ type: 'DateTime', resolve: (e) => e.row.createdAt }),
    userId: t.int({ nullable: true, resolve: (e) => e.row.userId }),
    procedureText: t.string({ nullable: true, resolve: (e) => e.row.procedureText }),
  }),
});
