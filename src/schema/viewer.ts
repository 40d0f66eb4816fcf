/**
 * `viewer`: who the request's key is.
 */
import type { Principal } from '../context.js';
import { builder } from './builder.js';

const KeyRoleRef = builder.enumType('KeyRole', {
  description: 'What a key may do: read (viewer), or also add trace messages (editor).',
  values: { VIEWER: { value: 'viewer' }, EDITOR: { value: 'editor' } } as const,
});

const ViewerRef = builder.objectRef<Principal>('Viewer').implement({
  description: 'The API key a request carries.',
  fields: (t) => ({
    merchantId: t.exposeID('merchantId', { description: 'The merchant whose data the key sees.' }),
    role: t.field({ type: KeyRoleRef, description: "The key's role.", resolve: (p) => p.role }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({ type: ViewerRef, description: 'Who the request\'s key is.', resolve: (_root, _args, ctx) => ctx.principal }),
);
