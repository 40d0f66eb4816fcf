/**
 * `Order.actionLogs`: newest first (`created_at desc, id desc`), optionally only some keys. One
 * statement serves every order of a request that asks with the same arguments.
 */
import { sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { actionLogs } from '../../db/schema.js';
import { mapRow, selectColumns } from '../../db/rows.js';
import { builder } from '../builder.js';
import type { ConnectionArgs } from '../pagination/args.js';
import { parentConnectionLoader } from '../pagination/loader.js';
import { mapConnection, type ListSource } from '../pagination/query.js';
import { connectionArgs, connectionType } from '../pagination/types.js';
import { OrderRef } from '../order/types.js';
import { actionLogEvent, ActionLogRef, type ActionLogEvent } from './event.js';

const ActionLogConnectionRef = connectionType<ActionLogEvent>('ActionLog', ActionLogRef);

interface ActionLogArgs extends ConnectionArgs {
  /** Trimmed, deduplicated and sorted, so equal filters share a loader and a cursor signature. */
  keys: string[] | null;
}

function actionLogList(ctx: Context, keys: string[] | null): ListSource {
  const merchant = sql`a.merchant_id = ${ctx.principal.merchantId}`;
  // Rows written by the importer have trimmed keys already; trimming here also covers any other writer.
  const keyFilter =
    keys === null
      ? null
      : keys.length === 0
        ? sql`false`
        : sql`btrim(a.key) in (${sql.join(keys.map((key) => sql`${key}`), sql`, `)})`;
  return {
    signature: ['order.actionLogs', keys],
    from: sql`action_logs a`,
    select: selectColumns(actionLogs, 'a'),
    where: (parent) => sql.join([merchant, sql`a.order_id = ${parent}`, ...(keyFilter ? [keyFilter] : [])], sql` and `),
    sort: [
      { expr: sql`a.created_at`, direction: 'desc', type: 'timestamptz' },
      { expr: sql`a.id`, direction: 'desc', type: 'text' },
    ],
  };
}

const logsByOrder = parentConnectionLoader((ctx, args: ActionLogArgs) => actionLogList(ctx, args.keys));

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
    resolve: async (order, { keys, ...page }, ctx) => {
      const normalised = keys ? [...new Set(keys.map((key) => key.trim()))].sort() : null;
      const connection = await logsByOrder(ctx, order.id, { ...page, keys: normalised });
      return mapConnection(connection, (row) => actionLogEvent(mapRow(actionLogs, row)));
    },
  }),
);
