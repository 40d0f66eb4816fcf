/**
 * `Order.actionLogs`: newest first (`created_at desc, id desc`), optionally only some keys. One
 * statement serves every order of a request that asks with the same arguments and selection.
 */
import { sql } from 'drizzle-orm';
import { builder } from '../builder.js';
import { decodeRow, keysFor, selectList } from '../pagination/columns.js';
import type { ConnectionArgs } from '../pagination/args.js';
import { nestedList } from '../pagination/loader.js';
import { connectionArgs, connectionType } from '../pagination/types.js';
import { OrderRef } from '../order/types.js';
import { ACTION_LOG_KIND, ACTION_LOG_SHAPE, type ActionLogNode } from './event.js';
import { ActionLogRef } from './types.js';

const ActionLogConnectionRef = connectionType<ActionLogNode>('ActionLog', ActionLogRef);

interface ActionLogArgs extends ConnectionArgs {
  /** Trimmed, deduplicated and sorted, so equal filters share a loader and a cursor scope. */
  keys: string[] | null;
}

const logsByOrder = nestedList<ActionLogArgs, ActionLogNode>((_ctx, { keys }, needs) => {
  const columns = keysFor(ACTION_LOG_SHAPE, needs.nodeFields);
  // Rows written by the importer have trimmed keys already; trimming here also covers any other writer.
  const keyFilter =
    keys === null ? [] : keys.length === 0 ? [sql`false`] : [sql`btrim(a.key) in (${sql.join(keys.map((key) => sql`${key}`), sql`, `)})`];
  return {
    name: 'Order.actionLogs', key: [keys],
    relation: ACTION_LOG_KIND.relation,
    parent: ACTION_LOG_KIND.orderColumn,
    where: keyFilter,
    sort: [
      { expr: sql`a.created_at`, direction: 'desc', type: 'timestamptz' },
      { expr: sql`a.id`, direction: 'desc', type: 'text' },
    ],
    select: selectList(ACTION_LOG_SHAPE, columns),
    toNode: (row) => ({ source: 'ACTION_LOG', row: decodeRow(ACTION_LOG_SHAPE, columns, row) }),
  };
});

builder.objectField(OrderRef, 'actionLogs', (t) =>
  t.field({
    type: ActionLogConnectionRef,
    description: "The order's action logs, newest first.",
    args: {
      keys: t.arg.stringList({
        required: false,
        description: 'Only logs with these keys (trimmed, e.g. "updated_status"); an empty list matches none.',
      }),
      ...connectionArgs(t.arg),
    },
    resolve: (order, { keys, ...page }, ctx, info) => {
      const normalised = keys ? [...new Set(keys.map((key) => key.trim()))].sort() : null;
      return logsByOrder(ctx, order.id, { ...page, keys: normalised }, info);
    },
  }),
);
