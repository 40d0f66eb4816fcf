/**
 * `Trace`: one status change or message from the order-traces upstream, as a `HistoryEvent`.
 */
import { sql } from 'drizzle-orm';
import { traces, type TraceRow } from '../../db/schema.js';
import { builder } from '../builder.js';
import { HistoryEventRef, registerHistoryKind, type HistoryNode } from '../history/event.js';
import { formatInstant } from '../history/format.js';
import { tableColumns, type RowShape, type Served } from '../pagination/columns.js';

export type TraceNode = HistoryNode<Served<TraceRow>>;
type Row = TraceNode['row'];
type Key = Exclude<keyof TraceRow, 'merchantId' | 'raw'>;

const sender: Key[] = ['senderPersonId', 'senderFirstName', 'senderLastName', 'senderCompanyId', 'senderCompanyName'];

export const TRACE_SHAPE: RowShape<Key> = {
  columns: tableColumns(traces, 't', ['merchantId', 'raw']),
  always: [],
  fields: {
    id: ['id'],
    occurredAt: ['date'],
    date: ['date'],
    actor: ['senderPersonId', 'senderFirstName', 'senderLastName'],
    summary: ['statusTitle', 'senderPersonId', 'senderFirstName', 'senderLastName', 'message', 'deadline'],
    order: ['orderId'],
    message: ['message'],
    status: ['status'],
    statusTitle: ['statusTitle'],
    deadline: ['deadline'],
    sender,
  },
};

/** "First Last"; null once upstream deleted the person (it then nulls every name). */
function senderName(row: Row): string | null {
  const name = [row.senderFirstName, row.senderLastName].filter((part) => part).join(' ');
  return name || null;
}

function summary(row: Row): string {
  const name = senderName(row) ?? (row.senderPersonId != null ? `person ${row.senderPersonId} (deleted)` : null);
  const head = name ? `${row.statusTitle} — ${name}` : row.statusTitle;
  const body = row.message || (row.deadline ? `Deadline → ${formatInstant(row.deadline)}` : null);
  return body ? `${head}: ${body}` : head;
}

export const TRACE_KIND = registerHistoryKind<Row>({
  source: 'TRACE',
  relation: { from: sql`${traces} t`, merchant: sql`t.merchant_id` },
  orderColumn: sql`t.order_id`,
  writtenSeq: sql`t.written_seq`,
  occurredAtKey: 'date',
  sortId: sql`t.id`,
  shape: TRACE_SHAPE,
  typeName: () => 'Trace',
  id: (row) => row.id,
  occurredAt: (row) => row.date,
  orderId: (row) => row.orderId,
  actor: (row) => (row.senderPersonId != null ? { kind: 'USER', id: String(row.senderPersonId), name: senderName(row) } : null),
  summary,
});

const TraceSenderRef = builder.objectRef<Row>('TraceSender').implement({
  description: 'Who sent a trace; all but `personId` are null once the person is deleted.',
  fields: (t) => ({
    personId: t.int({ nullable: true, description: 'Upstream `pid`: the person, kept after deletion.', resolve: (r) => r.senderPersonId }),
    firstName: t.string({ nullable: true, description: 'Upstream `pfname`.', resolve: (r) => r.senderFirstName }),
    lastName: t.string({ nullable: true, description: 'Upstream `plname`.', resolve: (r) => r.senderLastName }),
    companyId: t.int({ nullable: true, description: "Upstream `cid`: the sender's company.", resolve: (r) => r.senderCompanyId }),
    companyName: t.string({ nullable: true, description: 'Upstream `cname`.', resolve: (r) => r.senderCompanyName }),
  }),
});

const hasSender = (r: Row) =>
  [r.senderPersonId, r.senderFirstName, r.senderLastName, r.senderCompanyId, r.senderCompanyName].some((v) => v != null);

export const TraceRef = builder.objectRef<TraceNode>('Trace').implement({
  description: 'A status change or message on the order, from the order-traces upstream.',
  interfaces: [HistoryEventRef],
  fields: (t) => ({
    date: t.field({ type: 'DateTime', description: 'When it was posted.', resolve: (e) => e.row.date }),
    message: t.string({ nullable: true, description: 'The message, if any.', resolve: (e) => e.row.message }),
    status: t.int({ description: 'The order status at the time (upstream number).', resolve: (e) => e.row.status }),
    statusTitle: t.string({ description: 'Upstream `statust`.', resolve: (e) => e.row.statusTitle }),
    deadline: t.field({ type: 'DateTime', nullable: true, description: 'The order deadline at the time.', resolve: (e) => e.row.deadline }),
    sender: t.field({ type: TraceSenderRef, nullable: true, description: 'Who sent it.', resolve: (e) => (hasSender(e.row) ? e.row : null) }),
  }),
});
