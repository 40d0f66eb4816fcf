/**
 * Action logs as history records: the `action_logs` columns each field reads, and how a row
 * answers `HistoryEvent` (type, actor, summary), computed only when asked for. The timeline reads
 * action-log rows through the same kind, so both lists show the same records.
 */
import { sql } from 'drizzle-orm';
import { actionLogs, type ActionLogRow } from '../../db/schema.js';
import { registerHistoryKind, type HistoryNode } from '../history/event.js';
import { tableColumns, type RowShape, type Served } from '../pagination/columns.js';
import { readFields, summaryText } from './data.js';
import { ACTION_LOG_MEMBERS, actionLogMember, actionLogTypeName, unknownSummary } from './members.js';
import { actionLogActor } from './performer.js';

export type ActionLogNode = HistoryNode<Served<ActionLogRow>>;
type Key = Exclude<keyof ActionLogRow, 'merchantId' | 'raw'>;

const performer: Key[] = ['performerId', 'performerName', 'performerType', 'performerApplicationId'];
/** Every member's data fields (and a linked order's `…Id`) read `data`. */
const dataFields = Object.fromEntries(
  Object.values(ACTION_LOG_MEMBERS).flatMap((member) =>
    member.fields.flatMap((field) => (field.kind === 'linkedOrder' ? [field.name, `${field.name}Id`] : [field.name])),
  ).map((name) => [name, ['data'] as Key[]]),
);

export const ACTION_LOG_SHAPE: RowShape<Key> = {
  columns: tableColumns(actionLogs, 'a', ['merchantId', 'raw']),
  // The key decides the member type, so every row reads it.
  always: ['key'],
  fields: {
    ...dataFields,
    id: ['id'],
    occurredAt: ['createdAt'],
    createdAt: ['createdAt'],
    actor: performer,
    performer,
    summary: ['data'],
    order: ['orderId'],
    data: ['data'],
  },
};

function summary(row: ActionLogNode['row']): string {
  const key = row.key.trim();
  const member = actionLogMember(key);
  if (!member) return unknownSummary(key);
  if (typeof member.summary === 'string') return member.summary;
  return member.summary(summaryText(member.fields, readFields(member.fields, row.data)));
}

export const ACTION_LOG_KIND = registerHistoryKind<ActionLogNode['row']>({
  source: 'ACTION_LOG',
  relation: { from: sql`${actionLogs} a`, merchant: sql`a.merchant_id` },
  orderColumn: sql`a.order_id`,
  writtenSeq: sql`a.written_seq`,
  occurredAtKey: 'createdAt',
  sortId: sql`a.id`,
  shape: ACTION_LOG_SHAPE,
  typeName: (row) => actionLogTypeName(row.key),
  id: (row) => row.id,
  occurredAt: (row) => row.createdAt,
  orderId: (row) => row.orderId,
  actor: actionLogActor,
  summary,
});
