/**
 * What an operation asks of a field, read from its selection before anything is fetched: which
 * node fields (so a statement reads only their columns), and which of a list's counts, page facts
 * and cursors (so none is computed unasked). Fragments count whatever their type condition: a
 * selection on any member of a union reads that member's columns for every row, which is a superset.
 */
import { Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

type Fragments = Readonly<Record<string, FragmentDefinitionNode>>;

/** The fields selected directly in `sets`, by name (an alias does not change what is read). */
export function childFields(sets: readonly (SelectionSetNode | undefined)[], fragments: Fragments): Map<string, FieldNode[]> {
  const found = new Map<string, FieldNode[]>();
  const visit = (set: SelectionSetNode | undefined, seen: Set<string>) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const list = found.get(selection.name.value);
        if (list) list.push(selection);
        else found.set(selection.name.value, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, seen);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        visit(fragments[selection.name.value]?.selectionSet, seen);
      }
    }
  };
  for (const set of sets) visit(set, new Set());
  return found;
}

const subSelections = (nodes: readonly FieldNode[] | undefined) => (nodes ?? []).map((node) => node.selectionSet);

/** The names of the fields selected under `path` (field names, one level each) of the resolving field. */
export function fieldsAt(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, ...path: string[]): Set<string> {
  let nodes: readonly FieldNode[] = info.fieldNodes;
  for (const step of path) nodes = childFields(subSelections(nodes), info.fragments).get(step) ?? [];
  return new Set(childFields(subSelections(nodes), info.fragments).keys());
}

export interface ListNeeds {
  /** Fields selected on the list's nodes (`edges.node`, `nodes`, or a page's `items`). */
  nodeFields: ReadonlySet<string>;
  totalCount: boolean;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Page facts of the page form (its `pageInfo`), which need the count. */
  pageFacts: boolean;
  /** Any cursor (`edges.cursor`, `pageInfo.startCursor`/`endCursor`): rows then carry their sort keys. */
  cursors: boolean;
  /** A key equal for equal needs, for batching. */
  key: string;
}

const memo = new WeakMap<readonly FieldNode[], ListNeeds>();

/**
 * What a connection or page field's selection asks for. Memoised on the field's nodes, which
 * graphql-js shares between every parent of a list, so 50 orders analyse their lists once.
 */
export function listNeeds(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): ListNeeds {
  const cached = memo.get(info.fieldNodes);
  if (cached) return cached;
  const top = childFields(subSelections(info.fieldNodes), info.fragments);
  const edges = childFields(subSelections(top.get('edges')), info.fragments);
  const pageInfo = childFields(subSelections(top.get('pageInfo')), info.fragments);
  const nodeSets = [...subSelections(edges.get('node')), ...subSelections(top.get('nodes')), ...subSelections(top.get('items'))];
  const nodeFields = [...childFields(nodeSets, info.fragments).keys()].sort();
  const flags = {
    totalCount: top.has('totalCount'),
    hasNextPage: pageInfo.has('hasNextPage'),
    hasPreviousPage: pageInfo.has('hasPreviousPage'),
    pageFacts: top.has('pageInfo'),
    cursors: edges.has('cursor') || pageInfo.has('startCursor') || pageInfo.has('endCursor'),
  };
  const needs: ListNeeds = { nodeFields: new Set(nodeFields), ...flags, key: JSON.stringify([nodeFields, flags]) };
  memo.set(info.fieldNodes, needs);
  return needs;
}
