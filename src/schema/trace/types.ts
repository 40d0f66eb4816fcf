/**
 * `Trace`: one status change or message from the order-traces upstream, as a `HistoryEvent`.
 */
import type { TraceRow } from '../../db/schema.js';
import { builder } from '../builder.js';
import { HistoryEventRef, type HistoryEventBase } from '../history/event.js';
import { formatInstant } from '../history/format.js';

export interface TraceEvent extends HistoryEventBase {
  row: TraceRow;
}

/** "First Last"; null once upstream deleted the person (it then nulls every name). */
function senderName(row: TraceRow): string | null {
  const name = [row.senderFirstName, row.senderLastName].filter((part) => part).join(' ');
  return name || null;
}

function summary(row: TraceRow): string {
  const name = senderName(row) ?? (row.senderPersonId != null ? `person ${row.senderPersonId} (deleted)` : null);
  const head = name ? `${row.statusTitle} — ${name}` : row.statusTitle;
  const body = row.message || (row.deadline ? `Deadline → ${formatInstant(row.deadline)}` : null);
  return body ? `${head}: ${body}` : head;
}

export function traceEvent(row: TraceRow): TraceEvent {
  return {
    typeName: 'Trace',
    source: 'TRACE',
    id: row.id,
    occurredAt: row.date,
    orderId: row.orderId,
    actor: row.senderPersonId != null ? { kind: 'USER', id: String(row.senderPersonId), name: senderName(row) } : null,
    summary: summary(row),
    row,
  };
}

const TraceSenderRef = builder.objectRef<TraceRow>('TraceSender').implement({
  description: 'Who sent a trace; all but `personId` are null once the person is deleted.',
  fields: (t) => ({
    personId: t.int({ nullable: true, resolve: (r) => r.senderPersonId }),
    firstName: t.string({ nullable: true, resolve: (r) => r.senderFirstName }),
    lastName: t.string({ nullable: true, resolve: (r) => r.senderLastName }),
    companyId: t.int({ nullable: true, resolve: (r) => r.senderCompanyId }),
    companyName: t.string({ nullable: true, resolve: (r) => r.senderCompanyName }),
  }),
});

const hasSender = (r: TraceRow) =>
  [r.senderPersonId, r.senderFirstName, r.senderLastName, r.senderCompanyId, r.senderCompanyName].some((v) => v != null);

export const TraceRef = builder.objectRef<TraceEvent>('Trace').implement({
  description: 'A status change or message on the order, from the order-traces upstream.',
  interfaces: [HistoryEventRef],
  fields: (t) => ({
    date: t.field({ type: 'DateTime', resolve: (e) => e.row.date }),
    message: t.string({ nullable: true, resolve: (e) => e.row.message }),
    status: t.int({ description: 'The order status at the time (upstream number).', resolve: (e) => e.row.status }),
    statusTitle: t.string({ description: 'Upstream `statust`.', resolve: (e) => e.row.statusTitle }),
    deadline: t.field({ type: 'DateTime', nullable: true, description: 'The order deadline at the time.', resolve: (e) => e.row.deadline }),
    sender: t.field({ type: TraceSenderRef, nullable: true, resolve: (e) => (hasSender(e.row) ? e.row : null) }),
  }),
});
