/**
 * Federation entities and the `_entities` field that resolves them.
 *
 * The federation plugin's own `_entities` trusts every representation: a missing or unknown
 * `__typename`, a missing `id` or a representation that is not an object each end in a plain
 * `Error` (or a DataLoader `TypeError`) that the server masks as `Unexpected error.`. This module
 * defines `_entities` itself (the plugin lets the Query type's own fields win) and checks the whole
 * batch before any representation is resolved, so a malformed one is refused with BAD_USER_INPUT
 * and a message naming its index and what to send. Resolution itself is unchanged: each entity's
 * `resolveReference`, called through @apollo/subgraph's `entitiesResolver` as the plugin does.
 */
import { entitiesResolver } from '@apollo/subgraph/dist/types.js';
import type { ObjectRef } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { builder, type Types } from './builder.js';

type MaybePromise<T> = T | Promise<T>;

interface EntityEntry {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ref: ObjectRef<Types, any>;
  key: readonly string[];
}

/** Entity type name → its ref and key fields; filled as domain modules load, read when the schema builds. */
const entities = new Map<string, EntityEntry>();

/**
 * Declares `ref` a federation entity (`@key(fields: "<key fields>")`) whose key fields are IDs,
 * resolved by `resolveReference` from a representation already checked to carry each as a string.
 */
export function federatedEntity<Shape, const Key extends string>(
  ref: ObjectRef<Types, Shape>,
  options: {
    key: readonly Key[];
    resolveReference: (reference: { [K in Key]: string }, ctx: Context, info: GraphQLResolveInfo) => MaybePromise<Shape | null>;
  },
): void {
  entities.set(ref.name, { ref, key: options.key });
  builder.asEntity(ref as ObjectRef<Types, unknown>, {
    key: builder.selection<{ [K in Key]: string }>(options.key.join(' ') as never),
    resolveReference: (reference, ctx, info) => options.resolveReference(reference, ctx, info) as MaybePromise<never>,
  });
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function example(typename: string, key: readonly string[]): string {
  return `{"__typename": "${typename}", ${key.map((field) => `"${field}": "<${typename.toLowerCase()} ${field}>"`).join(', ')}}`;
}

/** Why `representation` cannot be resolved, as an instruction, or null when it can. */
function representationProblem(representation: unknown, index: number): string | null {
  const at = `representations[${index}]`;
  const names = [...entities.keys()];
  const known = names.map((name) => `"${name}"`).join(', ');
  const sample = names[0] ? example(names[0], entities.get(names[0])!.key) : '{"__typename": "..."}';
  if (representation === null || typeof representation !== 'object' || Array.isArray(representation)) {
    return `${at} is ${kindOf(representation)}; send an object such as ${sample}.`;
  }
  const fields = representation as Record<string, unknown>;
  const typename = fields.__typename;
  if (typename === undefined) return `${at} has no "__typename"; add one of ${known}, e.g. ${sample}.`;
  if (typeof typename !== 'string') return `${at} has "__typename" as ${kindOf(typename)}; send one of ${known} as a string.`;
  const entity = entities.get(typename);
  if (!entity) return `${at} has "__typename": "${typename}", which is not an entity of this subgraph; use one of ${known}.`;
  for (const field of entity.key) {
    const value = fields[field];
    if (value === undefined || value === null) {
      return `${at} (${typename}) has no "${field}"; add the ${typename.toLowerCase()}'s ${field} as a string, e.g. ${example(typename, entity.key)}.`;
    }
    if (typeof value !== 'string') {
      return `${at} (${typename}) has "${field}" as ${kindOf(value)}; send it as a string, e.g. ${example(typename, entity.key)}.`;
    }
  }
  return null;
}

// `_Any` is not among the builder's declared scalars; it has JSON's shapes (anything in, anything out).
const AnyRef = builder.scalarType('_Any' as 'JSON', {
  description: 'An entity representation: `__typename` and the fields of its key.',
  serialize: (value) => value,
  parseValue: (value) => value,
});

const EntityRef = builder.unionType('_Entity', {
  types: () => [...entities.values()].map((entity) => entity.ref),
  resolveType: (value) => (value as { __typename?: string }).__typename ?? null,
});

builder.queryField('_entities', (t) =>
  t.field({
    type: [EntityRef],
    nullable: { list: false, items: true },
    description: 'Entities by representation, in the order given; null where none is visible to the key.',
    args: { representations: t.arg({ type: [AnyRef], required: true, description: 'Entity representations (`{ __typename id }`), at most `MAX_ENTITIES`.' }) },
    resolve: (_root, { representations }, ctx, info) => {
      representations.forEach((representation, index) => {
        const problem = representationProblem(representation, index);
        if (problem) throw badInput(problem, 'representations');
      });
      return entitiesResolver({ representations, context: ctx, info }) as never;
    },
  }),
);
