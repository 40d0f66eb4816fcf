/**
 * The four history tables as one relation, `tl(source, sort_id, occurred_at, merchant_id,
 * order_id, written_seq, <slots>)`, so the timeline is one keyset list in SQL like any other. Each member of
 * the union reads only the columns the operation's fields need, into typed slots it shares with
 * the other members (`text1`, `jsonb1`, …), so the union is as wide as its widest member rather
 * than all four together. `sort_id` is text that sorts like the upstream id within its source.
 */
import { sql, type SQL } from 'drizzle-orm';
import { historyKind, HISTORY_SOURCES, type HistoryKind, type HistoryNode, type HistorySource } from '../history/event.js';
import { decodeValue, keysFor, type PgType } from '../pagination/columns.js';
import type { RawRow, SortKey } from '../pagination/query.js';
import type { Relation } from '../scoped.js';

export interface HistoryUnion {
  relation: Relation;
  /** The column naming each record's order. */
  order: SQL;
  /** The output columns nodes are read from. */
  select: SQL;
  sort: SortKey[];
  toNode: (row: RawRow) => HistoryNode;
}

interface Member {
  kind: HistoryKind;
  /** Each selected key and the slot it is read into. */
  slots: [key: string, slot: string][];
}

/**
 * The union of `sources` (in their fixed order), reading what `fields` need of each kind;
 * `memberWhere` narrows a member inside the union (action logs by key), where its indexes apply.
 */
export function historyUnion(
  sources: readonly HistorySource[],
  fields: ReadonlySet<string>,
  memberWhere: Partial<Record<HistorySource, SQL>> = {},
): HistoryUnion {
  const widths = new Map<PgType, number>();
  const members: Member[] = HISTORY_SOURCES.filter((source) => sources.includes(source)).map((source) => {
    const kind = historyKind(source);
    const used = new Map<PgType, number>();
    const slots = keysFor(kind.shape, fields).map((key): [string, string] => {
      // The occurrence time is a column of its own already.
      if (key === kind.occurredAtKey) return [key, 'occurred_at'];
      const type = kind.shape.columns[key]!.type;
      const n = (used.get(type) ?? 0) + 1;
      used.set(type, n);
      widths.set(type, Math.max(widths.get(type) ?? 0, n));
      return [key, `${type.replace('[]', '_array')}${n}`];
    });
    return { kind, slots };
  });
  const allSlots = [...widths].flatMap(([type, width]) =>
    Array.from({ length: width }, (_, i) => ({ type, name: `${type.replace('[]', '_array')}${i + 1}` })),
  );
  const selects = members.map(({ kind, slots }) => {
    const filled = new Map(slots.map(([key, slot]) => [slot, kind.shape.columns[key]!.sql]));
    const columns = allSlots.map(({ type, name }) => sql`${filled.get(name) ?? sql`null::${sql.raw(type)}`} as ${sql.identifier(name)}`);
    const occurred = kind.shape.columns[kind.occurredAtKey]!.sql;
    // A literal, not a parameter: the planner then knows each member's source.
    return sql`select ${sql.raw(`'${kind.source}'`)}::text as source, ${kind.sortId} as sort_id, ${occurred} as occurred_at,
        ${kind.relation.merchant} as merchant_id, ${kind.orderColumn} as order_id, ${kind.writtenSeq} as written_seq${sql.join(columns.map((c) => sql`, ${c}`))}
      from ${kind.relation.from}${memberWhere[kind.source] ? sql` where ${memberWhere[kind.source]}` : sql``}`;
  });
  const union = selects.length
    ? sql.join(selects, sql` union all `)
    : sql`select null::text as source, null::text as sort_id, null::timestamptz as occurred_at, null::text as merchant_id,
        null::text as order_id, null::bigint as written_seq where false`;
  const bySource = new Map(members.map((member) => [member.kind.source, member]));
  return {
    relation: { from: sql`(${union}) tl`, merchant: sql`tl.merchant_id` },
    order: sql`tl.order_id`,
    select: sql.join([sql`tl.source`, sql`tl.occurred_at`, ...allSlots.map(({ name }) => sql`tl.${sql.identifier(name)}`)], sql`, `),
    sort: [
      { expr: sql`tl.occurred_at`, direction: 'desc', type: 'timestamptz' },
      { expr: sql`tl.source`, direction: 'asc', type: 'text' },
      { expr: sql`tl.sort_id`, direction: 'desc', type: 'text' },
    ],
    toNode: (raw) => {
      const { kind, slots } = bySource.get(raw.source as HistorySource)!;
      const row: Record<string, unknown> = {};
      for (const [key, slot] of slots) row[key] = decodeValue(kind.shape.columns[key]!.type, raw[slot]);
      return { source: kind.source, row };
    },
  };
}
