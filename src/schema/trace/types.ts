/**
 * `Trace`: one status change or message from the order-traces upstream, as a `HistoryEvent`.
 */
import { sql } from 'drizzle-orm';
import type { TraceSenderJson } from '../../db/json.js';
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
    senders: [...sender, 'senders'],
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

const TraceSenderRef = builder.objectRef<TraceSenderJson>('TraceSender').implement({
  description: 'Who sent a trace; all but `personId` are null once the person is deleted.',
  fields: (t) => ({
    personId: t.exposeInt('personId', { nullable: true, description: 'Upstream `pid`: the person, kept after deletion.' }),
    firstName: t.exposeString('firstName', { nullable: true, description: 'Upstream `pfname`.' }),
    lastName: t.exposeString('lastName', { nullable: true, description: 'Upstream `plname`.' }),
    companyId: t.exposeInt('companyId', { nullable: true, description: "Upstream `cid`: the sender's company." }),
    companyName: t.exposeString('companyName', { nullable: true, description: 'Upstream `cname`.' }),
  }),
});

/** The first sender, from its columns; null when upstream sent none. */
function firstSender(r: Row): TraceSenderJson | null {
  const sender = {
    personId: r.senderPersonId,
    firstName: r.senderFirstName,
    lastName: r.senderLastName,
    companyId: r.senderCompanyId,
    companyName: r.senderCompanyName,
  };
  return Object.values(sender).some((v) => v != null) ? sender : null;
}

export const TraceRef = builder.objectRef<TraceNode>('Trace').implement({
  description: 'A status change or message on the order, from the order-traces upstream.',
  interfaces: [HistoryEventRef],
  fields: (t) => ({
    date: t.field({ type: 'DateTime', description: 'When it was posted.', resolve: (e) => e.row.date }),
    message: t.string({ nullable: true, description: 'The message, if any.', resolve: (e) => e.row.message }),
    status: t.int({ description: 'The order status at the time (upstream number).', resolve: (e) => e.row.status }),
    statusTitle: t.string({ description: 'Upstream `statust`.', resolve: (e) => e.row.statusTitle }),
    deadline: t.field({ type: 'DateTime', nullable: true, description: 'The order deadline at the time.', resolve: (e) => e.row.deadline }),
    sender: t.field({
      type: TraceSenderRef,
      nullable: true,
      description: 'Who sent it (the first sender, when upstream sent several).',
      resolve: (e) => firstSender(e.row),
    }),
    senders: t.field({
      type: [TraceSenderRef],
      description: 'Every sender upstream sent, in its order (it types `sender` as a list but usually sends one object).',
      resolve: (e) => {
        const first = firstSender(e.row);
        return e.row.senders ?? (first ? [first] : []);
      },
    }),
  }),
});
