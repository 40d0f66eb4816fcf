/**
 * Bearer-key authentication, checked before a GraphQL request is parsed, so a request without a
 * valid key gets HTTP 401 and nothing else. The GraphiQL page and CORS preflights need no key.
 */
import { shouldRenderGraphiQL, type Plugin } from 'graphql-yoga';
import type { KeyCache } from '../auth/key-cache.js';
import type { Principal } from '../context.js';
import { unauthenticated } from '../errors.js';

const principals = new WeakMap<Request, Principal>();

/** The principal `useBearerAuth` found for this request. */
export function principalOf(request: Request): Principal {
  const principal = principals.get(request);
  if (!principal) throw unauthenticated('This request was not authenticated.');
  return principal;
}

function refuse(message: string): Response {
  const body = { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] };
  return new Response(JSON.stringify(body), {
    status: 401,
    headers: { 'content-type': 'application/json; charset=utf-8', 'www-authenticate': 'Bearer' },
  });
}

export function useBearerAuth(keys: KeyCache, graphqlEndpoint: string, graphiql: boolean): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname !== graphqlEndpoint) return;
      if (request.method !== 'GET' && request.method !== 'POST') return;
      if (graphiql && shouldRenderGraphiQL(request)) return;
      const key = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1];
      if (!key) return endResponse(refuse('Send an API key: `Authorization: Bearer <key>`.'));
      const principal = await keys.find(key);
      if (!principal) return endResponse(refuse('This API key is not known; check it or create one with `npm run key:create`.'));
      principals.set(request, principal);
    },
  };
}
