/**
 * Bearer-key authentication, checked before a GraphQL request is parsed, so a request without a
 * valid key gets HTTP 401 and nothing else. The GraphiQL page and CORS preflights need no key.
 */
import { shouldRenderGraphiQL, type Plugin } from 'graphql-yoga';
import type { KeyCache } from '../auth/key-cache.js';
import type { Principal } from '../context.js';
import { isUnavailable, RETRY_AFTER_SECONDS } from '../db/unavailable.js';
import { UNAVAILABLE_MESSAGE, unauthenticated } from '../errors.js';
import type { Logger } from '../observability/log.js';
import { requestInfo } from '../observability/request-info.js';
import { loggable } from './masking.js';

const principals = new WeakMap<Request, Principal>();

/** The principal `useBearerAuth` found for this request, if it found one. */
export const principalIfAny = (request: Request): Principal | undefined => principals.get(request);

/** Marks `request` as made by `principal` (a WebSocket's operations, whose key was checked when it opened). */
export function authenticateAs(request: Request, principal: Principal): void {
  principals.set(request, principal);
}

/** The key of an `Authorization: Bearer <key>` value, if it is one. */
export const bearerKey = (authorization: unknown): string | undefined =>
  typeof authorization === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] : undefined;

/** The principal `useBearerAuth` found for this request. */
export function principalOf(request: Request): Principal {
  const principal = principals.get(request);
  if (!principal) throw unauthenticated('This request was not authenticated.');
  return principal;
}

/** A GraphQL-shaped JSON answer that ends the request before anything is parsed. */
export function errorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  const body = { errors: [{ message, extensions: { code } }] };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

const refuse = (message: string) => errorResponse(401, 'UNAUTHENTICATED', message, { 'www-authenticate': 'Bearer' });

export function useBearerAuth(keys: KeyCache, graphqlEndpoint: string, logger: Logger): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname !== graphqlEndpoint) return;
      if (request.method !== 'GET' && request.method !== 'POST') return;
      if (shouldRenderGraphiQL(request)) return;
      const key = bearerKey(request.headers.get('authorization'));
      if (!key) return endResponse(refuse('Send an API key: `Authorization: Bearer <key>`.'));
      let principal;
      try {
        principal = await keys.find(key);
      } catch (error) {
        // Answered here, not by Yoga's default for a failing hook (a 500 with the stack).
        if (isUnavailable(error)) {
          return endResponse(errorResponse(503, 'SERVICE_UNAVAILABLE', UNAVAILABLE_MESSAGE, { 'retry-after': String(RETRY_AFTER_SECONDS) }));
        }
        logger.error({ reqId: requestInfo(request).id, error: loggable(error) }, 'unexpected error while checking an API key');
        return endResponse(errorResponse(500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.'));
      }
      if (!principal) return endResponse(refuse('This API key is not known; check it or create one with `npm run key:create`.'));
      principals.set(request, principal);
    },
  };
}
