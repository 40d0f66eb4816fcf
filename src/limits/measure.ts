/**
 * Depth and cost of an operation, computed from its document and its variables (with their
 * defaults) before it runs, in time linear in the document: each named fragment is measured
 * once, however often it is spread.
 *
 * Cost counts what an operation may make the server do:
 * - every object-typed field is 1 object, and a connection or page multiplies the objects of its
 *   `edges`/`nodes`/`items` by its page size (the argument, capped at the largest accepted, else
 *   its default, else 20); `_entities` multiplies everything it selects by its representations;
 * - every field that runs a statement of its own (a list, a page, a batch of orders, items or
 *   links) adds `statementCost` once per occurrence in the document: batching serves all its
 *   parents with one statement, and work that returns nothing is not free;
 * - introspection: `__schema` costs as many objects as the schema describes, `__type` as its
 *   largest type.
 */
import {
  getNamedType,
  getVariableValues,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  valueFromAST,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../schema/pagination/args.js';

const PAGE_SIZE_ARGS = ['first', 'last', 'perPage', 'itemsPerPage'];
const LIST_MEMBERS = new Set(['edges', 'nodes', 'items']);
/** Types read in batches by a statement of their own wherever a field returns them. */
const LOADED_TYPES = new Set(['Order', 'OrderItem', 'OrderRef']);
const LIST_TYPES = /(Connection|Edge|Page)$/;
export const ENTITIES_FIELD = '_entities';

export interface Measure {
  depth: number;
  cost: number;
  /** Representations `_entities` is asked for (the largest, if it appears more than once). */
  entities: number;
  /** True when every root field is `__schema`/`__type`/`__typename`. */
  introspectionOnly: boolean;
}

interface Part {
  depth: number;
  /** Objects. */
  cost: number;
  /** The objects of the list members (`edges`, `nodes`, `items`) among `cost`. */
  members: number;
  /** Fields that run a statement of their own: counted once each, never multiplied by a list. */
  statements: number;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Each named fragment's measure, made once (and its depth as introspection). */
  measured: Map<string, Part>;
  introspectionDepths: Map<string, number>;
  entities: number;
}

function fieldDefinition(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

const returnsList = (type: GraphQLType): boolean => isListType(isNonNullType(type) ? type.ofType : type);

/** The page size a paginated field asks for, or null when the field is not paginated. */
function pageSize(walk: Walk, definition: GraphQLField<unknown, unknown>, node: FieldNode): number | null {
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

function representations(walk: Walk, definition: GraphQLField<unknown, unknown>, node: FieldNode): number {
  const given = node.arguments?.find((a) => a.name.value === 'representations');
  const value = given && definition.args[0] ? valueFromAST(given.value, definition.args[0].type, walk.variables) : undefined;
  return Array.isArray(value) ? value.length : 1;
}

/**
 * The objects a full introspection of the schema returns, counted once per schema: every type,
 * field, argument, input field and enum value, each field's and argument's type reference (about
 * three objects: non-null, list, named), interfaces and possible types.
 */
const introspectionCosts = new WeakMap<GraphQLSchema, { schema: number; type: number }>();
const TYPE_REFERENCE = 3;

function introspectionCost(schema: GraphQLSchema): { schema: number; type: number } {
  let costs = introspectionCosts.get(schema);
  if (!costs) {
    let total = 0;
    let largest = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      let size = 1;
      if ('getFields' in type) {
        for (const field of Object.values(type.getFields())) {
          size += 1 + TYPE_REFERENCE + ('args' in field ? field.args.length * (1 + TYPE_REFERENCE) : 0);
        }
      }
      if ('getValues' in type) size += type.getValues().length;
      if ('getInterfaces' in type) size += type.getInterfaces().length;
      if (isAbstractType(type)) size += schema.getPossibleTypes(type).length;
      total += size;
      largest = Math.max(largest, size);
    }
    costs = { schema: total + schema.getDirectives().length, type: largest };
    introspectionCosts.set(schema, costs);
  }
  return costs;
}

function measureSet(walk: Walk, set: SelectionSetNode, type: GraphQLCompositeType): Part {
  let depth = 0;
  let cost = 0;
  let members = 0;
  let statements = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (name.startsWith('__')) {
        const { schema, type: oneType } = introspectionCost(walk.schema);
        cost += name === '__schema' ? schema : name === '__type' ? oneType : 0;
        depth = Math.max(depth, 1 + (selection.selectionSet ? introspectionDepth(walk, selection.selectionSet) : 0));
        continue;
      }
      const definition = fieldDefinition(type, name);
      const fieldType = definition ? getNamedType(definition.type) : undefined;
      if (!definition || !selection.selectionSet || !fieldType || !isCompositeType(fieldType)) {
        depth = Math.max(depth, 1);
        continue;
      }
      const inner = measureSet(walk, selection.selectionSet, fieldType);
      let own: number;
      const size = pageSize(walk, definition, selection);
      if (name === ENTITIES_FIELD) {
        const count = representations(walk, definition, selection);
        walk.entities = Math.max(walk.entities, count);
        own = 1 + count * (1 + inner.cost);
        statements += 1;
      } else if (size !== null) {
        own = 1 + inner.cost - inner.members + size * inner.members;
        statements += 1;
      } else {
        own = 1 + inner.cost;
        // A list's own rows (a connection's nodes, a page's items) were read by the list's statement.
        if (LOADED_TYPES.has(fieldType.name) && !LIST_TYPES.test(type.name)) statements += 1;
      }
      depth = Math.max(depth, 1 + inner.depth);
      cost += own;
      statements += inner.statements;
      if (LIST_MEMBERS.has(name) && returnsList(definition.type)) members += own;
      continue;
    }
    let inner: Part;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : type;
      if (!condition || !isCompositeType(condition)) continue;
      inner = measureSet(walk, selection.selectionSet, condition);
    } else {
      const name = selection.name.value;
      const cached = walk.measured.get(name);
      if (cached) inner = cached;
      else {
        const fragment = walk.fragments.get(name);
        const condition = fragment ? walk.schema.getType(fragment.typeCondition.name.value) : undefined;
        if (!fragment || !condition || !isCompositeType(condition)) continue;
        // Validation has refused cycles already; the placeholder only guards against a loop.
        walk.measured.set(name, { depth: 0, cost: 0, members: 0, statements: 0 });
        inner = measureSet(walk, fragment.selectionSet, condition);
        walk.measured.set(name, inner);
      }
    }
    depth = Math.max(depth, inner.depth);
    cost += inner.cost;
    members += inner.members;
    statements += inner.statements;
  }
  return { depth, cost, members, statements };
}

