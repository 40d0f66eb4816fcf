/**
 * Enums that mirror an upstream string. Each known upstream value becomes its upper-case name, any
 * other value reads as UNKNOWN (the raw string stays readable beside it), so no upstream value
 * ever fails a query.
 */
import type { EnumRef } from '@pothos/core';
import { sql, type SQL } from 'drizzle-orm';
import { builder, type Types } from '../builder.js';

export interface UpstreamEnum<V extends string> {
  ref: EnumRef<Types, string, string>;
  /** The GraphQL value for a raw upstream string (null stays null). */
  fromUpstream(raw: string | null | undefined): `${Uppercase<V>}` | 'UNKNOWN' | null;
  /** The upstream strings a GraphQL value stands for (UNKNOWN stands for none of the known ones). */
  toUpstream(value: string): string[];
  /** SQL: `column` holds one of the GraphQL `values` (an empty list matches nothing). */
  condition(column: SQL, values: readonly string[]): SQL;
  known: readonly V[];
}

export function upstreamEnum<V extends string>(
  name: string,
  known: readonly V[],
  options: { description: string; aliases?: Record<string, V> },
): UpstreamEnum<V> {
  const values = Object.fromEntries(
    [...known.map((value) => value.toUpperCase()), 'UNKNOWN'].map((value) => [value, { value }]),
  );
  const ref = builder.enumType(name, { description: options.description, values }) as EnumRef<Types, string, string>;
  const aliases = options.aliases ?? {};
  const toUpstream = (value: string) => {
    const lower = value.toLowerCase();
    return [lower, ...Object.keys(aliases).filter((alias) => aliases[alias] === lower)];
  };
  return {
    ref,
    known,
    fromUpstream(raw) {
      if (raw == null) return null;
      const value = aliases[raw.trim().toLowerCase()] ?? raw.trim().toLowerCase();
      return (known as readonly string[]).includes(value)
        ? (value.toUpperCase() as `${Uppercase<V>}`)
        : 'UNKNOWN';
    },
    toUpstream,
    condition(column, values) {
      const normalised = sql`lower(trim(${column}))`;
      const list = (items: string[]) => sql.join(items.map((item) => sql`${item}`), sql`, `);
      const wanted = values.filter((v) => v !== 'UNKNOWN').flatMap(toUpstream);
      const parts: SQL[] = [];
      if (wanted.length) parts.push(sql`${normalised} in (${list(wanted)})`);
      if (values.includes('UNKNOWN')) {
        parts.push(sql`(${column} is null or ${normalised} not in (${list(known.flatMap(toUpstream))}))`);
      }
      return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
    },
  };
}
