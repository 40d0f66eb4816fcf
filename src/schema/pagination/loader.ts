/**
 * Batches a list nested under a parent: every parent that asks for the list with the same
 * arguments and the same selection is served by one statement (see `fetchConnections`), so 50
 * orders × one list field = one query.
 */
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { perRequest, type Context } from '../../context.js';
import { cursorWindow, type ConnectionArgs } from './args.js';
import { fetchConnections, type Connection, type ListSource } from './query.js';
import { listNeeds, type ListNeeds } from './selection.js';

export type NestedList<A extends ConnectionArgs, Node> = (
  ctx: Context,
  parentId: string,
  args: A,
  info: GraphQLResolveInfo,
) => Promise<Connection<Node>>;

/**
 * Declares a nested list from its source. `define` gets the list's own arguments and what the
 * selection needs; the page arguments are checked once, before anything is batched.
 */
export function nestedList<A extends ConnectionArgs, Node>(
  define: (ctx: Context, args: A, needs: ListNeeds) => ListSource<Node>,
): NestedList<A, Node> {
  const byKey = perRequest(() => new Map<string, DataLoader<string, Connection<Node>>>());
  return (ctx, parentId, args, info) => {
    cursorWindow(args); // an out-of-range `first` is refused here, once per field
    const needs = listNeeds(info);
    // Equal arguments come in the same key order from one field, so JSON text tells them apart.
    const key = `${needs.key}${JSON.stringify(args)}`;
    const loaders = byKey(ctx);
    let loader = loaders.get(key);
    if (!loader) {
      const source = define(ctx, args, needs);
      loader = new DataLoader(async (parents) => {
        const results = await fetchConnections(ctx, source, parents, args, needs);
        return parents.map((parent) => results.get(parent)!);
      });
      loaders.set(key, loader);
    }
    return loader.load(parentId);
  };
}
