/**
 * `viewer`: who the request's key is.
 */
import type { Principal } from '../context.js';
import { builder } from './builder.js';

const KeyRoleRef = builder.enumType('KeyRole', {
  values: { VIEWER: { value: 'viewer' }, EDITOR: { value: 'editor' } } as const,
});

const ViewerRef = builder.objectRef<Principal>('Viewer').implement({
  description: 'The API key a request carries.',
  fields: (t) => ({
    merchantId: t.exposeID('merchantId'),
    role: t.field({ type: KeyRoleRef, resolve: (p) => p.role }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({ type: ViewerRef, resolve: (_root, _args, ctx) => ctx.principal }),
);
