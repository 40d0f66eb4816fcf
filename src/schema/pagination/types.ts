/**
 * GraphQL shapes of pagination: `PageInfo`, `OffsetPageInfo`, and factories for each list's
 * `XConnection`/`XEdge` and `XPage` types and arguments.
 */
import type { ArgBuilder, ObjectFieldBuilder, ObjectRef } from '@pothos/core';
import { builder, type Types } from '../builder.js';
import type { Connection, Edge, OffsetPage, OffsetPageInfo, PageInfo } from './query.js';

/** Any output type ref: object, interface or union. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type NodeRef<T> = any & { $inferType?: T };

export const PageInfoRef = builder.objectRef<PageInfo>('PageInfo').implement({
  shareable: true,
  description: 'Where a cursor page sits in its list (Relay).',
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage', { description: 'More items follow the last one of this page.' }),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage', { description: 'More items precede the first one of this page.' }),
    startCursor: t.string({ nullable: true, description: "The first item's cursor; null on an empty page.", resolve: (p) => p.startCursor }),
    endCursor: t.string({ nullable: true, description: "The last item's cursor; null on an empty page.", resolve: (p) => p.endCursor }),
  }),
});

export const OffsetPageInfoRef = builder.objectRef<OffsetPageInfo>('OffsetPageInfo').implement({
  shareable: true,
  description: 'Facts of one numbered page; positions are 1-based and null on an empty page.',
  fields: (t) => ({
    page: t.exposeInt('page', { description: 'This page, from 1.' }),
    perPage: t.exposeInt('perPage', { description: 'Items per page, as asked.' }),
    totalCount: t.exposeInt('totalCount', { description: 'Items in the whole list.' }),
    totalPages: t.exposeInt('totalPages', { description: 'Pages in the whole list (0 when it is empty).' }),
    isLastPage: t.exposeBoolean('isLastPage', { description: 'No page follows this one.' }),
    firstOnPage: t.exposeInt('firstOnPage', { nullable: true, description: 'The 1-based position of the first item on the page; null on an empty page.' }),
    lastOnPage: t.exposeInt('lastOnPage', { nullable: true, description: 'The 1-based position of the last item on the page; null on an empty page.' }),
  }),
});

/** `XEdge` and `XConnection` for a node type; `extra` adds list-specific fields. */
export function connectionType<T, C extends Connection<T> = Connection<T>>(
  name: string,
  node: NodeRef<T>,
  extra?: (t: ObjectFieldBuilder<Types, C>) => Record<string, unknown>,
): ObjectRef<Types, C> {
  const edge = builder.objectRef<Edge<T>>(`${name}Edge`).implement({
    fields: (t) => ({
      // Signed on demand: a cursor costs an HMAC only when it is selected.
      cursor: t.string({ description: 'Opaque; pass it as `after` or `before`.', resolve: (e) => e.cursor }),
      node: t.field({ type: node, description: 'The item.', resolve: (e) => e.node as never }),
    }),
  });
  return builder.objectRef<C>(`${name}Connection`).implement({
    fields: (t) => ({
      edges: t.field({ type: [edge], description: 'The items with their cursors.', resolve: (c) => c.edges }),
      nodes: t.field({ type: [node], description: 'The items, without cursors.', resolve: (c) => c.nodes as never }),
      pageInfo: t.field({ type: PageInfoRef, description: 'Where this page sits in the list.', resolve: (c) => c.pageInfo }),
      totalCount: t.int({ description: 'Items in the whole list, across pages.', resolve: (c) => c.totalCount }),
      ...(extra?.(t) as object),
    }),
  }) as ObjectRef<Types, C>;
}

/** `XPage` for an item type. */
export function pageType<T>(name: string, item: NodeRef<T>): ObjectRef<Types, OffsetPage<T>> {
  return builder.objectRef<OffsetPage<T>>(`${name}Page`).implement({
    fields: (t) => ({
      items: t.field({ type: [item], description: 'The items on this page.', resolve: (p) => p.items as never }),
      pageInfo: t.field({ type: OffsetPageInfoRef, description: 'Facts of this page.', resolve: (p) => p.pageInfo }),
    }),
  });
}

/** `first/after/last/before`, described once for every connection field. */
export function connectionArgs(t: ArgBuilder<Types>) {
  return {
    first: t.int({ required: false, description: 'Items from the start (0–100; 20 when neither first nor last is given).' }),
    after: t.string({ required: false, description: 'Cursor: items after this one.' }),
    last: t.int({ required: false, description: 'Items from the end (0–100).' }),
    before: t.string({ required: false, description: 'Cursor: items before this one.' }),
  };
}
