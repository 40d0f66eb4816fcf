/**
 * The four history tables as one relation, `tl(source, sort_id, occurred_at, merchant_id,
 * order_id, <columns>)`, so the timeline is one keyset list in SQL like any other. Each member of
 * the union selects only the columns the operation's fields read, under a name prefixed by its
 * source; the other members fill those names with nulls. `sort_id` is text that sorts like the
 * upstream id within its source (see each kind's `sortId`).
 */
import { sql, type SQL } from 'drizzle-orm';
import { historyKind, HISTORY_SOURCES, type HistoryNode, type HistorySource } from '../history/event.js';
import { decodeRow, keysFor, nullList, selectList } from '../pagination/columns.js';
import type { RawRow, SortKey } from '../pagination/query.js';
import type { Relation } from '../scoped.js';

const prefix = (source: HistorySource) => `${source}:`;

export interface HistoryUnion {
  relation: Relation;
  /** The column naming each record's order. */
  order: SQL;
  sort: SortKey[];
  toNode: (row: RawRow) => HistoryNode;
}

/** The union of `sources` (in their fixed order), reading what `fields` need of each kind. */
export function historyUnion(sources: readonly HistorySource[], fields: ReadonlySet<string>): HistoryUnion {
  const kinds = HISTORY_SOURCES.filter((source) => sources.includes(source)).map(historyKind);
  const keys = new Map(kinds.map((kind) => [kind.source, keysFor(kind.shape, fields)]));
  const members = kinds.map((kind) => {
    const columns = kinds.flatMap((other) =>
      other === kind
        ? keys.get(kind.source)!.length ? [selectList(kind.shape, keys.get(kind.source)!, prefix(kind.source))] : []
        : nullList(other.shape, keys.get(other.source)!, prefix(other.source)),
    );
    // A literal, not a parameter: the planner then knows each member's source.
    return sql`select ${sql.raw(`'${kind.source}'`)}::text as source, ${kind.sortId} as sort_id, ${kind.occurredAtColumn} as occurred_at,
        ${kind.relation.merchant} as merchant_id, ${kind.orderColumn} as order_id${sql.join(columns.map((c) => sql`, ${c}`))}
      from ${kind.relation.from}`;
  });
  const union = members.length ? sql.join(members, sql` union all `) : sql`select null::text as source, null::text as sort_id,
      null::timestamptz as occurred_at, null::text as merchant_id, null::text as order_id where false`;
  return {
    relation: { from: sql`(${union}) tl`, merchant: sql`tl.merchant_id` },
    order: sql`tl.order_id`,
    sort: [
      { expr: sql`tl.occurred_at`, direction: 'desc', type: 'timestamptz' },
      { expr: sql`tl.source`, direction: 'asc', type: 'text' },
      { expr: sql`tl.sort_id`, direction: 'desc', type: 'text' },
    ],
    toNode: (row) => {
      const source = row.source as HistorySource;
      const kind = historyKind(source);
      return { source, row: decodeRow(kind.shape, keys.get(source)!, row, prefix(source)) };
    },
  };
}
