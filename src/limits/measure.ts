/**
 * Depth and cost of an operation, computed from its document and variables before it runs.
 *
 * Cost counts the objects an operation may return: every object-typed field is 1, and a paginated
 * field (one with `first`/`last`/`perPage`/`itemsPerPage`) multiplies the cost of its list members
 * (`edges`, `nodes`, `items`) by its page size: the argument's value, capped at the largest size
 * the API accepts (a larger one is refused anyway), else the argument's default, else 20.
 * `_entities` multiplies by the number of representations it is given.
 */
import {
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  valueFromAST,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../schema/pagination/args.js';

const PAGE_SIZE_ARGS = ['first', 'last', 'perPage', 'itemsPerPage'];
const LIST_MEMBERS = new Set(['edges', 'nodes', 'items']);

export interface Measure {
  depth: number;
  cost: number;
  /** True when every root field is `__schema`/`__type`/`__typename`. */
  introspectionOnly: boolean;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

function fieldDefinition(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

/** The page size a paginated field asks for, or null when the field is not paginated. */
function pageSize(walk: Walk, definition: GraphQLField<unknown, unknown>, node: FieldNode): number | null {
  const representations = node.arguments?.find((a) => a.name.value === 'representations');
  if (representations && definition.name === '_entities') {
    const value = valueFromAST(representations.value, definition.args[0]!.type, walk.variables);
    return Array.isArray(value) ? value.length : 1;
  }
  const sizeArgs = definition.args.filter((arg) => PAGE_SIZE_ARGS.includes(arg.name));
  if (sizeArgs.length === 0) return null;
  let size: number | null = null;
  for (const arg of sizeArgs) {
    const given = node.arguments?.find((a) => a.name.value === arg.name);
    const value = given ? valueFromAST(given.value, arg.type, walk.variables) : arg.defaultValue;
    if (typeof value === 'number' && Number.isFinite(value)) size = Math.max(size ?? 0, value);
  }
  return Math.min(Math.max(size ?? DEFAULT_PAGE_SIZE, 0), MAX_PAGE_SIZE);
}

function measureSet(walk: Walk, set: SelectionSetNode, type: GraphQLCompositeType, seen: Set<string>): { depth: number; cost: number; members: number } {
  let depth = 0;
  let cost = 0;
  let members = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (name.startsWith('__')) {
        // Introspection: counted for depth only (it returns schema, not data).
        if (selection.selectionSet) {
          depth = Math.max(depth, 1 + introspectionDepth(walk, selection.selectionSet, seen));
        } else depth = Math.max(depth, 1);
        continue;
      }
      const definition = fieldDefinition(type, name);
      const fieldType = definition ? getNamedType(definition.type) : undefined;
      if (!definition || !selection.selectionSet || !fieldType || !isCompositeType(fieldType)) {
        depth = Math.max(depth, 1);
        continue;
      }
      const inner = measureSet(walk, selection.selectionSet, fieldType, seen);
      const size = pageSize(walk, definition, selection);
      const own = size === null ? 1 + inner.cost : 1 + inner.cost - inner.members + size * inner.members;
      depth = Math.max(depth, 1 + inner.depth);
      cost += own;
      if (LIST_MEMBERS.has(name)) members += own;
      continue;
    }
    const fragment =
      selection.kind === Kind.INLINE_FRAGMENT ? selection : walk.fragments.get(selection.name.value);
    if (!fragment || (selection.kind === Kind.FRAGMENT_SPREAD && seen.has(selection.name.value))) continue;
    const condition = fragment.typeCondition ? walk.schema.getType(fragment.typeCondition.name.value) : type;
    if (!condition || !isCompositeType(condition)) continue;
    const nextSeen = selection.kind === Kind.FRAGMENT_SPREAD ? new Set([...seen, selection.name.value]) : seen;
    const inner = measureSet(walk, fragment.selectionSet, condition, nextSeen);
    depth = Math.max(depth, inner.depth);
    cost += inner.cost;
    members += inner.members;
  }
  return { depth, cost, members };
}

/** Depth of an introspection selection (no types needed: every field counts one level). */
function introspectionDepth(walk: Walk, set: SelectionSetNode, seen: Set<string>): number {
  let depth = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      depth = Math.max(depth, 1 + (selection.selectionSet ? introspectionDepth(walk, selection.selectionSet, seen) : 0));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      depth = Math.max(depth, introspectionDepth(walk, selection.selectionSet, seen));
    } else if (!seen.has(selection.name.value)) {
      const fragment = walk.fragments.get(selection.name.value);
      if (fragment) depth = Math.max(depth, introspectionDepth(walk, fragment.selectionSet, new Set([...seen, selection.name.value])));
    }
  }
  return depth;
}

export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: readonly FragmentDefinitionNode[],
  variables: Record<string, unknown> | null | undefined,
): Measure {
  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  const walk: Walk = { schema, fragments: new Map(fragments.map((f) => [f.name.value, f])), variables: variables ?? {} };
  const { depth, cost } = root ? measureSet(walk, operation.selectionSet, root, new Set()) : { depth: 0, cost: 0 };
  const introspectionOnly = operation.selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && selection.name.value.startsWith('__'),
  );
  return { depth, cost, introspectionOnly };
}
