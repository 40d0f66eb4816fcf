/**
 * Batches a per-order list: every order that asks for the list with the same arguments is served
 * by one statement (see `fetchConnections`), so 50 orders × one list field = one query.
 */
import DataLoader from 'dataloader';
import { perRequest, type Context } from '../../context.js';
import type { ConnectionArgs } from './args.js';
import { fetchConnections, type Connection, type ListSource, type RawRow } from './query.js';

/** A key equal for equal argument objects, whatever their key order. */
function stableKey(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableKey).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableKey(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function parentConnectionLoader<A extends ConnectionArgs>(
  source: (ctx: Context, args: A) => ListSource,
): (ctx: Context, parentId: string, args: A) => Promise<Connection<RawRow>> {
  const byArgs = perRequest(() => new Map<string, DataLoader<string, Connection<RawRow>>>());
  return (ctx, parentId, args) => {
    const key = stableKey(args);
    const loaders = byArgs(ctx);
    let loader = loaders.get(key);
    if (!loader) {
      loader = new DataLoader(async (parents) => {
        const results = await fetchConnections(ctx.database, ctx.db, source(ctx, args), parents, args);
        return parents.map((parent) => results.get(parent)!);
      });
      loaders.set(key, loader);
    }
    return loader.load(parentId);
  };
}
