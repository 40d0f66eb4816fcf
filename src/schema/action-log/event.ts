/**
 * Maps an `action_logs` row to the object every action-log type resolves from: the shared
 * `HistoryEvent` facts (type, actor, summary) plus the row and its decoded data fields. The
 * timeline maps action-log rows with `actionLogEvent` too, so both lists show the same records.
 */
import type { ActionLogRow } from '../../db/schema.js';
import type { HistoryEventBase } from '../history/event.js';
import { readFields, summaryText, type FieldValues } from './data.js';
import { actionLogMember, actionLogTypeName, unknownSummary } from './members.js';
import { actionLogActor } from './performer.js';

export { ActionLogRef } from './types.js';

export interface ActionLogEvent extends HistoryEventBase {
  row: ActionLogRow;
  /** The upstream key, trimmed. */
  key: string;
  /** The member's data fields by GraphQL name (see `members.ts`); empty for an unknown key. */
  values: FieldValues;
}

export function actionLogEvent(row: ActionLogRow): ActionLogEvent {
  const key = row.key.trim();
  const member = actionLogMember(key);
  const values = member ? readFields(member.fields, row.data) : {};
  let summary: string;
  if (!member) summary = unknownSummary(key);
  else if (typeof member.summary === 'string') summary = member.summary;
  else summary = member.summary(summaryText(member.fields, values));
  return {
    typeName: actionLogTypeName(key),
    source: 'ACTION_LOG',
    id: row.id,
    occurredAt: row.createdAt,
    orderId: row.orderId,
    actor: actionLogActor(row),
    summary,
    row,
    key,
    values,
  };
}
