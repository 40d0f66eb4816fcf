/**
 * A top-level list in both forms, declared once: the cursor field (`name`) and the page field
 * (`pageName`, reaching at most 10,000 rows deep), over the same list source and arguments.
 */
import type { ArgBuilder, ArgumentRef, InputFieldMap, ObjectRef } from '@pothos/core';
import type { Context } from '../../context.js';
import { builder, type Types } from '../builder.js';
import { pageRequest, type ConnectionArgs } from './args.js';
import { fetchConnection, fetchOffsetPage, type Connection, type ListSource, type OffsetPage } from './query.js';
import { listNeeds, type ListNeeds } from './selection.js';
import { connectionArgs } from './types.js';

export interface TopLevelList<Args, Node> {
  name: string;
  pageName: string;
  /** Upstream's name for the page size: `perPage` or `itemsPerPage`. */
  perPageName: string;
  defaultPerPage: number;
  connection: ObjectRef<Types, Connection<Node>>;
  page: ObjectRef<Types, OffsetPage<Node>>;
  /** What the list is, for descriptions: "The merchant's status history, newest first". */
  description: string;
  /** The list's own arguments (filter, ordering), shared by both forms. */
  args: (arg: ArgBuilder<Types>) => Record<string, ArgumentRef<Types, unknown>>;
  source: (ctx: Context, args: Args, needs: ListNeeds) => ListSource<Node>;
}

export function topLevelList<Args, Node>(list: TopLevelList<Args, Node>): void {
  builder.queryFields((t) => ({
    [list.name]: t.field({
      type: list.connection,
      description: `${list.description}; cursor form.`,
      args: { ...list.args(t.arg), ...connectionArgs(t.arg) } as InputFieldMap,
      resolve: (_root, args, ctx, info) => {
        const needs = listNeeds(info);
        return fetchConnection(ctx, list.source(ctx, args as Args, needs), args as ConnectionArgs, needs);
      },
    }),
    [list.pageName]: t.field({
      type: list.page,
      description: `${list.description}; page form, at most 10,000 rows deep (use \`${list.name}\` beyond).`,
      args: {
        ...list.args(t.arg),
        page: t.arg.int({ required: false, defaultValue: 1, description: 'The page, from 1.' }),
        [list.perPageName]: t.arg.int({ required: false, defaultValue: list.defaultPerPage, description: 'Items per page (1–100).' }),
      } as InputFieldMap,
      resolve: (_root, args, ctx, info) => {
        const values = args as Record<string, number | null | undefined>;
        const request = pageRequest(values.page ?? 1, values[list.perPageName] ?? list.defaultPerPage, list.perPageName, list.name);
        const needs = listNeeds(info);
        return fetchOffsetPage(ctx, list.source(ctx, args as Args, needs), request, needs);
      },
    }),
  }));
}