/** Depth of an introspection selection (no types needed: every field counts one level). */
function introspectionDepth(walk: Walk, set: SelectionSetNode): number {
  let depth = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      depth = Math.max(depth, 1 + (selection.selectionSet ? introspectionDepth(walk, selection.selectionSet) : 0));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      depth = Math.max(depth, introspectionDepth(walk, selection.selectionSet));
    } else {
      const name = selection.name.value;
      let inner = walk.introspectionDepths.get(name);
      if (inner === undefined) {
        walk.introspectionDepths.set(name, 0); // a cycle (refused by validation) ends here
        const fragment = walk.fragments.get(name);
        inner = fragment ? introspectionDepth(walk, fragment.selectionSet) : 0;
        walk.introspectionDepths.set(name, inner);
      }
      depth = Math.max(depth, inner);
    }
  }
  return depth;
}

export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: readonly FragmentDefinitionNode[],
  rawVariables: Record<string, unknown> | null | undefined,
  statementCost: number,
): Measure {
  const root =
    operation.operation === 'query' ? schema.getQueryType()
    : operation.operation === 'mutation' ? schema.getMutationType()
    : schema.getSubscriptionType();
  // Price what will run: a variable left out takes its default.
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  const walk: Walk = {
    schema,
    fragments: new Map(fragments.map((f) => [f.name.value, f])),
    variables: coerced.coerced ?? rawVariables ?? {},
    measured: new Map(),
    introspectionDepths: new Map(),
    entities: 0,
  };
  const part = root ? measureSet(walk, operation.selectionSet, root) : { depth: 0, cost: 0, statements: 0 };
  const { depth } = part;
  const cost = part.cost + part.statements * statementCost;
  const introspectionOnly = operation.selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && selection.name.value.startsWith('__'),
  );
  return { depth, cost, entities: walk.entities, introspectionOnly };
}
