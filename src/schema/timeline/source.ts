/**
 * The four history tables as one relation, `tl(source, id, occurred_at, merchant_id, order_id,
 * row)`, so the timeline is one keyset list in SQL like any other. `id` is text that sorts like
 * the upstream id within its source: numeric ids are zero-padded, and a change's entity is
 * appended because order and pack changes number separately. `row` is the whole table row as
 * jsonb, mapped back to each source's own event object.
 */
import { sql, type SQL } from 'drizzle-orm';
import { mapJsonRow } from '../../db/rows.js';
import { actionLogs, historyChanges, statusHistory, traces } from '../../db/schema.js';
import { actionLogEvent } from '../action-log/event.js';
import { historyChangeEvent } from '../history-change/types.js';
import type { HistoryEventBase, HistorySource } from '../history/event.js';
import { statusHistoryEvent } from '../status-history/types.js';
import { traceEvent } from '../trace/types.js';
import type { RawRow } from '../pagination/query.js';

export const timelineFrom: SQL = sql`(
  select 'ACTION_LOG'::text as source, a.id as id, a.created_at as occurred_at, a.merchant_id, a.order_id, to_jsonb(a) as row
    from ${actionLogs} a
  union all
  select 'STATUS_HISTORY', lpad(s.id::text, 20, '0'), s.created_at, s.merchant_id, s.order_id, to_jsonb(s)
    from ${statusHistory} s
  union all
  select 'CHANGE_HISTORY', lpad(c.id::text, 20, '0') || ':' || c.entity, c.created_at, c.merchant_id, c.order_id, to_jsonb(c)
    from ${historyChanges} c
  union all
  select 'TRACE', t.id, t.date, t.merchant_id, t.order_id, to_jsonb(t)
    from ${traces} t
) tl`;

const toEvent: Record<HistorySource, (json: Record<string, unknown>) => HistoryEventBase> = {
  ACTION_LOG: (json) => actionLogEvent(mapJsonRow(actionLogs, json)),
  STATUS_HISTORY: (json) => statusHistoryEvent(mapJsonRow(statusHistory, json)),
  CHANGE_HISTORY: (json) => historyChangeEvent(mapJsonRow(historyChanges, json)),
  TRACE: (json) => traceEvent(mapJsonRow(traces, json)),
};

export function timelineEvent(row: RawRow): HistoryEventBase {
  // Drivers differ in whether raw jsonb arrives parsed; accept text too.
  const json = typeof row.row === 'string' ? JSON.parse(row.row) : row.row;
  return toEvent[row.source as HistorySource](json as Record<string, unknown>);
}
